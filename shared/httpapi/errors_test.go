package httpapi_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"lms/shared/httpapi"
	"lms/shared/logging"
)

func TestWriteErrorMessages(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantCode   string
		wantID     string
		wantEN     string
	}{
		{"bad request", httpapi.NewError(http.StatusBadRequest, "bad_request"), 400, "bad_request",
			"Permintaan tidak valid.", "The request is not valid."},
		{"unauthorized", httpapi.ErrUnauthorized(), 401, "unauthorized",
			"Anda harus masuk terlebih dahulu.", "You must sign in first."},
		{"forbidden", httpapi.ErrForbidden(), 403, "forbidden",
			"Anda tidak berwenang melakukan tindakan ini.", "You are not allowed to do this."},
		{"not found", httpapi.ErrNotFound(), 404, "not_found",
			"Data tidak ditemukan.", "Not found."},
		{"route not found", httpapi.ErrRouteNotFound(), 404, "route_not_found",
			"Alamat API tidak ditemukan.", "No such API route."},
		{"method not allowed", httpapi.NewError(http.StatusMethodNotAllowed, "method_not_allowed").With("Method", "PATCH"), 405, "method_not_allowed",
			"Metode PATCH tidak diizinkan untuk alamat ini.", "Method PATCH is not allowed on this route."},
		{"conflict", httpapi.NewError(http.StatusConflict, "conflict"), 409, "conflict",
			"Data telah diubah oleh orang lain. Muat ulang lalu coba lagi.", "The data was changed by someone else. Reload and try again."},
		{"unknown field", httpapi.NewError(http.StatusBadRequest, "unknown_field").With("Field", "email"), 400, "unknown_field",
			`Kolom "email" tidak dikenal.`, `Unknown field "email".`},
		{"too many requests", httpapi.NewError(http.StatusTooManyRequests, "too_many_requests"), 429, "too_many_requests",
			"Terlalu banyak permintaan. Coba lagi sebentar lagi.", "Too many requests. Try again shortly."},
		{"internal", httpapi.NewError(http.StatusInternalServerError, "internal"), 500, "internal",
			"Terjadi kesalahan pada server. Coba lagi nanti.", "Something went wrong on the server. Try again later."},
		{"wrapped *Error keeps its status", fmt.Errorf("loading course: %w", httpapi.ErrNotFound()), 404, "not_found",
			"Data tidak ditemukan.", "Not found."},
		{"code without a catalog entry renders as the code", httpapi.NewError(http.StatusTeapot, "no_such_message"), 418, "no_such_message",
			"no_such_message", "no_such_message"},
	}
	langs := []struct {
		header      string
		english     bool
		contentLang string
	}{
		{"", false, "id"},
		{"id", false, "id"},
		{"id-ID,id;q=0.9,en;q=0.8", false, "id"},
		{"en", true, "en"},
		{"en-US,en;q=0.9", true, "en"},
		{"fr-FR, en;q=0.5", true, "en"},
		{"fr", false, "id"},
		{"de-DE,ja;q=0.8", false, "id"},
		{";;;not a header", false, "id"},
	}
	for _, tc := range tests {
		for _, lang := range langs {
			t.Run(tc.name+"/"+lang.header, func(t *testing.T) {
				rec := serveError(t, tc.err, lang.header)
				eb := assertErrorResponse(t, rec, tc.wantStatus, tc.wantCode)
				want := tc.wantID
				if lang.english {
					want = tc.wantEN
				}
				if eb.Error.Message != want {
					t.Errorf("message = %q, want %q", eb.Error.Message, want)
				}
				if got := rec.Header().Get("Content-Language"); got != lang.contentLang {
					t.Errorf("Content-Language = %q, want %q", got, lang.contentLang)
				}
			})
		}
	}
}

func TestWriteErrorDetails(t *testing.T) {
	details := []httpapi.FieldError{
		{Field: "nik", Code: "invalid", Message: "NIK harus 16 digit."},
		{Field: "name", Code: "required", Message: "Nama wajib diisi."},
	}
	rec := serveError(t, httpapi.NewError(http.StatusBadRequest, "validation_failed").WithDetails(details), "")
	eb := assertErrorResponse(t, rec, http.StatusBadRequest, "validation_failed")
	var got []httpapi.FieldError
	if err := json.Unmarshal(eb.Error.Details, &got); err != nil {
		t.Fatalf("details: %v: %s", err, eb.Error.Details)
	}
	if len(got) != 2 || got[0] != details[0] || got[1] != details[1] {
		t.Errorf("details = %+v, want %+v", got, details)
	}
	// Without details the key is omitted.
	rec = serveError(t, httpapi.ErrForbidden(), "")
	if strings.Contains(rec.Body.String(), "details") {
		t.Errorf("details present without details: %s", rec.Body.String())
	}
}

