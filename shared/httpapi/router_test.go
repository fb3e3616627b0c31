package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/httpapi"
	"lms/shared/ids"
	"lms/shared/lambdahttp"
	"lms/shared/logging"
)

func okHandler(body string) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		httpapi.WriteJSON(w, http.StatusOK, map[string]string{"route": body})
		return nil
	}
}

func TestRouterRouting(t *testing.T) {
	rt := httpapi.NewRouter(discardLog())
	rt.Handle(http.MethodGet, "/things", okHandler("list"))
	rt.Handle(http.MethodPost, "/things", okHandler("create"))
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/courses/{courseId}", func(w http.ResponseWriter, r *http.Request) error {
		httpapi.WriteJSON(w, http.StatusOK, map[string]string{
			"tenant": httpapi.PathParam(r, "tenantId"),
			"course": httpapi.PathParam(r, "courseId"),
			"none":   httpapi.PathParam(r, "missing"),
		})
		return nil
	})
	rt.Handle(http.MethodDelete, "/fail", func(http.ResponseWriter, *http.Request) error { return httpapi.ErrForbidden() })

	tests := []struct {
		name       string
		method     string
		path       string
		lang       string
		wantStatus int
		wantCode   string // error code, empty for success
		wantBody   string // success body
		wantMsg    string // error message
	}{
		{"GET route", http.MethodGet, "/things", "", 200, "", `{"route":"list"}`, ""},
		{"POST route on same path", http.MethodPost, "/things", "", 200, "", `{"route":"create"}`, ""},
		{"path parameters", http.MethodGet, "/tenants/t-1/courses/c-9", "", 200, "",
			`{"course":"c-9","none":"","tenant":"t-1"}`, ""},
		{"handler error", http.MethodDelete, "/fail", "", 403, "forbidden", "", "Anda tidak berwenang melakukan tindakan ini."},
		{"unknown route", http.MethodGet, "/nope", "", 404, "route_not_found", "", "Alamat API tidak ditemukan."},
		{"unknown route in English", http.MethodGet, "/nope", "en", 404, "route_not_found", "", "No such API route."},
		{"unknown nested route", http.MethodGet, "/things/1/extra", "", 404, "route_not_found", "", "Alamat API tidak ditemukan."},
		{"root", http.MethodGet, "/", "", 404, "route_not_found", "", "Alamat API tidak ditemukan."},
		{"wrong method", http.MethodDelete, "/things", "", 405, "method_not_allowed", "", "Metode DELETE tidak diizinkan untuk alamat ini."},
		{"wrong method in English", http.MethodPut, "/things", "en-GB", 405, "method_not_allowed", "", "Method PUT is not allowed on this route."},
		{"wrong method on parameterised route", http.MethodPost, "/tenants/t-1/courses/c-9", "", 405, "method_not_allowed", "", "Metode POST tidak diizinkan untuk alamat ini."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, nil)
			if tc.lang != "" {
				req.Header.Set("Accept-Language", tc.lang)
			}
			rec := httptest.NewRecorder()
			rt.ServeHTTP(rec, req)
			if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
			}
			if rec.Header().Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id header")
			}
			if tc.wantCode == "" {
				if rec.Code != tc.wantStatus {
					t.Fatalf("status = %d, want %d (body %s)", rec.Code, tc.wantStatus, rec.Body.String())
				}
				if got := strings.TrimSpace(rec.Body.String()); got != tc.wantBody {
					t.Errorf("body = %s, want %s", got, tc.wantBody)
				}
				return
			}
			eb := assertErrorResponse(t, rec, tc.wantStatus, tc.wantCode)
			if eb.Error.Message != tc.wantMsg {
				t.Errorf("message = %q, want %q", eb.Error.Message, tc.wantMsg)
			}
		})
	}
}

