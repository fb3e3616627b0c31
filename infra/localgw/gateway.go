// Package localgw is the local stand-in for API Gateway and Lambda. It reads
// template.yaml for routes, the JWT authorizer, CORS and S3 triggers; checks
// tokens against cognito-local's JWKS as the authorizer would; turns HTTP
// requests into API Gateway v2 events and invokes the functions' own handlers
// in process through the same adapter Lambda uses; and turns the S3 stand-in's
// event webhook into asynchronous, retried invocations of the subscribed
// functions, with a dead-letter log.
package localgw

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"

	"lms/infra/localstack"
	"lms/infra/samtemplate"
	"lms/shared/appenv"
	"lms/shared/lambdahttp"
)

// Options configure a gateway.
type Options struct {
	Template  *samtemplate.Template
	Resources *localstack.Resources
	// SDKEnv points the AWS SDK at the local stack (localstack.Stack.SDKEnv).
	// The gateway process plays the Lambda environment, so it sets these in
	// its own environment before building the functions.
	SDKEnv map[string]string
	// APIPrefix is where the API is mounted ("/api"); the web app is served
	// from the rest of the origin.
	APIPrefix string
	// WebDir holds the built web app; empty serves no web app.
	WebDir string
	// Log is the gateway's own log; FunctionLog receives the functions' JSON logs.
	Log         *slog.Logger
	FunctionLog io.Writer
	// DeadLetterDir receives one JSON line per event that exhausted its retries.
	DeadLetterDir string
	// RetryDelay is the wait before the first retry of an asynchronous
	// invocation, doubled for each further retry (Lambda waits about a
	// minute; locally a second keeps the loop short).
	RetryDelay time.Duration
	// OnEvent, if set, is told of every asynchronous invocation attempt.
	OnEvent func(Invocation)
	// EnvOverrides replace template environment values that cannot hold
	// locally (for example SEND_INVITE_EMAILS: there is no mail here).
	EnvOverrides map[string]string
	// AWSConfig, if set, adjusts each function's AWS configuration (tests
	// count requests with it).
	AWSConfig func(function string, cfg *aws.Config)
	// WebhookToken authenticates the S3 stand-in's webhook calls (see
	// WebhookPath); empty picks a random one.
	WebhookToken string
	// MailDir is the local outbox: given to the functions as MAIL_DIR
	// (the notify function writes .eml files there instead of sending
	// through SES) and listed at MailPath. Empty: no outbox.
	MailDir string
}

// Invocation describes one attempt of an asynchronous (event) invocation.
type Invocation struct {
	Function string
	Attempt  int
	Event    events.SNSEvent
	Err      error
	// DeadLettered is true on the last failed attempt.
	DeadLettered bool
}

// Gateway is an http.Handler serving API, web app and S3 webhook.
type Gateway struct {
	opts         Options
	routes       []route
	auth         *authorizer
	cors         corsConfig
	webhookToken string
	notes        []samtemplate.TopicNotification
	bucketIDs    map[string]string // bucket name -> logical id
	subscribers  map[string][]*eventFunction
	inflight     sync.WaitGroup
	dlqMu        sync.Mutex
	// The SQS stand-in: queues by name and by logical id, and the
	// pollers that deliver them until stop closes.
	queues        map[string]*localQueue
	queueIDs      map[string]*localQueue
	queueEndpoint string
	consumers     []*queueConsumer
	stop          chan struct{}
	stopOnce      sync.Once
	pollers       sync.WaitGroup
	// schedules are the functions EventBridge schedules invoke, by
	// logical id (fired through SchedulePath).
	schedules map[string]*scheduledFunction
}

type route struct {
	samtemplate.Route
	segments []string
	invoke   lambdahttp.Invoker
	timeout  time.Duration
}

type eventFunction struct {
	fn      samtemplate.Function
	handler func(context.Context, events.SNSEvent) error
}

