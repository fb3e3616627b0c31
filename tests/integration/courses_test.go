package integration

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"lms/infra/demo"
)

type itemView struct {
	ID             string `json:"id"`
	SectionID      string `json:"sectionId"`
	Kind           string `json:"kind"`
	Title          string `json:"title"`
	UploadID       string `json:"uploadId"`
	MaterialStatus string `json:"materialStatus"`
}

type sectionView struct {
	ID    string     `json:"id"`
	Title string     `json:"title"`
	Items []itemView `json:"items"`
}

type outlineView struct {
	Course struct {
		ID            string   `json:"id"`
		Code          string   `json:"code"`
		Title         string   `json:"title"`
		Status        string   `json:"status"`
		JP            int      `json:"jp"`
		InstructorIDs []string `json:"instructorIds"`
		Version       int      `json:"version"`
	} `json:"course"`
	Sections []sectionView `json:"sections"`
}

func (o outlineView) layout() [][]string {
	var out [][]string
	for _, s := range o.Sections {
		row := []string{s.Title}
		for _, it := range s.Items {
			row = append(row, it.Title)
		}
		out = append(out, row)
	}
	return out
}

func instructorToken(t *testing.T) string {
	t.Helper()
	a := demo.Accounts[1]
	return signIn(t, a.Username, a.Password).AccessToken
}

