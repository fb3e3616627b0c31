// Package extract turns uploaded learning materials into plain text for the
// search index: PDF, DOCX, PPTX, plain text, Markdown, and WebVTT and SRT
// subtitles.
//
// Every extractor is bounded: the text returned is cut at Limits.Text bytes
// (search needs the beginning of a long document far more than its end:
// 2 MB of text is some 300 pages), zip parts are read through a cap on
// uncompressed bytes (a zip bomb stops there), and a PDF is interpreted
// for at most Limits.PDFOps content-stream operators. A file that is not
// what its kind says, or is damaged, gives an error wrapping ErrCorrupt;
// an encrypted PDF, ErrEncrypted.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// Kind is a material's file type.
type Kind string

// Kinds.
const (
	PDF      Kind = "pdf"
	DOCX     Kind = "docx"
	PPTX     Kind = "pptx"
	Text     Kind = "text"
	Markdown Kind = "markdown"
	VTT      Kind = "vtt"
	SRT      Kind = "srt"
)

// Errors.
var (
	ErrUnsupported = errors.New("extract: unsupported file type")
	ErrCorrupt     = errors.New("extract: damaged or mislabelled file")
	ErrEncrypted   = errors.New("extract: encrypted document")
)

// Limits bound the work and the output of an extraction.
type Limits struct {
	// Text caps the returned text, in bytes.
	Text int
	// Unzipped caps the uncompressed bytes read from a DOCX or PPTX, all
	// parts together.
	Unzipped int64
	// PDFOps caps the content-stream operators interpreted in a PDF.
	PDFOps int
}

// DefaultLimits are the limits of Extract.
var DefaultLimits = Limits{Text: 2 << 20, Unzipped: 256 << 20, PDFOps: 20_000_000}

// KindOf guesses a file's kind from its name (extension) and, failing that,
// its content type.
func KindOf(filename, contentType string) (Kind, bool) {
	switch strings.ToLower(path.Ext(filename)) {
	case ".pdf":
		return PDF, true
	case ".docx":
		return DOCX, true
	case ".pptx":
		return PPTX, true
	case ".txt", ".text":
		return Text, true
	case ".md", ".markdown":
		return Markdown, true
	case ".vtt":
		return VTT, true
	case ".srt":
		return SRT, true
	}
	ct, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	switch strings.TrimSpace(ct) {
	case "application/pdf":
		return PDF, true
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return DOCX, true
	case "application/vnd.openxmlformats-officedocument.presentationml.presentation":
		return PPTX, true
	case "text/plain":
		return Text, true
	case "text/markdown":
		return Markdown, true
	case "text/vtt":
		return VTT, true
	case "application/x-subrip", "text/srt":
		return SRT, true
	}
	return "", false
}

// Extract returns the text of the size-byte file r of the given kind,
// within DefaultLimits.
func Extract(r io.ReaderAt, size int64, kind Kind) (string, error) {
	return ExtractLimits(r, size, kind, DefaultLimits)
}

// ExtractLimits is Extract with other limits.
func ExtractLimits(r io.ReaderAt, size int64, kind Kind, lim Limits) (string, error) {
	if lim.Text <= 0 {
		lim.Text = DefaultLimits.Text
	}
	if lim.Unzipped <= 0 {
		lim.Unzipped = DefaultLimits.Unzipped
	}
	if lim.PDFOps <= 0 {
		lim.PDFOps = DefaultLimits.PDFOps
	}
	out := &textBuf{max: lim.Text}
	var err error
	switch kind {
	case PDF:
		err = extractPDF(r, size, out, lim)
	case DOCX:
		err = extractDOCX(r, size, out, lim)
	case PPTX:
		err = extractPPTX(r, size, out, lim)
	case Text, Markdown, VTT, SRT:
		var s string
		if s, err = readText(r, size, lim.Text); err == nil {
			switch kind {
			case Markdown:
				s = stripMarkdown(s)
			case VTT:
				s = subtitles(s, true)
			case SRT:
				s = subtitles(s, false)
			}
			out.WriteString(s)
		}
	default:
		return "", fmt.Errorf("%w: %q", ErrUnsupported, kind)
	}
	if err != nil {
		return "", err
	}
	return out.String(), nil
}

// textBuf collects text up to max bytes, cut on a rune boundary. Word and
// line separators are kept pending until more text comes, so that runs of
// them collapse to one and none trails.
type textBuf struct {
	b       bytes.Buffer
	max     int
	pending byte // 0, ' ' or '\n'
}

// full reports whether the cap is reached; extractors stop there.
func (t *textBuf) full() bool { return t.b.Len() >= t.max }

// sep ends the current word, or line (nl).
func (t *textBuf) sep(nl bool) {
	if nl {
		t.pending = '\n'
	} else if t.pending == 0 {
		t.pending = ' '
	}
}

func (t *textBuf) WriteString(s string) {
	if s == "" {
		return
	}
	if t.pending == '\n' { // no blanks before a line break
		t.b.Truncate(len(bytes.TrimRight(t.b.Bytes(), " \t")))
	}
	if t.pending != 0 && t.b.Len() > 0 {
		t.write(string(t.pending))
	}
	t.pending = 0
	t.write(s)
}

func (t *textBuf) write(s string) {
	if room := t.max - t.b.Len(); len(s) > room {
		if room <= 0 {
			return
		}
		for room > 0 && !utf8.RuneStart(s[room]) {
			room--
		}
		s = s[:room]
	}
	t.b.WriteString(s)
}

// String returns the text, valid UTF-8, trimmed.
func (t *textBuf) String() string {
	return strings.TrimSpace(strings.ToValidUTF8(t.b.String(), "\uFFFD"))
}
