package integration

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lms/infra/demo"
	"lms/infra/localgw"
	"lms/shared/clock"
	"lms/tests/testkit"
)

// genNIP makes the i-th valid NIP of a test (birth 1970-1994, appointed at
// 25, distinct for i < 8,400 within one seed).
func genNIP(seed, i int) string {
	year := 1970 + (i/336)%25
	return fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", year, 1+(i/28)%12, 1+i%28, year+25, 1+seed%12, 1+seed%2, 1+(i+seed)%997)
}

type importReportView struct {
	DryRun       bool     `json:"dryRun"`
	TotalRows    int      `json:"totalRows"`
	Created      int      `json:"created"`
	Updated      int      `json:"updated"`
	Unchanged    int      `json:"unchanged"`
	Failed       int      `json:"failed"`
	UnitsCreated []string `json:"unitsCreated"`
	Problems     []struct {
		Row   int    `json:"row"`
		Field string `json:"field"`
		Code  string `json:"code"`
	} `json:"problems"`
	Accounts []struct {
		UserID            string `json:"userId"`
		Username          string `json:"username"`
		TemporaryPassword string `json:"temporaryPassword"`
	} `json:"accounts"`
}

type employeeView struct {
	NIP     string   `json:"nip"`
	UserID  string   `json:"userId"`
	Name    string   `json:"name"`
	UnitID  string   `json:"unitId"`
	Duties  []string `json:"duties"`
	Version int      `json:"version"`
}

type claimView struct {
	ID           string            `json:"id"`
	Kind         string            `json:"kind"`
	Status       string            `json:"status"`
	ProposedJP   int               `json:"proposedJp"`
	CreditedJP   int               `json:"creditedJp"`
	CreditedAt   string            `json:"creditedAt"`
	Version      int               `json:"version"`
	Links        map[string]string `json:"documentLinks"`
	Participants []struct {
		NIP string `json:"nip"`
	} `json:"participants"`
	History []struct {
		Action  string `json:"action"`
		Comment string `json:"comment"`
	} `json:"history"`
}

type ledgerView struct {
	Year    int `json:"year"`
	TotalJP int `json:"totalJp"`
	Entries []struct {
		Source   string `json:"source"`
		SourceID string `json:"sourceId"`
		JP       int    `json:"jp"`
	} `json:"entries"`
}

