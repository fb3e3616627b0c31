// Package objectstore reads and writes the materials bucket's objects and
// hands out short-lived presigned URLs, so that nothing in the bucket is
// ever public. It hides the S3 client behind what the functions need.
package objectstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Bucket is one S3 bucket.
type Bucket struct {
	Client  *s3.Client
	Presign *s3.PresignClient
	Name    string
}

// New wraps client for bucket name.
func New(client *s3.Client, name string) Bucket {
	return Bucket{Client: client, Presign: s3.NewPresignClient(client), Name: name}
}

// ErrNotFound marks a missing object.
var ErrNotFound = errors.New("objectstore: no such object")

// ErrTooLarge marks an object above the caller's limit.
var ErrTooLarge = errors.New("objectstore: object too large")

// Put writes an object (server-side encrypted, as the bucket policy asks).
func (b Bucket) Put(ctx context.Context, key string, body []byte, contentType string) error {
	_, err := b.Client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b.Name), Key: aws.String(key),
		Body: bytes.NewReader(body), ContentLength: aws.Int64(int64(len(body))), ContentType: aws.String(contentType)})
	if err != nil {
		return fmt.Errorf("objectstore: put %s: %w", key, err)
	}
	return nil
}

// Get reads a whole object of at most limit bytes.
func (b Bucket) Get(ctx context.Context, key string, limit int64) ([]byte, error) {
	out, err := b.Client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b.Name), Key: aws.String(key)})
	var missing *types.NoSuchKey
	if errors.As(err, &missing) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("objectstore: get %s: %w", key, err)
	}
	defer out.Body.Close()
	data, err := io.ReadAll(io.LimitReader(out.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("objectstore: read %s: %w", key, err)
	}
	if int64(len(data)) > limit {
		return nil, ErrTooLarge
	}
	return data, nil
}

// Delete removes an object (no error if it is already gone).
func (b Bucket) Delete(ctx context.Context, key string) error {
	_, err := b.Client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b.Name), Key: aws.String(key)})
	if err != nil {
		return fmt.Errorf("objectstore: delete %s: %w", key, err)
	}
	return nil
}

// DownloadURL is a presigned GET valid for ttl; fileName, if given, makes
// the browser save the file under that name.
func (b Bucket) DownloadURL(ctx context.Context, key string, ttl time.Duration, fileName string) (string, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(b.Name), Key: aws.String(key)}
	if fileName != "" {
		in.ResponseContentDisposition = aws.String(mime.FormatMediaType("attachment", map[string]string{"filename": fileName}))
	}
	req, err := b.Presign.PresignGetObject(ctx, in, s3.WithPresignExpires(ttl))
	if err != nil {
		return "", fmt.Errorf("objectstore: presign %s: %w", key, err)
	}
	return req.URL, nil
}

// URL is DownloadURL under the name delivery.Signer uses.
func (b Bucket) URL(ctx context.Context, key string, ttl time.Duration, fileName string) (string, error) {
	return b.DownloadURL(ctx, key, ttl, fileName)
}
