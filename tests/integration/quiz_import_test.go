package integration

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/webp"

	"lms/infra/demo"
)

// bankQuestionView is a question of a bank as its editors see it.
type bankQuestionView struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Text     string   `json:"text"`
	Points   float64  `json:"points"`
	Feedback string   `json:"feedback"`
	Tags     []string `json:"tags"`
	Options  []struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	} `json:"options"`
	Correct   []string `json:"correct"`
	Accepted  []string `json:"accepted"`
	Value     *float64 `json:"value"`
	Tolerance float64  `json:"tolerance"`
	Pairs     []struct {
		ID    string `json:"id"`
		Left  string `json:"left"`
		Right string `json:"right"`
	} `json:"pairs"`
	Image *struct {
		UploadID string `json:"uploadId"`
		URL      string `json:"url"`
		Alt      string `json:"alt"`
		Width    int    `json:"width"`
		Height   int    `json:"height"`
	} `json:"image"`
	Version int `json:"version"`
}

// same says what the question says, ids aside: the options with their
// correct marks, the key, the pairs, the image.
func (q bankQuestionView) same() string {
	var b strings.Builder
	b.WriteString(q.Type + "|" + q.Text + "|" + q.Feedback + "|" + strings.Join(q.Tags, ",") + "|")
	b.WriteString(strings.Join(q.Accepted, ";") + "|")
	if q.Value != nil {
		b.WriteString(jsonString(*q.Value))
	}
	b.WriteString("±" + jsonString(q.Tolerance) + "|" + jsonString(q.Points) + "|")
	for _, o := range q.Options {
		b.WriteString(o.Text)
		if slices.Contains(q.Correct, o.ID) {
			b.WriteString("*")
		}
		b.WriteString(";")
	}
	if q.Type == "truefalse" {
		b.WriteString(strings.Join(q.Correct, ""))
	}
	for _, p := range q.Pairs {
		b.WriteString(p.Left + "=" + p.Right + ";")
	}
	if q.Image != nil {
		b.WriteString("|" + q.Image.UploadID + ":" + q.Image.Alt)
	}
	return b.String()
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

type questionImportView struct {
	DryRun    bool   `json:"dryRun"`
	Format    string `json:"format"`
	TotalRows int    `json:"totalRows"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Skipped   int    `json:"skipped"`
	Failed    int    `json:"failed"`
	Rows      []struct {
		Row        int    `json:"row"`
		Status     string `json:"status"`
		QuestionID string `json:"questionId"`
		Message    string `json:"message"`
		Problems   []struct {
			Column  string `json:"column"`
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"problems"`
	} `json:"rows"`
}

// bankCall calls the API with a raw body (nil for none) and answers the
// response (its body read) and the body.
func bankCall(t *testing.T, method, path, token string, body []byte, contentType, lang string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+"/api"+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp, raw
}

const xlsxMIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func exportBank(t *testing.T, token, course, format string) []byte {
	t.Helper()
	resp, raw := bankCall(t, http.MethodGet, course+"/questions/export?format="+format, token, nil, "", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export %s: %d %s", format, resp.StatusCode, raw)
	}
	want := map[string]string{"csv": "text/csv; charset=utf-8", "xlsx": xlsxMIME}[format]
	if ct := resp.Header.Get("Content-Type"); ct != want || !strings.Contains(resp.Header.Get("Content-Disposition"), `filename="bank-soal-`) {
		t.Fatalf("export %s: Content-Type %q, Content-Disposition %q", format, ct, resp.Header.Get("Content-Disposition"))
	}
	return raw
}

