package objectstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// Presigned is a request the browser makes itself: the URL and the headers
// it must send as they are (they are part of the signature).
type Presigned struct {
	Method    string            `json:"method"`
	URL       string            `json:"url"`
	Headers   map[string]string `json:"headers"`
	ExpiresAt time.Time         `json:"expiresAt"`
}

func presigned(method, url string, h http.Header, ttl time.Duration) Presigned {
	p := Presigned{Method: method, URL: url, Headers: map[string]string{}, ExpiresAt: time.Now().Add(ttl).UTC()}
	for k, v := range h {
		if k == "Host" || len(v) == 0 {
			continue
		}
		p.Headers[k] = v[0]
	}
	return p
}

// UploadURL is a presigned PUT bound to the object's length, content type
// and SHA-256 (base64): S3 refuses any other body.
func (b Bucket) UploadURL(ctx context.Context, key string, size int64, contentType, sha256Base64 string, ttl time.Duration) (Presigned, error) {
	req, err := b.Presign.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b.Name), Key: aws.String(key),
		ContentLength: aws.Int64(size), ContentType: aws.String(contentType), ChecksumSHA256: aws.String(sha256Base64)},
		s3.WithPresignExpires(ttl))
	if err != nil {
		return Presigned{}, fmt.Errorf("objectstore: presign put %s: %w", key, err)
	}
	return presigned(http.MethodPut, req.URL, req.SignedHeader, ttl), nil
}

// StartMultipart begins a multipart upload and returns S3's upload id.
func (b Bucket) StartMultipart(ctx context.Context, key, contentType string) (string, error) {
	out, err := b.Client.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b.Name), Key: aws.String(key),
		ContentType: aws.String(contentType)})
	if err != nil {
		return "", fmt.Errorf("objectstore: start multipart %s: %w", key, err)
	}
	return aws.ToString(out.UploadId), nil
}

// PartURL is a presigned PUT of one part, bound to its length.
func (b Bucket) PartURL(ctx context.Context, key, uploadID string, part int32, size int64, ttl time.Duration) (Presigned, error) {
	req, err := b.Presign.PresignUploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b.Name), Key: aws.String(key),
		UploadId: aws.String(uploadID), PartNumber: aws.Int32(part), ContentLength: aws.Int64(size)}, s3.WithPresignExpires(ttl))
	if err != nil {
		return Presigned{}, fmt.Errorf("objectstore: presign part %s#%d: %w", key, part, err)
	}
	return presigned(http.MethodPut, req.URL, req.SignedHeader, ttl), nil
}

// Part is an uploaded part as the browser reports it.
type Part struct {
	Number int32  `json:"partNumber"`
	ETag   string `json:"etag"`
}

// ErrInvalidParts means S3 refused to assemble the parts (missing, too
// small, wrong ETag).
var ErrInvalidParts = errors.New("objectstore: the parts do not make the upload")

// CompleteMultipart assembles the parts.
func (b Bucket) CompleteMultipart(ctx context.Context, key, uploadID string, parts []Part) error {
	cp := make([]types.CompletedPart, len(parts))
	for i, p := range parts {
		cp[i] = types.CompletedPart{PartNumber: aws.Int32(p.Number), ETag: aws.String(p.ETag)}
	}
	_, err := b.Client.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b.Name), Key: aws.String(key),
		UploadId: aws.String(uploadID), MultipartUpload: &types.CompletedMultipartUpload{Parts: cp}})
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.ErrorCode() {
		case "InvalidPart", "InvalidPartOrder", "EntityTooSmall", "NoSuchUpload", "MalformedXML":
			return fmt.Errorf("%w: %s", ErrInvalidParts, apiErr.ErrorCode())
		}
	}
	if err != nil {
		return fmt.Errorf("objectstore: complete %s: %w", key, err)
	}
	return nil
}

// AbortMultipart drops a multipart upload's parts (no error if it is gone).
func (b Bucket) AbortMultipart(ctx context.Context, key, uploadID string) error {
	_, err := b.Client.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(b.Name), Key: aws.String(key), UploadId: aws.String(uploadID)})
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode() == "NoSuchUpload" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("objectstore: abort %s: %w", key, err)
	}
	return nil
}

// Info is what S3 says about an object.
type Info struct {
	Size int64
	ETag string
}

// Head reads an object's size and ETag.
func (b Bucket) Head(ctx context.Context, key string) (Info, error) {
	out, err := b.Client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b.Name), Key: aws.String(key)})
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && (apiErr.ErrorCode() == "NotFound" || apiErr.ErrorCode() == "NoSuchKey") {
		return Info{}, ErrNotFound
	}
	if err != nil {
		return Info{}, fmt.Errorf("objectstore: head %s: %w", key, err)
	}
	return Info{Size: aws.ToInt64(out.ContentLength), ETag: aws.ToString(out.ETag)}, nil
}

// Touch copies an object onto itself, which makes S3 announce it again
// (ObjectCreated:Copy): the way to run its processing once more.
func (b Bucket) Touch(ctx context.Context, key string, note string) error {
	_, err := b.Client.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b.Name), Key: aws.String(key),
		CopySource: aws.String(b.Name + "/" + key), MetadataDirective: types.MetadataDirectiveReplace,
		Metadata: map[string]string{"lms-retry": note}})
	if err != nil {
		return fmt.Errorf("objectstore: touch %s: %w", key, err)
	}
	return nil
}

// Download writes an object to a local file, at most limit bytes.
func (b Bucket) Download(ctx context.Context, key, file string, limit int64) (Info, error) {
	out, err := b.Client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b.Name), Key: aws.String(key)})
	var missing *types.NoSuchKey
	if errors.As(err, &missing) {
		return Info{}, ErrNotFound
	}
	if err != nil {
		return Info{}, fmt.Errorf("objectstore: get %s: %w", key, err)
	}
	defer out.Body.Close()
	f, err := os.Create(file)
	if err != nil {
		return Info{}, err
	}
	n, err := io.Copy(f, io.LimitReader(out.Body, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Info{}, fmt.Errorf("objectstore: download %s: %w", key, err)
	}
	if n > limit {
		return Info{}, ErrTooLarge
	}
	return Info{Size: n, ETag: aws.ToString(out.ETag)}, nil
}

// PutFile uploads a local file.
func (b Bucket) PutFile(ctx context.Context, key, file, contentType string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	_, err = b.Client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b.Name), Key: aws.String(key), Body: f,
		ContentLength: aws.Int64(st.Size()), ContentType: aws.String(contentType)})
	if err != nil {
		return fmt.Errorf("objectstore: put %s: %w", key, err)
	}
	return nil
}
