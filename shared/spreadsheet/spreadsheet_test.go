package spreadsheet

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func cells(t Table) [][]string {
	var out [][]string
	for _, r := range t.Records {
		out = append(out, r.Cells)
	}
	return out
}

func lines(t Table) []int {
	var out []int
	for _, r := range t.Records {
		out = append(out, r.Line)
	}
	return out
}

func readCSVString(t *testing.T, s string) Table {
	t.Helper()
	tb, err := Read([]byte(s), CSV, 0)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return tb
}

func TestCSVSemicolonBOMQuotesBlankLines(t *testing.T) {
	in := "\uFEFFNIK;Nama;Instansi\r\n" +
		"1;\"Santoso, Budi\";\"Dinas \"\"Pendidikan\"\"; Kota Bandung\"\r\n" +
		"\r\n" +
		";;\r\n" + // an Excel blank row
		"2;Siti;\r\n"
	tb := readCSVString(t, in)
	got := fmt.Sprint(cells(tb))
	if want := `[[NIK Nama Instansi] [1 Santoso, Budi Dinas "Pendidikan"; Kota Bandung] [2 Siti ]]`; got != want {
		t.Fatalf("cells = %s, want %s", got, want)
	}
	if fmt.Sprint(lines(tb)) != "[1 2 5]" {
		t.Fatalf("lines = %v", lines(tb))
	}
	if tb.Numeric(2, 0) {
		t.Fatal("a CSV cell is never numeric")
	}
}

func TestCSVSeparatorDetection(t *testing.T) {
	tests := []struct {
		in   string
		want rune
	}{
		{"nik,nama\n", ','},
		{"nik;nama\n", ';'},
		{"nik\tnama\n", '\t'},
		{"\n\n nik;nama;email\nx,y,z,w,v\n", ';'},
		{`"nik,nip";nama` + "\n", ';'},
		{"nik\n", ','},
	}
	for _, tt := range tests {
		if got := detectSeparator(tt.in); got != tt.want {
			t.Errorf("detectSeparator(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSVExcelSepLine(t *testing.T) {
	tb := readCSVString(t, "sep=;\nnik;nama\n1;Budi, S.Kom.\n")
	if fmt.Sprint(cells(tb)) != "[[nik nama] [1 Budi, S.Kom.]]" || fmt.Sprint(lines(tb)) != "[1 2]" {
		t.Fatalf("table = %v at %v", cells(tb), lines(tb))
	}
}

func TestCSVLineNumbersWithMultilineField(t *testing.T) {
	tb := readCSVString(t, "a,b\n1,\"Dinas\nPendidikan\"\n\n2,x\n")
	// Spreadsheet rows: 1 heading, 2 (two physical lines), 3 blank, 4.
	if fmt.Sprint(lines(tb)) != "[1 2 4]" || tb.Records[1].Cells[1] != "Dinas\nPendidikan" {
		t.Fatalf("table = %q at %v", cells(tb), lines(tb))
	}
}

func TestCSVEncodings(t *testing.T) {
	plain := "nik;nama\n1;José Müller\n"
	cp1252, err := charmap.Windows1252.NewEncoder().String(plain)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(plain, ";", "\t"))
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{"utf8": plain, "bom": "\uFEFF" + plain, "cp1252": cp1252, "utf16": utf16} {
		t.Run(name, func(t *testing.T) {
			tb := readCSVString(t, in)
			if len(tb.Records) != 2 || tb.Records[1].Cells[1] != "José Müller" {
				t.Fatalf("table = %q", cells(tb))
			}
		})
	}
}

func TestTooManyRows(t *testing.T) {
	build := func(n int) []byte {
		var b strings.Builder
		b.WriteString("a,b\n")
		for i := range n {
			fmt.Fprintf(&b, "%d,x\n", i)
			if i%10 == 0 {
				b.WriteString(",\n\n") // blank rows do not count
			}
		}
		return []byte(b.String())
	}
	if tb, err := Read(build(50), CSV, 50); err != nil || len(tb.Records) != 51 {
		t.Fatalf("50 rows: %d %v", len(tb.Records), err)
	}
	_, err := Read(build(51), CSV, 50)
	var many *TooManyRowsError
	if !errors.As(err, &many) || many.Max != 50 {
		t.Fatalf("51 rows: %v", err)
	}
	if tb, err := Read(build(51), CSV, 0); err != nil || len(tb.Records) != 52 {
		t.Fatalf("no limit: %d %v", len(tb.Records), err)
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read([]byte("x"), Format("pdf"), 0); !errors.Is(err, ErrUnsupported) {
		t.Errorf("pdf: %v", err)
	}
	if _, err := Read([]byte("PK\x03\x04garbage"), XLSX, 0); !errors.Is(err, ErrUnreadable) {
		t.Errorf("garbage: %v", err)
	}
	if _, err := Read(append(append([]byte{}, oleMagic...), 0, 0), XLSX, 0); !errors.Is(err, ErrLegacyXLS) {
		t.Errorf("xls: %v", err)
	}
}

func TestDetectFormat(t *testing.T) {
	xlsxHead := []byte("PK\x03\x04\x14\x00\x06\x00")
	tests := []struct {
		ct      string
		head    []byte
		want    Format
		wantErr error
	}{
		{"", xlsxHead, XLSX, nil},
		{XLSXType, xlsxHead, XLSX, nil},
		{"application/octet-stream", xlsxHead, XLSX, nil},
		{"text/csv", xlsxHead, XLSX, nil}, // bytes win
		{XLSXType, nil, XLSX, nil},
		{"text/csv", nil, CSV, nil},
		{"text/csv; charset=utf-8", []byte("nik,nama\n"), CSV, nil},
		{"application/vnd.ms-excel", []byte("nik;nama\r\n"), CSV, nil},
		{"", []byte("\xEF\xBB\xBFnik;nama\r\n"), CSV, nil},
		{"", []byte("\xFF\xFEn\x00i\x00k\x00"), CSV, nil},
		{"TEXT/PLAIN", []byte("nik,nama"), CSV, nil},
		{"", oleMagic, "", ErrLegacyXLS},
		{"", nil, "", ErrUnsupported},
		{"application/pdf", []byte("%PDF-1.7\n"), "", ErrUnsupported},
		{"", []byte("%PDF-1.7\n"), "", ErrUnsupported},
		{"image/png", []byte("\x89PNG\r\n\x1a\n"), "", ErrUnsupported},
		{"text/html", []byte("<html>"), "", ErrUnsupported},
	}
	for _, tt := range tests {
		got, err := DetectFormat(tt.ct, tt.head)
		if got != tt.want || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
			t.Errorf("DetectFormat(%q, %q) = %q, %v; want %q, %v", tt.ct, tt.head, got, err, tt.want, tt.wantErr)
		}
	}
}

// Whatever is written reads back as it was, in both formats: text that
// looks like a number or a formula, line breaks, quotes, separators.
func TestWriteReadsBack(t *testing.T) {
	rows := [][]any{
		{"id", "teks", "angka"},
		{"01JAB", "=SUM(A1:A2)", 1.5},
		{"3273011508950001", "-5 derajat", -2.0},
		{"'kutip", "baris\nbaru; \"kutip\", koma", 1000000.0},
		{"@x", "+62", 0.1},
	}
	for _, f := range []Format{CSV, XLSX} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, f, "Soal", rows); err != nil {
				t.Fatal(err)
			}
			if got, err := DetectFormat("", buf.Bytes()); err != nil || got != f {
				t.Fatalf("written %s detected as %q, %v", f, got, err)
			}
			tb, err := Read(buf.Bytes(), f, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer tb.Close()
			for i, row := range rows {
				for j, want := range row {
					got := tb.Records[i].Cells[j]
					if f == CSV {
						got = Unescape(got)
					}
					ws := fmt.Sprint(want)
					if v, ok := want.(float64); ok {
						ws = strconv.FormatFloat(v, 'f', -1, 64)
					}
					if got != ws {
						t.Errorf("%s row %d col %d: %q, want %q", f, i+1, j+1, got, ws)
					}
					if f == XLSX && i > 0 && tb.Numeric(tb.Records[i].Line, j) != (j == 2) {
						t.Errorf("row %d col %d: numeric %v", i+1, j+1, !(j == 2))
					}
				}
			}
		})
	}
}

