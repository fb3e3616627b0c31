package integration

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"testing"

	"github.com/xuri/excelize/v2"

	"lms/infra/demo"
)

// The batch report lists participants with progress per course,
// completion, JP and evaluation status, as JSON, CSV and XLSX.
func TestBatchReport(t *testing.T) {
	admin := adminToken(t)
	pc := publishCourse(t, admin, "LAP-C")
	b := createBatch(t, admin, "LAP-1", "open", 5, pc.ID)
	base := "/tenants/" + demo.TenantID + "/batches/" + b.ID
	api(t, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
	ids, tokens := newLearners(t, 2, 66)
	for i := range tokens {
		st, raw := api(t, http.MethodPost, base+"/enrollments", tokens[i], nil, nil)
		expect(t, "enroll", st, raw, http.StatusCreated)
	}
	st, raw := report(t, tokens[0], pc.base+"/items/"+pc.Required1+"/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 120, "completed": true})
	expect(t, "progress", st, raw, http.StatusOK)

	var rep struct {
		Participants []struct {
			UserID    string         `json:"userId"`
			Progress  int            `json:"progress"`
			Courses   map[string]int `json:"courses"`
			TimeSpent int            `json:"timeSpentSeconds"`
			Completed bool           `json:"completed"`
			Evaluated bool           `json:"evaluated"`
		} `json:"participants"`
	}
	st, raw = api(t, http.MethodGet, base+"/report", admin, nil, &rep)
	expect(t, "JSON report", st, raw, http.StatusOK)
	byUser := map[string]int{}
	for i, p := range rep.Participants {
		byUser[p.UserID] = i
	}
	first := rep.Participants[byUser[ids[0]]]
	if len(rep.Participants) != 2 || first.Progress != 50 || first.Courses[pc.ID] != 50 || first.TimeSpent != 120 || first.Completed {
		t.Fatalf("report %s", raw)
	}

	get := func(format string) (*http.Response, []byte) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api"+base+"/report?format="+format, nil)
		req.Header.Set("Authorization", "Bearer "+admin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	resp, body := get("csv")
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || len(rows) != 3 || rows[0][4] != "LAP-C (%)" {
		t.Fatalf("CSV %q %v", body, err)
	}
	resp, body = get("xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("XLSX: %v (%s)", err, resp.Header.Get("Content-Type"))
	}
	defer f.Close()
	sheet, _ := f.GetRows("Laporan")
	if len(sheet) != 3 || sheet[0][0] != "NIK/NIP" || len(sheet[1][0]) != 16 {
		t.Fatalf("XLSX rows %v", sheet)
	}
	st, raw = api(t, http.MethodGet, base+"/report?format=pdf", admin, nil, nil)
	expect(t, "unknown format", st, raw, http.StatusBadRequest)
	st, raw = api(t, http.MethodGet, base+"/report", tokens[0], nil, nil)
	expect(t, "a participant", st, raw, http.StatusForbidden)
}
