package quiz

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"lms/shared/ids"
	"lms/shared/spreadsheet"
)

// A question bank as a spreadsheet: one row per question under a heading
// row. The columns, in the order an export writes them (an import finds
// them by heading, in any order, Indonesian or English; other columns are
// ignored):
//
//	ID          the question's id; empty for a new question
//	Jenis       single, multiple, truefalse, short, numeric, matching, essay
//	            (or pilihan tunggal, pilihan ganda, benar salah, isian,
//	            angka, menjodohkan, esai)
//	Soal        the question, Markdown (line breaks kept)
//	Bobot       points; empty: 1
//	Tag         tags separated by commas
//	Umpan Balik feedback shown with the answer
//	Kunci       the answer key: single and multiple, the letters of the
//	            correct option columns ("B", "A, C"); truefalse, benar or
//	            salah; short, the accepted answers separated by "|";
//	            numeric, the value
//	Toleransi   numeric: how far an answer may be from the value (empty: 0)
//	Pilihan A..L  single and multiple: the options (2-10), one a column;
//	            matching: the pairs (2-12), "left => right"
//	Gambar      the id of an image uploaded for this course (purpose question)
//	Teks Alternatif Gambar  the image's alt text (required with an image)
//
// In short answers, pairs and tags a backslash makes the next "|", "=",
// ",", ";" or "\" plain text ("\|", "\=>", "\,", "\\"); any other
// backslash is text. An export writes exactly what an import reads back.

// Column keys.
const (
	colID        = "id"
	colType      = "type"
	colText      = "text"
	colPoints    = "points"
	colTags      = "tags"
	colFeedback  = "feedback"
	colKey       = "key"
	colTolerance = "tolerance"
	colImage     = "image"
	colAlt       = "alt"
)

// OptionColumns is how many option (or pair) columns a file has.
const OptionColumns = 12

// optionKey is the key of the i-th option column ("A", "B", ...).
func optionKey(i int) string { return string(rune('A' + i)) }

type column struct {
	key, heading, english string
	aliases               []string
}

// layout is the columns in export order.
var layout = func() []column {
	cols := []column{
		{colID, "ID", "ID", []string{"id", "id soal", "question id"}},
		{colType, "Jenis", "Type", []string{"jenis", "jenis soal", "tipe", "tipe soal", "type", "question type"}},
		{colText, "Soal", "Question", []string{"soal", "pertanyaan", "teks soal", "butir soal", "text", "question", "question text"}},
		{colPoints, "Bobot", "Points", []string{"bobot", "bobot nilai", "poin", "skor", "points", "score"}},
		{colTags, "Tag", "Tags", []string{"tag", "tags", "label"}},
		{colFeedback, "Umpan Balik", "Feedback", []string{"umpan balik", "pembahasan", "feedback"}},
		{colKey, "Kunci", "Key", []string{"kunci", "kunci jawaban", "jawaban benar", "key", "answer key", "correct", "answer"}},
		{colTolerance, "Toleransi", "Tolerance", []string{"toleransi", "tolerance"}},
	}
	for i := range OptionColumns {
		l := optionKey(i)
		cols = append(cols, column{l, "Pilihan " + l, "Option " + l,
			[]string{"pilihan " + l, "opsi " + l, "jawaban " + l, "option " + l, l}})
	}
	return append(cols,
		column{colImage, "Gambar", "Image", []string{"gambar", "id gambar", "image", "image id"}},
		column{colAlt, "Teks Alternatif Gambar", "Image Alt Text", []string{"teks alternatif gambar", "teks alternatif", "alt gambar", "alt", "alt text", "image alt", "image alt text"}})
}()

var headingKeys = func() map[string]string {
	m := map[string]string{}
	for _, c := range layout {
		for _, a := range c.aliases {
			m[normHeading(a)] = c.key
		}
	}
	return m
}()

