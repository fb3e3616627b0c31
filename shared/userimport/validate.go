package userimport

import (
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"lms/shared/i18n"
	"lms/shared/idnumber"
	"lms/shared/spreadsheet"
)

const (
	nameMinLen        = 2
	nameMaxLen        = 100
	emailMaxLen       = 254
	institutionMaxLen = 150
	// excelDigits is the precision of an Excel number: digits past the 15th
	// significant one are stored as zeros.
	excelDigits = 15
)

// roleAliases maps the lower-cased values accepted in the role column.
var roleAliases = map[string]Role{
	"admin":         RoleAdmin,
	"penyelenggara": RoleAdmin,
	"instructor":    RoleInstructor,
	"instruktur":    RoleInstructor,
	"widyaiswara":   RoleInstructor,
	"pengajar":      RoleInstructor,
	"learner":       RoleLearner,
	"peserta":       RoleLearner,
}

func validate(t spreadsheet.Table, now time.Time, lang i18n.Lang, opts Options) (Result, error) {
	if len(t.Records) == 0 {
		return Result{}, &FileError{Code: CodeEmptyFile}
	}
	cols, err := mapHeading(t.Records[0].Cells, opts)
	if err != nil {
		return Result{}, err
	}
	data := t.Records[1:]
	res := Result{TotalLines: len(data), Rows: make([]Row, 0, len(data))}
	v := validator{cols: cols, isNumeric: t.Numeric, now: now, lang: lang, opts: opts, seen: make(map[string]int, len(data))}
	for _, rec := range data {
		row, probs := v.row(rec)
		if len(probs) > 0 {
			res.Problems = append(res.Problems, probs...)
			continue
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

type validator struct {
	cols      columns
	isNumeric func(line, col int) bool
	now       time.Time
	lang      i18n.Lang
	opts      Options
	seen      map[string]int // identity number -> first line
}

func (v *validator) row(rec spreadsheet.Record) (Row, []Problem) {
	var probs []Problem
	add := func(field, code string, data map[string]any) {
		probs = append(probs, Problem{Line: rec.Line, Field: field, Code: code, Message: i18n.Text(v.lang, code, data)})
	}
	row := Row{Line: rec.Line}

	// Identity number.
	raw, col := v.cols.value(rec.Cells, FieldIdentity)
	if digits, sci := expandScientific(raw); sci {
		if digits == "" || precisionLost(digits) {
			add(FieldIdentity, CodeNumberAsScientific, nil)
			raw = ""
		} else {
			raw = digits
		}
	} else if col >= 0 && allDigits(raw) && precisionLost(raw) && v.isNumeric(rec.Line, col) {
		add(FieldIdentity, CodeNumberAsScientific, nil)
		raw = ""
	}
	if len(probs) == 0 {
		kind, number, err := idnumber.Parse(raw, v.now)
		var ie *idnumber.Error
		switch {
		case errors.As(err, &ie):
			probs = append(probs, Problem{Line: rec.Line, Field: FieldIdentity, Code: ie.Code, Message: ie.Message(v.lang)})
		case err != nil: // not expected: Parse documents *Error only
			add(FieldIdentity, idnumber.CodeNotDigits, nil)
		default:
			row.Kind, row.Username = kind, number
			if first, dup := v.seen[number]; dup {
				add(FieldIdentity, CodeDuplicateInFile, map[string]any{"Label": strings.ToUpper(string(kind)), "FirstLine": first})
			} else {
				v.seen[number] = rec.Line
			}
		}
	}

	// Name.
	name, _ := v.cols.value(rec.Cells, FieldName)
	name = collapseSpaces(name)
	switch {
	case name == "" && v.opts.NameOptional:
	case name == "":
		add(FieldName, CodeNameRequired, nil)
	case !validName(name):
		add(FieldName, CodeNameInvalid, nil)
	default:
		row.Name = name
	}

	// Email.
	if email, _ := v.cols.value(rec.Cells, FieldEmail); email != "" {
		email = strings.ToLower(email)
		if validEmail(email) {
			row.Email = email
		} else {
			add(FieldEmail, CodeEmailInvalid, nil)
		}
	}

	// Phone.
	if phone, _ := v.cols.value(rec.Cells, FieldPhone); phone != "" {
		if p, ok := normalizePhone(phone); ok {
			row.Phone = p
		} else {
			add(FieldPhone, CodePhoneInvalid, nil)
		}
	}

	// Role.
	row.Role = RoleLearner
	if role, _ := v.cols.value(rec.Cells, FieldRole); role != "" {
		if r, ok := roleAliases[strings.ToLower(collapseSpaces(role))]; ok {
			row.Role = r
		} else {
			add(FieldRole, CodeRoleInvalid, nil)
		}
	}

	// Institution.
	if inst, _ := v.cols.value(rec.Cells, FieldInstitution); inst != "" {
		inst = collapseSpaces(inst)
		if utf8.RuneCountInString(inst) > institutionMaxLen {
			add(FieldInstitution, CodeInstitutionTooLong, nil)
		} else {
			row.Institution = inst
		}
	}
	return row, probs
}

func collapseSpaces(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// validName: 2-100 characters of letters (any script, with combining
// marks), spaces and . , ' ’ -, with at least one letter.
func validName(s string) bool {
	n, letters := 0, 0
	for _, r := range s {
		n++
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsMark(r), r == ' ', r == '.', r == ',', r == '\'', r == '\u2019', r == '-':
		default:
			return false
		}
	}
	return n >= nameMinLen && n <= nameMaxLen && letters > 0
}

// validEmail accepts a bare address (no display name or angle brackets)
// whose domain has a dot.
func validEmail(s string) bool {
	if len(s) > emailMaxLen || strings.ContainsAny(s, " \t") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// normalizePhone accepts an Indonesian mobile number written as 08..., 62...,
// +62... or 8... (a spreadsheet drops the leading zero of a number cell),
// with spaces, dashes or dots between digit groups, and 9-15 digits in all,
// and returns it in E.164 form (+628...).
func normalizePhone(s string) (string, bool) {
	if d, sci := expandScientific(s); sci {
		if d == "" {
			return "", false
		}
		s = d
	}
	plus := strings.HasPrefix(s, "+")
	if plus {
		s = s[1:]
	}
	d := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			d = append(d, c)
		case c == ' ' || c == '-' || c == '.':
		default:
			return "", false
		}
	}
	if len(d) < 9 || len(d) > 15 {
		return "", false
	}
	var n []byte
	switch {
	case len(d) > 2 && d[0] == '6' && d[1] == '2':
		n = d[2:]
		if n[0] == '0' { // "+62 0812..."
			n = n[1:]
		}
	case plus:
		return "", false
	case d[0] == '0':
		n = d[1:]
	case d[0] == '8':
		n = d
	default:
		return "", false
	}
	if len(n) < 8 || len(n) > 13 || n[0] != '8' {
		return "", false
	}
	return "+62" + string(n), true
}

// expandScientific recognises a number in scientific notation as Excel
// shows or exports it ("3.27301E+15", "3,27301E+15" with a decimal comma) and
// returns its integer digits, or "" when it is not an integer. sci is false
// for anything else.
func expandScientific(s string) (digits string, sci bool) {
	e := strings.IndexAny(s, "eE")
	if e <= 0 || e == len(s)-1 {
		return "", false
	}
	mant, exp := s[:e], s[e+1:]
	exp = strings.TrimPrefix(exp, "+")
	if !allDigits(exp) || len(exp) > 2 {
		return "", false
	}
	intPart, frac := mant, ""
	if i := strings.IndexAny(mant, ".,"); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	if !allDigits(intPart) || (frac != "" && !allDigits(frac)) {
		return "", false
	}
	x := 0
	for i := 0; i < len(exp); i++ {
		x = x*10 + int(exp[i]-'0')
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > x {
		return "", true
	}
	d := strings.TrimLeft(intPart+frac+strings.Repeat("0", x-len(frac)), "0")
	return d, true
}

// precisionLost reports whether an integer with more than 15 digits has
// only zeros past the 15th, as a number typed into Excel does.
func precisionLost(d string) bool {
	if len(d) <= excelDigits {
		return false
	}
	return strings.TrimRight(d[excelDigits:], "0") == ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
