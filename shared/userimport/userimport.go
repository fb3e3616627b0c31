// Package userimport turns an uploaded CSV or XLSX list of people into
// validated rows plus a per-row problem report, ready for bulk account
// creation. It is pure logic: the caller limits the upload size, stores the
// file and creates the accounts.
//
// The first non-blank row is the heading row. Columns are recognised by
// Indonesian or English headings (see the aliases in header.go); the
// identity-number (NIK/NIP) and name columns are required, the others
// (email, phone, role, institution) optional, and unknown columns ignored.
// Every data row is validated in full: a row with any problem is left out of
// Result.Rows and each of its problems is listed in Result.Problems, with
// the message in the caller's language.
package userimport

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"lms/shared/i18n"
	"lms/shared/idnumber"
	"lms/shared/spreadsheet"
)

// MaxRows is the most data rows (blank rows not counted) one file may hold.
const MaxRows = 5000

// Role is the account role a row asks for.
type Role string

const (
	RoleAdmin      Role = "admin"
	RoleInstructor Role = "instructor"
	RoleLearner    Role = "learner"
)

// Row is one valid person.
type Row struct {
	Line        int // 1-based row number as a spreadsheet shows it (the heading is normally row 1)
	Kind        idnumber.Kind
	Username    string // normalised NIK or NIP digits
	Name        string // trimmed, inner white space collapsed
	Email       string // lower-cased, may be empty
	Phone       string // E.164 (+62...), may be empty
	Role        Role   // RoleLearner when the column is absent or empty
	Institution string
}

// Field names used in Problem.Field.
const (
	FieldIdentity    = "nik_nip"
	FieldName        = "name"
	FieldEmail       = "email"
	FieldPhone       = "phone"
	FieldRole        = "role"
	FieldInstitution = "institution"
)

// Problem is one validation failure of one row.
type Problem struct {
	Line    int    `json:"row"`
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Result is the outcome of Parse. TotalLines counts the non-blank data rows
// read (the heading excluded), so TotalLines == len(Rows) + the number of
// distinct Lines in Problems.
type Result struct {
	Rows       []Row
	Problems   []Problem
	TotalLines int
}

// Format is an upload's file format.
type Format = spreadsheet.Format

const (
	CSV  = spreadsheet.CSV
	XLSX = spreadsheet.XLSX
)

// FileError is a problem with the file as a whole: the import cannot go on.
// Code is a message key in lms/shared/i18n; Column names the missing column
// (FieldIdentity or FieldName) for import_missing_column; Err is the
// underlying cause, for logs only.
type FileError struct {
	Code   string
	Column string
	Err    error
}

func (e *FileError) Error() string {
	msg := e.Message(i18n.English)
	if e.Err != nil {
		return fmt.Sprintf("userimport: %s: %s: %v", e.Code, msg, e.Err)
	}
	return fmt.Sprintf("userimport: %s: %s", e.Code, msg)
}

func (e *FileError) Unwrap() error { return e.Err }

// Message returns the user-facing message in lang.
func (e *FileError) Message(lang i18n.Lang) string {
	data := map[string]any{"Max": MaxRows}
	if e.Column != "" {
		data["Column"] = e.Column
		data["Aliases"] = strings.Join(headingExamples[e.Column], ", ")
		switch e.Column {
		case FieldIdentity:
			data["Column"] = i18n.Text(lang, labelIdentity, nil)
		case FieldName:
			data["Column"] = i18n.Text(lang, labelName, nil)
		}
	}
	return i18n.Text(lang, e.Code, data)
}

// DetectFormat decides an upload's format from its content type and/or its
// first bytes (see spreadsheet.DetectFormat). The error is a *FileError
// (import_legacy_xls for .xls/encrypted workbooks,
// import_unsupported_format otherwise).
func DetectFormat(contentType string, head []byte) (Format, error) {
	f, err := spreadsheet.DetectFormat(contentType, head)
	if errors.Is(err, spreadsheet.ErrLegacyXLS) {
		return "", &FileError{Code: CodeLegacyXLS}
	}
	if err != nil {
		return "", &FileError{Code: CodeUnsupportedFormat}
	}
	return f, nil
}

// Parse reads the heading and at most MaxRows data rows from r, validates
// every row and returns the valid rows and the problems. now is the
// reference date for identity-number checks; lang picks the message
// language. The error, for a file that cannot be imported at all, is a
// *FileError.
func Parse(r io.Reader, f Format, now time.Time, lang i18n.Lang) (Result, error) {
	return ParseWith(r, f, now, lang, Options{})
}

// Options change what Parse requires.
type Options struct {
	// NameOptional accepts files and rows without names: an enrollment
	// file may list only the NIK/NIP of people who already have accounts.
	NameOptional bool
}

// ParseWith is Parse with options.
func ParseWith(r io.Reader, f Format, now time.Time, lang i18n.Lang, opts Options) (Result, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Result{}, fmt.Errorf("userimport: reading upload: %w", err)
	}
	t, err := spreadsheet.Read(data, f, MaxRows)
	var many *spreadsheet.TooManyRowsError
	switch {
	case errors.Is(err, spreadsheet.ErrUnsupported):
		return Result{}, &FileError{Code: CodeUnsupportedFormat}
	case errors.Is(err, spreadsheet.ErrLegacyXLS):
		return Result{}, &FileError{Code: CodeLegacyXLS}
	case errors.Is(err, spreadsheet.ErrNoSheet):
		return Result{}, &FileError{Code: CodeEmptyFile}
	case errors.As(err, &many):
		return Result{}, &FileError{Code: CodeTooManyRows}
	case err != nil:
		return Result{}, &FileError{Code: CodeUnreadable, Err: err}
	}
	defer t.Close()
	return validate(t, now, lang, opts)
}
