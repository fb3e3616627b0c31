package integration

import (
	"net/http"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// awsCalls counts the AWS requests the API functions make, by service and
// operation (DynamoDB and Cognito name it in X-Amz-Target), so tests and
// benchmarks can report requests per operation. The event functions'
// requests are not counted: they run in the background (indexing,
// certificate and competency jobs, notification deliveries, often started
// by an earlier test) and would blur the count of the request under test.
var awsCalls = &callCounter{counts: map[string]int{}}

type callCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

type countingClient struct {
	next aws.HTTPClient
	c    *callCounter
}

func (cc countingClient) Do(r *http.Request) (*http.Response, error) {
	target := r.Header.Get("X-Amz-Target")
	if target == "" {
		target = "S3." + r.Method
	}
	cc.c.mu.Lock()
	cc.c.counts[target]++
	cc.c.mu.Unlock()
	if capacityOn.Load() && strings.HasPrefix(target, "DynamoDB") {
		return measureCapacity(cc.next, r, target) // bench_capacity_test.go
	}
	return cc.next.Do(r)
}

func countAWSCalls(function string, cfg *aws.Config) {
	switch function {
	case "transcode", "index", "certificate", "competencyjobs", "notify":
		return
	}
	cfg.HTTPClient = countingClient{next: cfg.HTTPClient, c: awsCalls}
}

// snapshot returns the counts so far.
func (c *callCounter) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.counts))
	for k, v := range c.counts {
		out[k] = v
	}
	return out
}

// since sums the calls made after before, per service prefix.
func (c *callCounter) since(before map[string]int) (dynamo, cognito int, ops map[string]int) {
	ops = map[string]int{}
	for k, v := range c.snapshot() {
		d := v - before[k]
		if d == 0 {
			continue
		}
		ops[k] = d
		switch {
		case strings.HasPrefix(k, "DynamoDB"):
			dynamo += d
		case strings.HasPrefix(k, "AWSCognitoIdentityProviderService"):
			cognito += d
		}
	}
	return dynamo, cognito, ops
}
