package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"lms/infra/demo"
	"lms/infra/localgw"
)

// S3 delivers events at least once and in no guaranteed order. Here the
// raw key of one upload first holds an older object A (a wrong file, sent
// straight to the bucket), then the right one B (the presigned PUT); each
// is processed as it arrives. Then B's event comes twice more at once, and
// A's event once more, late, after B's: transcode and index handle none of
// them again, and what stays reflects B (the upload ready with B's ETag,
// B's text indexed). TestVideoUploadBecomesHLS covers one duplicate of the
// only object; this covers concurrent duplicates and the older ETag late.
func TestS3EventsTwiceAndOutOfOrderHandledOnce(t *testing.T) {
	ctx := context.Background()
	admin := adminToken(t)
	courseID, items := materialCourse(t, admin, "S3-URUT")
	older := makePDF(t, "Versi lama: batubara.")
	newer := makePDF(t, "Versi baru materi: metana dan ventilasi tambang bawah tanah.", "Bab dua: gas berbahaya.")
	if len(older) >= len(newer) {
		t.Fatalf("the older file (%d bytes) must be smaller than the newer (%d)", len(older), len(newer))
	}
	var started startedView
	st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", admin, map[string]any{"purpose": "material", "courseId": courseID,
		"itemId": items["pdf"], "fileName": "modul-gas.pdf", "size": len(newer), "contentType": "application/pdf", "sha256": sha(newer)}, &started)
	expect(t, "start upload", st, raw, http.StatusCreated)
	uploadID := started.Upload.ID
	bucket := srv.Resources.Buckets["MaterialsBucket"]
	key := "raw/" + demo.TenantID + "/" + uploadID + "/modul-gas.pdf"
	cl := srv.Stack.Clients()

	// handled waits until both functions have finished with an event of
	// uploadID carrying etag (and marker, when not empty).
	handled := func(what, etag, marker string, times int) {
		t.Helper()
		events.waitFor(t, what, func(invs []localgw.Invocation) bool {
			done := map[string]int{}
			for _, inv := range invs {
				msg := inv.Event.Records[0].SNS.Message
				if strings.Contains(msg, uploadID) && strings.Contains(msg, etag) && strings.Contains(msg, marker) && (inv.Err == nil || inv.DeadLettered) {
					done[inv.Function]++
				}
			}
			return done["TranscodeFunction"] >= times && done["IndexFunction"] >= times
		})
	}

	// A, then B, each processed in turn.
	putA, err := cl.S3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(older)})
	if err != nil {
		t.Fatal(err)
	}
	etagA := strings.Trim(aws.ToString(putA.ETag), `"`)
	handled("the older object's event", etagA, "", 1)
	if code, _, body := send(t, *started.Put, newer); code != http.StatusOK {
		t.Fatalf("presigned PUT: %d %s", code, body)
	}
	head, err := cl.S3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	etagB := strings.Trim(aws.ToString(head.ETag), `"`)
	if etagA == etagB || etagB == "" {
		t.Fatalf("ETags A %q and B %q", etagA, etagB)
	}
	handled("the newer object's event", etagB, "", 1)
	before := waitUpload(t, admin, uploadID)
	if before.Status != "ready" {
		t.Fatalf("after B: %+v", before)
	}
	text := func() string {
		obj, err := cl.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("derived/" + demo.TenantID + "/" + uploadID + "/text.txt")})
		if err != nil {
			t.Fatalf("indexed text: %v", err)
		}
		defer obj.Body.Close()
		b, _ := io.ReadAll(obj.Body)
		return string(b)
	}
	stored := func(sk, attr string) string {
		out, err := cl.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(srv.Resources.Tables["LmsTable"]), ConsistentRead: aws.Bool(true),
			Key: map[string]ddbtypes.AttributeValue{"PK": &ddbtypes.AttributeValueMemberS{Value: "TENANT#" + demo.TenantID + "#UPLOAD#" + uploadID},
				"SK": &ddbtypes.AttributeValueMemberS{Value: sk}}})
		if err != nil {
			t.Fatal(err)
		}
		v, _ := out.Item[attr].(*ddbtypes.AttributeValueMemberS)
		if v == nil {
			return ""
		}
		return v.Value
	}
	// Index finishes after transcode may have: wait for B's text.
	deadline := time.Now().Add(60 * time.Second)
	for stored("INDEXED", "etag") != etagB && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if got := stored("INDEXED", "etag"); got != etagB || !strings.Contains(text(), "metana") {
		t.Fatalf("after B: index marker %q (B %q), text %q", got, etagB, text())
	}

	// B's event twice at once (two records of one delivery), then A's late.
	record := func(etag, marker string, size int) map[string]any {
		return map[string]any{"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "ap-southeast-3",
			"eventTime": time.Now().UTC().Format(time.RFC3339), "eventName": "s3:ObjectCreated:Put",
			"s3": map[string]any{"s3SchemaVersion": "1.0", "configurationId": marker, "bucket": map[string]any{"name": bucket},
				"object": map[string]any{"key": key, "size": size, "eTag": etag, "sequencer": marker}}}
	}
	deliver := func(recs ...map[string]any) {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"Records": recs})
		resp, err := http.Post(srv.URL+localgw.WebhookPath(srv.WebhookToken), "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("webhook: %d", resp.StatusCode)
		}
	}
	dup := fmt.Sprintf("dup-%d", time.Now().UnixNano())
	deliver(record(etagB, dup, len(newer)), record(etagB, dup, len(newer)))
	handled("B's event delivered twice", etagB, dup, 2)
	late := fmt.Sprintf("late-%d", time.Now().UnixNano())
	deliver(record(etagA, late, len(older)))
	handled("A's event after B's", etagA, late, 1)

	after := waitUpload(t, admin, uploadID)
	if after.Status != "ready" || after.Version != before.Version || after.Attempts != before.Attempts {
		t.Fatalf("the repeated and late events changed the upload: before %+v, after %+v", before, after)
	}
	if got := stored("UPLOAD", "processedEtag"); got != etagB {
		t.Errorf("the upload records ETag %q as processed, want B's %q", got, etagB)
	}
	if got := stored("INDEXED", "etag"); got != etagB {
		t.Errorf("the index marker holds %q, want B's %q", got, etagB)
	}
	if txt := text(); !strings.Contains(txt, "metana") || strings.Contains(txt, "batubara") {
		t.Errorf("the indexed text is not B's: %q", txt)
	}
	var o outlineView
	api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/courses/"+courseID, admin, nil, &o)
	if got := itemStatus(o, items["pdf"]); got != "ready" {
		t.Errorf("item material status %q", got)
	}
}
