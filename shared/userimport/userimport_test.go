package userimport

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"lms/shared/i18n"
	"lms/shared/idnumber"
)

// oleMagic starts an old .xls (or an encrypted workbook); xlsxType is the
// XLSX content type.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

var now = time.Date(2026, time.March, 10, 9, 0, 0, 0, time.UTC)

const (
	nik1 = "3273011508950001" // Bandung, born 1995-08-15, male
	nik2 = "3273015508950002" // female (day+40)
	nik3 = "3578010101800003"
	nip1 = "198503122010011001" // born 1985-03-12, CPNS 2010-01, male
)

func parseCSV(t *testing.T, s string) Result {
	t.Helper()
	res, err := Parse(strings.NewReader(s), CSV, now, i18n.Indonesian)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return res
}

// oneRow parses a heading plus one data row and returns the row (if valid)
// and the problems.
func oneRow(t *testing.T, heading, row string) (*Row, []Problem) {
	t.Helper()
	res := parseCSV(t, heading+"\n"+row+"\n")
	if res.TotalLines != 1 {
		t.Fatalf("TotalLines = %d, want 1", res.TotalLines)
	}
	if len(res.Rows) == 1 {
		if len(res.Problems) != 0 {
			t.Fatalf("row both valid and with problems: %+v", res.Problems)
		}
		return &res.Rows[0], nil
	}
	if len(res.Problems) == 0 {
		t.Fatalf("row neither valid nor with problems")
	}
	return nil, res.Problems
}

func codes(ps []Problem) string {
	var c []string
	for _, p := range ps {
		c = append(c, p.Field+":"+p.Code)
	}
	return strings.Join(c, ",")
}

func TestHeadingAliases(t *testing.T) {
	tests := []struct {
		heading    string
		wantColumn string // missing column, "" if the heading is accepted
	}{
		{"nik,nama", ""},
		{"NIK;Nama Lengkap", ""},
		{"NIP,Name", ""},
		{"NIK/NIP,Full Name", ""},
		{"nik_nip,full_name,e-mail,no_hp,role,unit_kerja", ""},
		{"Nomor Identitas,NAMA", ""},
		{"username,name,surel,whatsapp,peran,company", ""},
		{" No. Identitas , Nama (sesuai KTP) ", ""},
		{"NIK*,Nama*", ""},
		{"nama,email", FieldIdentity},
		{"nik,email", FieldName},
		{"id,full", FieldIdentity},
	}
	for _, tt := range tests {
		t.Run(tt.heading, func(t *testing.T) {
			in := tt.heading + "\n"
			sep := ","
			if strings.Contains(tt.heading, ";") {
				sep = ";"
			}
			in += strings.Join([]string{nik1, "Budi"}, sep) + "\n"
			_, err := Parse(strings.NewReader(in), CSV, now, i18n.Indonesian)
			if tt.wantColumn == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Code != CodeMissingColumn || fe.Column != tt.wantColumn {
				t.Fatalf("err = %#v, want missing %s", err, tt.wantColumn)
			}
		})
	}
}

func TestMissingColumnMessage(t *testing.T) {
	_, err := Parse(strings.NewReader("nama,email\nBudi,b@x.id\n"), CSV, now, i18n.Indonesian)
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v", err)
	}
	id := fe.Message(i18n.Indonesian)
	en := fe.Message(i18n.English)
	if !strings.Contains(id, "Kolom NIK/NIP tidak ditemukan") || !strings.Contains(id, "Nomor Identitas") {
		t.Errorf("id message = %q", id)
	}
	if !strings.Contains(en, "The NIK/NIP column was not found") {
		t.Errorf("en message = %q", en)
	}
	_, err = Parse(strings.NewReader("nik\n"+nik1+"\n"), CSV, now, i18n.Indonesian)
	if !errors.As(err, &fe) || fe.Column != FieldName || !strings.Contains(fe.Message(i18n.Indonesian), "Kolom Nama") {
		t.Errorf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "import_missing_column") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestUnknownColumnsIgnoredAndOrderFree(t *testing.T) {
	row, probs := oneRow(t, "No,Jabatan,Nama,Golongan,NIK", "1,Analis,Budi Santoso,III/a,"+nik1)
	if probs != nil {
		t.Fatalf("problems: %+v", probs)
	}
	if row.Username != nik1 || row.Name != "Budi Santoso" || row.Role != RoleLearner || row.Kind != idnumber.KindNIK {
		t.Fatalf("row = %+v", row)
	}
}

