package authapi

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"lms/shared/directory"
	"lms/shared/faults"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/identity"
	"lms/shared/idnumber"
)

type credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type tokensResponse struct {
	directory.Tokens
	TokenType string `json:"tokenType"`
}

type challengeResponse struct {
	Challenge string `json:"challenge"`
	Session   string `json:"session"`
	Username  string `json:"username"`
}

// normalizeUsername accepts a NIK or NIP typed with spaces, dots or dashes.
// Anything else passes through unchanged, so Cognito answers "invalid
// credentials" for it exactly as for a wrong password.
func normalizeUsername(s string) string {
	if n, err := idnumber.Normalize(s); err == nil {
		return n
	}
	return strings.TrimSpace(s)
}

func (a *API) login(w http.ResponseWriter, r *http.Request) error {
	var in credentials
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	v.Check(strings.TrimSpace(in.Username) != "", "username", "field_required", nil)
	v.Check(in.Password != "", "password", "field_required", nil)
	if err := v.Err(); err != nil {
		return err
	}
	username := normalizeUsername(in.Username)
	ctx := r.Context()
	if blocked, wait, err := a.logins.Blocked(ctx, username, a.now()); err != nil {
		return err
	} else if blocked {
		return tooManyAttempts(w, wait.Seconds())
	}
	res, err := a.dir.Login(ctx, username, in.Password)
	switch {
	case errors.Is(err, directory.ErrInvalidCredentials):
		if ferr := a.logins.Fail(ctx, username, a.now()); ferr != nil {
			return ferr
		}
		return httpapi.NewError(http.StatusUnauthorized, "invalid_credentials")
	case errors.Is(err, directory.ErrResetRequired):
		return httpapi.NewError(http.StatusConflict, "password_reset_required")
	case err != nil:
		return directoryError(err)
	}
	if res.Tokens == nil {
		httpapi.WriteJSON(w, http.StatusOK, challengeResponse{Challenge: res.Challenge, Session: res.Session, Username: username})
		return nil
	}
	httpapi.WriteJSON(w, http.StatusOK, tokensResponse{Tokens: *res.Tokens, TokenType: "Bearer"})
	return nil
}

func tooManyAttempts(w http.ResponseWriter, seconds float64) error {
	w.Header().Set("Retry-After", strconv.Itoa(int(seconds)+1))
	return httpapi.NewError(http.StatusTooManyRequests, "too_many_login_attempts").With("Minutes", int(seconds/60)+1)
}

type refreshRequest struct {
	RefreshToken string `json:"refreshToken"`
}

func (a *API) refresh(w http.ResponseWriter, r *http.Request) error {
	var in refreshRequest
	if err := httpapi.DecodeJSON(r, &in, 8<<10); err != nil {
		return err
	}
	if in.RefreshToken == "" {
		v := httpapi.NewValidation(r)
		v.Add("refreshToken", "field_required", nil)
		return v.Err()
	}
	revoked, err := a.revoked.Revoked(r.Context(), in.RefreshToken)
	if err != nil {
		return err
	}
	if revoked {
		return httpapi.NewError(http.StatusUnauthorized, "session_ended")
	}
	t, err := a.dir.Refresh(r.Context(), in.RefreshToken)
	if errors.Is(err, directory.ErrInvalidCredentials) {
		return httpapi.NewError(http.StatusUnauthorized, "session_ended")
	}
	if err != nil {
		return directoryError(err)
	}
	httpapi.WriteJSON(w, http.StatusOK, tokensResponse{Tokens: t, TokenType: "Bearer"})
	return nil
}

