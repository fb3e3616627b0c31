package integration

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"lms/infra/demo"
	"lms/tests/testkit"
)

// makePDF writes a one-page PDF whose text is lines.
func makePDF(t testing.TB, lines ...string) []byte { return testkit.PDF(t, lines...) }

// makeZip writes an Office Open XML package from its parts.
func makeZip(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	// [Content_Types].xml first, as Office writes it.
	names := []string{"[Content_Types].xml"}
	for n := range parts {
		if n != names[0] {
			names = append(names, n)
		}
	}
	for _, n := range names {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(parts[n]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/></Relationships>`

func makeDOCX(t testing.TB, paragraphs ...string) []byte {
	var body strings.Builder
	for _, p := range paragraphs {
		fmt.Fprintf(&body, `<w:p><w:r><w:t>%s</w:t></w:r></w:p>`, html.EscapeString(p))
	}
	return makeZip(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels": fmt.Sprintf(rels, "word/document.xml"),
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `</w:body></w:document>`,
	})
}

func makePPTX(t testing.TB, slides ...string) []byte {
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>`,
		"_rels/.rels":          fmt.Sprintf(rels, "ppt/presentation.xml"),
		"ppt/presentation.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`,
	}
	for i, s := range slides {
		parts[fmt.Sprintf("ppt/slides/slide%d.xml", i+1)] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
			`<p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>` + html.EscapeString(s) + `</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`
	}
	return makeZip(t, parts)
}

type searchView struct {
	Total uint64 `json:"total"`
	Items []struct {
		Kind        string   `json:"kind"`
		CourseID    string   `json:"courseId"`
		CourseTitle string   `json:"courseTitle"`
		ItemID      string   `json:"itemId"`
		ItemKind    string   `json:"itemKind"`
		Title       string   `json:"title"`
		Snippets    []string `json:"snippets"`
	} `json:"items"`
}

func searchAs(t testing.TB, token, tenant, q string) searchView {
	t.Helper()
	var v searchView
	st, raw := api(t, http.MethodGet, "/tenants/"+tenant+"/search?q="+url.QueryEscape(q)+"&limit=20", token, nil, &v)
	expect(t, "search "+q, st, raw, http.StatusOK)
	return v
}

// uploadMaterial uploads a file for an item and waits until it is ready.
func uploadMaterial(t *testing.T, admin, courseID, itemID, name, ctype string, data []byte) uploadView {
	t.Helper()
	var s startedView
	st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", admin, map[string]any{"purpose": "material", "courseId": courseID,
		"itemId": itemID, "fileName": name, "size": len(data), "contentType": ctype, "sha256": sha(data)}, &s)
	expect(t, "start "+name, st, raw, http.StatusCreated)
	if code, _, body := send(t, *s.Put, data); code != http.StatusOK {
		t.Fatalf("PUT %s: %d %s", name, code, body)
	}
	u := waitUpload(t, admin, s.Upload.ID)
	if u.Status != "ready" {
		t.Fatalf("%s: %+v", name, u)
	}
	return u
}