func TestRouterRecoversPanics(t *testing.T) {
	const secret = "nil map in tenant 3273011508950001"
	tests := []struct {
		name  string
		value any
	}{
		{"string", secret},
		{"error", errors.New(secret)},
		{"formatted", fmt.Sprintf("%s %d", secret, 42)},
		{"runtime error", nil}, // a real nil map write below
		{"abort handler", http.ErrAbortHandler},
	}
	for _, tc := range tests {
		for _, lang := range []struct{ header, want string }{
			{"", "Terjadi kesalahan pada server. Coba lagi nanti."},
			{"en", "Something went wrong on the server. Try again later."},
		} {
			t.Run(tc.name+"/"+lang.header, func(t *testing.T) {
				var logs bytes.Buffer
				rt := httpapi.NewRouter(logging.New(&logs, "INFO", "test"))
				rt.Handle(http.MethodPost, "/boom", func(w http.ResponseWriter, r *http.Request) error {
					if tc.value == nil {
						var m map[string]int
						//lint:ignore SA5000 the runtime panic is the point of this case
						m[secret]++
					}
					panic(tc.value)
				})
				req := httptest.NewRequest(http.MethodPost, "/boom", nil)
				req.Header.Set("X-Request-Id", "req-panic")
				if lang.header != "" {
					req.Header.Set("Accept-Language", lang.header)
				}
				rec := httptest.NewRecorder()
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.Fatalf("panic escaped the router: %v", p)
						}
					}()
					rt.ServeHTTP(rec, req)
				}()

				eb := assertErrorResponse(t, rec, http.StatusInternalServerError, "internal")
				if eb.Error.Message != lang.want {
					t.Errorf("message = %q, want %q", eb.Error.Message, lang.want)
				}
				body := rec.Body.String()
				for _, leak := range []string{"3273011508950001", "nil map", "panic", "goroutine", ".go:", "runtime"} {
					if strings.Contains(body, leak) {
						t.Errorf("response leaks %q: %s", leak, body)
					}
				}
				if got := rec.Header().Get("X-Request-Id"); got != "req-panic" {
					t.Errorf("X-Request-Id = %q, want req-panic", got)
				}
				if !strings.Contains(logs.String(), "panic in handler") {
					t.Errorf("panic not logged: %s", logs.String())
				}
				if !strings.Contains(logs.String(), `"status":500`) {
					t.Errorf("access log does not record status 500: %s", logs.String())
				}
			})
		}
	}
}

// A handler that already started its response keeps it: the router must not
// append an error body to a half-written response.
func TestRouterPanicAfterWrite(t *testing.T) {
	rt := httpapi.NewRouter(discardLog())
	rt.Handle(http.MethodGet, "/stream", func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(http.StatusAccepted)
		_, _ = w.Write([]byte("partial"))
		panic("late failure")
	})
	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/stream", nil))
	if rec.Code != http.StatusAccepted || rec.Body.String() != "partial" {
		t.Errorf("got %d %q, want 202 \"partial\"", rec.Code, rec.Body.String())
	}
}

func TestRequestIDHeader(t *testing.T) {
	long128 := strings.Repeat("r", 128)
	long129 := strings.Repeat("r", 129)
	tests := []struct {
		name      string
		header    string
		wantEcho  bool // else a generated ULID
		wantValue string
	}{
		{"echoed", "abc-123", true, "abc-123"},
		{"echoed ULID", "01ARZ3NDEKTSV4RRFFQ69G5FAV", true, "01ARZ3NDEKTSV4RRFFQ69G5FAV"},
		{"echoed at 128 characters", long128, true, long128},
		{"generated when absent", "", false, ""},
		{"generated when longer than 128 characters", long129, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var seen logging.Fields
			rt := httpapi.NewRouter(discardLog())
			rt.Handle(http.MethodGet, "/id", func(w http.ResponseWriter, r *http.Request) error {
				seen = logging.FieldsFrom(r.Context())
				w.WriteHeader(http.StatusNoContent)
				return nil
			})
			req := httptest.NewRequest(http.MethodGet, "/id", nil)
			if tc.header != "" {
				req.Header.Set("X-Request-Id", tc.header)
			}
			rec := httptest.NewRecorder()
			rt.ServeHTTP(rec, req)

			got := rec.Header().Get("X-Request-Id")
			if tc.wantEcho {
				if got != tc.wantValue {
					t.Errorf("X-Request-Id = %q, want %q", got, tc.wantValue)
				}
			} else if !ids.Valid(got) {
				t.Errorf("generated X-Request-Id %q is not a ULID", got)
			}
			if seen.RequestID != got {
				t.Errorf("request id in the handler's context = %q, header = %q", seen.RequestID, got)
			}
		})
	}
}