func TestIdentity(t *testing.T) {
	tests := []struct {
		in       string
		wantCode string
		wantNum  string
		wantKind idnumber.Kind
	}{
		{nik1, "", nik1, idnumber.KindNIK},
		{nik2, "", nik2, idnumber.KindNIK},
		{"3273 0115 0895 0001", "", nik1, idnumber.KindNIK},
		{"32.73.01.150895.0001", "", nik1, idnumber.KindNIK},
		{"'" + nik1, "", nik1, idnumber.KindNIK},
		{nip1, "", nip1, idnumber.KindNIP},
		{"19850312 201001 1 001", "", nip1, idnumber.KindNIP},
		{"", idnumber.CodeEmpty, "", ""},
		{"abc", idnumber.CodeNotDigits, "", ""},
		{"327301150895", idnumber.CodeLength, "", ""},
		{"3273013208950001", idnumber.CodeNIKBirthDate, "", ""},
		{"3273011513950001", idnumber.CodeNIKBirthDate, "", ""},
		{"0073011508950001", idnumber.CodeNIKProvince, "", ""},
		{"3273011508950000", idnumber.CodeNIKSequence, "", ""},
		{"198513122010011001", idnumber.CodeNIPBirthDate, "", ""},
		{"198503122010013001", idnumber.CodeNIPGender, "", ""},
		// Excel's display/CSV export of a long number.
		{"3.27301E+15", CodeNumberAsScientific, "", ""},
		{"3,27301150895E+15", CodeNumberAsScientific, "", ""},
		{"3.27301150895e15", CodeNumberAsScientific, "", ""},
		{"1.98503122010011E+17", CodeNumberAsScientific, "", ""},
		// Every digit present: nothing lost.
		{"3.273011508950001E+15", "", nik1, idnumber.KindNIK},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			row, probs := oneRow(t, "nik,nama", `"`+tt.in+`",Budi`)
			if tt.wantCode == "" {
				if probs != nil {
					t.Fatalf("problems: %+v", probs)
				}
				if row.Username != tt.wantNum || row.Kind != tt.wantKind {
					t.Fatalf("row = %+v", row)
				}
				return
			}
			if len(probs) != 1 || probs[0].Code != tt.wantCode || probs[0].Field != FieldIdentity || probs[0].Line != 2 {
				t.Fatalf("problems = %+v, want one %s", probs, tt.wantCode)
			}
			if probs[0].Message == "" || probs[0].Message == tt.wantCode {
				t.Fatalf("message not rendered: %+v", probs[0])
			}
		})
	}
}

func TestIdentityMessageFromIDNumber(t *testing.T) {
	_, probs := oneRow(t, "nik,nama", "3273013208950001,Budi")
	want := (&idnumber.Error{Code: idnumber.CodeNIKBirthDate}).Message(i18n.Indonesian)
	if probs[0].Message != want {
		t.Fatalf("message = %q, want %q", probs[0].Message, want)
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		in, want, wantCode string
	}{
		{"Budi", "Budi", ""},
		{"  Budi    Santoso  ", "Budi Santoso", ""},
		{"Budi\tSantoso", "Budi Santoso", ""},
		{"Dr. Siti Rahayu, S.Kom., M.T.", "Dr. Siti Rahayu, S.Kom., M.T.", ""},
		{"Ma'ruf Amin", "Ma'ruf Amin", ""},
		{"Ma’ruf", "Ma’ruf", ""},
		{"Nur-Aini", "Nur-Aini", ""},
		{"Ni Luh Putu Ayu", "Ni Luh Putu Ayu", ""},
		{"José Müller", "José Müller", ""},
		{"Jose\u0301", "Jose\u0301", ""}, // combining accent
		{"Ab", "Ab", ""},
		{strings.Repeat("a", 100), strings.Repeat("a", 100), ""},
		{"", "", CodeNameRequired},
		{"   ", "", CodeNameRequired},
		{"A", "", CodeNameInvalid},
		{strings.Repeat("a", 101), "", CodeNameInvalid},
		{"Budi 2", "", CodeNameInvalid},
		{"Budi@Santoso", "", CodeNameInvalid},
		{"Budi (Bud)", "", CodeNameInvalid},
		{"..", "", CodeNameInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			row, probs := oneRow(t, "nik,nama", nik1+`,"`+tt.in+`"`)
			if tt.wantCode == "" {
				if probs != nil {
					t.Fatalf("problems: %+v", probs)
				}
				if row.Name != tt.want {
					t.Fatalf("name = %q, want %q", row.Name, tt.want)
				}
				return
			}
			if codes(probs) != FieldName+":"+tt.wantCode {
				t.Fatalf("problems = %s, want %s", codes(probs), tt.wantCode)
			}
		})
	}
}

