package employee

import (
	"errors"
	"strings"
	"time"
	"unicode"

	"lms/shared/i18n"
	"lms/shared/idnumber"
	"lms/shared/spreadsheet"
)

// MaxImportRows is the most data rows one HR file or participant list may
// hold (a ministry of a few thousand employees fits in one file).
const MaxImportRows = 5000

// Fields of an HR export row, as Problem.Field names them.
const (
	FieldNIP      = "nip"
	FieldName     = "name"
	FieldUnit     = "unit"
	FieldPosition = "position"
	FieldRank     = "rank"
)

// headings maps folded column headings to fields; HR exports name their
// columns in many ways.
var headings = map[string]string{}

func init() {
	for field, names := range map[string][]string{
		FieldNIP:      {"nip", "nip baru", "nomor induk pegawai", "nip pegawai"},
		FieldName:     {"nama", "nama lengkap", "nama pegawai", "name", "full name"},
		FieldUnit:     {"unit", "unit kerja", "satuan kerja", "satker", "kode unit", "unit organisasi", "work unit"},
		FieldPosition: {"jabatan", "nama jabatan", "position"},
		FieldRank:     {"pangkat", "golongan", "pangkat/golongan", "pangkat golongan", "gol", "gol ruang", "rank"},
	} {
		for _, n := range names {
			headings[fold(n)] = field
		}
	}
	i18n.Register(messages...)
}

// fold keeps a heading's letters and digits, lower-cased.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// clean trims a cell (no-break spaces too) and a leading apostrophe that
// spreadsheet users type to keep digits as text.
func clean(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	s = strings.TrimPrefix(s, "'")
	return strings.Join(strings.Fields(s), " ")
}

// Row is one valid row of an HR export.
type Row struct {
	Line     int
	NIP      string
	Name     string
	Unit     string // the cell as written: a unit code or name
	Position string
	Rank     string
}

