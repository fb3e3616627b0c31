package e2e

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"lms/infra/demo"
)

// A course with a pre-test, a text page, an assignment and a post-test in a
// running batch taught by the seeded instructor. In the browser the learner
// takes the pre-test (scoring low), reloads the page mid-attempt and finds
// the answers and the clock kept, reads the text page, submits the
// assignment with a PDF uploaded through the page, and takes the post-test
// at 360 px (scoring high), and answers an essay in a practice quiz; the
// instructor adds a question to the bank, grades the assignment in the bulk
// grading table and the essay, and reads the learner's gain and the
// batch's means in the gradebook. The API then confirms what
// the pages showed: one pre-test attempt (the reload resumed it), the grade
// and the gradebook's numbers.
func TestQuizJourney(t *testing.T) {
	browserReady(t)
	admin := adminToken(t)
	base := "/tenants/" + tenant
	var instructor demo.Account
	for _, a := range demo.Accounts {
		if a.Role == "instructor" {
			instructor = a
		}
	}
	var itk struct {
		AccessToken string `json:"accessToken"`
	}
	must(t, "instructor login", http.StatusOK)(api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": instructor.Username, "password": instructor.Password}, &itk))
	var me struct {
		User struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	must(t, "instructor me", http.StatusOK)(api(t, http.MethodGet, "/me", itk.AccessToken, nil, &me))

	// The course, taught by the instructor.
	var course struct {
		Course struct {
			ID string `json:"id"`
		} `json:"course"`
	}
	must(t, "create course", http.StatusCreated)(api(t, http.MethodPost, base+"/courses", admin, map[string]any{
		"code": "E2E-GAS", "title": "Pengukuran Gas Tambang", "jp": 2,
		"description": "Mengukur dan mengendalikan gas berbahaya di tambang bawah tanah."}, &course))
	courseBase := base + "/courses/" + course.Course.ID
	must(t, "instructors", http.StatusOK)(api(t, http.MethodPatch, courseBase, admin, map[string]any{"instructorIds": []string{me.User.ID}}, nil))
	var section struct {
		ID string `json:"id"`
	}
	must(t, "section", http.StatusCreated)(api(t, http.MethodPost, courseBase+"/sections", admin, map[string]string{"title": "Bab 1: Gas di tambang"}, &section))

	// The question bank: five questions of one point, asked by both tests.
	type m = map[string]any
	questions := []m{
		{"type": "single", "text": "Alat untuk mengukur kadar gas metana adalah …", "points": 1, "tags": []string{"gas"},
			"options": []m{{"id": "a", "text": "Metanometer"}, {"id": "b", "text": "Termometer"}, {"id": "c", "text": "Barometer"}}, "correct": []string{"a"},
			"feedback": "Metanometer (detektor metana) mengukur kadar CH4 di udara."},
		{"type": "multiple", "text": "Pilih gas yang berbahaya di tambang bawah tanah.", "points": 1, "tags": []string{"gas"},
			"options": []m{{"id": "a", "text": "Metana (CH4)"}, {"id": "b", "text": "Karbon monoksida (CO)"}, {"id": "c", "text": "Oksigen (O2) pada kadar normal"}}, "correct": []string{"a", "b"}},
		{"type": "truefalse", "text": "Metana lebih berat daripada udara.", "points": 1, "tags": []string{"gas"}, "correct": []string{"false"},
			"feedback": "Metana lebih ringan daripada udara dan berkumpul di atap terowongan."},
		{"type": "numeric", "text": "Satu JP sama dengan 45 menit. Berapa jam dalam 2 JP?", "points": 1, "value": 1.5, "tolerance": 0},
		{"type": "matching", "text": "Pasangkan gas dengan rumus kimianya.", "points": 1, "tags": []string{"gas"},
			"pairs": []m{{"id": "p1", "left": "Metana", "right": "CH4"}, {"id": "p2", "left": "Karbon monoksida", "right": "CO"}}},
	}
	// An essay for a practice quiz, graded by the instructor.
	questions = append(questions, m{"type": "essay", "text": "Jelaskan mengapa ventilasi tambang harus terus berjalan.", "points": 5, "tags": []string{"ventilasi"}})
	var qids []string
	for _, q := range questions {
		var created struct {
			ID string `json:"id"`
		}
		must(t, "question", http.StatusCreated)(api(t, http.MethodPost, courseBase+"/questions", admin, q, &created))
		qids = append(qids, created.ID)
	}
	essay := qids[5]
	qids = qids[:5]
	item := func(body m) string {
		var it struct {
			ID string `json:"id"`
		}
		body["sectionId"] = section.ID
		if _, ok := body["required"]; !ok {
			body["required"] = true
		}
		must(t, "item", http.StatusCreated)(api(t, http.MethodPost, courseBase+"/items", admin, body, &it))
		return it.ID
	}
	// A pre-test passes at any score (passPercent 0): it measures, it does not gate.
	preItem := item(m{"kind": "quiz", "title": "Pre-test pengukuran gas", "durationMinutes": 10,
		"quiz": m{"kind": "pretest", "questionIds": qids, "shuffleOptions": true, "timeLimitMinutes": 10, "maxAttempts": 1, "passPercent": 0, "review": "after-submit"}})
	textItem := item(m{"kind": "text", "title": "Gas berbahaya di tambang", "durationMinutes": 5,
		"body": "## Metana dan karbon monoksida\n\nMetana (CH4) **lebih ringan** daripada udara; karbon monoksida (CO) beracun.\n\n- Ukur kadar gas sebelum masuk.\n- Satu JP sama dengan 45 menit.\n"})
	due := time.Now().Add(7 * 24 * time.Hour).UTC().Truncate(time.Second)
	taskItem := item(m{"kind": "assignment", "title": "Laporan pengukuran gas", "durationMinutes": 30,
		"body": "Ukur kadar gas di **tiga titik** terowongan, lalu unggah laporannya (PDF) dan tulis ringkasan singkat.",
		"assignment": m{"dueAt": due.Format(time.RFC3339), "latePolicy": "penalty", "penaltyPercent": 10, "allowText": true, "allowFile": true,
			"fileKinds": []string{"pdf"}, "maxSizeMb": 5, "maxScore": 100}})
	postItem := item(m{"kind": "quiz", "title": "Post-test pengukuran gas", "durationMinutes": 10,
		"quiz": m{"kind": "posttest", "questionIds": qids, "shuffleOptions": true, "timeLimitMinutes": 10, "maxAttempts": 2, "passPercent": 70, "review": "after-submit"}})
	practiceItem := item(m{"kind": "quiz", "title": "Latihan esai ventilasi", "durationMinutes": 10, "required": false,
		"quiz": m{"kind": "quiz", "questionIds": []string{essay}, "passPercent": 60, "review": "after-submit"}})
	must(t, "publish", http.StatusOK)(api(t, http.MethodPost, courseBase+"/publish", admin, nil, nil))

	// A running batch taught by the instructor, with the learner.
	var batch struct {
		ID string `json:"id"`
	}
	must(t, "create batch", http.StatusCreated)(api(t, http.MethodPost, base+"/batches", admin, map[string]any{
		"name": "Angkatan I Pengukuran Gas 2026", "code": "E2E-GAS-I", "courseIds": []string{course.Course.ID}, "instructorIds": []string{me.User.ID},
		"startDate": time.Now().Format("2006-01-02"), "endDate": time.Now().AddDate(0, 0, 14).Format("2006-01-02"),
		"mode": "non-klasikal", "capacity": 30, "enrollmentPolicy": "admin"}, &batch))
	batchBase := base + "/batches/" + batch.ID
	must(t, "open", http.StatusOK)(api(t, http.MethodPatch, batchBase, admin, map[string]any{"status": "open"}, nil))
	const nik, password = "3273012103880002", "PesertaGas2026"
	var created struct {
		Membership struct {
			UserID string `json:"userId"`
		} `json:"membership"`
		Account struct {
			TemporaryPassword string `json:"temporaryPassword"`
		} `json:"account"`
	}
	must(t, "create learner", http.StatusCreated)(api(t, http.MethodPost, base+"/users", admin,
		map[string]string{"username": nik, "name": "Dedi Kurniawan", "role": "learner"}, &created))
	// The first sign-in's new password through the API (the learner test covers that page).
	var ch struct {
		Challenge string `json:"challenge"`
		Session   string `json:"session"`
	}
	must(t, "first login", http.StatusOK)(api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": nik, "password": created.Account.TemporaryPassword}, &ch))
	var ltk struct {
		AccessToken string `json:"accessToken"`
	}
	must(t, "new password", http.StatusOK)(api(t, http.MethodPost, "/auth/challenge", "", map[string]string{"username": nik, "session": ch.Session, "newPassword": password}, &ltk))
	must(t, "enroll", http.StatusOK)(api(t, http.MethodPost, batchBase+"/enrollments", admin, map[string]any{"userIds": []string{created.Membership.UserID}}, nil))
	must(t, "running", http.StatusOK)(api(t, http.MethodPatch, batchBase, admin, map[string]any{"status": "running"}, nil))

	report := filepath.Join(t.TempDir(), "laporan-gas.pdf")
	if err := os.WriteFile(report, makePDF(t, "Laporan pengukuran gas", "Titik 1: CH4 0,2%; titik 2: CH4 0,3%; titik 3: CH4 0,1%."), 0o600); err != nil {
		t.Fatal(err)
	}
	picture := filepath.Join(t.TempDir(), "helm-apd.png")
	if err := os.WriteFile(picture, makePNG(t), 0o600); err != nil {
		t.Fatal(err)
	}
	runSpec(t, "quiz.mjs", map[string]string{
		"TENANT": tenant, "COURSE_ID": course.Course.ID, "BATCH_ID": batch.ID,
		"PRE_ITEM": preItem, "TEXT_ITEM": textItem, "TASK_ITEM": taskItem, "POST_ITEM": postItem, "PRACTICE_ITEM": practiceItem,
		"LEARNER_NIK": nik, "LEARNER_PASSWORD": password, "LEARNER_NAME": "Dedi Kurniawan", "REPORT_FILE": report, "QUESTION_IMAGE": picture,
		"INSTRUCTOR_USERNAME": instructor.Username, "INSTRUCTOR_PASSWORD": instructor.Password,
	})

	// What the pages showed, from the API.
	var pre struct {
		Items []struct {
			ID      string  `json:"id"`
			Status  string  `json:"status"`
			Percent float64 `json:"percent"`
		} `json:"items"`
	}
	must(t, "pre-test attempts", http.StatusOK)(api(t, http.MethodGet, courseBase+"/items/"+preItem+"/attempts", ltk.AccessToken, nil, &pre))
	if len(pre.Items) != 1 || pre.Items[0].Status != "graded" || pre.Items[0].Percent != 20 {
		t.Fatalf("pre-test attempts (the reload must resume the one attempt): %+v", pre.Items)
	}
	var practice struct {
		Items []struct {
			Status  string  `json:"status"`
			Percent float64 `json:"percent"`
			Passed  bool    `json:"passed"`
		} `json:"items"`
	}
	must(t, "practice attempts", http.StatusOK)(api(t, http.MethodGet, courseBase+"/items/"+practiceItem+"/attempts", ltk.AccessToken, nil, &practice))
	if len(practice.Items) != 1 || practice.Items[0].Status != "graded" || practice.Items[0].Percent != 80 || !practice.Items[0].Passed {
		t.Fatalf("the essay attempt after grading: %+v", practice.Items)
	}
	var subs struct {
		Items []struct {
			Grade    *float64 `json:"grade"`
			Feedback string   `json:"feedback"`
			FileName string   `json:"fileName"`
			Text     string   `json:"text"`
		} `json:"items"`
	}
	must(t, "my submission", http.StatusOK)(api(t, http.MethodGet, courseBase+"/items/"+taskItem+"/submissions", ltk.AccessToken, nil, &subs))
	if len(subs.Items) != 1 || subs.Items[0].Grade == nil || *subs.Items[0].Grade != 85 || subs.Items[0].FileName != "laporan-gas.pdf" || subs.Items[0].Feedback == "" || subs.Items[0].Text == "" {
		t.Fatalf("the learner's submission after grading: %+v", subs.Items)
	}
	var book struct {
		Participants []struct {
			Pre     *float64 `json:"pre"`
			Post    *float64 `json:"post"`
			Gain    *float64 `json:"gain"`
			Average float64  `json:"average"`
			Passed  bool     `json:"passed"`
		} `json:"participants"`
		Summary struct {
			MeanGain *float64 `json:"meanGain"`
		} `json:"summary"`
	}
	must(t, "gradebook", http.StatusOK)(api(t, http.MethodGet, batchBase+"/gradebook", itk.AccessToken, nil, &book))
	if len(book.Participants) != 1 {
		t.Fatalf("gradebook participants: %+v", book.Participants)
	}
	p := book.Participants[0]
	if p.Pre == nil || *p.Pre != 20 || p.Post == nil || *p.Post != 100 || p.Gain == nil || *p.Gain != 80 || math.Abs(p.Average-71.25) > 1e-9 || !p.Passed ||
		book.Summary.MeanGain == nil || *book.Summary.MeanGain != 80 {
		t.Fatalf("gradebook row %+v, summary %+v", p, book.Summary)
	}
}

// makePNG draws a small picture for a question (a yellow helmet-coloured
// disc on blue).
func makePNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 240, 160))
	for y := 0; y < 160; y++ {
		for x := 0; x < 240; x++ {
			c := color.RGBA{31, 78, 156, 255}
			if dx, dy := x-120, y-80; dx*dx+dy*dy < 60*60 {
				c = color.RGBA{242, 183, 5, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
