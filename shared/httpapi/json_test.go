package httpapi_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"lms/shared/httpapi"
)

type address struct {
	City string `json:"city"`
}

type payload struct {
	Name    string   `json:"name"`
	Age     int      `json:"age"`
	Tags    []string `json:"tags,omitempty"`
	Address *address `json:"address,omitempty"`
}

func TestDecodeJSON(t *testing.T) {
	overDefault := `{"name":"` + strings.Repeat("a", httpapi.DefaultBodyLimit) + `"}`
	// exactly16 is a complete JSON value of exactly 16 bytes.
	const exactly16 = `{"name":"abcde"}`
	if len(exactly16) != 16 {
		t.Fatalf("fixture is %d bytes, want 16", len(exactly16))
	}

	tests := []struct {
		name        string
		contentType string
		body        string
		limit       int64
		want        payload // when wantCode is empty
		wantStatus  int
		wantCode    string
		wantData    map[string]any
		wantDetails any
		wantID      string // Indonesian message
		wantEN      string // English message
	}{
		{
			name:        "valid",
			contentType: "application/json",
			body:        `{"name":"Budi","age":30,"tags":["a","b"]}`,
			want:        payload{Name: "Budi", Age: 30, Tags: []string{"a", "b"}},
		},
		{
			name:        "valid with charset parameter",
			contentType: "application/json; charset=utf-8",
			body:        `{"name":"Siti"}`,
			want:        payload{Name: "Siti"},
		},
		{
			name:        "valid with upper-case media type",
			contentType: "Application/JSON",
			body:        `{"age":1}`,
			want:        payload{Age: 1},
		},
		{
			name: "valid without content type",
			body: `{"name":"Ani"}`,
			want: payload{Name: "Ani"},
		},
		{
			name:        "valid with surrounding whitespace",
			contentType: "application/json",
			body:        " \n\t{\"name\":\"Ani\"}\r\n ",
			want:        payload{Name: "Ani"},
		},
		{
			name:        "valid nested object",
			contentType: "application/json",
			body:        `{"address":{"city":"Bandung"}}`,
			want:        payload{Address: &address{City: "Bandung"}},
		},
		{
			name:        "valid body of exactly the limit",
			contentType: "application/json",
			body:        exactly16,
			limit:       16,
			want:        payload{Name: "abcde"},
		},
		{
			name:        "unknown field",
			contentType: "application/json",
			body:        `{"name":"Budi","nik":"3273011508950001"}`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "unknown_field",
			wantData:    map[string]any{"Field": "nik"},
			wantID:      `Kolom "nik" tidak dikenal.`,
			wantEN:      `Unknown field "nik".`,
		},
		{
			name:        "unknown field named like a template action is rendered literally",
			contentType: "application/json",
			body:        `{"{{.Limit}}{{printf \"%s\" .}}":1}`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "unknown_field",
			wantData:    map[string]any{"Field": `{{.Limit}}{{printf "%s" .}}`},
			wantID:      `Kolom "{{.Limit}}{{printf "%s" .}}" tidak dikenal.`,
			wantEN:      `Unknown field "{{.Limit}}{{printf "%s" .}}".`,
		},
		{
			name:        "unknown field with escaped characters is reported as sent",
			contentType: "application/json",
			body:        `{"a\\b\"c":1}`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "unknown_field",
			wantData:    map[string]any{"Field": `a\b"c`},
			wantID:      `Kolom "a\b"c" tidak dikenal.`,
			wantEN:      `Unknown field "a\b"c".`,
		},
		{
			name:        "unknown field with markup is returned as text",
			contentType: "application/json",
			body:        `{"<img src=x>":1}`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "unknown_field",
			wantData:    map[string]any{"Field": "<img src=x>"},
			wantID:      `Kolom "<img src=x>" tidak dikenal.`,
			wantEN:      `Unknown field "<img src=x>".`,
		},
		{
			name:        "unknown nested field",
			contentType: "application/json",
			body:        `{"address":{"city":"Bandung","zip":"40111"}}`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "unknown_field",
			wantData:    map[string]any{"Field": "zip"},
			wantID:      `Kolom "zip" tidak dikenal.`,
			wantEN:      `Unknown field "zip".`,
		},
		{
			name:        "body over explicit limit",
			contentType: "application/json",
			body:        `{"name":"abcdef"}`, // 17 bytes
			limit:       16,
			wantStatus:  http.StatusRequestEntityTooLarge,
			wantCode:    "body_too_large",
			wantData:    map[string]any{"Limit": int64(16)},
			wantID:      "Isi permintaan melebihi batas 16 bita.",
			wantEN:      "The request body exceeds the 16-byte limit.",
		},
		{
			name:        "body over default limit",
			contentType: "application/json",
			body:        overDefault,
			wantStatus:  http.StatusRequestEntityTooLarge,
			wantCode:    "body_too_large",
			wantData:    map[string]any{"Limit": int64(httpapi.DefaultBodyLimit)},
			wantID:      "Isi permintaan melebihi batas 65536 bita.",
			wantEN:      "The request body exceeds the 65536-byte limit.",
		},
		{
			name:        "negative limit means default limit",
			contentType: "application/json",
			body:        overDefault,
			limit:       -1,
			wantStatus:  http.StatusRequestEntityTooLarge,
			wantCode:    "body_too_large",
			wantData:    map[string]any{"Limit": int64(httpapi.DefaultBodyLimit)},
			wantID:      "Isi permintaan melebihi batas 65536 bita.",
			wantEN:      "The request body exceeds the 65536-byte limit.",
		},
		{
			name:        "valid value followed by padding over the limit",
			contentType: "application/json",
			body:        `{"name":"a"}` + strings.Repeat(" ", 64),
			limit:       32,
			wantStatus:  http.StatusRequestEntityTooLarge,
			wantCode:    "body_too_large",
			wantData:    map[string]any{"Limit": int64(32)},
			wantID:      "Isi permintaan melebihi batas 32 bita.",
			wantEN:      "The request body exceeds the 32-byte limit.",
		},
		{
			name:        "empty body",
			contentType: "application/json",
			body:        "",
			wantStatus:  http.StatusBadRequest,
			wantCode:    "body_required",
			wantID:      "Isi permintaan tidak boleh kosong.",
			wantEN:      "The request body must not be empty.",
		},
		{
			name:       "whitespace-only body without content type",
			body:       " \n ",
			wantStatus: http.StatusBadRequest,
			wantCode:   "body_required",
			wantID:     "Isi permintaan tidak boleh kosong.",
			wantEN:     "The request body must not be empty.",
		},
		{
			name:        "malformed JSON: truncated",
			contentType: "application/json",
			body:        `{"name":`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "invalid_json",
			wantID:      "Isi permintaan bukan JSON yang valid.",
			wantEN:      "The request body is not valid JSON.",
		},
		{
			name:        "malformed JSON: unquoted key",
			contentType: "application/json",
			body:        `{name:"Budi"}`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "invalid_json",
			wantID:      "Isi permintaan bukan JSON yang valid.",
			wantEN:      "The request body is not valid JSON.",
		},
		{
			name:        "malformed JSON: not JSON at all",
			contentType: "application/json",
			body:        `name=Budi&age=30`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "invalid_json",
			wantID:      "Isi permintaan bukan JSON yang valid.",
			wantEN:      "The request body is not valid JSON.",
		},
		{
			name:        "trailing garbage",
			contentType: "application/json",
			body:        `{"name":"Budi"} x`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "invalid_json",
			wantDetails: "trailing data after the JSON value",
			wantID:      "Isi permintaan bukan JSON yang valid.",
			wantEN:      "The request body is not valid JSON.",
		},
		{
			name:        "trailing second object",
			contentType: "application/json",
			body:        `{"name":"Budi"}{"name":"Ani"}`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "invalid_json",
			wantDetails: "trailing data after the JSON value",
			wantID:      "Isi permintaan bukan JSON yang valid.",
			wantEN:      "The request body is not valid JSON.",
		},
		{
			name:        "trailing empty object",
			contentType: "application/json",
			body:        `{"name":"Budi"} {}`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "invalid_json",
			wantDetails: "trailing data after the JSON value",
			wantID:      "Isi permintaan bukan JSON yang valid.",
			wantEN:      "The request body is not valid JSON.",
		},
		{
			name:        "wrong type",
			contentType: "application/json",
			body:        `{"name":"Budi","age":"tiga puluh"}`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "validation_failed",
			wantDetails: []httpapi.FieldError{{Field: "age", Code: "wrong_type", Message: "expected int"}},
			wantID:      "Beberapa isian tidak valid. Periksa kembali isian yang ditandai.",
			wantEN:      "Some fields are not valid. Check the marked fields.",
		},
		{
			name:        "wrong type in nested field",
			contentType: "application/json",
			body:        `{"address":{"city":7}}`,
			wantStatus:  http.StatusBadRequest,
			wantCode:    "validation_failed",
			wantDetails: []httpapi.FieldError{{Field: "address.city", Code: "wrong_type", Message: "expected string"}},
			wantID:      "Beberapa isian tidak valid. Periksa kembali isian yang ditandai.",
			wantEN:      "Some fields are not valid. Check the marked fields.",
		},
		{
			name:        "wrong content type",
			contentType: "text/plain",
			body:        `{"name":"Budi"}`,
			wantStatus:  http.StatusUnsupportedMediaType,
			wantCode:    "unsupported_media_type",
			wantID:      "Content-Type harus application/json.",
			wantEN:      "Content-Type must be application/json.",
		},
		{
			name:        "form content type",
			contentType: "application/x-www-form-urlencoded",
			body:        `name=Budi`,
			wantStatus:  http.StatusUnsupportedMediaType,
			wantCode:    "unsupported_media_type",
			wantID:      "Content-Type harus application/json.",
			wantEN:      "Content-Type must be application/json.",
		},
		{
			name:        "unparsable content type",
			contentType: "application/json; charset",
			body:        `{"name":"Budi"}`,
			wantStatus:  http.StatusUnsupportedMediaType,
			wantCode:    "unsupported_media_type",
			wantID:      "Content-Type harus application/json.",
			wantEN:      "Content-Type must be application/json.",
		},
	}

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			newReq := func() *http.Request {
				req := httptest.NewRequest(http.MethodPost, "/things", strings.NewReader(tc.body))
				if tc.contentType != "" {
					req.Header.Set("Content-Type", tc.contentType)
				}
				return req
			}

			// Direct call: the returned error.
			var got payload
			err := httpapi.DecodeJSON(newReq(), &got, tc.limit)
			if tc.wantCode == "" {
				if err != nil {
					t.Fatalf("DecodeJSON: unexpected error %v", err)
				}
				if !reflect.DeepEqual(got, tc.want) {
					t.Fatalf("decoded %+v, want %+v", got, tc.want)
				}
				return
			}
			var apiErr *httpapi.Error
			if !errors.As(err, &apiErr) {
				t.Fatalf("DecodeJSON error = %v (%T), want *httpapi.Error", err, err)
			}
			if apiErr.Status != tc.wantStatus || apiErr.Code != tc.wantCode {
				t.Errorf("error = %d %q, want %d %q", apiErr.Status, apiErr.Code, tc.wantStatus, tc.wantCode)
			}
			if tc.wantData != nil && !reflect.DeepEqual(apiErr.Data, tc.wantData) {
				t.Errorf("data = %#v, want %#v", apiErr.Data, tc.wantData)
			}
			if tc.wantDetails != nil && !reflect.DeepEqual(apiErr.Details, tc.wantDetails) {
				t.Errorf("details = %#v, want %#v", apiErr.Details, tc.wantDetails)
			}

			// Through a router: the response in both languages.
			for _, lang := range []struct{ header, want string }{
				{"", tc.wantID},
				{"id-ID,id;q=0.9", tc.wantID},
				{"en-US,en;q=0.9", tc.wantEN},
			} {
				rt := httpapi.NewRouter(discardLog())
				rt.Handle(http.MethodPost, "/things", func(w http.ResponseWriter, r *http.Request) error {
					var p payload
					if err := httpapi.DecodeJSON(r, &p, tc.limit); err != nil {
						return err
					}
					httpapi.WriteJSON(w, http.StatusOK, p)
					return nil
				})
				req := newReq()
				if lang.header != "" {
					req.Header.Set("Accept-Language", lang.header)
				}
				rec := httptest.NewRecorder()
				rt.ServeHTTP(rec, req)
				eb := assertErrorResponse(t, rec, tc.wantStatus, tc.wantCode)
				if eb.Error.Message != lang.want {
					t.Errorf("Accept-Language %q: message = %q, want %q", lang.header, eb.Error.Message, lang.want)
				}
				if tc.wantDetails != nil {
					wantJSON, _ := json.Marshal(tc.wantDetails)
					if string(eb.Error.Details) != string(wantJSON) {
						t.Errorf("details = %s, want %s", eb.Error.Details, wantJSON)
					}
				} else if len(eb.Error.Details) != 0 {
					t.Errorf("unexpected details %s", eb.Error.Details)
				}
			}
		})
	}
}