func TestEmail(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"budi@kemenkeu.go.id", "budi@kemenkeu.go.id", true},
		{"Budi.Santoso@Gmail.COM", "budi.santoso@gmail.com", true},
		{"  budi+lms@yahoo.co.id ", "budi+lms@yahoo.co.id", true},
		{"budi", "", false},
		{"budi@", "", false},
		{"@gmail.com", "", false},
		{"budi@@gmail.com", "", false},
		{"budi@localhost", "", false},
		{"budi@gmail.", "", false},
		{"budi santoso@gmail.com", "", false},
		{"Budi <budi@gmail.com>", "", false},
		{"<budi@gmail.com>", "", false},
		{"budi@gmail.com, siti@gmail.com", "", false},
		{strings.Repeat("a", 250) + "@x.id", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			row, probs := oneRow(t, "nik,nama,email", nik1+`,Budi,"`+tt.in+`"`)
			if tt.ok {
				if probs != nil {
					t.Fatalf("problems: %+v", probs)
				}
				if row.Email != tt.want {
					t.Fatalf("email = %q, want %q", row.Email, tt.want)
				}
				return
			}
			if codes(probs) != FieldEmail+":"+CodeEmailInvalid {
				t.Fatalf("problems = %s", codes(probs))
			}
			if probs[0].Message != "Email tidak valid." {
				t.Fatalf("message = %q", probs[0].Message)
			}
		})
	}
}

func TestPhone(t *testing.T) {
	tests := []struct {
		in, want string // want "" means invalid, unless in is empty
	}{
		{"", ""},
		{"081234567890", "+6281234567890"},
		{"0812-3456-7890", "+6281234567890"},
		{"0812 3456 7890", "+6281234567890"},
		{"0812.3456.7890", "+6281234567890"},
		{"6281234567890", "+6281234567890"},
		{"+6281234567890", "+6281234567890"},
		{"+62 812-3456-7890", "+6281234567890"},
		{"+62 0812 3456 7890", "+6281234567890"},
		{"'081234567890", "+6281234567890"},
		{"81234567890", "+6281234567890"}, // leading zero eaten by a spreadsheet
		{"0811234567", "+62811234567"},
		{"6.28123456789E+11", "+628123456789"},
		{"08123456", ""},          // too short
		{"0812345678901234", ""},  // 16 digits
		{"+1 415 555 0100", ""},   // not Indonesian
		{"+0812345678", ""},       // + without country code
		{"0212345678", ""},        // landline
		{"(021) 2345678", ""},     // parentheses
		{"0812-3456-789a", ""},    // letter
		{"0812345678 / 0813", ""}, // two numbers
		{"62+81234567890", ""},    // misplaced plus
		{"6.28123456789E+3", ""},  // not an integer
		{"+62 8123 4567 8901 23", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			row, probs := oneRow(t, "nik,nama,no hp", nik1+`,Budi,"`+tt.in+`"`)
			if tt.want != "" || tt.in == "" {
				if probs != nil {
					t.Fatalf("problems: %+v", probs)
				}
				if row.Phone != tt.want {
					t.Fatalf("phone = %q, want %q", row.Phone, tt.want)
				}
				return
			}
			if codes(probs) != FieldPhone+":"+CodePhoneInvalid {
				t.Fatalf("problems = %s (row %+v)", codes(probs), row)
			}
		})
	}
}

