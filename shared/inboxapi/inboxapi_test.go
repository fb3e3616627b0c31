package inboxapi

import "testing"

func TestNormalizeWhatsApp(t *testing.T) {
	good := map[string]string{"+6281234567890": "+6281234567890", "0812-3456-7890": "+6281234567890", "62 812 3456 7890": "+6281234567890",
		"(0812) 3456.7890": "+6281234567890", "+14155550123": "+14155550123"}
	for in, want := range good {
		if got, ok := NormalizeWhatsApp(in); !ok || got != want {
			t.Errorf("%q -> %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "+", "0812", "+0812345678", "08123456789012345678", "+62abc4567890", "+62812\n3456789"} {
		if got, ok := NormalizeWhatsApp(in); ok {
			t.Errorf("%q accepted as %q", in, got)
		}
	}
}
