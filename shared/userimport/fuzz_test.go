package userimport_test

import (
	"bytes"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"lms/shared/i18n"
	"lms/shared/idnumber"
	"lms/shared/userimport"
)

// The fuzz targets read member lists (the users import and, with names
// optional, the enrollment import) from arbitrary CSV and XLSX bytes.

var fuzzNow = time.Date(2026, time.March, 10, 9, 0, 0, 0, time.UTC)

var csvSeeds = []string{
	"NIK/NIP,Nama,Email,Telepon,Peran,Instansi\n3273011508950001,Budi Santoso,budi@example.com,081234567890,peserta,Dinas ESDM\n198503122010011001,Siti Aminah,,,widyaiswara,\n",
	"nik;nama\r\n3273015508950002;Ani\r\n3273015508950002;Ani Lagi\r\n",
	"sep=;\nNIK;Nama\n3.27301E+15;Budi\n",
	"\xef\xbb\xbfNIP\tNama\n19850312 201001 1 001\tSiti\n",
	"\xff\xfeN\x00I\x00K\x00,\x00n\x00a\x00m\x00e\x00\n\x00",
	"NIK,Nama\n=HYPERLINK(\"http://x\"),'; DROP TABLE users;--\n3273011508950001,<script>alert(1)</script>\n3578010101800003,{{7*7}} ${jndi:ldap://x}\n",
	"NIK,Nama,Instansi\n3273011508950001,../../etc/passwd,..\\..\\win.ini\n",
	"NIK,Nama\n\"3273011508950001\",\"Budi\nSantoso\"\n\n\n3273011508950001,Budi\n",
	"Nama\nBudi\n",
	"",
	"NIK\n3273011508950001\n198503122010011001\n",
	"NIK,Nama,Email,Telepon\n3273011508950001,Budi,BUDI@EXAMPLE.COM,+62 812-3456-7890\n3578010101800003,Dewi,bukan email,12345\n",
	"\x00\x01\x02",
	"NIK,Nama\n3273011508950001,Jos\xe9 Ram\xedrez\n",
}

// checkResult holds a parse outcome to the package's promises.
func checkResult(t *testing.T, res userimport.Result, err error, nameOptional bool) {
	t.Helper()
	if err != nil {
		var fe *userimport.FileError
		if !errors.As(err, &fe) {
			t.Fatalf("file refused with %T %v, not *FileError", err, err)
		}
		for _, lang := range []i18n.Lang{i18n.Indonesian, i18n.English} {
			if m := fe.Message(lang); m == "" || m == fe.Code || strings.Contains(m, "{{") {
				t.Fatalf("message of %s in %s: %q", fe.Code, lang, m)
			}
		}
		if !reflect.DeepEqual(res, userimport.Result{}) {
			t.Fatalf("result %+v with error %v", res, err)
		}
		return
	}
	if len(res.Rows) > userimport.MaxRows {
		t.Fatalf("%d rows, more than %d", len(res.Rows), userimport.MaxRows)
	}
	problemLines := map[int]bool{}
	fields := map[string]bool{userimport.FieldIdentity: true, userimport.FieldName: true, userimport.FieldEmail: true,
		userimport.FieldPhone: true, userimport.FieldRole: true, userimport.FieldInstitution: true}
	for _, p := range res.Problems {
		if p.Line < 1 || !fields[p.Field] || p.Code == "" || p.Message == "" || p.Message == p.Code {
			t.Fatalf("problem %+v", p)
		}
		problemLines[p.Line] = true
	}
	if res.TotalLines != len(res.Rows)+len(problemLines) {
		t.Fatalf("TotalLines %d, rows %d, lines with problems %d", res.TotalLines, len(res.Rows), len(problemLines))
	}
	seenLine, seenUser := map[int]bool{}, map[string]bool{}
	for _, r := range res.Rows {
		if r.Line < 1 || seenLine[r.Line] || problemLines[r.Line] {
			t.Fatalf("row %+v: line used twice or also has problems", r)
		}
		seenLine[r.Line] = true
		if seenUser[r.Username] {
			t.Fatalf("row %+v: the same NIK/NIP twice among valid rows", r)
		}
		seenUser[r.Username] = true
		// The stored number is its own normal form and parses to the same kind.
		kind, number, err := idnumber.Parse(r.Username, fuzzNow)
		if err != nil || kind != r.Kind || number != r.Username {
			t.Fatalf("row %+v: username re-parses as %q %q %v", r, kind, number, err)
		}
		if r.Name != strings.Join(strings.Fields(r.Name), " ") || (r.Name == "" && !nameOptional) ||
			(r.Name != "" && (utf8.RuneCountInString(r.Name) < 2 || utf8.RuneCountInString(r.Name) > 100)) {
			t.Fatalf("row %+v: name %q", r, r.Name)
		}
		if strings.ContainsAny(r.Name, "<>\"&;=(){}$") {
			t.Fatalf("row %+v: markup or code characters in a name", r)
		}
		if r.Email != strings.ToLower(r.Email) || (r.Email != "" && !strings.Contains(r.Email, "@")) || strings.ContainsAny(r.Email, " <>\"") {
			t.Fatalf("row %+v: email %q", r, r.Email)
		}
		if r.Phone != "" && !phoneE164.MatchString(r.Phone) {
			t.Fatalf("row %+v: phone %q", r, r.Phone)
		}
		switch r.Role {
		case userimport.RoleAdmin, userimport.RoleInstructor, userimport.RoleLearner:
		default:
			t.Fatalf("row %+v: role %q", r, r.Role)
		}
		if r.Institution != strings.TrimSpace(r.Institution) || utf8.RuneCountInString(r.Institution) > 150 {
			t.Fatalf("row %+v: institution %q", r, r.Institution)
		}
	}
}

