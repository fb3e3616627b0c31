package localgw

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"lms/infra/samtemplate"
	"lms/shared/httpapi"
)

const testS3 = "http://127.0.0.1:7070"

func webGateway(t *testing.T) *Gateway {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<html lang="id"></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "assets", "app.js"), []byte(`export {}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return &Gateway{opts: Options{WebDir: dir, APIPrefix: "/api", SDKEnv: map[string]string{"AWS_ENDPOINT_URL_S3": testS3 + "/"}}}
}

// Every answer of the web server (index, asset, config, deep link, refused
// method) carries the web app's security headers, with the S3 stand-in as
// the media origin.
func TestWebAnswersCarrySecurityHeaders(t *testing.T) {
	g := webGateway(t)
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, "/", 200},
		{http.MethodGet, "/t/bdtbt/kursus/1", 200},
		{http.MethodGet, "/assets/app.js", 200},
		{http.MethodGet, "/config.json", 200},
		{http.MethodPost, "/", 405},
	} {
		rec := httptest.NewRecorder()
		g.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		if rec.Code != c.status {
			t.Errorf("%s %s: status %d, want %d", c.method, c.path, rec.Code, c.status)
		}
		h := rec.Header()
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'self';", "frame-ancestors 'none'", "connect-src 'self' " + testS3 + ";",
			"media-src 'self' blob: " + testS3 + ";", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s %s: CSP %q lacks %q", c.method, c.path, csp, want)
			}
		}
		for k, v := range map[string]string{"Strict-Transport-Security": httpapi.HSTS, "X-Content-Type-Options": "nosniff",
			"Referrer-Policy": httpapi.WebReferrerPolicy, "X-Frame-Options": "DENY"} {
			if got := h.Get(k); got != v {
				t.Errorf("%s %s: %s = %q, want %q", c.method, c.path, k, got, v)
			}
		}
	}
}

// The gateway's own errors (here: no such route) carry the API's security
// headers, as the functions' answers do.
func TestGatewayErrorsCarrySecurityHeaders(t *testing.T) {
	g := webGateway(t)
	rec := httptest.NewRecorder()
	g.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/no/such/route", nil))
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d", rec.Code)
	}
	var body struct {
		Error httpapi.BodyError `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code != "route_not_found" {
		t.Fatalf("body %s", rec.Body)
	}
	for k, v := range map[string]string{"Content-Security-Policy": httpapi.APIContentSecurityPolicy, "Strict-Transport-Security": httpapi.HSTS,
		"X-Content-Type-Options": "nosniff", "Referrer-Policy": httpapi.APIReferrerPolicy, "Cache-Control": "no-store"} {
		if got := rec.Header().Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

// CloudFront sends the web app the same policy the local gateway does, with
// the cloud's API and materials bucket as origins, on the default
// behaviour; derived media get their own headers.
func TestTemplateWebHeadersMatchTheGateway(t *testing.T) {
	tpl, err := samtemplate.Load(filepath.Join("..", "..", "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := &samtemplate.Context{Pseudo: map[string]string{"AWS::Region": "ap-southeast-3", "AWS::StackName": "lms",
		"AWS::AccountId": "123456789012", "AWS::URLSuffix": "amazonaws.com"}}
	policy := tpl.Resources["WebSecurityHeaders"]
	if policy.Type != "AWS::CloudFront::ResponseHeadersPolicy" {
		t.Fatalf("WebSecurityHeaders is %q", policy.Type)
	}
	var cfg struct {
		SecurityHeadersConfig struct {
			ContentSecurityPolicy   struct{ ContentSecurityPolicy string }
			StrictTransportSecurity struct {
				AccessControlMaxAgeSec float64
				IncludeSubdomains      bool
			}
			ContentTypeOptions struct{ Override bool }
			ReferrerPolicy     struct{ ReferrerPolicy string }
			FrameOptions       struct{ FrameOption string }
		}
	}
	if err := tpl.EvalInto(samtemplate.Path(policy.Properties, "ResponseHeadersPolicyConfig"), ctx, &cfg); err != nil {
		t.Fatal(err)
	}
	sh := cfg.SecurityHeadersConfig
	want := httpapi.WebContentSecurityPolicy(httpapi.WebOrigins{
		API:   []string{"https://*.execute-api.ap-southeast-3.amazonaws.com"},
		Media: []string{"https://lms-materials-123456789012-ap-southeast-3.s3.ap-southeast-3.amazonaws.com"},
	})
	if sh.ContentSecurityPolicy.ContentSecurityPolicy != want {
		t.Errorf("template CSP\n  %s\nwant (shared/httpapi)\n  %s", sh.ContentSecurityPolicy.ContentSecurityPolicy, want)
	}
	hsts := fmt.Sprintf("max-age=%d", int(sh.StrictTransportSecurity.AccessControlMaxAgeSec))
	if sh.StrictTransportSecurity.IncludeSubdomains {
		hsts += "; includeSubDomains"
	}
	if hsts != httpapi.HSTS || !sh.ContentTypeOptions.Override || sh.ReferrerPolicy.ReferrerPolicy != httpapi.WebReferrerPolicy ||
		sh.FrameOptions.FrameOption != "DENY" {
		t.Errorf("template headers %+v (HSTS %q), want HSTS %q, nosniff, %s, DENY", sh, hsts, httpapi.HSTS, httpapi.WebReferrerPolicy)
	}

	dist := samtemplate.Path(tpl.Resources["WebDistribution"].Properties, "DistributionConfig")
	def := samtemplate.Path(dist, "DefaultCacheBehavior", "ResponseHeadersPolicyId")
	if def == nil || refTarget(def) != "WebSecurityHeaders" {
		t.Errorf("the default behaviour does not use WebSecurityHeaders")
	}
	// The media behaviour sits inside an Fn::If; find every
	// ResponseHeadersPolicyId under CacheBehaviors.
	var ids []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		for i := 0; i+1 < len(n.Content); i++ {
			if n.Content[i].Value == "ResponseHeadersPolicyId" {
				ids = append(ids, refTarget(n.Content[i+1]))
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(samtemplate.Path(dist, "CacheBehaviors"))
	if len(ids) == 0 {
		t.Error("no cache behaviour has a response headers policy")
	}
	for _, id := range ids {
		if tpl.Resources[id].Type != "AWS::CloudFront::ResponseHeadersPolicy" {
			t.Errorf("cache behaviour response headers policy %q is not a policy of the template", id)
		}
	}
}

// refTarget is the logical id a !Ref node names ("" for anything else).
func refTarget(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	if n.Tag == "!Ref" {
		return n.Value
	}
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Value == "Ref" {
		return n.Content[1].Value
	}
	return ""
}
