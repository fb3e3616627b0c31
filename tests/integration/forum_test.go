package integration

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"lms/infra/demo"
)

type forumThreadView struct {
	ID             string `json:"id"`
	ForumID        string `json:"forumId"`
	Title          string `json:"title"`
	BodyHTML       string `json:"bodyHtml"`
	ReplyCount     int    `json:"replyCount"`
	Pinned         bool   `json:"pinned"`
	Locked         bool   `json:"locked"`
	Hidden         bool   `json:"hidden"`
	Announcement   bool   `json:"announcement"`
	AcceptedPostID string `json:"acceptedPostId"`
	Status         string `json:"status"`
	Automatic      *struct {
		PostID     string  `json:"postId"`
		FAQID      string  `json:"faqId"`
		Confidence float64 `json:"confidence"`
		Feedback   string  `json:"feedback"`
	} `json:"automatic"`
	Unread      *bool `json:"unread"`
	Version     int   `json:"version"`
	CanEdit     *bool `json:"canEdit"`
	CanModerate *bool `json:"canModerate"`
}

type forumPostView struct {
	ID        string `json:"id"`
	Body      string `json:"body"`
	BodyHTML  string `json:"bodyHtml"`
	Automatic bool   `json:"automatic"`
	Author    *struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"author"`
	Source *struct {
		Kind string `json:"kind"`
		ID   string `json:"id"`
	} `json:"source"`
	Accepted bool `json:"accepted"`
	Hidden   bool `json:"hidden"`
	Version  int  `json:"version"`
}

type forumThreadPage struct {
	Items      []forumThreadView `json:"items"`
	NextCursor *string           `json:"nextCursor"`
}

type forumThreadDetail struct {
	Thread forumThreadView `json:"thread"`
	Posts  struct {
		Items      []forumPostView `json:"items"`
		NextCursor *string         `json:"nextCursor"`
	} `json:"posts"`
}

var forumOther struct {
	sync.Mutex
	made bool
}

// forumOtherTenant makes (once per run) another tenant and signs its
// first admin in.
func forumOtherTenant(t *testing.T, id, nip string) string {
	t.Helper()
	forumOther.Lock()
	defer forumOther.Unlock()
	if forumOther.made {
		return signIn(t, nip, "AdminForum2026").AccessToken
	}
	forumOther.made = true
	op := demo.Accounts[3]
	opTok := signIn(t, op.Username, op.Password).AccessToken
	var out createdTenant
	st, raw := api(t, http.MethodPost, "/tenants", opTok, map[string]any{
		"id": id, "name": "Balai Uji " + id, "shortName": "FORUM", "registrationPolicy": "approval",
		"colors":     map[string]string{"primary": "#0B6E4F", "secondary": "#F2B705", "tertiary": "#222222"},
		"contact":    map[string]string{"email": "kontak@" + id + ".example.go.id"},
		"firstAdmin": map[string]string{"nip": nip, "name": "Admin " + id},
	}, &out)
	expect(t, "create tenant "+id, st, raw, http.StatusCreated)
	return firstSignIn(t, out.FirstAdmin.Username, out.FirstAdmin.TemporaryPassword, "AdminForum2026").AccessToken
}

func findThread(items []forumThreadView, id string) (forumThreadView, int) {
	for i, th := range items {
		if th.ID == id {
			return th, i
		}
	}
	return forumThreadView{}, -1
}

// A batch forum is its members' (and the tenant's staff's): threads,
// replies, unread markers, edit windows, moderation, reports, accepted
// answers and announcements, closed to other learners and other tenants.
func TestForumBatch(t *testing.T) {
	admin := adminToken(t)
	instructor := signIn(t, demo.Accounts[1].Username, demo.Accounts[1].Password).AccessToken
	learnerIDs, learners := newLearners(t, 2, 17)
	member, outsider := learners[0], learners[1]
	other := forumOtherTenant(t, "forum-lain", "199103032016031005")

	pc := publishCourse(t, admin, "FORUM-C")
	b := createBatch(t, admin, "FORUM-1", "approval", 5, pc.ID)
	bbase := "/tenants/" + demo.TenantID + "/batches/" + b.ID
	api(t, http.MethodPatch, bbase, admin, map[string]any{"status": "open"}, nil)
	st, raw := api(t, http.MethodPost, bbase+"/enrollments", admin, map[string]any{"userIds": []string{learnerIDs[0]}}, nil)
	expect(t, "enroll member", st, raw, http.StatusOK)

	fbase := "/tenants/" + demo.TenantID + "/forums/" + b.ID
	var list forumThreadPage
	st, raw = api(t, http.MethodGet, fbase+"/threads", member, nil, &list)
	expect(t, "member lists the batch forum", st, raw, http.StatusOK)
	for who, tok := range map[string]string{"outsider learner": outsider, "other tenant's admin": other} {
		st, raw = api(t, http.MethodGet, fbase+"/threads", tok, nil, nil)
		if st != http.StatusNotFound || errorCode(raw) != "forum_not_found" {
			t.Fatalf("%s lists the batch forum: %d %s", who, st, raw)
		}
		st, raw = api(t, http.MethodPost, fbase+"/threads", tok, map[string]any{"title": "Halo semua", "body": "Tes"}, nil)
		if st != http.StatusNotFound {
			t.Fatalf("%s posts in the batch forum: %d %s", who, st, raw)
		}
	}
	st, raw = api(t, http.MethodGet, "/tenants/forum-lain/forums/"+b.ID+"/threads", other, nil, nil)
	if st != http.StatusNotFound {
		t.Fatalf("the batch id under another tenant: %d %s", st, raw)
	}

	var th forumThreadView
	st, raw = api(t, http.MethodPost, fbase+"/threads", member, map[string]any{
		"title": "Jadwal praktik lapangan", "body": "Kapan **praktik** dimulai? <script>alert(1)</script>"}, &th)
	expect(t, "member asks", st, raw, http.StatusCreated)
	if strings.Contains(th.BodyHTML, "<script") || !strings.Contains(th.BodyHTML, "<strong>praktik</strong>") || th.CanEdit == nil || !*th.CanEdit {
		t.Fatalf("thread view: %s", raw)
	}
	tbase := fbase + "/threads/" + th.ID
	st, raw = api(t, http.MethodPatch, tbase, member, map[string]any{"title": "Jadwal praktik lapangan (revisi)", "version": th.Version}, &th)
	expect(t, "author edits within the window", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPatch, tbase, member, map[string]any{"title": "Lagi", "version": th.Version - 1}, nil)
	expect(t, "stale version", st, raw, http.StatusConflict)

	// Attachments: the caller's own ready upload of purpose forum; a claim
	// document, someone else's file or a malformed id is refused.
	fileID, pdf := checkedPDF(t, member, demo.TenantID, "forum", "jadwal-praktik")
	claimID, _ := checkedPDF(t, member, demo.TenantID, "claim", "bukan-lampiran")
	othersID, _ := checkedPDF(t, instructor, demo.TenantID, "forum", "milik-instruktur")
	for name, ids := range map[string][]string{"claim document": {claimID}, "someone else's file": {othersID}, "malformed id": {"../x"}} {
		st, raw = api(t, http.MethodPost, fbase+"/threads", member, map[string]any{"title": "Lampiran salah", "body": "Tes", "attachments": ids}, nil)
		if st != http.StatusBadRequest || !strings.Contains(string(raw), "attachment_invalid") {
			t.Fatalf("attachment %s: %d %s", name, st, raw)
		}
	}
	var withFile struct {
		ID string `json:"id"`
	}
	st, raw = api(t, http.MethodPost, fbase+"/threads", member, map[string]any{"title": "Jadwal terlampir", "body": "Lihat lampiran.", "attachments": []string{fileID}}, &withFile)
	expect(t, "thread with an attachment", st, raw, http.StatusCreated)
	var opened struct {
		Thread struct {
			Attachments []struct {
				UploadID string `json:"uploadId"`
				FileName string `json:"fileName"`
				URL      string `json:"url"`
			} `json:"attachments"`
		} `json:"thread"`
	}
	st, raw = api(t, http.MethodGet, fbase+"/threads/"+withFile.ID, instructor, nil, &opened)
	expect(t, "instructor opens the thread with an attachment", st, raw, http.StatusOK)
	atts := opened.Thread.Attachments
	if len(atts) != 1 || atts[0].UploadID != fileID || atts[0].FileName != "jadwal-praktik.pdf" || atts[0].URL == "" {
		t.Fatalf("attachment view: %s", raw)
	}
	if got := fetch(t, atts[0].URL); !bytes.Equal(got, pdf) {
		t.Fatalf("attachment download: %d bytes, want the %d sent", len(got), len(pdf))
	}

	var reply forumPostView
	st, raw = api(t, http.MethodPost, tbase+"/posts", instructor, map[string]any{"body": "Mulai Senin pukul 08.00 WIB."}, &reply)
	expect(t, "instructor replies", st, raw, http.StatusCreated)
	st, raw = api(t, http.MethodGet, fbase+"/threads?sort=activity", member, nil, &list)
	expect(t, "list by activity", st, raw, http.StatusOK)
	if got, i := findThread(list.Items, th.ID); i < 0 || got.Unread == nil || !*got.Unread || got.ReplyCount != 1 {
		t.Fatalf("after a reply the thread is unread for the asker: %s", raw)
	}
	var detail forumThreadDetail
	st, raw = api(t, http.MethodGet, tbase, member, nil, &detail)
	expect(t, "open thread", st, raw, http.StatusOK)
	if len(detail.Posts.Items) != 1 || detail.Posts.Items[0].Author == nil || detail.Posts.Items[0].ID != reply.ID {
		t.Fatalf("posts: %s", raw)
	}
	api(t, http.MethodGet, fbase+"/threads", member, nil, &list)
	if got, _ := findThread(list.Items, th.ID); got.Unread == nil || *got.Unread {
		t.Fatalf("opened thread still unread: %+v", got)
	}
	st, raw = api(t, http.MethodPatch, tbase, member, map[string]any{"body": "ubah", "version": detail.Thread.Version}, nil)
	if st != http.StatusForbidden || errorCode(raw) != "thread_edit_window" {
		t.Fatalf("author edits after a reply: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodDelete, tbase, member, nil, nil)
	if st != http.StatusForbidden {
		t.Fatalf("author deletes a replied thread: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPatch, tbase+"/posts/"+reply.ID, member, map[string]any{"body": "bukan milik saya", "version": reply.Version}, nil)
	expect(t, "someone else's post", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodPatch, tbase+"/posts/"+reply.ID, instructor, map[string]any{"body": "Mulai Senin pukul 07.30 WIB.", "version": reply.Version}, &reply)
	expect(t, "author edits own post", st, raw, http.StatusOK)

	// Moderation: learners may not; staff pin, lock, hide.
	st, raw = api(t, http.MethodPost, tbase+"/pin", member, map[string]any{"pinned": true}, nil)
	if st != http.StatusForbidden || errorCode(raw) != "moderators_only" {
		t.Fatalf("learner pins: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, tbase+"/lock", instructor, map[string]any{"locked": true}, &th)
	expect(t, "lock", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, tbase+"/posts", member, map[string]any{"body": "Terima kasih"}, nil)
	if st != http.StatusConflict || errorCode(raw) != "thread_locked" {
		t.Fatalf("reply to a locked thread: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, tbase+"/lock", admin, map[string]any{"locked": false}, nil)
	expect(t, "unlock", st, raw, http.StatusOK)
	var mine forumPostView
	st, raw = api(t, http.MethodPost, tbase+"/posts", member, map[string]any{"body": "Terima kasih, Bu."}, &mine)
	expect(t, "reply after unlock", st, raw, http.StatusCreated)
	st, raw = api(t, http.MethodDelete, tbase+"/posts/"+mine.ID, member, nil, nil)
	expect(t, "author deletes own post", st, raw, http.StatusNoContent)

	// Reports: once per post and reader; moderators read them.
	st, raw = api(t, http.MethodPost, tbase+"/posts/"+reply.ID+"/report", member, map[string]any{"reason": "Informasi keliru"}, nil)
	expect(t, "report", st, raw, http.StatusAccepted)
	st, raw = api(t, http.MethodPost, tbase+"/posts/"+reply.ID+"/report", member, map[string]any{"reason": "Informasi keliru"}, nil)
	if st != http.StatusConflict || errorCode(raw) != "already_reported" {
		t.Fatalf("second report: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/forums/reports", member, nil, nil)
	expect(t, "learner reads reports", st, raw, http.StatusForbidden)
	var reports struct {
		Items []struct {
			PostID string `json:"postId"`
			Reason string `json:"reason"`
		} `json:"items"`
	}
	st, raw = api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/forums/reports", admin, nil, &reports)
	expect(t, "admin reads reports", st, raw, http.StatusOK)
	if !strings.Contains(string(raw), reply.ID) {
		t.Fatalf("report missing: %s", raw)
	}

	// The asker accepts the answer.
	st, raw = api(t, http.MethodPost, tbase+"/accept", outsider, map[string]any{"postId": reply.ID}, nil)
	expect(t, "outsider accepts", st, raw, http.StatusNotFound)
	st, raw = api(t, http.MethodPost, tbase+"/accept", member, map[string]any{"postId": reply.ID}, &th)
	expect(t, "asker accepts", st, raw, http.StatusOK)
	if th.AcceptedPostID != reply.ID {
		t.Fatalf("accepted: %s", raw)
	}

	// Hidden posts and threads are moderators' only.
	st, raw = api(t, http.MethodPost, tbase+"/posts/"+reply.ID+"/hide", instructor, map[string]any{"hidden": true}, nil)
	expect(t, "hide post", st, raw, http.StatusOK)
	api(t, http.MethodGet, tbase, member, nil, &detail)
	if len(detail.Posts.Items) != 0 {
		t.Fatalf("hidden post shown to a learner: %+v", detail.Posts.Items)
	}
	st, raw = api(t, http.MethodPost, tbase+"/hide", admin, map[string]any{"hidden": true}, nil)
	expect(t, "hide thread", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, tbase, member, nil, nil)
	expect(t, "hidden thread for a learner", st, raw, http.StatusNotFound)
	st, raw = api(t, http.MethodGet, tbase, instructor, nil, nil)
	expect(t, "hidden thread for a moderator", st, raw, http.StatusOK)

	// Announcements: staff only, pinned first, for the batch's members.
	st, raw = api(t, http.MethodPost, bbase+"/announcements", member, map[string]any{"title": "Pengumuman", "body": "x"}, nil)
	expect(t, "learner announces", st, raw, http.StatusForbidden)
	var ann forumThreadView
	st, raw = api(t, http.MethodPost, bbase+"/announcements", instructor, map[string]any{"title": "Perubahan ruang kelas", "body": "Kelas pindah ke Ruang 2."}, &ann)
	expect(t, "instructor announces", st, raw, http.StatusCreated)
	if !ann.Announcement || !ann.Pinned {
		t.Fatalf("announcement: %s", raw)
	}
	var other2 forumThreadView
	api(t, http.MethodPost, fbase+"/threads", member, map[string]any{"title": "Pertanyaan lain", "body": "Tentang modul 2"}, &other2)
	st, raw = api(t, http.MethodGet, fbase+"/threads", member, nil, &list)
	expect(t, "list", st, raw, http.StatusOK)
	if len(list.Items) < 2 || list.Items[0].ID != ann.ID {
		t.Fatalf("pinned announcement not first: %s", raw)
	}
	if _, i := findThread(list.Items, th.ID); i >= 0 {
		t.Fatalf("hidden thread listed for a learner: %s", raw)
	}
	st, raw = api(t, http.MethodGet, fbase+"/threads?limit=1", member, nil, &list)
	expect(t, "page of one", st, raw, http.StatusOK)
	if list.NextCursor == nil {
		t.Fatalf("no next cursor: %s", raw)
	}
	st, raw = api(t, http.MethodGet, fbase+"/threads?cursor=eyJQSyI6IlRFTkFOVCNvdGhlciJ9", member, nil, nil)
	expect(t, "forged cursor", st, raw, http.StatusBadRequest)
	st, raw = api(t, http.MethodGet, fbase+"/threads?limit=51", member, nil, nil)
	expect(t, "limit too large", st, raw, http.StatusBadRequest)
	st, raw = api(t, http.MethodPost, fbase+"/threads", member, map[string]any{"title": "Hi", "body": "x", "extra": 1}, nil)
	expect(t, "unknown field", st, raw, http.StatusBadRequest)

	var forums struct {
		Items []struct {
			ID          string `json:"id"`
			Kind        string `json:"kind"`
			ThreadCount int    `json:"threadCount"`
			UnreadCount int    `json:"unreadCount"`
		} `json:"items"`
	}
	st, raw = api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/forums", member, nil, &forums)
	expect(t, "forums", st, raw, http.StatusOK)
	if len(forums.Items) < 2 || forums.Items[0].ID != "helpdesk" || !strings.Contains(string(raw), b.ID) {
		t.Fatalf("member's forums: %s", raw)
	}
	api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/forums", outsider, nil, &forums)
	for _, f := range forums.Items {
		if f.ID == b.ID {
			t.Fatalf("outsider sees the batch forum")
		}
	}

	// A moderator deletes the thread with its replies.
	st, raw = api(t, http.MethodDelete, tbase, admin, nil, nil)
	expect(t, "moderator deletes", st, raw, http.StatusNoContent)
	st, raw = api(t, http.MethodGet, tbase, admin, nil, nil)
	expect(t, "deleted thread", st, raw, http.StatusNotFound)
}

// The help desk: anyone reads, signed-in users ask; a reworded FAQ
// question gets an automatic reply, an unrelated one none; feedback,
// the staff queue, accepted answers reused, statistics.
func TestForumHelpDeskAutomaticReplies(t *testing.T) {
	admin := adminToken(t)
	learner := signIn(t, demo.Accounts[2].Username, demo.Accounts[2].Password).AccessToken
	tn := "/tenants/" + demo.TenantID
	hd := tn + "/forums/helpdesk/threads"

	var settings struct {
		AutoReply bool    `json:"autoReply"`
		Threshold float64 `json:"threshold"`
	}
	st, raw := api(t, http.MethodGet, tn+"/faq/settings", learner, nil, nil)
	expect(t, "learner reads settings", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodPut, tn+"/faq/settings", admin, map[string]any{"autoReply": true, "threshold": 1.5}, nil)
	expect(t, "threshold out of range", st, raw, http.StatusBadRequest)
	st, raw = api(t, http.MethodPut, tn+"/faq/settings", admin, map[string]any{"autoReply": true, "threshold": 0.5}, &settings)
	expect(t, "settings", st, raw, http.StatusOK)

	st, raw = api(t, http.MethodPost, tn+"/faq", learner, map[string]any{"question": "Bagaimana cara login?", "answer": "x"}, nil)
	expect(t, "learner writes the FAQ", st, raw, http.StatusForbidden)
	var entry struct {
		ID         string `json:"id"`
		AnswerHTML string `json:"answerHtml"`
		Version    int    `json:"version"`
	}
	st, raw = api(t, http.MethodPost, tn+"/faq", admin, map[string]any{
		"question": "Bagaimana cara mengunduh sertifikat setelah pelatihan selesai?",
		"answer":   "Buka menu **Sertifikat Saya**, lalu pilih tombol Unduh pada pelatihan yang sudah selesai.",
		"tags":     []string{"sertifikat", "unduh"}}, &entry)
	expect(t, "admin adds an FAQ entry", st, raw, http.StatusCreated)
	st, raw = api(t, http.MethodPatch, tn+"/faq/"+entry.ID, admin, map[string]any{"tags": []string{"sertifikat", "unduh", "pelatihan"}, "version": entry.Version}, &entry)
	expect(t, "admin edits the entry", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, tn+"/faq?q=sertifikat", learner, nil, nil)
	expect(t, "learner reads the FAQ", st, raw, http.StatusOK)
	if !strings.Contains(string(raw), entry.ID) {
		t.Fatalf("faq list: %s", raw)
	}

	// Written synchronously, the entry is searchable at once; poll anyway
	// in case indexing ever becomes asynchronous.
	var asked forumThreadView
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, raw = api(t, http.MethodPost, hd, learner, map[string]any{
			"title": "Di mana saya bisa unduh sertifikat pelatihan saya?", "body": "Mohon bantuannya."}, &asked)
		expect(t, "ask a reworded FAQ question", st, raw, http.StatusCreated)
		if asked.Automatic != nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Second)
	}
	if asked.Automatic == nil || asked.Automatic.FAQID != entry.ID || asked.Automatic.Confidence < 0.5 || asked.Automatic.Feedback != "pending" {
		t.Fatalf("no automatic reply for a reworded FAQ question: %s", raw)
	}
	t.Logf("automatic reply confidence %.3f", asked.Automatic.Confidence)
	var detail forumThreadDetail
	st, raw = api(t, http.MethodGet, hd+"/"+asked.ID, learner, nil, &detail)
	expect(t, "open the answered question", st, raw, http.StatusOK)
	if len(detail.Posts.Items) != 1 || !detail.Posts.Items[0].Automatic || detail.Posts.Items[0].Author != nil ||
		detail.Posts.Items[0].Source == nil || detail.Posts.Items[0].Source.Kind != "faq" || !strings.Contains(detail.Posts.Items[0].BodyHTML, "<strong>Sertifikat Saya</strong>") {
		t.Fatalf("automatic post: %s", raw)
	}

	var unrelated forumThreadView
	st, raw = api(t, http.MethodPost, hd, learner, map[string]any{"title": "Berapa tarif parkir di gedung diklat?", "body": "Saya membawa mobil."}, &unrelated)
	expect(t, "ask an unrelated question", st, raw, http.StatusCreated)
	if unrelated.Automatic != nil || unrelated.Status != "open" {
		t.Fatalf("automatic reply to an unrelated question: %s", raw)
	}

	// Feedback: the asker's only; not helpful sends it to the staff queue.
	st, raw = api(t, http.MethodPost, hd+"/"+asked.ID+"/feedback", admin, map[string]any{"helpful": false}, nil)
	expect(t, "feedback by someone else", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodPost, hd+"/"+unrelated.ID+"/feedback", learner, map[string]any{"helpful": true}, nil)
	expect(t, "feedback without an automatic reply", st, raw, http.StatusConflict)
	st, raw = api(t, http.MethodPost, hd+"/"+asked.ID+"/feedback", learner, map[string]any{"helpful": false}, &asked)
	expect(t, "not helpful", st, raw, http.StatusOK)
	if asked.Status != "waiting_staff" || asked.Automatic.Feedback != "not_helpful" {
		t.Fatalf("after not helpful: %s", raw)
	}
	var queue forumThreadPage
	st, raw = api(t, http.MethodGet, tn+"/helpdesk/queue", learner, nil, nil)
	expect(t, "learner reads the queue", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodGet, tn+"/helpdesk/queue?limit=50", admin, nil, &queue)
	expect(t, "staff queue", st, raw, http.StatusOK)
	if _, i := findThread(queue.Items, asked.ID); i < 0 {
		t.Fatalf("not-helpful question missing from the queue: %s", raw)
	}
	st, raw = api(t, http.MethodPost, hd+"/"+asked.ID+"/feedback", learner, map[string]any{"helpful": true}, &asked)
	expect(t, "helpful after all", st, raw, http.StatusOK)
	if asked.Status != "answered" {
		t.Fatalf("after helpful: %s", raw)
	}
	api(t, http.MethodGet, tn+"/helpdesk/queue?limit=50", admin, nil, &queue)
	if _, i := findThread(queue.Items, asked.ID); i >= 0 {
		t.Fatal("answered question still in the queue")
	}

	// Staff answer the parking question; once accepted, the answer is
	// reused for the same question asked again.
	var staffReply forumPostView
	st, raw = api(t, http.MethodPost, hd+"/"+unrelated.ID+"/posts", admin, map[string]any{"body": "Parkir di gedung diklat gratis untuk peserta."}, &staffReply)
	expect(t, "staff answers", st, raw, http.StatusCreated)
	st, raw = api(t, http.MethodPost, hd+"/"+unrelated.ID+"/accept", learner, map[string]any{"postId": staffReply.ID}, &unrelated)
	expect(t, "asker accepts", st, raw, http.StatusOK)
	if unrelated.Status != "answered" {
		t.Fatalf("accepted: %s", raw)
	}
	var again forumThreadView
	st, raw = api(t, http.MethodPost, hd, admin, map[string]any{"title": "Tarif parkir gedung diklat berapa?", "body": "Untuk peserta pelatihan."}, &again)
	expect(t, "ask the answered question again", st, raw, http.StatusCreated)
	if again.Automatic == nil || again.Automatic.FAQID != "" {
		t.Fatalf("earlier accepted answer not reused: %s", raw)
	}
	api(t, http.MethodGet, hd+"/"+again.ID, admin, nil, &detail)
	if len(detail.Posts.Items) != 1 || detail.Posts.Items[0].Source == nil || detail.Posts.Items[0].Source.Kind != "answer" || detail.Posts.Items[0].Source.ID != unrelated.ID {
		t.Fatalf("reused answer: %s", raw)
	}

	// Public reading, without markers; another tenant's admin may ask.
	var public forumThreadPage
	st, raw = api(t, http.MethodGet, tn+"/helpdesk/public/threads", "", nil, &public)
	expect(t, "anonymous list", st, raw, http.StatusOK)
	if _, i := findThread(public.Items, asked.ID); i < 0 || public.Items[0].Unread != nil || public.Items[0].CanEdit != nil {
		t.Fatalf("public list: %s", raw)
	}
	st, raw = api(t, http.MethodGet, tn+"/helpdesk/public/threads/"+asked.ID, "", nil, &detail)
	expect(t, "anonymous thread", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, hd, "", nil, nil)
	expect(t, "anonymous on the signed-in route", st, raw, http.StatusUnauthorized)
	st, raw = api(t, http.MethodGet, "/tenants/no-such-tenant/helpdesk/public/threads", "", nil, nil)
	expect(t, "unknown tenant", st, raw, http.StatusNotFound)
	other := forumOtherTenant(t, "forum-lain", "199103032016031005")
	st, raw = api(t, http.MethodPost, hd, other, map[string]any{"title": "Apakah ada pelatihan untuk instansi lain?", "body": "Kami dari balai lain."}, nil)
	if st == http.StatusForbidden && errorCode(raw) == "forbidden" {
		t.Fatalf("another tenant's user cannot ask: %s", raw)
	}

	// Statistics.
	var stats struct {
		Days                  int      `json:"days"`
		Questions             int      `json:"questions"`
		AnsweredAutomatically int      `json:"answeredAutomatically"`
		AnsweredByStaff       int      `json:"answeredByStaff"`
		Unanswered            int      `json:"unanswered"`
		Median                *float64 `json:"medianMinutesToFirstAnswer"`
	}
	st, raw = api(t, http.MethodGet, tn+"/helpdesk/stats?days=30", learner, nil, nil)
	expect(t, "learner reads stats", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodGet, tn+"/helpdesk/stats?days=30", admin, nil, &stats)
	expect(t, "stats", st, raw, http.StatusOK)
	if stats.Days != 30 || stats.Questions < 3 || stats.AnsweredAutomatically < 1 || stats.AnsweredByStaff < 1 || stats.Median == nil ||
		stats.Questions != stats.AnsweredAutomatically+stats.AnsweredByStaff+stats.Unanswered {
		t.Fatalf("stats: %s", raw)
	}

	// Deleting the entry stops its automatic replies.
	st, raw = api(t, http.MethodDelete, tn+"/faq/"+entry.ID, learner, nil, nil)
	expect(t, "learner deletes", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodDelete, tn+"/faq/"+entry.ID, admin, nil, nil)
	expect(t, "admin deletes", st, raw, http.StatusNoContent)
	var after forumThreadView
	st, raw = api(t, http.MethodPost, hd, learner, map[string]any{"title": "Cara unduh sertifikat pelatihan?", "body": "Terima kasih."}, &after)
	expect(t, "ask after the delete", st, raw, http.StatusCreated)
	if after.Automatic != nil {
		t.Fatalf("automatic reply from a deleted entry: %s", raw)
	}
}
