package integration

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	lambdaevents "github.com/aws/aws-lambda-go/events"

	"lms/infra/demo"
	"lms/infra/samtemplate"
)

// coldRound is how many process starts one op of BenchmarkColdStart makes
// per function.
const coldRound = 5

// BenchmarkColdStart measures, per function, the time from starting its
// process to its first event handled: the function is built as for Lambda
// (static, lambda.norpc, stripped) but for this machine's architecture,
// run with the environment template.yaml gives it (pointing at the local
// stack), against a minimal Lambda Runtime API (runtimeAPI below) that
// hands it one event and times the answer. The events are real first
// requests: a login (auth), my learning (course), my batches (batch), a
// search that fetches the tenant's index snapshot (upload); the event
// functions get an event with nothing to do (their work is measured
// elsewhere: transcoding, indexing, certificates). Lambda's own sandbox
// and code download are not in it.
//
//	LMS_VERSITYGW=... go test -run '^$' -bench ColdStart -benchtime 1x ./tests/integration/
func BenchmarkColdStart(b *testing.B) {
	tpl, err := samtemplate.Load(filepath.Join(root, "template.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	fns, err := tpl.Functions()
	if err != nil {
		b.Fatal(err)
	}
	slices.SortFunc(fns, func(x, y samtemplate.Function) int { return strings.Compare(x.Name, y.Name) })
	a := demo.Accounts[2]
	claims := tokenClaims(b, signIn(b, a.Username, a.Password).AccessToken)
	bin := b.TempDir()
	for _, f := range fns {
		exe := filepath.Join(bin, f.Name)
		build := exec.Command("go", "build", "-tags", "lambda.norpc", "-trimpath", "-ldflags", "-s -w", "-o", exe, "./functions/"+f.Name)
		build.Dir, build.Env = root, append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("build %s: %v\n%s", f.Name, err, out)
		}
		env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "TMPDIR=" + os.TempDir(),
			"AWS_LAMBDA_FUNCTION_NAME=" + f.Name, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=256", "AWS_LAMBDA_FUNCTION_VERSION=$LATEST"}
		for k, v := range srv.Stack.SDKEnv() {
			env = append(env, k+"="+v)
		}
		for k, n := range f.Env {
			v, err := tpl.EvalString(n, srv.Resources.Context)
			if err != nil {
				b.Fatalf("%s: %s: %v", f.Name, k, err)
			}
			env = append(env, k+"="+v)
		}
		// As the local gateway runs them: no mail, ffmpeg from PATH.
		env = append(env, "SEND_INVITE_EMAILS=false", "FFMPEG_PATH=ffmpeg", "FFPROBE_PATH=ffprobe")
		event, wantOK := coldEvent(f, claims)
		b.Run(f.Name, func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				for range coldRound {
					lat = append(lat, coldStart(b, exe, env, event, wantOK))
				}
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
		})
	}
}

// tokenClaims reads an access token's claims as API Gateway's JWT
// authorizer passes them (strings; arrays as "[a b]").
func tokenClaims(b *testing.B, token string) map[string]string {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		b.Fatalf("not a JWT: %q", token)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		b.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		b.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range m {
		switch v := v.(type) {
		case string:
			out[k] = v
		case []any:
			s := make([]string, len(v))
			for i, x := range v {
				s[i] = fmt.Sprint(x)
			}
			out[k] = "[" + strings.Join(s, " ") + "]"
		default:
			out[k] = fmt.Sprint(v)
		}
	}
	return out
}

