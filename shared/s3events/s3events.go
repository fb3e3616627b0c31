// Package s3events reads the S3 notifications that reach the event functions.
//
// S3 refuses two notification configurations with the same event type and
// overlapping prefixes, so the materials bucket publishes raw-upload events to
// one SNS topic and both transcode and index subscribe to it (see
// docs/decisions/0002-raw-upload-fan-out.md). The functions therefore receive
// SNS events whose messages are S3 event documents.
package s3events

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/ids"
)

// RawPrefix is the key prefix browsers upload to.
const RawPrefix = "raw/"

// FromSNS returns the S3 records carried by an SNS event, normalised: event
// names without the "s3:" prefix some S3 implementations add, and object keys
// URL-decoded as S3 encodes them in notifications. S3's configuration test
// events carry no records and yield none.
func FromSNS(e events.SNSEvent) ([]events.S3EventRecord, error) {
	var out []events.S3EventRecord
	for _, r := range e.Records {
		recs, err := FromMessage([]byte(r.SNS.Message))
		if err != nil {
			return nil, fmt.Errorf("s3events: SNS message %s: %w", r.SNS.MessageID, err)
		}
		out = append(out, recs...)
	}
	return out, nil
}

// FromMessage parses one S3 event document.
func FromMessage(msg []byte) ([]events.S3EventRecord, error) {
	var doc struct {
		Records []events.S3EventRecord `json:"Records"`
		Event   string                 `json:"Event"`
	}
	if err := json.Unmarshal(msg, &doc); err != nil {
		return nil, fmt.Errorf("not an S3 event document: %w", err)
	}
	for i := range doc.Records {
		if err := Normalize(&doc.Records[i]); err != nil {
			return nil, err
		}
	}
	return doc.Records, nil
}

// Normalize fixes an S3 record in place.
func Normalize(r *events.S3EventRecord) error {
	r.EventName = strings.TrimPrefix(r.EventName, "s3:")
	// S3 sends the ETag bare; some stand-ins quote it as in HTTP headers.
	r.S3.Object.ETag = strings.Trim(r.S3.Object.ETag, `"`)
	key, err := url.QueryUnescape(r.S3.Object.Key)
	if err != nil {
		return fmt.Errorf("object key %q is not URL-encoded: %w", r.S3.Object.Key, err)
	}
	r.S3.Object.Key = key
	if r.S3.Object.URLDecodedKey == "" {
		r.S3.Object.URLDecodedKey = key
	}
	if r.S3.Bucket.Name == "" || key == "" {
		return errors.New("S3 record without bucket or key")
	}
	return nil
}

// RawKey is the parsed key of a raw upload: raw/{tenantId}/{uploadId}/{file}.
type RawKey struct {
	TenantID string
	UploadID string
	FileName string
}

// ErrNotRawUpload marks a key outside the raw-upload layout: such an event is
// skipped, never retried, since no retry can make it valid.
var ErrNotRawUpload = errors.New("not a raw upload key")

// ParseRawKey checks and splits a raw upload key.
func ParseRawKey(key string) (RawKey, error) {
	if !strings.HasPrefix(key, RawPrefix) {
		return RawKey{}, fmt.Errorf("%w: %q", ErrNotRawUpload, key)
	}
	parts := strings.Split(strings.TrimPrefix(key, RawPrefix), "/")
	if len(parts) != 3 || parts[0] == "" || !ids.Valid(parts[1]) || parts[2] == "" || path.Clean(parts[2]) != parts[2] {
		return RawKey{}, fmt.Errorf("%w: %q", ErrNotRawUpload, key)
	}
	return RawKey{TenantID: parts[0], UploadID: parts[1], FileName: parts[2]}, nil
}

// RawUpload is one object-created event under the raw prefix.
type RawUpload struct {
	Key       RawKey
	Bucket    string
	ObjectKey string
	Size      int64
	ETag      string
	VersionID string
}

// EachRawUpload calls fn for every object-created record of e under the raw
// prefix. Records outside the layout are reported to skip and not retried;
// an error from fn stops and is returned so that Lambda retries the event
// and finally hands it to the dead-letter queue.
func EachRawUpload(e events.SNSEvent, skip func(key string, reason error), fn func(RawUpload) error) error {
	recs, err := FromSNS(e)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if !strings.HasPrefix(r.EventName, "ObjectCreated:") {
			skip(r.S3.Object.Key, fmt.Errorf("event %s is not an object creation", r.EventName))
			continue
		}
		k, err := ParseRawKey(r.S3.Object.Key)
		if err != nil {
			skip(r.S3.Object.Key, err)
			continue
		}
		if err := fn(RawUpload{Key: k, Bucket: r.S3.Bucket.Name, ObjectKey: r.S3.Object.Key,
			Size: r.S3.Object.Size, ETag: r.S3.Object.ETag, VersionID: r.S3.Object.VersionID}); err != nil {
			return err
		}
	}
	return nil
}

// Superseded reports whether an event's object has since been replaced
// under its key: the key's current ETag (from a HEAD, quoted or not)
// differs from the one the event announced. S3 delivers events at least
// once and in no guaranteed order, so an older object's event may arrive
// after a newer one's; the newer object's own event processes what the key
// holds, and the older one is skipped. Unknown ETags never count as
// replaced.
func Superseded(r RawUpload, currentETag string) bool {
	cur := strings.Trim(currentETag, `"`)
	return r.ETag != "" && cur != "" && cur != r.ETag
}
