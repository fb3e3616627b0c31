package httpapi

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"lms/shared/i18n"
	"lms/shared/pagecursor"
)

// Validation collects field errors of one request, each message rendered in
// the caller's language, and turns them into one 400 validation_failed.
type Validation struct {
	lang   i18n.Lang
	fields []FieldError
}

// NewValidation starts a collector for the request's language.
func NewValidation(r *http.Request) *Validation {
	return &Validation{lang: i18n.Negotiate(r.Header.Get("Accept-Language"))}
}

// Lang is the caller's language.
func (v *Validation) Lang() i18n.Lang { return v.lang }

// Add records a problem with field, using the catalog message code.
func (v *Validation) Add(field, code string, data map[string]any) {
	v.fields = append(v.fields, FieldError{Field: field, Code: code, Message: i18n.Text(v.lang, code, data)})
}

// AddMessage records a problem whose message is already rendered.
func (v *Validation) AddMessage(field, code, message string) {
	v.fields = append(v.fields, FieldError{Field: field, Code: code, Message: message})
}

// Check records code for field unless ok.
func (v *Validation) Check(ok bool, field, code string, data map[string]any) {
	if !ok {
		v.Add(field, code, data)
	}
}

// Err returns the collected problems as an error, or nil when there are none.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return (&Error{Status: http.StatusBadRequest, Code: "validation_failed"}).WithDetails(v.fields)
}

func init() {
	i18n.Register(
		i18n.Message{Key: "field_required", Indonesian: "Wajib diisi.", English: "Required."},
		i18n.Message{Key: "field_too_long", Indonesian: "Paling banyak {{.Max}} karakter.", English: "At most {{.Max}} characters."},
		i18n.Message{Key: "field_too_short", Indonesian: "Paling sedikit {{.Min}} karakter.", English: "At least {{.Min}} characters."},
		i18n.Message{Key: "field_invalid", Indonesian: "Isian tidak valid.", English: "Invalid value."},
		i18n.Message{Key: "field_one_of", Indonesian: "Harus salah satu dari: {{.Values}}.", English: "Must be one of: {{.Values}}."},
		i18n.Message{Key: "email_invalid", Indonesian: "Alamat email tidak valid.", English: "The email address is not valid."},
		i18n.Message{Key: "phone_invalid", Indonesian: "Nomor telepon tidak valid (contoh: 081234567890).", English: "The phone number is not valid (e.g. 081234567890)."},
		i18n.Message{Key: "color_invalid", Indonesian: "Warna harus berformat #RRGGBB.", English: "Colours must be #RRGGBB."},
		i18n.Message{Key: "url_invalid", Indonesian: "Alamat harus diawali https://.", English: "The address must start with https://."},
		i18n.Message{Key: "password_weak", Indonesian: "Kata sandi minimal 8 karakter dan memuat huruf besar, huruf kecil, dan angka.", English: "The password needs at least 8 characters with upper-case, lower-case letters and a digit."},
		i18n.Message{Key: "limit_invalid", Indonesian: "limit harus antara 1 dan 100.", English: "limit must be between 1 and 100."},
		i18n.Message{Key: "cursor_invalid", Indonesian: "Kursor halaman tidak valid.", English: "The page cursor is not valid."},
	)
}

// Length checks the length of s in characters: required and empty is
// field_required; otherwise at least min and at most max.
func (v *Validation) Length(field, s string, min, max int, required bool) {
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0 && required:
		v.Add(field, "field_required", nil)
	case n == 0:
	case n < min:
		v.Add(field, "field_too_short", map[string]any{"Min": min})
	case n > max:
		v.Add(field, "field_too_long", map[string]any{"Max": max})
	}
}

// CleanText trims a one-line text and collapses its inner spaces.
func CleanText(s string) string { return strings.Join(strings.Fields(s), " ") }

// PageParams reads ?limit= (1 to 100, default 25) and ?cursor=.
func PageParams(r *http.Request) (int32, string, error) {
	limit := int32(25)
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			v := NewValidation(r)
			v.Add("limit", "limit_invalid", nil)
			return 0, "", v.Err()
		}
		limit = int32(n)
	}
	return limit, r.URL.Query().Get("cursor"), nil
}

// PageError turns a forged or foreign list cursor into a validation error
// on the cursor parameter; other errors pass through.
func PageError(r *http.Request, err error) error {
	if errors.Is(err, pagecursor.ErrBad) {
		v := NewValidation(r)
		v.Add("cursor", "cursor_invalid", nil)
		return v.Err()
	}
	return err
}
