package lambdahttp_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/httpapi"
	"lms/shared/lambdahttp"
)

// A handler waiting on a dependency that never answers is cut
// DeadlineMargin before the invocation's deadline, and the answer is a 503
// service_unavailable with Retry-After, not a timed-out invocation.
func TestHungHandlerAnswersBeforeTheDeadline(t *testing.T) {
	rt := httpapi.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	rt.Handle(http.MethodGet, "/slow", func(w http.ResponseWriter, r *http.Request) error {
		<-r.Context().Done() // a call that only ends with its context
		return r.Context().Err()
	})
	invoke := lambdahttp.NewInvoker(rt)
	timeout := lambdahttp.DeadlineMargin + 300*time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	start := time.Now()
	resp, err := invoke(ctx, events.APIGatewayV2HTTPRequest{RawPath: "/slow", RequestContext: events.APIGatewayV2HTTPRequestContext{
		HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: http.MethodGet, Path: "/slow"}}})
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Err() != nil || took >= timeout {
		t.Fatalf("answered after %s, at or past the deadline %s", took, timeout)
	}
	var body httpapi.Body
	if resp.StatusCode != http.StatusServiceUnavailable || json.Unmarshal([]byte(resp.Body), &body) != nil ||
		body.Error.Code != "service_unavailable" || resp.Headers["Retry-After"] == "" {
		t.Fatalf("answer %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
	}
}
