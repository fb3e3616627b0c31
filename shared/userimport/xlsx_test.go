package userimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"lms/shared/i18n"
	"lms/shared/idnumber"
)

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// workbook builds an XLSX file; cells maps "A1"-style references to values
// on the first sheet, named "Data". A second sheet holds junk that must be
// ignored.
func workbook(t *testing.T, cells map[string]any, styled map[string]int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Data"); err != nil {
		t.Fatal(err)
	}
	for ref, v := range cells {
		if err := f.SetCellValue("Data", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	for ref, numFmt := range styled {
		st, err := f.NewStyle(&excelize.Style{NumFmt: numFmt})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle("Data", ref, ref, st); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("Petunjuk"); err != nil {
		t.Fatal(err)
	}
	_ = f.SetCellValue("Petunjuk", "A1", "Isi kolom NIK sebagai Teks")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	data := workbook(t, map[string]any{
		"A1": "NIK/NIP", "B1": "Nama Lengkap", "C1": "No. HP", "D1": "Peran", "E1": "Keterangan",
		// Numeric NIK written with every digit (as a program writes it): Excel
		// shows 3.27301E+15 but the file holds the exact number.
		"A2": int64(3273011508950001), "B2": "Budi Santoso", "C2": int64(81234567890), "D2": "Peserta",
		// Text NIK.
		"A3": nik2, "B3": "Siti Rahayu", "C3": "0812-3456-7890", "D3": "widyaiswara", "E3": 42,
		// Numeric NIK as Excel stores a typed 16-digit number: the 16th digit is 0.
		"A4": 3273011508950001.0, "B4": "Agus",
		// 18-digit NIP as a float: precision lost.
		"A5": float64(198503122010011001), "B5": "Dewi",
		// 18-digit NIP written exactly as an integer.
		"A6": int64(198503122010011001), "B6": "Eko Pratama", "C6": int64(6281234567890), "D6": "admin",
		// Row 7 blank.
		// Literal leading apostrophe in a text cell.
		"A8": "'" + nik3, "B8": "  Ni  Luh Putu ",
		// Text NIK ending in 0 is fine; the same value as a number is not.
		"A9": "3273011508950010", "B9": "Rina",
		"A10": int64(3273011508950010), "B10": "Rina Dua",
		// Number format "0": Excel shows every stored digit, still only 15 real ones.
		"A11": 3578010101800003.0, "B11": "Yusuf",
		// Other validation still applies.
		"A12": "3273013208950001", "B12": "X", "D12": "kepala",
	}, map[string]int{"A11": 1})

	res, err := Parse(bytes.NewReader(data), XLSX, now, i18n.Indonesian)
	if err != nil {
		t.Fatal(err)
	}
	if res.TotalLines != 10 {
		t.Errorf("TotalLines = %d, want 10", res.TotalLines)
	}
	wantRows := []Row{
		{Line: 2, Kind: idnumber.KindNIK, Username: nik1, Name: "Budi Santoso", Phone: "+6281234567890", Role: RoleLearner},
		{Line: 3, Kind: idnumber.KindNIK, Username: nik2, Name: "Siti Rahayu", Phone: "+6281234567890", Role: RoleInstructor},
		{Line: 6, Kind: idnumber.KindNIP, Username: nip1, Name: "Eko Pratama", Phone: "+6281234567890", Role: RoleAdmin},
		{Line: 8, Kind: idnumber.KindNIK, Username: nik3, Name: "Ni Luh Putu", Role: RoleLearner},
		{Line: 9, Kind: idnumber.KindNIK, Username: "3273011508950010", Name: "Rina", Role: RoleLearner},
	}
	if fmt.Sprint(res.Rows) != fmt.Sprint(wantRows) {
		t.Errorf("rows:\n got %+v\nwant %+v", res.Rows, wantRows)
	}
	wantProblems := []string{
		"4 nik_nip import_number_as_scientific",
		"5 nik_nip import_number_as_scientific",
		"10 nik_nip import_number_as_scientific",
		"11 nik_nip import_number_as_scientific",
		"12 nik_nip nik_birthdate_invalid",
		"12 name import_name_invalid",
		"12 role import_role_invalid",
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, fmt.Sprintf("%d %s %s", p.Line, p.Field, p.Code))
	}
	if fmt.Sprint(got) != fmt.Sprint(wantProblems) {
		t.Errorf("problems:\n got %q\nwant %q", got, wantProblems)
	}
	if m := res.Problems[0].Message; m == "" || !bytes.Contains([]byte(m), []byte("Teks")) {
		t.Errorf("message = %q", m)
	}
}

func TestXLSXHeadingNotOnFirstRow(t *testing.T) {
	data := workbook(t, map[string]any{
		"B3": "nik", "C3": "nama",
		"B4": nik1, "C4": "Budi",
	}, nil)
	res, err := Parse(bytes.NewReader(data), XLSX, now, i18n.Indonesian)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1 || res.Rows[0].Line != 4 || res.Rows[0].Username != nik1 {
		t.Fatalf("result = %+v", res)
	}
}

func TestXLSXMissingColumnAndEmpty(t *testing.T) {
	_, err := Parse(bytes.NewReader(workbook(t, map[string]any{"A1": "nama", "A2": "Budi"}, nil)), XLSX, now, i18n.Indonesian)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Code != CodeMissingColumn || fe.Column != FieldIdentity {
		t.Errorf("err = %v", err)
	}
	_, err = Parse(bytes.NewReader(workbook(t, nil, nil)), XLSX, now, i18n.Indonesian)
	if !errors.As(err, &fe) || fe.Code != CodeEmptyFile {
		t.Errorf("err = %v", err)
	}
}

func TestXLSXTooManyRows(t *testing.T) {
	build := func(n int) []byte {
		f := excelize.NewFile()
		defer f.Close()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		_ = sw.SetRow("A1", []any{"NIK", "Nama"})
		for i := range n {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			_ = sw.SetRow(cell, []any{fmt.Sprintf("32730115089%05d", i+1), "Budi"})
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	res, err := Parse(bytes.NewReader(build(MaxRows)), XLSX, now, i18n.Indonesian)
	if err != nil || len(res.Rows) != MaxRows {
		t.Fatalf("rows %d err %v", len(res.Rows), err)
	}
	_, err = Parse(bytes.NewReader(build(MaxRows+1)), XLSX, now, i18n.Indonesian)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Code != CodeTooManyRows {
		t.Fatalf("err = %v", err)
	}
}

func TestXLSXDetectFormat(t *testing.T) {
	data := workbook(t, map[string]any{"A1": "nik"}, nil)
	if f, err := DetectFormat("", data[:512]); err != nil || f != XLSX {
		t.Fatalf("DetectFormat = %q, %v", f, err)
	}
}
