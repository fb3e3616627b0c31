package courseapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"path"
	"strings"
	"sync"

	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/quiz"
	"lms/shared/spreadsheet"
	"lms/shared/upload"
)

// ------------------------------------------------------------- images

// applyImage reads a question request's image: absent leaves the image,
// null removes it, {uploadId, alt} sets it. A new upload is checked by
// resolveImage once the rest is valid; the same upload keeps what was
// checked when it was set, and only its alt text changes.
func applyImage(q *quiz.Question, raw json.RawMessage, v *httpapi.Validation) {
	if raw == nil {
		return
	}
	if string(bytes.TrimSpace(raw)) == "null" {
		q.Image = nil
		return
	}
	var in imageRequest
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		v.Add("image", "field_invalid", nil)
		return
	}
	in.UploadID, in.Alt = strings.TrimSpace(in.UploadID), strings.TrimSpace(in.Alt)
	if !ids.Valid(in.UploadID) {
		v.Add("image.uploadId", "question_image_unknown", nil)
		q.Image = nil
		return
	}
	if q.Image != nil && q.Image.UploadID == in.UploadID {
		kept := *q.Image
		kept.Alt = in.Alt
		q.Image = &kept
		return
	}
	q.Image = &quiz.Image{UploadID: in.UploadID, Alt: in.Alt}
}

// resolveImage checks a question's newly set image (see questionImage)
// and fills in what showing it needs.
func (a *API) resolveImage(ctx context.Context, q *quiz.Question, v *httpapi.Validation) error {
	if q.Image == nil || q.Image.Key != "" {
		return nil
	}
	im, code, data, err := a.questionImage(ctx, q.TenantID, q.CourseID, q.Image.UploadID, q.Image.Alt)
	if err != nil {
		return err
	}
	if code != "" {
		v.Add("image.uploadId", code, data)
		return v.Err()
	}
	q.Image = im
	return nil
}

// questionImage checks that an upload may be a question's picture: an
// upload of the tenant with purpose question, for this very course, an
// image, ready. It answers the image (the largest WebP variant and its
// size), or a message key (question_image_unknown, question_image_not_ready)
// with its data.
func (a *API) questionImage(ctx context.Context, tenantID, courseID, uploadID, alt string) (*quiz.Image, string, map[string]any, error) {
	u, err := a.uploads.Get(ctx, tenantID, uploadID)
	if errors.Is(err, upload.ErrNotFound) {
		return nil, "question_image_unknown", nil, nil
	}
	if err != nil {
		return nil, "", nil, err
	}
	if u.Purpose != upload.PurposeQuestion || u.CourseID != courseID || u.Class != upload.ClassImage {
		return nil, "question_image_unknown", nil, nil
	}
	if u.Status != upload.Ready || u.Result == nil {
		return nil, "question_image_not_ready", map[string]any{"Status": string(u.Status)}, nil
	}
	im := &quiz.Image{UploadID: u.ID, Alt: alt, Key: u.Key, Width: u.Result.Width, Height: u.Result.Height}
	if n := len(u.Result.Images); n > 0 {
		rel := u.Result.Images[n-1]
		im.Key = upload.DerivedPrefix(u.TenantID, u.ID) + rel
		// Variants are named w{width}.webp, scaled from the original.
		var w int
		if _, err := fmt.Sscanf(path.Base(rel), "w%d.webp", &w); err == nil && w > 0 && u.Result.Width > 0 {
			im.Width, im.Height = w, max(1, int(math.Round(float64(u.Result.Height)*float64(w)/float64(u.Result.Width))))
		}
	}
	return im, "", nil, nil
}

// signImage links an image for its reader (the link lives linkTTL).
func (a *API) signImage(ctx context.Context, im *quiz.Image) error {
	if im == nil || im.Key == "" {
		return nil
	}
	var err error
	im.URL, err = a.signer.URL(ctx, im.Key, linkTTL, "")
	return err
}

// writeQuestion answers a question for its editors, its picture linked.
func (a *API) writeQuestion(w http.ResponseWriter, r *http.Request, status int, q quiz.Question) error {
	if err := a.signImage(r.Context(), q.Image); err != nil {
		return err
	}
	httpapi.WriteJSON(w, status, q)
	return nil
}

// ------------------------------------------------------------- export

