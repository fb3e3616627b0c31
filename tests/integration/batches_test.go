package integration

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"lms/infra/demo"
)

type batchView struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	Enrolled int    `json:"enrolled"`
	Reserve  int    `json:"reserve"`
	TotalJP  int    `json:"totalJp"`
}

type enrollmentView struct {
	UserID string `json:"userId"`
	Status string `json:"status"`
}

// newLearners creates n fresh learners in the demo tenant and signs them
// in, returning their user ids and tokens. seed keeps NIKs apart between
// tests (NIKs 3273010101{seed}{i}: Bandung, born 1 Jan 2001).
func newLearners(t *testing.T, n int, seed int) (ids, tokens []string) {
	t.Helper()
	admin := adminToken(t)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			nik := fmt.Sprintf("3273010101%02d%04d", seed%100, i+1)
			var created struct {
				Membership struct {
					UserID string `json:"userId"`
				} `json:"membership"`
				Account struct {
					TemporaryPassword string `json:"temporaryPassword"`
				} `json:"account"`
			}
			st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/users", admin,
				map[string]string{"username": nik, "name": fmt.Sprintf("Peserta %d-%d", seed, i), "role": "learner"}, &created)
			if st != http.StatusCreated {
				t.Errorf("create learner %s: %d %s", nik, st, raw)
				return
			}
			tk := firstSignIn(t, nik, created.Account.TemporaryPassword, "PesertaBaru2026")
			mu.Lock()
			ids, tokens = append(ids, created.Membership.UserID), append(tokens, tk.AccessToken)
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	if len(ids) != n {
		t.Fatalf("created %d of %d learners", len(ids), n)
	}
	return ids, tokens
}

func createBatch(t *testing.T, admin, code, policy string, capacity int, courseIDs ...string) batchView {
	t.Helper()
	var b batchView
	st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/batches", admin, map[string]any{
		"name": "Angkatan " + code, "code": code, "courseIds": courseIDs, "startDate": "2026-12-01", "endDate": "2026-12-12",
		"mode": "blended", "location": "Sawahlunto", "capacity": capacity, "enrollmentPolicy": policy}, &b)
	expect(t, "create batch", st, raw, http.StatusCreated)
	return b
}

