package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"lms/infra/demo"
	"lms/shared/clock"
	"lms/shared/idnumber"
)

// compEmployee is one row of the HR file the test imports.
type compEmployee struct {
	NIP, Name, Unit, Position, Rank string
}

// The roster of the competency test: a verifier and a leader in Bagian
// Diklat, the employee who files a claim and two colleagues in Bagian Umum.
var compRoster = []compEmployee{
	{"198806152014031002", "Rahmat Hidayat", "Bagian Diklat", "Analis SDM Aparatur", "Penata/III-c"},
	{"197502112000032001", "Sri Wahyuni", "Bagian Diklat", "Kepala Bagian", "Pembina/IV-a"},
	{"199003202015041003", "Yudi Prasetyo", "Bagian Umum", "Pranata Komputer", "Penata Muda Tk. I/III-b"},
	{"199207082018012004", "Lina Marlina", "Bagian Umum", "Arsiparis", "Penata Muda/III-a"},
	{"198511302010121005", "Tono Sugiarto", "Bagian Umum", "Pengelola Barang", "Pengatur/II-c"},
}

// compDashboard is what the test reads of GET .../dashboard.
type compDashboard struct {
	Employees int     `json:"employees"`
	Reached   int     `json:"reached"`
	Share     float64 `json:"share"`
	Units     []struct {
		UnitID    string `json:"unitId"`
		Employees int    `json:"employees"`
		Reached   int    `json:"reached"`
	} `json:"units"`
	ClaimsPending int `json:"claimsPending"`
}