// Anything that is not an *Error becomes a 500 "internal" whose text never
// reaches the client but is logged with the request id.
func TestWriteErrorHidesInternalErrors(t *testing.T) {
	const secret = "dial tcp 10.0.3.7:443: password=hunter2 table lms-prod"
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantCode   string
	}{
		{"plain error", errors.New(secret), 500, "internal"},
		{"wrapped plain error", fmt.Errorf("put item: %w", errors.New(secret)), 500, "internal"},
		{"5xx *Error with a cause", &httpapi.Error{Status: http.StatusServiceUnavailable, Code: "internal", Cause: errors.New(secret)}, 503, "internal"},
		{"4xx *Error with a cause", &httpapi.Error{Status: http.StatusConflict, Code: "conflict", Cause: errors.New(secret)}, 409, "conflict"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			rt := httpapi.NewRouter(logging.New(&logs, "INFO", "test"))
			rt.Handle(http.MethodGet, "/x", func(http.ResponseWriter, *http.Request) error { return tc.err })
			req := httptest.NewRequest(http.MethodGet, "/x", nil)
			req.Header.Set("X-Request-Id", "req-internal-1")
			rec := httptest.NewRecorder()
			rt.ServeHTTP(rec, req)

			assertErrorResponse(t, rec, tc.wantStatus, tc.wantCode)
			for _, leak := range []string{"hunter2", "10.0.3.7", "dial tcp", "lms-prod"} {
				if strings.Contains(rec.Body.String(), leak) {
					t.Errorf("response leaks %q: %s", leak, rec.Body.String())
				}
				for k, v := range rec.Header() {
					if strings.Contains(strings.Join(v, ","), leak) {
						t.Errorf("header %s leaks %q", k, leak)
					}
				}
			}
			if tc.wantStatus >= 500 {
				var found bool
				for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
					var m map[string]any
					if err := json.Unmarshal([]byte(line), &m); err != nil {
						t.Fatalf("log line is not JSON: %v: %s", err, line)
					}
					if m["msg"] == "request failed" {
						found = true
						if m["requestId"] != "req-internal-1" {
							t.Errorf("failure logged without the request id: %s", line)
						}
						if s, _ := m["error"].(string); !strings.Contains(s, "hunter2") {
							t.Errorf("failure logged without the cause: %s", line)
						}
					}
				}
				if !found {
					t.Errorf("no \"request failed\" log line: %s", logs.String())
				}
			}
		})
	}
}

func TestErrorMethods(t *testing.T) {
	cause := errors.New("boom")
	tests := []struct {
		name string
		err  *httpapi.Error
		want string
	}{
		{"without cause", httpapi.NewError(http.StatusNotFound, "not_found"), "not_found (404)"},
		{"with cause", &httpapi.Error{Status: 500, Code: "internal", Cause: cause}, "internal (500): boom"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
			if got := tc.err.Unwrap(); got != tc.err.Cause {
				t.Errorf("Unwrap() = %v, want %v", got, tc.err.Cause)
			}
		})
	}
	if err := (&httpapi.Error{Status: 500, Code: "internal", Cause: cause}); !errors.Is(err, cause) {
		t.Error("errors.Is does not reach the cause")
	}

	e := httpapi.NewError(http.StatusBadRequest, "unknown_field").With("Field", "a").With("Other", 2)
	if e.Status != 400 || e.Code != "unknown_field" || e.Data["Field"] != "a" || e.Data["Other"] != 2 {
		t.Errorf("With: %+v", e)
	}
	if d := httpapi.NewError(400, "x").WithDetails("d"); d.Details != "d" {
		t.Errorf("WithDetails: %+v", d)
	}

	// The constructors return a fresh value each time, so that With on one
	// error never leaks into another.
	a, b := httpapi.ErrNotFound(), httpapi.ErrNotFound()
	if a == b {
		t.Fatal("ErrNotFound returns a shared value")
	}
	a.With("Field", "x")
	if b.Data != nil {
		t.Errorf("data leaked between errors: %+v", b.Data)
	}
	for _, c := range []struct {
		err    *httpapi.Error
		status int
		code   string
	}{
		{httpapi.ErrUnauthorized(), 401, "unauthorized"},
		{httpapi.ErrForbidden(), 403, "forbidden"},
		{httpapi.ErrNotFound(), 404, "not_found"},
		{httpapi.ErrRouteNotFound(), 404, "route_not_found"},
	} {
		if c.err.Status != c.status || c.err.Code != c.code {
			t.Errorf("got %d %q, want %d %q", c.err.Status, c.err.Code, c.status, c.code)
		}
	}
}

// WriteError also works outside a router (no logger in the context).
func TestWriteErrorWithoutRouter(t *testing.T) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Accept-Language", "en")
	httpapi.WriteError(rec, req, httpapi.ErrForbidden())
	eb := assertErrorResponse(t, rec, http.StatusForbidden, "forbidden")
	if eb.Error.Message != "You are not allowed to do this." {
		t.Errorf("message = %q", eb.Error.Message)
	}
}
