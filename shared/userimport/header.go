package userimport

import (
	"strings"
	"unicode"
)

// headingAliases maps a normalised heading (see normHeading) to the field it
// names. Headings are matched ignoring case, spaces and punctuation, and
// anything in parentheses, so "No. HP", "no_hp" and "NO HP (WhatsApp)" all
// mean the phone column.
var headingAliases = map[string]string{}

// headingExamples lists, per required field, the headings shown to the user
// in import_missing_column.
var headingExamples = map[string][]string{
	FieldIdentity: {"NIK", "NIP", "NIK/NIP", "Nomor Identitas", "Username"},
	FieldName:     {"Nama", "Nama Lengkap", "Name", "Full Name"},
}

func init() {
	for field, names := range map[string][]string{
		FieldIdentity: {"nik", "nip", "nik/nip", "nip/nik", "nomor identitas", "no identitas", "username"},
		FieldName:     {"nama", "nama lengkap", "name", "full name"},
		FieldEmail:    {"email", "surel", "e-mail", "alamat email", "email address"},
		FieldPhone: {"telepon", "no hp", "hp", "phone", "nomor telepon", "whatsapp",
			"nomor hp", "no telepon", "no telp", "telp", "no wa", "nomor whatsapp", "phone number"},
		FieldRole:        {"peran", "role"},
		FieldInstitution: {"instansi", "institusi", "perusahaan", "unit kerja", "institution", "company"},
	} {
		for _, n := range names {
			headingAliases[normHeading(n)] = field
		}
	}
}

// normHeading lower-cases s and keeps only its letters and digits, after
// dropping any parenthesised part.
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

// columns maps each known field to the indexes of the columns carrying it,
// in file order; a row's value is the first non-empty one.
type columns map[string][]int

func mapHeading(cells []string, opts Options) (columns, error) {
	cols := columns{}
	for i, c := range cells {
		if field, ok := headingAliases[normHeading(c)]; ok {
			cols[field] = append(cols[field], i)
		}
	}
	required := []string{FieldIdentity, FieldName}
	if opts.NameOptional {
		required = required[:1]
	}
	for _, required := range required {
		if len(cols[required]) == 0 {
			return nil, &FileError{Code: CodeMissingColumn, Column: required}
		}
	}
	return cols, nil
}

// value returns the field's cleaned value in cells and the index of the
// column it came from (-1 when empty).
func (c columns) value(cells []string, field string) (string, int) {
	for _, i := range c[field] {
		if i < len(cells) {
			if v := cleanCell(cells[i]); v != "" {
				return v, i
			}
		}
	}
	return "", -1
}

// cleanCell trims white space (including no-break spaces) and a leading
// apostrophe, which spreadsheet users type to force text.
func cleanCell(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if strings.HasPrefix(s, "'") {
		s = strings.TrimFunc(s[1:], unicode.IsSpace)
	}
	return s
}
