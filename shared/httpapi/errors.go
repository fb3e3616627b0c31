// Package httpapi is the HTTP plumbing every API function shares: the one
// error shape, localized messages, strict JSON decoding with a size limit,
// request ids, access logs and panic recovery.
package httpapi

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"lms/shared/faults"
	"lms/shared/i18n"
)

// Error is an error the client may see. Code is stable and machine-readable;
// the message is rendered from the catalog in the caller's language; Cause is
// logged, never sent.
type Error struct {
	Status  int
	Code    string
	Data    map[string]any
	Details any
	Cause   error
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s (%d): %v", e.Code, e.Status, e.Cause)
	}
	return fmt.Sprintf("%s (%d)", e.Code, e.Status)
}

func (e *Error) Unwrap() error { return e.Cause }

// NewError returns an error with the given status and catalog code.
func NewError(status int, code string) *Error { return &Error{Status: status, Code: code} }

// With sets template data for the message.
func (e *Error) With(key string, value any) *Error {
	if e.Data == nil {
		e.Data = map[string]any{}
	}
	e.Data[key] = value
	return e
}

// WithDetails attaches structured details (for example per-field messages).
func (e *Error) WithDetails(d any) *Error { e.Details = d; return e }

// FieldError is one entry of a validation error's details.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Common errors.
var (
	ErrUnauthorized  = func() *Error { return NewError(http.StatusUnauthorized, "unauthorized") }
	ErrForbidden     = func() *Error { return NewError(http.StatusForbidden, "forbidden") }
	ErrNotFound      = func() *Error { return NewError(http.StatusNotFound, "not_found") }
	ErrRouteNotFound = func() *Error { return NewError(http.StatusNotFound, "route_not_found") }
)

// Body is the JSON shape of every 4xx/5xx response.
type Body struct {
	Error BodyError `json:"error"`
}

// BodyError is the inner object of Body.
type BodyError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details any    `json:"details,omitempty"`
}

// WriteError writes err in the error shape. Anything that is not an *Error
// becomes a 500 whose cause is logged with the request id and hidden, except
// a dependency that is unreachable, too slow or throttling once the SDK's
// retries are spent (shared/faults): that is a 503 service_unavailable with
// Retry-After, since the same request will succeed later. Every 503 carries
// Retry-After.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		apiErr = &Error{Status: http.StatusInternalServerError, Code: "internal", Cause: err}
	}
	fault := faults.None
	if apiErr.Status == http.StatusInternalServerError {
		if fault = faults.Classify(err); fault != faults.None {
			apiErr = &Error{Status: http.StatusServiceUnavailable, Code: "service_unavailable", Cause: err}
		}
	}
	if apiErr.Status == http.StatusServiceUnavailable && w.Header().Get("Retry-After") == "" {
		wait := fault.RetryAfter()
		if wait == 0 {
			wait = faults.Unavailable.RetryAfter()
		}
		w.Header().Set("Retry-After", strconv.Itoa(wait))
	}
	if apiErr.Status >= 500 {
		loggerFrom(r.Context()).ErrorContext(r.Context(), "request failed", "code", apiErr.Code, "fault", fault.String(), "error", err.Error())
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	body := Body{Error: BodyError{
		Code:    apiErr.Code,
		Message: i18n.Text(lang, apiErr.Code, apiErr.Data),
		Details: apiErr.Details,
	}}
	w.Header().Set("Content-Language", string(lang))
	WriteJSON(w, apiErr.Status, body)
}

func init() {
	i18n.Register(
		i18n.Message{Key: "bad_request", Indonesian: "Permintaan tidak valid.", English: "The request is not valid."},
		i18n.Message{Key: "invalid_json", Indonesian: "Isi permintaan bukan JSON yang valid.", English: "The request body is not valid JSON."},
		i18n.Message{Key: "unknown_field", Indonesian: "Kolom \"{{.Field}}\" tidak dikenal.", English: "Unknown field \"{{.Field}}\"."},
		i18n.Message{Key: "body_required", Indonesian: "Isi permintaan tidak boleh kosong.", English: "The request body must not be empty."},
		i18n.Message{Key: "body_too_large", Indonesian: "Isi permintaan melebihi batas {{.Limit}} bita.", English: "The request body exceeds the {{.Limit}}-byte limit."},
		i18n.Message{Key: "unsupported_media_type", Indonesian: "Content-Type harus application/json.", English: "Content-Type must be application/json."},
		i18n.Message{Key: "validation_failed", Indonesian: "Beberapa isian tidak valid. Periksa kembali isian yang ditandai.", English: "Some fields are not valid. Check the marked fields."},
		i18n.Message{Key: "unauthorized", Indonesian: "Anda harus masuk terlebih dahulu.", English: "You must sign in first."},
		i18n.Message{Key: "forbidden", Indonesian: "Anda tidak berwenang melakukan tindakan ini.", English: "You are not allowed to do this."},
		i18n.Message{Key: "not_found", Indonesian: "Data tidak ditemukan.", English: "Not found."},
		i18n.Message{Key: "route_not_found", Indonesian: "Alamat API tidak ditemukan.", English: "No such API route."},
		i18n.Message{Key: "method_not_allowed", Indonesian: "Metode {{.Method}} tidak diizinkan untuk alamat ini.", English: "Method {{.Method}} is not allowed on this route."},
		i18n.Message{Key: "conflict", Indonesian: "Data telah diubah oleh orang lain. Muat ulang lalu coba lagi.", English: "The data was changed by someone else. Reload and try again."},
		i18n.Message{Key: "too_many_requests", Indonesian: "Terlalu banyak permintaan. Coba lagi sebentar lagi.", English: "Too many requests. Try again shortly."},
		i18n.Message{Key: "internal", Indonesian: "Terjadi kesalahan pada server. Coba lagi nanti.", English: "Something went wrong on the server. Try again later."},
		i18n.Message{Key: "service_unavailable", Indonesian: "Layanan sedang sibuk atau tidak dapat dihubungi. Coba lagi dalam beberapa detik.", English: "The service is busy or cannot be reached. Try again in a few seconds."},
	)
}