// New builds every function of the template and the routing tables.
func New(ctx context.Context, o Options) (*Gateway, error) {
	o = withDefaults(o)
	for k, v := range o.SDKEnv {
		if err := os.Setenv(k, v); err != nil {
			return nil, err
		}
	}
	if o.WebhookToken == "" {
		o.WebhookToken = NewWebhookToken()
	}
	g := &Gateway{opts: o, webhookToken: o.WebhookToken, bucketIDs: map[string]string{},
		subscribers: map[string][]*eventFunction{}, notes: o.Template.TopicNotifications(),
		queueEndpoint: o.SDKEnv["AWS_ENDPOINT_URL_SQS"], stop: make(chan struct{}), schedules: map[string]*scheduledFunction{}}
	if err := g.setupQueues(o.Template); err != nil {
		return nil, err
	}
	for id, name := range o.Resources.Buckets {
		g.bucketIDs[name] = id
	}
	c := o.Resources.Context

	authz, err := o.Template.DefaultAuthorizer()
	if err != nil {
		return nil, err
	}
	var audience []string
	if err := o.Template.EvalInto(authz.Audience, c, &audience); err != nil {
		return nil, fmt.Errorf("localgw: authorizer audience: %w", err)
	}
	if g.auth, err = newAuthorizer(ctx, o.Resources.Issuer, audience); err != nil {
		return nil, err
	}
	if g.cors, err = loadCORS(o.Template, c); err != nil {
		return nil, err
	}

	fns, err := o.Template.Functions()
	if err != nil {
		return nil, err
	}
	for _, f := range fns {
		factory, ok := Functions[f.LogicalID]
		if !ok {
			return nil, fmt.Errorf("localgw: no handler registered for %s", f.LogicalID)
		}
		vars := map[string]string{}
		for k, n := range f.Env {
			v, err := o.Template.EvalString(n, c)
			if err != nil {
				return nil, fmt.Errorf("localgw: %s environment %s: %w", f.LogicalID, k, err)
			}
			vars[k] = v
		}
		if o.MailDir != "" {
			vars["MAIL_DIR"] = o.MailDir
		}
		for k, val := range o.EnvOverrides {
			vars[k] = val
		}
		getenv := func(k string) string {
			if v, ok := vars[k]; ok {
				return v
			}
			return os.Getenv(k)
		}
		var adjust []func(*aws.Config)
		if o.AWSConfig != nil {
			name := f.Name
			adjust = append(adjust, func(cfg *aws.Config) { o.AWSConfig(name, cfg) })
		}
		env, err := appenv.Load(ctx, f.Name, getenv, o.FunctionLog, adjust...)
		if err != nil {
			return nil, fmt.Errorf("localgw: %s: %w", f.LogicalID, err)
		}
		timeout := time.Duration(f.TimeoutSeconds) * time.Second
		if factory.HTTP != nil {
			h, err := factory.HTTP(env)
			if err != nil {
				return nil, fmt.Errorf("localgw: %s: %w", f.LogicalID, err)
			}
			invoke := lambdahttp.NewInvoker(h)
			for _, r := range f.Routes {
				g.routes = append(g.routes, route{Route: r, segments: splitPath(r.Path), invoke: invoke, timeout: timeout})
			}
		}
		if factory.Events != nil {
			hs, err := factory.Events(env)
			if err != nil {
				return nil, fmt.Errorf("localgw: %s: %w", f.LogicalID, err)
			}
			if hs.SNS != nil {
				ef := &eventFunction{fn: f, handler: hs.SNS}
				for _, topic := range f.Topics {
					g.subscribers[topic] = append(g.subscribers[topic], ef)
				}
			}
			if len(f.Schedules) > 0 {
				if hs.Schedule == nil {
					return nil, fmt.Errorf("localgw: %s has a schedule without a handler for it", f.LogicalID)
				}
				sf := &scheduledFunction{name: f.Name, handler: hs.Schedule, timeout: timeout}
				for _, sc := range f.Schedules {
					sf.events = append(sf.events, sc.Name)
				}
				g.schedules[f.LogicalID] = sf
			}
			for _, src := range f.Queues {
				if hs.SQS == nil || g.queueIDs[src.Queue] == nil {
					return nil, fmt.Errorf("localgw: %s reads queue %s without a handler for it", f.LogicalID, src.Queue)
				}
				g.consumers = append(g.consumers, &queueConsumer{fn: f, src: src, handler: hs.SQS})
			}
		}
	}
	for _, c := range g.consumers {
		g.pollers.Add(1)
		go g.consume(c)
	}
	// Most specific first: a literal segment beats a parameter.
	sort.SliceStable(g.routes, func(i, j int) bool { return specificity(g.routes[i].segments) > specificity(g.routes[j].segments) })
	return g, nil
}