// importEmployees sends an HR file: a dry run answers its report at once;
// otherwise the job is queued and polled until done (bounded).
func importEmployees(t testing.TB, token, tenant string, file []byte, query string) (int, importReportView, []byte) {
	t.Helper()
	var rep importReportView
	st, raw := apiRaw(t, http.MethodPost, "/tenants/"+tenant+"/employees/import"+query, token, file, "text/csv")
	if st == http.StatusOK {
		if err := json.Unmarshal(raw, &rep); err != nil {
			t.Fatal(err)
		}
		return st, rep, raw
	}
	if st != http.StatusAccepted {
		return st, rep, raw
	}
	var job struct {
		ID        string            `json:"id"`
		Status    string            `json:"status"`
		Processed int               `json:"processed"`
		Rows      int               `json:"rows"`
		Report    *importReportView `json:"report"`
	}
	if err := json.Unmarshal(raw, &job); err != nil || job.Status != "queued" {
		t.Fatalf("import job: %s", raw)
	}
	deadline := time.Now().Add(5 * time.Minute)
	for {
		st, raw = api(t, http.MethodGet, "/tenants/"+tenant+"/employees/import/"+job.ID, token, nil, &job)
		expect(t, "import job", st, raw, http.StatusOK)
		if job.Status == "done" && job.Report != nil {
			return http.StatusOK, *job.Report, raw
		}
		if job.Status == "failed" || time.Now().After(deadline) {
			t.Fatalf("import job %s: %s", job.ID, raw)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// claimDocument uploads a small PDF with purpose claim and waits until the
// transcode function has checked it.
func claimDocument(t testing.TB, token, tenant, name string) (string, []byte) {
	t.Helper()
	return checkedPDF(t, token, tenant, "claim", name)
}

// checkedPDF uploads a PDF of a purpose that is only checked (claim,
// forum) and waits until it is ready.
func checkedPDF(t testing.TB, token, tenant, purpose, name string) (string, []byte) {
	t.Helper()
	pdf := testkit.PDF(t, "Dokumen "+name)
	var up startedView
	st, raw := api(t, http.MethodPost, "/tenants/"+tenant+"/uploads", token, map[string]any{"purpose": purpose, "fileName": name + ".pdf",
		"size": len(pdf), "contentType": "application/pdf", "sha256": sha(pdf)}, &up)
	expect(t, "start "+purpose+" document", st, raw, http.StatusCreated)
	if code, _, body := send(t, *up.Put, pdf); code != http.StatusOK {
		t.Fatalf("put claim document: %d %s", code, body)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		var u uploadView
		st, raw := api(t, http.MethodGet, "/tenants/"+tenant+"/uploads/"+up.Upload.ID, token, nil, &u)
		expect(t, "claim document status", st, raw, http.StatusOK)
		if u.Status == "ready" {
			return up.Upload.ID, pdf
		}
		if u.Status == "failed" || time.Now().After(deadline) {
			t.Fatalf("claim document %s: %s %s", name, u.Status, u.ReasonMessage)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func myJP(t *testing.T, token, tenant string) ledgerView {
	t.Helper()
	var v ledgerView
	st, raw := api(t, http.MethodGet, "/tenants/"+tenant+"/me/jp", token, nil, &v)
	expect(t, "my JP", st, raw, http.StatusOK)
	return v
}

// The whole competency-development flow in the demo tenant: an HR import
// (idempotent, per-row report), duties, an external claim with a revision
// round trip, a unit training with its participant list, a batch
// completion, each person's JP without double counting, the calendar and
// the dashboard with its exports, and the monthly report fired twice.
func TestCompetencyFlow(t *testing.T) {
	admin := adminToken(t)
	tn := demo.TenantID
	base := "/tenants/" + tn
	nip := make([]string, 7)
	for i := range nip {
		nip[i] = genNIP(71, i)
	}
	hr := "NIP;Nama;Unit Kerja;Jabatan;Pangkat/Golongan\n" +
		"'" + nip[0] + ";Andi Verifikator;BIRO-SDM;Analis SDM;Penata/III-c\n" +
		nip[1] + ";Bunga Koordinator;Biro Umum;Kepala Bagian;Pembina/IV-a\n" +
		nip[2] + ";Citra Pimpinan;BIRO-SDM;Kepala Biro;Pembina Utama Muda/IV-c\n" +
		nip[3] + ";Dedi Pegawai;Biro Umum;Pranata Komputer;Penata Muda/III-a\n" +
		nip[4] + ";Eka Pegawai;Biro Umum;Arsiparis;Pengatur/II-c\n" +
		nip[5] + ";Fajar Pegawai;Biro Umum;Analis;Penata/III-c\n" +
		"1234;Salah NIP;Biro Umum;;\n" +
		nip[3] + ";Dedi Lagi;Biro Umum;;\n"
	// Other tests may put employees on the demo tenant's roster: the
	// dashboard is checked against what it showed before this import.
	var before flowDashboard
	st, raw := api(t, http.MethodGet, base+"/dashboard", admin, nil, &before)
	expect(t, "dashboard before", st, raw, http.StatusOK)
	st, dry, raw := importEmployees(t, admin, tn, []byte(hr), "?dryRun=true")
	expect(t, "dry run", st, raw, http.StatusOK)
	if !dry.DryRun || dry.Created != 6 || dry.Failed != 2 || len(dry.Accounts) != 0 {
		t.Fatalf("dry run: %s", raw)
	}
	var units struct {
		Items []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"items"`
	}
	api(t, http.MethodGet, base+"/units", admin, nil, &units)
	for _, u := range units.Items {
		if u.ID == "BIRO-SDM" || u.ID == "BIRO-UMUM" {
			t.Fatalf("a dry run created unit %s", u.ID)
		}
	}
	st, rep, raw := importEmployees(t, admin, tn, []byte(hr), "")
	expect(t, "HR import", st, raw, http.StatusOK)
	if rep.TotalRows != 8 || rep.Created != 6 || rep.Failed != 2 || len(rep.Accounts) != 6 || len(rep.UnitsCreated) != 2 {
		t.Fatalf("HR import report: %s", raw)
	}
	if rep.Problems[0].Row != 8 || rep.Problems[0].Field != "nip" || rep.Problems[1].Row != 9 || rep.Problems[1].Code != "import_duplicate_nip" {
		t.Fatalf("problems: %+v", rep.Problems)
	}
	st, again, raw := importEmployees(t, admin, tn, []byte(hr), "")
	expect(t, "re-import", st, raw, http.StatusOK)
	if again.Created != 0 || again.Updated != 0 || again.Unchanged != 6 || len(again.Accounts) != 0 || len(again.UnitsCreated) != 0 {
		t.Fatalf("re-importing the same file changed something: %s", raw)
	}
	// A later export moves Fajar: the newest import wins.
	st, moved, raw := importEmployees(t, admin, tn, []byte("NIP,Nama,Unit Kerja\n"+nip[5]+",Fajar Pegawai,BIRO-SDM\n"), "")
	expect(t, "later import", st, raw, http.StatusOK)
	if moved.Updated != 1 {
		t.Fatalf("later import: %s", raw)
	}

	tokens := make([]string, 6)
	users := map[string]string{}
	for _, acc := range rep.Accounts {
		users[acc.Username] = acc.UserID
		for i := range 6 {
			if nip[i] == acc.Username {
				tokens[i] = firstSignIn(t, acc.Username, acc.TemporaryPassword, "PegawaiBaru2026").AccessToken
			}
		}
	}
	verifier, coordinator, leader, dedi, eka, fajar := tokens[0], tokens[1], tokens[2], tokens[3], tokens[4], tokens[5]

	setDuties := func(n string, duties ...string) {
		t.Helper()
		var e employeeView
		api(t, http.MethodGet, base+"/me/employee", tokens[indexOf(nip, n)], nil, &e)
		st, raw := api(t, http.MethodPatch, base+"/employees/"+n, admin, map[string]any{"duties": duties, "version": e.Version}, nil)
		expect(t, "duties", st, raw, http.StatusOK)
	}
	setDuties(nip[0], "verifier")
	setDuties(nip[1], "coordinator")
	setDuties(nip[2], "leader")
	st, raw = api(t, http.MethodPatch, base+"/employees/"+nip[3], dedi, map[string]any{"duties": []string{"verifier"}, "version": 1}, nil)
	expect(t, "an employee gives themself a duty", st, raw, http.StatusForbidden)

	// An external claim (PSPKM) with its three documents.
	letter, letterPDF := claimDocument(t, dedi, tn, "surat-tugas")
	cert, _ := claimDocument(t, dedi, tn, "sertifikat")
	curr, _ := claimDocument(t, dedi, tn, "kurikulum")
	today := time.Now().In(clock.Jakarta)
	end := today.AddDate(0, 0, -3).Format("2006-01-02")
	start := today.AddDate(0, 0, -5).Format("2006-01-02")
	claimBody := map[string]any{"kind": "external", "title": "Pelatihan Analisis Data Kepegawaian", "organizer": "LAN RI",
		"startDate": start, "endDate": end, "hours": 7.5, "area": "teknis", "mode": "nonklasikal", "submit": true,
		"documents": []map[string]string{{"kind": "assignment_letter", "uploadId": letter}, {"kind": "certificate", "uploadId": cert}}}
	st, raw = api(t, http.MethodPost, base+"/claims", dedi, claimBody, nil)
	if st != http.StatusBadRequest || !strings.Contains(string(raw), "curriculum") {
		t.Fatalf("a claim without its curriculum: %d %s", st, raw)
	}
	claimBody["documents"] = append(claimBody["documents"].([]map[string]string), map[string]string{"kind": "curriculum", "uploadId": curr})
	st, raw = api(t, http.MethodPost, base+"/claims", eka, claimBody, nil)
	if st != http.StatusBadRequest || !strings.Contains(string(raw), "claim_document_invalid") {
		t.Fatalf("a claim with someone else's documents: %d %s", st, raw)
	}
	var c claimView
	st, raw = api(t, http.MethodPost, base+"/claims", dedi, claimBody, &c)
	expect(t, "file a claim", st, raw, http.StatusCreated)
	if c.Status != "submitted" || c.ProposedJP != 10 {
		t.Fatalf("7.5 hours are 10 JP: %s", raw)
	}
	claimPath := base + "/claims/" + c.ID
	if st, raw := api(t, http.MethodGet, claimPath, eka, nil, nil); st != http.StatusNotFound {
		t.Fatalf("another employee read the claim: %d %s", st, raw)
	}
	if st, raw := api(t, http.MethodGet, base+"/claims", dedi, nil, nil); st != http.StatusForbidden {
		t.Fatalf("an employee read the verifiers' queue: %d %s", st, raw)
	}
	var queue struct {
		Items []claimView `json:"items"`
	}
	st, raw = api(t, http.MethodGet, base+"/claims?status=submitted", verifier, nil, &queue)
	expect(t, "queue", st, raw, http.StatusOK)
	if !hasClaim(queue.Items, c.ID) {
		t.Fatalf("the claim is not in the queue: %s", raw)
	}
	var seen claimView
	api(t, http.MethodGet, claimPath, verifier, nil, &seen)
	if got := fetch(t, seen.Links[letter]); !bytes.Equal(got, letterPDF) {
		t.Fatalf("the verifier's link to the assignment letter gave %d bytes", len(got))
	}
	st, raw = api(t, http.MethodPost, claimPath+"/decision", dedi, map[string]any{"decision": "approve", "version": c.Version}, nil)
	expect(t, "the filer approves their own claim", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodPost, claimPath+"/decision", verifier, map[string]any{"decision": "revise", "version": c.Version}, nil)
	expect(t, "revision without a comment", st, raw, http.StatusBadRequest)
	st, raw = api(t, http.MethodPost, claimPath+"/decision", verifier, map[string]any{"decision": "revise",
		"comment": "Jam pelajaran di sertifikat 9 jam, mohon diperbaiki.", "version": c.Version}, &c)
	expect(t, "ask for a revision", st, raw, http.StatusOK)
	if c.Status != "revision" {
		t.Fatalf("after revise: %s", raw)
	}
	fix := map[string]any{"title": "Pelatihan Analisis Data Kepegawaian", "organizer": "LAN RI", "startDate": start, "endDate": end,
		"hours": 9, "area": "teknis", "mode": "nonklasikal", "version": c.Version, "documents": claimBody["documents"]}
	st, raw = api(t, http.MethodPatch, claimPath, dedi, fix, &c)
	expect(t, "fix the claim", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, claimPath+"/submit", dedi, map[string]any{"version": c.Version}, &c)
	expect(t, "resubmit", st, raw, http.StatusOK)
	if c.Status != "submitted" || c.ProposedJP != 12 {
		t.Fatalf("9 hours are 12 JP: %s", raw)
	}
	st, raw = api(t, http.MethodPost, claimPath+"/decision", verifier, map[string]any{"decision": "approve", "version": c.Version}, &c)
	expect(t, "approve", st, raw, http.StatusOK)
	if c.Status != "approved" || c.CreditedJP != 12 || c.CreditedAt == "" || len(c.History) != 4 ||
		c.History[1].Action != "revision_requested" || c.History[2].Action != "resubmitted" || c.History[3].Action != "approved" {
		t.Fatalf("approved claim: %s", raw)
	}
	st, raw = api(t, http.MethodPost, claimPath+"/decision", verifier, map[string]any{"decision": "approve", "version": c.Version}, nil)
	if st != http.StatusConflict || errorCode(raw) != "claim_not_submitted" {
		t.Fatalf("approving twice: %d %s", st, raw)
	}
	if v := myJP(t, dedi, tn); v.TotalJP != 12 || len(v.Entries) != 1 || v.Entries[0].Source != "claim" {
		t.Fatalf("JP after the claim: %+v", v)
	}

	// A unit training (PSPKU) by Biro Umum's coordinator.
	st, raw = api(t, http.MethodPost, base+"/claims", dedi, map[string]any{"kind": "unit", "unitId": "BIRO-UMUM", "title": "Bimtek Arsip",
		"organizer": "Biro Umum", "startDate": start, "endDate": end, "jp": 8, "area": "teknis", "mode": "klasikal"}, nil)
	expect(t, "a non-coordinator files a unit training", st, raw, http.StatusForbidden)
	uLetter, _ := claimDocument(t, coordinator, tn, "nota-dinas")
	uCurr, _ := claimDocument(t, coordinator, tn, "jadwal")
	var u claimView
	st, raw = api(t, http.MethodPost, base+"/claims", coordinator, map[string]any{"kind": "unit", "unitId": "BIRO-UMUM", "title": "Bimtek Arsip",
		"organizer": "Biro Umum", "startDate": start, "endDate": end, "jp": 8, "area": "teknis", "mode": "klasikal", "certificates": true,
		"documents": []map[string]string{{"kind": "assignment_letter", "uploadId": uLetter}, {"kind": "curriculum", "uploadId": uCurr}}}, &u)
	expect(t, "file a unit training", st, raw, http.StatusCreated)
	if u.Status != "draft" {
		t.Fatalf("a unit training starts as a draft: %s", raw)
	}
	unitPath := base + "/claims/" + u.ID
	st, raw = api(t, http.MethodPost, unitPath+"/submit", coordinator, map[string]any{"version": u.Version}, nil)
	if st != http.StatusBadRequest || !strings.Contains(string(raw), "participants") {
		t.Fatalf("submitting without participants: %d %s", st, raw)
	}
	list := "NIP,Nama\n" + nip[3] + ",Dedi\n" + nip[4] + ",Eka\n" + nip[5] + ",Fajar\n" + genNIP(72, 1) + ",Bukan Pegawai\n12345,Salah\n"
	var prep struct {
		Accepted int `json:"accepted"`
		Failed   int `json:"failed"`
		Problems []struct {
			Row  int    `json:"row"`
			Code string `json:"code"`
		} `json:"problems"`
		Version int `json:"version"`
	}
	st, raw = apiRaw(t, http.MethodPut, unitPath+"/participants", coordinator, []byte(list), "text/csv")
	expect(t, "participant list", st, raw, http.StatusOK)
	_ = json.Unmarshal(raw, &prep)
	if prep.Accepted != 3 || prep.Failed != 2 || prep.Problems[0].Row != 5 || prep.Problems[0].Code != "import_not_employee" || prep.Problems[1].Row != 6 {
		t.Fatalf("participant report: %s", raw)
	}
	st, raw = api(t, http.MethodPost, unitPath+"/submit", coordinator, map[string]any{"version": prep.Version}, &u)
	expect(t, "submit the unit training", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, unitPath+"/decision", admin, map[string]any{"decision": "approve", "version": u.Version}, &u)
	expect(t, "an admin approves", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, unitPath+"/decision", admin, map[string]any{"decision": "approve", "version": u.Version}, nil)
	expect(t, "approve again", st, raw, http.StatusConflict)
	// The tenant asked for certificates: each participant gets one, with
	// the training's name, verifiable by its number.
	var number string
	deadline := time.Now().Add(time.Minute)
	for number == "" {
		var certs struct {
			Items []struct {
				Number  string `json:"number"`
				BatchID string `json:"batchId"`
			} `json:"items"`
		}
		api(t, http.MethodGet, base+"/me/certificates", eka, nil, &certs)
		for _, c := range certs.Items {
			if c.BatchID == u.ID {
				number = c.Number
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("no certificate for the unit training")
		}
		time.Sleep(200 * time.Millisecond)
	}
	st, raw = api(t, http.MethodGet, "/certificates/"+number, "", nil, nil)
	if st != http.StatusOK || !strings.Contains(string(raw), "Bimtek Arsip") {
		t.Fatalf("verify the unit training's certificate: %d %s", st, raw)
	}

	// A batch completion adds to the same ledger.
	pc := publishCourse(t, admin, "JP-C9")
	b := createBatch(t, admin, "JP-B9", "admin", 10, pc.ID)
	bpath := base + "/batches/" + b.ID
	api(t, http.MethodPatch, bpath, admin, map[string]any{"status": "open"}, nil)
	st, raw = api(t, http.MethodPost, bpath+"/enrollments", admin, map[string]any{"userIds": []string{users[nip[3]]}}, nil)
	expect(t, "enroll Dedi", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, bpath+"/enrollments/"+users[nip[3]]+"/complete", admin, map[string]any{"completed": true, "reason": "Lulus"}, nil)
	expect(t, "complete Dedi", st, raw, http.StatusOK)
	want := map[string]int{"claim": 12, "unit": 8, "batch": 4}
	v := myJP(t, dedi, tn)
	if v.TotalJP != 24 || len(v.Entries) != 3 {
		t.Fatalf("Dedi's JP (claim 12 + unit 8 + batch 4): %+v", v)
	}
	for _, e := range v.Entries {
		if want[e.Source] != e.JP {
			t.Fatalf("entry %+v", e)
		}
	}
	if v := myJP(t, eka, tn); v.TotalJP != 8 {
		t.Fatalf("Eka's JP: %+v", v)
	}
	// Re-importing the roster changes no JP.
	importEmployees(t, admin, tn, []byte(hr), "")
	if v := myJP(t, dedi, tn); v.TotalJP != 24 {
		t.Fatalf("a re-import changed JP: %+v", v)
	}

	// The calendar: public and internal plans.
	year := today.Year()
	var plan struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
	}
	st, raw = api(t, http.MethodPost, base+"/calendar", admin, map[string]any{"title": "Pelatihan Kepemimpinan Pengawas",
		"startDate": fmt.Sprintf("%d-12-02", year), "endDate": fmt.Sprintf("%d-12-12", year), "jp": 40, "quota": 30,
		"targetUnits": []string{"BIRO-UMUM", "biro-sdm"}, "mode": "blended", "public": true}, &plan)
	expect(t, "plan", st, raw, http.StatusCreated)
	api(t, http.MethodPost, base+"/calendar", admin, map[string]any{"title": "Rapat Internal Diklat", "startDate": fmt.Sprintf("%d-12-20", year),
		"endDate": fmt.Sprintf("%d-12-20", year)}, nil)
	st, raw = api(t, http.MethodPost, base+"/calendar", dedi, map[string]any{"title": "Tidak boleh", "startDate": "2026-12-01", "endDate": "2026-12-02"}, nil)
	expect(t, "an employee plans", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodPatch, base+"/calendar/"+plan.ID, admin, map[string]any{"title": "Pelatihan Kepemimpinan Pengawas",
		"startDate": fmt.Sprintf("%d-12-02", year), "endDate": fmt.Sprintf("%d-12-12", year), "jp": 40, "quota": 30, "public": true,
		"status": "open", "batchId": b.ID, "version": plan.Version}, nil)
	expect(t, "link the plan to its batch", st, raw, http.StatusOK)
	var cal struct {
		Items []struct {
			Title   string `json:"title"`
			BatchID string `json:"batchId"`
		} `json:"items"`
	}
	st, raw = api(t, http.MethodGet, fmt.Sprintf("%s/calendar/public?year=%d", base, year), "", nil, &cal)
	expect(t, "public calendar", st, raw, http.StatusOK)
	if !calendarHas(cal.Items, "Pelatihan Kepemimpinan Pengawas") || calendarHas(cal.Items, "Rapat Internal Diklat") || strings.Contains(string(raw), b.ID) {
		t.Fatalf("public calendar: %s", raw)
	}
	api(t, http.MethodGet, fmt.Sprintf("%s/calendar?year=%d", base, year), dedi, nil, &cal)
	if !calendarHas(cal.Items, "Rapat Internal Diklat") {
		t.Fatalf("internal calendar: %+v", cal)
	}

	// The dashboard: Dedi alone reached 20 JP; the last import put Fajar
	// back in Biro Umum (four employees; BIRO-SDM two).
	st, raw = api(t, http.MethodGet, base+"/dashboard", dedi, nil, nil)
	expect(t, "an employee reads the dashboard", st, raw, http.StatusForbidden)
	var d flowDashboard
	st, raw = api(t, http.MethodGet, base+"/dashboard", leader, nil, &d)
	expect(t, "dashboard", st, raw, http.StatusOK)
	if d.Employees != before.Employees+6 || d.Reached != before.Reached+1 {
		t.Fatalf("dashboard totals: %s (before: %+v)", raw, before)
	}
	for _, u := range d.Units {
		if u.UnitID == "BIRO-UMUM" && (u.Employees != 4 || u.Reached != 1) || u.UnitID == "BIRO-SDM" && (u.Employees != 2 || u.Reached != 0) {
			t.Fatalf("unit row %+v", u)
		}
	}
	if m, b := d.Months[int(today.Month())-1], before.Months[int(today.Month())-1]; m.Reached != b.Reached+1 {
		t.Fatalf("this month's row: %+v (before %+v)", m, b)
	}
	// Andi, Bunga, Citra at 0; Eka, Fajar at 8; Dedi at 24.
	if d.Distribution[0].Employees != before.Distribution[0].Employees+3 || d.Distribution[1].Employees != before.Distribution[1].Employees+2 ||
		d.Distribution[3].Employees != before.Distribution[3].Employees+1 {
		t.Fatalf("distribution: %+v (before %+v)", d.Distribution, before.Distribution)
	}
	st, raw = apiRaw(t, http.MethodGet, base+"/dashboard?format=csv&table=unit", leader, nil, "")
	expect(t, "dashboard CSV", st, raw, http.StatusOK)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil || len(rows) < 3 || rows[0][0] != "Kode unit" {
		t.Fatalf("CSV export: %v %q", err, raw)
	}
	st, raw = apiRaw(t, http.MethodGet, base+"/dashboard?format=xlsx", leader, nil, "")
	expect(t, "dashboard XLSX", st, raw, http.StatusOK)
	wb, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.GetSheetList(); strings.Join(got, ",") != "ringkasan,unit,bulan,distribusi,pelatihan" {
		t.Fatalf("workbook sheets: %v", got)
	}
	if cell, _ := wb.GetCellValue("ringkasan", "B5"); cell != fmt.Sprint(d.Employees) {
		t.Fatalf("employees in the workbook: %q", cell)
	}

	// The monthly schedule fires twice: one report per tenant and month.
	fire := func() {
		t.Helper()
		resp, err := http.Post(localgw.ScheduleURL(srv.URL, "CompetencyJobsFunction", srv.WebhookToken), "application/json", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("schedule: %d", resp.StatusCode)
		}
	}
	fire()
	fire()
	var reports struct {
		Items []struct {
			Period      string `json:"period"`
			GeneratedBy string `json:"generatedBy"`
			GeneratedAt string `json:"generatedAt"`
			URL         string `json:"url"`
		} `json:"items"`
	}
	st, raw = api(t, http.MethodGet, base+"/dashboard/reports", leader, nil, &reports)
	expect(t, "reports", st, raw, http.StatusOK)
	prev := time.Date(today.Year(), today.Month(), 1, 12, 0, 0, 0, clock.Jakarta).AddDate(0, 0, -1).Format("2006-01")
	n := 0
	for _, r := range reports.Items {
		if r.Period == prev && r.GeneratedBy == "schedule" {
			n++
			if _, err := excelize.OpenReader(bytes.NewReader(fetch(t, r.URL))); err != nil {
				t.Fatalf("stored report: %v", err)
			}
		}
	}
	if n != 1 {
		t.Fatalf("reports of %s after two schedules: %s", prev, raw)
	}
	_ = fajar
}

type flowDashboard struct {
	Employees int     `json:"employees"`
	Reached   int     `json:"reached"`
	Share     float64 `json:"share"`
	Units     []struct {
		UnitID    string `json:"unitId"`
		Employees int    `json:"employees"`
		Reached   int    `json:"reached"`
	} `json:"units"`
	Months []struct {
		Month   int `json:"month"`
		Reached int `json:"reached"`
	} `json:"months"`
	Distribution []struct {
		Label     string `json:"label"`
		Employees int    `json:"employees"`
	} `json:"distribution"`
	ClaimsPending int `json:"claimsPending"`
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func hasClaim(items []claimView, id string) bool {
	for _, c := range items {
		if c.ID == id {
			return true
		}
	}
	return false
}

func calendarHas(items []struct {
	Title   string `json:"title"`
	BatchID string `json:"batchId"`
}, title string) bool {
	for _, p := range items {
		if p.Title == title {
			return true
		}
	}
	return false
}

// fetch GETs a presigned link.
func fetch(t testing.TB, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b.String())
	}
	return b.Bytes()
}