// The underlying decoder error is kept as the cause (for the log) but never
// reaches the client.
func TestDecodeJSONKeepsCauseOutOfResponse(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"age":"x"}`))
	var p payload
	err := httpapi.DecodeJSON(req, &p, 0)
	var apiErr *httpapi.Error
	if !errors.As(err, &apiErr) || apiErr.Cause == nil {
		t.Fatalf("want *Error with a cause, got %#v", err)
	}
	rec := serveError(t, err, "en")
	if strings.Contains(rec.Body.String(), apiErr.Cause.Error()) || strings.Contains(rec.Body.String(), "json:") {
		t.Errorf("response leaks the decoder error: %s", rec.Body.String())
	}
}

func TestWriteJSON(t *testing.T) {
	rec := httptest.NewRecorder()
	httpapi.WriteJSON(rec, http.StatusCreated, map[string]any{"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "n": 1})
	if rec.Code != http.StatusCreated {
		t.Errorf("status = %d, want 201", rec.Code)
	}
	if got := rec.Header().Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	if got := rec.Header().Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", got)
	}
	if got, want := rec.Body.String(), `{"id":"01ARZ3NDEKTSV4RRFFQ69G5FAV","n":1}`+"\n"; got != want {
		t.Errorf("body = %q, want %q", got, want)
	}
}
