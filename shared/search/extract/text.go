package extract

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// readText reads a text file's first max bytes (a little more for UTF-16,
// which shrinks when decoded) as UTF-8: a BOM selects UTF-8 or UTF-16;
// without one, text that is not valid UTF-8 is taken as Windows-1252, what
// Notepad on an Indonesian Windows writes.
func readText(r io.ReaderAt, size int64, max int) (string, error) {
	n := min(size, int64(max)*2+4)
	if n < 0 {
		return "", fmt.Errorf("%w: negative size", ErrCorrupt)
	}
	buf := make([]byte, n)
	got, err := r.ReadAt(buf, 0)
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("extract: read: %w", err)
	}
	buf = buf[:got]
	var s string
	switch {
	case bytes.HasPrefix(buf, []byte{0xEF, 0xBB, 0xBF}):
		s = string(buf[3:])
	case bytes.HasPrefix(buf, []byte{0xFF, 0xFE}), bytes.HasPrefix(buf, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		if buf[0] == 0xFE {
			dec = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		}
		if len(buf)%2 == 1 {
			buf = buf[:len(buf)-1]
		}
		b, err := dec.Bytes(buf)
		if err != nil {
			return "", fmt.Errorf("%w: utf-16: %v", ErrCorrupt, err)
		}
		s = string(b)
	default:
		if bytes.IndexByte(buf, 0) >= 0 {
			return "", fmt.Errorf("%w: binary data in a text file", ErrCorrupt)
		}
		// A cut in the middle of a UTF-8 sequence is not a reason to
		// fall back to Windows-1252.
		valid := buf
		for i := 0; i < 3 && len(valid) > 0 && !utf8.Valid(valid); i++ {
			valid = valid[:len(valid)-1]
		}
		if utf8.Valid(valid) {
			s = string(valid)
		} else {
			b, err := charmap.Windows1252.NewDecoder().Bytes(buf)
			if err != nil {
				return "", fmt.Errorf("%w: %v", ErrCorrupt, err)
			}
			s = string(b)
		}
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), nil
}

// Markdown syntax that would otherwise reach snippets. Links and images
// keep their text; emphasis, headings, quotes, list bullets, fences and
// HTML tags go.
var (
	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdRefDef   = regexp.MustCompile(`(?m)^[ \t]{0,3}\[[^\]]+\]:[ \t]+\S+.*$`)
	mdFence    = regexp.MustCompile("(?m)^[ \t]{0,3}(```|~~~).*$")
	mdLeading  = regexp.MustCompile(`(?m)^[ \t]{0,3}(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)`)
	mdRule     = regexp.MustCompile(`(?m)^[ \t]{0,3}([-*_][ \t]*){3,}$`)
	mdBlanks   = regexp.MustCompile(`\n{3,}`)
	mdEmphasis = regexp.MustCompile("(\\*{1,3}|_{2,3}|~~|`+)")
	mdTag      = regexp.MustCompile(`</?[A-Za-z][^>]*>`)
)

func stripMarkdown(s string) string {
	s = mdFence.ReplaceAllString(s, "")
	s = mdRefDef.ReplaceAllString(s, "")
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRule.ReplaceAllString(s, "")
	for range 3 { // "> - item" is a bullet in a quote
		s = mdLeading.ReplaceAllString(s, "")
	}
	s = mdEmphasis.ReplaceAllString(s, "")
	s = mdTag.ReplaceAllString(s, "")
	return mdBlanks.ReplaceAllString(html.UnescapeString(s), "\n\n")
}

var (
	// "00:01:02.500 --> 00:01:04.000 align:start" (VTT) or
	// "00:01:02,500 --> 00:01:04,000" (SRT)
	cueTiming = regexp.MustCompile(`^\s*(\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->`)
	// <v Budi>, <c.yellow>, <00:00:01.000>, <i>, </b>…
	cueTag = regexp.MustCompile(`<[^>]*>`)
	// SRT's ASS-style overrides: {\an8}, {\i1}
	assTag = regexp.MustCompile(`\{\\[^}]*\}`)
	// a line of blanks separates blocks like an empty one
	blankLine = regexp.MustCompile(`(?m)^[ \t]+$`)
)

// subtitles keeps the cue text of a WebVTT (vtt) or SRT file: no header,
// NOTE/STYLE/REGION blocks, cue numbers or identifiers, timings or markup.
// A line repeated by the next cue (rolling captions) is kept once.
func subtitles(s string, vtt bool) string {
	var out []string
	blocks := strings.Split(blankLine.ReplaceAllString(s, ""), "\n\n")
	for bi, block := range blocks {
		lines := strings.Split(strings.Trim(block, "\n"), "\n")
		if len(lines) == 0 || strings.TrimSpace(lines[0]) == "" {
			continue
		}
		first := strings.TrimSpace(lines[0])
		if vtt && (bi == 0 && strings.HasPrefix(first, "WEBVTT") ||
			strings.HasPrefix(first, "NOTE") || first == "STYLE" || first == "REGION") {
			continue
		}
		// Everything up to and including the timing line is cue
		// identification; a block without one is not a cue.
		timing := -1
		for i, l := range lines {
			if cueTiming.MatchString(l) {
				timing = i
				break
			}
		}
		if timing < 0 {
			continue
		}
		for _, l := range lines[timing+1:] {
			l = cueTag.ReplaceAllString(l, "")
			l = assTag.ReplaceAllString(l, "")
			l = strings.TrimSpace(html.UnescapeString(l))
			if l == "" || (len(out) > 0 && out[len(out)-1] == l) {
				continue
			}
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