var phoneE164 = regexp.MustCompile(`^\+628[0-9]{7,12}$`)

func parse(data []byte, f userimport.Format, nameOptional bool) (userimport.Result, error) {
	return userimport.ParseWith(bytes.NewReader(data), f, fuzzNow, i18n.Indonesian, userimport.Options{NameOptional: nameOptional})
}

// FuzzParseCSV: any bytes as a CSV member list give either a *FileError or
// rows and problems that keep every promise of Result and Row, the same on
// a second read.
func FuzzParseCSV(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, nameOptional bool) {
		res, err := parse(data, userimport.CSV, nameOptional)
		checkResult(t, res, err, nameOptional)
		again, err2 := parse(data, userimport.CSV, nameOptional)
		if !reflect.DeepEqual(res, again) || (err == nil) != (err2 == nil) {
			t.Fatalf("a second read differs: %+v / %+v", res, again)
		}
	})
}

// xlsxOf writes rows of strings to the first sheet of a new workbook.
func xlsxOf(tb testing.TB, rows [][]string) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		for j, cell := range row {
			if cell == "" {
				continue
			}
			ref, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				tb.Fatal(err)
			}
			if err := f.SetCellStr("Sheet1", ref, cell); err != nil {
				tb.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzParseXLSX: the same promises for any bytes read as a workbook
// (seeded with real workbooks, so the fuzzer mutates ZIP and XML).
func FuzzParseXLSX(f *testing.F) {
	f.Add(xlsxOf(f, [][]string{{"NIK/NIP", "Nama", "Email"}, {"3273011508950001", "Budi Santoso", "budi@example.com"},
		{"198503122010011001", "<script>alert(1)</script>", ""}}), false)
	f.Add(xlsxOf(f, [][]string{{"NIK"}, {"3273011508950001"}, {"3.27301E+15"}}), true)
	f.Add(xlsxOf(f, [][]string{{"Nama"}, {"Budi"}}), false)
	f.Add([]byte("PK\x03\x04"), false)
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, false)
	f.Fuzz(func(t *testing.T, data []byte, nameOptional bool) {
		res, err := parse(data, userimport.XLSX, nameOptional)
		checkResult(t, res, err, nameOptional)
	})
}

