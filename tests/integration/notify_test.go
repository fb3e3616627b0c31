package integration

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"lms/infra/demo"
	"lms/infra/localgw"
	"lms/shared/awsclient"
	"lms/shared/clock"
	"lms/shared/notify"
	"lms/shared/queue"
)

// metaStandIn stands in for Meta's WhatsApp Business Cloud API. It starts
// with the package, before TestMain builds the notify function, and is
// handed to it through WHATSAPP_API_BASE (the function's environment
// falls back to the process's for variables the template does not set).
// Phone number id 55555 answers 500 (an outage), every other 200.
var metaStandIn = startMetaStandIn()

type metaRequest struct {
	Path, Auth string
	Body       notify.WhatsAppRequest
}

type metaServer struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []metaRequest
}

func startMetaStandIn() *metaServer {
	m := &metaServer{}
	m.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body notify.WhatsAppRequest
		_ = json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&body)
		m.mu.Lock()
		m.got = append(m.got, metaRequest{Path: r.URL.Path, Auth: r.Header.Get("Authorization"), Body: body})
		m.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(r.URL.Path, "/55555/") {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`{"error":{"message":"Service temporarily unavailable","code":2}}`))
			return
		}
		_, _ = w.Write([]byte(`{"messaging_product":"whatsapp","messages":[{"id":"wamid.test"}]}`))
	}))
	_ = os.Setenv("WHATSAPP_API_BASE", m.srv.URL)
	return m
}

// requests returns the requests whose text contains marker.
func (m *metaServer) requests(marker string) []metaRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []metaRequest
	for _, r := range m.got {
		if strings.Contains(r.Body.Text.Body, marker) {
			out = append(out, r)
		}
	}
	return out
}

type notificationView struct {
	ID         string    `json:"id"`
	Event      string    `json:"event"`
	TenantID   string    `json:"tenantId"`
	TenantName string    `json:"tenantName"`
	Title      string    `json:"title"`
	Body       string    `json:"body"`
	Link       string    `json:"link"`
	CreatedAt  time.Time `json:"createdAt"`
	Read       bool      `json:"read"`
}

type inboxView struct {
	Items       []notificationView `json:"items"`
	NextCursor  *string            `json:"nextCursor"`
	UnreadCount int                `json:"unreadCount"`
}