// 50 participants ask at once for 10 seats: exactly 10 get one, 40 are on
// the reserve list; a withdrawal promotes the earliest reserve, whose
// courses open in the same step.
func TestFiftyForTenSeatsAndReservePromotion(t *testing.T) {
	admin := adminToken(t)
	pc := publishCourse(t, admin, "RACE-C")
	b := createBatch(t, admin, "RACE-50", "open", 10, pc.ID)
	base := "/tenants/" + demo.TenantID + "/batches/" + b.ID
	ids, tokens := newLearners(t, 50, 51)

	st, raw := api(t, http.MethodPost, base+"/enrollments", tokens[0], nil, nil)
	expect(t, "a draft batch is invisible to participants", st, raw, http.StatusNotFound)
	st, raw = api(t, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
	expect(t, "open", st, raw, http.StatusOK)

	var mu sync.Mutex
	got := map[string]int{}
	who := map[string]string{}
	var wg sync.WaitGroup
	for i := range tokens {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var e enrollmentView
			st, raw := api(t, http.MethodPost, base+"/enrollments", tokens[i], nil, &e)
			if st != http.StatusCreated {
				t.Errorf("enroll %d: %d %s", i, st, raw)
				return
			}
			mu.Lock()
			got[e.Status]++
			who[ids[i]] = e.Status
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	if got["enrolled"] != 10 || got["reserve"] != 40 {
		t.Fatalf("50 requests for 10 seats: %v", got)
	}
	var after batchView
	api(t, http.MethodGet, base, admin, nil, &after)
	if after.Enrolled != 10 || after.Reserve != 40 {
		t.Fatalf("counters: %+v", after)
	}
	st, raw = api(t, http.MethodPost, base+"/enrollments", tokens[0], nil, nil)
	if st != http.StatusConflict || errorCode(raw) != "already_enrolled" {
		t.Fatalf("second request: %d %s", st, raw)
	}

	// The earliest reserve by request time moves up when a seat frees.
	var list struct {
		Items []struct {
			UserID      string `json:"userId"`
			Status      string `json:"status"`
			RequestedAt string `json:"requestedAt"`
		} `json:"items"`
	}
	api(t, http.MethodGet, base+"/enrollments", admin, nil, &list)
	first, firstAt, leaving := "", "", ""
	for _, e := range list.Items {
		if e.Status == "reserve" && (firstAt == "" || e.RequestedAt < firstAt) {
			first, firstAt = e.UserID, e.RequestedAt
		}
		if e.Status == "enrolled" && leaving == "" {
			leaving = e.UserID
		}
	}
	tokenOf := func(id string) string {
		for i := range ids {
			if ids[i] == id {
				return tokens[i]
			}
		}
		t.Fatalf("no token for %s", id)
		return ""
	}
	st, raw = api(t, http.MethodGet, pc.base, tokenOf(first), nil, nil)
	expect(t, "a reserve cannot open the course", st, raw, http.StatusNotFound)
	var out struct {
		Promoted *enrollmentView `json:"promoted"`
	}
	st, raw = api(t, http.MethodPost, base+"/enrollments/"+leaving+"/withdraw", tokenOf(leaving), nil, &out)
	expect(t, "withdraw", st, raw, http.StatusOK)
	if out.Promoted == nil || out.Promoted.UserID != first || out.Promoted.Status != "enrolled" {
		t.Fatalf("promotion: %s (expected %s)", raw, first)
	}
	api(t, http.MethodGet, base, admin, nil, &after)
	if after.Enrolled != 10 || after.Reserve != 39 {
		t.Fatalf("counters after promotion: %+v", after)
	}
	st, raw = api(t, http.MethodGet, pc.base, tokenOf(first), nil, nil)
	expect(t, "the promoted participant opens the course", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, pc.base, tokenOf(leaving), nil, nil)
	expect(t, "the withdrawn participant loses the course", st, raw, http.StatusNotFound)
	var mine struct {
		Items []struct {
			BatchID string `json:"batchId"`
			Status  string `json:"status"`
		} `json:"items"`
	}
	api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/me/batches", tokenOf(leaving), nil, &mine)
	if len(mine.Items) != 1 || mine.Items[0].Status != "withdrawn" {
		t.Fatalf("my batches after withdrawing: %+v", mine)
	}
}

// Under the approval policy a request waits; the admin approves (a seat,
// courses open) or rejects with a reason; admins also enroll by id.
func TestApprovalPolicyAndAdminEnrollment(t *testing.T) {
	admin := adminToken(t)
	pc := publishCourse(t, admin, "APPROVE-C")
	b := createBatch(t, admin, "APPROVE-1", "approval", 2, pc.ID)
	if b.TotalJP != 4 {
		t.Fatalf("total JP should default to the courses' JP: %+v", b)
	}
	base := "/tenants/" + demo.TenantID + "/batches/" + b.ID
	api(t, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
	ids, tokens := newLearners(t, 4, 70)

	var e enrollmentView
	st, raw := api(t, http.MethodPost, base+"/enrollments", tokens[0], nil, &e)
	expect(t, "request", st, raw, http.StatusCreated)
	if e.Status != "pending" {
		t.Fatalf("approval policy: %s", raw)
	}
	api(t, http.MethodPost, base+"/enrollments", tokens[1], nil, nil)
	st, raw = api(t, http.MethodPost, base+"/enrollments/"+ids[0]+"/approve", admin, nil, nil)
	expect(t, "approve", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, pc.base, tokens[0], nil, nil)
	expect(t, "approved participant opens the course", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, base+"/enrollments/"+ids[1]+"/reject", admin, map[string]string{"reason": "Kuota instansi penuh"}, nil)
	expect(t, "reject", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, pc.base, tokens[1], nil, nil)
	expect(t, "rejected participant", st, raw, http.StatusNotFound)

	var res struct {
		Results []struct {
			UserID string `json:"userId"`
			Status string `json:"status"`
			Error  string `json:"error"`
		} `json:"results"`
	}
	st, raw = api(t, http.MethodPost, base+"/enrollments", admin, map[string]any{"userIds": []string{ids[2], ids[3], ids[0], "no-such-user"}}, &res)
	expect(t, "admin enrolls", st, raw, http.StatusOK)
	want := fmt.Sprint([]string{"enrolled", "reserve", "already_enrolled", "not_member"})
	var gotRes []string
	for _, r := range res.Results {
		gotRes = append(gotRes, r.Status+r.Error)
	}
	if fmt.Sprint(gotRes) != want {
		t.Fatalf("admin enrollment results %v, want %v", gotRes, want)
	}
	st, raw = api(t, http.MethodPost, base+"/enrollments/"+ids[2]+"/withdraw", tokens[3], nil, nil)
	expect(t, "withdrawing someone else", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodPatch, base, admin, map[string]any{"capacity": 1}, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("capacity below the enrolled: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPatch, base, admin, map[string]any{"status": "archived"}, nil)
	if st != http.StatusConflict || errorCode(raw) != "batch_status_transition" {
		t.Fatalf("open -> archived: %d %s", st, raw)
	}
}

// Regressions: participants' lists and cursors never mention a draft, and a
// batch instructor who loses the role loses the participant list.
func TestDraftsStayHiddenAndDemotedInstructorsLoseTheList(t *testing.T) {
	admin := adminToken(t)
	pc := publishCourse(t, admin, "HIDE-C")
	draft := createBatch(t, admin, "HIDE-DRAFT", "open", 5, pc.ID)
	open := createBatch(t, admin, "HIDE-OPEN", "open", 5, pc.ID)
	api(t, http.MethodPatch, "/tenants/"+demo.TenantID+"/batches/"+open.ID, admin, map[string]any{"status": "open"}, nil)
	a := demo.Accounts[2]
	learner := signIn(t, a.Username, a.Password).AccessToken
	cursor := ""
	for pages := 0; pages < 50; pages++ {
		var page struct {
			Items      []batchView `json:"items"`
			NextCursor string      `json:"nextCursor"`
		}
		st, raw := api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/batches?limit=1&cursor="+cursor, learner, nil, &page)
		expect(t, "learner's batch list", st, raw, http.StatusOK)
		if stringsContains(string(raw), draft.ID) {
			t.Fatalf("a participant's page mentions a draft: %s", raw)
		}
		if page.NextCursor == "" {
			break
		}
		dec, _ := base64Decode(page.NextCursor)
		if stringsContains(dec, draft.ID) {
			t.Fatalf("a participant's cursor mentions a draft: %s", dec)
		}
		cursor = page.NextCursor
	}

	ids, tokens := newLearners(t, 1, 88)
	st, raw := api(t, http.MethodPatch, "/tenants/"+demo.TenantID+"/users/"+ids[0], admin, map[string]string{"role": "instructor"}, nil)
	expect(t, "promote to instructor", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPatch, "/tenants/"+demo.TenantID+"/batches/"+open.ID, admin, map[string]any{"instructorIds": []string{ids[0]}}, nil)
	expect(t, "name the batch instructor", st, raw, http.StatusOK)
	list := "/tenants/" + demo.TenantID + "/batches/" + open.ID + "/enrollments"
	st, raw = api(t, http.MethodGet, list, tokens[0], nil, nil)
	expect(t, "batch instructor reads participants", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPatch, "/tenants/"+demo.TenantID+"/users/"+ids[0], admin, map[string]string{"role": "learner"}, nil)
	expect(t, "demote", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, list, tokens[0], nil, nil)
	expect(t, "demoted instructor", st, raw, http.StatusForbidden)
}

// A larger capacity seats the waiting reserves first come first served,
// and newcomers queue behind anyone still waiting.
func TestCapacityIncreasePromotesReserves(t *testing.T) {
	admin := adminToken(t)
	pc := publishCourse(t, admin, "CAP-C")
	b := createBatch(t, admin, "CAP-1", "open", 1, pc.ID)
	base := "/tenants/" + demo.TenantID + "/batches/" + b.ID
	api(t, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
	ids, tokens := newLearners(t, 3, 44)
	for i := range tokens {
		st, raw := api(t, http.MethodPost, base+"/enrollments", tokens[i], nil, nil)
		expect(t, "enroll", st, raw, http.StatusCreated)
	}
	var after batchView
	st, raw := api(t, http.MethodPatch, base, admin, map[string]any{"capacity": 2}, &after)
	expect(t, "grow capacity", st, raw, http.StatusOK)
	if after.Enrolled != 2 || after.Reserve != 1 {
		t.Fatalf("after growing to 2 seats: %+v", after)
	}
	var list struct {
		Items []enrollmentView `json:"items"`
	}
	api(t, http.MethodGet, base+"/enrollments", admin, nil, &list)
	status := map[string]string{}
	for _, e := range list.Items {
		status[e.UserID] = e.Status
	}
	enrolled := 0
	for _, id := range ids {
		if status[id] == "enrolled" {
			enrolled++
		}
	}
	if enrolled != 2 {
		t.Fatalf("statuses %v", status)
	}
	for _, id := range ids {
		if status[id] == "enrolled" {
			continue
		}
		// The one still waiting opens the course once promoted.
		api(t, http.MethodPatch, base, admin, map[string]any{"capacity": 3}, &after)
		if after.Enrolled != 3 || after.Reserve != 0 {
			t.Fatalf("after growing to 3 seats: %+v", after)
		}
		for i := range ids {
			if ids[i] == id {
				st, raw := api(t, http.MethodGet, pc.base, tokens[i], nil, nil)
				expect(t, "promoted reserve opens the course", st, raw, http.StatusOK)
			}
		}
	}
}