// exportQuestions answers the course's whole bank as a CSV or XLSX file
// (?format=, xlsx by default) in the layout an import reads back (see
// quiz.BankRows). A workbook carries a second sheet of instructions.
func (a *API) exportQuestions(w http.ResponseWriter, r *http.Request) error {
	c, o, err := a.editableCourse(r)
	if err != nil {
		return err
	}
	format := spreadsheet.Format(r.URL.Query().Get("format"))
	if format == "" {
		format = spreadsheet.XLSX
	}
	if format != spreadsheet.CSV && format != spreadsheet.XLSX {
		v := httpapi.NewValidation(r)
		v.Add("format", "field_one_of", map[string]any{"Values": "csv, xlsx"})
		return v.Err()
	}
	bank, err := a.quizzes.Bank(r.Context(), c.Tenant.ID, o.Course.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	contentType := spreadsheet.CSVType
	if format == spreadsheet.XLSX {
		contentType = spreadsheet.XLSXType
		err = spreadsheet.WriteBook(&buf, []spreadsheet.Sheet{{Name: "Bank Soal", Rows: quiz.BankRows(bank)}, {Name: "Petunjuk", Rows: quiz.BankGuide()}})
	} else {
		err = spreadsheet.Write(&buf, format, "", quiz.BankRows(bank))
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	// A course code is letters, digits, dots, dashes and underscores: safe
	// in a file name.
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="bank-soal-%s.%s"`, o.Course.Code, format))
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(buf.Bytes())
	return err
}

// ------------------------------------------------------------- import

// questionImportLimit bounds an import file.
const questionImportLimit = 5 << 20

// questionImportWorkers bounds concurrent question writes.
const questionImportWorkers = 4

// QuestionImportReport says what an import did (or, in a dry run, would
// do) with every row of the file.
type QuestionImportReport struct {
	DryRun    bool                `json:"dryRun"`
	Format    spreadsheet.Format  `json:"format"`
	TotalRows int                 `json:"totalRows"`
	Created   int                 `json:"created"`
	Updated   int                 `json:"updated"`
	Skipped   int                 `json:"skipped"`
	Failed    int                 `json:"failed"`
	Rows      []QuestionImportRow `json:"rows"`
}

// QuestionImportRow is one row's outcome.
type QuestionImportRow struct {
	Row        int                     `json:"row"`
	Status     quiz.Outcome            `json:"status"`
	QuestionID string                  `json:"questionId,omitempty"`
	Message    string                  `json:"message"`
	Problems   []QuestionImportProblem `json:"problems,omitempty"`
}

// QuestionImportProblem is one thing wrong with a row, by column heading.
type QuestionImportProblem struct {
	Column  string `json:"column"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// importQuestions reads a CSV or XLSX file (the request body) of the
// layout exportQuestions writes and applies it to the course's bank, row
// by row (see quiz.PlanImport): rows with an id update their question,
// rows without create one; a row that changes nothing is skipped, so
// importing the same file again changes nothing. A row with a problem
// stores nothing and is reported; the good rows of the file are stored
// all the same, as the people import does (re-importing the corrected
// file creates nothing twice). ?dryRun=true checks and reports without
// storing anything.
func (a *API) importQuestions(w http.ResponseWriter, r *http.Request) error {
	c, o, err := a.editableCourse(r)
	if err != nil {
		return err
	}
	dry := false
	switch r.URL.Query().Get("dryRun") {
	case "", "false":
	case "true":
		dry = true
	default:
		v := httpapi.NewValidation(r)
		v.Add("dryRun", "field_one_of", map[string]any{"Values": "true, false"})
		return v.Err()
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, questionImportLimit))
	if err != nil {
		return httpapi.NewError(http.StatusRequestEntityTooLarge, "body_too_large").With("Limit", questionImportLimit)
	}
	if len(body) == 0 {
		return httpapi.NewError(http.StatusBadRequest, "body_required")
	}
	format, err := spreadsheet.DetectFormat(r.Header.Get("Content-Type"), body)
	if err != nil {
		return httpapi.NewError(http.StatusUnsupportedMediaType, "question_import_format")
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	rows, err := quiz.ReadBankFile(body, format)
	var fe *quiz.FileError
	if errors.As(err, &fe) {
		return (&httpapi.Error{Status: http.StatusBadRequest, Code: "validation_failed", Cause: err}).
			WithDetails([]httpapi.FieldError{{Field: "file", Code: fe.Code, Message: i18n.Text(lang, fe.Code, fe.Data)}})
	}
	if err != nil {
		return err
	}
	ctx := r.Context()
	bank, err := a.quizzes.Bank(ctx, c.Tenant.ID, o.Course.ID)
	if err != nil {
		return err
	}
	if err := a.importImages(ctx, c.Tenant.ID, o.Course.ID, rows, bank); err != nil {
		return err
	}
	now := a.env.Clock.Now()
	plan := quiz.PlanImport(rows, bank, now, func() quiz.Question {
		return quiz.Question{TenantID: c.Tenant.ID, CourseID: o.Course.ID, ID: ids.New(now), Tags: []string{}, CreatedAt: now, UpdatedAt: now, Version: 1}
	})
	if !dry {
		a.storePlan(r, plan)
	}
	rep := QuestionImportReport{DryRun: dry, Format: format, TotalRows: len(plan), Rows: make([]QuestionImportRow, len(plan))}
	for i, p := range plan {
		row := QuestionImportRow{Row: p.Line, Status: p.Outcome}
		switch p.Outcome {
		case quiz.Created:
			rep.Created++
			row.Message = i18n.Text(lang, "question_import_created", nil)
			if !dry {
				row.QuestionID = p.Question.ID
			}
		case quiz.Updated:
			rep.Updated++
			row.QuestionID, row.Message = p.Question.ID, i18n.Text(lang, "question_import_updated", nil)
		case quiz.Skipped:
			rep.Skipped++
			row.QuestionID = p.Question.ID
		case quiz.Failed:
			rep.Failed++
			var msgs []string
			for _, pr := range p.Problems {
				m := i18n.Text(lang, pr.Code, pr.Data)
				row.Problems = append(row.Problems, QuestionImportProblem{Column: quiz.ColumnHeading(pr.Field), Code: pr.Code, Message: m})
				msgs = append(msgs, quiz.ColumnHeading(pr.Field)+": "+m)
			}
			row.Message = strings.Join(msgs, " ")
		}
		if p.Note != "" {
			row.Message = i18n.Text(lang, p.Note, p.NoteData)
		}
		rep.Rows[i] = row
	}
	httpapi.WriteJSON(w, http.StatusOK, rep)
	return nil
}

// importImages checks the pictures rows name (once each), as an edit
// would: a row keeping its question's picture keeps what was checked then.
func (a *API) importImages(ctx context.Context, tenantID, courseID string, rows []quiz.ImportRow, bank []quiz.Question) error {
	had := map[string]string{} // question id -> its picture's upload id
	for _, q := range bank {
		if q.Image != nil {
			had[q.ID] = q.Image.UploadID
		}
	}
	type checked struct {
		im   *quiz.Image
		code string
		data map[string]any
	}
	seen := map[string]checked{}
	for i := range rows {
		im := rows[i].Question.Image
		if im == nil || len(rows[i].Problems) > 0 || (rows[i].ID != "" && had[rows[i].ID] == im.UploadID) {
			continue
		}
		ch, ok := seen[im.UploadID]
		if !ok {
			got, code, data, err := a.questionImage(ctx, tenantID, courseID, im.UploadID, "")
			if err != nil {
				return err
			}
			ch = checked{got, code, data}
			seen[im.UploadID] = ch
		}
		if ch.code != "" {
			rows[i].Problems = append(rows[i].Problems, quiz.RowProblem{Field: "image", Code: ch.code, Data: ch.data})
			continue
		}
		resolved := *ch.im
		resolved.Alt = im.Alt
		rows[i].Question.Image = &resolved
	}
	return nil
}

// storePlan writes the created and updated questions, a few at a time.
// A question changed meanwhile (its version moved) or a failed write
// turns its row into an error; the other rows stand.
func (a *API) storePlan(r *http.Request, plan []quiz.Planned) {
	ctx := r.Context()
	work := make(chan int)
	var wg sync.WaitGroup
	for range questionImportWorkers {
		wg.Go(func() {
			for i := range work {
				p := &plan[i]
				err := a.quizzes.PutQuestion(ctx, p.Question)
				if err == nil {
					continue
				}
				code := "question_import_conflict"
				if !errors.Is(err, quiz.ErrConflict) {
					code = "question_import_write_failed"
					httpapi.Logger(r).ErrorContext(ctx, "question import row not stored", "row", p.Line, "error", err.Error())
				}
				p.Outcome, p.Note = quiz.Failed, ""
				p.Problems = []quiz.RowProblem{{Field: "id", Code: code}}
			}
		})
	}
	for i, p := range plan {
		if p.Outcome == quiz.Created || p.Outcome == quiz.Updated {
			work <- i
		}
	}
	close(work)
	wg.Wait()
}

func init() {
	i18n.Register(
		i18n.Message{Key: "question_import_format", Indonesian: "Berkas harus CSV atau XLSX.", English: "The file must be CSV or XLSX."},
		i18n.Message{Key: "question_import_created", Indonesian: "Soal baru.", English: "A new question."},
		i18n.Message{Key: "question_import_updated", Indonesian: "Soal yang ada diubah.", English: "An existing question changed."},
	)
}
