package employee

import (
	"errors"
	"testing"
	"time"

	"lms/shared/i18n"
	"lms/shared/spreadsheet"
)

var now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func TestParseHRExport(t *testing.T) {
	file := "NIP Baru;Nama Pegawai;Satuan Kerja;Nama Jabatan;Pangkat/Golongan\n" +
		"'198501012010011001;  Andi   Saputra ;Biro Umum;Analis;III/c\n" +
		"198501012010011001;Andi Lagi;Biro Umum;;\n" +
		"12345;Salah;Biro Umum;;\n" +
		";Tanpa NIP;Biro Umum;;\n" +
		"198602022011012002;;;;\n" +
		"\n" +
		"198703032012011003;Citra;BIRO-SDM;Kepala;IV/a\n"
	p, err := Parse([]byte(file), spreadsheet.CSV, now, i18n.Indonesian, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.TotalLines != 6 || len(p.Rows) != 2 {
		t.Fatalf("rows %+v problems %+v", p.Rows, p.Problems)
	}
	if r := p.Rows[0]; r.NIP != "198501012010011001" || r.Name != "Andi Saputra" || r.Unit != "Biro Umum" || r.Rank != "III/c" || r.Line != 2 {
		t.Fatalf("first row %+v", r)
	}
	if p.Rows[1].Line != 8 {
		t.Fatalf("a blank row keeps the spreadsheet's numbering: %+v", p.Rows[1])
	}
	codes := map[int][]string{}
	for _, pr := range p.Problems {
		codes[pr.Line] = append(codes[pr.Line], pr.Field+":"+pr.Code)
		if pr.Message == "" {
			t.Errorf("problem without a message: %+v", pr)
		}
	}
	if len(codes[3]) != 1 || codes[3][0] != "nip:import_duplicate_nip" {
		t.Errorf("duplicate: %v", codes[3])
	}
	if len(codes[4]) != 1 || codes[4][0] != "nip:nip_length" {
		t.Errorf("short NIP: %v", codes[4])
	}
	if len(codes[5]) != 1 || codes[5][0] != "nip:field_required" {
		t.Errorf("missing NIP: %v", codes[5])
	}
	if len(codes[6]) != 2 {
		t.Errorf("name and unit missing: %v", codes[6])
	}
}

func TestParseFileErrors(t *testing.T) {
	_, err := Parse([]byte("Nama,Unit\nA,B\n"), spreadsheet.CSV, now, i18n.English, Options{})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Code != "hr_import_missing_column" || fe.Column != FieldNIP || fe.Message(i18n.English) == "" {
		t.Fatalf("missing NIP column: %v", err)
	}
	// A participant list needs only NIPs.
	p, err := Parse([]byte("NIP\n198501012010011001\n"), spreadsheet.CSV, now, i18n.English, Options{NIPOnly: true})
	if err != nil || len(p.Rows) != 1 {
		t.Fatalf("NIP-only list: %+v %v", p, err)
	}
	if _, err := Parse([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, spreadsheet.XLSX, now, i18n.English, Options{}); !errors.As(err, &fe) {
		t.Fatalf("a legacy workbook: %v", err)
	}
}

func TestUnitsByCodeOrName(t *testing.T) {
	x := NewUnitIndex([]Unit{{ID: "BIRO-UMUM", Name: "Biro Umum"}, {ID: "B2", Name: "Biro Hukum dan Humas"}})
	for cell, want := range map[string]string{"biro-umum": "BIRO-UMUM", " Biro  Umum ": "BIRO-UMUM", "biro hukum dan humas": "B2", "B2": "B2"} {
		if u, ok := x.Find(cell); !ok || u.ID != want {
			t.Errorf("Find(%q) = %v %v, want %s", cell, u.ID, ok, want)
		}
	}
	if _, ok := x.Find("Biro Lain"); ok {
		t.Error("found an unknown unit")
	}
	for name, want := range map[string]string{"Biro Umum": "BIRO-UMUM", "Pusat Data & Informasi": "PUSAT-DATA-INFORMASI",
		"Sekretariat Direktorat Jenderal Pembangunan Daerah": "SEKRETARIAT-DIREKTORAT-JENDERAL"} {
		if got := CodeFromName(name); got != want || !ValidCode(got) {
			t.Errorf("CodeFromName(%q) = %q, want %q", name, got, want)
		}
	}
}
