// Package faults tells failures of the platform's dependencies (DynamoDB,
// Cognito, S3, SQS) apart from everything else: a dependency that cannot be
// reached, does not answer in time or refuses work because of load. The
// HTTP error writer answers those 503 with Retry-After instead of 500 (the
// client did nothing wrong and the same request will succeed later), and
// the SDK's retries, bounded in shared/awsclient, have already been spent
// when an error gets here. See docs/decisions/0009-faults-and-retries.md.
package faults

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"syscall"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Kind is the class of a dependency failure.
type Kind int

// Kinds, from the most to the least specific.
const (
	// None: not a dependency failure (a bug, a validation error...).
	None Kind = iota
	// Throttled: the dependency refused the request because of load
	// (DynamoDB ThrottlingException, S3 SlowDown, Cognito
	// TooManyRequestsException).
	Throttled
	// Unavailable: the dependency could not be reached (connection refused
	// or reset) or answered with a server error (5xx).
	Unavailable
	// TimedOut: the dependency did not answer in time.
	TimedOut
)

func (k Kind) String() string {
	switch k {
	case Throttled:
		return "throttled"
	case Unavailable:
		return "unavailable"
	case TimedOut:
		return "timeout"
	}
	return "none"
}

// RetryAfter is the wait, in seconds, the answer suggests to the client:
// throttling clears within a second or two; a stopped or restarting
// dependency takes longer. Zero for None.
func (k Kind) RetryAfter() int {
	switch k {
	case Throttled:
		return 2
	case Unavailable, TimedOut:
		return 5
	}
	return 0
}

// throttleCodes are the AWS error codes of a request refused because of
// load. LimitExceededException is left out on purpose: Cognito uses it for
// one user's too-frequent requests (a 429 the directory maps itself), not
// for the service being overloaded.
var throttleCodes = map[string]bool{
	"Throttling":                             true,
	"ThrottlingException":                    true,
	"ThrottledException":                     true,
	"RequestThrottled":                       true,
	"RequestThrottledException":              true,
	"TooManyRequestsException":               true,
	"ProvisionedThroughputExceededException": true,
	"RequestLimitExceeded":                   true,
	"BandwidthLimitExceeded":                 true,
	"SlowDown":                               true,
	"TransactionInProgressException":         true,
	"PriorRequestNotComplete":                true,
}

// unavailableCodes are the AWS error codes of a failure on the service's
// side that a later retry may not meet.
var unavailableCodes = map[string]bool{
	"InternalServerError":         true, // DynamoDB
	"InternalFailure":             true,
	"InternalError":               true, // S3
	"InternalErrorException":      true, // Cognito
	"ServiceUnavailable":          true,
	"ServiceUnavailableException": true,
	"ServiceException":            true,
	"RequestTimeout":              true,
	"RequestTimeoutException":     true,
}

// Classify returns the kind of dependency failure err is, or None. It
// looks through wrapping (fmt.Errorf %w, errors.Join, the SDK's operation
// and retry errors), so a store may add context to the error it returns.
func Classify(err error) Kind {
	if err == nil {
		return None
	}
	// A transaction DynamoDB cancelled because one of its items was
	// throttled: the SDK does not retry it, the client may.
	var cancelled *ddbtypes.TransactionCanceledException
	if errors.As(err, &cancelled) {
		for _, r := range cancelled.CancellationReasons {
			if c := r.Code; c != nil && (*c == "ThrottlingError" || *c == "ProvisionedThroughputExceeded") {
				return Throttled
			}
		}
		return None
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		switch code := apiErr.ErrorCode(); {
		case throttleCodes[code]:
			return Throttled
		case unavailableCodes[code]:
			return Unavailable
		}
	}
	// An answer without a known code: a 5xx is the service's fault.
	var resp *smithyhttp.ResponseError
	if errors.As(err, &resp) {
		switch s := resp.HTTPStatusCode(); {
		case s == http.StatusTooManyRequests:
			return Throttled
		case s >= 500:
			return Unavailable
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return TimedOut
	}
	// The retry quota is spent: the client stopped retrying because recent
	// calls kept failing (errors.Join keeps the last failure beside it,
	// classified above when it was one of ours).
	var quota ratelimit.QuotaExceededError
	if errors.As(err, &quota) {
		return Unavailable
	}
	// The request could not be sent or its answer not read: refused or
	// reset connection, closed by the peer, timed out.
	var send *smithyhttp.RequestSendError
	var timeout interface{ Timeout() bool }
	switch {
	case errors.As(err, &timeout) && timeout.Timeout():
		return TimedOut
	case errors.As(err, &send):
		return Unavailable
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return Unavailable
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return Unavailable
	}
	// A response cut short (the service stopped while answering).
	var deser *smithy.DeserializationError
	if errors.As(err, &deser) && (errors.Is(deser.Err, io.ErrUnexpectedEOF) || errors.Is(deser.Err, io.EOF)) {
		return Unavailable
	}
	return None
}
