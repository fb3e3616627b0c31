package markdown

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	for _, c := range []struct{ in, want, not string }{
		{"# Keselamatan kerja\n\n**Wajib** memakai *helm*.", "<h1>Keselamatan kerja</h1>", ""},
		{"| Alat | Jumlah |\n|---|---|\n| Helm | 2 |", "<table>", ""},
		{"Lihat https://www.esdm.go.id", `href="https://www.esdm.go.id"`, ""},
		{"teks <script>alert(1)</script>", "teks", "<script"},
		{`<img src=x onerror="alert(1)">`, "", "onerror"},
		{"[klik](javascript:alert(1))", "klik", "javascript:"},
		{`<a href="https://x.id" onclick="steal()">x</a>`, "", "onclick"},
	} {
		got := HTML(c.in)
		if c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("HTML(%q) = %q, want %q in it", c.in, got, c.want)
		}
		if c.not != "" && strings.Contains(got, c.not) {
			t.Errorf("HTML(%q) = %q keeps %q", c.in, got, c.not)
		}
	}
}

func FuzzHTML(f *testing.F) {
	f.Add("<script>x</script>")
	f.Add("[a](javascript:b)")
	f.Fuzz(func(t *testing.T, s string) {
		out := strings.ToLower(HTML(s))
		// Text may say "javascript:"; a link or source may not be one.
		if strings.Contains(out, "<script") || strings.Contains(out, `="javascript:`) || strings.Contains(out, " onerror=") {
			t.Fatalf("unsafe output %q from %q", out, s)
		}
	})
}

func TestText(t *testing.T) {
	got := Text("## Gas metana\n\nMetana **mudah** meledak & berbahaya.\n\n- helm\n- sepatu")
	for _, want := range []string{"Gas metana", "Metana mudah meledak & berbahaya.", "helm", "sepatu"} {
		if !strings.Contains(got, want) {
			t.Errorf("Text = %q, lacks %q", got, want)
		}
	}
	if strings.ContainsAny(got, "#*<>") {
		t.Errorf("markup left: %q", got)
	}
}

// A few kilobytes of markers must not nest hundreds of elements.
func TestNestingIsBounded(t *testing.T) {
	for name, src := range map[string]string{
		"quotes": strings.Repeat(">", 900) + " dalam",
		"lists":  nestedList(300),
	} {
		out := HTML(src)
		depth, deepest := 0, 0
		for _, tok := range strings.SplitAfter(out, ">") {
			switch {
			case strings.Contains(tok, "</"):
				depth--
			case strings.Contains(tok, "<") && !strings.Contains(tok, "/>"):
				depth++
			}
			deepest = max(deepest, depth)
		}
		if deepest > maxDepth+2 || !strings.Contains(out, "dalam") {
			t.Errorf("%s: nests %d deep: %.200s", name, deepest, out)
		}
	}
}

func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- dalam\n")
	}
	return b.String()
}
