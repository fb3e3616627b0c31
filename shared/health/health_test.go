package health_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/health"
	"lms/shared/httpapi"
	"lms/shared/identity"
	"lms/shared/lambdahttp"
	"lms/shared/logging"
	"lms/shared/version"
)

const clientID = "c1"

func newRouter() *httpapi.Router {
	rt := httpapi.NewRouter(logging.New(io.Discard, "INFO", "test"))
	rt.Handle(http.MethodGet, "/health", health.Platform())
	rt.Handle(http.MethodGet, "/health/course", health.Function("course", clientID))
	return rt
}

func accessClaims() map[string]string {
	return map[string]string{
		"sub":            "s1",
		"username":       "198501012010011001",
		"token_use":      "access",
		"client_id":      clientID,
		"cognito:groups": "[operator]",
	}
}

// invoke sends a GET through the Lambda adapter as API Gateway would. A nil
// authorizer means the route had no JWT authorizer.
func invoke(t *testing.T, path string, authorizer *events.APIGatewayV2HTTPRequestContextAuthorizerDescription, headers map[string]string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	ev := events.APIGatewayV2HTTPRequest{
		Version:  "2.0",
		RouteKey: "GET " + path,
		RawPath:  path,
		Headers:  headers,
	}
	ev.RequestContext.HTTP.Method = http.MethodGet
	ev.RequestContext.HTTP.Path = path
	ev.RequestContext.RequestID = "gw-health-1"
	ev.RequestContext.Authorizer = authorizer
	resp, err := lambdahttp.NewInvoker(newRouter())(context.Background(), ev)
	if err != nil {
		t.Fatalf("invoke %s: %v", path, err)
	}
	return resp
}

func jwt(claims map[string]string) *events.APIGatewayV2HTTPRequestContextAuthorizerDescription {
	return &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
		JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims, Scopes: nil},
	}
}

func TestPlatform(t *testing.T) {
	check := func(t *testing.T, status int, contentType, body string) {
		t.Helper()
		if status != http.StatusOK {
			t.Fatalf("status = %d: %s", status, body)
		}
		if !strings.HasPrefix(contentType, "application/json") {
			t.Errorf("Content-Type = %q", contentType)
		}
		var got health.PlatformStatus
		dec := json.NewDecoder(strings.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("body: %v: %s", err, body)
		}
		build := version.Current()
		if got.Status != "ok" || got.Build != build {
			t.Errorf("status %q build %+v, want ok %+v", got.Status, got.Build, build)
		}
		if len(got.Functions) != len(version.Functions) {
			t.Errorf("functions = %v, want %v", got.Functions, version.Functions)
		}
		for _, f := range version.Functions {
			info, ok := got.Functions[f]
			if !ok {
				t.Errorf("function %q missing from %v", f, got.Functions)
				continue
			}
			if info != build {
				t.Errorf("function %q build %+v, want %+v", f, info, build)
			}
		}
		// The JSON uses the documented camelCase keys.
		for _, key := range []string{`"status"`, `"build"`, `"functions"`, `"builtAt"`, `"goVersion"`} {
			if !strings.Contains(body, key) {
				t.Errorf("body lacks %s: %s", key, body)
			}
		}
	}

	t.Run("handler", func(t *testing.T) {
		rec := httptest.NewRecorder()
		if err := health.Platform()(rec, httptest.NewRequest(http.MethodGet, "/health", nil)); err != nil {
			t.Fatal(err)
		}
		check(t, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	})
	t.Run("router without authorizer", func(t *testing.T) {
		rec := httptest.NewRecorder()
		newRouter().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/health", nil))
		check(t, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	})
	t.Run("lambda", func(t *testing.T) {
		resp := invoke(t, "/health", nil, nil)
		check(t, resp.StatusCode, resp.Headers["Content-Type"], resp.Body)
	})
	t.Run("stamped build", func(t *testing.T) {
		defer func(v, c, b string) { version.Version, version.Commit, version.BuiltAt = v, c, b }(version.Version, version.Commit, version.BuiltAt)
		version.Version, version.Commit, version.BuiltAt = "v1.2.3", "abc1234", "2025-03-14T09:26:53Z"
		resp := invoke(t, "/health", nil, nil)
		check(t, resp.StatusCode, resp.Headers["Content-Type"], resp.Body)
		if !strings.Contains(resp.Body, `"version":"v1.2.3"`) || !strings.Contains(resp.Body, `"commit":"abc1234"`) {
			t.Errorf("stamp not reported: %s", resp.Body)
		}
	})
}

func TestFunction(t *testing.T) {
	idClaims := map[string]string{"sub": "s2", "cognito:username": "3273011508950001", "token_use": "id", "aud": clientID}
	otherClient := accessClaims()
	otherClient["client_id"] = "another-app"
	refresh := accessClaims()
	refresh["token_use"] = "refresh"
	noSub := accessClaims()
	delete(noSub, "sub")
	idForOtherAudience := map[string]string{"sub": "s2", "cognito:username": "3273011508950001", "token_use": "id", "aud": "another-app"}

	tests := []struct {
		name       string
		authorizer *events.APIGatewayV2HTTPRequestContextAuthorizerDescription
		wantStatus int
		wantCaller identity.Principal
	}{
		{"access token", jwt(accessClaims()), 200,
			identity.Principal{Sub: "s1", Username: "198501012010011001", Groups: []string{"operator"}, TokenUse: "access"}},
		{"id token", jwt(idClaims), 200,
			identity.Principal{Sub: "s2", Username: "3273011508950001", Groups: []string{}, TokenUse: "id"}},
		{"no authorizer", nil, 401, identity.Principal{}},
		{"authorizer without JWT", &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{}, 401, identity.Principal{}},
		{"empty claims", jwt(map[string]string{}), 401, identity.Principal{}},
		{"access token for another client", jwt(otherClient), 401, identity.Principal{}},
		{"id token for another audience", jwt(idForOtherAudience), 401, identity.Principal{}},
		{"refresh token", jwt(refresh), 401, identity.Principal{}},
		{"no subject", jwt(noSub), 401, identity.Principal{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := invoke(t, "/health/course", tc.authorizer, nil)
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status = %d, want %d: %s", resp.StatusCode, tc.wantStatus, resp.Body)
			}
			if !strings.HasPrefix(resp.Headers["Content-Type"], "application/json") {
				t.Errorf("Content-Type = %q", resp.Headers["Content-Type"])
			}
			if resp.Headers["X-Request-Id"] != "gw-health-1" {
				t.Errorf("X-Request-Id = %q", resp.Headers["X-Request-Id"])
			}
			if tc.wantStatus != http.StatusOK {
				assertUnauthorized(t, resp.Body, "Anda harus masuk terlebih dahulu.")
				return
			}
			var got health.FunctionStatus
			dec := json.NewDecoder(strings.NewReader(resp.Body))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("body: %v: %s", err, resp.Body)
			}
			if got.Status != "ok" || got.Function != "course" || got.Build != version.Current() {
				t.Errorf("got %+v", got)
			}
			if !reflect.DeepEqual(got.Caller, tc.wantCaller) {
				t.Errorf("caller = %+v, want %+v", got.Caller, tc.wantCaller)
			}
		})
	}
}

