package integration

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"lms/infra/demo"
)

type submissionView struct {
	UserID   string   `json:"userId"`
	Text     string   `json:"text"`
	UploadID string   `json:"uploadId"`
	Late     bool     `json:"late"`
	Count    int      `json:"count"`
	Score    *float64 `json:"score"`
	Penalty  float64  `json:"penalty"`
	Grade    *float64 `json:"grade"`
	Feedback string   `json:"feedback"`
	FileURL  string   `json:"fileUrl"`
}

// Participants submit an assignment (text, then a PDF uploaded straight to
// S3), resubmit before the due date, submit late under the penalty policy,
// are refused under the refuse policy; staff grade in bulk; each learner
// sees only their own submission and grade.
func TestAssignmentSubmitAndGrade(t *testing.T) {
	admin := adminToken(t)
	base := "/tenants/" + demo.TenantID + "/courses"
	var o outlineView
	st, raw := api(t, http.MethodPost, base, admin, map[string]any{"code": "TUGAS-1", "title": "Tugas Akhir", "jp": 2}, &o)
	expect(t, "course", st, raw, http.StatusCreated)
	c := base + "/" + o.Course.ID
	var sec sectionView
	api(t, http.MethodPost, c+"/sections", admin, map[string]any{"title": "Tugas"}, &sec)
	// Room for the on-time steps even on a slow machine; the late ones wait for it.
	dueAt := time.Now().Add(15 * time.Second).UTC().Truncate(time.Second)
	due := dueAt.Format(time.RFC3339)
	var task, closed itemView
	st, raw = api(t, http.MethodPost, c+"/items", admin, map[string]any{"sectionId": sec.ID, "kind": "assignment", "title": "Laporan praktik",
		"body": "Unggah laporan praktik K3 dalam PDF.", "required": true,
		"assignment": map[string]any{"dueAt": due, "latePolicy": "penalty", "penaltyPercent": 20, "allowText": true, "allowFile": true,
			"fileKinds": []string{"pdf"}, "maxSizeMb": 5, "maxScore": 100}}, &task)
	expect(t, "assignment item", st, raw, http.StatusCreated)
	past := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	st, raw = api(t, http.MethodPost, c+"/items", admin, map[string]any{"sectionId": sec.ID, "kind": "assignment", "title": "Tugas lama",
		"assignment": map[string]any{"dueAt": past, "latePolicy": "refuse", "allowText": true, "maxScore": 10}}, &closed)
	expect(t, "closed assignment", st, raw, http.StatusCreated)
	if st, raw := api(t, http.MethodPost, c+"/items", admin, map[string]any{"sectionId": sec.ID, "kind": "assignment", "title": "Salah",
		"assignment": map[string]any{"maxScore": 10}}, nil); st != http.StatusBadRequest || !strings.Contains(string(raw), "assignment_nothing_allowed") {
		t.Fatalf("an assignment taking nothing: %d %s", st, raw)
	}
	api(t, http.MethodPost, c+"/publish", admin, nil, nil)
	b := createBatch(t, admin, "TUGAS-B", "open", 5, o.Course.ID)
	api(t, http.MethodPatch, "/tenants/"+demo.TenantID+"/batches/"+b.ID, admin, map[string]any{"status": "open"}, nil)
	ids, tokens := newLearners(t, 2, 93)
	for _, tk := range tokens {
		st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/batches/"+b.ID+"/enrollments", tk, nil, nil)
		expect(t, "enroll", st, raw, http.StatusCreated)
	}
	ann, budi := tokens[0], tokens[1]
	item := c + "/items/" + task.ID

	// Text first, then a PDF: a resubmission before the due date.
	var s submissionView
	st, raw = api(t, http.MethodPut, item+"/submission", ann, map[string]any{"text": "Draf laporan."}, &s)
	expect(t, "submit text", st, raw, http.StatusOK)
	if s.Late || s.Count != 1 {
		t.Fatalf("first submission: %s", raw)
	}
	pdf := makePDF(t, "Laporan praktik K3 - Ann")
	var up startedView
	uploadBody := map[string]any{"purpose": "submission", "courseId": o.Course.ID, "itemId": task.ID, "fileName": "laporan.pdf",
		"size": len(pdf), "contentType": "application/pdf", "sha256": sha(pdf)}
	st, raw = api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", ann, uploadBody, &up)
	expect(t, "learner upload", st, raw, http.StatusCreated)
	if code, _, body := send(t, *up.Put, pdf); code != http.StatusOK {
		t.Fatalf("PUT: %d %s", code, body)
	}
	if u := waitUpload(t, ann, up.Upload.ID); u.Status != "ready" {
		t.Fatalf("submission file: %+v", u)
	}
	// Another learner cannot see that upload, nor submit it as theirs.
	if st, _ := api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/uploads/"+up.Upload.ID, budi, nil, nil); st != http.StatusNotFound {
		t.Fatalf("another learner reads the upload: %d", st)
	}
	if st, raw := api(t, http.MethodPut, item+"/submission", budi, map[string]any{"uploadId": up.Upload.ID}, nil); st != http.StatusBadRequest ||
		!strings.Contains(string(raw), "assignment_upload_unknown") {
		t.Fatalf("submitting someone else's file: %d %s", st, raw)
	}
	wrong := uploadBody
	wrong["fileName"], wrong["contentType"] = "laporan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	if st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", ann, wrong, nil); st != http.StatusBadRequest {
		t.Fatalf("a DOCX for a PDF-only assignment: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPut, item+"/submission", ann, map[string]any{"text": "Laporan akhir terlampir.", "uploadId": up.Upload.ID}, &s)
	expect(t, "resubmit", st, raw, http.StatusOK)
	if s.Count != 2 || s.FileURL == "" || s.Late {
		t.Fatalf("resubmission: %s", raw)
	}
	resp, err := http.Get(s.FileURL)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(got, pdf) {
		t.Fatalf("file link gives %d bytes", len(got))
	}
	var lv learnerCourseView
	api(t, http.MethodGet, c, ann, nil, &lv)
	if !lv.Progress[task.ID].Completed {
		t.Fatal("submitting did not complete the item")
	}

	// Budi is late: taken, marked late, penalised when graded.
	time.Sleep(time.Until(dueAt.Add(500 * time.Millisecond))) // past the due date: a bound, not a measurement
	st, raw = api(t, http.MethodPut, item+"/submission", budi, map[string]any{"text": "Maaf terlambat."}, &s)
	expect(t, "late submission", st, raw, http.StatusOK)
	if !s.Late {
		t.Fatalf("late submission not marked: %s", raw)
	}
	if st, raw := api(t, http.MethodPut, c+"/items/"+closed.ID+"/submission", ann, map[string]any{"text": "x"}, nil); st != http.StatusConflict ||
		errorCode(raw) != "assignment_closed" {
		t.Fatalf("refuse policy: %d %s", st, raw)
	}

	// Bulk grading by staff, reported per row.
	if st, _ := api(t, http.MethodPost, item+"/submissions/grades", ann, map[string]any{"grades": []any{}}, nil); st != http.StatusForbidden {
		t.Fatalf("a learner grades: %d", st)
	}
	var graded struct {
		Results []struct {
			UserID string `json:"userId"`
			Code   string `json:"code"`
		} `json:"results"`
	}
	st, raw = api(t, http.MethodPost, item+"/submissions/grades", admin, map[string]any{"grades": []map[string]any{
		{"userId": ids[0], "score": 90, "feedback": "Lengkap."}, {"userId": ids[1], "score": 80}, {"userId": "bukan-peserta", "score": 1},
	}}, &graded)
	expect(t, "grade", st, raw, http.StatusOK)
	if len(graded.Results) != 3 || graded.Results[2].Code != "assignment_no_submission" || graded.Results[0].Code != "" {
		t.Fatalf("grades: %s", raw)
	}
	if st, _ := api(t, http.MethodPost, item+"/submissions/grades", admin, map[string]any{"grades": []map[string]any{{"userId": ids[0], "score": 101}}}, nil); st != http.StatusBadRequest {
		t.Fatalf("a score above the maximum: %d", st)
	}
	var mine struct {
		Items []submissionView `json:"items"`
	}
	api(t, http.MethodGet, item+"/submissions", ann, nil, &mine)
	if len(mine.Items) != 1 || *mine.Items[0].Grade != 90 || mine.Items[0].Feedback != "Lengkap." {
		t.Fatalf("Ann's view: %+v", mine.Items)
	}
	api(t, http.MethodGet, item+"/submissions", budi, nil, &mine)
	if len(mine.Items) != 1 || mine.Items[0].UserID != ids[1] || *mine.Items[0].Score != 80 || *mine.Items[0].Grade != 64 || mine.Items[0].Penalty != 16 {
		t.Fatalf("Budi's view: %+v", mine.Items)
	}
	// Graded and past the due date: no replacing it.
	if st, raw := api(t, http.MethodPut, item+"/submission", budi, map[string]any{"text": "Revisi"}, nil); st != http.StatusConflict || errorCode(raw) != "assignment_graded" {
		t.Fatalf("resubmitting a graded late submission: %d %s", st, raw)
	}
	api(t, http.MethodGet, item+"/submissions", admin, nil, &mine)
	if len(mine.Items) != 2 {
		t.Fatalf("staff list: %+v", mine.Items)
	}

	// The gradebook carries the assignment's grades as percentages.
	var book struct {
		Participants []struct {
			UserID string `json:"userId"`
			Marks  map[string]struct {
				Best    float64 `json:"best"`
				Passed  bool    `json:"passed"`
				Pending bool    `json:"pending"`
			} `json:"marks"`
		} `json:"participants"`
	}
	st, raw = api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/batches/"+b.ID+"/gradebook", admin, nil, &book)
	expect(t, "gradebook", st, raw, http.StatusOK)
	best := map[string]float64{}
	for _, p := range book.Participants {
		best[p.UserID] = p.Marks[task.ID].Best
	}
	if best[ids[0]] != 90 || best[ids[1]] != 64 {
		t.Fatalf("gradebook marks %v: %s", best, raw)
	}
}
