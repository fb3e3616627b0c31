package notify

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBuildMIMEParses(t *testing.T) {
	c, err := Render(Message{Event: Enrolled, Data: map[string]string{"batchName": "Latsar CPNS Angkatan I", "startDate": "2026-03-02",
		"link": "/bdtbt/angkatan/01J"}}, "Balai Diklat Teknis Bandung")
	if err != nil {
		t.Fatal(err)
	}
	text, html, err := MailBodies(c, "Balai Diklat Teknis Bandung", "https://lms.example.go.id")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := BuildMIME(Email{FromName: "Balai Diklat Teknis Bandung — Pusat", FromAddress: "no-reply@lms.example.go.id",
		To: "peserta@example.go.id", Subject: c.Title + " ✓", Text: text, HTML: html, Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), MessageID: "01JABC"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatalf("net/mail: %v\n%s", err, raw)
	}
	from, err := mail.ParseAddress(m.Header.Get("From"))
	if err != nil || from.Name != "Balai Diklat Teknis Bandung — Pusat" || from.Address != "no-reply@lms.example.go.id" {
		t.Fatalf("From %q: %+v %v", m.Header.Get("From"), from, err)
	}
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil || subject != "Anda terdaftar di Latsar CPNS Angkatan I ✓" {
		t.Fatalf("Subject %q -> %q %v", m.Header.Get("Subject"), subject, err)
	}
	if _, err := m.Header.Date(); err != nil {
		t.Fatalf("Date: %v", err)
	}
	if id := m.Header.Get("Message-ID"); id != "<01JABC@lms.example.go.id>" {
		t.Fatalf("Message-ID %q", id)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q", m.Header.Get("Content-Type"))
	}
	r := multipart.NewReader(m.Body, params["boundary"])
	var kinds []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p) // multipart decodes quoted-printable
		kinds = append(kinds, p.Header.Get("Content-Type"))
		if !strings.Contains(string(body), "Balai Diklat Teknis Bandung") || !strings.Contains(string(body), "https://lms.example.go.id/bdtbt/angkatan/01J") {
			t.Errorf("part %s lacks the tenant or link:\n%s", p.Header.Get("Content-Type"), body)
		}
	}
	if len(kinds) != 2 || !strings.HasPrefix(kinds[0], "text/plain") || !strings.HasPrefix(kinds[1], "text/html") {
		t.Fatalf("parts %v", kinds)
	}
}

func TestBuildMIMERefusesBadAddresses(t *testing.T) {
	for _, e := range []Email{{FromAddress: "x", To: "a@b.c"}, {FromAddress: "a@b.c", To: "a@b.c\r\nBcc: evil@x.y"}} {
		if _, err := BuildMIME(e); err == nil {
			t.Errorf("%+v accepted", e)
		}
	}
}

func TestRenderEveryEventCarriesTheTenant(t *testing.T) {
	for _, ev := range Events {
		c, err := Render(Message{Event: ev, Data: map[string]string{"batchName": "Angkatan\r\nSubject: x", "title": "Libur", "threadTitle": "Tanya"}}, "BPSDM Jabar")
		if err != nil {
			t.Fatal(err)
		}
		if c.Title == "" || c.TitleEn == "" || !strings.Contains(c.Body, "BPSDM Jabar") || !strings.Contains(c.BodyEn, "BPSDM Jabar") {
			t.Errorf("%s: %+v", ev, c)
		}
		if strings.ContainsAny(c.Title+c.Body, "\r\n") || strings.Contains(c.Title+c.Body, "<no value>") {
			t.Errorf("%s: %+v", ev, c)
		}
	}
	if _, err := Render(Message{Event: "nope"}, "x"); !errors.Is(err, ErrUnknownEvent) {
		t.Errorf("unknown event: %v", err)
	}
	for link, want := range map[string]string{"/t/angkatan/1": "/t/angkatan/1", "https://evil.example": "", "//evil.example": "", "/a b": ""} {
		if got := safeLink(link); got != want {
			t.Errorf("safeLink(%q) = %q", link, got)
		}
	}
}

