package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func run(t *testing.T, data []byte, kind Kind) string {
	t.Helper()
	s, err := Extract(bytes.NewReader(data), int64(len(data)), kind)
	if err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return s
}

// minimalPDF writes a valid PDF with one page per content stream, using the
// standard Helvetica font in WinAnsi encoding.
func minimalPDF(contents ...string) []byte {
	var buf bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	kids := make([]string, len(contents))
	for i := range contents {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(contents)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i, c := range contents {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c))
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return buf.Bytes()
}

func TestPDF(t *testing.T) {
	data := minimalPDF(
		"BT /F1 12 Tf 72 720 Td (Pembelajaran jarak jauh) Tj 0 -14 Td (bagi peserta diklat.) Tj ET",
		"BT /F1 12 Tf 72 720 Td [(Keselamatan)-300(kerja)] TJ T* (di tambang \\(bawah tanah\\)) Tj ET\n"+
			"BT 1 0 0 1 72 600 Tm (Kaf\\351 dan) Tj 1 0 0 1 140 600 Tm (teh) Tj ET",
	)
	got := run(t, data, PDF)
	want := "Pembelajaran jarak jauh\nbagi peserta diklat.\nKeselamatan kerja\ndi tambang (bawah tanah)\nKafé dan teh"
	if got != want {
		t.Errorf("pdf text\n%q\nwant\n%q", got, want)
	}
}

func TestPDFCorrupt(t *testing.T) {
	good := minimalPDF("BT /F1 12 Tf (Materi) Tj ET")
	for name, data := range map[string][]byte{
		"garbage":   []byte("this is not a pdf at all, just words"),
		"truncated": good[:len(good)/2],
		"empty":     nil,
		"bad xref":  bytes.Replace(good, []byte("startxref\n"), []byte("startxref\n9"), 1),
	} {
		if _, err := Extract(bytes.NewReader(data), int64(len(data)), PDF); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A broken content stream on one page does not panic out of Extract.
	data := minimalPDF("BT /F1 12 Tf (Materi) Tj ET", "BT /F1 Tf ] ] (x) TJ ET")
	if _, err := Extract(bytes.NewReader(data), int64(len(data)), PDF); err != nil && !errors.Is(err, ErrCorrupt) {
		t.Errorf("broken page: %v", err)
	}
}

func TestPDFOpsLimit(t *testing.T) {
	content := strings.Repeat("0 0 Td ", 5000) + "BT /F1 12 Tf (akhir) Tj ET"
	data := minimalPDF(content)
	_, err := ExtractLimits(bytes.NewReader(data), int64(len(data)), PDF, Limits{PDFOps: 1000})
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("ops limit: %v", err)
	}
	if got := run(t, data, PDF); got != "akhir" {
		t.Fatalf("default limits: %q", got)
	}
}

type part struct{ name, body string }