// Competency development in the browser (issue 9): an HR import into the
// demo tenant through the API (the job polled to its report), duties for a
// verifier and a leader, and each employee's first sign-in with the
// temporary password the import answered. Then, in web/e2e/competency.mjs:
// the leader reads the dashboard; the employee files an external claim
// (PSPKM) with its three documents uploaded through the page, at 360 px;
// the verifier finds it in the queue, opens a document and approves; the
// employee's JP page shows the claim as its source; the leader's dashboard
// shows the share moving, with the numbers read before and after compared
// with the API's. web/e2e/competency-admin.mjs then takes the admin through
// the HR import page (dry run, then the queued import with its progress bar
// and per-row report), duties, units, a unit training (PSPKU) with its
// participant list, the calendar (a public plan) and the monthly report,
// and a visitor through the public calendar from the catalogue. Axe runs on the claim form, queue, claim review, calendar,
// dashboard and roster pages; screenshots go to web/e2e/artifacts. The API
// confirms what the pages did.
func TestCompetencyJourney(t *testing.T) {
	browserReady(t)
	admin := adminToken(t)
	base := "/tenants/" + tenant
	now := time.Now().In(clock.Jakarta)
	for _, e := range compRoster {
		if _, err := idnumber.ParseNIP(e.NIP, now); err != nil {
			t.Fatalf("test NIP %s: %v", e.NIP, err)
		}
	}
	verifier, leader, filer, colleague := compRoster[0], compRoster[1], compRoster[2], compRoster[3]

	// The HR import, queued and polled as the page does.
	var hr strings.Builder
	hr.WriteString("NIP;Nama;Unit Kerja;Jabatan;Pangkat/Golongan\r\n")
	for _, e := range compRoster {
		fmt.Fprintf(&hr, "'%s;%s;%s;%s;%s\r\n", e.NIP, e.Name, e.Unit, e.Position, e.Rank)
	}
	rep := compHRImport(t, admin, []byte(hr.String()))
	if rep.Created != len(compRoster) || rep.Failed != 0 || len(rep.Accounts) != len(compRoster) {
		t.Fatalf("HR import report: %+v", rep)
	}
	passwords := map[string]string{}
	for _, acc := range rep.Accounts {
		if acc.TemporaryPassword == "" {
			t.Fatalf("no temporary password for %s (invitations by email are on?)", acc.Username)
		}
		passwords[acc.Username] = "PegawaiKompetensi2026"
		compFirstSignIn(t, acc.Username, acc.TemporaryPassword, passwords[acc.Username])
	}
	compSetDuty(t, admin, verifier.NIP, "verifier")
	compSetDuty(t, admin, leader.NIP, "leader")
	leaderToken := compSignIn(t, leader.NIP, passwords[leader.NIP])
	filerToken := compSignIn(t, filer.NIP, passwords[filer.NIP])

	var before compDashboard
	must(t, "dashboard before", http.StatusOK)(api(t, http.MethodGet, base+"/dashboard", leaderToken, nil, &before))
	if before.Employees < len(compRoster) {
		t.Fatalf("the dashboard counts %d employees after importing %d", before.Employees, len(compRoster))
	}

	// The claim's documents, and its dates: ending today (WIB), starting
	// two days earlier but never in the previous year, so the JP lands in
	// this year's dashboard.
	dir := t.TempDir()
	docs := map[string]string{}
	for kind, text := range map[string]string{
		"assignment_letter": "Surat Tugas Nomor 800/123/BU/2026",
		"certificate":       "Sertifikat Pelatihan Analisis Data Kepegawaian - 18 jam pelajaran",
		"curriculum":        "Kurikulum: statistik dasar, visualisasi data, dasbor kepegawaian",
	} {
		path := filepath.Join(dir, strings.ReplaceAll(kind, "_", "-")+".pdf")
		if err := os.WriteFile(path, makePDF(t, text), 0o600); err != nil {
			t.Fatal(err)
		}
		docs[kind] = path
	}
	end := now
	start := now.AddDate(0, 0, -2)
	if start.Year() != end.Year() {
		start = end
	}
	const title = "Pelatihan Analisis Data Kepegawaian"
	env := map[string]string{
		"TENANT":            tenant,
		"FILER_NIP":         filer.NIP,
		"FILER_NAME":        filer.Name,
		"VERIFIER_NIP":      verifier.NIP,
		"LEADER_NIP":        leader.NIP,
		"PASSWORD":          passwords[filer.NIP],
		"CLAIM_TITLE":       title,
		"CLAIM_START":       start.Format("2006-01-02"),
		"CLAIM_END":         end.Format("2006-01-02"),
		"DOC_LETTER":        docs["assignment_letter"],
		"DOC_CERTIFICATE":   docs["certificate"],
		"DOC_CURRICULUM":    docs["curriculum"],
		"BEFORE_EMPLOYEES":  strconv.Itoa(before.Employees),
		"BEFORE_REACHED":    strconv.Itoa(before.Reached),
		"UNIT_UMUM":         "BAGIAN-UMUM",
		"UNIT_UMUM_REACHED": strconv.Itoa(compUnitReached(before, "BAGIAN-UMUM")),
	}
	runSpec(t, "competency.mjs", env)

	// The claim as the API has it: approved by the verifier, 18 hours = 24 JP
	// credited to the filer as a claim entry, the dashboard one higher.
	var mine struct {
		Items []struct {
			ID         string `json:"id"`
			Title      string `json:"title"`
			Status     string `json:"status"`
			CreditedJP int    `json:"creditedJp"`
			Documents  []struct {
				Kind string `json:"kind"`
			} `json:"documents"`
			History []struct {
				Action string `json:"action"`
				ByName string `json:"byName"`
			} `json:"history"`
		} `json:"items"`
	}
	must(t, "my claims", http.StatusOK)(api(t, http.MethodGet, base+"/me/claims", filerToken, nil, &mine))
	if len(mine.Items) != 1 || mine.Items[0].Title != title || mine.Items[0].Status != "approved" || mine.Items[0].CreditedJP != 24 ||
		len(mine.Items[0].Documents) != 3 || len(mine.Items[0].History) != 2 || mine.Items[0].History[1].ByName != verifier.Name {
		t.Fatalf("the claim filed and approved in the pages: %+v", mine.Items)
	}
	var ledger struct {
		TotalJP int `json:"totalJp"`
		Entries []struct {
			Source   string `json:"source"`
			SourceID string `json:"sourceId"`
			JP       int    `json:"jp"`
		} `json:"entries"`
	}
	must(t, "filer's JP", http.StatusOK)(api(t, http.MethodGet, base+"/me/jp", filerToken, nil, &ledger))
	if ledger.TotalJP != 24 || len(ledger.Entries) != 1 || ledger.Entries[0].Source != "claim" || ledger.Entries[0].SourceID != mine.Items[0].ID {
		t.Fatalf("the filer's JP after the approval: %+v", ledger)
	}
	var after compDashboard
	must(t, "dashboard after", http.StatusOK)(api(t, http.MethodGet, base+"/dashboard", leaderToken, nil, &after))
	if after.Reached != before.Reached+1 || after.Employees != before.Employees || compUnitReached(after, "BAGIAN-UMUM") != compUnitReached(before, "BAGIAN-UMUM")+1 {
		t.Fatalf("the dashboard did not move by one: before %+v, after %+v", before, after)
	}

	// The admin's pages.
	adminAccount := demo.Accounts[0]
	pageHR := hr.String() + "1234;Salah NIP;Bagian Umum;;\r\n"
	hrPath := filepath.Join(dir, "data-kepegawaian.csv")
	if err := os.WriteFile(hrPath, []byte(pageHR), 0o600); err != nil {
		t.Fatal(err)
	}
	planStart := now
	planEnd := now.AddDate(0, 0, 4)
	if planEnd.Year() != planStart.Year() {
		planEnd = planStart
	}
	// The participant list of the unit training the admin files: two
	// employees of Bagian Umum and one malformed NIP (row 4).
	partPath := filepath.Join(dir, "daftar-peserta.csv")
	if err := os.WriteFile(partPath, []byte("NIP,Nama\r\n"+filer.NIP+","+filer.Name+"\r\n"+compRoster[4].NIP+","+compRoster[4].Name+"\r\n1234,Salah\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const unitTraining = "Bimbingan Teknis Tata Naskah Dinas"
	runSpec(t, "competency-admin.mjs", map[string]string{
		"TENANT": tenant, "ADMIN_USERNAME": adminAccount.Username, "ADMIN_PASSWORD": adminAccount.Password,
		"HR_FILE": hrPath, "ROSTER_SIZE": strconv.Itoa(len(compRoster)), "COLLEAGUE_NIP": colleague.NIP, "COLLEAGUE_NAME": colleague.Name,
		"PLAN_TITLE": "Pelatihan Kepemimpinan Pengawas", "PLAN_START": planStart.Format("2006-01-02"), "PLAN_END": planEnd.Format("2006-01-02"),
		"TENANT_NAME": "Balai Diklat Tambang Bawah Tanah", "UNIT_TRAINING": unitTraining, "PARTICIPANTS_FILE": partPath,
		"DOC_LETTER": docs["assignment_letter"], "DOC_CURRICULUM": docs["curriculum"], "CLAIM_START": env["CLAIM_START"], "CLAIM_END": env["CLAIM_END"],
	})
	type unitClaim struct {
		ID           string `json:"id"`
		Kind         string `json:"kind"`
		Title        string `json:"title"`
		UnitID       string `json:"unitId"`
		StatedJP     int    `json:"statedJp"`
		Participants []struct {
			NIP string `json:"nip"`
		} `json:"participants"`
	}
	var queue struct {
		Items []unitClaim `json:"items"`
	}
	must(t, "verification queue", http.StatusOK)(api(t, http.MethodGet, base+"/claims?status=submitted", admin, nil, &queue))
	if len(queue.Items) != 1 || queue.Items[0].Kind != "unit" || queue.Items[0].Title != unitTraining || queue.Items[0].UnitID != "BAGIAN-UMUM" || queue.Items[0].StatedJP != 8 {
		t.Fatalf("the unit training filed in the page: %+v", queue.Items)
	}
	// Lists leave the participants out; the claim has them.
	var unit unitClaim
	must(t, "unit training", http.StatusOK)(api(t, http.MethodGet, base+"/claims/"+queue.Items[0].ID, admin, nil, &unit))
	if len(unit.Participants) != 2 || unit.Participants[0].NIP == unit.Participants[1].NIP {
		t.Fatalf("the participant list uploaded in the page: %+v", unit.Participants)
	}
	var emps struct {
		Items []struct {
			NIP    string   `json:"nip"`
			Duties []string `json:"duties"`
		} `json:"items"`
	}
	must(t, "employees", http.StatusOK)(api(t, http.MethodGet, base+"/employees?unit=BAGIAN-UMUM&limit=100", admin, nil, &emps))
	found := false
	for _, e := range emps.Items {
		if e.NIP == colleague.NIP {
			found = len(e.Duties) == 1 && e.Duties[0] == "coordinator"
		}
	}
	if !found {
		t.Fatalf("the coordinator duty given in the page: %+v", emps.Items)
	}
	var plans struct {
		Items []struct {
			Title       string   `json:"title"`
			JP          int      `json:"jp"`
			TargetUnits []string `json:"targetUnits"`
		} `json:"items"`
	}
	must(t, "public calendar", http.StatusOK)(api(t, http.MethodGet, base+"/calendar/public", "", nil, &plans))
	if len(plans.Items) != 1 || plans.Items[0].Title != "Pelatihan Kepemimpinan Pengawas" || plans.Items[0].JP != 40 ||
		len(plans.Items[0].TargetUnits) != 1 || plans.Items[0].TargetUnits[0] != "BAGIAN-UMUM" {
		t.Fatalf("the plan made in the page, in the public calendar: %+v", plans.Items)
	}
	var reports struct {
		Items []struct {
			Period      string `json:"period"`
			GeneratedBy string `json:"generatedBy"`
			Reached     int    `json:"reached"`
		} `json:"items"`
	}
	must(t, "reports", http.StatusOK)(api(t, http.MethodGet, base+"/dashboard/reports", leaderToken, nil, &reports))
	period := now.Format("2006-01")
	made := false
	for _, r := range reports.Items {
		made = made || (r.Period == period && r.GeneratedBy != "schedule" && r.Reached == after.Reached)
	}
	if !made {
		t.Fatalf("this month's report made from the page: %+v", reports.Items)
	}
}

func compUnitReached(d compDashboard, unit string) int {
	for _, u := range d.Units {
		if u.UnitID == unit {
			return u.Reached
		}
	}
	return 0
}

type compHRReport struct {
	TotalRows int `json:"totalRows"`
	Created   int `json:"created"`
	Failed    int `json:"failed"`
	Accounts  []struct {
		Username          string `json:"username"`
		TemporaryPassword string `json:"temporaryPassword"`
	} `json:"accounts"`
}

// compHRImport sends an HR file (202 and a job) and polls the job until its
// report is there.
func compHRImport(t *testing.T, token string, file []byte) compHRReport {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/tenants/"+tenant+"/employees/import", bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var job struct {
		ID     string        `json:"id"`
		Status string        `json:"status"`
		Report *compHRReport `json:"report"`
	}
	if resp.StatusCode != http.StatusAccepted || json.Unmarshal(raw, &job) != nil {
		t.Fatalf("HR import: %d %s", resp.StatusCode, raw)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for job.Status != "done" || job.Report == nil {
		if job.Status == "failed" || time.Now().After(deadline) {
			t.Fatalf("HR import job: %+v", job)
		}
		time.Sleep(200 * time.Millisecond)
		must(t, "import job", http.StatusOK)(api(t, http.MethodGet, "/tenants/"+tenant+"/employees/import/"+job.ID, token, nil, &job))
	}
	return *job.Report
}

// compFirstSignIn answers the new-password challenge of an account's first
// sign-in with its temporary password.
func compFirstSignIn(t *testing.T, username, temporary, password string) {
	t.Helper()
	var ch struct {
		Challenge string `json:"challenge"`
		Session   string `json:"session"`
	}
	must(t, "first sign-in "+username, http.StatusOK)(api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": username, "password": temporary}, &ch))
	if ch.Challenge != "NEW_PASSWORD_REQUIRED" {
		t.Fatalf("first sign-in of %s without the new-password step: %+v", username, ch)
	}
	must(t, "new password "+username, http.StatusOK)(api(t, http.MethodPost, "/auth/challenge", "", map[string]string{"username": username, "session": ch.Session, "newPassword": password}, nil))
}

func compSignIn(t *testing.T, username, password string) string {
	t.Helper()
	var tk struct {
		AccessToken string `json:"accessToken"`
	}
	must(t, "sign-in "+username, http.StatusOK)(api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": username, "password": password}, &tk))
	return tk.AccessToken
}

// compSetDuty gives an employee one duty (PATCH with the record's version).
func compSetDuty(t *testing.T, admin, nip, duty string) {
	t.Helper()
	var emps struct {
		Items []struct {
			NIP     string `json:"nip"`
			Version int    `json:"version"`
		} `json:"items"`
	}
	must(t, "employees", http.StatusOK)(api(t, http.MethodGet, "/tenants/"+tenant+"/employees?limit=100", admin, nil, &emps))
	for _, e := range emps.Items {
		if e.NIP == nip {
			must(t, "duty "+duty, http.StatusOK)(api(t, http.MethodPatch, "/tenants/"+tenant+"/employees/"+nip, admin,
				map[string]any{"duties": []string{duty}, "version": e.Version}, nil))
			return
		}
	}
	t.Fatalf("employee %s is not in the roster", nip)
}
