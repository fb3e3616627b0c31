package quiz

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"lms/shared/ids"
	"lms/shared/spreadsheet"
)

var t0 = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

func f64(v float64) *float64 { return &v }

// everyType is a bank with a question of each type, with the texts that
// are hard to carry through a spreadsheet: formulas, separators, line
// breaks, backslashes, decimals, negative numbers, option ids not chosen
// by position.
func everyType() []Question {
	id := func(i int) string { return ids.New(t0.Add(time.Duration(i) * time.Second)) }
	base := func(i int, t Type, text string) Question {
		return Question{TenantID: "t1", CourseID: "c1", ID: id(i), Type: t, Text: text, Points: 1, Tags: []string{}, CreatedAt: t0, UpdatedAt: t0, Version: 1}
	}
	single := base(1, Single, "Warna helm pengawas?\n\n**Pilih satu.**")
	single.Tags = []string{"apd", "k3, tambang", `a\b;c`}
	single.Options = []Option{{ID: "x1", Text: "Putih"}, {ID: "x2", Text: "=Kuning"}, {ID: "x3", Text: "-Merah"}}
	single.Correct = []string{"x2"}
	single.Feedback = "Kuning untuk pengawas; putih untuk tamu."
	single.Image = &Image{UploadID: id(99), Alt: "Helm kuning di atas meja", Width: 640, Height: 360, Key: "derived/t1/u/w640.webp"}
	multiple := base(2, Multiple, "Termasuk APD?")
	multiple.Points = 2.5
	multiple.Options = []Option{{ID: "a", Text: "Helm"}, {ID: "b", Text: "Sepatu bot"}, {ID: "c", Text: "Ponsel"}, {ID: "d", Text: "Sarung tangan"}}
	multiple.Correct = []string{"a", "b", "d"}
	tf := base(3, TrueFalse, "Metana mudah meledak.")
	tf.Correct = []string{"false"}
	short := base(4, Short, "Singkatan alat pelindung diri?")
	short.Accepted = []string{"APD", "a|p|d", `C:\APD\`, "alat, pelindung; diri"}
	numeric := base(5, Numeric, "Suhu beku air dalam Fahrenheit dikurangi 64,5?")
	numeric.Value, numeric.Tolerance = f64(-32.5), 0.25
	matching := base(6, Matching, "Pasangkan.")
	matching.Pairs = []Pair{{ID: "p1", Left: "K3", Right: "Keselamatan => kesehatan"}, {ID: "q", Left: "a => b", Right: `x \ y`}, {ID: "p3", Left: "JP", Right: "45 menit"}}
	essay := base(7, Essay, "Jelaskan prosedur evakuasi.")
	essay.Points, essay.Feedback = 10, "Sebut titik kumpul."
	return []Question{single, multiple, tf, short, numeric, matching, essay}
}

func writeBank(t *testing.T, bank []Question, f spreadsheet.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := spreadsheet.Write(&buf, f, "Bank Soal", BankRows(bank)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readRows(t *testing.T, data []byte, f spreadsheet.Format) []ImportRow {
	t.Helper()
	rows, err := ReadBankFile(data, f)
	if err != nil {
		t.Fatalf("ReadBankFile: %v", err)
	}
	return rows
}

func counter() func() Question {
	n := 0
	return func() Question {
		n++
		return Question{TenantID: "t1", CourseID: "c1", ID: ids.New(t0.Add(time.Hour + time.Duration(n)*time.Second)), Tags: []string{}, CreatedAt: t0, UpdatedAt: t0, Version: 1}
	}
}

func outcomes(ps []Planned) string {
	var out []string
	for _, p := range ps {
		s := fmt.Sprintf("%d:%s", p.Line, p.Outcome)
		if p.Note != "" {
			s += "(" + p.Note + ")"
		}
		for _, pr := range p.Problems {
			s += "[" + pr.Field + ":" + pr.Code + "]"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// Every type goes out and back in, in both formats, and the second import
// changes nothing.
func TestBankRoundTrip(t *testing.T) {
	bank := everyType()
	for _, f := range []spreadsheet.Format{spreadsheet.CSV, spreadsheet.XLSX} {
		t.Run(string(f), func(t *testing.T) {
			rows := readRows(t, writeBank(t, bank, f), f)
			if len(rows) != len(bank) {
				t.Fatalf("%d rows", len(rows))
			}
			for i, r := range rows {
				if len(r.Problems) > 0 || r.ID != bank[i].ID || r.Line != i+2 {
					t.Fatalf("row %d: %+v", i, r)
				}
				if got, want := fingerprint(r.Question), fingerprint(bank[i]); got != want {
					t.Errorf("%s:\n got %q\nwant %q", bank[i].Type, got, want)
				}
			}
			plan := PlanImport(rows, bank, t0, counter())
			for _, p := range plan {
				if p.Outcome != Skipped || p.Note != "question_import_unchanged" || p.Question.Version != 1 {
					t.Fatalf("second import: %s", outcomes(plan))
				}
			}
		})
	}
}

// The texts that need escaping are read back exactly.
func TestBankRoundTripValues(t *testing.T) {
	bank := everyType()
	rows := readRows(t, writeBank(t, bank, spreadsheet.CSV), spreadsheet.CSV)
	q := rows[0].Question
	if !slices.Equal(q.Tags, bank[0].Tags) || q.Options[1].Text != "=Kuning" || q.Options[2].Text != "-Merah" || q.Correct[0] != "b" ||
		q.Image == nil || q.Image.UploadID != bank[0].Image.UploadID || q.Image.Alt != bank[0].Image.Alt || q.Text != bank[0].Text {
		t.Fatalf("single: %+v", q)
	}
	if q := rows[1].Question; q.Points != 2.5 || !slices.Equal(q.Correct, []string{"a", "b", "d"}) {
		t.Fatalf("multiple: %+v", q)
	}
	if q := rows[3].Question; !slices.Equal(q.Accepted, bank[3].Accepted) {
		t.Fatalf("short: %q", q.Accepted)
	}
	if q := rows[4].Question; *q.Value != -32.5 || q.Tolerance != 0.25 {
		t.Fatalf("numeric: %v %v", *q.Value, q.Tolerance)
	}
	q = rows[5].Question
	for i, p := range q.Pairs {
		if p.Left != bank[5].Pairs[i].Left || p.Right != bank[5].Pairs[i].Right {
			t.Fatalf("pairs: %+v", q.Pairs)
		}
	}
}

// Changing a row updates its question: options keep their ids where their
// text is, wherever they moved; the key follows.
func TestBankUpdateKeepsIDs(t *testing.T) {
	bank := everyType()
	data := writeBank(t, bank, spreadsheet.CSV)
	text := string(data)
	// Swap the single question's options B and C and fix the key to C.
	old := `Putih,'=Kuning,'-Merah,`
	if !strings.Contains(text, old) {
		t.Fatalf("layout changed: %s", text)
	}
	text = strings.Replace(text, old, `Putih,'-Merah,'=Kuning,Hijau`, 1)
	text = strings.Replace(text, ",B,,", ",C,,", 1)
	rows := readRows(t, []byte(text), spreadsheet.CSV)
	plan := PlanImport(rows, bank, t0.Add(time.Hour), counter())
	if got := outcomes(plan); !strings.HasPrefix(got, "2:updated 3:skipped") {
		t.Fatalf("plan: %s", got)
	}
	q := plan[0].Question
	want := []Option{{ID: "x1", Text: "Putih"}, {ID: "x3", Text: "-Merah"}, {ID: "x2", Text: "=Kuning"}, {ID: "d", Text: "Hijau"}}
	if !slices.Equal(q.Options, want) || !slices.Equal(q.Correct, []string{"x2"}) || q.Version != 2 || !q.UpdatedAt.Equal(t0.Add(time.Hour)) ||
		q.ID != bank[0].ID || !q.CreatedAt.Equal(t0) || q.Image.Key != bank[0].Image.Key {
		t.Fatalf("updated: %+v", q)
	}
}

// A file of new questions (no id column at all, Indonesian type names,
// semicolons and decimal commas as Excel writes them in Indonesia) creates
// them once: importing it again creates nothing.
func TestBankNewQuestionsOnce(t *testing.T) {
	file := "Jenis;Soal;Bobot;Kunci;Toleransi;Pilihan A;Pilihan B;Pilihan C;Tag\n" +
		"pilihan ganda;Ibu kota Jawa Barat?;1,5;b;;Semarang;Bandung;Surabaya;geografi\n" +
		"Benar Salah;Bumi bulat.;;benar;;;;;\n" +
		"isian;Singkatan JP?;2;jam pelajaran | jampel;;;;;\n" +
		"angka;Berapa menit 1 JP?;1;45;0;;;;\n" +
		"menjodohkan;Pasangkan.;2;;;K3 => Keselamatan;JP=>Jam pelajaran;;\n" +
		"uraian;Jelaskan.;5;;;;;;\n" +
		"Benar Salah;Bumi bulat.;;benar;;;;;\n"
	rows := readRows(t, []byte(file), spreadsheet.CSV)
	plan := PlanImport(rows, nil, t0, counter())
	want := "2:created 3:created 4:created 5:created 6:created 7:created 8:skipped(question_import_same_row)"
	if got := outcomes(plan); got != want {
		t.Fatalf("plan:\n got %s\nwant %s", got, want)
	}
	q := plan[0].Question
	if q.Type != Single || q.Points != 1.5 || !slices.Equal(q.Correct, []string{"b"}) || q.Options[1] != (Option{ID: "b", Text: "Bandung"}) ||
		!slices.Equal(q.Tags, []string{"geografi"}) || q.Version != 1 || q.TenantID != "t1" {
		t.Fatalf("single: %+v", q)
	}
	if q := plan[1].Question; q.Points != 1 || !slices.Equal(q.Correct, []string{"true"}) {
		t.Fatalf("truefalse: %+v", q)
	}
	if q := plan[2].Question; !slices.Equal(q.Accepted, []string{"jam pelajaran", "jampel"}) {
		t.Fatalf("short: %+v", q)
	}
	if q := plan[4].Question; len(q.Pairs) != 2 || q.Pairs[1] != (Pair{ID: "p2", Left: "JP", Right: "Jam pelajaran"}) {
		t.Fatalf("matching: %+v", q.Pairs)
	}
	var bank []Question
	for _, p := range plan {
		if p.Outcome == Created {
			bank = append(bank, p.Question)
		}
	}
	again := PlanImport(readRows(t, []byte(file), spreadsheet.CSV), bank, t0, counter())
	for _, p := range again {
		if p.Outcome != Skipped {
			t.Fatalf("again: %s", outcomes(again))
		}
	}
	// A file of another course: ids this bank lacks are new questions,
	// once.
	other := everyType()
	rows = readRows(t, writeBank(t, other, spreadsheet.XLSX), spreadsheet.XLSX)
	plan = PlanImport(rows, bank, t0, counter())
	for _, p := range plan {
		if p.Outcome != Created || p.Note != "question_import_new_id" || p.Question.ID == other[0].ID {
			t.Fatalf("other course: %s", outcomes(plan))
		}
		bank = append(bank, p.Question)
	}
	if plan = PlanImport(rows, bank, t0, counter()); !strings.Contains(outcomes(plan), "2:skipped(question_import_exists)") {
		t.Fatalf("other course again: %s", outcomes(plan))
	}
}

// Each bad row is reported with what is wrong, by column; the good rows
// around it are planned.
func TestBankBadRows(t *testing.T) {
	good := ids.New(t0)
	file := "Type,Question,Points,Key,Tolerance,Option A,Option B,Option C,Image,Alt,Tags,ID\n" +
		"single,Ok?,1,A,,ya,tidak,,,,,\n" + // 2 fine
		"pilihan,Jenis salah?,1,A,,ya,tidak,,,,,\n" + // 3 unknown type
		"single,Bobot?,abc,A,,ya,tidak,,,,,\n" + // 4 points
		"single,Kunci?,1,D,,ya,tidak,,,,,\n" + // 5 key names an empty column
		"single,Celah?,1,A,,ya,,tidak,,,,\n" + // 6 gap between options
		"truefalse,Mungkin?,1,mungkin,,,,,,,,\n" + // 7 truefalse key
		"matching,Pasangan?,1,,,a => b,c - d,,,,,\n" + // 8 pair without =>
		"essay,Esai?,1,A,,,,,,,,\n" + // 9 key on an essay
		"essay,Gambar?,1" + strings.Repeat(",", 6) + good + ",,,\n" + // 10 no alt
		"essay,Alt?,1,,,,,,,Foto,,\n" + // 11 alt without image
		"essay,ID?,1,,,,,,,,,bukan-id\n" + // 12 invalid id
		"numeric,Angka?,1,dua,x,,,,,,,\n" + // 13 value and tolerance
		"single,Satu kunci?,1,\"A, B\",,ya,tidak,,,,,\n" + // 14 single with two keys (Check)
		"short,Kosong?,1,,,,,,,,,\n" + // 15 no accepted answers (Check)
		"essay,Tag?,1" + strings.Repeat(",", 8) + "\"t1,t2,t3,t4,t5,t6,t7,t8,t9,t10,t11\",\n" + // 16 too many tags
		"single,Ulang?,1,\"A,A\",,ya,tidak,,,,,\n" + // 17 a letter twice
		"essay,Id ganda,1,,,,,,,,," + good + "\n" + // 18 fine, an unknown id
		"essay,Id ganda lagi,1,,,,,,,,," + good + "\n" // 19 same id again
	rows := readRows(t, []byte(file), spreadsheet.CSV)
	plan := PlanImport(rows, nil, t0, counter())
	want := []string{
		"2:created",
		"3:error[type:question_type]",
		"4:error[points:question_import_number]",
		"5:error[key:question_import_key_letters]",
		"6:error[A:question_import_option_gap]",
		"7:error[key:question_import_truefalse_key]",
		"8:error[B:question_import_pair]",
		"9:error[key:question_import_cell_unused]",
		"10:error[alt:question_image_alt]",
		"11:error[image:question_import_alt_without_image]",
		"12:error[id:question_import_id_invalid]",
		"13:error[key:question_import_number][tolerance:question_import_number]",
		"14:error[key:question_correct]",
		"15:error[key:question_accepted]",
		"16:error[tags:course_too_many_tags]",
		"17:error[key:question_import_key_letters]",
		"18:created(question_import_new_id)",
		"19:error[id:question_import_id_repeated]",
	}
	if got := outcomes(plan); got != strings.Join(want, " ") {
		t.Fatalf("plan:\n got %s\nwant %s", strings.ReplaceAll(got, " ", "\n"), strings.Join(want, "\n"))
	}
	if plan[len(plan)-1].Problems[0].Data["Line"] != 18 {
		t.Fatalf("repeated id: %+v", plan[len(plan)-1].Problems)
	}
}

func TestBankFileErrors(t *testing.T) {
	for name, tt := range map[string]struct {
		file, code string
	}{
		"empty":        {"\n\n", "question_import_empty"},
		"no type":      {"Soal,Bobot\nApa?,1\n", "question_import_missing_column"},
		"no question":  {"Jenis,Bobot\nessay,1\n", "question_import_missing_column"},
		"too many":     {"Jenis,Soal\n" + strings.Repeat("essay,Apa kabar?\n", MaxImportRows+1), "question_import_too_many_rows"},
		"not xlsx":     {"PK\x03\x04rusak", "question_import_unreadable"},
		"old xls file": {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "question_import_legacy_xls"},
	} {
		t.Run(name, func(t *testing.T) {
			f := spreadsheet.CSV
			if strings.HasPrefix(tt.file, "PK") || strings.HasPrefix(tt.file, "\xD0") {
				f = spreadsheet.XLSX
			}
			_, err := ReadBankFile([]byte(tt.file), f)
			var fe *FileError
			if !errors.As(err, &fe) || fe.Code != tt.code {
				t.Fatalf("err = %v, want %s", err, tt.code)
			}
		})
	}
	_, err := ReadBankFile([]byte("Soal\nApa?\n"), spreadsheet.CSV)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Data["Column"] != "Jenis" || !strings.Contains(fe.Data["Aliases"].(string), "type") {
		t.Fatalf("missing column data: %+v", fe)
	}
	if rows := readRows(t, []byte("Jenis,Soal\n"), spreadsheet.CSV); len(rows) != 0 {
		t.Fatalf("heading only: %+v", rows)
	}
	if rows := readRows(t, []byte(strings.Repeat("Jenis,Soal\n", 1)+strings.Repeat("essay,Apa kabar?\n", MaxImportRows)), spreadsheet.CSV); len(rows) != MaxImportRows {
		t.Fatalf("%d rows", len(rows))
	}
}

// New questions past the bank's limit are refused, the others stored.
func TestBankFull(t *testing.T) {
	bank := make([]Question, maxBank-1)
	for i := range bank {
		bank[i] = Question{ID: ids.New(t0.Add(time.Duration(i) * time.Millisecond)), Type: Essay, Text: fmt.Sprintf("Soal %d", i), Points: 1}
	}
	rows := readRows(t, []byte("Jenis,Soal\nessay,Baru satu\nessay,Baru dua\n"), spreadsheet.CSV)
	if got := outcomes(PlanImport(rows, bank, t0, counter())); got != "2:created 3:error[id:question_import_bank_full]" {
		t.Fatalf("plan: %s", got)
	}
}

func TestSplitEscaped(t *testing.T) {
	tests := []struct {
		in   string
		seps []string
		n    int
		want []string
	}{
		{"a | b|c", []string{"|"}, 0, []string{"a ", " b", "c"}},
		{`a\|b|c`, []string{"|"}, 0, []string{"a|b", "c"}},
		{`C:\Windows|x\\|y`, []string{"|"}, 0, []string{`C:\Windows`, `x\`, "y"}},
		{"a => b => c", []string{"=>"}, 2, []string{"a ", " b => c"}},
		{`a \=> b => c`, []string{"=>"}, 2, []string{"a => b ", " c"}},
		{"x, y; z", []string{",", ";"}, 0, []string{"x", " y", " z"}},
		{`trailing\`, []string{"|"}, 0, []string{`trailing\`}},
	}
	for _, tt := range tests {
		if got := splitEscaped(tt.in, tt.seps, tt.n); !slices.Equal(got, tt.want) {
			t.Errorf("splitEscaped(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, s := range []string{`a\b`, "a|b", "a => b", `\\|`, "x,y;z"} {
		for _, r := range []struct {
			esc  interface{ Replace(string) string }
			seps []string
		}{{escapeAnswer, []string{"|"}}, {escapeTag, []string{",", ";"}}} {
			if got := splitEscaped(r.esc.Replace(s), r.seps, 0); len(got) != 1 || got[0] != s {
				t.Errorf("escaped %q reads back as %q", s, got)
			}
		}
		if got := splitEscaped(escapePair.Replace(s)+" => "+escapePair.Replace(s), []string{"=>"}, 2); len(got) != 2 ||
			strings.TrimSpace(got[0]) != s || strings.TrimSpace(got[1]) != s {
			t.Errorf("pair %q reads back as %q", s, got)
		}
	}
}

func TestNumbersAndHeadings(t *testing.T) {
	for in, want := range map[string]float64{"2": 2, "2.5": 2.5, "2,5": 2.5, " -1,25 ": -1.25, "1e3": 1000} {
		if got, ok := parseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "1.000,5", "dua", "NaN", "Inf", "1,000,000"} {
		if _, ok := parseNumber(in); ok {
			t.Errorf("parseNumber(%q) accepted", in)
		}
	}
	for h, key := range map[string]string{"Bobot (poin)": colPoints, "KUNCI JAWABAN*": colKey, "Option c": "C", "pilihan_l": "L", "Teks Alternatif Gambar": colAlt, "id": colID} {
		if got := headingKeys[normHeading(h)]; got != key {
			t.Errorf("heading %q = %q, want %q", h, got, key)
		}
	}
	if ColumnHeading(colKey) != "Kunci" || ColumnHeading("B") != "Pilihan B" {
		t.Fatal("column headings")
	}
	for in, want := range map[string]int{"a": 0, " C ": 2, "l": 11, "1": 0, "12": 11, "M": -1, "13": -1, "0": -1, "AB": -1} {
		if got := letterIndex(in); got != want {
			t.Errorf("letterIndex(%q) = %d, want %d", in, got, want)
		}
	}
}

// A key may name options by number; a matching row keeps its pairs' ids
// by their left item when it changes.
func TestKeyNumbersAndPairIDs(t *testing.T) {
	rows := readRows(t, []byte("Jenis,Soal,Kunci,Pilihan A,Pilihan B,Pilihan C\nmultiple,Mana yang benar?,\"1, 3\",x,y,z\n"), spreadsheet.CSV)
	if len(rows[0].Problems) > 0 || !slices.Equal(rows[0].Question.Correct, []string{"a", "c"}) {
		t.Fatalf("key by numbers: %+v", rows[0])
	}
	bank := everyType()
	m := bank[5] // pairs p1 (K3), q (a => b), p3 (JP)
	file := "ID,Jenis,Soal,Pilihan A,Pilihan B,Pilihan C\n" + m.ID + ",matching,Pasangkan.,JP => 45 menit,Baru => sekali,K3 => Keselamatan\n"
	plan := PlanImport(readRows(t, []byte(file), spreadsheet.CSV), bank, t0, counter())
	want := []Pair{{ID: "p3", Left: "JP", Right: "45 menit"}, {ID: "p2", Left: "Baru", Right: "sekali"}, {ID: "p1", Left: "K3", Right: "Keselamatan"}}
	if plan[0].Outcome != Updated || !slices.Equal(plan[0].Question.Pairs, want) {
		t.Fatalf("pairs: %s %+v", outcomes(plan), plan[0].Question.Pairs)
	}
}

// A learner's view carries the image without its upload id.
func TestPublicImage(t *testing.T) {
	q := everyType()[0]
	q.Image.URL = "https://cdn/x"
	p := PublicView(q, nil)
	if p.Image == nil || p.Image.UploadID != "" || p.Image.URL != "https://cdn/x" || p.Image.Alt == "" || p.Image.Width != 640 {
		t.Fatalf("public image: %+v", p.Image)
	}
	if PublicView(everyType()[2], nil).Image != nil {
		t.Fatal("an image from nowhere")
	}
	q.Image.Alt = "  "
	if !slices.ContainsFunc(q.Check(), func(p Problem) bool { return p.Code == "question_image_alt" }) {
		t.Fatal("an image without alt text passes")
	}
}

// Whatever a file holds, reading it does not panic, and every question
// read without a problem goes out and back in saying the same.
func FuzzBankFile(f *testing.F) {
	var seed bytes.Buffer
	if err := spreadsheet.Write(&seed, spreadsheet.CSV, "", BankRows(everyType())); err != nil {
		f.Fatal(err)
	}
	f.Add(seed.Bytes())
	f.Add([]byte("Jenis;Soal;Kunci;Pilihan A;Pilihan B\nsingle;Apa?;B;x;y\nshort;Apa?;a \\| b | c;;\nmatching;P;;a \\=> b => c;d=>e\n"))
	f.Add([]byte("Type,Question,Tags\nessay,\"'=1+1\",\"a\\,b;c\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadBankFile(data, spreadsheet.CSV)
		if err != nil {
			return
		}
		for _, r := range rows {
			if len(r.Problems) > 0 {
				continue
			}
			var buf bytes.Buffer
			if err := spreadsheet.Write(&buf, spreadsheet.CSV, "", BankRows([]Question{r.Question})); err != nil {
				t.Fatal(err)
			}
			back, err := ReadBankFile(buf.Bytes(), spreadsheet.CSV)
			if err != nil || len(back) != 1 || len(back[0].Problems) > 0 {
				t.Fatalf("row %d %+v does not read back: %v %+v", r.Line, r.Question, err, back)
			}
			if a, b := fingerprint(r.Question), fingerprint(back[0].Question); a != b {
				t.Fatalf("row %d reads back differently:\n%q\n%q", r.Line, a, b)
			}
		}
	})
}