func zipOf(t *testing.T, parts ...part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func docx(t *testing.T, body string) []byte {
	return zipOf(t,
		part{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		part{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`},
	)
}

func TestDOCX(t *testing.T) {
	data := docx(t, `<w:p><w:r><w:t>Modul </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Pelatihan</w:t></w:r><w:r><w:tab/><w:t>K3 &amp; Lingkungan</w:t></w:r></w:p>`+
		`<w:p><w:r><w:t xml:space="preserve">Peserta memahami </w:t><w:br/><w:t>penyelesaian masalah.</w:t></w:r></w:p>`+
		`<w:p><w:r><w:delText>dihapus</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>`+
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Kolom1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Kolom2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`)
	got := run(t, data, DOCX)
	want := "Modul Pelatihan K3 & Lingkungan\nPeserta memahami\npenyelesaian masalah.\nKolom1\nKolom2"
	if got != want {
		t.Errorf("docx text\n%q\nwant\n%q", got, want)
	}
}

func TestDOCXCorrupt(t *testing.T) {
	for name, data := range map[string][]byte{
		"not a zip":   []byte("PK but not really"),
		"no document": zipOf(t, part{"word/other.xml", "<x/>"}),
		"bad xml":     zipOf(t, part{"word/document.xml", "<w:document><w:p a=></w:document>"}),
	} {
		if _, err := Extract(bytes.NewReader(data), int64(len(data)), DOCX); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestDOCXZipBomb(t *testing.T) {
	// 50 MB of paragraphs compress to well under 1 MB; a 1 MB budget reads
	// only the start and returns what it read.
	para := `<w:p><w:r><w:t>pelatihan</w:t></w:r></w:p>`
	data := docx(t, strings.Repeat(para, 50<<20/len(para)))
	if len(data) > 1<<20 {
		t.Fatalf("fixture is %d bytes", len(data))
	}
	got, err := ExtractLimits(bytes.NewReader(data), int64(len(data)), DOCX, Limits{Unzipped: 1 << 20, Text: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(got, "pelatihan"); n == 0 || n > (1<<20)/len(para)+1 {
		t.Fatalf("read %d paragraphs", n)
	}
}

func slide(texts ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>`)
	for _, t := range texts {
		fmt.Fprintf(&b, `<p:sp><p:txBody><a:p><a:r><a:t>%s</a:t></a:r></a:p></p:txBody></p:sp>`, t)
	}
	b.WriteString(`</p:spTree></p:cSld></p:sld>`)
	return b.String()
}

func TestPPTX(t *testing.T) {
	slides := []part{
		{"ppt/slides/slide1.xml", slide("Judul: Kebijakan Diklat")},
		{"ppt/slides/slide2.xml", slide("Penutup")},
		{"ppt/slides/slide10.xml", slide("Tujuan pembelajaran", "Peserta mampu menjelaskan")},
	}
	// Numbered order when presentation.xml is missing: 1, 2, 10.
	got := run(t, zipOf(t, slides...), PPTX)
	if want := "Judul: Kebijakan Diklat\nPenutup\nTujuan pembelajaran\nPeserta mampu menjelaskan"; got != want {
		t.Errorf("numbered order\n%q\nwant\n%q", got, want)
	}
	// Presentation order: slide10 was moved to second place.
	pres := part{"ppt/presentation.xml", `<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:sldIdLst><p:sldId id="256" r:id="rId2"/><p:sldId id="257" r:id="rId4"/><p:sldId id="258" r:id="rId3"/></p:sldIdLst></p:presentation>`}
	rels := part{"ppt/_rels/presentation.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="master" Target="slideMasters/slideMaster1.xml"/><Relationship Id="rId2" Type="slide" Target="slides/slide1.xml"/><Relationship Id="rId3" Type="slide" Target="slides/slide2.xml"/><Relationship Id="rId4" Type="slide" Target="slides/slide10.xml"/></Relationships>`}
	got = run(t, zipOf(t, append(slides, pres, rels)...), PPTX)
	if want := "Judul: Kebijakan Diklat\nTujuan pembelajaran\nPeserta mampu menjelaskan\nPenutup"; got != want {
		t.Errorf("presentation order\n%q\nwant\n%q", got, want)
	}
	noSlides := zipOf(t, pres)
	if _, err := Extract(bytes.NewReader(noSlides), int64(len(noSlides)), PPTX); !errors.Is(err, ErrCorrupt) {
		t.Errorf("no slides: %v", err)
	}
}

func TestText(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range "Materi pelatihan\r\nbaris dua" {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"utf8":     {[]byte("Materi pelatihan\r\nbaris dua"), "Materi pelatihan\nbaris dua"},
		"bom":      {[]byte("\xEF\xBB\xBFMateri pelatihan"), "Materi pelatihan"},
		"utf16":    {utf16le, "Materi pelatihan\nbaris dua"},
		"cp1252":   {[]byte("Kaf\xe9 \x93kutipan\x94"), "Kafé “kutipan”"},
		"cut rune": {[]byte("pelatihan é"[:len("pelatihan é")-1]), "pelatihan"},
	} {
		if got := run(t, c.data, Text); got != c.want {
			t.Errorf("%s: %q, want %q", name, got, c.want)
		}
	}
	if _, err := Extract(bytes.NewReader([]byte("ab\x00cd")), 5, Text); !errors.Is(err, ErrCorrupt) {
		t.Errorf("binary: %v", err)
	}
}

func TestMarkdown(t *testing.T) {
	md := "# Pengantar *Diklat*\n\n> Kutipan **penting** dari [modul K3](https://x.test/k3) dan ![diagram alur](a.png)\n\n" +
		"- butir satu\n1. langkah `pertama`\n\n```go\nfmt.Println()\n```\n\n---\n<b>tebal</b> &amp; __garis__ snake_case\n\n[ref]: https://x.test"
	got := run(t, []byte(md), Markdown)
	want := "Pengantar Diklat\n\nKutipan penting dari modul K3 dan diagram alur\n\nbutir satu\nlangkah pertama\n\nfmt.Println()\n\ntebal & garis snake_case"
	if got != want {
		t.Errorf("markdown\n%q\nwant\n%q", got, want)
	}
}

func TestSubtitles(t *testing.T) {
	vtt := "WEBVTT - Kuliah 1\nKind: captions\n\nNOTE dibuat otomatis\n\nSTYLE\n::cue { color: yellow }\n\n" +
		"intro\n00:00:01.000 --> 00:00:04.000 align:start\n<v Budi>Selamat pagi, <c.yellow>peserta</c> diklat.</v>\n\n" +
		"00:00:04.000 --> 00:00:06.500\nSelamat pagi, peserta diklat.\nHari ini kita <00:00:05.000>belajar K3 &amp; keselamatan.\n  \n" +
		"3\n01:00:06.500 --> 01:00:08.000\n<i>Terima kasih</i>\n"
	if got, want := run(t, []byte(vtt), VTT), "Selamat pagi, peserta diklat.\nHari ini kita belajar K3 & keselamatan.\nTerima kasih"; got != want {
		t.Errorf("vtt\n%q\nwant\n%q", got, want)
	}
	srt := "\xEF\xBB\xBF1\r\n00:00:01,000 --> 00:00:04,000\r\n{\\an8}<i>Pembelajaran</i> dimulai\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nsekarang.\r\n\r\n"
	if got, want := run(t, []byte(srt), SRT), "Pembelajaran dimulai\nsekarang."; got != want {
		t.Errorf("srt\n%q\nwant\n%q", got, want)
	}
}

func TestTextCap(t *testing.T) {
	s := strings.Repeat("é", 100) // 200 bytes
	got, err := ExtractLimits(strings.NewReader(s), int64(len(s)), Text, Limits{Text: 51})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 50 || !utf8.ValidString(got) {
		t.Fatalf("capped text: %d bytes %q", len(got), got)
	}
	data := docx(t, strings.Repeat(`<w:p><w:r><w:t>pelatihan</w:t></w:r></w:p>`, 1000))
	got, err = ExtractLimits(bytes.NewReader(data), int64(len(data)), DOCX, Limits{Text: 100})
	if err != nil || len(got) > 100 || !strings.HasPrefix(got, "pelatihan\npelatihan") {
		t.Fatalf("capped docx: %q %v", got, err)
	}
}

func TestKindOf(t *testing.T) {
	for _, c := range []struct {
		name, ct string
		want     Kind
		ok       bool
	}{
		{"Modul 1.PDF", "", PDF, true},
		{"materi.docx", "application/octet-stream", DOCX, true},
		{"slide.pptx", "", PPTX, true},
		{"catatan.txt", "", Text, true},
		{"README.md", "", Markdown, true},
		{"kuliah.vtt", "", VTT, true},
		{"kuliah.srt", "", SRT, true},
		{"blob", "application/pdf", PDF, true},
		{"blob", "text/plain; charset=utf-8", Text, true},
		{"video.mp4", "video/mp4", "", false},
	} {
		if k, ok := KindOf(c.name, c.ct); k != c.want || ok != c.ok {
			t.Errorf("KindOf(%q, %q) = %q, %v", c.name, c.ct, k, ok)
		}
	}
	if _, err := Extract(strings.NewReader("x"), 1, Kind("xlsx")); !errors.Is(err, ErrUnsupported) {
		t.Errorf("unsupported: %v", err)
	}
}
