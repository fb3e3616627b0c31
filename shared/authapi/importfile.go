package authapi

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"sort"

	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/userimport"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// importFileError turns a file-level parse error (missing column, too many
// rows) into a 400 with the parser's own message.
func importFileError(err error, lang i18n.Lang) error {
	var fe *userimport.FileError
	if errors.As(err, &fe) {
		return (&httpapi.Error{Status: http.StatusBadRequest, Code: "validation_failed", Cause: err}).
			WithDetails([]httpapi.FieldError{{Field: "file", Code: fe.Code, Message: fe.Message(lang)}})
	}
	return &httpapi.Error{Status: http.StatusBadRequest, Code: "invalid_import_file", Cause: err}
}

func countLines(ps []userimport.Problem) int {
	seen := map[int]bool{}
	for _, p := range ps {
		seen[p.Line] = true
	}
	return len(seen)
}

func sortProblems(ps []userimport.Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}

func init() {
	i18n.Register(i18n.Message{Key: "invalid_import_file", Indonesian: "Berkas tidak dapat dibaca. Pastikan formatnya CSV atau XLSX yang benar.", English: "The file cannot be read. Make sure it is a proper CSV or XLSX file."})
}
