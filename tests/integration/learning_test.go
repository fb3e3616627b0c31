package integration

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"lms/infra/demo"
	"lms/shared/progress"
)

// grantCourse gives a learner access to a course as batch enrollment will
// (the batch function arrives with its own issue): the same store call,
// against DynamoDB Local.
func grantCourse(t testing.TB, tenantID, userID, courseID, batchID string) {
	t.Helper()
	st := progress.Store{DB: srv.Stack.Clients().DynamoDB, Table: srv.Resources.Tables["LmsTable"]}
	if err := st.Grant(context.Background(), progress.Learning{TenantID: tenantID, UserID: userID, CourseID: courseID,
		CourseTitle: "granted", CourseCode: "G", GrantedAt: time.Now().UTC()}, batchID); err != nil {
		t.Fatal(err)
	}
}

type publishedCourse struct {
	ID                   string
	Required1, Required2 string
	Link, Video          string
	base                 string
}

// publishCourse builds and publishes a course as the demo admin: two
// required text pages, an optional link, and a video still processing.
func publishCourse(t testing.TB, admin, code string) publishedCourse {
	t.Helper()
	base := "/tenants/" + demo.TenantID + "/courses"
	var o outlineView
	st, raw := api(t, http.MethodPost, base, admin, map[string]any{"code": code, "title": "Pengenalan Tambang " + code, "jp": 4}, &o)
	expect(t, "create", st, raw, http.StatusCreated)
	pc := publishedCourse{ID: o.Course.ID, base: base + "/" + o.Course.ID}
	var s sectionView
	st, raw = api(t, http.MethodPost, pc.base+"/sections", admin, map[string]string{"title": "Bab 1"}, &s)
	expect(t, "section", st, raw, http.StatusCreated)
	add := func(body map[string]any) string {
		var it itemView
		body["sectionId"] = s.ID
		st, raw := api(t, http.MethodPost, pc.base+"/items", admin, body, &it)
		expect(t, "item", st, raw, http.StatusCreated)
		return it.ID
	}
	pc.Required1 = add(map[string]any{"kind": "text", "title": "Sejarah tambang", "body": "Tambang batu bara Ombilin dibuka 1892.", "required": true})
	pc.Required2 = add(map[string]any{"kind": "text", "title": "Bahaya gas metana", "body": "Metana mudah meledak.", "required": true})
	pc.Link = add(map[string]any{"kind": "link", "title": "Situs ESDM", "url": "https://www.esdm.go.id/"})
	pc.Video = add(map[string]any{"kind": "video", "title": "Video lapangan", "uploadId": "01JDZ3K8W9X4T5Y6Z7A8B9C0D1"})
	st, raw = api(t, http.MethodPost, pc.base+"/publish", admin, nil, nil)
	expect(t, "publish", st, raw, http.StatusOK)
	return pc
}

type learnerCourseView struct {
	Sections []sectionView `json:"sections"`
	Learning struct {
		Percent       int `json:"percent"`
		RequiredTotal int `json:"requiredTotal"`
		TimeSpent     int `json:"timeSpentSeconds"`
	} `json:"learning"`
	Progress map[string]struct {
		Completed       bool `json:"completed"`
		TimeSpent       int  `json:"timeSpentSeconds"`
		PositionSeconds int  `json:"positionSeconds"`
	} `json:"progress"`
}

func report(t testing.TB, token, path string, body map[string]any) (int, []byte) {
	t.Helper()
	return api(t, http.MethodPut, path, token, body, nil)
}

