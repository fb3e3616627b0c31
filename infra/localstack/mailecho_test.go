package localstack

import (
	"bytes"
	"testing"
)

// The box cognito-local 5.3.0 prints for a forgot-password code, as it
// reaches the echo through the "[cognito] " tag.
const box = "[cognito] [1795405919567] \x1b[32mINFO\x1b[39m: \x1b[36mdb6118a8 ForgotPassword ╭─────────╮\n" +
	"[cognito] │   Confirmation Code Delivery        │\n" +
	"[cognito] │                                     │\n" +
	"[cognito] │   Username:    199002022016032002   │\n" +
	"[cognito] │   Destination: dewi@example.go.id   │\n" +
	"[cognito] │   Code:        797832               │\n" +
	"[cognito] │                                     │\n" +
	"[cognito] ╰─────────────────────────────────────╯\x1b[39m \x1b[90m{\"reqId\":\"db6118a8\"}\x1b[39m\n"

func TestMailEchoPrintsOneLinePerMessage(t *testing.T) {
	var out bytes.Buffer
	m := newMailEcho(&out)
	// Written in two pieces, split inside a line, as a pipe may deliver it.
	_, _ = m.Write([]byte(box[:150]))
	_, _ = m.Write([]byte(box[150:] + "[cognito] unrelated line\n"))
	want := "[surel lokal] untuk 199002022016032002 (dewi@example.go.id): kode 797832\n"
	if out.String() != want {
		t.Fatalf("got %q, want %q", out.String(), want)
	}
}
