package integration

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"lms/tests/testkit"
)

// api calls the API with a JSON body (nil for none) and decodes the answer
// into out (when not nil). It returns the status and the raw body.
func api(t testing.TB, method, path, token string, body any, out any) (int, []byte) {
	t.Helper()
	return testkit.Call(t, srv.URL, method, path, token, body, out)
}

// expect fails unless the call answered want.
func expect(t testing.TB, what string, status int, raw []byte, want int) {
	t.Helper()
	if status != want {
		t.Fatalf("%s: status %d, want %d: %s", what, status, want, raw)
	}
}

// errorCode returns the error code of an error body.
func errorCode(raw []byte) string {
	var e errorBody
	_ = json.Unmarshal(raw, &e)
	return e.Error.Code
}

type tokens struct {
	AccessToken  string `json:"accessToken"`
	IDToken      string `json:"idToken"`
	RefreshToken string `json:"refreshToken"`
	Challenge    string `json:"challenge"`
	Session      string `json:"session"`
}

// signIn logs in through the API and fails the test unless tokens come back.
func signIn(t testing.TB, username, password string) tokens {
	t.Helper()
	var tk tokens
	status, raw := api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": username, "password": password}, &tk)
	expect(t, "login "+username, status, raw, http.StatusOK)
	if tk.AccessToken == "" {
		t.Fatalf("login %s: no tokens: %s", username, raw)
	}
	return tk
}

// firstSignIn logs in with a temporary password and sets a new one.
func firstSignIn(t testing.TB, username, temporary, newPassword string) tokens {
	t.Helper()
	var ch tokens
	status, raw := api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": username, "password": temporary}, &ch)
	expect(t, "first login", status, raw, http.StatusOK)
	if ch.Challenge != "NEW_PASSWORD_REQUIRED" || ch.Session == "" {
		t.Fatalf("first login without the new-password challenge: %s", raw)
	}
	var tk tokens
	status, raw = api(t, http.MethodPost, "/auth/challenge", "", map[string]string{"username": username, "session": ch.Session, "newPassword": newPassword}, &tk)
	expect(t, "challenge", status, raw, http.StatusOK)
	return tk
}

// apiRaw posts a raw body with a content type.
func apiRaw(t testing.TB, method, path, token string, body []byte, contentType string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+"/api"+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}
