// Package delivery hands learners short-lived links to exactly the files
// they may read, and never makes an object public. Processed media
// (derived/...) is signed for CloudFront when the stack has a media signing
// key, and presigned on S3 otherwise (always locally); originals (raw/...)
// are presigned on S3. HLS playlists are served by the API with every
// segment link signed, so a player needs no cookie and no other secret.
package delivery

import (
	"bufio"
	"context"
	"crypto"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/cloudfront/sign"
)

// Signer makes a link to an object of the materials bucket.
type Signer interface {
	// URL links to key for ttl; fileName, if given, makes browsers save
	// the file under that name.
	URL(ctx context.Context, key string, ttl time.Duration, fileName string) (string, error)
}

// CloudFront signs links to the distribution's derived/* behaviour, which
// trusts the media key group.
type CloudFront struct {
	Domain string // e.g. d111111abcdef8.cloudfront.net
	signer *sign.URLSigner
}

// NewCloudFront builds a CloudFront signer from the key pair id and its
// PEM private key (PKCS#1 or PKCS#8).
func NewCloudFront(domain, keyID, privateKeyPEM string) (*CloudFront, error) {
	var key crypto.Signer
	k, err := sign.LoadPEMPrivKey(strings.NewReader(privateKeyPEM))
	if err == nil {
		key = k
	} else if key, err = sign.LoadPEMPrivKeyPKCS8AsSigner(strings.NewReader(privateKeyPEM)); err != nil {
		return nil, fmt.Errorf("delivery: media signing key: %w", err)
	}
	return &CloudFront{Domain: strings.TrimSuffix(strings.TrimPrefix(domain, "https://"), "/"), signer: sign.NewURLSigner(keyID, key)}, nil
}

// URL implements Signer with a canned policy (one object, one expiry).
func (c *CloudFront) URL(_ context.Context, key string, ttl time.Duration, fileName string) (string, error) {
	u := url.URL{Scheme: "https", Host: c.Domain, Path: "/" + key}
	if fileName != "" {
		u.RawQuery = url.Values{"response-content-disposition": {"attachment; filename=\"" + fileName + "\""}}.Encode()
	}
	signed, err := c.signer.Sign(u.String(), time.Now().Add(ttl))
	if err != nil {
		return "", fmt.Errorf("delivery: sign %s: %w", key, err)
	}
	return signed, nil
}

// Split sends derived media to one signer and everything else to another.
type Split struct {
	Derived, Other Signer
}

// URL implements Signer.
func (s Split) URL(ctx context.Context, key string, ttl time.Duration, fileName string) (string, error) {
	if strings.HasPrefix(key, "derived/") {
		return s.Derived.URL(ctx, key, ttl, fileName)
	}
	return s.Other.URL(ctx, key, ttl, fileName)
}

// RewritePlaylist rewrites an HLS playlist for delivery: each URI line (a
// variant playlist, a segment, a key or map URI attribute is not produced
// by our pipeline) is passed to link with its path relative to the
// playlist's folder, and replaced by what link returns. Comment and tag
// lines are kept as they are.
func RewritePlaylist(playlist, dir string, link func(rel string) (string, error)) (string, error) {
	var out strings.Builder
	sc := bufio.NewScanner(strings.NewReader(playlist))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			if strings.Contains(line, "://") || strings.HasPrefix(line, "/") {
				return "", fmt.Errorf("delivery: playlist refers outside its folder: %q", line)
			}
			rel := path.Clean(path.Join(dir, line))
			if rel == ".." || strings.HasPrefix(rel, "../") {
				return "", fmt.Errorf("delivery: playlist refers outside its folder: %q", line)
			}
			u, err := link(rel)
			if err != nil {
				return "", err
			}
			line = u
		}
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return out.String(), sc.Err()
}