func TestRole(t *testing.T) {
	tests := []struct {
		in   string
		want Role // "" means invalid
	}{
		{"", RoleLearner},
		{"admin", RoleAdmin},
		{"Admin", RoleAdmin},
		{"PENYELENGGARA", RoleAdmin},
		{"instructor", RoleInstructor},
		{"Widyaiswara", RoleInstructor},
		{"instruktur", RoleInstructor},
		{" pengajar ", RoleInstructor},
		{"learner", RoleLearner},
		{"Peserta", RoleLearner},
		{"kepala", ""},
		{"superadmin", ""},
		{"peserta didik", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			row, probs := oneRow(t, "nik,nama,peran", nik1+`,Budi,"`+tt.in+`"`)
			if tt.want != "" {
				if probs != nil {
					t.Fatalf("problems: %+v", probs)
				}
				if row.Role != tt.want {
					t.Fatalf("role = %q, want %q", row.Role, tt.want)
				}
				return
			}
			if codes(probs) != FieldRole+":"+CodeRoleInvalid {
				t.Fatalf("problems = %s", codes(probs))
			}
			if probs[0].Message != "Peran harus admin, instruktur, atau peserta." {
				t.Fatalf("message = %q", probs[0].Message)
			}
		})
	}
	// Any role for either kind of number.
	for _, id := range []string{nik1, nip1} {
		for _, r := range []string{"admin", "instructor", "learner"} {
			if row, probs := oneRow(t, "nik,nama,role", id+",Budi,"+r); probs != nil || string(row.Role) != r {
				t.Errorf("%s as %s: row %+v problems %+v", id, r, row, probs)
			}
		}
	}
	// No role column at all.
	if row, _ := oneRow(t, "nik,nama", nik1+",Budi"); row.Role != RoleLearner {
		t.Errorf("default role = %q", row.Role)
	}
}

func TestInstitution(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"  Badan  Kepegawaian Negara ", "Badan Kepegawaian Negara", true},
		{strings.Repeat("é", 150), strings.Repeat("é", 150), true},
		{strings.Repeat("a", 151), "", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(len(tt.in)), func(t *testing.T) {
			row, probs := oneRow(t, "nik,nama,instansi", nik1+`,Budi,"`+tt.in+`"`)
			if tt.ok {
				if probs != nil || row.Institution != tt.want {
					t.Fatalf("row %+v problems %+v", row, probs)
				}
				return
			}
			if codes(probs) != FieldInstitution+":"+CodeInstitutionTooLong {
				t.Fatalf("problems = %s", codes(probs))
			}
		})
	}
}

func TestAllProblemsOfARowAreReported(t *testing.T) {
	res := parseCSV(t, "nik,nama,email,hp,peran,instansi\n"+
		"3273013208950001,B,budi@,12345,kepala,"+strings.Repeat("x", 151)+"\n"+
		nik1+",Budi,budi@x.id,081234567890,admin,BKN\n")
	want := "nik_nip:nik_birthdate_invalid,name:import_name_invalid,email:import_email_invalid," +
		"phone:import_phone_invalid,role:import_role_invalid,institution:import_institution_too_long"
	if got := codes(res.Problems); got != want {
		t.Fatalf("problems = %s\nwant %s", got, want)
	}
	for _, p := range res.Problems {
		if p.Line != 2 {
			t.Errorf("line = %d", p.Line)
		}
	}
	if len(res.Rows) != 1 || res.Rows[0].Line != 3 || res.TotalLines != 2 {
		t.Fatalf("rows = %+v total %d", res.Rows, res.TotalLines)
	}
	want3 := Row{Line: 3, Kind: idnumber.KindNIK, Username: nik1, Name: "Budi", Email: "budi@x.id",
		Phone: "+6281234567890", Role: RoleAdmin, Institution: "BKN"}
	if res.Rows[0] != want3 {
		t.Fatalf("row = %+v\nwant %+v", res.Rows[0], want3)
	}
}

