// Package integration tests the product through the local stack: the real
// gateway, DynamoDB Local, cognito-local and versitygw, started on free
// loopback ports by TestMain and stopped when the tests end.
package integration

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"lms/infra/devserver"
	"lms/infra/localgw"
)

var (
	srv    *devserver.Server
	events = &eventLog{}
	root   string
)

// eventLog records the gateway's asynchronous invocations.
type eventLog struct {
	mu   sync.Mutex
	all  []localgw.Invocation
	wake chan struct{}
}

func (l *eventLog) add(inv localgw.Invocation) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.all = append(l.all, inv)
	if l.wake != nil {
		close(l.wake)
		l.wake = nil
	}
}

// waitFor returns the invocations once cond holds for them, or fails after
// the deadline (a bound on the wait, not a performance assertion).
func (l *eventLog) waitFor(t *testing.T, what string, cond func([]localgw.Invocation) bool) []localgw.Invocation {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		l.mu.Lock()
		snapshot := append([]localgw.Invocation(nil), l.all...)
		if cond(snapshot) {
			l.mu.Unlock()
			return snapshot
		}
		if l.wake == nil {
			l.wake = make(chan struct{})
		}
		wake := l.wake
		l.mu.Unlock()
		select {
		case <-wake:
		case <-deadline:
			t.Fatalf("timed out waiting for %s; invocations so far: %d", what, len(snapshot))
		}
	}
}

// versityGW finds the S3 stand-in installed by make (LMS_VERSITYGW).
func versityGW() (string, error) {
	if p := os.Getenv("LMS_VERSITYGW"); p != "" {
		return p, nil
	}
	return "", fmt.Errorf("LMS_VERSITYGW is not set: run the integration tests with make test (it installs the local stack)")
}

func TestMain(m *testing.M) {
	_, file, _, _ := runtime.Caller(0)
	root = filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
	os.Exit(run(m))
}

func run(m *testing.M) int {
	vgw, err := versityGW()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	data, err := os.MkdirTemp("", "lms-integration-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(data)
	var services io.Writer = io.Discard
	if os.Getenv("LMS_TEST_VERBOSE") != "" {
		services = os.Stderr
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	srv, err = devserver.Start(ctx, devserver.Options{
		Root: root, DataDir: data, VersityGW: vgw, WebDir: filepath.Join(root, "web", "dist"),
		Addr: "127.0.0.1:0", Log: services, FunctionLog: services, Seed: true,
		RetryDelay: 20 * time.Millisecond, OnEvent: events.add, AWSConfig: countAWSCalls,
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

// login returns the access and id tokens of a demo account.
func login(t testing.TB, username, password string) (access, id string) {
	t.Helper()
	out, err := srv.Stack.Clients().Cognito.InitiateAuth(context.Background(), &cip.InitiateAuthInput{
		AuthFlow: ciptypes.AuthFlowTypeUserPasswordAuth, ClientId: aws.String(srv.Resources.UserPoolClientID),
		AuthParameters: map[string]string{"USERNAME": username, "PASSWORD": password},
	})
	if err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	if out.AuthenticationResult == nil {
		t.Fatalf("login %s: challenge %s instead of tokens", username, out.ChallengeName)
	}
	return aws.ToString(out.AuthenticationResult.AccessToken), aws.ToString(out.AuthenticationResult.IdToken)
}