// An admin builds a course: sections, items of each kind, reorder across
// sections, publish, archive, duplicate; validation explains mistakes.
func TestCourseAuthoring(t *testing.T) {
	admin := adminToken(t)
	base := "/tenants/" + demo.TenantID + "/courses"
	st, raw := api(t, http.MethodPost, base, admin, map[string]any{"code": "K3", "title": "x", "jp": 2000, "tags": []string{"a"}}, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("invalid course: %d %s", st, raw)
	}
	var o outlineView
	st, raw = api(t, http.MethodPost, base, admin, map[string]any{"code": "K3-DASAR", "title": "Keselamatan dan Kesehatan Kerja Dasar",
		"description": "Materi **K3** untuk pekerja tambang bawah tanah.", "jp": 12, "category": "Teknis", "tags": []string{"k3", "tambang", "k3"},
		"competencyArea": "Keselamatan Tambang"}, &o)
	expect(t, "create course", st, raw, http.StatusCreated)
	if o.Course.Status != "draft" || o.Course.JP != 12 {
		t.Fatalf("new course %s", raw)
	}
	st, raw = api(t, http.MethodPost, base, admin, map[string]any{"code": "k3-dasar", "title": "Judul lain"}, nil)
	if st != http.StatusConflict || errorCode(raw) != "course_code_taken" {
		t.Fatalf("duplicate code: %d %s", st, raw)
	}
	c := base + "/" + o.Course.ID
	var shown struct {
		Course struct {
			DescriptionHTML string `json:"descriptionHtml"`
		} `json:"course"`
	}
	st, raw = api(t, http.MethodGet, c, admin, nil, &shown)
	expect(t, "get course", st, raw, http.StatusOK)
	if !strings.Contains(shown.Course.DescriptionHTML, "<strong>K3</strong>") {
		t.Fatalf("description HTML: %s", raw)
	}
	st, raw = api(t, http.MethodPost, c+"/publish", admin, nil, nil)
	if st != http.StatusConflict || errorCode(raw) != "course_empty" {
		t.Fatalf("publishing an empty course: %d %s", st, raw)
	}

	var s1, s2 sectionView
	st, raw = api(t, http.MethodPost, c+"/sections", admin, map[string]string{"title": "Pengantar"}, &s1)
	expect(t, "section 1", st, raw, http.StatusCreated)
	st, raw = api(t, http.MethodPost, c+"/sections", admin, map[string]string{"title": "Praktik"}, &s2)
	expect(t, "section 2", st, raw, http.StatusCreated)
	add := func(body map[string]any) itemView {
		var it itemView
		st, raw := api(t, http.MethodPost, c+"/items", admin, body, &it)
		expect(t, fmt.Sprint("item ", body["title"]), st, raw, http.StatusCreated)
		return it
	}
	text := add(map[string]any{"sectionId": s1.ID, "kind": "text", "title": "Tujuan pembelajaran", "body": "Peserta memahami **APD**.", "required": true, "durationMinutes": 10})
	video := add(map[string]any{"sectionId": s1.ID, "kind": "video", "title": "Video APD", "uploadId": "01JDZ3K8W9X4T5Y6Z7A8B9C0D1", "required": true})
	link := add(map[string]any{"sectionId": s2.ID, "kind": "link", "title": "Permen ESDM 26/2018", "url": "https://jdih.esdm.go.id/"})
	if video.MaterialStatus != "uploading" {
		t.Errorf("a new material is not ready: %+v", video)
	}
	st, raw = api(t, http.MethodPost, c+"/items", admin, map[string]any{"sectionId": s2.ID, "kind": "link", "title": "Salah", "body": "teks", "url": "ftp://x"}, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("a link with a body and a bad URL: %d %s", st, raw)
	}

	var moved outlineView
	st, raw = api(t, http.MethodPut, c+"/order", admin, map[string]any{"sections": []map[string]any{
		{"sectionId": s2.ID, "itemIds": []string{link.ID, text.ID}}, {"sectionId": s1.ID, "itemIds": []string{video.ID}}}}, &moved)
	expect(t, "reorder", st, raw, http.StatusOK)
	want := fmt.Sprint([][]string{{"Praktik", "Permen ESDM 26/2018", "Tujuan pembelajaran"}, {"Pengantar", "Video APD"}})
	if got := fmt.Sprint(moved.layout()); got != want {
		t.Fatalf("after reorder %s, want %s", got, want)
	}
	st, raw = api(t, http.MethodGet, c, admin, nil, &o)
	expect(t, "get", st, raw, http.StatusOK)
	if got := fmt.Sprint(o.layout()); got != want || o.Sections[0].Items[1].SectionID != s2.ID {
		t.Fatalf("stored order %s (%s)", got, raw)
	}
	st, raw = api(t, http.MethodPut, c+"/order", admin, map[string]any{"sections": []map[string]any{{"sectionId": s2.ID, "itemIds": []string{link.ID}}}}, nil)
	if st != http.StatusBadRequest || !contains(raw, "order_mismatch") {
		t.Fatalf("an order that drops items: %d %s", st, raw)
	}

	st, raw = api(t, http.MethodPatch, c+"/items/"+text.ID, admin, map[string]any{"title": "Tujuan dan sasaran", "kind": "video"}, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("changing an item's kind: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPatch, c+"/items/"+text.ID, admin, map[string]any{"title": "Tujuan dan sasaran"}, nil)
	expect(t, "rename item", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPatch, c+"/sections/"+s1.ID, admin, map[string]any{"title": "Pengantar K3"}, nil)
	expect(t, "rename section", st, raw, http.StatusOK)

	st, raw = api(t, http.MethodPost, c+"/publish", admin, nil, &o)
	expect(t, "publish", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodDelete, c, admin, nil, nil)
	if st != http.StatusConflict || errorCode(raw) != "course_published_archive_instead" {
		t.Fatalf("deleting a published course: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, c+"/duplicate", admin, map[string]string{"code": "K3-DASAR"}, nil)
	if st != http.StatusConflict || errorCode(raw) != "course_code_taken" {
		t.Fatalf("duplicate onto a taken code: %d %s", st, raw)
	}
	var dup outlineView
	st, raw = api(t, http.MethodPost, c+"/duplicate", admin, nil, &dup)
	expect(t, "duplicate", st, raw, http.StatusCreated)
	if dup.Course.Status != "draft" || dup.Course.ID == o.Course.ID || fmt.Sprint(dup.layout()) != fmt.Sprint(o.layout()) {
		t.Fatalf("copy %s", raw)
	}
	if dup.Sections[1].Items[0].UploadID != video.UploadID {
		t.Errorf("the copy should reuse the upload, not upload again: %+v", dup.Sections[1].Items[0])
	}
	st, raw = api(t, http.MethodPost, c+"/archive", admin, nil, nil)
	expect(t, "archive", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, c+"/archive", admin, nil, nil)
	if st != http.StatusConflict {
		t.Fatalf("archiving twice: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodDelete, base+"/"+dup.Course.ID, admin, nil, nil)
	expect(t, "delete the draft copy", st, raw, http.StatusNoContent)
	st, raw = api(t, http.MethodGet, base+"/"+dup.Course.ID, admin, nil, nil)
	expect(t, "deleted copy", st, raw, http.StatusNotFound)

	st, raw = api(t, http.MethodDelete, c+"/sections/"+s2.ID, admin, nil, nil)
	expect(t, "delete a section with its items", st, raw, http.StatusNoContent)
	api(t, http.MethodGet, c, admin, nil, &o)
	if fmt.Sprint(o.layout()) != fmt.Sprint([][]string{{"Pengantar K3", "Video APD"}}) {
		t.Fatalf("after deleting a section: %v", o.layout())
	}
}

func contains(raw []byte, s string) bool { return stringsContains(string(raw), s) }

// Instructors create courses they then teach, see published courses of
// others, and cannot see others' drafts; learners see none of this yet.
func TestCourseVisibility(t *testing.T) {
	admin, instr := adminToken(t), instructorToken(t)
	a := demo.Accounts[2]
	learner := signIn(t, a.Username, a.Password).AccessToken
	base := "/tenants/" + demo.TenantID + "/courses"
	var mine, draft outlineView
	st, raw := api(t, http.MethodPost, base, instr, map[string]any{"code": "WI-TAMBANG", "title": "Ventilasi Tambang Bawah Tanah"}, &mine)
	expect(t, "instructor creates", st, raw, http.StatusCreated)
	var self meView
	api(t, http.MethodGet, "/me", instr, nil, &self)
	if len(mine.Course.InstructorIDs) != 1 || mine.Course.InstructorIDs[0] != self.User.ID {
		t.Fatalf("the creating instructor should teach the course: %s", raw)
	}
	st, raw = api(t, http.MethodPost, base, instr, map[string]any{"code": "WI-LAIN", "title": "Milik orang lain", "instructorIds": []string{}}, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("an instructor chose the instructors: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, base, admin, map[string]any{"code": "ADM-DRAFT", "title": "Draf Penyelenggara"}, &draft)
	expect(t, "admin draft", st, raw, http.StatusCreated)

	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	api(t, http.MethodGet, base+"?limit=100", instr, nil, &page)
	seen := map[string]bool{}
	for _, c := range page.Items {
		seen[c.ID] = true
	}
	if !seen[mine.Course.ID] || seen[draft.Course.ID] {
		t.Fatalf("instructor's list: own %v, admin's draft %v", seen[mine.Course.ID], seen[draft.Course.ID])
	}
	st, raw = api(t, http.MethodGet, base+"/"+draft.Course.ID, instr, nil, nil)
	expect(t, "another's draft", st, raw, http.StatusNotFound)
	st, raw = api(t, http.MethodGet, base, learner, nil, nil)
	expect(t, "learner lists courses", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodPatch, base+"/"+mine.Course.ID, instr, map[string]any{"jp": 6}, nil)
	expect(t, "instructor edits own", st, raw, http.StatusOK)
}

// Editors changing one course at once: appends are retried by the server,
// every change lands or is told to retry (409); none is lost silently.
func TestConcurrentEditsConflictInsteadOfLosing(t *testing.T) {
	admin := adminToken(t)
	base := "/tenants/" + demo.TenantID + "/courses"
	var o outlineView
	st, raw := api(t, http.MethodPost, base, admin, map[string]any{"code": "PARALEL", "title": "Uji Paralel"}, &o)
	expect(t, "create", st, raw, http.StatusCreated)
	c := base + "/" + o.Course.ID
	var wg sync.WaitGroup
	var mu sync.Mutex
	created, conflicts := 0, 0
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			st, _ := api(t, http.MethodPost, c+"/sections", admin, map[string]string{"title": fmt.Sprintf("Bagian %d", i)}, nil)
			mu.Lock()
			defer mu.Unlock()
			switch st {
			case http.StatusCreated:
				created++
			case http.StatusConflict:
				conflicts++
			default:
				t.Errorf("concurrent add: %d", st)
			}
		}(i)
	}
	wg.Wait()
	api(t, http.MethodGet, c, admin, nil, &o)
	if len(o.Sections) != created || created+conflicts != 10 || created == 0 {
		t.Fatalf("%d sections stored, %d created, %d conflicts", len(o.Sections), created, conflicts)
	}
	t.Logf("10 concurrent section adds: %d stored, %d told to retry", created, conflicts)
}
