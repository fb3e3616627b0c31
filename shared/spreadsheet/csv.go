package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// readCSV decodes a CSV file: UTF-8 with or without BOM, UTF-16 with BOM
// (Excel's "Unicode text"), or, when the bytes are not valid UTF-8,
// Windows-1252 (Excel's "CSV" on Windows). The separator is a comma, a
// semicolon (Excel in Indonesian locale) or a tab, whichever the heading
// line uses most; an Excel "sep=;" first line is honoured and hidden.
func readCSV(data []byte, maxRows int) (Table, error) {
	text, err := decodeText(data)
	if err != nil {
		return Table{}, err
	}

	sep := rune(0)
	if first, rest, _ := cutLine(text); len(strings.TrimSpace(first)) == 5 {
		if f := strings.TrimSpace(first); strings.HasPrefix(strings.ToLower(f), "sep=") && f[4] < utf8.RuneSelf {
			sep = rune(f[4])
			text = rest
		}
	}
	if sep == 0 {
		sep = detectSeparator(text)
	}

	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var (
		c        = collector{max: maxRows}
		embedded int // newlines inside quoted fields so far: a spreadsheet shows such a record as one row
	)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Table{}, err
		}
		line, _ := r.FieldPos(0)
		if err := c.add(line-embedded, rec); err != nil {
			return Table{}, err
		}
		for _, f := range rec {
			embedded += strings.Count(f, "\n")
		}
	}
	return Table{Records: c.recs}, nil
}

func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", err
		}
		return strings.TrimPrefix(string(out), "\uFEFF"), nil
	}
	if !utf8.Valid(data) {
		out, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", err
		}
		data = out
	}
	return string(data), nil
}

// cutLine splits off the first line.
func cutLine(s string) (first, rest string, found bool) {
	first, rest, found = strings.Cut(s, "\n")
	return strings.TrimSuffix(first, "\r"), rest, found
}

// detectSeparator counts commas, semicolons and tabs outside quotes in the
// first non-blank line and returns the most frequent; comma on a tie.
func detectSeparator(s string) rune {
	var comma, semi, tab int
	inQuote, seen := false, false
	for _, ch := range s {
		switch {
		case ch == '"':
			inQuote = !inQuote
		case inQuote:
		case ch == '\n' || ch == '\r':
			if seen {
				goto done
			}
		case ch == ',':
			comma++
			seen = true
		case ch == ';':
			semi++
			seen = true
		case ch == '\t':
			tab++
			seen = true
		case ch != ' ':
			seen = true
		}
	}
done:
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	default:
		return ','
	}
}
