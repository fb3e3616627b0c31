package contract

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"lms/infra/localgw"
	"lms/shared/appenv"
	"lms/shared/clock"
	"lms/shared/config"
	"lms/shared/lambdahttp"
	"lms/shared/logging"
	"lms/shared/s3events"
)

// Every sample event under events/ (named <function>-*.json, for
// `sam local invoke -e`) is accepted by its function's handler.
func TestSampleEventsRunThroughTheirHandlers(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot(), "events", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample events: %v", err)
	}
	env := appenv.Env{Config: config.Config{UserPoolClientID: "example-client-id", WebOrigin: "https://lms.example.go.id"},
		Log: logging.New(io.Discard, "ERROR", "contract"), Clock: clock.System{}}
	covered := map[string]bool{}
	for _, file := range files {
		name := filepath.Base(file)
		fn, _, _ := strings.Cut(name, "-")
		var id string
		for logical := range localgw.Functions {
			if strings.ToLower(strings.TrimSuffix(logical, "Function")) == fn {
				id = logical
			}
		}
		factory, ok := localgw.Functions[id]
		if !ok {
			t.Errorf("%s: no function %s", name, id)
			continue
		}
		covered[id] = true
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case factory.HTTP != nil:
			var ev events.APIGatewayV2HTTPRequest
			if err := json.Unmarshal(b, &ev); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			h, err := factory.HTTP(env)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			resp, err := lambdahttp.NewInvoker(h)(context.Background(), ev)
			if err != nil || resp.StatusCode != http.StatusOK || resp.Headers["X-Lms-Function"] != fn {
				t.Errorf("%s: %d %v %s", name, resp.StatusCode, err, resp.Body)
			}
		case factory.Events != nil && strings.Contains(string(b), `"aws:sns"`):
			var ev events.SNSEvent
			if err := json.Unmarshal(b, &ev); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			// The handlers need the stack (integration tests run them);
			// here the event must carry raw uploads they would take.
			if hs, err := factory.Events(env); err != nil || hs.SNS == nil {
				t.Fatalf("%s: %v", name, err)
			}
			recs, err := s3events.FromSNS(ev)
			if err != nil || len(recs) == 0 {
				t.Fatalf("%s: %v", name, err)
			}
			for _, r := range recs {
				if _, err := s3events.ParseRawKey(r.S3.Object.Key); err != nil || !strings.HasPrefix(r.EventName, "ObjectCreated:") {
					t.Errorf("%s: %s %v", name, r.EventName, err)
				}
			}
		case factory.Events != nil && strings.Contains(string(b), `"Scheduled Event"`):
			var ev events.EventBridgeEvent
			if err := json.Unmarshal(b, &ev); err != nil || ev.DetailType != "Scheduled Event" {
				t.Fatalf("%s: %v", name, err)
			}
			if hs, err := factory.Events(env); err != nil || hs.Schedule == nil {
				t.Fatalf("%s: no schedule handler: %v", name, err)
			}
		case factory.Events != nil:
			// Without AWS here, a well-formed job is attempted and handed
			// back for retry; a malformed one would be dropped instead.
			var ev events.SQSEvent
			if err := json.Unmarshal(b, &ev); err != nil || len(ev.Records) == 0 {
				t.Fatalf("%s: %v", name, err)
			}
			hs, err := factory.Events(env)
			if err != nil || hs.SQS == nil {
				t.Fatalf("%s: %v", name, err)
			}
			h := hs.SQS
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			resp, err := h(ctx, ev)
			cancel()
			if err != nil || len(resp.BatchItemFailures) != len(ev.Records) || resp.BatchItemFailures[0].ItemIdentifier != ev.Records[0].MessageId {
				t.Errorf("%s: %v %+v", name, err, resp)
			}
		}
	}
	for id := range localgw.Functions {
		if !covered[id] {
			t.Errorf("%s has no sample event under events/", id)
		}
	}
}
