package httpapi

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// DefaultBodyLimit is the largest JSON body a handler accepts unless it asks
// for another limit. File bytes never travel through the API (they go
// straight to S3), so bodies are small.
const DefaultBodyLimit = 64 << 10

// WriteJSON writes v as JSON with the status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// DecodeJSON reads exactly one JSON value into dst from a body of at most
// limit bytes (DefaultBodyLimit when limit <= 0), refusing unknown fields,
// trailing data, an empty body and a non-JSON content type.
func DecodeJSON(r *http.Request, dst any, limit int64) error {
	if limit <= 0 {
		limit = DefaultBodyLimit
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return NewError(http.StatusUnsupportedMediaType, "unsupported_media_type")
		}
	}
	body := http.MaxBytesReader(nil, r.Body, limit)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err, limit)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		if err != nil {
			if de := decodeError(err, limit); de.(*Error).Code == "body_too_large" {
				return de
			}
		}
		return &Error{Status: http.StatusBadRequest, Code: "invalid_json", Details: "trailing data after the JSON value"}
	}
	return nil
}

func decodeError(err error, limit int64) error {
	var maxErr *http.MaxBytesError
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &maxErr):
		return NewError(http.StatusRequestEntityTooLarge, "body_too_large").With("Limit", limit)
	case errors.Is(err, io.EOF):
		return NewError(http.StatusBadRequest, "body_required")
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Status: http.StatusBadRequest, Code: "invalid_json", Cause: err}
	case errors.As(err, &typeErr):
		return (&Error{Status: http.StatusBadRequest, Code: "validation_failed", Cause: err}).
			WithDetails([]FieldError{{Field: typeErr.Field, Code: "wrong_type", Message: "expected " + typeErr.Type.String()}})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// The decoder quotes the name with %q; unquote it so that a name
		// with quotes, backslashes or control characters is reported as sent.
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		if unquoted, uerr := strconv.Unquote(field); uerr == nil {
			field = unquoted
		}
		return (&Error{Status: http.StatusBadRequest, Code: "unknown_field", Cause: err}).With("Field", field)
	default:
		return &Error{Status: http.StatusBadRequest, Code: "invalid_json", Cause: err}
	}
}

// DecodeOptionalJSON is DecodeJSON for a body the client may leave out: no
// body (or an empty one) leaves dst as it is; a body present is held to
// every rule of DecodeJSON.
func DecodeOptionalJSON(r *http.Request, dst any, limit int64) error {
	if r.ContentLength == 0 {
		return nil
	}
	err := DecodeJSON(r, dst, limit)
	var apiErr *Error
	if errors.As(err, &apiErr) && apiErr.Code == "body_required" {
		return nil
	}
	return err
}
