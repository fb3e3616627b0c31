// Package logging builds the JSON logger every function uses and keeps
// personal data out of it: NIK, NIP, emails, phone numbers, tokens and
// passwords never reach a log line in clear, whatever key they are logged
// under.
package logging

import (
	"context"
	"io"
	"log/slog"
	"strings"
)

type ctxKey struct{}

// Fields are the request-scoped values stamped on every line logged with a
// context that carries them.
type Fields struct {
	RequestID string
	TenantID  string
	UserID    string
}

// WithFields returns a context whose log lines carry f (non-empty fields
// override the ones already there).
func WithFields(ctx context.Context, f Fields) context.Context {
	old, _ := ctx.Value(ctxKey{}).(Fields)
	if f.RequestID == "" {
		f.RequestID = old.RequestID
	}
	if f.TenantID == "" {
		f.TenantID = old.TenantID
	}
	if f.UserID == "" {
		f.UserID = old.UserID
	}
	return context.WithValue(ctx, ctxKey{}, f)
}

// FieldsFrom returns the fields carried by ctx.
func FieldsFrom(ctx context.Context) Fields {
	f, _ := ctx.Value(ctxKey{}).(Fields)
	return f
}

// New returns a JSON logger at the given level (DEBUG, INFO, WARN, ERROR)
// with masking and context fields.
func New(w io.Writer, level string, function string) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		lv = slog.LevelInfo
	}
	h := slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lv, ReplaceAttr: maskAttr})
	return slog.New(contextHandler{h}).With("function", function)
}

type contextHandler struct{ slog.Handler }

func (h contextHandler) Handle(ctx context.Context, r slog.Record) error {
	f := FieldsFrom(ctx)
	if f.RequestID != "" {
		r.AddAttrs(slog.String("requestId", f.RequestID))
	}
	if f.TenantID != "" {
		r.AddAttrs(slog.String("tenantId", f.TenantID))
	}
	if f.UserID != "" {
		r.AddAttrs(slog.String("userId", f.UserID))
	}
	return h.Handler.Handle(ctx, r)
}

func (h contextHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return contextHandler{h.Handler.WithAttrs(as)}
}

func (h contextHandler) WithGroup(name string) slog.Handler {
	return contextHandler{h.Handler.WithGroup(name)}
}

// secretKeys are removed whole; identityKeys keep their last characters so a
// support person can still tell two people apart.
var (
	secretKeys   = []string{"password", "token", "authorization", "secret", "cookie", "confirmationcode", "verificationcode", "otp"}
	identityKeys = []string{"nik", "nip", "username", "identitynumber", "phone"}
	emailKeys    = []string{"email"}
)

func maskAttr(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() != slog.KindString {
		return a
	}
	key := strings.ToLower(a.Key)
	switch {
	case containsAny(key, secretKeys):
		return slog.String(a.Key, "[redacted]")
	case containsAny(key, emailKeys):
		return slog.String(a.Key, MaskEmail(a.Value.String()))
	case containsAny(key, identityKeys):
		return slog.String(a.Key, MaskTail(a.Value.String(), 4))
	}
	return a
}

func containsAny(key string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(key, p) {
			return true
		}
	}
	return false
}

// MaskTail hides all but the last keep characters of s.
func MaskTail(s string, keep int) string {
	r := []rune(s)
	if len(r) <= keep {
		return strings.Repeat("*", len(r))
	}
	return strings.Repeat("*", len(r)-keep) + string(r[len(r)-keep:])
}

// MaskEmail keeps the first letter of the local part and the domain.
func MaskEmail(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return MaskTail(s, 0)
	}
	return s[:1] + "***" + s[at:]
}
