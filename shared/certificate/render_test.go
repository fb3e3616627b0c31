package certificate

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lms/tests/pdfcheck"
)

func samplePage() Page {
	img := image.NewRGBA(image.Rect(0, 0, 120, 80))
	for x := range 120 {
		for y := range 80 {
			img.Set(x, y, color.RGBA{uint8(x * 2), 0x40, uint8(y * 3), 0xff})
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	logo, err := NewLogo(buf.Bytes())
	if err != nil {
		panic(err)
	}
	c := Certificate{Number: "BDTBT-2026-000123", TenantName: "Balai Diklat Teknis Bandung Timur", BatchName: "Angkatan VI",
		Training: "Pelatihan Dasar Pengadaan Barang/Jasa", Name: "Siti Nurhaliza Ramadhani", JP: 40,
		StartDate: "2026-12-01", EndDate: "2026-12-05", IssuedAt: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC), Status: Valid}
	return Page{Certificate: c, ShownID: MaskID("3273011508950001"), IDLabel: "NIK",
		Settings: Settings{SignatoryName: "Dr. Bambang Sutrisno, M.Si.", SignatoryTitle: "Kepala Balai", SignatoryNIP: "197001011995031001", City: "Bandung"},
		Primary:  "#0b5394", Secondary: "#e69138", Logo: logo, VerifyURL: VerifyURL("https://lms.example.go.id", c.Number)}
}

// The certificate's words come out of the PDF as text (pdftotext), and its
// QR code, read back from the rendered page, is the verification URL.
func TestRenderReadBack(t *testing.T) {
	if err := pdfcheck.Available(); err != nil {
		t.Skip(err)
	}
	p := samplePage()
	pdf, err := RenderBytes(p)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "c.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := pdfcheck.Text(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"SERTIFIKAT", "BDTBT-2026-000123", "Siti Nurhaliza Ramadhani", "NIK 3273********0001",
		"Pelatihan Dasar Pengadaan Barang/Jasa", "Angkatan VI, 1–5 Desember 2026", "40 Jam Pelajaran", "Kepala Balai",
		"Dr. Bambang Sutrisno, M.Si.", "Bandung, 5 Desember 2026", "BALAI DIKLAT TEKNIS BANDUNG TIMUR"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "3273011508950001") {
		t.Error("masked NIK printed in full")
	}
	if got, err := pdfcheck.QR(file); err != nil || got != p.VerifyURL {
		t.Errorf("QR = %q (%v), want %q", got, err, p.VerifyURL)
	}

	// Same certificate, same bytes: a re-run overwrites with identical files.
	again, err := RenderBytes(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(pdf) {
		t.Error("rendering the same certificate twice gave different files")
	}
}

func TestNumbers(t *testing.T) {
	n := FormatNumber("BDTBT", 2026, 123)
	if n != "BDTBT-2026-000123" {
		t.Fatal(n)
	}
	if y, ok := ParseNumber(n); !ok || y != 2026 {
		t.Fatal(y, ok)
	}
	for _, bad := range []string{"", "bdtbt-2026-000123", "BDTBT-2026-123", "BDTBT-26-000123", "../x", "BDTBT-2026-000123/..", "B-2026-000001"} {
		if _, ok := ParseNumber(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := DefaultPrefix("bdt-bt"); got != "BDTBT" {
		t.Error(got)
	}
	if got := DefaultPrefix("ü"); got != "LMS" {
		t.Error(got)
	}
	if got := MaskID("198503122010011001"); got != "1985**********1001" {
		t.Error(got)
	}
	if ShownID(IDOmitted, "3273011508950001") != "" || ShownID(IDFull, "123") != "123" {
		t.Error("ShownID")
	}
}

func TestPeriod(t *testing.T) {
	for _, c := range []struct{ s, e, want string }{
		{"2026-12-01", "2026-12-05", "1–5 Desember 2026"},
		{"2026-11-28", "2026-12-02", "28 November – 2 Desember 2026"},
		{"2026-12-30", "2027-01-02", "30 Desember 2026 – 2 Januari 2027"},
		{"2026-03-04", "2026-03-04", "4 Maret 2026"},
	} {
		if got := Period(c.s, c.e); got != c.want {
			t.Errorf("Period(%s,%s) = %q, want %q", c.s, c.e, got, c.want)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	p := samplePage()
	for b.Loop() {
		if _, err := RenderBytes(p); err != nil {
			b.Fatal(err)
		}
	}
}
