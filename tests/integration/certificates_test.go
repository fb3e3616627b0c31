package integration

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"lms/infra/demo"
	"lms/shared/clock"
	"lms/tests/pdfcheck"
)

type certJobView struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	Total     int    `json:"total"`
	Processed int    `json:"processed"`
	Issued    int    `json:"issued"`
	Skipped   int    `json:"skipped"`
	Failed    int    `json:"failed"`
	Failures  []struct {
		UserID string `json:"userId"`
		Reason string `json:"reason"`
	} `json:"failures"`
}

type certView struct {
	Number      string `json:"number"`
	UserID      string `json:"userId"`
	Name        string `json:"name"`
	Status      string `json:"status"`
	Training    string `json:"training"`
	BatchName   string `json:"batchName"`
	JP          int    `json:"jp"`
	DownloadURL string `json:"downloadUrl"`
}

type certPage struct {
	Items      []certView `json:"items"`
	NextCursor string     `json:"nextCursor"`
}

// runCertificates starts mass generation and waits (bounded) for its end.
func runCertificates(t testing.TB, admin, base string) certJobView {
	t.Helper()
	var job certJobView
	st, raw := api(t, http.MethodPost, base+"/certificates", admin, nil, &job)
	expect(t, "start certificates", st, raw, http.StatusAccepted)
	if job.Status != "queued" || job.ID == "" {
		t.Fatalf("new job: %s", raw)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var cur certJobView
		st, raw := api(t, http.MethodGet, base+"/certificates/job", admin, nil, &cur)
		expect(t, "job progress", st, raw, http.StatusOK)
		if cur.ID != job.ID {
			t.Fatalf("job %s replaced by %s", job.ID, cur.ID)
		}
		if cur.Status == "done" || cur.Status == "failed" {
			return cur
		}
		if time.Now().After(deadline) {
			t.Fatalf("job still %s after 2 minutes: %s", cur.Status, raw)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func testLogo(t *testing.T) string {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		for y := range 48 {
			img.Set(x, y, color.RGBA{0x0b, uint8(x * 4), uint8(y * 5), 0xff})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// Graduates of a batch get certificates in one background job: numbers
// per tenant and year, a PDF whose text and QR code agree with the public
// verification, a re-run that issues nothing twice, and revocation.
func TestCertificates(t *testing.T) {
	if err := pdfcheck.Available(); err != nil {
		t.Skip(err)
	}
	admin := adminToken(t)
	pc := publishCourse(t, admin, "CERT-C")
	b := createBatch(t, admin, "CERT-B", "open", 10, pc.ID)
	tenantBase := "/tenants/" + demo.TenantID
	base := tenantBase + "/batches/" + b.ID
	api(t, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
	ids, tokens := newLearners(t, 3, 61)
	for _, tk := range tokens {
		st, raw := api(t, http.MethodPost, base+"/enrollments", tk, nil, nil)
		expect(t, "enroll", st, raw, http.StatusCreated)
	}
	// Two of three graduate (the third never completes).
	for _, id := range ids[:2] {
		st, raw := api(t, http.MethodPost, base+"/enrollments/"+id+"/complete", admin, map[string]any{"completed": true, "reason": "Lulus evaluasi akhir"}, nil)
		expect(t, "complete", st, raw, http.StatusOK)
	}

	// Settings: validated; saved with a logo.
	settingsURL := tenantBase + "/certificate-settings"
	var settings struct {
		NumberPrefix string `json:"numberPrefix"`
		IDDisplay    string `json:"idDisplay"`
		Version      int    `json:"version"`
		HasLogo      bool   `json:"hasLogo"`
	}
	st, raw := api(t, http.MethodGet, settingsURL, admin, nil, &settings)
	expect(t, "default settings", st, raw, http.StatusOK)
	if settings.NumberPrefix != "BDTBT" || settings.IDDisplay != "masked" || settings.Version != 0 {
		t.Fatalf("defaults: %s", raw)
	}
	good := map[string]any{"numberPrefix": "SERT", "idDisplay": "masked", "signatoryName": "Dr. Ir. Bambang Sutrisno, M.T.",
		"signatoryTitle": "Kepala Balai Diklat", "signatoryNip": "197001011995031001", "city": "Sawahlunto", "logo": testLogo(t), "version": 0}
	for name, bad := range map[string]map[string]any{
		"prefix with a dash": {"numberPrefix": "SE-RT"},
		"unknown display":    {"idDisplay": "partial"},
		"logo not an image":  {"logo": base64.StdEncoding.EncodeToString([]byte("bukan gambar"))},
		"short NIP":          {"signatoryNip": "1970"},
		"unknown field":      {"colour": "red"},
	} {
		body := map[string]any{}
		for k, v := range good {
			body[k] = v
		}
		for k, v := range bad {
			body[k] = v
		}
		if st, raw := api(t, http.MethodPut, settingsURL, admin, body, nil); st != http.StatusBadRequest {
			t.Errorf("%s: %d %s", name, st, raw)
		}
	}
	st, raw = api(t, http.MethodPut, settingsURL, admin, good, &settings)
	expect(t, "save settings", st, raw, http.StatusOK)
	if !settings.HasLogo || settings.Version != 1 {
		t.Fatalf("saved: %s", raw)
	}
	if st, raw := api(t, http.MethodPut, settingsURL, admin, good, nil); st != http.StatusConflict {
		t.Fatalf("stale version: %d %s", st, raw)
	}

	// Not before the batch runs.
	st, raw = api(t, http.MethodPost, base+"/certificates", admin, nil, nil)
	if st != http.StatusConflict || errorCode(raw) != "certificate_batch_state" {
		t.Fatalf("certificates of an open batch: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodGet, base+"/certificates/job", admin, nil, nil)
	if st != http.StatusNotFound || errorCode(raw) != "certificate_job_none" {
		t.Fatalf("job before any: %d %s", st, raw)
	}
	api(t, http.MethodPatch, base, admin, map[string]any{"status": "running"}, nil)

	job := runCertificates(t, admin, base)
	if job.Status != "done" || job.Total != 2 || job.Processed != 2 || job.Issued != 2 || job.Failed != 0 {
		t.Fatalf("first run: %+v", job)
	}
	var page certPage
	st, raw = api(t, http.MethodGet, base+"/certificates", admin, nil, &page)
	expect(t, "batch certificates", st, raw, http.StatusOK)
	if len(page.Items) != 2 {
		t.Fatalf("certificates: %s", raw)
	}
	year := time.Now().In(clock.Jakarta).Year()
	numberRE := regexp.MustCompile(fmt.Sprintf(`^SERT-%d-\d{6}$`, year))
	numbers := map[string]string{} // user -> number
	for _, c := range page.Items {
		if !numberRE.MatchString(c.Number) || c.Status != "valid" || c.JP != b.TotalJP || c.DownloadURL == "" {
			t.Fatalf("certificate %+v", c)
		}
		numbers[c.UserID] = c.Number
	}
	if numbers[ids[0]] == "" || numbers[ids[1]] == "" || numbers[ids[2]] != "" {
		t.Fatalf("who got one: %v", numbers)
	}

	// The participant downloads their own PDF; its text and QR code match
	// what the public verification answers.
	var mine certPage
	st, raw = api(t, http.MethodGet, tenantBase+"/me/certificates", tokens[0], nil, &mine)
	expect(t, "my certificates", st, raw, http.StatusOK)
	if len(mine.Items) != 1 || mine.Items[0].Number != numbers[ids[0]] {
		t.Fatalf("my certificates: %s", raw)
	}
	resp, err := http.Get(mine.Items[0].DownloadURL)
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("download: %d %q", resp.StatusCode, pdf[:min(len(pdf), 40)])
	}
	file := filepath.Join(t.TempDir(), "sertifikat.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := pdfcheck.Text(file)
	if err != nil {
		t.Fatal(err)
	}
	qr, err := pdfcheck.QR(file)
	if err != nil {
		t.Fatal(err)
	}
	number := numbers[ids[0]]
	if !strings.HasSuffix(qr, "/verifikasi/"+number) || !strings.HasPrefix(qr, srv.URL) {
		t.Fatalf("QR payload %q for %s", qr, number)
	}
	var ver struct {
		Number    string `json:"number"`
		Status    string `json:"status"`
		Name      string `json:"name"`
		Training  string `json:"training"`
		BatchName string `json:"batchName"`
		JP        int    `json:"jp"`
		Tenant    string `json:"tenant"`
	}
	st, raw = api(t, http.MethodGet, "/certificates/"+qr[strings.LastIndex(qr, "/")+1:], "", nil, &ver)
	expect(t, "public verification", st, raw, http.StatusOK)
	if ver.Number != number || ver.Status != "valid" || ver.Name != mine.Items[0].Name || ver.Training == "" {
		t.Fatalf("verification: %s", raw)
	}
	var roster struct {
		Items []struct {
			UserID   string `json:"userId"`
			Username string `json:"username"`
		} `json:"items"`
	}
	st, raw2 := api(t, http.MethodGet, base+"/enrollments", admin, nil, &roster)
	expect(t, "roster", st, raw2, http.StatusOK)
	nik := ""
	for _, e := range roster.Items {
		if e.UserID == ids[0] {
			nik = e.Username
		}
	}
	if len(nik) != 16 {
		t.Fatalf("NIK of %s not in %s", ids[0], raw2)
	}
	if strings.Contains(string(raw), nik) || strings.Contains(string(raw), ids[0]) {
		t.Fatalf("verification shows the NIK or the user id: %s", raw)
	}
	for _, want := range []string{ver.Number, ver.Name, ver.Training, ver.BatchName, ver.Tenant, fmt.Sprintf("%d Jam Pelajaran", ver.JP),
		"NIK " + nik[:4] + "********" + nik[12:], "Kepala Balai Diklat", "Dr. Ir. Bambang Sutrisno, M.T.", "NIP 197001011995031001"} {
		if !strings.Contains(strings.ToUpper(text), strings.ToUpper(want)) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, nik) {
		t.Error("the PDF prints the NIK in full although the tenant chose masked")
	}

	// Others: a participant sees only their own; the non-graduate none; a
	// learner cannot list the batch's or start a job.
	st, raw = api(t, http.MethodGet, tenantBase+"/me/certificates", tokens[2], nil, &mine)
	expect(t, "no certificates", st, raw, http.StatusOK)
	if len(mine.Items) != 0 {
		t.Fatalf("non-graduate's certificates: %s", raw)
	}
	if st, _ := api(t, http.MethodGet, base+"/certificates", tokens[0], nil, nil); st != http.StatusForbidden {
		t.Fatalf("learner lists the batch's certificates: %d", st)
	}
	if st, _ := api(t, http.MethodPost, base+"/certificates", tokens[0], nil, nil); st != http.StatusForbidden {
		t.Fatalf("learner starts a job: %d", st)
	}

	// A duplicated queue message of the finished job, then a re-run, issue
	// nothing twice (the queue delivers in order, so the duplicate has been
	// handled when the re-run ends).
	dup, _ := json.Marshal(map[string]string{"tenantId": demo.TenantID, "batchId": b.ID, "jobId": job.ID})
	if _, err := srv.Stack.Clients().SQS.SendMessage(context.Background(), &sqs.SendMessageInput{
		QueueUrl: aws.String(srv.Resources.Context.Refs["CertificateQueue"]), MessageBody: aws.String(string(dup))}); err != nil {
		t.Fatal(err)
	}
	st, raw = api(t, http.MethodPost, base+"/enrollments/"+ids[2]+"/complete", admin, map[string]any{"completed": true, "reason": "Susulan lulus"}, nil)
	expect(t, "late graduate", st, raw, http.StatusOK)
	again := runCertificates(t, admin, base)
	if again.Status != "done" || again.Total != 3 || again.Issued != 1 || again.Processed != 3 {
		t.Fatalf("re-run: %+v", again)
	}
	st, raw = api(t, http.MethodGet, base+"/certificates", admin, nil, &page)
	expect(t, "batch certificates again", st, raw, http.StatusOK)
	var got []string
	for _, c := range page.Items {
		got = append(got, c.Number)
		if prev := numbers[c.UserID]; prev != "" && prev != c.Number {
			t.Fatalf("%s renumbered from %s to %s", c.UserID, prev, c.Number)
		}
	}
	sort.Strings(got)
	if len(got) != 3 || got[0] == got[1] || got[1] == got[2] {
		t.Fatalf("numbers after re-run: %v", got)
	}

	// Revocation: the admin's, with a reason; verification says revoked.
	revoke := tenantBase + "/certificates/" + number + "/revoke"
	if st, _ := api(t, http.MethodPost, revoke, tokens[0], map[string]string{"reason": "Data peserta keliru"}, nil); st != http.StatusForbidden {
		t.Fatalf("learner revokes: %d", st)
	}
	if st, raw := api(t, http.MethodPost, revoke, admin, map[string]string{}, nil); st != http.StatusBadRequest {
		t.Fatalf("revoke without reason: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, revoke, admin, map[string]string{"reason": "Data peserta keliru"}, nil)
	expect(t, "revoke", st, raw, http.StatusOK)
	if st, raw := api(t, http.MethodPost, revoke, admin, map[string]string{"reason": "Lagi"}, nil); st != http.StatusConflict || errorCode(raw) != "certificate_revoked" {
		t.Fatalf("revoke twice: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodGet, "/certificates/"+number, "", nil, &ver)
	expect(t, "verify revoked", st, raw, http.StatusOK)
	if ver.Status != "revoked" || strings.Contains(string(raw), "keliru") {
		t.Fatalf("revoked verification: %s", raw)
	}
	third := runCertificates(t, admin, base)
	if third.Skipped != 1 || third.Issued != 0 || third.Processed != 3 {
		t.Fatalf("run after revocation: %+v", third)
	}

	for _, bad := range []string{"SERT-2026-999999", "sert-2026-000001", "SERT-2026-1", "SERT-2026-000001%2F..", "..%2F..%2Fetc"} {
		if st, raw := api(t, http.MethodGet, "/certificates/"+bad, "", nil, nil); st != http.StatusNotFound {
			t.Errorf("verify %q: %d %s", bad, st, raw)
		}
	}

	// Another tenant's admin cannot see, revoke or run any of it.
	op := demo.Accounts[3]
	opTok := signIn(t, op.Username, op.Password).AccessToken
	other := createTenant(t, opTok, "sert-lain", "approval")
	otherAdmin := firstSignIn(t, other.FirstAdmin.Username, other.FirstAdmin.TemporaryPassword, "AdminLain2026").AccessToken
	reason := map[string]string{"reason": "Uji lintas lembaga"}
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, "/tenants/sert-lain/batches/" + b.ID + "/certificates", nil},
		{http.MethodGet, "/tenants/sert-lain/batches/" + b.ID + "/certificates/job", nil},
		{http.MethodPost, "/tenants/sert-lain/batches/" + b.ID + "/certificates", nil},
		{http.MethodPost, "/tenants/sert-lain/certificates/" + got[1] + "/revoke", reason},
	} {
		if st, raw := api(t, c.method, c.path, otherAdmin, c.body, nil); st != http.StatusNotFound {
			t.Errorf("other tenant %s %s: %d %s", c.method, c.path, st, raw)
		}
	}
	for _, c := range []struct{ method, path string }{
		{http.MethodGet, base + "/certificates"},
		{http.MethodPost, revoke},
		{http.MethodGet, settingsURL},
	} {
		if st, _ := api(t, c.method, c.path, otherAdmin, reason, nil); st != http.StatusForbidden && st != http.StatusNotFound {
			t.Errorf("other tenant's admin on %s %s: %d", c.method, c.path, st)
		}
	}
	var theirs certPage
	st, raw = api(t, http.MethodGet, "/tenants/sert-lain/me/certificates", otherAdmin, nil, &theirs)
	expect(t, "their certificates", st, raw, http.StatusOK)
	if len(theirs.Items) != 0 {
		t.Fatalf("other tenant sees certificates: %s", raw)
	}
}
