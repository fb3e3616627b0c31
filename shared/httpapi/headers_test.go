package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"lms/shared/httpapi"
)

// wantAPIHeaders are the security headers of every API answer.
var wantAPIHeaders = map[string]string{
	"X-Content-Type-Options":    "nosniff",
	"Strict-Transport-Security": "max-age=63072000; includeSubDomains",
	"Referrer-Policy":           "no-referrer",
	"Content-Security-Policy":   "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
	"X-Frame-Options":           "DENY",
}

// Every answer of a router carries the security headers: a success, a
// handler's error, the router's own 404 and 405, and a recovered panic.
// Cache-Control is no-store unless the handler chose otherwise.
func TestRouterSetsSecurityHeaders(t *testing.T) {
	rt := httpapi.NewRouter(discardLog())
	rt.Handle(http.MethodGet, "/ok", func(w http.ResponseWriter, r *http.Request) error {
		httpapi.WriteJSON(w, http.StatusOK, map[string]string{"a": "b"})
		return nil
	})
	rt.Handle(http.MethodGet, "/raw", func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/csv")
		_, _ = w.Write([]byte("a,b\n"))
		return nil
	})
	rt.Handle(http.MethodGet, "/cached", func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
		w.Header().Set("Cache-Control", "private, max-age=300")
		_, _ = w.Write([]byte("#EXTM3U\n"))
		return nil
	})
	rt.Handle(http.MethodGet, "/fail", func(w http.ResponseWriter, r *http.Request) error { return httpapi.ErrForbidden() })
	rt.Handle(http.MethodGet, "/panic", func(w http.ResponseWriter, r *http.Request) error { panic("boom") })
	for _, c := range []struct {
		method, path string
		status       int
		cache        string
	}{
		{http.MethodGet, "/ok", 200, "no-store"},
		{http.MethodGet, "/raw", 200, "no-store"},
		{http.MethodGet, "/cached", 200, "private, max-age=300"},
		{http.MethodGet, "/fail", 403, "no-store"},
		{http.MethodGet, "/panic", 500, "no-store"},
		{http.MethodGet, "/nope", 404, "no-store"},
		{http.MethodPost, "/ok", 405, "no-store"},
	} {
		rec := httptest.NewRecorder()
		rt.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		if rec.Code != c.status {
			t.Errorf("%s %s: status %d, want %d", c.method, c.path, rec.Code, c.status)
		}
		for k, v := range wantAPIHeaders {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("%s %s: %s = %q, want %q", c.method, c.path, k, got, v)
			}
		}
		if got := rec.Header().Get("Cache-Control"); got != c.cache {
			t.Errorf("%s %s: Cache-Control = %q, want %q", c.method, c.path, got, c.cache)
		}
	}
}

// The web policy allows scripts and styles from the app's origin only,
// lists the media origins where the app loads and frames material, and
// lets nothing frame the app.
func TestWebContentSecurityPolicy(t *testing.T) {
	csp := httpapi.WebContentSecurityPolicy(httpapi.WebOrigins{
		API: []string{"https://api.example"}, Media: []string{"https://media.example"}})
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		if _, dup := directives[name]; dup {
			t.Errorf("directive %s twice in %q", name, csp)
		}
		directives[name] = value
	}
	want := map[string]string{
		"default-src":     "'self'",
		"script-src":      "'self'",
		"style-src":       "'self'",
		"img-src":         "'self' data: blob: https: https://media.example",
		"media-src":       "'self' blob: https://media.example",
		"connect-src":     "'self' https://api.example https://media.example",
		"frame-src":       "'self' https://media.example",
		"object-src":      "'none'",
		"frame-ancestors": "'none'",
	}
	for k, v := range want {
		if directives[k] != v {
			t.Errorf("%s = %q, want %q (policy %q)", k, directives[k], v, csp)
		}
	}
	for _, d := range directives {
		if strings.Contains(d, "unsafe") || strings.Contains(d, "*") {
			t.Errorf("policy %q allows %q", csp, d)
		}
	}

	h := http.Header{}
	httpapi.WebSecurityHeaders(h, httpapi.WebOrigins{})
	for k, v := range map[string]string{
		"Strict-Transport-Security": httpapi.HSTS, "X-Content-Type-Options": "nosniff",
		"Referrer-Policy": "strict-origin-when-cross-origin", "X-Frame-Options": "DENY",
	} {
		if h.Get(k) != v {
			t.Errorf("web %s = %q, want %q", k, h.Get(k), v)
		}
	}
	if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("web CSP %q", h.Get("Content-Security-Policy"))
	}
}
