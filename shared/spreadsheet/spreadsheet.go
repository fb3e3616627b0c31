// Package spreadsheet reads and writes tables as CSV or XLSX files: the one
// reader behind every import (people, enrollments, question banks) and a
// writer for exports that those imports read back.
//
// Reading is forgiving of what real spreadsheets produce: CSV in UTF-8
// (with or without BOM), UTF-16 or Windows-1252, separated by commas,
// semicolons (Excel in the Indonesian locale) or tabs, with an optional
// Excel "sep=" line; the first sheet of an XLSX workbook, its cells read
// raw (the stored value, not the displayed one). Blank rows are skipped
// and every record keeps the row number a spreadsheet shows for it, so
// reports can point at it. Interpreting cells is the caller's business.
package spreadsheet

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strings"
)

// Format is a file format.
type Format string

// Formats.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// Content types of the formats as answered by exports.
const (
	XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	CSVType  = "text/csv; charset=utf-8"
)

// Errors about the file as a whole. Any other error from Read wraps
// ErrUnreadable.
var (
	ErrUnsupported = errors.New("spreadsheet: not a CSV or XLSX file")
	ErrLegacyXLS   = errors.New("spreadsheet: an old .xls or a password-protected workbook")
	ErrNoSheet     = errors.New("spreadsheet: a workbook without sheets")
	ErrUnreadable  = errors.New("spreadsheet: unreadable file")
)

// TooManyRowsError is a file with more data rows than the caller allows.
type TooManyRowsError struct{ Max int }

func (e *TooManyRowsError) Error() string {
	return fmt.Sprintf("spreadsheet: more than %d data rows", e.Max)
}

// Record is one non-blank row.
type Record struct {
	// Line is the 1-based row number a spreadsheet shows (a CSV record
	// with line breaks inside quotes counts as one row).
	Line  int
	Cells []string
}

// Table is what Read found: the non-blank rows, the heading (the first
// of them) included.
type Table struct {
	Records []Record
	numeric func(line, col int) bool
	close   func()
}

// Numeric reports whether the cell at a record's line and a 0-based
// column holds a number in the workbook (always false for CSV): a long
// number stored as one has lost its last digits already.
func (t Table) Numeric(line, col int) bool { return t.numeric != nil && t.numeric(line, col) }

// Close releases what reading a workbook holds (excelize's temporary
// files); Numeric answers false afterwards.
func (t Table) Close() {
	if t.close != nil {
		t.close()
	}
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, encrypted .xlsx
)

// csvTypes are content types browsers and clients send for CSV files;
// Windows browsers send application/vnd.ms-excel for .csv when Excel is
// installed.
var csvTypes = map[string]bool{
	"text/csv":                      true,
	"text/comma-separated-values":   true,
	"text/x-csv":                    true,
	"text/x-comma-separated-values": true,
	"application/csv":               true,
	"application/x-csv":             true,
	"text/plain":                    true,
	"text/tab-separated-values":     true,
	"application/vnd.ms-excel":      true,
}

// sniffLen is how many leading bytes DetectFormat examines.
const sniffLen = 512

// DetectFormat decides an upload's format from its content type and/or its
// first bytes (only the first 512 are examined, so the whole body may be
// passed). The bytes win when present: an XLSX file is a ZIP
// ("PK\x03\x04"); text is CSV when the content type is a CSV type, generic
// or absent. With no bytes the content type alone decides. The error is
// ErrLegacyXLS (.xls, encrypted workbooks) or ErrUnsupported.
func DetectFormat(contentType string, head []byte) (Format, error) {
	ct := ""
	if contentType != "" {
		if mt, _, err := mime.ParseMediaType(contentType); err == nil {
			ct = strings.ToLower(mt)
		} else {
			ct = strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
		}
	}
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return XLSX, nil
	case bytes.HasPrefix(head, oleMagic):
		return "", ErrLegacyXLS
	case len(head) == 0:
		switch {
		case ct == XLSXType:
			return XLSX, nil
		case csvTypes[ct]:
			return CSV, nil
		}
	case looksLikeText(head):
		if ct == "" || csvTypes[ct] || ct == "application/octet-stream" || ct == XLSXType {
			return CSV, nil
		}
	}
	return "", ErrUnsupported
}

// looksLikeText reports whether head could start a CSV file in UTF-8,
// UTF-16 (with BOM) or a single-byte code page.
func looksLikeText(head []byte) bool {
	head = head[:min(len(head), sniffLen)]
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return true
	}
	if bytes.HasPrefix(head, []byte("%PDF")) {
		return false
	}
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			return false
		}
	}
	return true
}

// Read reads a file of format f: the heading and at most maxRows data rows
// (blank rows do not count; 0: no limit). The caller closes the table.
// Errors: ErrUnsupported for another format, ErrLegacyXLS, ErrNoSheet,
// *TooManyRowsError, or an error wrapping ErrUnreadable.
func Read(data []byte, f Format, maxRows int) (Table, error) {
	var (
		t   Table
		err error
	)
	switch f {
	case CSV:
		t, err = readCSV(data, maxRows)
	case XLSX:
		t, err = readXLSX(data, maxRows)
	default:
		return Table{}, ErrUnsupported
	}
	if err == nil {
		return t, nil
	}
	t.Close()
	var many *TooManyRowsError
	if errors.Is(err, ErrLegacyXLS) || errors.Is(err, ErrNoSheet) || errors.As(err, &many) {
		return Table{}, err
	}
	return Table{}, fmt.Errorf("%w: %w", ErrUnreadable, err)
}

// collector gathers the non-blank records: the heading plus at most max
// data rows.
type collector struct {
	recs []Record
	data int
	max  int
}

func (c *collector) add(line int, cells []string) error {
	if !nonBlank(cells) {
		return nil
	}
	if len(c.recs) > 0 {
		c.data++
		if c.max > 0 && c.data > c.max {
			return &TooManyRowsError{Max: c.max}
		}
	}
	c.recs = append(c.recs, Record{Line: line, Cells: cells})
	return nil
}

// nonBlank reports whether any cell has content.
func nonBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return true
		}
	}
	return false
}
