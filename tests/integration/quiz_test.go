package integration

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"lms/infra/demo"
)

type attemptView struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Number      int    `json:"number"`
	SecondsLeft *int   `json:"secondsLeft"`
	Questions   []struct {
		ID      string `json:"id"`
		Type    string `json:"type"`
		Options []struct {
			ID string `json:"id"`
		} `json:"options"`
		Rights []struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		} `json:"rights"`
	} `json:"questions"`
	Answers map[string]any `json:"answers"`
	Results map[string]struct {
		Score  float64 `json:"score"`
		Graded bool    `json:"graded"`
	} `json:"results"`
	Score           float64 `json:"score"`
	MaxScore        float64 `json:"maxScore"`
	Percent         float64 `json:"percent"`
	Passed          bool    `json:"passed"`
	ReviewAvailable bool    `json:"reviewAvailable"`
	Review          map[string]struct {
		Correct  []string `json:"correct"`
		Accepted []string `json:"accepted"`
	} `json:"review"`
}

// A post-test with every question type: the learner's answers are saved as
// they go (a reload resumes the same attempt), the server grades all but
// the essay at once, staff grade the essay, and the pass completes the
// item. Answers never reach the learner before review; a second
// submission is refused; another learner cannot see the attempt.
func TestQuizEveryQuestionType(t *testing.T) {
	admin := adminToken(t)
	base := "/tenants/" + demo.TenantID + "/courses"
	var o outlineView
	st, raw := api(t, http.MethodPost, base, admin, map[string]any{"code": "KUIS-1", "title": "Kuis K3", "jp": 2}, &o)
	expect(t, "course", st, raw, http.StatusCreated)
	c := base + "/" + o.Course.ID
	var sec sectionView
	api(t, http.MethodPost, c+"/sections", admin, map[string]any{"title": "Evaluasi"}, &sec)

	type q = map[string]any
	questions := []q{
		{"type": "single", "text": "Warna helm pengawas?", "points": 1, "options": []q{{"id": "a", "text": "Putih"}, {"id": "b", "text": "Kuning"}}, "correct": []string{"a"}, "tags": []string{"apd"}},
		{"type": "multiple", "text": "Termasuk APD?", "points": 2, "options": []q{{"id": "a", "text": "Helm"}, {"id": "b", "text": "Sepatu bot"}, {"id": "c", "text": "Ponsel"}}, "correct": []string{"a", "b"}},
		{"type": "truefalse", "text": "Metana mudah meledak.", "points": 1, "correct": []string{"true"}},
		{"type": "short", "text": "Singkatan alat pelindung diri?", "points": 1, "accepted": []string{"APD"}},
		{"type": "numeric", "text": "Berapa JP minimal setahun?", "points": 1, "value": 20, "tolerance": 0},
		{"type": "matching", "text": "Pasangkan.", "points": 2, "pairs": []q{{"id": "p1", "left": "K3", "right": "Keselamatan"}, {"id": "p2", "left": "JP", "right": "Jam pelajaran"}}},
		{"type": "essay", "text": "Jelaskan prosedur evakuasi.", "points": 2, "feedback": "Sebut titik kumpul."},
	}
	var qids []string
	for _, body := range questions {
		var created struct {
			ID string `json:"id"`
		}
		st, raw := api(t, http.MethodPost, c+"/questions", admin, body, &created)
		expect(t, "question "+body["type"].(string), st, raw, http.StatusCreated)
		qids = append(qids, created.ID)
	}
	if st, raw := api(t, http.MethodPost, c+"/questions", admin, q{"type": "single", "text": "Tanpa kunci?", "points": 1,
		"options": []q{{"id": "a", "text": "x"}, {"id": "b", "text": "y"}}}, nil); st != http.StatusBadRequest || !strings.Contains(string(raw), "question_correct") {
		t.Fatalf("question without a key: %d %s", st, raw)
	}
	var quizItem itemView
	st, raw = api(t, http.MethodPost, c+"/items", admin, q{"sectionId": sec.ID, "kind": "quiz", "title": "Post-test", "required": true,
		"quiz": q{"kind": "posttest", "questionIds": qids, "shuffleOptions": true, "timeLimitMinutes": 30, "maxAttempts": 2, "passPercent": 60, "review": "after-submit"}}, &quizItem)
	expect(t, "quiz item", st, raw, http.StatusCreated)
	st, raw = api(t, http.MethodPost, c+"/publish", admin, nil, nil)
	expect(t, "publish", st, raw, http.StatusOK)
	b := createBatch(t, admin, "KUIS-B", "open", 5, o.Course.ID)
	api(t, http.MethodPatch, "/tenants/"+demo.TenantID+"/batches/"+b.ID, admin, q{"status": "open"}, nil)
	_, tokens := newLearners(t, 2, 91)
	for _, tk := range tokens {
		st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/batches/"+b.ID+"/enrollments", tk, nil, nil)
		expect(t, "enroll", st, raw, http.StatusCreated)
	}
	learner, other := tokens[0], tokens[1]
	attempts := c + "/items/" + quizItem.ID + "/attempts"

	// A learner cannot complete the quiz by reporting it done.
	api(t, http.MethodPut, c+"/items/"+quizItem.ID+"/progress", learner, q{"deviceId": "hp", "sessionSeconds": 5, "completed": true}, nil)

	var at attemptView
	st, raw = api(t, http.MethodPost, attempts, learner, nil, &at)
	expect(t, "start", st, raw, http.StatusCreated)
	if at.Status != "in-progress" || len(at.Questions) != 7 || at.SecondsLeft == nil || *at.SecondsLeft > 1800 || *at.SecondsLeft < 1700 {
		t.Fatalf("new attempt: %s", raw)
	}
	for _, leak := range []string{"\"correct\"", "\"accepted\"", "\"value\"", "APD\"", "Sebut titik kumpul", "\"right\":\"Keselamatan\",\"left\""} {
		if strings.Contains(string(raw), leak) {
			t.Fatalf("the attempt leaks %s: %s", leak, raw)
		}
	}
	answers := q{
		qids[0]: q{"choices": []string{"a"}},
		qids[1]: q{"choices": []string{"b", "a"}},
		qids[2]: q{"choices": []string{"false"}}, // wrong
		qids[3]: q{"text": "  apd "},
	}
	st, raw = api(t, http.MethodPut, attempts+"/"+at.ID, learner, q{"answers": answers}, nil)
	expect(t, "save", st, raw, http.StatusOK)
	if st, raw := api(t, http.MethodPut, attempts+"/"+at.ID, learner, q{"answers": q{qids[0]: q{"choices": []string{"zz"}}}}, nil); st != http.StatusBadRequest {
		t.Fatalf("an answer naming no option: %d %s", st, raw)
	}
	// A reload: starting again resumes the same attempt, answers kept.
	var again attemptView
	st, raw = api(t, http.MethodPost, attempts, learner, nil, &again)
	expect(t, "resume", st, raw, http.StatusOK)
	if again.ID != at.ID || len(again.Answers) != 4 {
		t.Fatalf("resume: %s", raw)
	}
	// Matching: rights are named by the attempt's tokens, not pair ids.
	token := map[string]string{}
	for _, qq := range at.Questions {
		for _, r := range qq.Rights {
			if r.ID == "p1" || r.ID == "p2" {
				t.Fatalf("a right item carries its pair's id: %+v", qq.Rights)
			}
			token[r.Text] = r.ID
		}
	}
	st, raw = api(t, http.MethodPut, attempts+"/"+at.ID, learner, q{"answers": q{
		qids[4]: q{"number": 20},
		qids[5]: q{"matches": q{"p1": token["Keselamatan"], "p2": token["Jam pelajaran"]}},
		qids[6]: q{"text": "Keluar lewat jalur evakuasi menuju titik kumpul."},
	}}, nil)
	expect(t, "save more", st, raw, http.StatusOK)
	// Another learner cannot read, answer or submit it.
	for _, m := range []string{http.MethodGet, http.MethodPut} {
		if st, _ := api(t, m, attempts+"/"+at.ID, other, q{"answers": q{}}, nil); st != http.StatusNotFound {
			t.Errorf("other learner %s: %d", m, st)
		}
	}
	if st, _ := api(t, http.MethodPost, attempts+"/"+at.ID+"/submit", other, nil, nil); st != http.StatusNotFound {
		t.Errorf("other learner submits: %d", st)
	}

	var done attemptView
	st, raw = api(t, http.MethodPost, attempts+"/"+at.ID+"/submit", learner, nil, &done)
	expect(t, "submit", st, raw, http.StatusOK)
	want := map[string]float64{qids[0]: 1, qids[1]: 2, qids[2]: 0, qids[3]: 1, qids[4]: 1, qids[5]: 2, qids[6]: 0}
	for id, score := range want {
		r := done.Results[id]
		if r.Score != score || r.Graded != (id != qids[6]) {
			t.Errorf("question %s: %+v, want %v", id, r, score)
		}
	}
	if done.Status != "submitted" || done.Score != 7 || done.MaxScore != 10 || done.Passed || !done.ReviewAvailable || len(done.Review[qids[3]].Accepted) != 1 {
		t.Fatalf("submitted: %s", raw)
	}
	if st, raw := api(t, http.MethodPost, attempts+"/"+at.ID+"/submit", learner, nil, nil); st != http.StatusConflict || errorCode(raw) != "attempt_submitted" {
		t.Fatalf("second submission: %d %s", st, raw)
	}
	if st, _ := api(t, http.MethodPut, attempts+"/"+at.ID, learner, q{"answers": answers}, nil); st != http.StatusConflict {
		t.Fatalf("answering after submission: %d", st)
	}
	// Not passed yet: the item is not complete.
	var lv learnerCourseView
	api(t, http.MethodGet, c, learner, nil, &lv)
	if lv.Progress[quizItem.ID].Completed {
		t.Fatal("the quiz item is complete before passing")
	}

	// Staff grade the essay: 7 + 2 of 10 passes (60%), completing the item.
	if st, _ := api(t, http.MethodPost, attempts+"/"+at.ID+"/grade", learner, q{"results": q{qids[6]: q{"score": 2}}}, nil); st != http.StatusForbidden {
		t.Fatalf("a learner grades: %d", st)
	}
	if st, _ := api(t, http.MethodPost, attempts+"/"+at.ID+"/grade", admin, q{"results": q{qids[6]: q{"score": 5}}}, nil); st != http.StatusBadRequest {
		t.Fatalf("a score above the points: %d", st)
	}
	var graded attemptView
	st, raw = api(t, http.MethodPost, attempts+"/"+at.ID+"/grade", admin, q{"results": q{qids[6]: q{"score": 2, "feedback": "Baik."}}}, &graded)
	expect(t, "grade", st, raw, http.StatusOK)
	if graded.Status != "graded" || graded.Score != 9 || graded.Percent != 90 || !graded.Passed {
		t.Fatalf("graded: %s", raw)
	}
	api(t, http.MethodGet, c, learner, nil, &lv)
	if !lv.Progress[quizItem.ID].Completed || lv.Learning.Percent != 100 {
		t.Fatalf("after passing: %+v", lv.Learning)
	}

	// A pre-test, answered wrong: the gradebook shows the gain to the
	// post-test, per learner and for the batch, and exports it.
	var pre itemView
	st, raw = api(t, http.MethodPost, c+"/items", admin, q{"sectionId": sec.ID, "kind": "quiz", "title": "Pre-test",
		"quiz": q{"kind": "pretest", "questionIds": []string{qids[2]}, "passPercent": 0}}, &pre)
	expect(t, "pre-test item", st, raw, http.StatusCreated)
	var p attemptView
	preAttempts := c + "/items/" + pre.ID + "/attempts"
	api(t, http.MethodPost, preAttempts, learner, nil, &p)
	api(t, http.MethodPut, preAttempts+"/"+p.ID, learner, q{"answers": q{qids[2]: q{"choices": []string{"false"}}}}, nil)
	st, raw = api(t, http.MethodPost, preAttempts+"/"+p.ID+"/submit", learner, nil, nil)
	expect(t, "pre-test submit", st, raw, http.StatusOK)
	var book struct {
		Items        []struct{ ItemID string } `json:"items"`
		Participants []struct {
			Username string   `json:"username"`
			Pre      *float64 `json:"pre"`
			Post     *float64 `json:"post"`
			Gain     *float64 `json:"gain"`
			Passed   bool     `json:"passed"`
		} `json:"participants"`
		Summary struct {
			Learners int      `json:"learners"`
			MeanGain *float64 `json:"meanGain"`
			Passed   int      `json:"passed"`
		} `json:"summary"`
	}
	gb := "/tenants/" + demo.TenantID + "/batches/" + b.ID + "/gradebook"
	st, raw = api(t, http.MethodGet, gb, admin, nil, &book)
	expect(t, "gradebook", st, raw, http.StatusOK)
	var mineRow *struct {
		Username string   `json:"username"`
		Pre      *float64 `json:"pre"`
		Post     *float64 `json:"post"`
		Gain     *float64 `json:"gain"`
		Passed   bool     `json:"passed"`
	}
	for i := range book.Participants {
		if book.Participants[i].Pre != nil {
			mineRow = &book.Participants[i]
		}
	}
	if len(book.Items) != 2 || len(book.Participants) != 2 || mineRow == nil || *mineRow.Pre != 0 || *mineRow.Post != 90 || *mineRow.Gain != 90 ||
		!mineRow.Passed || book.Summary.Learners != 2 || book.Summary.Passed != 1 || book.Summary.MeanGain == nil || *book.Summary.MeanGain != 90 {
		t.Fatalf("gradebook: %s", raw)
	}
	st, raw = apiRaw(t, http.MethodGet, gb+"?format=csv", admin, nil, "")
	expect(t, "gradebook CSV", st, raw, http.StatusOK)
	if !strings.Contains(string(raw), "Kenaikan") || !strings.Contains(string(raw), ",0,90,90,") {
		t.Fatalf("gradebook CSV: %s", raw)
	}
	if st, _ := api(t, http.MethodGet, gb, learner, nil, nil); st != http.StatusForbidden {
		t.Fatalf("a learner reads the gradebook: %d", st)
	}

	// Staff list every attempt; the learner sees theirs without answers.
	var all struct {
		Items []attemptView `json:"items"`
	}
	st, raw = api(t, http.MethodGet, attempts, admin, nil, &all)
	expect(t, "staff list", st, raw, http.StatusOK)
	if len(all.Items) != 1 {
		t.Fatalf("staff list: %s", raw)
	}
	st, raw = api(t, http.MethodGet, attempts, other, nil, &all)
	expect(t, "other's list", st, raw, http.StatusOK)
	if len(all.Items) != 0 {
		t.Fatalf("another learner lists: %s", raw)
	}
}