// Problem is one row's failure.
type Problem struct {
	Line    int    `json:"row"`
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Parsed is what a file held.
type Parsed struct {
	Rows       []Row
	Problems   []Problem
	TotalLines int
}

// FileError is a file that cannot be read at all.
type FileError struct {
	Code   string
	Column string
}

func (e *FileError) Error() string { return "employee: " + e.Code + " " + e.Column }

// Message explains the failure in lang.
func (e *FileError) Message(lang i18n.Lang) string {
	return i18n.Text(lang, e.Code, map[string]any{"Column": e.Column, "Max": MaxImportRows})
}

// Options say which columns a file must have.
type Options struct {
	// NIPOnly reads a participant list: only the NIP column is required
	// (a name, when present, is kept for the report).
	NIPOnly bool
}

// Parse reads an HR export (or, with NIPOnly, a participant list) and
// validates every row: NIP (18 digits, valid date parts), name and unit
// required, one row per NIP (a repeated NIP is reported on its second
// row). now is the reference for NIP date checks.
func Parse(data []byte, f spreadsheet.Format, now time.Time, lang i18n.Lang, opts Options) (Parsed, error) {
	t, err := spreadsheet.Read(data, f, MaxImportRows)
	if err != nil {
		var many *spreadsheet.TooManyRowsError
		switch {
		case errors.As(err, &many):
			return Parsed{}, &FileError{Code: "hr_import_too_many_rows"}
		case errors.Is(err, spreadsheet.ErrLegacyXLS):
			return Parsed{}, &FileError{Code: "hr_import_legacy_xls"}
		default:
			return Parsed{}, &FileError{Code: "hr_import_unreadable"}
		}
	}
	defer t.Close()
	if len(t.Records) == 0 {
		return Parsed{}, &FileError{Code: "hr_import_empty"}
	}
	cols := map[string]int{}
	for i, cell := range t.Records[0].Cells {
		if field, ok := headings[fold(cell)]; ok {
			if _, seen := cols[field]; !seen {
				cols[field] = i
			}
		}
	}
	required := []string{FieldNIP, FieldName, FieldUnit}
	if opts.NIPOnly {
		required = required[:1]
	}
	for _, r := range required {
		if _, ok := cols[r]; !ok {
			return Parsed{}, &FileError{Code: "hr_import_missing_column", Column: r}
		}
	}
	value := func(cells []string, field string) string {
		i, ok := cols[field]
		if !ok || i >= len(cells) {
			return ""
		}
		return clean(cells[i])
	}
	out := Parsed{Rows: []Row{}, Problems: []Problem{}}
	seen := map[string]int{}
	for _, rec := range t.Records[1:] {
		out.TotalLines++
		problem := func(field, code string, params map[string]any) {
			out.Problems = append(out.Problems, Problem{Line: rec.Line, Field: field, Code: code, Message: i18n.Text(lang, code, params)})
		}
		row := Row{Line: rec.Line, Name: value(rec.Cells, FieldName), Unit: value(rec.Cells, FieldUnit),
			Position: value(rec.Cells, FieldPosition), Rank: value(rec.Cells, FieldRank)}
		before := len(out.Problems)
		raw := value(rec.Cells, FieldNIP)
		if raw == "" {
			problem(FieldNIP, "field_required", nil)
		} else if nip, err := idnumber.ParseNIP(raw, now); err != nil {
			var ie *idnumber.Error
			if errors.As(err, &ie) {
				out.Problems = append(out.Problems, Problem{Line: rec.Line, Field: FieldNIP, Code: ie.Code, Message: ie.Message(lang)})
			} else {
				problem(FieldNIP, "field_invalid", nil)
			}
		} else if first, dup := seen[nip.Number]; dup {
			problem(FieldNIP, "import_duplicate_nip", map[string]any{"Row": first})
		} else {
			row.NIP = nip.Number
			seen[nip.Number] = rec.Line
		}
		if !opts.NIPOnly {
			if row.Name == "" {
				problem(FieldName, "field_required", nil)
			} else if len([]rune(row.Name)) > 100 {
				problem(FieldName, "field_too_long", map[string]any{"Max": 100})
			}
			if row.Unit == "" {
				problem(FieldUnit, "field_required", nil)
			}
			if len([]rune(row.Position)) > 150 {
				problem(FieldPosition, "field_too_long", map[string]any{"Max": 150})
			}
			if len([]rune(row.Rank)) > 60 {
				problem(FieldRank, "field_too_long", map[string]any{"Max": 60})
			}
		}
		if len(out.Problems) == before {
			out.Rows = append(out.Rows, row)
		}
	}
	return out, nil
}

var messages = []i18n.Message{
	{Key: "hr_import_unreadable", Indonesian: "Berkas tidak dapat dibaca. Pastikan formatnya CSV atau XLSX yang benar.", English: "The file cannot be read. Make sure it is a proper CSV or XLSX file."},
	{Key: "hr_import_legacy_xls", Indonesian: "Berkas .xls lama atau berkata sandi tidak didukung. Simpan ulang sebagai .xlsx atau CSV.", English: "Old .xls or password-protected files are not supported. Save it again as .xlsx or CSV."},
	{Key: "hr_import_too_many_rows", Indonesian: "Berkas berisi lebih dari {{.Max}} baris data. Bagi menjadi beberapa berkas.", English: "The file has more than {{.Max}} data rows. Split it into several files."},
	{Key: "hr_import_empty", Indonesian: "Berkas kosong.", English: "The file is empty."},
	{Key: "hr_import_missing_column", Indonesian: "Kolom wajib tidak ditemukan: {{.Column}}.", English: "A required column is missing: {{.Column}}."},
	{Key: "import_duplicate_nip", Indonesian: "NIP ini sudah ada di baris {{.Row}}.", English: "This NIP already appears on row {{.Row}}."},
	{Key: "import_unit_unknown", Indonesian: "Unit kerja tidak dikenal.", English: "Unknown work unit."},
	{Key: "import_not_employee", Indonesian: "NIP ini tidak terdaftar sebagai pegawai lembaga.", English: "This NIP is not on the institution's employee list."},
	{Key: "import_stale", Indonesian: "Data pegawai ini sudah diperbarui oleh impor yang lebih baru; baris dilewati.", English: "A newer import already updated this employee; row skipped."},
}