// NewWebhookToken returns a random webhook secret.
func NewWebhookToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func withDefaults(o Options) Options {
	if o.APIPrefix == "" {
		o.APIPrefix = "/api"
	}
	if o.RetryDelay == 0 {
		o.RetryDelay = time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.FunctionLog == nil {
		o.FunctionLog = io.Discard
	}
	return o
}

// WebhookPath is the path, with its secret, to give the S3 stand-in.
func WebhookPath(token string) string { return webhookPath + "?token=" + token }

// IsWebhook reports whether r is a call of the S3 stand-in's webhook.
func IsWebhook(r *http.Request) bool { return r.URL.Path == webhookPath }

// Wait blocks until every asynchronous invocation in flight has finished.
func (g *Gateway) Wait() { g.inflight.Wait() }

// Close stops delivering queue messages and waits for invocations in flight.
func (g *Gateway) Close() {
	g.stopOnce.Do(func() { close(g.stop) })
	g.pollers.Wait()
	g.inflight.Wait()
}

// Routes lists the API routes the gateway serves.
func (g *Gateway) Routes() []samtemplate.Route {
	out := make([]samtemplate.Route, len(g.routes))
	for i, r := range g.routes {
		out[i] = r.Route
	}
	return out
}

const webhookPath = "/_local/s3-events"

func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == webhookPath:
		g.serveWebhook(w, r)
	case r.URL.Path == SchedulePath:
		g.serveSchedule(w, r)
	case r.URL.Path == MailPath || strings.HasPrefix(r.URL.Path, MailPath+"/"):
		g.serveMail(w, r)
	case r.URL.Path == QueuePath || strings.HasPrefix(r.URL.Path, QueuePath+"/"):
		g.serveSQS(w, r)
	case r.URL.Path == g.opts.APIPrefix || strings.HasPrefix(r.URL.Path, g.opts.APIPrefix+"/"):
		g.serveAPI(w, r)
	default:
		g.serveWeb(w, r)
	}
}

func splitPath(p string) []string { return strings.Split(strings.Trim(p, "/"), "/") }

func specificity(segs []string) int {
	score := 0
	for i, s := range segs {
		if !strings.HasPrefix(s, "{") {
			score += 1 << (16 - min(i, 16))
		}
	}
	return score*64 + len(segs)
}

// match returns the route for method and path, its path parameters, and
// whether some route had the path under another method.
func (g *Gateway) match(method, path string) (*route, map[string]string) {
	segs := splitPath(path)
	for i := range g.routes {
		rt := &g.routes[i]
		if rt.Method != method && rt.Method != "ANY" {
			continue
		}
		if params, ok := matchSegments(rt.segments, segs); ok {
			return rt, params
		}
	}
	return nil, nil
}

func matchSegments(pattern, segs []string) (map[string]string, bool) {
	params := map[string]string{}
	for i, p := range pattern {
		if strings.HasSuffix(p, "+}") { // greedy {proxy+}
			if i >= len(segs) {
				return nil, false
			}
			params[strings.TrimSuffix(strings.TrimPrefix(p, "{"), "+}")] = strings.Join(segs[i:], "/")
			return params, true
		}
		if i >= len(segs) {
			return nil, false
		}
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if segs[i] == "" {
				return nil, false
			}
			params[p[1:len(p)-1]] = segs[i]
			continue
		}
		if p != segs[i] {
			return nil, false
		}
	}
	return params, len(pattern) == len(segs)
}
