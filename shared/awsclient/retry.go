package awsclient

import (
	"math/rand/v2"
	"net"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// Retry settings; docs/decisions/0009-faults-and-retries.md explains each
// value. The aim: a throttled call gets a few quick retries with growing
// waits, and a dependency that is down fails the request in well under a
// second, which the API answers 503 with Retry-After. A dependency that
// hangs is cut by the request's own deadline (shared/lambdahttp), not here:
// a fixed per-call timeout would also cut calls that are merely slow under
// load, and their retries would add to the load.
const (
	// MaxAttempts is the number of attempts of a call (the first and its
	// retries) for Cognito, S3 and SQS: the SDK's default.
	MaxAttempts = 3
	// DynamoDBMaxAttempts: DynamoDB throttles per partition in bursts that
	// clear within a few hundred milliseconds, and its calls are short.
	DynamoDBMaxAttempts = 4
	// RetryBase is the wait before the first retry; it doubles for each
	// further retry, up to RetryMaxWait. The SDK's own backoff waits up to
	// 1, 2, 4... seconds: too slow for a request someone is waiting for,
	// and beyond an API function's timeout after a few retries.
	RetryBase    = 50 * time.Millisecond
	RetryMaxWait = time.Second
	// DialTimeout bounds opening a connection: an AWS endpoint answers a
	// TCP handshake in milliseconds; an unreachable one would otherwise hold
	// a call for the SDK's 30 s.
	DialTimeout = 2 * time.Second
)

// Bound applies the retry settings to cfg: the retryer and the HTTP
// client's dial timeout. Load calls it; tests that build their own
// configuration may too.
func Bound(cfg *aws.Config) {
	cfg.Retryer = func() aws.Retryer { return NewRetryer(MaxAttempts) }
	// Keep what the default configuration set up (a custom CA bundle).
	client, ok := cfg.HTTPClient.(*awshttp.BuildableClient)
	if !ok || client == nil {
		client = awshttp.NewBuildableClient()
	}
	cfg.HTTPClient = client.WithDialerOptions(func(d *net.Dialer) { d.Timeout = DialTimeout })
}

// NewRetryer is the SDK's standard retryer (what it retries, its retry
// quota) with the project's attempts and backoff.
func NewRetryer(maxAttempts int) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = maxAttempts
		o.MaxBackoff = RetryMaxWait
		o.Backoff = Backoff{Base: RetryBase, Max: RetryMaxWait}
	})
}

// Backoff waits between half and all of Base·2^(attempt-1), capped at Max:
// growing waits, spread by jitter so that clients throttled together do not
// retry together, and never shorter than half the step, so each wait is
// longer than the one before (ranges [25, 50), [50, 100), [100, 200) ms).
type Backoff struct {
	Base, Max time.Duration
}

// BackoffDelay implements retry.BackoffDelayer; attempt counts from 1 (the
// wait after the first attempt failed).
func (b Backoff) BackoffDelay(attempt int, _ error) (time.Duration, error) {
	step := b.Max
	if attempt < 1 {
		attempt = 1
	}
	if attempt <= 30 {
		if s := b.Base << (attempt - 1); s > 0 && s < b.Max {
			step = s
		}
	}
	half := step / 2
	return half + rand.N(step-half), nil
}