// A PDF, a DOCX and a PPTX made here become searchable by an Indonesian
// word in another inflected form ("belajar" finds "pembelajaran"), with
// highlighted snippets, for staff and for the learners the course is open
// to; a learner of another tenant finds nothing.
func TestSearchFindsUploadedDocuments(t *testing.T) {
	admin := adminToken(t)
	courseID, items := materialCourse(t, admin, "CARI-DOK")
	pdf := makePDF(t, "Modul pembelajaran keselamatan kerja tambang bawah tanah.", "Bab satu: pengenalan alat pelindung diri.")
	docx := makeDOCX(t, "Panduan pembelajaran jarak jauh bagi widyaiswara.", "Setiap peserta wajib mengisi presensi.")
	pptx := makePPTX(t, "Strategi pembelajaran orang dewasa", "Andragogi dan evaluasi Kirkpatrick")
	u1 := uploadMaterial(t, admin, courseID, items["pdf"], "modul-k3.pdf", "application/pdf", pdf)
	if u1.Result == nil || u1.Result.Pages != 1 {
		t.Fatalf("pdf result: %+v", u1.Result)
	}
	uploadMaterial(t, admin, courseID, items["document"], "panduan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx)
	uploadMaterial(t, admin, courseID, items["presentation"], "strategi.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", pptx)

	// Delivery of documents: the PDF itself, the DOCX to download, each by
	// a short-lived signed link.
	for kind, want := range map[string][]byte{"pdf": pdf, "document": docx} {
		var m struct {
			PDF      string `json:"pdf"`
			Download string `json:"download"`
			Pages    int    `json:"pages"`
		}
		st, raw := api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/courses/"+courseID+"/items/"+items[kind]+"/content", admin, nil, &m)
		expect(t, "content "+kind, st, raw, http.StatusOK)
		link := m.Download
		if kind == "pdf" {
			link = m.PDF
		}
		resp, err := http.Get(link)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		_, _ = got.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.Equal(got.Bytes(), want) || !strings.Contains(link, "X-Amz-Expires=") {
			t.Fatalf("%s link %s: %d, %d bytes", kind, link, resp.StatusCode, got.Len())
		}
		if kind == "document" && !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("docx download disposition %q", resp.Header.Get("Content-Disposition"))
		}
		unsigned, _ := url.Parse(link)
		unsigned.RawQuery = ""
		if resp, err := http.Get(unsigned.String()); err == nil && resp.StatusCode == http.StatusOK {
			t.Fatalf("the object is public: %s", unsigned)
		}
	}

	// Indexing runs beside processing: wait (bounded) until all three show.
	want := map[string]bool{items["pdf"]: true, items["document"]: true, items["presentation"]: true}
	found := func(v searchView) map[string]string {
		got := map[string]string{}
		for _, h := range v.Items {
			if want[h.ItemID] {
				got[h.ItemID] = strings.Join(h.Snippets, " ")
			}
		}
		return got
	}
	deadline := time.Now().Add(90 * time.Second)
	var hits map[string]string
	for {
		hits = found(searchAs(t, admin, demo.TenantID, "belajar"))
		if len(hits) == 3 || time.Now().After(deadline) {
			break
		}
		time.Sleep(300 * time.Millisecond)
	}
	if len(hits) != 3 {
		t.Fatalf("\"belajar\" found %d of the 3 documents: %v", len(hits), hits)
	}
	for id, snip := range hits {
		if !strings.Contains(snip, "<mark>") || !strings.Contains(strings.ToLower(snip), "pembelajaran") {
			t.Errorf("item %s snippet %q", id, snip)
		}
	}
	if v := searchAs(t, admin, demo.TenantID, "mempelajari andragogi"); len(found(v)) == 0 {
		t.Errorf("another inflection found nothing: %+v", v)
	}

	// Published and opened to a learner through a batch: they find it too.
	// Every material item of the course must be ready to publish? No: the
	// learner is simply not offered the ones that are not.
	st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/courses/"+courseID+"/publish", admin, nil, nil)
	expect(t, "publish", st, raw, http.StatusOK)
	b := createBatch(t, admin, "CARI-B", "open", 5, courseID)
	api(t, http.MethodPatch, "/tenants/"+demo.TenantID+"/batches/"+b.ID, admin, map[string]any{"status": "open"}, nil)
	_, tokens := newLearners(t, 1, 71)
	st, raw = api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/batches/"+b.ID+"/enrollments", tokens[0], nil, nil)
	expect(t, "enroll", st, raw, http.StatusCreated)
	if got := found(searchAs(t, tokens[0], demo.TenantID, "pembelajaran")); len(got) != 3 {
		t.Fatalf("the enrolled learner finds %d of 3", len(got))
	}
	// A video item that is not ready is not offered to the learner.
	for _, h := range searchAs(t, tokens[0], demo.TenantID, "video").Items {
		if h.ItemID == items["video"] {
			t.Errorf("learner offered the unprocessed video item")
		}
	}
	// Not enrolled: the demo learner finds none of it.
	if got := found(searchAs(t, demoLearnerToken(t), demo.TenantID, "pembelajaran")); len(got) != 0 {
		t.Fatalf("a learner without access finds %v", got)
	}

	// Another tenant's learner: nothing in their tenant, refused in ours.
	op := demo.Accounts[3]
	opTok := signIn(t, op.Username, op.Password).AccessToken
	other := createTenant(t, opTok, "cari-lain", "approval")
	otherAdmin := firstSignIn(t, other.FirstAdmin.Username, other.FirstAdmin.TemporaryPassword, "AdminCari2026").AccessToken
	if v := searchAs(t, otherAdmin, "cari-lain", "pembelajaran"); v.Total != 0 || len(v.Items) != 0 {
		t.Fatalf("other tenant finds %+v", v)
	}
	if st, _ := api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/search?q=pembelajaran", otherAdmin, nil, nil); st != http.StatusForbidden && st != http.StatusNotFound {
		t.Fatalf("other tenant's admin searched ours: %d", st)
	}
	if st, _ := api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/search?q=a", admin, nil, nil); st != http.StatusBadRequest {
		t.Fatalf("a one-letter query: %d", st)
	}
}
