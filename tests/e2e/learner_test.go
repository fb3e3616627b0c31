package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// A participant registers through the page, an admin approves and enrolls
// them through the admin pages (admin_test.go), then they study a course
// with a video, a PDF and a required text page in the browser: sign-in,
// my batches, the course, the video plays (HLS through the API), the PDF
// opens, the text page is marked done, 100 percent, the batch's evaluation
// form answered. After the admin
// generates certificates, the participant downloads theirs from "my
// certificates" and the QR target verifies it; the admin sees the
// evaluation's results.
// Pages are screenshotted at desktop and 360 px widths and scanned with axe.
func TestLearnerJourney(t *testing.T) {
	browserReady(t)
	admin := adminToken(t)
	base := "/tenants/" + tenant

	// A published course: video, PDF and text page, all required.
	var course struct {
		Course struct {
			ID string `json:"id"`
		} `json:"course"`
	}
	must(t, "create course", http.StatusCreated)(api(t, http.MethodPost, base+"/courses", admin, map[string]any{
		"code": "E2E-K3", "title": "Keselamatan Kerja Tambang Bawah Tanah", "jp": 4,
		"description": "Mata diklat ini membahas **keselamatan kerja** di tambang bawah tanah: alat pelindung diri dan bahaya gas."}, &course))
	courseBase := base + "/courses/" + course.Course.ID
	var section struct {
		ID string `json:"id"`
	}
	must(t, "section", http.StatusCreated)(api(t, http.MethodPost, courseBase+"/sections", admin, map[string]string{"title": "Bab 1: Pengenalan K3 Tambang"}, &section))
	item := func(body map[string]any) string {
		var it struct {
			ID string `json:"id"`
		}
		body["sectionId"] = section.ID
		body["required"] = true
		must(t, "item", http.StatusCreated)(api(t, http.MethodPost, courseBase+"/items", admin, body, &it))
		return it.ID
	}
	videoItem := item(map[string]any{"kind": "video", "title": "Video pengantar K3", "durationMinutes": 1})
	pdfItem := item(map[string]any{"kind": "pdf", "title": "Modul alat pelindung diri", "durationMinutes": 10})
	textItem := item(map[string]any{"kind": "text", "title": "Bahaya gas metana", "durationMinutes": 5,
		"body": "## Gas metana\n\nMetana (CH4) **mudah meledak** pada kadar 5-15% di udara.\n\n- Ukur kadar gas sebelum masuk.\n- Pastikan ventilasi berjalan.\n"})
	uploadMaterial(t, admin, course.Course.ID, videoItem, "Video pengantar K3.mp4", "video/mp4", makeVideo(t))
	uploadMaterial(t, admin, course.Course.ID, pdfItem, "modul-apd.pdf", "application/pdf",
		makePDF(t, "Modul Alat Pelindung Diri (APD)", "Helm, sepatu bot, lampu kepala dan masker wajib dipakai."))
	must(t, "publish", http.StatusOK)(api(t, http.MethodPost, courseBase+"/publish", admin, nil, nil))

	// A running batch with the participant, enrolled by the admin.
	var batch struct {
		ID string `json:"id"`
	}
	must(t, "create batch", http.StatusCreated)(api(t, http.MethodPost, base+"/batches", admin, map[string]any{
		"name": "Angkatan I K3 Tambang 2026", "code": "E2E-K3-I", "courseIds": []string{course.Course.ID},
		"startDate": time.Now().Format("2006-01-02"), "endDate": time.Now().AddDate(0, 0, 14).Format("2006-01-02"),
		"mode": "non-klasikal", "capacity": 30, "enrollmentPolicy": "admin"}, &batch))
	batchBase := base + "/batches/" + batch.ID
	must(t, "open", http.StatusOK)(api(t, http.MethodPatch, batchBase, admin, map[string]any{"status": "open"}, nil))
	const nik = "3273014506920001"
	env := map[string]string{
		"TENANT": tenant, "LEARNER_NIK": nik, "LEARNER_PASSWORD": "PesertaK3Baru2026", "LEARNER_NAME": "Rina Marlina",
		"BATCH_ID": batch.ID, "BATCH_NAME": "Angkatan I K3 Tambang 2026",
		"COURSE_ID": course.Course.ID, "VIDEO_ITEM": videoItem, "PDF_ITEM": pdfItem, "TEXT_ITEM": textItem,
	}
	// The participant registers in the browser; the admin approves and
	// enrolls them through the admin pages (admin_test.go).
	registerThroughPages(t, admin, env)
	must(t, "running", http.StatusOK)(api(t, http.MethodPatch, batchBase, admin, map[string]any{"status": "running"}, nil))

	runSpec(t, "learner.mjs", env)

	// The browser's reports completed the batch.
	var mine struct {
		Items []struct {
			BatchID   string `json:"batchId"`
			Completed bool   `json:"completed"`
		} `json:"items"`
	}
	var learner struct {
		AccessToken string `json:"accessToken"`
	}
	must(t, "learner login", http.StatusOK)(api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": nik, "password": env["LEARNER_PASSWORD"]}, &learner))
	must(t, "my batches", http.StatusOK)(api(t, http.MethodGet, base+"/me/batches", learner.AccessToken, nil, &mine))
	if len(mine.Items) != 1 || mine.Items[0].BatchID != batch.ID || !mine.Items[0].Completed {
		t.Fatalf("the enrollment is not completed after the browser session: %+v", mine.Items)
	}

	// The admin generates certificates.
	var job struct {
		Status string `json:"status"`
		Issued int    `json:"issued"`
	}
	must(t, "start certificates", http.StatusAccepted)(api(t, http.MethodPost, batchBase+"/certificates", admin, nil, &job))
	deadline := time.Now().Add(2 * time.Minute)
	for job.Status != "done" {
		if job.Status == "failed" || time.Now().After(deadline) {
			t.Fatalf("certificate job: %+v", job)
		}
		time.Sleep(200 * time.Millisecond)
		must(t, "job", http.StatusOK)(api(t, http.MethodGet, batchBase+"/certificates/job", admin, nil, &job))
	}
	if job.Issued != 1 {
		t.Fatalf("certificates issued: %d", job.Issued)
	}
	var certs struct {
		Items []struct {
			Number string `json:"number"`
		} `json:"items"`
	}
	must(t, "my certificates", http.StatusOK)(api(t, http.MethodGet, base+"/me/certificates", learner.AccessToken, nil, &certs))
	if len(certs.Items) != 1 || !strings.HasPrefix(certs.Items[0].Number, "BDTBT-") {
		t.Fatalf("certificates: %+v", certs.Items)
	}
	env["CERT_NUMBER"] = certs.Items[0].Number
	runSpec(t, "certificate.mjs", env)

	// The evaluation the participant answered on the batch page, as the admin sees it.
	checkEvaluationResults(t, admin, env)
}
