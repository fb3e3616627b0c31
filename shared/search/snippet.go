package search

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
)

// Snippet shape: up to three fragments of about 160 bytes.
const (
	maxSnippets  = 3
	snippetBytes = 160
)

// span is a matched term's byte range in the stored text.
type span struct{ start, end int }

// spans collects the matched terms' offsets of the given fields. The
// Indonesian and English fields of one text share the tokenizer, so their
// offsets both point into the one stored copy.
func spans(locs search.FieldTermLocationMap, fields ...string) []span {
	var out []span
	for _, f := range fields {
		for _, ls := range locs[f] {
			for _, l := range ls {
				if l.End > l.Start {
					out = append(out, span{int(l.Start), int(l.End)})
				}
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	merged := out[:1]
	for _, s := range out[1:] {
		last := &merged[len(merged)-1]
		if s.start <= last.end {
			last.end = max(last.end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

type fragment struct {
	start, end int
	marks      []span
}

// snippets cuts up to n fragments of about width bytes around the spans,
// the ones with most matches first, and renders them as HTML: text
// escaped, matches in <mark>, whitespace runs folded to one space, "…"
// where the text goes on.
func snippets(text string, sp []span, n, width int) []string {
	if text == "" || len(sp) == 0 {
		return nil
	}
	var frags []fragment
	for i := 0; i < len(sp); {
		if sp[i].end > len(text) { // offsets of a longer text than stored
			break
		}
		start := wordStart(text, max(0, sp[i].start-width/3))
		end := wordEnd(text, max(start+width, sp[i].end), sp[i].end)
		f := fragment{start: start, end: end}
		for i < len(sp) && sp[i].end <= end {
			f.marks = append(f.marks, sp[i])
			i++
		}
		frags = append(frags, f)
	}
	// Most matches first; earlier first among equals.
	slices.SortStableFunc(frags, func(a, b fragment) int { return len(b.marks) - len(a.marks) })
	if len(frags) > n {
		frags = frags[:n]
	}
	out := make([]string, len(frags))
	for i, f := range frags {
		out[i] = render(text, f)
	}
	return out
}

// wordStart moves i forward to the start of a word (at most 20 bytes, so a
// long unbroken token does not swallow the fragment), or at least to a rune
// boundary.
func wordStart(text string, i int) int {
	if i == 0 {
		return 0
	}
	for j := i; j < len(text) && j < i+20; j++ {
		if text[j] == ' ' || text[j] == '\n' || text[j] == '\t' {
			return j + 1
		}
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}

// wordEnd moves i back to the end of a word, never before floor, or at
// least to a rune boundary.
func wordEnd(text string, i, floor int) int {
	if i >= len(text) {
		return len(text)
	}
	for j := i; j > floor && j > i-20; j-- {
		if text[j] == ' ' || text[j] == '\n' || text[j] == '\t' {
			return j
		}
	}
	for i > floor && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

func render(text string, f fragment) string {
	var b strings.Builder
	if f.start > 0 {
		b.WriteString("…")
	}
	at := f.start
	for _, m := range f.marks {
		writeText(&b, text[at:m.start])
		b.WriteString("<mark>")
		writeText(&b, text[m.start:m.end])
		b.WriteString("</mark>")
		at = m.end
	}
	writeText(&b, text[at:f.end])
	if f.end < len(text) {
		b.WriteString("…")
	}
	return strings.TrimSpace(b.String())
}

// writeText escapes s into b, folding whitespace runs to one space.
func writeText(b *strings.Builder, s string) {
	space := false
	start := 0
	flush := func(end int) {
		if end > start {
			b.WriteString(html.EscapeString(s[start:end]))
		}
	}
	for i, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				flush(i)
				b.WriteByte(' ')
				space = true
			}
			start = i + utf8.RuneLen(r)
			continue
		}
		space = false
	}
	flush(len(s))
}