func TestRequestIDGeneratedPerRequest(t *testing.T) {
	rt := httpapi.NewRouter(discardLog())
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		rec := httptest.NewRecorder()
		rt.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/missing", nil))
		id := rec.Header().Get("X-Request-Id")
		if !ids.Valid(id) || seen[id] {
			t.Fatalf("request %d: id %q invalid or repeated", i, id)
		}
		seen[id] = true
	}
}

// Through the Lambda adapter the API Gateway request id wins over the
// client's header, so the response, the logs and API Gateway's own access
// log agree.
func TestRequestIDFromAPIGateway(t *testing.T) {
	tests := []struct {
		name      string
		gatewayID string
		header    string
		want      string // empty: a generated ULID
	}{
		{"gateway id preferred over header", "Ab1cDeFgHiJkLmN=", "client-chosen", "Ab1cDeFgHiJkLmN="},
		{"gateway id without header", "Ab1cDeFgHiJkLmN=", "", "Ab1cDeFgHiJkLmN="},
		{"header when gateway has none", "", "client-chosen", "client-chosen"},
		{"generated when neither", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			var seen logging.Fields
			rt := httpapi.NewRouter(logging.New(&logs, "INFO", "test"))
			rt.Handle(http.MethodGet, "/things/{id}", func(w http.ResponseWriter, r *http.Request) error {
				seen = logging.FieldsFrom(r.Context())
				httpapi.WriteJSON(w, http.StatusOK, map[string]string{"id": httpapi.PathParam(r, "id")})
				return nil
			})
			ev := events.APIGatewayV2HTTPRequest{
				Version:  "2.0",
				RouteKey: "GET /things/{id}",
				RawPath:  "/things/42",
				Headers:  map[string]string{},
			}
			ev.RequestContext.RequestID = tc.gatewayID
			ev.RequestContext.HTTP.Method = http.MethodGet
			ev.RequestContext.HTTP.Path = "/things/42"
			if tc.header != "" {
				ev.Headers["x-request-id"] = tc.header
			}
			resp, err := lambdahttp.NewInvoker(rt)(context.Background(), ev)
			if err != nil {
				t.Fatalf("invoke: %v", err)
			}
			if resp.StatusCode != http.StatusOK || strings.TrimSpace(resp.Body) != `{"id":"42"}` {
				t.Fatalf("response %d %s", resp.StatusCode, resp.Body)
			}
			got := resp.Headers["X-Request-Id"]
			if tc.want != "" && got != tc.want {
				t.Errorf("X-Request-Id = %q, want %q", got, tc.want)
			}
			if tc.want == "" && !ids.Valid(got) {
				t.Errorf("generated X-Request-Id %q is not a ULID", got)
			}
			if seen.RequestID != got {
				t.Errorf("context request id = %q, header %q", seen.RequestID, got)
			}
			var line map[string]any
			if err := json.Unmarshal(bytes.TrimSpace(logs.Bytes()), &line); err != nil {
				t.Fatalf("access log: %v: %s", err, logs.String())
			}
			if line["requestId"] != got || line["msg"] != "request" || line["path"] != "/things/42" {
				t.Errorf("access log = %v", line)
			}
		})
	}
}

