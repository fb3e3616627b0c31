package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"lms/infra/demo"
	"lms/infra/samtemplate"
)

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func call(t *testing.T, method, path, token string, body []byte, headers map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func requireErrorShape(t *testing.T, what string, resp *http.Response, body []byte, status int, code string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d; body %s", what, resp.StatusCode, status, body)
	}
	var e errorBody
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Code != code || e.Error.Message == "" {
		t.Fatalf("%s: body %s is not the error shape with code %q", what, body, code)
	}
}

// concretePath fills a route's parameters with sample values.
func concretePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") {
			segs[i] = "01JDZ3K8W9X4T5Y6Z7A8B9C0D1"
			if strings.Contains(s, "tenant") {
				segs[i] = demo.TenantID
			}
		}
	}
	return strings.Join(segs, "/")
}

func templateRoutes(t *testing.T) ([]samtemplate.Route, map[string]string) {
	tpl, err := samtemplate.Load(filepath.Join(root, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	routes, err := tpl.Routes()
	if err != nil {
		t.Fatal(err)
	}
	fns, _ := tpl.Functions()
	names := map[string]string{}
	for _, f := range fns {
		names[f.LogicalID] = f.Name
	}
	return routes, names
}

// Every HttpApi route of the template reaches the function the template
// names, with a valid token; routes that are not public refuse a request
// without one with 401 in the error shape.
func TestEveryRouteReachesItsFunction(t *testing.T) {
	routes, names := templateRoutes(t)
	if len(routes) == 0 {
		t.Fatal("the template has no routes")
	}
	learner := demo.Accounts[2]
	access, idToken := login(t, learner.Username, learner.Password)
	for _, rt := range routes {
		path := "/api" + concretePath(rt.Path)
		for _, tok := range []struct{ name, value string }{{"access token", access}, {"id token", idToken}} {
			resp, body := call(t, rt.Method, path, tok.value, nil, nil)
			if got := resp.Header.Get("X-Lms-Function"); got != names[rt.Function] {
				t.Errorf("%s %s with %s answered by %q, want %q (status %d, %s)", rt.Method, rt.Path, tok.name, got, names[rt.Function], resp.StatusCode, body)
			}
			if resp.StatusCode == http.StatusUnauthorized {
				t.Errorf("%s %s refused a valid %s: %s", rt.Method, rt.Path, tok.name, body)
			}
		}
		resp, body := call(t, rt.Method, path, "", nil, nil)
		if rt.Public {
			if resp.StatusCode == http.StatusUnauthorized {
				t.Errorf("public route %s %s asked for a token", rt.Method, rt.Path)
			}
			continue
		}
		requireErrorShape(t, rt.Method+" "+rt.Path+" without a token", resp, body, http.StatusUnauthorized, "unauthorized")
	}
}

// The function health routes see the caller the authorizer let through.
func TestFunctionHealthReportsTheCaller(t *testing.T) {
	op := demo.Accounts[3]
	access, _ := login(t, op.Username, op.Password)
	resp, body := call(t, http.MethodGet, "/api/health/course", access, nil, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var got struct {
		Function string
		Caller   struct {
			Username string
			Groups   []string
			TokenUse string
		}
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Function != "course" || got.Caller.Username != op.Username || got.Caller.TokenUse != "access" ||
		len(got.Caller.Groups) != 1 || got.Caller.Groups[0] != "operator" {
		t.Fatalf("health body %s", body)
	}
}

func TestPlatformHealthListsEveryFunction(t *testing.T) {
	resp, body := call(t, http.MethodGet, "/api/health", "", nil, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var got struct {
		Status    string
		Functions map[string]struct{ Version string }
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"auth", "batch", "course", "upload", "transcode", "index"} {
		if got.Functions[f].Version == "" {
			t.Errorf("health does not report %s: %s", f, body)
		}
	}
}

// Tokens the JWT authorizer must refuse: forged signature, another app
// client's token, garbage; a token without the Bearer prefix is accepted as
// API Gateway accepts it.
func TestAuthorizerRefusesBadTokens(t *testing.T) {
	learner := demo.Accounts[2]
	access, _ := login(t, learner.Username, learner.Password)

	parts := strings.Split(access, ".")
	sig := []byte(parts[2])
	sig[len(sig)/2] ^= 1
	tampered := parts[0] + "." + parts[1] + "." + string(sig)

	idp := srv.Stack.Clients().Cognito
	other, err := idp.CreateUserPoolClient(context.Background(), &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String(srv.Resources.UserPoolID), ClientName: aws.String("another-app"),
		ExplicitAuthFlows: []ciptypes.ExplicitAuthFlowsType{ciptypes.ExplicitAuthFlowsTypeAllowUserPasswordAuth, ciptypes.ExplicitAuthFlowsTypeAllowRefreshTokenAuth},
	})
	if err != nil {
		t.Fatal(err)
	}
	auth, err := idp.InitiateAuth(context.Background(), &cip.InitiateAuthInput{
		AuthFlow: ciptypes.AuthFlowTypeUserPasswordAuth, ClientId: other.UserPoolClient.ClientId,
		AuthParameters: map[string]string{"USERNAME": learner.Username, "PASSWORD": learner.Password},
	})
	if err != nil {
		t.Fatal(err)
	}
	foreign := aws.ToString(auth.AuthenticationResult.AccessToken)

	for name, tok := range map[string]string{"tampered signature": tampered, "another client": foreign, "garbage": "not.a.jwt"} {
		resp, body := call(t, http.MethodGet, "/api/health/auth", tok, nil, nil)
		requireErrorShape(t, name, resp, body, http.StatusUnauthorized, "unauthorized")
	}
	resp, body := call(t, http.MethodGet, "/api/health/auth", "", nil, map[string]string{"Authorization": access})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("token without Bearer prefix: %d %s", resp.StatusCode, body)
	}
}

func TestGatewayErrorsUseTheErrorShape(t *testing.T) {
	resp, body := call(t, http.MethodGet, "/api/no/such/route", "", nil, nil)
	requireErrorShape(t, "unknown route", resp, body, http.StatusNotFound, "route_not_found")

	_, body = call(t, http.MethodGet, "/api/no/such/route", "", nil, map[string]string{"Accept-Language": "en"})
	var e errorBody
	_ = json.Unmarshal(body, &e)
	if e.Error.Message != "No such API route." {
		t.Errorf("English message: %s", body)
	}

	big := bytes.Repeat([]byte("x"), 10<<20+1)
	resp, body = call(t, http.MethodGet, "/api/health", "", big, nil)
	requireErrorShape(t, "oversized payload", resp, body, http.StatusRequestEntityTooLarge, "body_too_large")
}

// CORS as the template configures it: the web origin may call the API,
// another origin gets no CORS headers.
func TestCORSFollowsTheTemplate(t *testing.T) {
	pre := map[string]string{"Origin": srv.URL, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
	resp, _ := call(t, http.MethodOptions, "/api/health/auth", "", nil, pre)
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != srv.URL ||
		!strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "authorization") {
		t.Fatalf("preflight from the web origin: %d %v", resp.StatusCode, resp.Header)
	}
	pre["Origin"] = "https://evil.example"
	resp, _ = call(t, http.MethodOptions, "/api/health/auth", "", nil, pre)
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("preflight from another origin allowed: %v", resp.Header)
	}
	resp, _ = call(t, http.MethodGet, "/api/health", "", nil, map[string]string{"Origin": srv.URL})
	if resp.Header.Get("Access-Control-Allow-Origin") != srv.URL || !strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "x-request-id") {
		t.Fatalf("simple request from the web origin: %v", resp.Header)
	}
}

func TestWebAppIsServedOnTheSameOrigin(t *testing.T) {
	for _, p := range []string{"/", "/t/bdtbt/kursus/123"} {
		resp, body := call(t, http.MethodGet, p, "", nil, nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `<html lang="id">`) {
			t.Fatalf("GET %s: %d %.200s", p, resp.StatusCode, body)
		}
	}
	resp, body := call(t, http.MethodGet, "/config.json", "", nil, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"apiBase":"/api"`) {
		t.Fatalf("config.json: %d %s", resp.StatusCode, body)
	}
}