func importBank(t *testing.T, token, course string, file []byte, contentType, query string) questionImportView {
	t.Helper()
	path := course + "/questions/import"
	if query != "" {
		path += "?" + query
	}
	resp, raw := bankCall(t, http.MethodPost, path, token, file, contentType, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("import: %d %s", resp.StatusCode, raw)
	}
	var rep questionImportView
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

func bankOf(t *testing.T, token, course string) []bankQuestionView {
	t.Helper()
	var page struct {
		Items []bankQuestionView `json:"items"`
	}
	st, raw := api(t, http.MethodGet, course+"/questions?limit=100", token, nil, &page)
	expect(t, "bank", st, raw, http.StatusOK)
	return page.Items
}

// questionPicture uploads an 800x450 PNG with purpose question for a
// course, ready (its largest WebP variant is 640x360).
func questionPicture(t *testing.T, admin, courseID string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 800, 450))
	for x := range 800 {
		for y := range 450 {
			img.Set(x, y, color.RGBA{uint8(x), 0x40, uint8(y), 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	var s startedView
	st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", admin, map[string]any{"purpose": "question", "courseId": courseID,
		"fileName": "helm.png", "size": b.Len(), "contentType": "image/png", "sha256": sha(b.Bytes())}, &s)
	expect(t, "start a question picture", st, raw, http.StatusCreated)
	if code, _, body := send(t, *s.Put, b.Bytes()); code != http.StatusOK {
		t.Fatalf("PUT: %d %s", code, body)
	}
	if u := waitUpload(t, admin, s.Upload.ID); u.Status != "ready" {
		t.Fatalf("question picture: %+v", u)
	}
	return s.Upload.ID
}

func newCourse(t *testing.T, admin, code string) string {
	t.Helper()
	var o outlineView
	st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/courses", admin, map[string]any{"code": code, "title": "Bank " + code, "jp": 2}, &o)
	expect(t, "course "+code, st, raw, http.StatusCreated)
	return o.Course.ID
}

// A bank of every question type goes out as CSV and XLSX and back in:
// importing an export changes nothing; a changed row updates its question
// (a dry run first stores nothing); a file of another course creates the
// questions once, its picture refused there; bad rows are reported and
// store nothing while the good ones are stored; the size limit holds;
// another tenant and a learner are refused; a learner taking the quiz
// gets the picture through a working short-lived link.
func TestQuestionBankImportExport(t *testing.T) {
	admin := adminToken(t)
	base := "/tenants/" + demo.TenantID + "/courses/"
	courseA := newCourse(t, admin, "SOAL-A")
	c := base + courseA
	picture := questionPicture(t, admin, courseA)

	type q = map[string]any
	questions := []q{
		{"type": "single", "text": "Warna helm pengawas?\n\nPilih **satu**.", "points": 1, "tags": []string{"apd", "k3"}, "feedback": "Kuning; putih untuk tamu.",
			"options": []q{{"id": "o1", "text": "Putih"}, {"id": "o2", "text": "=Kuning"}, {"id": "o3", "text": "Merah, tua"}}, "correct": []string{"o2"},
			"image": q{"uploadId": picture, "alt": "Helm kuning di atas meja"}},
		{"type": "multiple", "text": "Termasuk APD?", "points": 2.5, "options": []q{{"id": "a", "text": "Helm"}, {"id": "b", "text": "Sepatu bot"}, {"id": "c", "text": "Ponsel"}}, "correct": []string{"a", "b"}},
		{"type": "truefalse", "text": "Metana tidak mudah meledak.", "points": 1, "correct": []string{"false"}},
		{"type": "short", "text": "Singkatan alat pelindung diri?", "points": 1, "accepted": []string{"APD", "a|p|d"}},
		{"type": "numeric", "text": "Suhu (°C) beku air dikurangi 2,5?", "points": 1, "value": -2.5, "tolerance": 0.1},
		{"type": "matching", "text": "Pasangkan.", "points": 2, "pairs": []q{{"id": "p1", "left": "K3", "right": "Keselamatan => kesehatan"}, {"id": "p2", "left": "JP", "right": "Jam pelajaran"}}},
		{"type": "essay", "text": "Jelaskan prosedur evakuasi.", "points": 5, "feedback": "Sebut titik kumpul."},
	}
	var made []bankQuestionView
	for _, body := range questions {
		var created bankQuestionView
		st, raw := api(t, http.MethodPost, c+"/questions", admin, body, &created)
		expect(t, "question "+body["type"].(string), st, raw, http.StatusCreated)
		made = append(made, created)
	}
	withPicture := made[0]
	if im := withPicture.Image; im == nil || im.UploadID != picture || im.URL == "" || im.Width != 640 || im.Height != 360 || im.Alt != "Helm kuning di atas meja" {
		t.Fatalf("question picture for its editors: %+v", withPicture.Image)
	}
	want := map[string]string{}
	for _, m := range made {
		want[m.ID] = m.same()
	}

	// Out and back in, both formats: nothing changes.
	csvFile := exportBank(t, admin, c, "csv")
	xlsxFile := exportBank(t, admin, c, "xlsx")
	if !bytes.HasPrefix(csvFile, []byte("\xEF\xBB\xBFID,Jenis,Soal,Bobot,Tag,Umpan Balik,Kunci,Toleransi,Pilihan A,")) || !bytes.HasPrefix(xlsxFile, []byte("PK\x03\x04")) {
		t.Fatalf("export:\n%s", csvFile)
	}
	for name, file := range map[string][]byte{"csv": csvFile, "xlsx": xlsxFile} {
		ct := map[string]string{"csv": "text/csv", "xlsx": xlsxMIME}[name]
		rep := importBank(t, admin, c, file, ct, "")
		if rep.Format != name || rep.TotalRows != 7 || rep.Skipped != 7 || rep.Created+rep.Updated+rep.Failed != 0 {
			t.Fatalf("re-import of the %s export: %+v", name, rep)
		}
		for _, r := range rep.Rows {
			if r.Status != "skipped" || want[r.QuestionID] == "" || r.Message != "Tidak ada perubahan." {
				t.Fatalf("re-import of the %s export, row %+v", name, r)
			}
		}
	}
	for _, got := range bankOf(t, admin, c) {
		if got.Version != 1 || got.same() != want[got.ID] {
			t.Fatalf("after re-imports: %+v, want version 1 saying %s", got, want[got.ID])
		}
	}

	// A changed row and a new one: a dry run reports, stores nothing.
	changed := bytes.Replace(csvFile, []byte("Jelaskan prosedur evakuasi."), []byte("Jelaskan prosedur evakuasi darurat."), 1)
	changed = append(changed, []byte(",essay,Sebutkan tiga APD.,2,,,,,,,,,,,,,,,,,,\n")...)
	dry := importBank(t, admin, c, changed, "text/csv; charset=utf-8", "dryRun=true")
	if !dry.DryRun || dry.Updated != 1 || dry.Created != 1 || dry.Skipped != 6 || dry.Rows[7].QuestionID != "" || dry.Rows[6].QuestionID != made[6].ID {
		t.Fatalf("dry run: %+v", dry)
	}
	if bank := bankOf(t, admin, c); len(bank) != 7 || bank[6].Version != 1 {
		t.Fatalf("a dry run stored something: %+v", bank)
	}
	rep := importBank(t, admin, c, changed, "text/csv", "")
	if rep.DryRun || rep.Updated != 1 || rep.Created != 1 || rep.Skipped != 6 || rep.Rows[7].Row != 9 || rep.Rows[7].QuestionID == "" {
		t.Fatalf("import of the changed file: %+v", rep)
	}
	bank := bankOf(t, admin, c)
	if len(bank) != 8 || bank[6].Version != 2 || bank[6].Text != "Jelaskan prosedur evakuasi darurat." || bank[7].Text != "Sebutkan tiga APD." {
		t.Fatalf("after the changed file: %+v", bank)
	}
	if again := importBank(t, admin, c, changed, "text/csv", ""); again.Skipped != 8 || len(bankOf(t, admin, c)) != 8 {
		t.Fatalf("the changed file again: %+v", again)
	}

	// Into another course: every question comes out the same but for its
	// ids; the picture is the first course's, so that row is refused.
	courseB := newCourse(t, admin, "SOAL-B")
	cb := base + courseB
	rep = importBank(t, admin, cb, xlsxFile, xlsxMIME, "")
	if rep.Created != 6 || rep.Failed != 1 || rep.Rows[0].Status != "error" || rep.Rows[0].Problems[0].Code != "question_image_unknown" ||
		rep.Rows[0].Problems[0].Column != "Gambar" || !strings.Contains(rep.Rows[1].Message, "ID baru") {
		t.Fatalf("into another course: %+v", rep)
	}
	copies := bankOf(t, admin, cb)
	for i, got := range copies {
		if got.same() != made[i+1].same() || got.ID == made[i+1].ID {
			t.Fatalf("copied %s:\n got %s\nwant %s", got.Type, got.same(), made[i+1].same())
		}
	}
	if again := importBank(t, admin, cb, xlsxFile, xlsxMIME, ""); again.Created != 0 || again.Skipped != 6 || again.Failed != 1 || len(bankOf(t, admin, cb)) != 6 {
		t.Fatalf("into another course again: %+v", again)
	}
	if again := importBank(t, admin, cb, exportBank(t, admin, cb, "csv"), "text/csv", ""); again.Skipped != 6 || again.TotalRows != 6 {
		t.Fatalf("its own export: %+v", again)
	}

	// Bad rows: each reported by row and column, in the caller's
	// language; nothing of them stored, the good row stored.
	bad := "Jenis;Soal;Bobot;Kunci;Pilihan A;Pilihan B;Gambar;Teks Alternatif Gambar\n" +
		"single;Ibu kota Sumatra Barat?;1;B;Medan;Padang;;\n" + // row 2: fine
		"pilihan;Jenis tak dikenal?;1;A;x;y;;\n" + // row 3
		"truefalse;Mungkin?;1;mungkin;;;;\n" + // row 4
		"single;Kunci di luar pilihan?;1;C;x;y;;\n" + // row 5
		"essay;Bergambar tanpa teks alternatif?;1;;;;" + picture + ";\n" // row 6
	resp, raw := bankCall(t, http.MethodPost, cb+"/questions/import", admin, []byte(bad), "text/csv", "en")
	expect(t, "bad rows", resp.StatusCode, raw, http.StatusOK)
	var badRep questionImportView
	if err := json.Unmarshal(raw, &badRep); err != nil {
		t.Fatal(err)
	}
	type line struct{ status, column, code string }
	wantRows := map[int]line{2: {"created", "", ""}, 3: {"error", "Jenis", "question_type"}, 4: {"error", "Kunci", "question_import_truefalse_key"},
		5: {"error", "Kunci", "question_import_key_letters"}, 6: {"error", "Teks Alternatif Gambar", "question_image_alt"}}
	if badRep.TotalRows != 5 || badRep.Created != 1 || badRep.Failed != 4 {
		t.Fatalf("bad rows: %s", raw)
	}
	for _, r := range badRep.Rows {
		w := wantRows[r.Row]
		got := line{r.Status, "", ""}
		if len(r.Problems) > 0 {
			got.column, got.code = r.Problems[0].Column, r.Problems[0].Code
		}
		if got != w || r.Message == "" || (r.Status == "error" && !strings.Contains(r.Message, r.Problems[0].Message)) {
			t.Errorf("row %d: %+v, want %+v", r.Row, r, w)
		}
	}
	if msg := badRep.Rows[2].Problems[0].Message; msg != "The key of a true/false question is benar (true) or salah (false)." {
		t.Errorf("an English message: %q", msg)
	}
	if _, raw := bankCall(t, http.MethodPost, cb+"/questions/import?dryRun=true", admin, []byte(bad), "text/csv", ""); !strings.Contains(string(raw), "Kunci soal benar/salah: tulis benar atau salah.") {
		t.Errorf("an Indonesian message: %s", raw)
	}
	texts := map[string]bool{}
	for _, got := range bankOf(t, admin, cb) {
		texts[got.Text] = true
	}
	if len(texts) != 7 || !texts["Ibu kota Sumatra Barat?"] || texts["Mungkin?"] {
		t.Fatalf("after the bad rows: %v", texts)
	}

	// Whole-file refusals.
	for _, tt := range []struct {
		what, ctype string
		body        []byte
		status      int
		code        string
	}{
		{"too large", "text/csv", append([]byte("Jenis,Soal\n"), bytes.Repeat([]byte("essay,Soal yang sangat panjang sekali.\n"), 150_000)...), http.StatusRequestEntityTooLarge, "body_too_large"},
		{"empty", "text/csv", nil, http.StatusBadRequest, "body_required"},
		{"a PDF", "application/pdf", []byte("%PDF-1.7\n"), http.StatusUnsupportedMediaType, "question_import_format"},
		{"no question column", "text/csv", []byte("Jenis,Bobot\nessay,1\n"), http.StatusBadRequest, "validation_failed"},
		{"a dryRun of neither", "text/csv", []byte("Jenis,Soal\n"), http.StatusBadRequest, "validation_failed"},
	} {
		path := cb + "/questions/import"
		if strings.HasPrefix(tt.what, "a dryRun") {
			path += "?dryRun=ya"
		}
		resp, raw := bankCall(t, http.MethodPost, path, admin, tt.body, tt.ctype, "")
		if resp.StatusCode != tt.status || errorCode(raw) != tt.code {
			t.Errorf("%s: %d %s", tt.what, resp.StatusCode, raw)
		}
	}
	if len(bankOf(t, admin, cb)) != 7 {
		t.Fatal("a refused file stored something")
	}
	if resp, raw := bankCall(t, http.MethodGet, cb+"/questions/export?format=pdf", admin, nil, "", ""); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("export as pdf: %d %s", resp.StatusCode, raw)
	}

	// Another tenant's admin and a learner of this one are refused both
	// ways, and nothing changes.
	op := demo.Accounts[3]
	opTok := signIn(t, op.Username, op.Password).AccessToken
	var other createdTenant
	st, raw := api(t, http.MethodPost, "/tenants", opTok, map[string]any{"id": "soal-lain", "name": "Balai Soal Lain", "shortName": "SOAL",
		"firstAdmin": map[string]string{"nip": "199003032015041001", "name": "Admin Soal Lain"}}, &other)
	expect(t, "create tenant", st, raw, http.StatusCreated)
	otherAdmin := firstSignIn(t, other.FirstAdmin.Username, other.FirstAdmin.TemporaryPassword, "AdminSoalLain2026").AccessToken
	learnerIDs, learners := newLearners(t, 2, 29)
	for who, token := range map[string]string{"another tenant's admin": otherAdmin, "a learner": learners[1]} {
		if resp, raw := bankCall(t, http.MethodGet, c+"/questions/export?format=csv", token, nil, "", ""); resp.StatusCode != http.StatusForbidden || bytes.Contains(raw, []byte("Warna helm")) {
			t.Errorf("%s exports: %d %s", who, resp.StatusCode, raw)
		}
		if resp, raw := bankCall(t, http.MethodPost, c+"/questions/import", token, changed, "text/csv", ""); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s imports: %d %s", who, resp.StatusCode, raw)
		}
	}
	// The other tenant's admin, in their own tenant's path, finds no such course.
	if resp, raw := bankCall(t, http.MethodGet, "/tenants/soal-lain/courses/"+courseA+"/questions/export", otherAdmin, nil, "", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the course under another tenant: %d %s", resp.StatusCode, raw)
	}
	if len(bankOf(t, admin, c)) != 8 {
		t.Fatal("a refused import stored something")
	}

	// A learner taking a quiz of the pictured question gets the picture:
	// a link that works, to a WebP of the size said, and not the upload.
	var sec sectionView
	api(t, http.MethodPost, c+"/sections", admin, q{"title": "Evaluasi"}, &sec)
	var quizItem itemView
	st, raw = api(t, http.MethodPost, c+"/items", admin, q{"sectionId": sec.ID, "kind": "quiz", "title": "Kuis bergambar", "required": true,
		"quiz": q{"kind": "quiz", "questionIds": []string{withPicture.ID, made[2].ID}, "passPercent": 50, "review": "after-submit"}}, &quizItem)
	expect(t, "quiz item", st, raw, http.StatusCreated)
	st, raw = api(t, http.MethodPost, c+"/publish", admin, nil, nil)
	expect(t, "publish", st, raw, http.StatusOK)
	b := createBatch(t, admin, "SOAL-BTC", "open", 5, courseA)
	api(t, http.MethodPatch, "/tenants/"+demo.TenantID+"/batches/"+b.ID, admin, q{"status": "open"}, nil)
	st, raw = api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/batches/"+b.ID+"/enrollments", learners[0], nil, nil)
	expect(t, "enroll", st, raw, http.StatusCreated)
	var at struct {
		ID        string `json:"id"`
		UserID    string `json:"userId"`
		Questions []struct {
			ID    string         `json:"id"`
			Image map[string]any `json:"image"`
		} `json:"questions"`
	}
	st, raw = api(t, http.MethodPost, c+"/items/"+quizItem.ID+"/attempts", learners[0], nil, &at)
	expect(t, "start", st, raw, http.StatusCreated)
	if at.UserID != learnerIDs[0] || bytes.Contains(raw, []byte("uploadId")) || bytes.Contains(raw, []byte(`"key"`)) {
		t.Fatalf("the attempt names the upload: %s", raw)
	}
	var shown map[string]any
	for _, qq := range at.Questions {
		if qq.ID == withPicture.ID {
			shown = qq.Image
		} else if qq.Image != nil {
			t.Fatalf("a picture from nowhere: %s", raw)
		}
	}
	if len(shown) != 4 || shown["alt"] != "Helm kuning di atas meja" || shown["width"] != float64(640) || shown["height"] != float64(360) {
		t.Fatalf("the learner's picture (url, alt, width, height): %v", shown)
	}
	link, _ := shown["url"].(string)
	got, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(got.Body)
	got.Body.Close()
	if got.StatusCode != http.StatusOK || got.Header.Get("Content-Type") != "image/webp" {
		t.Fatalf("the picture's link %s: %d %s", link, got.StatusCode, got.Header.Get("Content-Type"))
	}
	cfg, err := webp.DecodeConfig(bytes.NewReader(body))
	if err != nil || cfg.Width != 640 || cfg.Height != 360 {
		t.Fatalf("the picture is %+v (%v), want a 640x360 WebP", cfg, err)
	}
	// Reading the attempt again links it again.
	at.Questions = nil
	st, raw = api(t, http.MethodGet, c+"/items/"+quizItem.ID+"/attempts/"+at.ID, learners[0], nil, &at)
	expect(t, "attempt", st, raw, http.StatusOK)
	linked := false
	for _, qq := range at.Questions {
		linked = linked || (qq.ID == withPicture.ID && qq.Image["url"] != nil && qq.Image["url"] != "")
	}
	if !linked {
		t.Fatalf("the attempt read again: %s", raw)
	}
}