func TestCheck(t *testing.T) {
	ok := Message{Key: "enrolled#01J0000000000000000000000A", Event: Enrolled, TenantID: "bdtbt", UserIDs: []string{"0b1c2d3e-1111-2222-3333-444455556666"}}
	if err := check(ok); err != nil {
		t.Fatalf("valid message: %v", err)
	}
	bad := []Message{
		{Key: ok.Key, Event: "unknown", TenantID: "bdtbt", UserIDs: ok.UserIDs},
		{Key: ok.Key, Event: Enrolled, TenantID: "BAD#T", UserIDs: ok.UserIDs},
		{Key: strings.Repeat("k", 401), Event: Enrolled, TenantID: "bdtbt", UserIDs: ok.UserIDs},
		{Key: ok.Key, Event: Enrolled, TenantID: "bdtbt", UserIDs: []string{"x#y"}},
		{Key: ok.Key, Event: Enrolled, TenantID: "bdtbt"},
		{Key: ok.Key, Event: Enrolled, TenantID: "bdtbt", BatchID: "not-an-id"},
	}
	for _, m := range bad {
		if err := check(m); err == nil {
			t.Errorf("%+v accepted", m)
		}
	}
}

func TestRetry(t *testing.T) {
	calls := 0
	err := Retry(context.Background(), 3, time.Millisecond, func() error { calls++; return errors.New("throttled") })
	if err == nil || calls != 3 {
		t.Fatalf("transient: %d calls, %v", calls, err)
	}
	calls = 0
	err = Retry(context.Background(), 3, time.Millisecond, func() error { calls++; return Permanent(errors.New("rejected")) })
	if !IsPermanent(err) || calls != 1 {
		t.Fatalf("permanent: %d calls, %v", calls, err)
	}
	calls = 0
	err = Retry(context.Background(), 3, time.Millisecond, func() error {
		calls++
		if calls < 2 {
			return errors.New("5xx")
		}
		return nil
	})
	if err != nil || calls != 2 {
		t.Fatalf("recovers: %d calls, %v", calls, err)
	}
}

func TestWhatsAppRequestShape(t *testing.T) {
	var got WhatsAppRequest
	var path, auth, ctype string
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, auth, ctype = r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Content-Type")
		_ = json.NewDecoder(r.Body).Decode(&got)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"error":{"message":"Invalid parameter","code":100}}`))
	}))
	defer srv.Close()
	wa := WhatsApp{Base: srv.URL, Version: "v21.0"}
	if err := wa.SendText(context.Background(), "106540352242922", "EAAtoken", "+6281234567890", "*Judul*\nIsi"); err != nil {
		t.Fatal(err)
	}
	if path != "/v21.0/106540352242922/messages" || auth != "Bearer EAAtoken" || ctype != "application/json" {
		t.Fatalf("request %s %q %q", path, auth, ctype)
	}
	if got.MessagingProduct != "whatsapp" || got.RecipientType != "individual" || got.To != "6281234567890" || got.Type != "text" || got.Text.Body != "*Judul*\nIsi" {
		t.Fatalf("body %+v", got)
	}
	status = http.StatusBadRequest
	if err := wa.SendText(context.Background(), "106540352242922", "t", "+62", "x"); !IsPermanent(err) || !strings.Contains(err.Error(), "Invalid parameter") {
		t.Fatalf("400: %v", err)
	}
	for _, st := range []int{http.StatusTooManyRequests, http.StatusBadGateway} {
		status = st
		if err := wa.SendText(context.Background(), "106540352242922", "t", "+62", "x"); err == nil || IsPermanent(err) {
			t.Fatalf("%d: %v", st, err)
		}
	}
	if err := wa.SendText(context.Background(), "../../x", "t", "+62", "x"); !IsPermanent(err) {
		t.Fatalf("path injection: %v", err)
	}
}

func TestDirWritesEML(t *testing.T) {
	dir := t.TempDir()
	d := Dir{Path: dir}
	if err := d.SendRaw(context.Background(), "a@b.c", "../../etc/passwd@x.y", []byte("Subject: x\r\n\r\nhi\r\n")); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	b, _ := os.ReadFile(files[0])
	if string(b) != "Subject: x\r\n\r\nhi\r\n" || strings.Contains(filepath.Base(files[0]), "/") {
		t.Fatalf("%s: %q", files[0], b)
	}
}

func TestDay(t *testing.T) {
	// 18:00 UTC is 01:00 WIB the next day.
	today, tomorrow := Day(time.Date(2026, 12, 31, 18, 0, 0, 0, time.UTC))
	if today != "2027-01-01" || tomorrow != "2027-01-02" {
		t.Fatalf("%s %s", today, tomorrow)
	}
}