// Errors through the Lambda adapter keep the shape and headers.
func TestRouterThroughInvoker(t *testing.T) {
	rt := httpapi.NewRouter(discardLog())
	rt.Handle(http.MethodGet, "/things", okHandler("list"))
	tests := []struct {
		method, path string
		status       int
		code         string
	}{
		{http.MethodGet, "/nope", 404, "route_not_found"},
		{http.MethodPost, "/things", 405, "method_not_allowed"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			ev := events.APIGatewayV2HTTPRequest{RawPath: tc.path, Headers: map[string]string{"accept-language": "en"}}
			ev.RequestContext.HTTP.Method = tc.method
			ev.RequestContext.RequestID = "gw-1"
			resp, err := lambdahttp.NewInvoker(rt)(context.Background(), ev)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			eb := decodeErrorBody(t, []byte(resp.Body))
			if eb.Error.Code != tc.code {
				t.Errorf("code = %q, want %q", eb.Error.Code, tc.code)
			}
			if resp.Headers["Content-Language"] != "en" || resp.Headers["X-Request-Id"] != "gw-1" {
				t.Errorf("headers = %v", resp.Headers)
			}
		})
	}
}

func TestRoutesSorted(t *testing.T) {
	rt := httpapi.NewRouter(discardLog())
	if got := rt.Routes(); len(got) != 0 {
		t.Fatalf("empty router lists %v", got)
	}
	registered := []httpapi.Route{
		{http.MethodPost, "/tenants/{tenantId}/courses"},
		{http.MethodGet, "/health/course"},
		{http.MethodGet, "/tenants/{tenantId}/courses"},
		{http.MethodDelete, "/tenants/{tenantId}"},
		{http.MethodGet, "/health"},
		{http.MethodPatch, "/tenants/{tenantId}"},
		{http.MethodGet, "/tenants"},
	}
	for _, r := range registered {
		rt.Handle(r.Method, r.Path, okHandler(r.Path))
	}
	want := []httpapi.Route{
		{http.MethodGet, "/health"},
		{http.MethodGet, "/health/course"},
		{http.MethodGet, "/tenants"},
		{http.MethodDelete, "/tenants/{tenantId}"},
		{http.MethodPatch, "/tenants/{tenantId}"},
		{http.MethodGet, "/tenants/{tenantId}/courses"},
		{http.MethodPost, "/tenants/{tenantId}/courses"},
	}
	got := rt.Routes()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Routes() = %v, want %v", got, want)
	}
	// The listing is a copy: changing it does not change the router.
	got[0] = httpapi.Route{Method: "X", Path: "/x"}
	if again := rt.Routes(); !reflect.DeepEqual(again, want) {
		t.Errorf("Routes() changed after mutating a previous result: %v", again)
	}
	// Registration order is not disturbed by listing: every route still serves.
	for _, r := range registered {
		path := strings.ReplaceAll(r.Path, "{tenantId}", "t1")
		rec := httptest.NewRecorder()
		rt.ServeHTTP(rec, httptest.NewRequest(r.Method, path, nil))
		if rec.Code != http.StatusOK {
			t.Errorf("%s %s: status %d", r.Method, path, rec.Code)
		}
	}
}

func TestLoggerFromRequest(t *testing.T) {
	var logs bytes.Buffer
	rt := httpapi.NewRouter(logging.New(&logs, "INFO", "course"))
	rt.Handle(http.MethodGet, "/log", func(w http.ResponseWriter, r *http.Request) error {
		httpapi.Logger(r).InfoContext(r.Context(), "handler line")
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
	req := httptest.NewRequest(http.MethodGet, "/log", nil)
	req.Header.Set("X-Request-Id", "req-log")
	rt.ServeHTTP(httptest.NewRecorder(), req)

	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want handler line and access line, got %d: %s", len(lines), logs.String())
	}
	for i, wantMsg := range []string{"handler line", "request"} {
		var m map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &m); err != nil {
			t.Fatal(err)
		}
		if m["msg"] != wantMsg || m["requestId"] != "req-log" || m["function"] != "course" {
			t.Errorf("line %d = %v", i, m)
		}
	}
	var access map[string]any
	_ = json.Unmarshal([]byte(lines[1]), &access)
	if access["method"] != "GET" || access["path"] != "/log" || access["status"] != float64(204) {
		t.Errorf("access log = %v", access)
	}
}
