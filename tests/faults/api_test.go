package faults

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"lms/infra/demo"
)

// answer is one API call as a client saw it.
type answer struct {
	Status     int
	Body       []byte
	RetryAfter string
	Took       time.Duration
	Err        error // transport failure (no answer)
}

// errorBody is the API's error shape.
type errorBody struct {
	Error struct {
		Code    string          `json:"code"`
		Message string          `json:"message"`
		Details json.RawMessage `json:"details"`
	} `json:"error"`
}

func (a answer) code() string {
	var e errorBody
	_ = json.Unmarshal(a.Body, &e)
	return e.Error.Code
}

func (a answer) String() string {
	if a.Err != nil {
		return fmt.Sprintf("no answer after %s: %v", a.Took.Round(time.Millisecond), a.Err)
	}
	return fmt.Sprintf("%d after %s: %s", a.Status, a.Took.Round(time.Millisecond), bytes.TrimSpace(a.Body))
}

// client waits at most this long for an answer: longer than any bound the
// product sets on a failing dependency, so a hang shows as an error.
var client = &http.Client{Timeout: 30 * time.Second}

// call calls the API without failing the test (safe from any goroutine).
func call(method, path, token string, body any, lang string) answer {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return answer{Err: err}
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, srv.URL+"/api"+path, rd)
	if err != nil {
		return answer{Err: err}
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return answer{Err: err, Took: time.Since(start)}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return answer{Status: resp.StatusCode, Body: raw, RetryAfter: resp.Header.Get("Retry-After"), Took: time.Since(start), Err: err}
}

// must calls the API and fails the test unless it answers want, decoding
// the answer into out (when not nil).
func must(t testing.TB, want int, method, path, token string, body, out any) answer {
	t.Helper()
	a := call(method, path, token, body, "")
	if a.Err != nil || a.Status != want {
		t.Fatalf("%s %s: %s (want %d)", method, path, a, want)
	}
	if out != nil {
		if err := json.Unmarshal(a.Body, out); err != nil {
			t.Fatalf("%s %s: decoding %s: %v", method, path, a.Body, err)
		}
	}
	return a
}

// checkUnavailable reports what is wrong with a, which should be a 503 in
// the error shape with Retry-After and the message in the language asked,
// showing nothing of the AWS error. Empty when it is right.
func checkUnavailable(a answer, english bool) string {
	var e errorBody
	switch {
	case a.Err != nil:
		return a.String()
	case a.Status != http.StatusServiceUnavailable:
		return "status " + a.String()
	case json.Unmarshal(a.Body, &e) != nil || e.Error.Code != "service_unavailable":
		return "not the error shape with service_unavailable: " + a.String()
	}
	if n, err := strconv.Atoi(a.RetryAfter); err != nil || n < 1 || n > 60 {
		return fmt.Sprintf("Retry-After %q: %s", a.RetryAfter, a)
	}
	want := "Layanan sedang sibuk"
	if english {
		want = "The service is busy"
	}
	if !strings.HasPrefix(e.Error.Message, want) {
		return "message " + e.Error.Message
	}
	for _, leak := range []string{"Exception", "Throttl", "dial tcp", "connection refused", "127.0.0.1", "operation error"} {
		if strings.Contains(string(a.Body), leak) {
			return "the answer shows the cause (" + leak + "): " + a.String()
		}
	}
	return ""
}

type tokens struct {
	AccessToken string `json:"accessToken"`
	Challenge   string `json:"challenge"`
	Session     string `json:"session"`
}

// signIn logs in through the API.
func signIn(t testing.TB, username, password string) string {
	t.Helper()
	var tk tokens
	must(t, http.StatusOK, http.MethodPost, "/auth/login", "", map[string]string{"username": username, "password": password}, &tk)
	if tk.AccessToken == "" {
		t.Fatalf("login %s: no tokens", username)
	}
	return tk.AccessToken
}

func adminToken(t testing.TB) string {
	a := demo.Accounts[0]
	return signIn(t, a.Username, a.Password)
}

// newLearner creates a learner in the demo tenant, signs them in for the
// first time, and returns their user id and token (safe from any
// goroutine: it fails by returning an error).
func newLearner(admin, nik, name string) (string, string, error) {
	var created struct {
		Membership struct {
			UserID string `json:"userId"`
		} `json:"membership"`
		Account struct {
			TemporaryPassword string `json:"temporaryPassword"`
		} `json:"account"`
	}
	var ch, tk tokens
	steps := []struct {
		path string
		body any
		out  any
	}{
		{"/tenants/" + demo.TenantID + "/users", map[string]string{"username": nik, "name": name, "role": "learner"}, &created},
		{"/auth/login", nil, &ch},
		{"/auth/challenge", nil, &tk},
	}
	for i, s := range steps {
		token := ""
		want := http.StatusOK
		switch i {
		case 0:
			token, want = admin, http.StatusCreated
		case 1:
			s.body = map[string]string{"username": nik, "password": created.Account.TemporaryPassword}
		case 2:
			if ch.Challenge != "NEW_PASSWORD_REQUIRED" {
				return "", "", fmt.Errorf("first login of %s without the new-password challenge", nik)
			}
			s.body = map[string]string{"username": nik, "session": ch.Session, "newPassword": "PesertaGangguan2026"}
		}
		a := call(http.MethodPost, s.path, token, s.body, "")
		if a.Err != nil || a.Status != want {
			return "", "", fmt.Errorf("POST %s: %s", s.path, a)
		}
		if err := json.Unmarshal(a.Body, s.out); err != nil {
			return "", "", err
		}
	}
	return created.Membership.UserID, tk.AccessToken, nil
}