// normHeading lower-cases s and keeps only its letters and digits, after
// dropping any parenthesised part: "Bobot (poin)", "bobot" and "BOBOT*"
// are the same heading.
func normHeading(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// typeAliases maps what the type column may say to a type.
var typeAliases = map[string]Type{}

func init() {
	for t, names := range map[Type][]string{
		Single:    {"single", "pilihan tunggal", "pilihan ganda", "pg"},
		Multiple:  {"multiple", "pilihan ganda kompleks", "pilihan majemuk", "multiple choice", "pg kompleks"},
		TrueFalse: {"truefalse", "true false", "benar salah", "benar/salah", "b/s"},
		Short:     {"short", "isian", "isian singkat", "jawaban singkat", "short answer"},
		Numeric:   {"numeric", "angka", "numerik", "number"},
		Matching:  {"matching", "menjodohkan", "pasangan", "jodohkan"},
		Essay:     {"essay", "esai", "esei", "uraian"},
	} {
		for _, n := range names {
			typeAliases[normHeading(n)] = t
		}
	}
}

// ---------------------------------------------------------------- export

// BankRows lays questions out as a file's rows, the heading first: the
// cells spreadsheet.Write takes (text, and numbers as float64).
func BankRows(bank []Question) [][]any {
	head := make([]any, len(layout))
	for i, c := range layout {
		head[i] = c.heading
	}
	rows := [][]any{head}
	for _, q := range bank {
		rows = append(rows, questionRow(q))
	}
	return rows
}

// questionRow is q's row: every cell, in layout order.
func questionRow(q Question) []any {
	cells := map[string]any{
		colID: q.ID, colType: string(q.Type), colText: q.Text, colPoints: q.Points,
		colTags: joinTags(q.Tags), colFeedback: q.Feedback,
	}
	switch q.Type {
	case Single, Multiple:
		var letters []string
		for i, o := range q.Options {
			cells[optionKey(i)] = o.Text
			for _, c := range q.Correct {
				if c == o.ID {
					letters = append(letters, optionKey(i))
					break
				}
			}
		}
		cells[colKey] = strings.Join(letters, ", ")
	case TrueFalse:
		if len(q.Correct) == 1 && q.Correct[0] == "true" {
			cells[colKey] = "benar"
		} else {
			cells[colKey] = "salah"
		}
	case Short:
		parts := make([]string, len(q.Accepted))
		for i, a := range q.Accepted {
			parts[i] = escapeAnswer.Replace(a)
		}
		cells[colKey] = strings.Join(parts, " | ")
	case Numeric:
		if q.Value != nil {
			cells[colKey] = *q.Value
		}
		cells[colTolerance] = q.Tolerance
	case Matching:
		for i, p := range q.Pairs {
			cells[optionKey(i)] = escapePair.Replace(p.Left) + " => " + escapePair.Replace(p.Right)
		}
	}
	if q.Image != nil {
		cells[colImage], cells[colAlt] = q.Image.UploadID, q.Image.Alt
	}
	row := make([]any, len(layout))
	for i, c := range layout {
		if v, ok := cells[c.key]; ok {
			row[i] = v
		} else {
			row[i] = ""
		}
	}
	return row
}

// A backslash makes the next "\", "|", "=", "," or ";" plain text in the
// cells an import splits (short answers, pairs, tags); any other backslash
// is text. Escaping writes what splitting reads back.
var (
	escapeAnswer = strings.NewReplacer(`\`, `\\`, `|`, `\|`)
	escapePair   = strings.NewReplacer(`\`, `\\`, `=>`, `\=>`)
	escapeTag    = strings.NewReplacer(`\`, `\\`, `,`, `\,`, `;`, `\;`)
)

// splitEscaped splits s at each unescaped separator (any of seps; at most
// n parts when n > 0) and unescapes the parts.
func splitEscaped(s string, seps []string, n int) []string {
	var parts []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`\|=,;`, s[i+1]) >= 0 {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		sep := ""
		if n <= 0 || len(parts) < n-1 {
			for _, x := range seps {
				if strings.HasPrefix(s[i:], x) {
					sep = x
					break
				}
			}
		}
		if sep == "" {
			b.WriteByte(s[i])
			continue
		}
		parts = append(parts, b.String())
		b.Reset()
		i += len(sep) - 1
	}
	return append(parts, b.String())
}

// ---------------------------------------------------------------- import

// RowProblem is one thing wrong with a row: the column (its key: "id",
// "type", ..., "A" for an option column) or a question field, and a
// message key with its data.
type RowProblem struct {
	Field string
	Code  string
	Data  map[string]any
}

// ImportRow is one data row of a bank file as read.
type ImportRow struct {
	Line int
	// ID is the id column (a valid id, or "").
	ID string
	// Question is what the row describes: options and pairs with ids by
	// position (a, b, ... and p1, p2, ...), Image with its upload id and
	// alt text only. Meaningless when Problems is not empty.
	Question Question
	Problems []RowProblem
}

// FileError is a bank file that cannot be imported at all. Code is a
// message key; Data its template data.
type FileError struct {
	Code string
	Data map[string]any
}

func (e *FileError) Error() string { return "quiz: bank file: " + e.Code }

// MaxImportRows bounds the data rows of one bank file.
const MaxImportRows = 1000

// ReadBankFile reads a bank file's rows. The error is a *FileError.
func ReadBankFile(data []byte, f spreadsheet.Format) ([]ImportRow, error) {
	t, err := spreadsheet.Read(data, f, MaxImportRows)
	if err != nil {
		return nil, fileError(err)
	}
	defer t.Close()
	return ParseBankTable(t, f)
}

func fileError(err error) error {
	var many *spreadsheet.TooManyRowsError
	switch {
	case errors.As(err, &many):
		return &FileError{Code: "question_import_too_many_rows", Data: map[string]any{"Max": many.Max}}
	case errors.Is(err, spreadsheet.ErrLegacyXLS):
		return &FileError{Code: "question_import_legacy_xls"}
	case errors.Is(err, spreadsheet.ErrNoSheet):
		return &FileError{Code: "question_import_empty"}
	}
	return &FileError{Code: "question_import_unreadable"}
}

// ParseBankTable reads a table's heading and data rows. The error is a
// *FileError: an empty table, or a heading without the type or question
// column.
func ParseBankTable(t spreadsheet.Table, f spreadsheet.Format) ([]ImportRow, error) {
	if len(t.Records) == 0 {
		return nil, &FileError{Code: "question_import_empty"}
	}
	cols := map[string]int{}
	for i, h := range t.Records[0].Cells {
		if key, ok := headingKeys[normHeading(h)]; ok {
			if _, taken := cols[key]; !taken {
				cols[key] = i
			}
		}
	}
	for _, need := range []string{colType, colText} {
		if _, ok := cols[need]; !ok {
			c := columnOf(need)
			return nil, &FileError{Code: "question_import_missing_column", Data: map[string]any{"Column": c.heading, "Aliases": strings.Join(c.aliases, ", ")}}
		}
	}
	rows := make([]ImportRow, 0, len(t.Records)-1)
	for _, rec := range t.Records[1:] {
		cell := func(key string) string {
			i, ok := cols[key]
			if !ok || i >= len(rec.Cells) {
				return ""
			}
			v := rec.Cells[i]
			if f == spreadsheet.CSV {
				v = spreadsheet.Unescape(v)
			}
			return strings.TrimSpace(v)
		}
		rows = append(rows, parseRow(rec.Line, cell))
	}
	return rows, nil
}

func columnOf(key string) column {
	for _, c := range layout {
		if c.key == key {
			return c
		}
	}
	return column{key: key, heading: key}
}

// parseRow reads one data row (cell gives a column's trimmed text).
func parseRow(line int, cell func(key string) string) ImportRow {
	row := ImportRow{Line: line, Question: Question{Tags: []string{}}}
	q := &row.Question
	add := func(field, code string, data map[string]any) {
		row.Problems = append(row.Problems, RowProblem{Field: field, Code: code, Data: data})
	}
	if id := cell(colID); id != "" {
		if ids.Valid(id) {
			row.ID = id
		} else {
			add(colID, "question_import_id_invalid", nil)
		}
	}
	t, ok := typeAliases[normHeading(cell(colType))]
	if !ok {
		add(colType, "question_type", nil)
	}
	q.Type = t
	q.Text = cell(colText)
	q.Points = 1
	if p := cell(colPoints); p != "" {
		v, ok := parseNumber(p)
		if !ok {
			add(colPoints, "question_import_number", map[string]any{"Column": columnOf(colPoints).heading})
		}
		q.Points = v
	}
	q.Tags = splitTags(cell(colTags), add)
	q.Feedback = cell(colFeedback)
	if utf8.RuneCountInString(q.Feedback) > 5000 {
		add(colFeedback, "field_too_long", map[string]any{"Max": 5000})
	}
	key := cell(colKey)
	var options []string // option cells by column, "" for empty ones
	last := -1
	for i := range OptionColumns {
		v := cell(optionKey(i))
		options = append(options, v)
		if v != "" {
			last = i
		}
	}
	options = options[:last+1]
	unused := func(keys ...string) {
		for _, k := range keys {
			if cell(k) != "" {
				add(k, "question_import_cell_unused", map[string]any{"Column": columnOf(k).heading, "Type": string(t)})
			}
		}
	}
	unusedOptions := func() {
		if len(options) > 0 {
			add(optionKey(0), "question_import_cell_unused", map[string]any{"Column": "Pilihan A-L", "Type": string(t)})
		}
	}
	switch t {
	case Single, Multiple:
		unused(colTolerance)
		letters := map[int]bool{}
		for i, v := range options {
			if v != "" {
				q.Options = append(q.Options, Option{ID: strings.ToLower(optionKey(i)), Text: v})
			}
		}
		for _, part := range strings.FieldsFunc(key, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '|' }) {
			i := letterIndex(part)
			if i < 0 || i >= len(options) || options[i] == "" || letters[i] {
				add(colKey, "question_import_key_letters", nil)
				break
			}
			letters[i] = true
			q.Correct = append(q.Correct, strings.ToLower(optionKey(i)))
		}
		if len(q.Options) > 0 && len(options) > len(q.Options) {
			// A gap between options would shift the letters a key names.
			add(optionKey(0), "question_import_option_gap", nil)
		}
	case TrueFalse:
		unused(colTolerance)
		unusedOptions()
		switch strings.ToLower(key) {
		case "benar", "true", "b", "betul":
			q.Correct = []string{"true"}
		case "salah", "false", "s":
			q.Correct = []string{"false"}
		default:
			add(colKey, "question_import_truefalse_key", nil)
		}
	case Short:
		unused(colTolerance)
		unusedOptions()
		if key != "" {
			for _, a := range splitEscaped(key, []string{"|"}, 0) {
				q.Accepted = append(q.Accepted, strings.TrimSpace(a))
			}
		}
	case Numeric:
		unusedOptions()
		if key != "" {
			v, ok := parseNumber(key)
			if !ok {
				add(colKey, "question_import_number", map[string]any{"Column": columnOf(colKey).heading})
			} else {
				q.Value = &v
			}
		}
		if tol := cell(colTolerance); tol != "" {
			v, ok := parseNumber(tol)
			if !ok {
				add(colTolerance, "question_import_number", map[string]any{"Column": columnOf(colTolerance).heading})
			}
			q.Tolerance = v
		}
	case Matching:
		unused(colKey, colTolerance)
		for i, v := range options {
			if v == "" {
				add(optionKey(i), "question_import_option_gap", nil)
				continue
			}
			parts := splitEscaped(v, []string{"=>"}, 2)
			if len(parts) != 2 {
				add(optionKey(i), "question_import_pair", map[string]any{"Column": "Pilihan " + optionKey(i)})
				continue
			}
			q.Pairs = append(q.Pairs, Pair{ID: "p" + strconv.Itoa(i+1), Left: strings.TrimSpace(parts[0]), Right: strings.TrimSpace(parts[1])})
		}
	case Essay:
		unused(colKey, colTolerance)
		unusedOptions()
	}
	if up, alt := cell(colImage), cell(colAlt); up != "" || alt != "" {
		switch {
		case up == "":
			add(colImage, "question_import_alt_without_image", nil)
		case !ids.Valid(up):
			add(colImage, "question_image_unknown", nil)
		default:
			q.Image = &Image{UploadID: up, Alt: alt}
		}
	}
	if ok && len(row.Problems) == 0 {
		for _, p := range q.Check() {
			add(problemColumn(p.Field), p.Code, nil)
		}
	}
	return row
}

// letterIndex reads an option letter (A-L, any case) or its number (1-12).
func letterIndex(s string) int {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) == 1 && s[0] >= 'A' && s[0] < 'A'+OptionColumns {
		return int(s[0] - 'A')
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= OptionColumns {
		return n - 1
	}
	return -1
}

// parseNumber reads a number as a spreadsheet writes it: "2", "2.5", or
// with a decimal comma ("2,5", Excel in the Indonesian locale); no
// thousands separators.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// Tag rules, as for a course's tags.
const (
	maxTags   = 10
	maxTagLen = 40
)

// splitTags reads a tags cell: separated by commas or semicolons, spaces
// collapsed, blank and repeated tags dropped.
func splitTags(s string, add func(field, code string, data map[string]any)) []string {
	out := []string{}
	for _, t := range splitEscaped(s, []string{",", ";"}, 0) {
		t = strings.Join(strings.Fields(t), " ")
		if t == "" || contains(out, t) {
			continue
		}
		if utf8.RuneCountInString(t) > maxTagLen {
			add(colTags, "field_too_long", map[string]any{"Max": maxTagLen})
		}
		out = append(out, t)
	}
	if len(out) > maxTags {
		add(colTags, "course_too_many_tags", nil)
	}
	return out
}

func joinTags(tags []string) string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = escapeTag.Replace(t)
	}
	return strings.Join(out, ", ")
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// BankGuide is the instructions sheet an XLSX export carries after the
// questions (an import reads the first sheet only), in Bahasa Indonesia.
func BankGuide() [][]any {
	return [][]any{
		{"Kolom", "Isi"},
		{"ID", "ID soal. Biarkan seperti hasil ekspor agar impor ulang mengubah soal yang sama; kosongkan untuk soal baru."},
		{"Jenis", "single (pilihan ganda, satu jawaban), multiple (beberapa jawaban), truefalse (benar/salah), short (isian singkat), numeric (angka), matching (menjodohkan), essay (uraian, dinilai widyaiswara)."},
		{"Soal", "Teks soal (3 sampai 10.000 karakter, boleh Markdown dan baris baru)."},
		{"Bobot", "Nilai soal, lebih dari 0 sampai 1000; kosong berarti 1. Desimal boleh memakai koma atau titik."},
		{"Tag", "Label untuk mengacak soal, dipisah koma (paling banyak 10)."},
		{"Umpan Balik", "Pembahasan yang ditampilkan bersama kunci jawaban."},
		{"Kunci", "single/multiple: huruf kolom pilihan yang benar (B atau A, C). truefalse: benar atau salah. short: jawaban yang diterima dipisah | (huruf besar/kecil dan spasi tidak dibedakan). numeric: angka jawaban."},
		{"Toleransi", "numeric: selisih yang masih dianggap benar (kosong berarti 0)."},
		{"Pilihan A sampai L", "single/multiple: satu pilihan per kolom, berurutan mulai A (2 sampai 10 pilihan). matching: satu pasangan per kolom, ditulis kiri => kanan (2 sampai 12 pasangan)."},
		{"Gambar", "ID unggahan gambar (PNG, JPEG atau WebP) untuk mata diklat ini; unggah lebih dulu lewat editor soal."},
		{"Teks Alternatif Gambar", "Wajib bila ada gambar: jelaskan isi gambar untuk peserta yang memakai pembaca layar."},
		{"Karakter khusus", `Pada Kunci (short), pasangan dan Tag, tulis \| untuk tanda | , \=> untuk => , \, untuk koma, \; untuk titik koma, dan \\ untuk garis miring terbalik.`},
	}
}
