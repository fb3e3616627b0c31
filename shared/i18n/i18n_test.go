package i18n

import "testing"

func init() {
	Register(Message{Key: "test_greeting", Indonesian: "Halo, {{.Name}}", English: "Hello, {{.Name}}"})
}

func TestNegotiate(t *testing.T) {
	cases := map[string]Lang{
		"":                        Indonesian,
		"en-US,en;q=0.9":          English,
		"id-ID,id;q=0.9,en;q=0.8": Indonesian,
		"fr-FR, en;q=0.5":         English,
		"de":                      Indonesian,
		"%%%garbage":              Indonesian,
	}
	for header, want := range cases {
		if got := Negotiate(header); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", header, got, want)
		}
	}
}

func TestText(t *testing.T) {
	if got := Text(Indonesian, "test_greeting", map[string]any{"Name": "Siti"}); got != "Halo, Siti" {
		t.Errorf("id: %q", got)
	}
	if got := Text(English, "test_greeting", map[string]any{"Name": "Siti"}); got != "Hello, Siti" {
		t.Errorf("en: %q", got)
	}
	if got := Text(English, "no_such_message", nil); got != "no_such_message" {
		t.Errorf("unknown id: %q", got)
	}
}