func TestDuplicateInFile(t *testing.T) {
	res := parseCSV(t, "nik,nama\n"+
		nik1+",Budi\n"+
		nik2+",Siti\n"+
		"3273 0115 0895 0001,Budi Lagi\n"+ // same digits, other spelling
		nip1+",Agus\n"+
		nik1+",Budi Tiga\n"+
		"19850312-201001-1-001,Agus Lagi\n")
	if len(res.Rows) != 3 {
		t.Fatalf("rows = %+v", res.Rows)
	}
	var lines []int
	for _, p := range res.Problems {
		if p.Code != CodeDuplicateInFile || p.Field != FieldIdentity {
			t.Fatalf("problem = %+v", p)
		}
		lines = append(lines, p.Line)
	}
	if fmt.Sprint(lines) != "[4 6 7]" {
		t.Fatalf("problem lines = %v", lines)
	}
	if m := res.Problems[0].Message; m != "NIK ini sudah tercantum di baris 2." {
		t.Errorf("message = %q", m)
	}
	if m := res.Problems[2].Message; m != "NIP ini sudah tercantum di baris 5." {
		t.Errorf("message = %q", m)
	}
	en, _ := Parse(strings.NewReader("nik,nama\n"+nik1+",Budi\n"+nik1+",Budi\n"), CSV, now, i18n.English)
	if m := en.Problems[0].Message; m != "This NIK already appears on row 2." {
		t.Errorf("english message = %q", m)
	}
}

func TestDuplicateOfInvalidRowStillDetected(t *testing.T) {
	// The first row has a bad email but a valid NIK: the second is still a
	// duplicate, so fixing only the first row does not hide it.
	res := parseCSV(t, "nik,nama,email\n"+nik1+",Budi,bad\n"+nik1+",Budi,b@x.id\n")
	if got := codes(res.Problems); got != "email:import_email_invalid,nik_nip:import_duplicate_in_file" {
		t.Fatalf("problems = %s", got)
	}
}

func TestCSVSemicolonBOMQuotesBlankLines(t *testing.T) {
	in := "\uFEFFNIK;Nama Lengkap;Email;No HP;Peran;Instansi\r\n" +
		nik1 + ";\"Santoso, Budi\";budi@x.id;0812-3456-7890;Peserta;\"Dinas \"\"Pendidikan\"\"; Kota Bandung\"\r\n" +
		"\r\n" +
		";;;;;\r\n" + // an Excel blank row
		nik2 + ";Siti Rahayu;;;Widyaiswara;\r\n" +
		"3273013208950001;Bad Date;;;;\r\n"
	res := parseCSV(t, in)
	if res.TotalLines != 3 || len(res.Rows) != 2 || len(res.Problems) != 1 {
		t.Fatalf("result = %+v", res)
	}
	r := res.Rows[0]
	if r.Line != 2 || r.Name != "Santoso, Budi" || r.Institution != `Dinas "Pendidikan"; Kota Bandung` || r.Phone != "+6281234567890" {
		t.Fatalf("row = %+v", r)
	}
	if res.Rows[1].Line != 5 || res.Rows[1].Role != RoleInstructor {
		t.Fatalf("row = %+v", res.Rows[1])
	}
	if res.Problems[0].Line != 6 {
		t.Fatalf("problem = %+v", res.Problems[0])
	}
}

func TestCSVExcelSepLine(t *testing.T) {
	res := parseCSV(t, "sep=;\nnik;nama\n"+nik1+";Budi, S.Kom.\n")
	if len(res.Rows) != 1 || res.Rows[0].Line != 2 || res.Rows[0].Name != "Budi, S.Kom." {
		t.Fatalf("result = %+v", res)
	}
}

func TestCSVLineNumbersWithMultilineField(t *testing.T) {
	res := parseCSV(t, "nik,nama,instansi\n"+
		nik1+",Budi,\"Dinas\nPendidikan\"\n"+
		"\n"+
		"123,Siti,\n")
	if len(res.Rows) != 1 || res.Rows[0].Institution != "Dinas Pendidikan" {
		t.Fatalf("rows = %+v", res.Rows)
	}
	// Spreadsheet rows: 1 heading, 2 Budi (two physical lines), 3 blank, 4 Siti.
	if len(res.Problems) != 1 || res.Problems[0].Line != 4 {
		t.Fatalf("problems = %+v", res.Problems)
	}
}

