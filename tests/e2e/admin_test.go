package e2e

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lms/infra/demo"
	"lms/shared/clock"
	"lms/shared/idnumber"
)

// The start of the learner journey, in the browser: the participant
// registers with their NIK (web/e2e/register.mjs, the live NIK check
// compared with shared/idnumber on nikCases), then the admin approves the
// registration and enrolls them in the batch from the registrations queue,
// and goes through the users page (search, a new user, a CSV import with
// its per-row report), the branding page, the batch's evaluation form and
// the audit log (web/e2e/admin.mjs). It returns the participant's user id,
// checked through the API: an active member enrolled in the batch.
func registerThroughPages(t *testing.T, admin string, env map[string]string) string {
	t.Helper()
	base := "/tenants/" + tenant
	cases, err := json.Marshal(nikCases(time.Now().In(clock.Jakarta)))
	if err != nil {
		t.Fatal(err)
	}
	env["NIK_CASES"] = string(cases)
	runSpec(t, "register.mjs", env)

	var pending struct {
		Items []struct {
			ID          string `json:"id"`
			UserID      string `json:"userId"`
			Username    string `json:"username"`
			Institution string `json:"institution"`
			Phone       string `json:"phone"`
		} `json:"items"`
	}
	must(t, "pending registrations", http.StatusOK)(api(t, http.MethodGet, base+"/registrations", admin, nil, &pending))
	var userID string
	for _, r := range pending.Items {
		if r.Username == env["LEARNER_NIK"] {
			userID = r.UserID
			if r.Institution != "PT Tambang Sejahtera" || r.Phone != "+6281234567890" {
				t.Fatalf("registration stored as %+v", r)
			}
		}
	}
	if userID == "" {
		t.Fatalf("the page's registration is not pending: %+v", pending.Items)
	}

	admins := demo.Accounts[0]
	env["ADMIN_USERNAME"], env["ADMIN_PASSWORD"] = admins.Username, admins.Password
	env["NEW_USER_NIK"] = "3273012001930005"
	env["IMPORT_FILE"] = writeImport(t)
	runSpec(t, "admin.mjs", env)

	var member struct {
		Status string `json:"status"`
		Role   string `json:"role"`
	}
	must(t, "approved member", http.StatusOK)(api(t, http.MethodGet, base+"/users/"+userID, admin, nil, &member))
	if member.Status != "active" || member.Role != "learner" {
		t.Fatalf("after the approval in the page the membership is %+v", member)
	}
	var enrollments struct {
		Items []struct {
			UserID string `json:"userId"`
			Status string `json:"status"`
		} `json:"items"`
	}
	must(t, "enrollments", http.StatusOK)(api(t, http.MethodGet, base+"/batches/"+env["BATCH_ID"]+"/enrollments", admin, nil, &enrollments))
	if len(enrollments.Items) != 1 || enrollments.Items[0].UserID != userID || enrollments.Items[0].Status != "enrolled" {
		t.Fatalf("after enrolling in the page the batch has %+v", enrollments.Items)
	}
	var form struct {
		Questions []struct {
			Kind     string `json:"kind"`
			Required bool   `json:"required"`
		} `json:"questions"`
	}
	must(t, "evaluation form", http.StatusOK)(api(t, http.MethodGet, base+"/batches/"+env["BATCH_ID"]+"/evaluation", admin, nil, &form))
	if len(form.Questions) != 5 || form.Questions[4].Kind != "scale" || !form.Questions[4].Required {
		t.Fatalf("the form saved in the page: %+v", form.Questions)
	}
	return userID
}

// checkEvaluationResults: after the participant answered in the page, the
// API counts one response and the admin's results page shows it.
func checkEvaluationResults(t *testing.T, admin string, env map[string]string) {
	t.Helper()
	var form struct {
		Responses int `json:"responses"`
		Results   []struct {
			Mean float64 `json:"mean"`
		} `json:"results"`
	}
	must(t, "evaluation results", http.StatusOK)(api(t, http.MethodGet, "/tenants/"+tenant+"/batches/"+env["BATCH_ID"]+"/evaluation", admin, nil, &form))
	if form.Responses != 1 || len(form.Results) != 5 || form.Results[0].Mean != 5 || form.Results[1].Mean != 4 {
		t.Fatalf("the page's evaluation answer was stored as %+v", form)
	}
	runSpec(t, "evaluation.mjs", env)
}

type nikCase struct {
	NIK  string `json:"nik"`
	Code string `json:"code"` // shared/idnumber's error code, "ok" when valid
}

// nikCases are numbers the registration page must judge as the server
// does: valid ones (men, women, leap days, separators, today's and
// tomorrow's birthdays across the century rule) and one for every error.
func nikCases(now time.Time) []nikCase {
	yy := now.Format("06")
	today := now.Format("02") + now.Format("01") + yy
	next := now.AddDate(0, 0, 1)
	tomorrow := next.Format("02") + next.Format("01") + next.Format("06")
	inputs := []string{
		"3273011508950001", "3273015508950002", "3273016902960001", "3273012902000001",
		" 32.73.01-150895-0001 ", "3273 0115 0895 0001", "3273\u00a00115\u00a00895\u00a00001",
		"3273017112990001", "1101014008950001", "9601013112990001",
		"327301" + today + "0001", "327301" + tomorrow + "0001",
		"", "   ", "3273O11508950001", "32730115089500+1", "327301150895000", "32730115089500011",
		"0073011508950001", "2073011508950001", "3200011508950001", "3273001508950001",
		"3273013202950001", "3273010013950001", "3273017212990001", "3273012902010001",
		"3273013104950001", "3273011508950000",
	}
	out := make([]nikCase, 0, len(inputs))
	for _, s := range inputs {
		c := nikCase{NIK: s, Code: "ok"}
		if _, err := idnumber.ParseNIK(s, now); err != nil {
			c.Code = err.(*idnumber.Error).Code
		}
		out = append(out, c)
	}
	return out
}

// writeImport writes the users file the admin imports: two good rows and
// two with a problem each (row 3: NIK sequence 0000; row 5: an email).
func writeImport(t *testing.T) string {
	t.Helper()
	rows := []string{
		"NIK/NIP,Nama Lengkap,Email",
		"3273015203880002,Sari Wulandari,",
		"3273011508950000,Joko Santoso,",
		"3273011011900003,Budi Hartono,",
		"3273012512910004,Ani Lestari,bukan-surel",
	}
	path := filepath.Join(t.TempDir(), "peserta-impor.csv")
	if err := os.WriteFile(path, []byte(strings.Join(rows, "\r\n")+"\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
