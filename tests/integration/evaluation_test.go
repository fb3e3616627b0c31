package integration

import (
	"net/http"
	"testing"

	"lms/infra/demo"
)

// An admin defines the post-training form; each enrolled participant
// answers once; the admin sees the mean, distribution and comments; the
// form is locked once answered.
func TestEvaluationForm(t *testing.T) {
	admin := adminToken(t)
	pc := publishCourse(t, admin, "EVAL-C")
	b := createBatch(t, admin, "EVAL-1", "open", 5, pc.ID)
	base := "/tenants/" + demo.TenantID + "/batches/" + b.ID
	api(t, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
	_, tokens := newLearners(t, 3, 55)
	for i := 0; i < 2; i++ {
		st, raw := api(t, http.MethodPost, base+"/enrollments", tokens[i], nil, nil)
		expect(t, "enroll", st, raw, http.StatusCreated)
	}
	st, raw := api(t, http.MethodGet, base+"/evaluation", tokens[0], nil, nil)
	if st != http.StatusNotFound || errorCode(raw) != "evaluation_not_defined" {
		t.Fatalf("before a form exists: %d %s", st, raw)
	}
	var form struct {
		Questions []struct {
			ID   string `json:"id"`
			Kind string `json:"kind"`
		} `json:"questions"`
	}
	st, raw = api(t, http.MethodPut, base+"/evaluation", admin, map[string]any{"questions": []map[string]any{
		{"kind": "scale", "text": "Materi mudah dipahami", "required": true},
		{"kind": "choice", "text": "Moda yang paling membantu", "options": []string{"daring", "luring", "campuran"}},
		{"kind": "text", "text": "Saran untuk penyelenggara"},
	}}, &form)
	expect(t, "define form", st, raw, http.StatusOK)
	q1, q2, q3 := form.Questions[0].ID, form.Questions[1].ID, form.Questions[2].ID

	st, raw = api(t, http.MethodPost, base+"/evaluation/responses", tokens[0], map[string]any{"answers": map[string]string{q1: "7"}}, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("scale 7: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, base+"/evaluation/responses", tokens[0], map[string]any{"answers": map[string]string{q2: "daring"}}, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("required question missing: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, base+"/evaluation/responses", tokens[0], map[string]any{"answers": map[string]string{q1: "5", q2: "daring", q3: "Tambah waktu praktik"}}, nil)
	expect(t, "answer", st, raw, http.StatusNoContent)
	st, raw = api(t, http.MethodPost, base+"/evaluation/responses", tokens[0], map[string]any{"answers": map[string]string{q1: "1"}}, nil)
	if st != http.StatusConflict || errorCode(raw) != "evaluation_answered" {
		t.Fatalf("second answer: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, base+"/evaluation/responses", tokens[1], map[string]any{"answers": map[string]string{q1: "4", q2: "luring"}}, nil)
	expect(t, "answer 2", st, raw, http.StatusNoContent)
	st, raw = api(t, http.MethodPost, base+"/evaluation/responses", tokens[2], map[string]any{"answers": map[string]string{q1: "3"}}, nil)
	expect(t, "not enrolled", st, raw, http.StatusForbidden)

	var res struct {
		Responses int `json:"responses"`
		Results   []struct {
			Answered     int            `json:"answered"`
			Mean         float64        `json:"mean"`
			Distribution map[string]int `json:"distribution"`
			Comments     []string       `json:"comments"`
		} `json:"results"`
	}
	st, raw = api(t, http.MethodGet, base+"/evaluation", admin, nil, &res)
	expect(t, "results", st, raw, http.StatusOK)
	if res.Responses != 2 || res.Results[0].Mean != 4.5 || res.Results[0].Distribution["5"] != 1 || res.Results[1].Distribution["luring"] != 1 ||
		len(res.Results[2].Comments) != 1 {
		t.Fatalf("results %s", raw)
	}
	st, raw = api(t, http.MethodGet, base+"/evaluation", tokens[0], nil, nil)
	expect(t, "participant reads the form", st, raw, http.StatusOK)
	if stringsContains(string(raw), "results") {
		t.Fatalf("a participant sees the results: %s", raw)
	}
	st, raw = api(t, http.MethodPut, base+"/evaluation", admin, map[string]any{"questions": []map[string]any{{"kind": "text", "text": "Baru"}}}, nil)
	if st != http.StatusConflict || errorCode(raw) != "evaluation_locked" {
		t.Fatalf("changing an answered form: %d %s", st, raw)
	}
}