func TestFunctionUnauthorizedInEnglish(t *testing.T) {
	resp := invoke(t, "/health/course", nil, map[string]string{"accept-language": "en-US,en;q=0.9"})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	assertUnauthorized(t, resp.Body, "You must sign in first.")
	if resp.Headers["Content-Language"] != "en" {
		t.Errorf("Content-Language = %q", resp.Headers["Content-Language"])
	}
}

// Without the Lambda adapter there is no authorizer context at all.
func TestFunctionWithoutGatewayContext(t *testing.T) {
	for _, name := range []string{"router", "handler"} {
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, "/health/course", nil)
			// A forged header is not a substitute for the authorizer context.
			req.Header.Set("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.")
			if name == "router" {
				newRouter().ServeHTTP(rec, req)
			} else if err := health.Function("course", clientID)(rec, req); err != nil {
				httpapi.WriteError(rec, req, err)
			}
			if rec.Code != http.StatusUnauthorized {
				t.Fatalf("status = %d: %s", rec.Code, rec.Body.String())
			}
			assertUnauthorized(t, rec.Body.String(), "Anda harus masuk terlebih dahulu.")
		})
	}
}

func TestFunctionReportsItsName(t *testing.T) {
	for _, name := range version.Functions {
		t.Run(name, func(t *testing.T) {
			rt := httpapi.NewRouter(logging.New(io.Discard, "INFO", name))
			rt.Handle(http.MethodGet, "/health/"+name, health.Function(name, clientID))
			ev := events.APIGatewayV2HTTPRequest{RawPath: "/health/" + name}
			ev.RequestContext.HTTP.Method = http.MethodGet
			ev.RequestContext.Authorizer = jwt(accessClaims())
			resp, err := lambdahttp.NewInvoker(rt)(context.Background(), ev)
			if err != nil {
				t.Fatal(err)
			}
			var got health.FunctionStatus
			if err := json.Unmarshal([]byte(resp.Body), &got); err != nil || resp.StatusCode != 200 {
				t.Fatalf("%d %s: %v", resp.StatusCode, resp.Body, err)
			}
			if got.Function != name {
				t.Errorf("function = %q, want %q", got.Function, name)
			}
		})
	}
}

func assertUnauthorized(t *testing.T, body, wantMessage string) {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &top); err != nil || len(top) != 1 {
		t.Fatalf("not the error shape: %v: %s", err, body)
	}
	var b httpapi.Body
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		t.Fatalf("not the error shape: %v: %s", err, body)
	}
	if b.Error.Code != "unauthorized" || b.Error.Message != wantMessage || b.Error.Details != nil {
		t.Errorf("error = %+v, want unauthorized %q", b.Error, wantMessage)
	}
	if strings.Contains(body, "caller") || strings.Contains(body, "198501012010011001") {
		t.Errorf("401 body leaks caller data: %s", body)
	}
}
