package integration

import (
	"net/http"
	"testing"

	"lms/infra/demo"
)

type enrollImportReport struct {
	TotalRows int `json:"totalRows"`
	Enrolled  int `json:"enrolled"`
	Reserve   int `json:"reserve"`
	Unchanged int `json:"unchanged"`
	Created   []struct {
		Username string `json:"username"`
	} `json:"created"`
	Failed   int `json:"failed"`
	Problems []struct {
		Row  int    `json:"row"`
		Code string `json:"code"`
	} `json:"problems"`
}

// An admin enrolls a cohort from a spreadsheet: known members by NIK/NIP,
// new people created when the file has their name and the admin asks for
// it; unknown or invalid numbers are reported by row; seats beyond the
// capacity go to the reserve list; importing again changes nothing.
func TestEnrollmentImport(t *testing.T) {
	admin := adminToken(t)
	pc := publishCourse(t, admin, "IMPOR-ANGK")
	b := createBatch(t, admin, "IMPOR-ANGK", "admin", 2, pc.ID)
	path := "/tenants/" + demo.TenantID + "/batches/" + b.ID + "/enrollments/import"
	file := []byte("NIK/NIP;Nama\n" +
		demo.Accounts[2].Username + ";\n" + // an existing learner, no name needed
		"3273014505920006;Rina Marlina\n" + // new, created with create=true
		"3273011203930007;\n" + // unknown, no name: reported
		"3273013102950001;Tanggal Salah\n" + // 31 Feb: reported
		"3273014505920006;Rina Marlina\n" + // duplicate in the file: reported
		"3273011708940008;Dedi Kurniawan\n") // new, beyond the 2 seats: reserve
	var rep enrollImportReport
	st, raw := apiRaw(t, http.MethodPost, path, admin, []byte("NIK;Nama\n"+demo.Accounts[2].Username+";\n"), "text/csv")
	expect(t, "import without create", st, raw, http.StatusOK)
	st, raw = apiRaw(t, http.MethodPost, path+"?create=true", admin, file, "text/csv")
	expect(t, "import", st, raw, http.StatusOK)
	if err := jsonUnmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	codes := map[int]string{}
	for _, p := range rep.Problems {
		codes[p.Row] = p.Code
	}
	if rep.TotalRows != 6 || rep.Enrolled != 1 || rep.Reserve != 1 || rep.Unchanged != 1 || len(rep.Created) != 2 || rep.Failed != 3 ||
		codes[4] != "enroll_unknown_person" || codes[5] != "nik_birthdate_invalid" || codes[6] != "import_duplicate_in_file" {
		t.Fatalf("report %s", raw)
	}
	st, raw = apiRaw(t, http.MethodPost, path+"?create=true", admin, file, "text/csv")
	expect(t, "re-import", st, raw, http.StatusOK)
	rep = enrollImportReport{}
	_ = jsonUnmarshal(raw, &rep)
	if rep.Enrolled != 0 || rep.Reserve != 0 || rep.Unchanged != 3 || len(rep.Created) != 0 || rep.Failed != 3 {
		t.Fatalf("re-import changed something: %s", raw)
	}
	st, raw = apiRaw(t, http.MethodPost, path, demoLearnerToken(t), file, "text/csv")
	expect(t, "a learner importing", st, raw, http.StatusForbidden)
}

func demoLearnerToken(t *testing.T) string {
	a := demo.Accounts[2]
	return signIn(t, a.Username, a.Password).AccessToken
}
