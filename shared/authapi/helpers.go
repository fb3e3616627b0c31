package authapi

import (
	"errors"
	"net/http"
	"net/mail"
	"regexp"
	"strings"

	"lms/shared/access"
	"lms/shared/httpapi"
	"lms/shared/ids"
	"lms/shared/tenancy"
)

func writeJSON(w http.ResponseWriter, status int, v any) { httpapi.WriteJSON(w, status, v) }

// storeError maps the store's errors to API errors.
func storeError(r *http.Request, err error) error {
	switch {
	case errors.Is(err, tenancy.ErrBadCursor):
		v := httpapi.NewValidation(r)
		v.Add("cursor", "cursor_invalid", nil)
		return v.Err()
	case errors.Is(err, tenancy.ErrNotFound):
		return httpapi.ErrNotFound()
	case errors.Is(err, tenancy.ErrConflict):
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	return err
}

// newAudit starts an audit entry for the caller's action.
func (a *API) newAudit(c access.Caller, action, targetType, targetID string, before, after any) *tenancy.AuditEntry {
	now := a.now()
	actorName := c.Principal.Username
	if c.Membership != nil && c.Membership.Name != "" {
		actorName = c.Membership.Name
	}
	return &tenancy.AuditEntry{TenantID: c.Tenant.ID, ID: ids.New(now), ActorID: c.Principal.Sub, ActorName: actorName,
		Action: action, TargetType: targetType, TargetID: targetID, Before: snapshot(before), After: snapshot(after), At: now}
}

func checkEmail(v *httpapi.Validation, field, s string, required bool) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		if required {
			v.Add(field, "field_required", nil)
		}
		return ""
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || len(s) > 254 {
		v.Add(field, "email_invalid", nil)
	}
	return s
}

var phoneDigits = regexp.MustCompile(`^\+?[0-9]{9,15}$`)

// checkPhone accepts 08..., 628..., +628... and returns +62... (E.164).
func checkPhone(v *httpapi.Validation, field, s string) string {
	s = strings.NewReplacer(" ", "", "-", "", ".", "", "(", "", ")", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	if !phoneDigits.MatchString(s) {
		v.Add(field, "phone_invalid", nil)
		return ""
	}
	switch {
	case strings.HasPrefix(s, "+"):
	case strings.HasPrefix(s, "62"):
		s = "+" + s
	case strings.HasPrefix(s, "0"):
		s = "+62" + s[1:]
	default:
		v.Add(field, "phone_invalid", nil)
		return ""
	}
	if !e164.MatchString(s) { // what Cognito accepts
		v.Add(field, "phone_invalid", nil)
		return ""
	}
	return s
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)

func checkURL(v *httpapi.Validation, field, s string) {
	if s != "" && (!strings.HasPrefix(s, "https://") || len(s) > 500 || strings.ContainsAny(s, " \"'<>")) {
		v.Add(field, "url_invalid", nil)
	}
}
