package s3events

import (
	"errors"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

const sample = `{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"ap-southeast-3",
 "eventName":"s3:ObjectCreated:Put","s3":{"bucket":{"name":"materials"},
 "object":{"key":"raw/bdtbt/01JDZ3K8W9X4T5Y6Z7A8B9C0D1/Materi+K3+%281%29.pdf","size":1234,"eTag":"abc"}}}]}`

func TestFromSNSNormalises(t *testing.T) {
	recs, err := FromSNS(events.SNSEvent{Records: []events.SNSEventRecord{{SNS: events.SNSEntity{MessageID: "m1", Message: sample}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("records: %d", len(recs))
	}
	r := recs[0]
	if r.EventName != "ObjectCreated:Put" {
		t.Errorf("event name %q", r.EventName)
	}
	if r.S3.Object.Key != "raw/bdtbt/01JDZ3K8W9X4T5Y6Z7A8B9C0D1/Materi K3 (1).pdf" {
		t.Errorf("key %q", r.S3.Object.Key)
	}
	k, err := ParseRawKey(r.S3.Object.Key)
	if err != nil || k.TenantID != "bdtbt" || k.FileName != "Materi K3 (1).pdf" {
		t.Errorf("raw key %+v %v", k, err)
	}
}

func TestTestEventYieldsNothing(t *testing.T) {
	recs, err := FromMessage([]byte(`{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"materials"}`))
	if err != nil || len(recs) != 0 {
		t.Fatalf("test event: %v %v", recs, err)
	}
}

func TestMalformed(t *testing.T) {
	if _, err := FromMessage([]byte(`not json`)); err == nil {
		t.Error("garbage accepted")
	}
	for _, key := range []string{"derived/t/01JDZ3K8W9X4T5Y6Z7A8B9C0D1/a.mp4", "raw/t/not-an-id/a.mp4", "raw/t/01JDZ3K8W9X4T5Y6Z7A8B9C0D1", "raw//01JDZ3K8W9X4T5Y6Z7A8B9C0D1/a", "raw/t/01JDZ3K8W9X4T5Y6Z7A8B9C0D1/../x"} {
		if _, err := ParseRawKey(key); !errors.Is(err, ErrNotRawUpload) {
			t.Errorf("%q: %v", key, err)
		}
	}
}