// coldEvent is the first event a function gets, and whether its answer
// must be 200 (a function added later, with no event chosen here, gets a
// request for a route it does not have: still a handled event).
func coldEvent(f samtemplate.Function, claims map[string]string) ([]byte, bool) {
	httpEvent := func(method, route, path, query string, params map[string]string, claims map[string]string, body string) any {
		now := time.Now().UTC()
		ev := lambdaevents.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: method + " " + route, RawPath: path, RawQueryString: query,
			Headers: map[string]string{"content-type": "application/json", "accept-language": "id"}, PathParameters: params, Body: body,
			RequestContext: lambdaevents.APIGatewayV2HTTPRequestContext{AccountID: "000000000000", APIID: "local", RequestID: "cold-start",
				RouteKey: method + " " + route, Stage: "$default", TimeEpoch: now.UnixMilli(),
				HTTP: lambdaevents.APIGatewayV2HTTPRequestContextHTTPDescription{Method: method, Path: path, Protocol: "HTTP/1.1", SourceIP: "127.0.0.1"}}}
		if query != "" {
			ev.QueryStringParameters = map[string]string{}
			for _, kv := range strings.Split(query, "&") {
				k, v, _ := strings.Cut(kv, "=")
				ev.QueryStringParameters[k] = v
			}
		}
		if claims != nil {
			ev.RequestContext.Authorizer = &lambdaevents.APIGatewayV2HTTPRequestContextAuthorizerDescription{
				JWT: &lambdaevents.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims}}
		}
		return ev
	}
	t := map[string]string{"tenantId": demo.TenantID}
	a := demo.Accounts[2]
	// An S3 notification with no records, through SNS: nothing to do.
	emptySNS := lambdaevents.SNSEvent{Records: []lambdaevents.SNSEventRecord{{EventSource: "aws:sns", EventVersion: "1.0",
		SNS: lambdaevents.SNSEntity{MessageID: "cold-start", Type: "Notification", Message: `{"Records":[]}`, Timestamp: time.Now().UTC()}}}}
	var ev any
	wantOK := true
	switch f.Name {
	case "auth":
		body, _ := json.Marshal(map[string]string{"username": a.Username, "password": a.Password})
		ev = httpEvent(http.MethodPost, "/auth/login", "/auth/login", "", nil, nil, string(body))
	case "course":
		ev = httpEvent(http.MethodGet, "/tenants/{tenantId}/me/learning", "/tenants/"+demo.TenantID+"/me/learning", "", t, claims, "")
	case "batch":
		ev = httpEvent(http.MethodGet, "/tenants/{tenantId}/me/batches", "/tenants/"+demo.TenantID+"/me/batches", "", t, claims, "")
	case "upload":
		ev = httpEvent(http.MethodGet, "/tenants/{tenantId}/search", "/tenants/"+demo.TenantID+"/search", "q=tambang", t, claims, "")
	case "transcode", "index":
		ev = emptySNS
	case "certificate":
		ev = lambdaevents.SQSEvent{Records: []lambdaevents.SQSMessage{}}
	default:
		switch {
		case len(f.Routes) > 0:
			ev, wantOK = httpEvent(http.MethodGet, "/cold-start", "/cold-start", "", nil, claims, ""), false
		case len(f.Queues) > 0:
			ev = lambdaevents.SQSEvent{Records: []lambdaevents.SQSMessage{}}
		default:
			ev = emptySNS
		}
	}
	raw, _ := json.Marshal(ev) // plain structs: cannot fail
	return raw, wantOK
}

// runtimeAPI is the part of the Lambda Runtime API a Go function uses: it
// hands out one event, then holds the next poll until the process ends.
type runtimeAPI struct {
	event  []byte
	served atomic.Bool
	done   chan runtimeResult
}

type runtimeResult struct {
	at   time.Time
	body []byte
	err  string
}

func (rt *runtimeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const prefix = "/2018-06-01/runtime/"
	path := strings.TrimPrefix(r.URL.Path, prefix)
	switch {
	case r.Method == http.MethodGet && path == "invocation/next":
		if !rt.served.CompareAndSwap(false, true) {
			<-r.Context().Done() // the process is killed after its first event
			return
		}
		w.Header().Set("Lambda-Runtime-Aws-Request-Id", "cold-start")
		w.Header().Set("Lambda-Runtime-Deadline-Ms", fmt.Sprint(time.Now().Add(30*time.Second).UnixMilli()))
		w.Header().Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:ap-southeast-3:000000000000:function:cold-start")
		w.Header().Set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(rt.event)
	case r.Method == http.MethodPost && strings.HasSuffix(path, "/response"):
		body, _ := io.ReadAll(r.Body)
		at := time.Now()
		w.WriteHeader(http.StatusAccepted)
		rt.done <- runtimeResult{at: at, body: body}
	case r.Method == http.MethodPost && (strings.HasSuffix(path, "/error") || path == "init/error"):
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		rt.done <- runtimeResult{at: time.Now(), err: string(body)}
	default:
		http.NotFound(w, r)
	}
}

// coldStart starts the function's process and returns the time until it
// posted the answer to its first event.
func coldStart(b *testing.B, exe string, env []string, event []byte, wantOK bool) time.Duration {
	rt := &runtimeAPI{event: event, done: make(chan runtimeResult, 2)}
	api := httptest.NewServer(rt)
	defer api.Close()
	var out bytes.Buffer
	cmd := exec.Command(exe)
	cmd.Env = append(append([]string(nil), env...), "AWS_LAMBDA_RUNTIME_API="+strings.TrimPrefix(api.URL, "http://"))
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = cmd.Process.Kill()
		<-exited
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	select {
	case res := <-rt.done:
		stop()
		if res.err != "" {
			b.Fatalf("%s: first event failed: %s\n%s", filepath.Base(exe), res.err, out.String())
		}
		if wantOK && strings.Contains(string(res.body), `"statusCode"`) {
			var resp lambdaevents.APIGatewayV2HTTPResponse
			if err := json.Unmarshal(res.body, &resp); err != nil || resp.StatusCode != http.StatusOK {
				b.Fatalf("%s: first request answered %d: %s\n%s", filepath.Base(exe), resp.StatusCode, res.body, out.String())
			}
		}
		return res.at.Sub(start)
	case err := <-exited:
		b.Fatalf("%s exited before answering (%v):\n%s", filepath.Base(exe), err, out.String())
	case <-ctx.Done():
		stop()
		b.Fatalf("%s: no answer in 60 s:\n%s", filepath.Base(exe), out.String())
	}
	return 0
}