// A question's picture is checked where it is set: the course's own
// ready image upload with purpose question, and alt text.
func TestQuestionPictureChecks(t *testing.T) {
	admin := adminToken(t)
	base := "/tenants/" + demo.TenantID + "/courses/"
	courseID := newCourse(t, admin, "GBR-SOAL")
	c := base + courseID
	picture := questionPicture(t, admin, courseID)
	other := newCourse(t, admin, "GBR-LAIN")
	otherPicture := questionPicture(t, admin, other)
	cover, _ := startCover(t, admin, courseID, "sampul.png", "image/png") // uploading, another purpose
	var pending startedView
	st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", admin, map[string]any{"purpose": "question", "courseId": courseID,
		"fileName": "nanti.png", "size": 100, "contentType": "image/png", "sha256": strings.Repeat("0", 64)}, &pending)
	expect(t, "a picture still uploading", st, raw, http.StatusCreated)
	if st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", admin, map[string]any{"purpose": "question", "courseId": courseID,
		"fileName": "soal.pdf", "size": 100, "contentType": "application/pdf", "sha256": strings.Repeat("0", 64)}, nil); st != http.StatusBadRequest ||
		!strings.Contains(string(raw), "upload_question_image") {
		t.Fatalf("a PDF as a question picture: %d %s", st, raw)
	}

	body := func(image any) map[string]any {
		return map[string]any{"type": "essay", "text": "Apa yang tampak?", "points": 1, "image": image}
	}
	for _, tt := range []struct {
		what  string
		image any
		field string
		code  string
	}{
		{"another course's picture", map[string]any{"uploadId": otherPicture, "alt": "x"}, "image.uploadId", "question_image_unknown"},
		{"a cover", map[string]any{"uploadId": cover.Upload.ID, "alt": "x"}, "image.uploadId", "question_image_unknown"},
		{"a picture not ready", map[string]any{"uploadId": pending.Upload.ID, "alt": "x"}, "image.uploadId", "question_image_not_ready"},
		{"no alt text", map[string]any{"uploadId": picture, "alt": "  "}, "image.alt", "question_image_alt"},
		{"not an id", map[string]any{"uploadId": "../x", "alt": "x"}, "image.uploadId", "question_image_unknown"},
		{"an unknown field", map[string]any{"uploadId": picture, "alt": "x", "key": "raw/x"}, "image", "field_invalid"},
	} {
		st, raw := api(t, http.MethodPost, c+"/questions", admin, body(tt.image), nil)
		if st != http.StatusBadRequest || !strings.Contains(string(raw), `"field":"`+tt.field+`"`) || !strings.Contains(string(raw), tt.code) {
			t.Errorf("%s: %d %s", tt.what, st, raw)
		}
	}
	var qv bankQuestionView
	st, raw = api(t, http.MethodPost, c+"/questions", admin, body(map[string]any{"uploadId": picture, "alt": "Peta jalur evakuasi"}), &qv)
	expect(t, "a pictured question", st, raw, http.StatusCreated)
	// The same picture with new alt text; then no picture at all.
	var changed bankQuestionView
	st, raw = api(t, http.MethodPatch, c+"/questions/"+qv.ID, admin, map[string]any{"version": 1, "image": map[string]any{"uploadId": picture, "alt": "Peta jalur evakuasi tambang"}}, &changed)
	expect(t, "new alt text", st, raw, http.StatusOK)
	if changed.Image == nil || changed.Image.Alt != "Peta jalur evakuasi tambang" || changed.Image.Width != 640 || changed.Image.URL == "" {
		t.Fatalf("new alt text: %s", raw)
	}
	var plain bankQuestionView
	st, raw = api(t, http.MethodPatch, c+"/questions/"+qv.ID, admin, map[string]any{"version": 2, "image": nil}, &plain)
	expect(t, "no picture", st, raw, http.StatusOK)
	if plain.Image != nil || plain.Version != 3 || strings.Contains(string(raw), `"image"`) {
		t.Fatalf("the picture stays: %s", raw)
	}
}