func TestCSVEncodings(t *testing.T) {
	plain := "nik;nama\n" + nik1 + ";José Müller\n"
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
			res := parseCSV(t, in)
			if len(res.Rows) != 1 || res.Rows[0].Name != "José Müller" || res.Rows[0].Username != nik1 {
				t.Fatalf("result = %+v", res)
			}
		})
	}
}

func TestEmptyAndHeadingOnly(t *testing.T) {
	for _, in := range []string{"", "\n\n", "\uFEFF", ";;;\n"} {
		_, err := Parse(strings.NewReader(in), CSV, now, i18n.Indonesian)
		var fe *FileError
		if !errors.As(err, &fe) || fe.Code != CodeEmptyFile {
			t.Errorf("%q: err = %v", in, err)
		}
	}
	res := parseCSV(t, "nik,nama\n\n")
	if res.TotalLines != 0 || len(res.Rows) != 0 || len(res.Problems) != 0 {
		t.Errorf("heading only: %+v", res)
	}
}

func TestTooManyRows(t *testing.T) {
	build := func(n int) string {
		var b strings.Builder
		b.WriteString("nik,nama\n")
		for i := range n {
			fmt.Fprintf(&b, "32730115089%05d,Budi\n", i+1)
			if i%100 == 0 {
				b.WriteString(",\n\n") // blank rows do not count
			}
		}
		return b.String()
	}
	res, err := Parse(strings.NewReader(build(MaxRows)), CSV, now, i18n.Indonesian)
	if err != nil || res.TotalLines != MaxRows || len(res.Rows) != MaxRows {
		t.Fatalf("MaxRows rows: total %d rows %d err %v", res.TotalLines, len(res.Rows), err)
	}
	_, err = Parse(strings.NewReader(build(MaxRows+1)), CSV, now, i18n.Indonesian)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Code != CodeTooManyRows {
		t.Fatalf("err = %v", err)
	}
	if m := fe.Message(i18n.Indonesian); !strings.Contains(m, "lebih dari 5000 baris") {
		t.Errorf("message = %q", m)
	}
}

func TestUnsupportedFormatAndGarbage(t *testing.T) {
	_, err := Parse(strings.NewReader("x"), Format("pdf"), now, i18n.Indonesian)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Code != CodeUnsupportedFormat {
		t.Errorf("err = %v", err)
	}
	_, err = Parse(strings.NewReader("PK\x03\x04garbage"), XLSX, now, i18n.Indonesian)
	if !errors.As(err, &fe) || fe.Code != CodeUnreadable || fe.Err == nil {
		t.Errorf("err = %v", err)
	}
	_, err = Parse(bytes.NewReader(append(append([]byte{}, oleMagic...), 0, 0)), XLSX, now, i18n.Indonesian)
	if !errors.As(err, &fe) || fe.Code != CodeLegacyXLS {
		t.Errorf("err = %v", err)
	}
}

