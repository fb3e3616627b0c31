package integration

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"lms/infra/demo"
	"lms/infra/localgw"
	"lms/shared/ids"
	"lms/shared/s3events"
)

// An object put under raw/ with a presigned URL reaches transcode and index
// as the template wires it (bucket -> SNS topic -> both functions), each
// with a well-formed S3 event; an object under derived/ reaches neither.
func TestRawUploadInvokesTranscodeAndIndex(t *testing.T) {
	ctx := context.Background()
	bucket := srv.Resources.Buckets["MaterialsBucket"]
	cl := srv.Stack.Clients().S3

	derivedKey := "derived/" + demo.TenantID + "/" + ids.New(time.Now()) + "/poster.webp"
	if _, err := cl.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(derivedKey), Body: strings.NewReader("webp")}); err != nil {
		t.Fatal(err)
	}

	uploadID := ids.New(time.Now())
	key := "raw/" + demo.TenantID + "/" + uploadID + "/Materi K3 (bab 1).pdf"
	content := "%PDF-1.4 materi keselamatan kerja"
	presigned, err := s3.NewPresignClient(cl).PresignPutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String(bucket), Key: aws.String(key), ContentLength: aws.Int64(int64(len(content))),
	}, s3.WithPresignExpires(15*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(presigned.Method, presigned.URL, strings.NewReader(content))
	for k, vs := range presigned.SignedHeader {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("presigned PUT: %d", resp.StatusCode)
	}

	forUpload := func(inv localgw.Invocation) bool {
		return len(inv.Event.Records) == 1 && strings.Contains(inv.Event.Records[0].SNS.Message, uploadID)
	}
	all := events.waitFor(t, "transcode and index to receive the upload", func(invs []localgw.Invocation) bool {
		seen := map[string]bool{}
		for _, inv := range invs {
			if forUpload(inv) && inv.Err == nil {
				seen[inv.Function] = true
			}
		}
		return seen["TranscodeFunction"] && seen["IndexFunction"]
	})
	for _, inv := range all {
		if strings.Contains(inv.Event.Records[0].SNS.Message, "derived/") {
			t.Errorf("%s was invoked for an object under derived/", inv.Function)
		}
		if !forUpload(inv) {
			continue
		}
		if inv.Attempt != 1 {
			t.Errorf("%s needed %d attempts", inv.Function, inv.Attempt)
		}
		sns := inv.Event.Records[0]
		if sns.EventSource != "aws:sns" || !strings.HasSuffix(sns.SNS.TopicArn, "RawUploadsTopic") {
			t.Errorf("%s: SNS envelope %+v", inv.Function, sns)
		}
		recs, err := s3events.FromSNS(inv.Event)
		if err != nil || len(recs) != 1 {
			t.Fatalf("%s: S3 records %v %v", inv.Function, recs, err)
		}
		r := recs[0]
		if r.EventName != "ObjectCreated:Put" || r.S3.Bucket.Name != bucket || r.S3.Object.Key != key || r.S3.Object.Size != int64(len(content)) {
			t.Errorf("%s: S3 record %+v", inv.Function, r)
		}
		if !strings.Contains(sns.SNS.Message, "Materi+K3+%28bab+1%29.pdf") {
			t.Errorf("%s: the key is not URL-encoded as S3 sends it: %s", inv.Function, sns.SNS.Message)
		}
		k, err := s3events.ParseRawKey(r.S3.Object.Key)
		if err != nil || k.TenantID != demo.TenantID || k.UploadID != uploadID {
			t.Errorf("%s: raw key %+v %v", inv.Function, k, err)
		}
	}
}