// A learner sees only courses an enrollment opened, only items that are
// available, records progress, and finds it in my learning.
func TestLearnerOpensAGrantedCourseAndProgresses(t *testing.T) {
	admin := adminToken(t)
	a := demo.Accounts[2]
	learner := signIn(t, a.Username, a.Password).AccessToken
	learnerID := me(t, learner).User.ID
	pc := publishCourse(t, admin, "BELAJAR-1")

	st, raw := api(t, http.MethodGet, pc.base, learner, nil, nil)
	expect(t, "before enrollment", st, raw, http.StatusNotFound)
	grantCourse(t, demo.TenantID, learnerID, pc.ID, "01JDZ3K8W9X4T5Y6Z7A8B9C0BA")
	grantCourse(t, demo.TenantID, learnerID, pc.ID, "01JDZ3K8W9X4T5Y6Z7A8B9C0BA") // repeated enrollment

	var view learnerCourseView
	st, raw = api(t, http.MethodGet, pc.base, learner, nil, &view)
	expect(t, "learner outline", st, raw, http.StatusOK)
	if len(view.Sections) != 1 || len(view.Sections[0].Items) != 3 || strings.Contains(string(raw), pc.Video) {
		t.Fatalf("a learner should see the three available items, not the processing video: %s", raw)
	}
	st, raw = api(t, http.MethodGet, pc.base+"/items/"+pc.Video+"/content", learner, nil, nil)
	expect(t, "processing video", st, raw, http.StatusNotFound)
	var text struct{ Body, HTML string }
	st, raw = api(t, http.MethodGet, pc.base+"/items/"+pc.Required1+"/content", learner, nil, &text)
	expect(t, "text content", st, raw, http.StatusOK)
	if !strings.Contains(text.Body, "Ombilin") || !strings.HasPrefix(text.HTML, "<p>") || !strings.Contains(text.HTML, "Ombilin") {
		t.Fatalf("text body %s", raw)
	}

	st, raw = report(t, learner, pc.base+"/items/"+pc.Required1+"/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 90, "completed": true})
	expect(t, "complete item 1", st, raw, http.StatusOK)
	st, raw = report(t, learner, pc.base+"/items/"+pc.Video+"/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 5})
	expect(t, "progress on a processing item", st, raw, http.StatusNotFound)
	st, raw = report(t, learner, pc.base+"/items/"+pc.Link+"/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 30, "completed": true})
	expect(t, "optional link", st, raw, http.StatusOK)

	var mine struct {
		Items []struct {
			CourseID  string `json:"courseId"`
			Percent   int    `json:"percent"`
			TimeSpent int    `json:"timeSpentSeconds"`
		} `json:"items"`
	}
	st, raw = api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/me/learning", learner, nil, &mine)
	expect(t, "my learning", st, raw, http.StatusOK)
	found := false
	for _, it := range mine.Items {
		if it.CourseID == pc.ID {
			found = true
			if it.Percent != 50 || it.TimeSpent != 120 {
				t.Fatalf("my learning: %+v", it)
			}
		}
	}
	if !found {
		t.Fatalf("course missing from my learning: %s", raw)
	}
	st, raw = report(t, learner, pc.base+"/items/"+pc.Required2+"/progress", map[string]any{"deviceId": "laptop", "sessionSeconds": 60, "completed": true})
	expect(t, "complete item 2", st, raw, http.StatusOK)
	api(t, http.MethodGet, pc.base, learner, nil, &view)
	if view.Learning.Percent != 100 || view.Learning.TimeSpent != 180 || !view.Progress[pc.Required2].Completed {
		t.Fatalf("after completing every required item: %+v", view.Learning)
	}

	// Archiving ends new enrollments, not the learner's access.
	st, raw = api(t, http.MethodPost, pc.base+"/archive", admin, nil, nil)
	expect(t, "archive", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, pc.base, learner, nil, nil)
	expect(t, "archived course stays open to its learners", st, raw, http.StatusOK)
}

// 20 reports at once from two devices end with the right totals, and a
// repeated or late report changes nothing.
func TestConcurrentProgressFromTwoDevices(t *testing.T) {
	admin := adminToken(t)
	a := demo.Accounts[2]
	learner := signIn(t, a.Username, a.Password).AccessToken
	pc := publishCourse(t, admin, "PARALEL-2")
	grantCourse(t, demo.TenantID, me(t, learner).User.ID, pc.ID, "01JDZ3K8W9X4T5Y6Z7A8B9C0BB")
	path := pc.base + "/items/" + pc.Required1 + "/progress"
	start := time.Now().UTC()
	var wg sync.WaitGroup
	for i := 1; i <= 10; i++ {
		for _, dev := range []struct {
			id   string
			step int
		}{{"hp", 10}, {"laptop", 5}} {
			wg.Add(1)
			go func(i int, dev string, step int) {
				defer wg.Done()
				body := map[string]any{"deviceId": dev, "sessionSeconds": i * step, "positionSeconds": i * step,
					"completed": dev == "laptop" && i == 3, "at": start.Add(time.Duration(i*step) * time.Second)}
				if st, raw := report(t, learner, path, body); st != http.StatusOK {
					t.Errorf("report %s %d: %d %s", dev, i, st, raw)
				}
			}(i, dev.id, dev.step)
		}
	}
	wg.Wait()
	check := func(what string) {
		var view learnerCourseView
		api(t, http.MethodGet, pc.base, learner, nil, &view)
		p := view.Progress[pc.Required1]
		if p.TimeSpent != 150 || !p.Completed || p.PositionSeconds != 100 || view.Learning.TimeSpent != 150 {
			t.Fatalf("%s: item %+v, course time %d", what, p, view.Learning.TimeSpent)
		}
	}
	check("after 20 concurrent reports")
	report(t, learner, path, map[string]any{"deviceId": "hp", "sessionSeconds": 40, "completed": false, "at": start})
	report(t, learner, path, map[string]any{"deviceId": "laptop", "sessionSeconds": 50})
	check("after a late and a repeated report")
}

// Admins and the course's instructors see who did what; the CSV export has
// a row per learner and item.
func TestMonitoringAndCSVExport(t *testing.T) {
	admin := adminToken(t)
	a := demo.Accounts[2]
	learner := signIn(t, a.Username, a.Password).AccessToken
	pc := publishCourse(t, admin, "PANTAU-3")
	grantCourse(t, demo.TenantID, me(t, learner).User.ID, pc.ID, "01JDZ3K8W9X4T5Y6Z7A8B9C0BC")
	report(t, learner, pc.base+"/items/"+pc.Required1+"/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 120, "completed": true})

	var mon struct {
		RequiredTotal int `json:"requiredTotal"`
		Learners      []struct {
			Username string `json:"username"`
			Percent  int    `json:"percent"`
			Items    []struct {
				ItemID    string `json:"itemId"`
				Completed bool   `json:"completed"`
				TimeSpent int    `json:"timeSpentSeconds"`
			} `json:"items"`
		} `json:"learners"`
	}
	st, raw := api(t, http.MethodGet, pc.base+"/progress", admin, nil, &mon)
	expect(t, "monitoring", st, raw, http.StatusOK)
	if mon.RequiredTotal != 2 || len(mon.Learners) != 1 || mon.Learners[0].Username != a.Username || mon.Learners[0].Percent != 50 ||
		len(mon.Learners[0].Items) != 1 || mon.Learners[0].Items[0].TimeSpent != 120 {
		t.Fatalf("monitoring %s", raw)
	}
	st, raw = api(t, http.MethodGet, pc.base+"/progress", learner, nil, nil)
	expect(t, "a learner monitoring", st, raw, http.StatusForbidden)

	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api"+pc.base+"/progress?format=csv", nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || len(rows) != 2 {
		t.Fatalf("CSV %q (%v)", body, err)
	}
	if fmt.Sprint(rows[1][:6]) != fmt.Sprint([]string{a.Username, "Andi Pratama (Peserta)", "50", "Sejarah tambang", "ya", "2.0"}) {
		t.Fatalf("CSV row %q", rows[1])
	}
}

// The hot paths cost the DynamoDB requests docs/data-model.md promises.
func TestHotPathRequestCounts(t *testing.T) {
	admin := adminToken(t)
	a := demo.Accounts[2]
	learner := signIn(t, a.Username, a.Password).AccessToken
	pc := publishCourse(t, admin, "HITUNG-4")
	grantCourse(t, demo.TenantID, me(t, learner).User.ID, pc.ID, "01JDZ3K8W9X4T5Y6Z7A8B9C0BD")
	cases := []struct {
		name, method, path string
		body               map[string]any
		want               int
	}{
		{"my learning", http.MethodGet, "/tenants/" + demo.TenantID + "/me/learning", nil, 2},
		{"course outline with my progress", http.MethodGet, pc.base, nil, 3},
		// The first report starts the summary's per-item count: one transaction.
		{"record progress", http.MethodPut, pc.base + "/items/" + pc.Required1 + "/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 10}, 4},
		// Later reports that only add time: PutItem (item) + UpdateItem (summary).
		{"record progress (time only)", http.MethodPut, pc.base + "/items/" + pc.Required1 + "/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 40}, 5},
		{"record progress (another item, time only)", http.MethodPut, pc.base + "/items/" + pc.Required2 + "/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 5}, 5},
		// Completing an item changes the summary's count: one transaction.
		{"record progress (completes an item)", http.MethodPut, pc.base + "/items/" + pc.Required2 + "/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 15, "completed": true}, 4},
	}
	for _, c := range cases {
		before := awsCalls.snapshot()
		st, raw := api(t, c.method, c.path, learner, c.body, nil)
		expect(t, c.name, st, raw, http.StatusOK)
		dynamo, _, ops := awsCalls.since(before)
		if dynamo != c.want {
			t.Errorf("%s: %d DynamoDB requests, want %d: %v", c.name, dynamo, c.want, ops)
		}
	}
}

// A PIC (an instructor named on a batch, not on the course) monitors the
// course's learners of that batch only; before being named, not at all.
func TestPICMonitorsTheirBatch(t *testing.T) {
	admin := adminToken(t)
	pc := publishCourse(t, admin, "PANTAU-PIC")
	instructor := instructorToken(t)
	pic := me(t, instructor).User.ID
	ids, tokens := newLearners(t, 2, 81)
	// Learner 0 studies through the PIC's batch, learner 1 through another.
	mine := createBatch(t, admin, "PIC-A", "open", 5, pc.ID)
	theirs := createBatch(t, admin, "PIC-B", "open", 5, pc.ID)
	for i, b := range []batchView{mine, theirs} {
		base := "/tenants/" + demo.TenantID + "/batches/" + b.ID
		api(t, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
		st, raw := api(t, http.MethodPost, base+"/enrollments", tokens[i], nil, nil)
		expect(t, "enroll", st, raw, http.StatusCreated)
	}
	if st, raw := api(t, http.MethodGet, pc.base+"/progress", instructor, nil, nil); st != http.StatusForbidden {
		t.Fatalf("instructor not named anywhere: %d %s", st, raw)
	}
	st, raw := api(t, http.MethodPatch, "/tenants/"+demo.TenantID+"/batches/"+mine.ID, admin, map[string]any{"picIds": []string{pic}}, nil)
	expect(t, "name the PIC", st, raw, http.StatusOK)
	var mon struct {
		Learners []struct {
			UserID string `json:"userId"`
		} `json:"learners"`
	}
	st, raw = api(t, http.MethodGet, pc.base+"/progress", instructor, nil, &mon)
	expect(t, "PIC monitoring", st, raw, http.StatusOK)
	if len(mon.Learners) != 1 || mon.Learners[0].UserID != ids[0] {
		t.Fatalf("PIC sees %s, want only %s", raw, ids[0])
	}
	st, raw = api(t, http.MethodGet, pc.base+"/progress", admin, nil, &mon)
	expect(t, "admin monitoring", st, raw, http.StatusOK)
	if len(mon.Learners) != 2 {
		t.Fatalf("admin sees %s", raw)
	}
}
