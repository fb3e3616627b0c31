package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Write writes rows (the heading first) as a file of format f. A cell is a
// string or a float64: in XLSX a float64 is a number cell and a string a
// text cell whatever it looks like, so an id or a NIK keeps every digit.
// sheet names the XLSX sheet (ignored for CSV).
//
// CSV is UTF-8 with a BOM (Excel otherwise reads it as the machine's code
// page) and comma-separated. A text cell that a spreadsheet would take for
// a formula (starting with =, +, -, @, a tab or a carriage return) is
// written after an apostrophe, and so is one that starts with an
// apostrophe: opening an export in Excel runs nothing, and a reader that
// drops one leading apostrophe (see Unescape) gets the text back as it was.
func Write(w io.Writer, f Format, sheet string, rows [][]any) error {
	switch f {
	case CSV:
		return writeCSV(w, rows)
	case XLSX:
		return writeXLSX(w, sheet, rows)
	}
	return ErrUnsupported
}

// WriteBook is Write for XLSX with more sheets after the first (say, a
// sheet of instructions); importers read the first sheet only.
func WriteBook(w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		if err := fill(f, s.Name, s.Rows); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// Sheet is one sheet of a workbook.
type Sheet struct {
	Name string
	Rows [][]any
}

func writeXLSX(w io.Writer, sheet string, rows [][]any) error {
	if sheet == "" {
		sheet = "Sheet1"
	}
	return WriteBook(w, []Sheet{{Name: sheet, Rows: rows}})
}

func fill(f *excelize.File, sheet string, rows [][]any) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			switch v := v.(type) {
			case string, float64:
				// The stream writer stores a string as text, never as a
				// formula or a number.
				cells[j] = v
			default:
				return fmt.Errorf("spreadsheet: cell %d,%d is a %T", i+1, j+1, v)
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func writeCSV(w io.Writer, rows [][]any) error {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	line := make([]string, 0, 32)
	for i, row := range rows {
		line = line[:0]
		for j, v := range row {
			switch v := v.(type) {
			case string:
				line = append(line, escape(v))
			case float64:
				line = append(line, strconv.FormatFloat(v, 'f', -1, 64))
			default:
				return fmt.Errorf("spreadsheet: cell %d,%d is a %T", i+1, j+1, v)
			}
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// escape puts an apostrophe before text a spreadsheet would run as a
// formula, and before text that starts with one.
func escape(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Unescape undoes Write's escape of a CSV text cell: one leading
// apostrophe is dropped. People typing a CSV by hand use it the same way
// (Excel's "this is text" mark).
func Unescape(s string) string { return strings.TrimPrefix(s, "'") }
