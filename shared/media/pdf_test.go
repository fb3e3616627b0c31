package media

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func TestPDFPageCount(t *testing.T) {
	dir := t.TempDir()
	n, err := PDFPageCount(writeFile(t, dir, "modul.pdf", minimalPDF()))
	if err != nil || n != 2 {
		t.Fatalf("pages %d, %v", n, err)
	}
	_, err = PDFPageCount(writeFile(t, dir, "rusak.pdf", []byte("%PDF-1.4\nthis is not a pdf body\n")))
	reasonIs(t, err, ReasonCorrupt)
	_, err = PDFPageCount(writeFile(t, dir, "kosong.pdf", nil))
	reasonIs(t, err, ReasonEmpty)
}

func TestPDFEncrypted(t *testing.T) {
	pdfConfig() // keeps pdfcpu away from the user's config folder
	conf := model.NewAESConfiguration("rahasia", "pemilik", 256)
	var enc bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(minimalPDF()), &enc, conf); err != nil {
		t.Fatal(err)
	}
	_, err := PDFPageCount(writeFile(t, t.TempDir(), "terkunci.pdf", enc.Bytes()))
	reasonIs(t, err, ReasonEncrypted)
}

func TestPDFWithoutPreviewTool(t *testing.T) {
	p, _ := New(Config{PDFToPPM: "/nonexistent/pdftoppm"})
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	m, err := p.PDF(ctxT(t), writeFile(t, dir, "modul.pdf", minimalPDF()), out)
	if err != nil {
		t.Fatal(err)
	}
	if m.PageCount != 2 || m.Preview != "" || m.PreviewSkipped != "preview unavailable: pdftoppm not found" || len(m.Files) != 0 {
		t.Fatalf("manifest %+v", m)
	}
}

func TestPDFPreview(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not on PATH (optional, Debian package poppler-utils)")
	}
	p := testProcessor(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	m, err := p.PDF(ctxT(t), writeFile(t, dir, "modul.pdf", minimalPDF()), out)
	if err != nil {
		t.Fatal(err)
	}
	if m.PageCount != 2 || m.Preview != "preview.jpg" || m.PreviewSkipped != "" {
		t.Fatalf("manifest %+v", m)
	}
	checkFiles(t, out, m.Files)
	if _, err := exec.LookPath("ffprobe"); err == nil {
		// Letter size scaled to 1280 on the long side.
		if got := ffprobeStreams(t, filepath.Join(out, "preview.jpg")); got.Height != 1280 || got.Width < 988 || got.Width > 990 {
			t.Fatalf("preview %dx%d", got.Width, got.Height)
		}
	}
}

func TestPDFRefusesOtherContent(t *testing.T) {
	p := testProcessor(t)
	dir := t.TempDir()
	_, err := p.PDF(ctxT(t), writeFile(t, dir, "modul.pdf", pngBytes(t, 4, 4)), filepath.Join(dir, "out"))
	if me := asMismatch(t, err); !strings.Contains(me.Error(), "PNG image, not PDF") {
		t.Fatal(err)
	}
}
