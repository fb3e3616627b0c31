package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"lms/shared/httpapi"
	"lms/shared/logging"
)

// discardLog is the logger of every router under test that does not inspect
// its log lines.
func discardLog() *slog.Logger { return logging.New(io.Discard, "INFO", "test") }

// errorBody is the decoded error shape with details kept raw so that each
// test can read them into the type it expects.
type errorBody struct {
	Error struct {
		Code    string          `json:"code"`
		Message string          `json:"message"`
		Details json.RawMessage `json:"details"`
	} `json:"error"`
}

// decodeErrorBody checks that body is exactly the error shape (one top-level
// "error" object with code, message and optional details, nothing else) and
// returns it.
func decodeErrorBody(t *testing.T, body []byte) errorBody {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		t.Fatalf("error body is not a JSON object: %v: %s", err, body)
	}
	if len(top) != 1 || top["error"] == nil {
		t.Fatalf("error body must have exactly one key \"error\": %s", body)
	}
	var inner map[string]json.RawMessage
	if err := json.Unmarshal(top["error"], &inner); err != nil {
		t.Fatalf("\"error\" is not an object: %v: %s", err, body)
	}
	for k := range inner {
		if k != "code" && k != "message" && k != "details" {
			t.Errorf("unexpected key %q in error object: %s", k, body)
		}
	}
	var eb errorBody
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&eb); err != nil {
		t.Fatalf("decode error body: %v: %s", err, body)
	}
	if eb.Error.Code == "" || eb.Error.Message == "" {
		t.Errorf("error code and message must not be empty: %s", body)
	}
	return eb
}

// assertErrorResponse checks status, JSON content type and the error shape,
// and returns the decoded body.
func assertErrorResponse(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) errorBody {
	t.Helper()
	if rec.Code != status {
		t.Errorf("status = %d, want %d (body %s)", rec.Code, status, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	eb := decodeErrorBody(t, rec.Body.Bytes())
	if eb.Error.Code != code {
		t.Errorf("code = %q, want %q (body %s)", eb.Error.Code, code, rec.Body.String())
	}
	return eb
}

// serveError returns the response a router gives when a handler returns err,
// with the given Accept-Language (empty for none).
func serveError(t *testing.T, err error, acceptLanguage string) *httptest.ResponseRecorder {
	t.Helper()
	rt := httpapi.NewRouter(discardLog())
	rt.Handle(http.MethodGet, "/err", func(http.ResponseWriter, *http.Request) error { return err })
	req := httptest.NewRequest(http.MethodGet, "/err", nil)
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, req)
	return rec
}
