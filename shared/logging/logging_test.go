package logging

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestPersonalDataIsMasked(t *testing.T) {
	var buf bytes.Buffer
	log := New(&buf, "info", "auth")
	ctx := WithFields(context.Background(), Fields{RequestID: "req-1", TenantID: "t1", UserID: "u1"})
	log.InfoContext(ctx, "login",
		"username", "3273011508950001",
		"nip", "198501012010011001",
		"email", "siti@example.go.id",
		"password", "Rahasia123",
		"accessToken", "eyJhbGciOi",
		"course", "K3 Tambang")

	out := buf.String()
	for _, clear := range []string{"3273011508950001", "198501012010011001", "siti@example.go.id", "Rahasia123", "eyJhbGciOi"} {
		if strings.Contains(out, clear) {
			t.Errorf("log line contains %q in clear: %s", clear, out)
		}
	}
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("log line is not JSON: %v", err)
	}
	want := map[string]string{
		"username": "************0001", "email": "s***@example.go.id", "password": "[redacted]",
		"course": "K3 Tambang", "requestId": "req-1", "tenantId": "t1", "userId": "u1", "function": "auth",
	}
	for k, v := range want {
		if line[k] != v {
			t.Errorf("%s = %v, want %q", k, line[k], v)
		}
	}
}

func TestLevelFiltersDebug(t *testing.T) {
	var buf bytes.Buffer
	New(&buf, "WARN", "batch").Info("hidden")
	if buf.Len() != 0 {
		t.Fatalf("info line written at WARN level: %s", buf.String())
	}
}