// A CSV export opened in a spreadsheet runs no formula: every risky text
// cell starts with an apostrophe.
func TestCSVFormulasEscaped(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, CSV, "", [][]any{{"=HYPERLINK(\"x\")", "+1", "-1", "@a", "\tb", "aman", -1.0}}); err != nil {
		t.Fatal(err)
	}
	got := strings.TrimPrefix(buf.String(), "\uFEFF")
	if want := "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-1,'@a,'\tb,aman,-1\n"; got != want {
		t.Fatalf("csv = %q, want %q", got, want)
	}
}

func TestWriteBookSheets(t *testing.T) {
	var buf bytes.Buffer
	err := WriteBook(&buf, []Sheet{{Name: "Soal", Rows: [][]any{{"a"}, {"b"}}}, {Name: "Petunjuk", Rows: [][]any{{"baca ini"}}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := fmt.Sprint(f.GetSheetList()); got != "[Soal Petunjuk]" {
		t.Fatalf("sheets = %s", got)
	}
	tb, err := Read(mustBytes(t, f), XLSX, 0)
	if err != nil || fmt.Sprint(cells(tb)) != "[[a] [b]]" {
		t.Fatalf("first sheet = %v, %v", cells(tb), err)
	}
	tb.Close()
	if err := Write(&buf, Format("pdf"), "", nil); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("pdf: %v", err)
	}
	if err := Write(&buf, CSV, "", [][]any{{1}}); err == nil {
		t.Fatal("an int cell is written")
	}
}

func mustBytes(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
