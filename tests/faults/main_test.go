// Package faults tests the product while its dependencies fail: DynamoDB
// throttling (through a proxy in front of DynamoDB Local that answers
// ThrottlingException or hangs), and DynamoDB Local, cognito-local and the
// S3 stand-in stopped in the middle of a stream of API requests, then
// started again under the same running gateway. TestMain starts a local
// stack of its own: the integration tests' stack is never stopped, and the
// gateway sets the SDK's endpoint variables in its process's environment,
// so a second stack needs a process of its own.
package faults

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"lms/infra/devserver"
	"lms/infra/samtemplate"
)

var (
	srv  *devserver.Server
	root string
	// proxy sits in front of DynamoDB Local; the functions' DynamoDB calls
	// go through it while it is engaged (throttling or hanging).
	proxy = newDynamoProxy()
	// functionLog keeps the functions' JSON logs, to check what a failure logged.
	functionLog = &syncBuffer{}
)

func TestMain(m *testing.M) {
	_, file, _, _ := runtime.Caller(0)
	root = filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
	os.Exit(run(m))
}

func run(m *testing.M) int {
	vgw := os.Getenv("LMS_VERSITYGW")
	if vgw == "" {
		// Not under make (go test ./... or make unit): nothing to break.
		fmt.Println("skipping the fault tests: LMS_VERSITYGW is not set (make test runs them with a local stack of their own)")
		return 0
	}
	data, err := os.MkdirTemp("", "lms-faults-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(data)
	var services io.Writer = io.Discard
	var functions io.Writer = functionLog
	if os.Getenv("LMS_TEST_VERBOSE") != "" {
		services, functions = os.Stderr, io.MultiWriter(functionLog, os.Stderr)
	}
	if err := proxy.start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer proxy.close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	srv, err = devserver.Start(ctx, devserver.Options{
		Root: root, DataDir: data, VersityGW: vgw, Addr: "127.0.0.1:0", Log: services, FunctionLog: functions,
		Seed: true, RetryDelay: 20 * time.Millisecond,
		AWSConfig: func(_ string, cfg *aws.Config) {
			cfg.HTTPClient = viaProxy{next: cfg.HTTPClient}
		},
	})
	if err != nil {
		if srv != nil {
			srv.Close()
		}
		fmt.Fprintln(os.Stderr, "starting the local stack:", err)
		return 1
	}
	defer srv.Close()
	return m.Run()
}

// viaProxy sends the functions' DynamoDB requests to the proxy while it is
// engaged, and straight to DynamoDB Local otherwise, so that a stopped
// DynamoDB Local refuses connections as a dead endpoint does.
type viaProxy struct{ next aws.HTTPClient }

func (v viaProxy) Do(r *http.Request) (*http.Response, error) {
	if proxy.engaged() && r.URL.Host == dynamoHost() {
		r.URL.Host = proxy.host()
	}
	return v.next.Do(r)
}

// dynamoHost is DynamoDB Local's host:port (the gateway sets the SDK's
// endpoint variable before it builds the functions).
func dynamoHost() string {
	u, err := url.Parse(os.Getenv("AWS_ENDPOINT_URL_DYNAMODB"))
	if err != nil {
		return ""
	}
	return u.Host
}

// functionTimeout is a function's timeout in template.yaml: the bound on
// any answer of its routes.
func functionTimeout(t testing.TB, logicalID string) time.Duration {
	t.Helper()
	tpl, err := samtemplate.Load(filepath.Join(root, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fns, err := tpl.Functions()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fns {
		if f.LogicalID == logicalID {
			return time.Duration(f.TimeoutSeconds) * time.Second
		}
	}
	t.Fatalf("no function %s in template.yaml", logicalID)
	return 0
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// logSince returns what was logged after a mark (a length of functionLog).
func logSince(mark int) string {
	s := functionLog.String()
	if mark > len(s) {
		return ""
	}
	return s[mark:]
}
