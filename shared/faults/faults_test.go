package faults

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// sdkError wraps err as the SDK returns a failed call after its retries:
// operation error > max attempts > response error (with the HTTP status).
func sdkError(status int, err error) error {
	resp := &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{
		Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}}, Err: err}}
	return &smithy.OperationError{ServiceID: "DynamoDB", OperationName: "PutItem", Err: &retry.MaxAttemptsError{Attempt: 4, Err: resp}}
}

func apiError(code string) error {
	return &smithy.GenericAPIError{Code: code, Message: "details AWS gives"}
}

// refused is a real connection-refused error: a dial of a port just closed.
func refused(t *testing.T) error {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = net.Dial("tcp", addr)
	if err == nil {
		t.Skip("the closed port answered")
	}
	return err
}

func TestClassify(t *testing.T) {
	conn := refused(t)
	cases := []struct {
		name string
		err  error
		want Kind
	}{
		{"nil", nil, None},
		{"a bug", errors.New("boom"), None},
		{"DynamoDB throttling", sdkError(400, apiError("ThrottlingException")), Throttled},
		{"DynamoDB provisioned throughput", sdkError(400, apiError("ProvisionedThroughputExceededException")), Throttled},
		{"DynamoDB request limit", sdkError(400, apiError("RequestLimitExceeded")), Throttled},
		{"Cognito too many requests", fmt.Errorf("directory: %w", sdkError(400, apiError("TooManyRequestsException"))), Throttled},
		{"S3 slow down", sdkError(503, apiError("SlowDown")), Throttled},
		{"S3 503 without a known code", sdkError(503, apiError("Whatever")), Unavailable},
		{"DynamoDB internal server error", sdkError(500, apiError("InternalServerError")), Unavailable},
		{"a bare 502", sdkError(502, errors.New("bad gateway")), Unavailable},
		{"a condition failed", sdkError(400, apiError("ConditionalCheckFailedException")), None},
		{"access denied", sdkError(403, apiError("AccessDeniedException")), None},
		{"not found", sdkError(404, apiError("NoSuchKey")), None},
		{"Cognito per-user limit", sdkError(400, apiError("LimitExceededException")), None},
		{"transaction cancelled by a condition", &ddbtypes.TransactionCanceledException{CancellationReasons: []ddbtypes.CancellationReason{
			{Code: aws.String("None")}, {Code: aws.String("ConditionalCheckFailed")}}}, None},
		{"transaction cancelled by throttling", fmt.Errorf("batch: enroll: %w", &ddbtypes.TransactionCanceledException{CancellationReasons: []ddbtypes.CancellationReason{
			{Code: aws.String("None")}, {Code: aws.String("ThrottlingError")}}}), Throttled},
		{"connection refused", &smithy.OperationError{ServiceID: "DynamoDB", OperationName: "GetItem",
			Err: &retry.MaxAttemptsError{Attempt: 4, Err: &smithyhttp.RequestSendError{Err: conn}}}, Unavailable},
		{"connection refused, bare", conn, Unavailable},
		{"send error", &smithyhttp.RequestSendError{Err: io.EOF}, Unavailable},
		{"retry quota spent", errors.Join(&smithyhttp.RequestSendError{Err: conn}, fmt.Errorf("failed to get rate limit token, %w", ratelimit.QuotaExceededError{Available: 0, Requested: 5})), Unavailable},
		{"deadline", &smithy.OperationError{ServiceID: "DynamoDB", OperationName: "Query", Err: &smithy.CanceledError{Err: context.DeadlineExceeded}}, TimedOut},
		{"response cut short", sdkError(200, &smithy.DeserializationError{Err: fmt.Errorf("failed to decode response body, %w", io.ErrUnexpectedEOF)}), Unavailable},
		{"malformed response", sdkError(200, &smithy.DeserializationError{Err: errors.New("invalid character")}), None},
		{"the client went away", &smithy.OperationError{ServiceID: "DynamoDB", OperationName: "Query", Err: &smithy.CanceledError{Err: context.Canceled}}, None},
	}
	for _, c := range cases {
		if got := Classify(c.err); got != c.want {
			t.Errorf("%s: Classify(%v) = %s, want %s", c.name, c.err, got, c.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	if None.RetryAfter() != 0 || Throttled.RetryAfter() < 1 || Unavailable.RetryAfter() < Throttled.RetryAfter() || TimedOut.RetryAfter() < 1 {
		t.Fatalf("retry-after: none %d throttled %d unavailable %d timeout %d",
			None.RetryAfter(), Throttled.RetryAfter(), Unavailable.RetryAfter(), TimedOut.RetryAfter())
	}
}
