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

	"github.com/aws/aws-lambda-go/events"

	"lms/infra/localgw"
	"lms/shared/appenv"
	"lms/shared/config"
	"lms/shared/lambdahttp"
	"lms/shared/logging"
)

// Every sample event under events/ (named <function>-*.json, for
// `sam local invoke -e`) is accepted by its function's handler.
func TestSampleEventsRunThroughTheirHandlers(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot(), "events", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample events: %v", err)
	}
	env := appenv.Env{Config: config.Config{UserPoolClientID: "example-client-id"}, Log: logging.New(io.Discard, "ERROR", "contract")}
	covered := map[string]bool{}
	for _, file := range files {
		name := filepath.Base(file)
		fn, _, _ := strings.Cut(name, "-")
		id := strings.ToUpper(fn[:1]) + fn[1:] + "Function"
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
			resp, err := lambdahttp.NewInvoker(factory.HTTP(env))(context.Background(), ev)
			if err != nil || resp.StatusCode != http.StatusOK || resp.Headers["X-Lms-Function"] != fn {
				t.Errorf("%s: %d %v %s", name, resp.StatusCode, err, resp.Body)
			}
		case factory.SNS != nil:
			var ev events.SNSEvent
			if err := json.Unmarshal(b, &ev); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if err := factory.SNS(env)(context.Background(), ev); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	for id := range localgw.Functions {
		if !covered[id] {
			t.Errorf("%s has no sample event under events/", id)
		}
	}
}