// logout ends the refresh token's session: Cognito revokes it (in the
// cloud) and the revocation list refuses it from now on (everywhere). The
// answer is the same whether or not the token was valid.
func (a *API) logout(w http.ResponseWriter, r *http.Request) error {
	var in refreshRequest
	if err := httpapi.DecodeJSON(r, &in, 8<<10); err != nil {
		return err
	}
	if in.RefreshToken == "" {
		v := httpapi.NewValidation(r)
		v.Add("refreshToken", "field_required", nil)
		return v.Err()
	}
	if err := a.dir.Revoke(r.Context(), in.RefreshToken); err != nil && !errors.Is(err, directory.ErrInvalidCredentials) {
		httpapi.Logger(r).WarnContext(r.Context(), "revoke token failed", "error", err.Error())
	}
	if err := a.revoked.Revoke(r.Context(), in.RefreshToken, a.now()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type challengeRequest struct {
	Username    string `json:"username"`
	Session     string `json:"session"`
	NewPassword string `json:"newPassword"`
}

// challenge answers NEW_PASSWORD_REQUIRED: the first login of an account an
// admin created sets the person's own password.
func (a *API) challenge(w http.ResponseWriter, r *http.Request) error {
	var in challengeRequest
	if err := httpapi.DecodeJSON(r, &in, 8<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	v.Check(in.Username != "", "username", "field_required", nil)
	v.Check(in.Session != "", "session", "field_required", nil)
	checkPassword(v, "newPassword", in.NewPassword)
	if err := v.Err(); err != nil {
		return err
	}
	t, err := a.dir.CompleteNewPassword(r.Context(), normalizeUsername(in.Username), in.Session, in.NewPassword)
	if errors.Is(err, directory.ErrInvalidCredentials) || errors.Is(err, directory.ErrInvalidSession) {
		return httpapi.NewError(http.StatusUnauthorized, "challenge_expired")
	}
	if err != nil {
		return directoryError(err)
	}
	httpapi.WriteJSON(w, http.StatusOK, tokensResponse{Tokens: t, TokenType: "Bearer"})
	return nil
}

type forgotRequest struct {
	Username string `json:"username"`
}

// forgotPassword always answers 202 with the same text, so it cannot be used
// to find out which NIK/NIP has an account.
func (a *API) forgotPassword(w http.ResponseWriter, r *http.Request) error {
	var in forgotRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	if strings.TrimSpace(in.Username) == "" {
		v := httpapi.NewValidation(r)
		v.Add("username", "field_required", nil)
		return v.Err()
	}
	err := a.dir.ForgotPassword(r.Context(), normalizeUsername(in.Username))
	switch {
	case errors.Is(err, directory.ErrTooManyRequests):
		return httpapi.NewError(http.StatusTooManyRequests, "too_many_requests")
	case faults.Classify(err) != faults.None:
		// The directory is down or throttled: say so (503) rather than
		// claim a code was sent; this tells nothing about the account.
		return err
	case err != nil:
		// Unknown users and accounts without an email end here too.
		httpapi.Logger(r).InfoContext(r.Context(), "forgot password not sent", "error", err.Error())
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	httpapi.WriteJSON(w, http.StatusAccepted, map[string]string{"message": i18n.Text(lang, "reset_code_sent", nil)})
	return nil
}

type resetRequest struct {
	Username    string `json:"username"`
	Code        string `json:"code"`
	NewPassword string `json:"newPassword"`
}

func (a *API) resetPassword(w http.ResponseWriter, r *http.Request) error {
	var in resetRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	v.Check(strings.TrimSpace(in.Username) != "", "username", "field_required", nil)
	v.Check(strings.TrimSpace(in.Code) != "", "code", "field_required", nil)
	checkPassword(v, "newPassword", in.NewPassword)
	if err := v.Err(); err != nil {
		return err
	}
	err := a.dir.ConfirmForgotPassword(r.Context(), normalizeUsername(in.Username), strings.TrimSpace(in.Code), in.NewPassword)
	if errors.Is(err, directory.ErrInvalidCode) || errors.Is(err, directory.ErrInvalidCredentials) {
		return httpapi.NewError(http.StatusBadRequest, "reset_code_invalid")
	}
	if err != nil {
		return directoryError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type changeRequest struct {
	CurrentPassword string `json:"currentPassword"`
	NewPassword     string `json:"newPassword"`
}

func (a *API) changePassword(w http.ResponseWriter, r *http.Request) error {
	if _, err := identity.FromRequest(r, a.clientID); err != nil {
		return err
	}
	var in changeRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	v.Check(in.CurrentPassword != "", "currentPassword", "field_required", nil)
	checkPassword(v, "newPassword", in.NewPassword)
	if err := v.Err(); err != nil {
		return err
	}
	token := strings.TrimSpace(r.Header.Get("Authorization"))
	if len(token) > 7 && strings.EqualFold(token[:7], "bearer ") {
		token = strings.TrimSpace(token[7:])
	}
	err := a.dir.ChangePassword(r.Context(), token, in.CurrentPassword, in.NewPassword)
	if errors.Is(err, directory.ErrInvalidCredentials) {
		// An id token or a wrong current password: Cognito says the same.
		return httpapi.NewError(http.StatusBadRequest, "current_password_wrong")
	}
	if err != nil {
		return directoryError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// checkPassword applies the user pool's policy before Cognito does, so the
// person gets a precise message.
func checkPassword(v *httpapi.Validation, field, p string) {
	if p == "" {
		v.Add(field, "field_required", nil)
		return
	}
	var upper, lower, digit bool
	for _, c := range p {
		upper = upper || unicode.IsUpper(c)
		lower = lower || unicode.IsLower(c)
		digit = digit || unicode.IsDigit(c)
	}
	if len(p) < 8 || len(p) > 256 || !upper || !lower || !digit {
		v.Add(field, "password_weak", nil)
	}
}

func directoryError(err error) error {
	switch {
	case errors.Is(err, directory.ErrPasswordPolicy):
		return httpapi.NewError(http.StatusBadRequest, "password_weak")
	case errors.Is(err, directory.ErrTooManyRequests):
		return httpapi.NewError(http.StatusTooManyRequests, "too_many_requests")
	case errors.Is(err, directory.ErrInvalidInput):
		return &httpapi.Error{Status: http.StatusBadRequest, Code: "bad_request", Cause: err}
	}
	return err
}

func init() {
	i18n.Register(
		i18n.Message{Key: "invalid_credentials", Indonesian: "NIK/NIP atau kata sandi salah.", English: "Wrong NIK/NIP or password."},
		i18n.Message{Key: "too_many_login_attempts", Indonesian: "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {{.Minutes}} menit atau gunakan Lupa kata sandi.", English: "Too many failed sign-in attempts. Try again in {{.Minutes}} minutes or use Forgot password."},
		i18n.Message{Key: "password_reset_required", Indonesian: "Kata sandi Anda harus diatur ulang. Gunakan Lupa kata sandi.", English: "Your password must be reset. Use Forgot password."},
		i18n.Message{Key: "session_ended", Indonesian: "Sesi Anda telah berakhir. Silakan masuk kembali.", English: "Your session has ended. Please sign in again."},
		i18n.Message{Key: "challenge_expired", Indonesian: "Waktu penggantian kata sandi habis. Silakan masuk kembali.", English: "The password change timed out. Please sign in again."},
		i18n.Message{Key: "reset_code_sent", Indonesian: "Jika akun tersebut memiliki email, kode untuk mengatur ulang kata sandi telah dikirim.", English: "If the account has an email address, a code to reset the password has been sent."},
		i18n.Message{Key: "reset_code_invalid", Indonesian: "Kode salah atau sudah kedaluwarsa.", English: "The code is wrong or has expired."},
		i18n.Message{Key: "current_password_wrong", Indonesian: "Kata sandi saat ini salah.", English: "The current password is wrong."},
	)
}
