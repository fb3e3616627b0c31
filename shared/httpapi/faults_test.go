package httpapi_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"lms/shared/httpapi"
	"lms/shared/logging"
)

// awsFailure is a call that failed after the SDK's retries with the given
// HTTP status and AWS error code, wrapped by a store as stores do.
func awsFailure(status int, code, message string) error {
	api := &smithy.GenericAPIError{Code: code, Message: message}
	resp := &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{
		Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}}, Err: api}}
	return fmt.Errorf("batch: enroll: %w", &smithy.OperationError{ServiceID: "DynamoDB", OperationName: "TransactWriteItems",
		Err: &retry.MaxAttemptsError{Attempt: 4, Err: resp}})
}

// A dependency throttling or unreachable after the SDK's retries is a 503
// service_unavailable with Retry-After, in the caller's language, without
// the AWS text; the cause is logged. Other failures stay 500 without
// Retry-After.
func TestWriteErrorDependencyFaults(t *testing.T) {
	const awsText = "Rate of requests exceeds the allowed throughput"
	tests := []struct {
		name       string
		err        error
		status     int
		code       string
		retryAfter int
	}{
		{"DynamoDB throttling", awsFailure(400, "ThrottlingException", awsText), 503, "service_unavailable", 2},
		{"provisioned throughput", awsFailure(400, "ProvisionedThroughputExceededException", awsText), 503, "service_unavailable", 2},
		{"Cognito too many requests", awsFailure(400, "TooManyRequestsException", awsText), 503, "service_unavailable", 2},
		{"S3 slow down", awsFailure(503, "SlowDown", awsText), 503, "service_unavailable", 2},
		{"unreachable", fmt.Errorf("tenancy: get: %w", &smithyhttp.RequestSendError{Err: errors.New(awsText + ": connection refused")}), 503, "service_unavailable", 5},
		{"a 500 *Error whose cause is a fault", &httpapi.Error{Status: 500, Code: "internal", Cause: awsFailure(500, "InternalServerError", awsText)}, 503, "service_unavailable", 5},
		{"a handler's own 503 gets Retry-After too", httpapi.NewError(http.StatusServiceUnavailable, "certificate_queue_unavailable"), 503, "certificate_queue_unavailable", 5},
		{"a failed condition is not a fault", awsFailure(400, "ConditionalCheckFailedException", awsText), 500, "internal", 0},
		{"a bug is not a fault", errors.New(awsText), 500, "internal", 0},
		{"a 4xx keeps its status", &httpapi.Error{Status: http.StatusConflict, Code: "conflict", Cause: awsFailure(400, "ThrottlingException", awsText)}, 409, "conflict", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, lang := range []string{"", "en"} {
				var logs bytes.Buffer
				rt := httpapi.NewRouter(logging.New(&logs, "INFO", "test"))
				rt.Handle(http.MethodGet, "/x", func(http.ResponseWriter, *http.Request) error { return tc.err })
				req := httptest.NewRequest(http.MethodGet, "/x", nil)
				if lang != "" {
					req.Header.Set("Accept-Language", lang)
				}
				rec := httptest.NewRecorder()
				rt.ServeHTTP(rec, req)
				eb := assertErrorResponse(t, rec, tc.status, tc.code)
				got := rec.Header().Get("Retry-After")
				switch {
				case tc.retryAfter == 0 && got != "":
					t.Errorf("Retry-After %q on a %d", got, tc.status)
				case tc.retryAfter != 0 && got != strconv.Itoa(tc.retryAfter):
					t.Errorf("Retry-After %q, want %d", got, tc.retryAfter)
				}
				if strings.Contains(rec.Body.String(), awsText) || strings.Contains(rec.Body.String(), "Exception") {
					t.Errorf("the answer shows the AWS error: %s", rec.Body.String())
				}
				if tc.code == "service_unavailable" {
					want := "Layanan sedang sibuk atau tidak dapat dihubungi. Coba lagi dalam beberapa detik."
					if lang == "en" {
						want = "The service is busy or cannot be reached. Try again in a few seconds."
					}
					if eb.Error.Message != want {
						t.Errorf("message %q, want %q", eb.Error.Message, want)
					}
				}
				if tc.status >= 500 {
					var logged map[string]any
					for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
						var m map[string]any
						if json.Unmarshal([]byte(line), &m) == nil && m["msg"] == "request failed" {
							logged = m
						}
					}
					if logged == nil {
						t.Fatalf("not logged: %s", logs.String())
					}
					if tc.code == "service_unavailable" && !strings.Contains(fmt.Sprint(logged["error"]), awsText) {
						t.Errorf("the cause is not logged: %v", logged)
					}
				}
			}
		})
	}
}
