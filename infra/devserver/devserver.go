// Package devserver runs the whole product on one machine: the local stack,
// provisioning from template.yaml, the demo seed and the gateway serving web
// app and API on one loopback origin. make dev and the integration tests
// both start it, so the tests exercise what a developer runs.
package devserver

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"lms/infra/demo"
	"lms/infra/localgw"
	"lms/infra/localstack"
	"lms/infra/samtemplate"
)

// Options configure a server.
type Options struct {
	Root      string // repository root
	DataDir   string // persistent data (make dev: .local/data)
	VersityGW string // versitygw binary
	WebDir    string // built web app (web/dist); empty serves none
	// Addr is the listen address, "127.0.0.1:8080" or "127.0.0.1:0" for a free port.
	Addr string
	// Log receives the services' and gateway's output; FunctionLog the
	// functions' JSON logs.
	Log         io.Writer
	FunctionLog io.Writer
	// Mail receives the messages the local user pool "sends" (reset codes).
	Mail       io.Writer
	Seed       bool
	RetryDelay time.Duration
	OnEvent    func(localgw.Invocation)
	// AWSConfig adjusts the functions' AWS configuration (request counting).
	AWSConfig func(function string, cfg *aws.Config)
}

// Server is a running product.
type Server struct {
	URL       string // origin, e.g. http://127.0.0.1:8080
	Stack     *localstack.Stack
	Resources *localstack.Resources
	Gateway   *localgw.Gateway
	// WebhookToken authenticates calls of the S3 event webhook (tests
	// deliver duplicate events through it, as S3 may).
	WebhookToken string
	http         *http.Server
}

// Start brings everything up and returns once the product answers.
func Start(ctx context.Context, o Options) (srv *Server, err error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return nil, fmt.Errorf("devserver: listen on %s: %w", o.Addr, err)
	}
	srv = &Server{URL: "http://" + ln.Addr().String()}
	// The listener serves before the gateway exists: the S3 stand-in sends
	// a test event to its webhook as it starts, and exits if nobody answers.
	var gw atomic.Pointer[localgw.Gateway]
	srv.http = &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if g := gw.Load(); g != nil {
			g.ServeHTTP(w, r)
			return
		}
		if localgw.IsWebhook(r) {
			w.WriteHeader(http.StatusOK)
			return
		}
		http.Error(w, "starting", http.StatusServiceUnavailable)
	})}
	go func() { _ = srv.http.Serve(ln) }()
	defer func() {
		if err != nil {
			srv.Close()
		}
	}()

	token := localgw.NewWebhookToken()
	srv.WebhookToken = token
	srv.Stack, err = localstack.Start(ctx, localstack.Options{
		Root: o.Root, DataDir: o.DataDir, VersityGW: o.VersityGW, Log: o.Log, Mail: o.Mail,
		S3WebhookURL: srv.URL + localgw.WebhookPath(token), QueueEndpoint: srv.URL + localgw.QueuePath,
	})
	if err != nil {
		return srv, err
	}
	tpl, err := samtemplate.Load(filepath.Join(o.Root, "template.yaml"))
	if err != nil {
		return srv, err
	}
	srv.Resources, err = srv.Stack.Provision(ctx, tpl, map[string]string{"WebOrigin": srv.URL, "Stage": "dev", "LogLevel": "INFO"})
	if err != nil {
		return srv, err
	}
	if o.Seed {
		cl := srv.Stack.Clients()
		if err := demo.Seed(ctx, cl.Cognito, srv.Resources.UserPoolID, cl.DynamoDB, srv.Resources.Tables["LmsTable"], time.Now().UTC()); err != nil {
			return srv, err
		}
	}
	g, err := localgw.New(ctx, localgw.Options{
		Template: tpl, Resources: srv.Resources, SDKEnv: srv.Stack.SDKEnv(), WebDir: o.WebDir,
		Log:         slog.New(slog.NewTextHandler(o.Log, &slog.HandlerOptions{Level: slog.LevelInfo})),
		FunctionLog: o.FunctionLog, DeadLetterDir: filepath.Join(o.DataDir, "dead-letters"),
		RetryDelay: o.RetryDelay, OnEvent: o.OnEvent, WebhookToken: token,
		// No mail here; ffmpeg comes from the machine's PATH, not a layer.
		EnvOverrides: map[string]string{"SEND_INVITE_EMAILS": "false", "FFMPEG_PATH": "ffmpeg", "FFPROBE_PATH": "ffprobe"},
		AWSConfig:    o.AWSConfig,
		// Notification emails land here as .eml files (/_local/mail).
		MailDir: filepath.Join(o.DataDir, "mail"),
	})
	if err != nil {
		return srv, err
	}
	srv.Gateway = g
	gw.Store(g)
	return srv, nil
}

// Close stops the gateway, waits for event invocations in flight, then
// stops every service.
func (s *Server) Close() {
	if s.http != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = s.http.Shutdown(ctx)
		cancel()
	}
	if s.Gateway != nil {
		s.Gateway.Close()
	}
	if s.Stack != nil {
		s.Stack.Stop()
	}
}