// notifyUsers makes n learners of the demo tenant, each with an email.
func notifyUsers(t *testing.T, n, seed int) (ids, tokens, emails []string) {
	t.Helper()
	admin := adminToken(t)
	for i := 0; i < n; i++ {
		nik := fmt.Sprintf("3273010303%02d%04d", seed%100, i+1)
		email := fmt.Sprintf("peserta.%d.%d@notif.example.go.id", seed, i+1)
		var created struct {
			Membership struct {
				UserID string `json:"userId"`
			} `json:"membership"`
			Account struct {
				TemporaryPassword string `json:"temporaryPassword"`
			} `json:"account"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/users", admin,
			map[string]string{"username": nik, "name": fmt.Sprintf("Peserta Notifikasi %d-%d", seed, i), "role": "learner", "email": email}, &created)
		expect(t, "create learner "+nik, st, raw, http.StatusCreated)
		tk := firstSignIn(t, nik, created.Account.TemporaryPassword, "PesertaBaru2026")
		ids, tokens, emails = append(ids, created.Membership.UserID), append(tokens, tk.AccessToken), append(emails, email)
	}
	return ids, tokens, emails
}

// publishNotification puts m on the notification queue, as producers do.
func publishNotification(t *testing.T, m notify.Message) {
	t.Helper()
	cfg, err := awsclient.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m.At = time.Now().UTC()
	if err := queue.New(cfg, srv.Resources.Context.Refs["NotificationQueue"]).Send(context.Background(), m); err != nil {
		t.Fatalf("publish: %v", err)
	}
}

func inbox(t *testing.T, token, query string) inboxView {
	t.Helper()
	var v inboxView
	st, raw := api(t, http.MethodGet, "/me/notifications"+query, token, nil, &v)
	expect(t, "inbox", st, raw, http.StatusOK)
	return v
}

// waitInbox polls the caller's inbox until cond holds for it.
func waitInbox(t *testing.T, what, token string, cond func([]notificationView) bool) []notificationView {
	t.Helper()
	deadline := time.Now().Add(45 * time.Second)
	for {
		v := inbox(t, token, "?limit=50")
		if cond(v.Items) {
			return v.Items
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; inbox: %+v", what, v.Items)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func countKey(items []notificationView, event, marker string) int {
	n := 0
	for _, it := range items {
		if it.Event == event && (marker == "" || strings.Contains(it.Title+it.Body, marker)) {
			n++
		}
	}
	return n
}

// settle waits long enough for a duplicate delivery to have landed: the
// queue delivers within milliseconds locally.
func settle() { time.Sleep(1500 * time.Millisecond) }

// The inbox routes: newest first, paging and forged cursors, unread
// filter and counter, marking read (one's own only), validation,
// language, and preferences.
func TestInboxRoutes(t *testing.T) {
	ids, tokens, _ := notifyUsers(t, 2, 11)
	a, b := tokens[0], tokens[1]
	for i := 1; i <= 3; i++ {
		publishNotification(t, notify.Message{Key: fmt.Sprintf("inbox-test#%d", i), Event: notify.Announcement, TenantID: demo.TenantID,
			UserIDs: []string{ids[0]}, Data: map[string]string{"title": fmt.Sprintf("Pengumuman %d", i), "link": "/" + demo.TenantID + "/forum"}})
		time.Sleep(20 * time.Millisecond)
	}
	publishNotification(t, notify.Message{Key: "inbox-test#b", Event: notify.Announcement, TenantID: demo.TenantID, UserIDs: []string{ids[1]},
		Data: map[string]string{"title": "Untuk B"}})
	items := waitInbox(t, "three announcements", a, func(it []notificationView) bool { return countKey(it, "announcement", "Pengumuman") == 3 })
	waitInbox(t, "B's announcement", b, func(it []notificationView) bool { return len(it) == 1 })
	if !items[0].CreatedAt.After(items[2].CreatedAt) && !(items[0].CreatedAt.Equal(items[2].CreatedAt) && items[0].ID > items[2].ID) {
		t.Fatalf("not newest first: %+v", items)
	}
	first := items[0]
	if first.TenantID != demo.TenantID || first.TenantName == "" || !strings.Contains(first.Body, first.TenantName) || first.Read ||
		first.Link != "/"+demo.TenantID+"/forum" {
		t.Fatalf("notification %+v", first)
	}
	v := inbox(t, a, "")
	if v.UnreadCount != 3 || len(v.Items) != 3 || v.NextCursor != nil {
		t.Fatalf("inbox %+v", v)
	}
	p1 := inbox(t, a, "?limit=2")
	if len(p1.Items) != 2 || p1.NextCursor == nil {
		t.Fatalf("page 1 %+v", p1)
	}
	p2 := inbox(t, a, "?limit=2&cursor="+*p1.NextCursor)
	if len(p2.Items) != 1 || p2.Items[0].ID == p1.Items[0].ID || p2.Items[0].ID == p1.Items[1].ID {
		t.Fatalf("page 2 %+v", p2)
	}
	// B's cursor is no key to A's inbox, and junk is refused.
	st, raw := api(t, http.MethodGet, "/me/notifications?limit=2&cursor="+*p1.NextCursor, b, nil, nil)
	expect(t, "another's cursor", st, raw, http.StatusBadRequest)
	for _, q := range []string{"?cursor=bukan-kursor", "?limit=0", "?limit=51", "?limit=x", "?unread=ya"} {
		st, raw := api(t, http.MethodGet, "/me/notifications"+q, a, nil, nil)
		expect(t, "query "+q, st, raw, http.StatusBadRequest)
	}
	// English.
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/me/notifications?limit=1", nil)
	req.Header.Set("Authorization", "Bearer "+a)
	req.Header.Set("Accept-Language", "en")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var en inboxView
	_ = json.NewDecoder(resp.Body).Decode(&en)
	resp.Body.Close()
	if len(en.Items) != 1 || !strings.HasPrefix(en.Items[0].Title, "Announcement:") {
		t.Fatalf("English %+v", en)
	}

	// Marking read: own ids only, idempotent; the counter follows.
	var out struct {
		UnreadCount int `json:"unreadCount"`
	}
	st, raw = api(t, http.MethodPost, "/me/notifications/read", a, map[string]any{"ids": []string{first.ID}}, &out)
	expect(t, "read one", st, raw, http.StatusOK)
	if out.UnreadCount != 2 {
		t.Fatalf("after reading one: %s", raw)
	}
	st, raw = api(t, http.MethodPost, "/me/notifications/read", a, map[string]any{"ids": []string{first.ID}}, &out)
	if st != http.StatusOK || out.UnreadCount != 2 {
		t.Fatalf("reading it again: %d %s", st, raw)
	}
	bItems := inbox(t, b, "").Items
	st, raw = api(t, http.MethodPost, "/me/notifications/read", a, map[string]any{"ids": []string{bItems[0].ID}}, &out)
	if st != http.StatusOK || out.UnreadCount != 2 {
		t.Fatalf("A reading B's: %d %s", st, raw)
	}
	if bv := inbox(t, b, ""); bv.UnreadCount != 1 || bv.Items[0].Read {
		t.Fatalf("B's inbox after A's attempt: %+v", bv)
	}
	unread := inbox(t, a, "?unread=true")
	if len(unread.Items) != 2 || unread.UnreadCount != 2 {
		t.Fatalf("unread %+v", unread)
	}
	for _, it := range unread.Items {
		if it.ID == first.ID || it.Read {
			t.Fatalf("unread lists a read one: %+v", unread)
		}
	}
	for _, body := range []any{map[string]any{}, map[string]any{"all": false}, map[string]any{"ids": []string{"bukan-id"}},
		map[string]any{"ids": make([]string, 101)}, map[string]any{"all": true, "extra": 1}} {
		st, raw := api(t, http.MethodPost, "/me/notifications/read", a, body, nil)
		expect(t, fmt.Sprintf("read %v", body), st, raw, http.StatusBadRequest)
	}
	st, raw = api(t, http.MethodPost, "/me/notifications/read", a, map[string]any{"all": true}, &out)
	if st != http.StatusOK || out.UnreadCount != 0 {
		t.Fatalf("read all: %d %s", st, raw)
	}
	for _, it := range inbox(t, a, "").Items {
		if !it.Read {
			t.Fatalf("unread after read all: %+v", it)
		}
	}
	st, raw = api(t, http.MethodGet, "/me/notifications", "", nil, nil)
	expect(t, "anonymous", st, raw, http.StatusUnauthorized)

	// Preferences.
	type prefs struct {
		Email             bool     `json:"email"`
		WhatsApp          bool     `json:"whatsapp"`
		WhatsAppNumber    *string  `json:"whatsappNumber"`
		Muted             []string `json:"muted"`
		Events            []string `json:"events"`
		WhatsAppAvailable bool     `json:"whatsappAvailable"`
	}
	var p prefs
	st, raw = api(t, http.MethodGet, "/me/notification-preferences", a, nil, &p)
	expect(t, "preferences", st, raw, http.StatusOK)
	if !p.Email || p.WhatsApp || p.WhatsAppNumber != nil || len(p.Muted) != 0 || len(p.Events) != len(notify.Events) {
		t.Fatalf("default preferences %s", raw)
	}
	for _, body := range []map[string]any{
		{"email": true},
		{"email": true, "whatsapp": true},
		{"email": true, "whatsapp": true, "whatsappNumber": "12345"},
		{"email": true, "whatsapp": false, "muted": []string{"bukan_acara"}},
		{"email": true, "whatsapp": false, "sms": true},
	} {
		st, raw := api(t, http.MethodPut, "/me/notification-preferences", a, body, nil)
		expect(t, fmt.Sprintf("preferences %v", body), st, raw, http.StatusBadRequest)
	}
	st, raw = api(t, http.MethodPut, "/me/notification-preferences", a, map[string]any{"email": false, "whatsapp": true,
		"whatsappNumber": "0812-3456-7890", "muted": []string{"announcement", "thread_reply", "announcement"}}, &p)
	expect(t, "put preferences", st, raw, http.StatusOK)
	if p.Email || !p.WhatsApp || p.WhatsAppNumber == nil || *p.WhatsAppNumber != "+6281234567890" || len(p.Muted) != 2 {
		t.Fatalf("preferences after put %s", raw)
	}
	var again prefs
	api(t, http.MethodGet, "/me/notification-preferences", a, nil, &again)
	if again.Email || *again.WhatsAppNumber != "+6281234567890" || len(again.Muted) != 2 {
		t.Fatalf("preferences read back %+v", again)
	}

	// Tenant settings: admins only; the token is write-only.
	admin := adminToken(t)
	base := "/tenants/" + demo.TenantID + "/notification-settings"
	st, raw = api(t, http.MethodGet, base, a, nil, nil)
	expect(t, "learner reads settings", st, raw, http.StatusForbidden)
	st, raw = api(t, http.MethodGet, base, admin, nil, nil)
	expect(t, "admin reads settings", st, raw, http.StatusOK)
	for _, body := range []map[string]any{
		{},
		{"whatsapp": map[string]any{"enabled": true, "phoneNumberId": "12345"}},
		{"whatsapp": map[string]any{"enabled": true, "phoneNumberId": "abc", "accessToken": "EAAGtokentokentokentoken"}},
		{"whatsapp": map[string]any{"enabled": false}, "emailFromName": "Balai <x@y.z>"},
	} {
		st, raw := api(t, http.MethodPut, base, admin, body, nil)
		expect(t, fmt.Sprintf("settings %v", body), st, raw, http.StatusBadRequest)
	}
}

// An email carries the tenant's name (From, Subject, body) and parses
// with net/mail; a message published twice is delivered once; a muted
// event reaches the inbox only.
func TestNotificationEmailOnceWithTenantName(t *testing.T) {
	ids, tokens, emails := notifyUsers(t, 1, 12)
	var tenant struct {
		Name string `json:"name"`
	}
	st, raw := api(t, http.MethodGet, "/tenants/"+demo.TenantID, "", nil, &tenant)
	expect(t, "tenant", st, raw, http.StatusOK)
	marker := fmt.Sprintf("Angkatan Surel %d", time.Now().UnixNano())
	m := notify.Message{Key: "enrolled#mail-test-" + marker, Event: notify.Enrolled, TenantID: demo.TenantID, UserIDs: ids,
		Data: map[string]string{"batchName": marker, "startDate": "2026-12-01", "link": "/" + demo.TenantID + "/angkatan/01JTEST"}}
	publishNotification(t, m)
	publishNotification(t, m) // a producer retry, or SQS delivering twice
	waitInbox(t, "the enrolment", tokens[0], func(it []notificationView) bool { return countKey(it, "enrolled", marker) >= 1 })
	settle()
	if n := countKey(inbox(t, tokens[0], "?limit=50").Items, "enrolled", marker); n != 1 {
		t.Fatalf("published twice, %d in the inbox", n)
	}
	mails := mailsTo(t, emails[0], marker)
	if len(mails) != 1 {
		t.Fatalf("published twice, %d emails", len(mails))
	}
	msg := readMail(t, mails[0].File)
	from, err := mail.ParseAddress(msg.Header.Get("From"))
	if err != nil || from.Name != tenant.Name {
		t.Fatalf("From %q (%v), want the tenant's name %q", msg.Header.Get("From"), err, tenant.Name)
	}
	to, err := mail.ParseAddress(msg.Header.Get("To"))
	if err != nil || to.Address != emails[0] {
		t.Fatalf("To %q", msg.Header.Get("To"))
	}
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || !strings.Contains(subject, marker) {
		t.Fatalf("Subject %q", subject)
	}
	if _, err := msg.Header.Date(); err != nil {
		t.Fatalf("Date: %v", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q", msg.Header.Get("Content-Type"))
	}
	parts := multipart.NewReader(msg.Body, params["boundary"])
	n := 0
	for {
		p, err := parts.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p)
		n++
		if !strings.Contains(string(body), tenant.Name) || !strings.Contains(string(body), marker) ||
			!strings.Contains(string(body), "/"+demo.TenantID+"/angkatan/01JTEST") {
			t.Errorf("part %s lacks the tenant, batch or link:\n%s", p.Header.Get("Content-Type"), body)
		}
	}
	if n != 2 {
		t.Fatalf("%d parts", n)
	}
	// The dev page lists it.
	resp, err := http.Get(srv.URL + localgw.MailPath)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), mails[0].File) {
		t.Fatalf("mail page %d lacks %s", resp.StatusCode, mails[0].File)
	}
	for _, bad := range []string{"/../../etc/passwd", "/..%2F..%2Fetc%2Fpasswd", "/x.txt"} {
		resp, err := http.Get(srv.URL + localgw.MailPath + bad)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("mail page %s: %d", bad, resp.StatusCode)
		}
	}

	// Muted: the inbox gets it, email does not.
	st, raw = api(t, http.MethodPut, "/me/notification-preferences", tokens[0], map[string]any{"email": true, "whatsapp": false,
		"muted": []string{"certificate_ready"}}, nil)
	expect(t, "mute", st, raw, http.StatusOK)
	marker2 := marker + " Sertifikat"
	publishNotification(t, notify.Message{Key: "cert#" + marker2, Event: notify.CertificateReady, TenantID: demo.TenantID, UserIDs: ids,
		Data: map[string]string{"batchName": marker2}})
	waitInbox(t, "the muted certificate notice", tokens[0], func(it []notificationView) bool { return countKey(it, "certificate_ready", marker2) == 1 })
	settle()
	if got := mailsTo(t, emails[0], marker2); len(got) != 0 {
		t.Fatalf("a muted event was emailed: %+v", got)
	}
}

// WhatsApp goes out only when the tenant enabled it and the user opted in
// with a number, in the Cloud API's shape; a channel that keeps failing
// sends its message to the dead-letter queue, and what was delivered is
// not repeated by the retries.
func TestNotificationWhatsAppAndDeadLetter(t *testing.T) {
	admin := adminToken(t)
	settings := "/tenants/" + demo.TenantID + "/notification-settings"
	t.Cleanup(func() {
		api(t, http.MethodPut, settings, admin, map[string]any{"whatsapp": map[string]any{"enabled": false, "phoneNumberId": "", "accessToken": ""}}, nil)
	})
	ids, tokens, _ := notifyUsers(t, 1, 13)
	st, raw := api(t, http.MethodPut, "/me/notification-preferences", tokens[0], map[string]any{"email": false, "whatsapp": true,
		"whatsappNumber": "+6281299990013"}, nil)
	expect(t, "opt in", st, raw, http.StatusOK)
	send := func(marker string) {
		publishNotification(t, notify.Message{Key: "wa#" + marker, Event: notify.Announcement, TenantID: demo.TenantID, UserIDs: ids,
			Data: map[string]string{"title": marker}})
		waitInbox(t, marker, tokens[0], func(it []notificationView) bool { return countKey(it, "announcement", marker) == 1 })
	}

	// Off: nothing reaches Meta.
	off := fmt.Sprintf("WA mati %d", time.Now().UnixNano())
	st, raw = api(t, http.MethodPut, settings, admin, map[string]any{"whatsapp": map[string]any{"enabled": false, "phoneNumberId": "11111"}}, nil)
	expect(t, "disable", st, raw, http.StatusOK)
	send(off)
	settle()
	if got := metaStandIn.requests(off); len(got) != 0 {
		t.Fatalf("WhatsApp sent while disabled: %+v", got)
	}

	// On: one request in the Cloud API's shape.
	token := "EAAGlokalTokenUjiNotifikasi0001"
	var view struct {
		WhatsApp struct {
			Enabled        bool   `json:"enabled"`
			PhoneNumberID  string `json:"phoneNumberId"`
			HasAccessToken bool   `json:"hasAccessToken"`
		} `json:"whatsapp"`
	}
	st, raw = api(t, http.MethodPut, settings, admin, map[string]any{"whatsapp": map[string]any{"enabled": true, "phoneNumberId": "11111", "accessToken": token}}, &view)
	expect(t, "enable", st, raw, http.StatusOK)
	if !view.WhatsApp.Enabled || !view.WhatsApp.HasAccessToken || strings.Contains(string(raw), token) {
		t.Fatalf("settings answer %s", raw)
	}
	st, raw = api(t, http.MethodGet, settings, admin, nil, nil)
	if st != http.StatusOK || strings.Contains(string(raw), token) || !strings.Contains(string(raw), `"hasAccessToken":true`) {
		t.Fatalf("settings read %d %s", st, raw)
	}
	st, raw = api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/audit", admin, nil, nil)
	if st != http.StatusOK || !strings.Contains(string(raw), "tenant.notification-settings") || strings.Contains(string(raw), token) {
		t.Fatalf("audit of the settings change (never the token): %d %s", st, raw)
	}
	var p struct {
		WhatsAppAvailable bool `json:"whatsappAvailable"`
	}
	api(t, http.MethodGet, "/me/notification-preferences", tokens[0], nil, &p)
	if !p.WhatsAppAvailable {
		t.Fatal("whatsappAvailable is false with the tenant's WhatsApp on")
	}
	on := fmt.Sprintf("WA hidup %d", time.Now().UnixNano())
	send(on)
	deadline := time.Now().Add(20 * time.Second)
	for len(metaStandIn.requests(on)) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	settle()
	got := metaStandIn.requests(on)
	if len(got) != 1 {
		t.Fatalf("%d WhatsApp requests, want 1", len(got))
	}
	r := got[0]
	if r.Path != "/v21.0/11111/messages" || r.Auth != "Bearer "+token || r.Body.MessagingProduct != "whatsapp" || r.Body.To != "6281299990013" ||
		r.Body.Type != "text" || !strings.Contains(r.Body.Text.Body, on) {
		t.Fatalf("WhatsApp request %+v", r)
	}

	// Meta keeps failing: retried with backoff, then the redrive puts the
	// message in the dead-letter queue; the inbox has it once.
	st, raw = api(t, http.MethodPut, settings, admin, map[string]any{"whatsapp": map[string]any{"enabled": true, "phoneNumberId": "55555"}}, nil)
	expect(t, "failing number id (token kept)", st, raw, http.StatusOK)
	failing := fmt.Sprintf("WA gagal %d", time.Now().UnixNano())
	send(failing)
	dlq := srv.Gateway.DeadLetterFile("NotificationDeadLetterQueue")
	deadline = time.Now().Add(60 * time.Second)
	for !fileHas(dlq, "wa#"+failing) {
		if time.Now().After(deadline) {
			t.Fatalf("the failing message never reached %s", dlq)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if n := len(metaStandIn.requests(failing)); n < 3 {
		t.Fatalf("%d attempts before the dead-letter queue", n)
	}
	if n := countKey(inbox(t, tokens[0], "?limit=50").Items, "announcement", failing); n != 1 {
		t.Fatalf("%d inbox items after the retries", n)
	}
}

// The daily reminders: a batch starting tomorrow and an open evaluation
// form; the schedule fired twice a day sends each reminder once, the
// evaluation reminder comes again the next day, and stops once answered.
func TestNotificationRemindersOnce(t *testing.T) {
	admin := adminToken(t)
	pc := publishCourse(t, admin, "NOTIF-C")
	_, tokens, _ := notifyUsers(t, 2, 14)
	now := time.Now().UTC()
	day := func(d int) string { return now.In(clock.Jakarta).AddDate(0, 0, d).Format(time.DateOnly) }
	mk := func(code, start, end string) string {
		var b batchView
		st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/batches", admin, map[string]any{
			"name": "Angkatan " + code, "code": code, "courseIds": []string{pc.ID}, "startDate": start, "endDate": end,
			"mode": "blended", "location": "Bandung", "capacity": 10, "enrollmentPolicy": "open"}, &b)
		expect(t, "create batch "+code, st, raw, http.StatusCreated)
		base := "/tenants/" + demo.TenantID + "/batches/" + b.ID
		st, raw = api(t, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
		expect(t, "open "+code, st, raw, http.StatusOK)
		for _, tk := range tokens {
			st, raw := api(t, http.MethodPost, base+"/enrollments", tk, nil, nil)
			expect(t, "enroll in "+code, st, raw, http.StatusCreated)
		}
		return b.ID
	}
	code := fmt.Sprintf("NTF%d", now.UnixNano()%1_000_000)
	mk(code+"-B", day(1), day(5))
	evalBatch := mk(code+"-E", day(-3), day(1))
	base := "/tenants/" + demo.TenantID + "/batches/" + evalBatch
	st, raw := api(t, http.MethodPatch, base, admin, map[string]any{"status": "running"}, nil)
	expect(t, "start", st, raw, http.StatusOK)
	var form struct {
		Questions []struct {
			ID string `json:"id"`
		} `json:"questions"`
	}
	st, raw = api(t, http.MethodPut, base+"/evaluation", admin, map[string]any{"questions": []map[string]any{
		{"kind": "scale", "text": "Materi mudah dipahami", "required": true}}}, &form)
	expect(t, "form", st, raw, http.StatusOK)

	fire := func(at time.Time) {
		t.Helper()
		resp, err := http.Post(localgw.ScheduleURL(srv.URL, "NotifyFunction", srv.WebhookToken)+"&time="+at.Format(time.RFC3339), "application/json", nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("schedule: %d %s", resp.StatusCode, body)
		}
	}
	name := "Angkatan " + code
	fire(now)
	fire(now) // EventBridge may deliver twice
	for i, tk := range tokens {
		waitInbox(t, fmt.Sprintf("learner %d's reminders", i), tk, func(it []notificationView) bool {
			return countKey(it, "batch_starts_tomorrow", name+"-B") >= 1 && countKey(it, "evaluation_open", name+"-E") >= 1
		})
	}
	settle()
	for i, tk := range tokens {
		items := inbox(t, tk, "?limit=50").Items
		if countKey(items, "batch_starts_tomorrow", name+"-B") != 1 || countKey(items, "evaluation_open", name+"-E") != 1 ||
			countKey(items, "evaluation_reminder", name+"-E") != 0 {
			t.Fatalf("learner %d after two schedules the same day: %+v", i, items)
		}
	}

	// Learner 0 answers; the next day only learner 1 is reminded, once.
	st, raw = api(t, http.MethodPost, base+"/evaluation/responses", tokens[0], map[string]any{"answers": map[string]string{form.Questions[0].ID: "5"}}, nil)
	expect(t, "answer", st, raw, http.StatusNoContent)
	next := now.Add(24 * time.Hour)
	fire(next)
	fire(next)
	waitInbox(t, "the next day's reminder", tokens[1], func(it []notificationView) bool { return countKey(it, "evaluation_reminder", name+"-E") >= 1 })
	settle()
	if n := countKey(inbox(t, tokens[1], "?limit=50").Items, "evaluation_reminder", name+"-E"); n != 1 {
		t.Fatalf("learner 1: %d reminders the next day", n)
	}
	items := inbox(t, tokens[0], "?limit=50").Items
	if countKey(items, "evaluation_reminder", name+"-E") != 0 || countKey(items, "batch_starts_tomorrow", name+"-B") != 1 {
		t.Fatalf("learner 0 (answered): %+v", items)
	}
}

type mailEntry struct {
	File    string `json:"file"`
	To      string `json:"to"`
	Subject string `json:"subject"`
}

// mailsTo lists the local outbox's messages to an address whose subject
// holds marker.
func mailsTo(t *testing.T, to, marker string) []mailEntry {
	t.Helper()
	resp, err := http.Get(srv.URL + localgw.MailPath + "?format=json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		Items []mailEntry `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatal(err)
	}
	var out []mailEntry
	for _, m := range list.Items {
		if strings.Contains(m.To, to) && strings.Contains(m.Subject, marker) {
			out = append(out, m)
		}
	}
	return out
}

func readMail(t *testing.T, file string) *mail.Message {
	t.Helper()
	resp, err := http.Get(srv.URL + localgw.MailPath + "/" + file)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mail %s: %d", file, resp.StatusCode)
	}
	m, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatalf("net/mail: %v\n%s", err, raw)
	}
	return m
}

func fileHas(path, s string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.Contains(sc.Text(), s) {
			return true
		}
	}
	return false
}