// The server's clock rules the time limit: answers after the deadline (and
// a short grace) are refused, and the attempt is submitted as it was.
func TestQuizTimeLimitOnTheServer(t *testing.T) {
	admin := adminToken(t)
	base := "/tenants/" + demo.TenantID + "/courses"
	var o outlineView
	api(t, http.MethodPost, base, admin, map[string]any{"code": "KUIS-WAKTU", "title": "Kuis Waktu", "jp": 1}, &o)
	c := base + "/" + o.Course.ID
	var sec sectionView
	api(t, http.MethodPost, c+"/sections", admin, map[string]any{"title": "Tes"}, &sec)
	var qn struct {
		ID string `json:"id"`
	}
	st, raw := api(t, http.MethodPost, c+"/questions", admin, map[string]any{"type": "truefalse", "text": "Benar?", "points": 1, "correct": []string{"true"}}, &qn)
	expect(t, "question", st, raw, http.StatusCreated)
	closes := time.Now().Add(2 * time.Second).UTC().Format(time.RFC3339)
	var it itemView
	st, raw = api(t, http.MethodPost, c+"/items", admin, map[string]any{"sectionId": sec.ID, "kind": "quiz", "title": "Pre-test",
		"quiz": map[string]any{"kind": "pretest", "questionIds": []string{qn.ID}, "passPercent": 100, "closesAt": closes}}, &it)
	expect(t, "quiz", st, raw, http.StatusCreated)
	attempts := c + "/items/" + it.ID + "/attempts"
	var at attemptView
	st, raw = api(t, http.MethodPost, attempts, admin, nil, &at) // staff may try their own quiz
	expect(t, "start", st, raw, http.StatusCreated)
	st, raw = api(t, http.MethodPut, attempts+"/"+at.ID, admin, map[string]any{"answers": map[string]any{qn.ID: map[string]any{"choices": []string{"true"}}}}, nil)
	expect(t, "save in time", st, raw, http.StatusOK)
	time.Sleep(2*time.Second + 5*time.Second + 500*time.Millisecond) // deadline + grace: a bound, not a measurement
	st, raw = api(t, http.MethodPut, attempts+"/"+at.ID, admin, map[string]any{"answers": map[string]any{qn.ID: map[string]any{"choices": []string{"false"}}}}, nil)
	if st != http.StatusConflict || errorCode(raw) != "attempt_time_up" {
		t.Fatalf("answer after the deadline: %d %s", st, raw)
	}
	var done attemptView
	st, raw = api(t, http.MethodGet, attempts+"/"+at.ID, admin, nil, &done)
	expect(t, "read", st, raw, http.StatusOK)
	if done.Status != "graded" || done.Score != 1 || !done.Passed {
		t.Fatalf("after the deadline: %s", raw)
	}
	if st, raw := api(t, http.MethodPost, attempts, admin, nil, nil); st != http.StatusConflict || errorCode(raw) != "quiz_closed" {
		t.Fatalf("a new attempt after closing: %d %s", st, raw)
	}
}
