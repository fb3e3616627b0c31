package localgw

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"lms/infra/samtemplate"
)

// The body versitygw v1.8.0 posts for a PUT, as captured on the local stack.
const versityBody = `{"Records":[{"eventVersion":"2.2","eventSource":"aws:s3","awsRegion":"ap-southeast-3","eventTime":"2026-11-23T03:31:33Z","eventName":"s3:ObjectCreated:Put","userIdentity":{"PrincipalId":"lmslocal"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},"responseElements":{"x-amz-request-id":"","x-amz-id-2":""},"s3":{"s3SchemaVersion":"1.0","configurationId":"webhook-global","bucket":{"name":"materials","ownerIdentity":{"PrincipalId":"lmslocal"},"arn":"arn:aws:s3:::/materials/raw/t/01M837AZYERTAFTAM5YCGFA6J9/Materi K3 (bab 1).pdf"},"object":{"key":"raw/t/01M837AZYERTAFTAM5YCGFA6J9/Materi K3 (bab 1).pdf","size":33,"eTag":"\"145c\"","versionId":null,"sequencer":"2"}},"glacierEventData":{"restoreEventData":{"lifecycleRestorationExpiryTime":"","lifecycleRestoreStorageClass":""}}}]}`

func TestWebhookBodyBecomesAWSShapedRecord(t *testing.T) {
	recs, err := parseWebhook([]byte(versityBody))
	if err != nil || len(recs) != 1 {
		t.Fatalf("parse: %v %v", recs, err)
	}
	r := awsShaped(recs[0])
	if r.EventName != "ObjectCreated:Put" {
		t.Errorf("event name %q", r.EventName)
	}
	if r.S3.Object.Key != "raw/t/01M837AZYERTAFTAM5YCGFA6J9/Materi+K3+%28bab+1%29.pdf" {
		t.Errorf("key %q", r.S3.Object.Key)
	}
	if r.S3.Object.URLDecodedKey != "raw/t/01M837AZYERTAFTAM5YCGFA6J9/Materi K3 (bab 1).pdf" || r.S3.Bucket.Arn != "arn:aws:s3:::materials" {
		t.Errorf("record %+v", r.S3)
	}
	if _, err := parseWebhook([]byte(`{"Records":[{"eventTime":"yesterday"}]}`)); err == nil {
		t.Error("a malformed record was accepted")
	}
	if recs, err := parseWebhook([]byte(`{"Service":"S3","Event":"s3:TestEvent"}`)); err != nil || len(recs) != 0 {
		t.Errorf("test event: %v %v", recs, err)
	}
}

func TestRouteMatchingPrefersLiterals(t *testing.T) {
	g := &Gateway{}
	for _, p := range []string{"/tenants/{tenantId}", "/tenants/{tenantId}/users/{userId}", "/tenants/{tenantId}/users/import", "/health", "/files/{proxy+}"} {
		g.routes = append(g.routes, route{Route: samtemplate.Route{Method: "GET", Path: p}, segments: splitPath(p)})
	}
	sort.SliceStable(g.routes, func(i, j int) bool { return specificity(g.routes[i].segments) > specificity(g.routes[j].segments) })
	cases := []struct {
		path, want string
		params     map[string]string
	}{
		{"/tenants/bdtbt", "/tenants/{tenantId}", map[string]string{"tenantId": "bdtbt"}},
		{"/tenants/bdtbt/users/import", "/tenants/{tenantId}/users/import", map[string]string{"tenantId": "bdtbt"}},
		{"/tenants/bdtbt/users/u1", "/tenants/{tenantId}/users/{userId}", map[string]string{"tenantId": "bdtbt", "userId": "u1"}},
		{"/files/a/b/c", "/files/{proxy+}", map[string]string{"proxy": "a/b/c"}},
		{"/tenants", "", nil},
		{"/tenants//users/u1", "", nil},
		{"/health/extra", "", nil},
	}
	for _, c := range cases {
		rt, params := g.match("GET", c.path)
		got := ""
		if rt != nil {
			got = rt.Path
		}
		if got != c.want || (c.want != "" && !reflect.DeepEqual(params, c.params)) {
			t.Errorf("%s -> %q %v, want %q %v", c.path, got, params, c.want, c.params)
		}
	}
	if rt, _ := g.match("POST", "/health"); rt != nil {
		t.Error("method is not checked")
	}
}

// An event that keeps failing is tried 1 + MaximumRetryAttempts times, then
// written to the dead-letter log named after the template's queue; one that
// succeeds on a retry is not.
func TestAsyncRetriesThenDeadLetter(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	var seen []Invocation
	g := &Gateway{opts: Options{DeadLetterDir: dir, RetryDelay: time.Millisecond, OnEvent: func(i Invocation) {
		mu.Lock()
		seen = append(seen, i)
		mu.Unlock()
	}}}
	g.opts.Log = nil
	g.opts = withDefaults(g.opts)
	failing := &eventFunction{
		fn:      samtemplate.Function{LogicalID: "TranscodeFunction", MaxRetries: 2, DeadLetterQueue: "TranscodeDeadLetterQueue", TimeoutSeconds: 1},
		handler: func(context.Context, events.SNSEvent) error { return errors.New("broken file") },
	}
	calls := 0
	flaky := &eventFunction{
		fn: samtemplate.Function{LogicalID: "IndexFunction", MaxRetries: 2, DeadLetterQueue: "IndexDeadLetterQueue", TimeoutSeconds: 1},
		handler: func(context.Context, events.SNSEvent) error {
			calls++
			if calls == 1 {
				panic("first call crashes")
			}
			return nil
		},
	}
	ev := events.SNSEvent{Records: []events.SNSEventRecord{{SNS: events.SNSEntity{MessageID: "m1", Message: "{}"}}}}
	g.inflight.Add(2)
	g.invokeAsync(failing, ev)
	g.invokeAsync(flaky, ev)

	var attempts []int
	for _, i := range seen {
		if i.Function == "TranscodeFunction" {
			attempts = append(attempts, i.Attempt)
		}
	}
	if !reflect.DeepEqual(attempts, []int{1, 2, 3}) || !seen[2].DeadLettered {
		t.Fatalf("attempts %v, invocations %+v", attempts, seen)
	}
	f, err := os.Open(filepath.Join(dir, "TranscodeDeadLetterQueue.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	lines := 0
	for sc.Scan() {
		lines++
		var line struct {
			Function string
			Error    string
			Event    events.SNSEvent
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil || line.Function != "TranscodeFunction" || line.Error != "broken file" || line.Event.Records[0].SNS.MessageID != "m1" {
			t.Errorf("dead letter %s (%v)", sc.Text(), err)
		}
	}
	if lines != 1 {
		t.Errorf("%d dead letters, want 1", lines)
	}
	if _, err := os.Stat(filepath.Join(dir, "IndexDeadLetterQueue.jsonl")); !os.IsNotExist(err) {
		t.Error("a recovered event was dead-lettered")
	}
	if calls != 2 {
		t.Errorf("flaky handler called %d times, want 2", calls)
	}
}