func TestDetectFormat(t *testing.T) {
	xlsxHead := []byte("PK\x03\x04\x14\x00\x06\x00")
	tests := []struct {
		ct      string
		head    []byte
		want    Format
		wantErr string
	}{
		{"", xlsxHead, XLSX, ""},
		{xlsxType, xlsxHead, XLSX, ""},
		{"application/octet-stream", xlsxHead, XLSX, ""},
		{"text/csv", xlsxHead, XLSX, ""}, // bytes win
		{xlsxType, nil, XLSX, ""},
		{"text/csv", nil, CSV, ""},
		{"text/csv; charset=utf-8", []byte("nik,nama\n"), CSV, ""},
		{"application/vnd.ms-excel", []byte("nik;nama\r\n"), CSV, ""},
		{"", []byte("\xEF\xBB\xBFnik;nama\r\n"), CSV, ""},
		{"", []byte("\xFF\xFEn\x00i\x00k\x00"), CSV, ""},
		{"application/octet-stream", []byte("NIK,Nama\n3273"), CSV, ""},
		{"TEXT/PLAIN", []byte("nik,nama"), CSV, ""},
		{"", oleMagic, "", CodeLegacyXLS},
		{"application/vnd.ms-excel", oleMagic, "", CodeLegacyXLS},
		{"", nil, "", CodeUnsupportedFormat},
		{"application/pdf", nil, "", CodeUnsupportedFormat},
		{"application/pdf", []byte("%PDF-1.7\n"), "", CodeUnsupportedFormat},
		{"", []byte("%PDF-1.7\n"), "", CodeUnsupportedFormat},
		{"image/png", []byte("\x89PNG\r\n\x1a\n"), "", CodeUnsupportedFormat},
		{"", []byte("\x00\x01\x02"), "", CodeUnsupportedFormat},
		{"text/html", []byte("<html>"), "", CodeUnsupportedFormat},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%q", tt.ct, tt.head), func(t *testing.T) {
			got, err := DetectFormat(tt.ct, tt.head)
			if tt.wantErr != "" {
				var fe *FileError
				if !errors.As(err, &fe) || fe.Code != tt.wantErr {
					t.Fatalf("err = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestMessagesInBothLanguages(t *testing.T) {
	for _, m := range messages {
		id := i18n.Text(i18n.Indonesian, m.Key, map[string]any{"Column": "X", "Aliases": "Y", "Max": 1, "Label": "NIK", "FirstLine": 2})
		en := i18n.Text(i18n.English, m.Key, map[string]any{"Column": "X", "Aliases": "Y", "Max": 1, "Label": "NIK", "FirstLine": 2})
		if id == m.Key || en == m.Key || id == "" || en == "" {
			t.Errorf("%s not registered: %q / %q", m.Key, id, en)
		}
		if strings.Contains(id, "<no value>") || strings.Contains(en, "<no value>") {
			t.Errorf("%s has an unfilled placeholder", m.Key)
		}
		if !strings.HasPrefix(m.Key, "import_") {
			t.Errorf("%s lacks the import_ prefix", m.Key)
		}
	}
	// English problem messages.
	res, err := Parse(strings.NewReader("nik,nama,email,hp,peran\n3.27301E+15,,x,1,boss\n"), CSV, now, i18n.English)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, 0, len(res.Problems))
	for _, p := range res.Problems {
		got = append(got, p.Message)
	}
	want := []string{
		"The NIK/NIP was stored as a number (for example 3.27301E+15), so its last digits were lost. Format the NIK/NIP column as Text, re-enter the numbers and upload again.",
		"The name is required.",
		"The email address is not valid.",
		"The phone number is not valid. Use an Indonesian mobile number such as 081234567890 or +6281234567890.",
		"The role must be admin, instructor or learner.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("messages:\n%s", strings.Join(got, "\n"))
	}
}

func TestProblemJSONShape(t *testing.T) {
	p := Problem{Line: 12, Field: "email", Code: CodeEmailInvalid, Message: "Email tidak valid."}
	b := string(mustJSON(t, p))
	if b != `{"row":12,"field":"email","code":"import_email_invalid","message":"Email tidak valid."}` {
		t.Fatalf("json = %s", b)
	}
}

func TestExpandScientific(t *testing.T) {
	tests := []struct {
		in, want string
		sci      bool
	}{
		{"3.27301E+15", "3273010000000000", true},
		{"3,27301E+15", "3273010000000000", true},
		{"1E+3", "1000", true},
		{"3.273011508950001E+15", "3273011508950001", true},
		{"1.5E+0", "", true},
		{"3273011508950001", "", false},
		{"E+15", "", false},
		{"3.2E", "", false},
		{"3.2E+1x", "", false},
		{"Eko", "", false},
		{"1.2.3E+4", "", false},
	}
	for _, tt := range tests {
		got, sci := expandScientific(tt.in)
		if got != tt.want || sci != tt.sci {
			t.Errorf("expandScientific(%q) = %q, %v; want %q, %v", tt.in, got, sci, tt.want, tt.sci)
		}
	}
}

func TestDetectFormatWholeBody(t *testing.T) {
	// Only the start is sniffed: a stray control character deep in a large
	// CSV does not make it "binary".
	body := []byte("nik,nama\n" + strings.Repeat(nik1+",Budi\n", 100) + "\x1a")
	if f, err := DetectFormat("text/csv", body); err != nil || f != CSV {
		t.Fatalf("DetectFormat = %q, %v", f, err)
	}
}