// FuzzFormatsAgree: the same table saved as CSV and as XLSX (text cells)
// imports the same way: a member list does not depend on the format the
// admin's spreadsheet program saved it in. Lines are split on "\n", cells
// on "|"; characters that CSV or the XLSX XML give a meaning of their own
// (separators, quotes, control characters, Excel's _xHHHH_ escapes) are
// left out of the cells.
func FuzzFormatsAgree(f *testing.F) {
	f.Add("NIK|Nama|Email|Telepon|Peran|Instansi\n3273011508950001|Budi Santoso|budi@example.com|081234567890|peserta|Dinas\n3273011508950001|Budi|x|y|z|w", false)
	f.Add("nama|nik\n Siti  Aminah |198503122010011001\n\n|\n<b>x</b>|3.27301E+15", true)
	f.Add("NIK\n3578010101800003\n{{7*7}}", true)
	f.Fuzz(func(t *testing.T, text string, nameOptional bool) {
		if !utf8.ValidString(text) {
			return
		}
		var rows [][]string
		for i, line := range strings.Split(text, "\n") {
			if i == 50 {
				break
			}
			var cells []string
			for _, c := range strings.Split(line, "|") {
				cells = append(cells, cleanCell(c))
			}
			rows = append(rows, cells)
		}
		if len(rows) > 0 && len(rows[0]) > 0 && strings.HasPrefix(strings.ToLower(strings.TrimSpace(rows[0][0])), "sep=") {
			return // Excel's separator line means something in CSV only
		}
		var csvText strings.Builder
		for _, r := range rows {
			csvText.WriteString(strings.Join(r, ","))
			csvText.WriteString("\n")
		}
		fromCSV, errCSV := parse([]byte(csvText.String()), userimport.CSV, nameOptional)
		fromXLSX, errXLSX := parse(xlsxOf(t, rows), userimport.XLSX, nameOptional)
		if (errCSV == nil) != (errXLSX == nil) || !reflect.DeepEqual(fromCSV, fromXLSX) {
			t.Fatalf("CSV and XLSX differ for %q:\n  CSV  %+v %v\n  XLSX %+v %v", text, fromCSV, errCSV, fromXLSX, errXLSX)
		}
		if errCSV != nil && errCSV.(*userimport.FileError).Code != errXLSX.(*userimport.FileError).Code {
			t.Fatalf("CSV refused with %v, XLSX with %v", errCSV, errXLSX)
		}
	})
}

func cleanCell(c string) string {
	if len(c) > 200 {
		c = c[:200]
	}
	c = strings.ReplaceAll(c, "_x", "")
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20, r == 0x7f, r == ',', r == ';', r == '"', r == '\uFEFF', r == '\uFFFE', r == '\uFFFF', r == utf8.RuneError:
			return -1
		}
		return r
	}, c)
}

// FuzzDetectFormat: the import's file-type decision from the declared
// type and the first bytes. Bytes win over the declared type: XLSX only
// for a ZIP (or, with no bytes, the XLSX type), CSV only for text (no
// control bytes but tab, line breaks and form feed in the first 512, or a
// UTF-16 byte order mark), never a PDF; a refusal is a *FileError saying
// legacy .xls or unsupported.
func FuzzDetectFormat(f *testing.F) {
	for _, s := range []struct {
		ct   string
		head []byte
	}{
		{"text/csv", []byte("NIK,Nama\n")},
		{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []byte("PK\x03\x04")},
		{"application/vnd.ms-excel", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}},
		{"text/csv", []byte("%PDF-1.7")},
		{"image/png", []byte("NIK\n")},
		{"text/csv; charset=utf-16", []byte{0xFF, 0xFE, 'N', 0}},
		{"", nil},
		{"text/csv;;", []byte("a\x00b")},
	} {
		f.Add(s.ct, s.head)
	}
	f.Fuzz(func(t *testing.T, ct string, head []byte) {
		got, err := userimport.DetectFormat(ct, head)
		if err != nil {
			var fe *userimport.FileError
			if !errors.As(err, &fe) || (fe.Code != userimport.CodeLegacyXLS && fe.Code != userimport.CodeUnsupportedFormat) || got != "" {
				t.Fatalf("DetectFormat(%q, %q) = %q, %v", ct, head, got, err)
			}
			return
		}
		first := head[:min(len(head), 512)]
		switch got {
		case userimport.XLSX:
			if len(head) > 0 && !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
				t.Fatalf("XLSX from %q", first)
			}
		case userimport.CSV:
			utf16 := bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF})
			if bytes.HasPrefix(head, []byte("%PDF")) || bytes.HasPrefix(head, []byte("PK\x03\x04")) {
				t.Fatalf("CSV from %q", first)
			}
			for _, c := range first {
				if !utf16 && c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
					t.Fatalf("CSV from %q, which holds byte %#x", first, c)
				}
			}
		default:
			t.Fatalf("format %q", got)
		}
	})
}
