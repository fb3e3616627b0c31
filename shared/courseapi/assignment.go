package courseapi

import (
	"errors"
	"math"
	"net/http"
	"path"
	"strconv"
	"strings"

	"lms/shared/assignment"
	"lms/shared/course"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/progress"
	"lms/shared/upload"
)

type submitRequest struct {
	Text     *string `json:"text"`
	UploadID *string `json:"uploadId"`
}

// submissionView is a submission with a link to its file.
type submissionView struct {
	assignment.Submission
	FileURL string `json:"fileUrl,omitempty"`
}

func (a *API) withFile(r *http.Request, s assignment.Submission) (submissionView, error) {
	v := submissionView{Submission: s}
	if s.UploadID == "" {
		return v, nil
	}
	u, err := a.uploads.Get(r.Context(), s.TenantID, s.UploadID)
	if errors.Is(err, upload.ErrNotFound) {
		return v, nil
	}
	if err != nil {
		return v, err
	}
	v.FileURL, err = a.signer.URL(r.Context(), u.Key, linkTTL, path.Base(u.Key))
	return v, err
}

// submit takes a learner's submission to an assignment item (a
// resubmission replaces it) by the item's due date and late policy;
// submitting completes the item in their progress.
func (a *API) submit(w http.ResponseWriter, r *http.Request) error {
	ic, err := a.itemContext(r, course.KindAssignment)
	if err != nil {
		return err
	}
	settings := ic.item.Assignment
	if settings == nil {
		return httpapi.ErrNotFound()
	}
	var in submitRequest
	if err := httpapi.DecodeJSON(r, &in, 128<<10); err != nil {
		return err
	}
	ctx := r.Context()
	now := a.env.Clock.Now()
	v := httpapi.NewValidation(r)
	text, uploadID := "", ""
	if in.Text != nil {
		text = strings.TrimSpace(*in.Text)
	}
	if in.UploadID != nil {
		uploadID = *in.UploadID
	}
	v.Check(text == "" || settings.AllowText, "text", "assignment_no_text", nil)
	v.Length("text", text, 0, 50000, false)
	v.Check(uploadID == "" || settings.AllowFile, "uploadId", "assignment_no_file", nil)
	v.Check(text != "" || uploadID != "", "text", "assignment_empty", nil)
	var file upload.Upload
	if uploadID != "" && settings.AllowFile {
		if !ids.Valid(uploadID) {
			v.Add("uploadId", "field_invalid", nil)
		} else if file, err = a.uploads.Get(ctx, ic.c.Tenant.ID, uploadID); errors.Is(err, upload.ErrNotFound) ||
			(err == nil && (file.CreatedBy != ic.c.Principal.Sub || file.Purpose != upload.PurposeSubmission || file.ItemID != ic.item.ID)) {
			v.Add("uploadId", "assignment_upload_unknown", nil)
		} else if err != nil {
			return err
		} else if file.Status != upload.Ready {
			v.Add("uploadId", "assignment_upload_not_ready", map[string]any{"Status": string(file.Status)})
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	prev, err := a.assignments.Get(ctx, ic.c.Tenant.ID, ic.item.ID, ic.c.Principal.Sub)
	var prevPtr *assignment.Submission
	switch {
	case errors.Is(err, assignment.ErrNotFound):
		prev = assignment.Submission{}
	case err != nil:
		return err
	default:
		prevPtr = &prev
	}
	if err := assignment.CanSubmit(*settings, prevPtr, now); errors.Is(err, assignment.ErrClosed) {
		return httpapi.NewError(http.StatusConflict, "assignment_closed")
	} else if errors.Is(err, assignment.ErrGraded) {
		return httpapi.NewError(http.StatusConflict, "assignment_graded")
	}
	s := assignment.Submission{TenantID: ic.c.Tenant.ID, CourseID: ic.o.Course.ID, ItemID: ic.item.ID, UserID: ic.c.Principal.Sub,
		Text: text, UploadID: uploadID, FileName: file.FileName, SubmittedAt: now, Late: assignment.Late(*settings, now),
		Count: prev.Count + 1, Version: prev.Version + 1}
	if err := a.assignments.Put(ctx, s); errors.Is(err, assignment.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	if !ic.staff {
		if _, err := a.saveProgress(r, ic.c.Tenant.ID, ic.c.Principal.Sub, ic.o, ic.learning, ic.items, ic.item,
			progress.Report{DeviceID: "assignment", Completed: true, At: now}, true); err != nil {
			return err
		}
	}
	out, err := a.withFile(r, s)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// submissions lists an assignment's submissions: the caller's own, or, for
// the course's staff, everyone's (paged).
func (a *API) submissions(w http.ResponseWriter, r *http.Request) error {
	ic, err := a.itemContext(r, course.KindAssignment)
	if err != nil {
		return err
	}
	var list []assignment.Submission
	next := ""
	if ic.staff {
		limit, cursor, err := httpapi.PageParams(r)
		if err != nil {
			return err
		}
		page, err := a.assignments.List(r.Context(), ic.c.Tenant.ID, ic.item.ID, limit, cursor)
		if err != nil {
			return httpapi.PageError(r, err)
		}
		list, next = page.Items, page.NextCursor
	} else {
		s, err := a.assignments.Get(r.Context(), ic.c.Tenant.ID, ic.item.ID, ic.c.Principal.Sub)
		if err != nil && !errors.Is(err, assignment.ErrNotFound) {
			return err
		}
		if err == nil {
			list = append(list, s)
		}
	}
	out := make([]submissionView, 0, len(list))
	for _, s := range list {
		v, err := a.withFile(r, s)
		if err != nil {
			return err
		}
		out = append(out, v)
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "nextCursor": next})
	return nil
}

type gradesRequest struct {
	Grades []struct {
		UserID   string  `json:"userId"`
		Score    float64 `json:"score"`
		Feedback string  `json:"feedback"`
	} `json:"grades"`
}

// gradeSubmissions grades submissions in bulk (course staff): a score up to
// the assignment's maximum and feedback; a late submission under the
// penalty policy loses its share. Each row is reported.
func (a *API) gradeSubmissions(w http.ResponseWriter, r *http.Request) error {
	ic, err := a.itemContext(r, course.KindAssignment)
	if err != nil {
		return err
	}
	if !ic.staff {
		return httpapi.ErrForbidden()
	}
	settings := ic.item.Assignment
	if settings == nil {
		return httpapi.ErrNotFound()
	}
	var in gradesRequest
	if err := httpapi.DecodeJSON(r, &in, 256<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	v.Check(len(in.Grades) >= 1 && len(in.Grades) <= 500, "grades", "assignment_grades_count", nil)
	for i, g := range in.Grades {
		field := "grades[" + strconv.Itoa(i) + "]"
		v.Check(g.Score >= 0 && g.Score <= float64(settings.MaxScore) && !math.IsNaN(g.Score), field+".score", "grade_range", map[string]any{"Max": settings.MaxScore})
		v.Length(field+".feedback", g.Feedback, 0, 5000, false)
	}
	if err := v.Err(); err != nil {
		return err
	}
	type outcome struct {
		UserID     string                 `json:"userId"`
		Code       string                 `json:"code,omitempty"`
		Submission *assignment.Submission `json:"submission,omitempty"`
	}
	out := make([]outcome, 0, len(in.Grades))
	now := a.env.Clock.Now()
	for _, g := range in.Grades {
		s, err := a.assignments.Get(r.Context(), ic.c.Tenant.ID, ic.item.ID, g.UserID)
		if errors.Is(err, assignment.ErrNotFound) || !ids.ValidUser(g.UserID) {
			out = append(out, outcome{UserID: g.UserID, Code: "assignment_no_submission"})
			continue
		}
		if err != nil {
			return err
		}
		assignment.ApplyGrade(&s, *settings, g.Score, strings.TrimSpace(g.Feedback), ic.c.Principal.Sub, now)
		s.Version++
		if err := a.assignments.Put(r.Context(), s); errors.Is(err, assignment.ErrConflict) {
			out = append(out, outcome{UserID: g.UserID, Code: "conflict"})
			continue
		} else if err != nil {
			return err
		}
		out = append(out, outcome{UserID: g.UserID, Submission: &s})
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"results": out})
	return nil
}

// checkAssignment validates an assignment item's settings.
func checkAssignment(s *course.Assignment, v *httpapi.Validation) {
	if s == nil {
		v.Add("assignment", "field_required", nil)
		return
	}
	switch s.LatePolicy {
	case course.LateAccept, course.LateRefuse:
	case course.LatePenalty:
		v.Check(s.PenaltyPercent >= 1 && s.PenaltyPercent <= 100, "assignment.penaltyPercent", "field_invalid", nil)
	case "":
		s.LatePolicy = course.LateAccept
	default:
		v.Add("assignment.latePolicy", "field_one_of", map[string]any{"Values": "accept, penalty, refuse"})
	}
	v.Check(s.AllowText || s.AllowFile, "assignment.allowText", "assignment_nothing_allowed", nil)
	if s.AllowFile {
		if len(s.FileKinds) == 0 {
			s.FileKinds = []course.Kind{course.KindPDF, course.KindDocument}
		}
		for _, k := range s.FileKinds {
			v.Check(k.IsMaterial(), "assignment.fileKinds", "field_invalid", nil)
		}
		if s.MaxSizeMB == 0 {
			s.MaxSizeMB = 20
		}
		v.Check(s.MaxSizeMB >= 1 && s.MaxSizeMB <= 100, "assignment.maxSizeMb", "field_invalid", nil)
	}
	v.Check(s.MaxScore >= 1 && s.MaxScore <= 1000, "assignment.maxScore", "field_invalid", nil)
}

func init() {
	i18n.Register(
		i18n.Message{Key: "assignment_no_text", Indonesian: "Tugas ini tidak menerima jawaban teks.", English: "This assignment takes no text."},
		i18n.Message{Key: "assignment_no_file", Indonesian: "Tugas ini tidak menerima berkas.", English: "This assignment takes no file."},
		i18n.Message{Key: "assignment_empty", Indonesian: "Isi jawaban atau lampirkan berkas.", English: "Write an answer or attach a file."},
		i18n.Message{Key: "assignment_upload_unknown", Indonesian: "Berkas unggahan tidak ditemukan untuk tugas ini.", English: "No such upload of yours for this assignment."},
		i18n.Message{Key: "assignment_upload_not_ready", Indonesian: "Berkas masih diperiksa (status: {{.Status}}); kumpulkan setelah siap.", English: "The file is still being checked ({{.Status}}); submit once it is ready."},
		i18n.Message{Key: "assignment_closed", Indonesian: "Batas waktu pengumpulan tugas ini sudah lewat.", English: "This assignment's due date has passed."},
		i18n.Message{Key: "assignment_graded", Indonesian: "Tugas sudah dinilai dan batas waktunya lewat; pengumpulan ulang tidak diterima.", English: "The submission is graded and the due date has passed; it cannot be replaced."},
		i18n.Message{Key: "assignment_grades_count", Indonesian: "Kirim 1 sampai 500 nilai sekaligus.", English: "Send 1 to 500 grades at a time."},
		i18n.Message{Key: "assignment_no_submission", Indonesian: "Peserta ini belum mengumpulkan tugas.", English: "This participant has not submitted."},
		i18n.Message{Key: "assignment_nothing_allowed", Indonesian: "Izinkan jawaban teks, berkas, atau keduanya.", English: "Allow text, a file or both."},
	)
}
