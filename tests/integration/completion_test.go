package integration

import (
	"net/http"
	"testing"
	"time"

	"lms/infra/demo"
	"lms/shared/clock"
)

type jpView struct {
	Year      int `json:"year"`
	TotalJP   int `json:"totalJp"`
	Duty      int `json:"duty"`
	Remaining int `json:"remaining"`
	Entries   []struct {
		BatchID string `json:"batchId"`
		JP      int    `json:"jp"`
	} `json:"entries"`
}

// Completing every required item of a batch's courses completes the
// enrollment on its own and puts the batch's JP in the year's ledger; an
// admin can take it back and give it again by hand, with a reason.
func TestCompletionEarnsJP(t *testing.T) {
	admin := adminToken(t)
	c1 := publishCourse(t, admin, "JP-C1")
	c2 := publishCourse(t, admin, "JP-C2")
	b := createBatch(t, admin, "JP-BATCH", "open", 5, c1.ID, c2.ID)
	base := "/tenants/" + demo.TenantID + "/batches/" + b.ID
	api(t, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
	ids, tokens := newLearners(t, 1, 33)
	learner, id := tokens[0], ids[0]
	st, raw := api(t, http.MethodPost, base+"/enrollments", learner, nil, nil)
	expect(t, "enroll", st, raw, http.StatusCreated)

	jp := func() jpView {
		var v jpView
		st, raw := api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/me/jp", learner, nil, &v)
		expect(t, "my JP", st, raw, http.StatusOK)
		return v
	}
	if v := jp(); v.TotalJP != 0 || v.Duty != 20 || v.Remaining != 20 || v.Year != time.Now().In(clock.Jakarta).Year() {
		t.Fatalf("before: %+v", v)
	}
	done := func(pc publishedCourse) {
		for _, item := range []string{pc.Required1, pc.Required2} {
			st, raw := report(t, learner, pc.base+"/items/"+item+"/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 60, "completed": true})
			expect(t, "complete item", st, raw, http.StatusOK)
		}
	}
	done(c1)
	if v := jp(); v.TotalJP != 0 {
		t.Fatalf("one of two courses done should earn nothing: %+v", v)
	}
	done(c2)
	if v := jp(); v.TotalJP != 8 || v.Remaining != 12 || len(v.Entries) != 1 || v.Entries[0].BatchID != b.ID {
		t.Fatalf("after completing both courses: %+v", v)
	}
	var e struct {
		Completed   bool   `json:"completed"`
		CompletedBy string `json:"completedBy"`
		JPEarned    int    `json:"jpEarned"`
	}
	// A late report changes nothing: completion and JP are recorded once.
	report(t, learner, c2.base+"/items/"+c2.Required1+"/progress", map[string]any{"deviceId": "laptop", "sessionSeconds": 10, "completed": true})
	if v := jp(); v.TotalJP != 8 {
		t.Fatalf("a late report counted again: %+v", v)
	}

	st, raw = api(t, http.MethodPost, base+"/enrollments/"+id+"/complete", admin, map[string]any{"completed": false}, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("un-completing without a reason: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, base+"/enrollments/"+id+"/complete", admin, map[string]any{"completed": false, "reason": "Tidak mengikuti ujian praktik"}, &e)
	expect(t, "un-complete", st, raw, http.StatusOK)
	if e.Completed || e.JPEarned != 0 || jp().TotalJP != 0 {
		t.Fatalf("after taking completion back: %s, JP %+v", raw, jp())
	}
	st, raw = api(t, http.MethodPost, base+"/enrollments/"+id+"/complete", admin, map[string]any{"completed": true, "reason": "Ujian susulan lulus"}, &e)
	expect(t, "complete by hand", st, raw, http.StatusOK)
	if !e.Completed || e.CompletedBy == "auto" || e.JPEarned != 8 || jp().TotalJP != 8 {
		t.Fatalf("after completing by hand: %s", raw)
	}
	st, raw = api(t, http.MethodPost, base+"/enrollments/"+id+"/complete", admin, map[string]any{"completed": true, "reason": "Lagi"}, nil)
	if st != http.StatusConflict || errorCode(raw) != "completion_unchanged" {
		t.Fatalf("completing twice: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, base+"/enrollments/"+id+"/withdraw", learner, nil, nil)
	if st != http.StatusConflict || errorCode(raw) != "enrollment_completed" {
		t.Fatalf("withdrawing after completion: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPatch, base, admin, map[string]any{"courseIds": []string{c1.ID}}, nil)
	if st != http.StatusConflict || errorCode(raw) != "batch_courses_locked" {
		t.Fatalf("changing courses with participants: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/me/jp?year=1999", learner, nil, nil)
	expect(t, "a year out of range", st, raw, http.StatusBadRequest)
}
