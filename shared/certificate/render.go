package certificate

import (
	"bytes"
	"compress/flate"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // tenant logos may be JPEG
	_ "image/png"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/boombuler/barcode/qr"
	"github.com/signintech/gopdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"lms/shared/clock"
)

// Page is what one certificate prints.
type Page struct {
	Certificate Certificate
	// ShownID is the NIK or NIP as the tenant prints it ("" to omit).
	ShownID   string
	IDLabel   string // "NIK" or "NIP"
	Settings  Settings
	Primary   string // tenant colours, #rrggbb
	Secondary string
	// Logo is the tenant's logo, or nil.
	Logo      *Logo
	VerifyURL string
}

// Logo is a tenant's logo file (PNG or JPEG) and its size in pixels. The
// file goes into each PDF as it is: decoding and re-encoding it for every
// certificate would cost more than the rest of the page.
type Logo struct {
	Data          []byte
	Width, Height int
}

// NewLogo checks a logo file and reads its size.
func NewLogo(data []byte) (*Logo, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("certificate: logo: %w", err)
	}
	return &Logo{Data: data, Width: cfg.Width, Height: cfg.Height}, nil
}

// The Go fonts (BSD licence) are embedded in the binary: a Lambda has no
// system fonts, and they carry every Latin letter of Indonesian names.
// Parsing a TrueType font costs more than laying out a page, so each is
// parsed once per process.
var (
	fontsOnce sync.Once
	fonts     *gopdf.FontContainer
	fontsErr  error
)

func loadFonts() (*gopdf.FontContainer, error) {
	fontsOnce.Do(func() {
		fc := &gopdf.FontContainer{}
		for family, data := range map[string][]byte{"regular": goregular.TTF, "bold": gobold.TTF, "italic": goitalic.TTF} {
			if err := fc.AddTTFFontData(family, data); err != nil {
				fontsErr = fmt.Errorf("certificate: font %s: %w", family, err)
				return
			}
		}
		fonts = fc
	})
	return fonts, fontsErr
}

// A4 landscape, in points.
const (
	pageW = 841.89
	pageH = 595.28
)

// Render writes the certificate's PDF to w.
func Render(w io.Writer, p Page) error {
	fc, err := loadFonts()
	if err != nil {
		return err
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: gopdf.Rect{W: pageW, H: pageH}, Unit: gopdf.UnitPT})
	// Fast compression: a certificate is small either way, and mass
	// generation is bound by CPU.
	pdf.SetCompressLevel(flate.BestSpeed)
	// A fixed creation date keeps the file identical when a re-run renders
	// the same certificate again.
	pdf.SetInfo(gopdf.PdfInfo{Title: "Sertifikat " + p.Certificate.Number, Author: p.Certificate.TenantName,
		Subject: p.Certificate.Training, Creator: "LMS", Producer: "LMS", CreationDate: p.Certificate.IssuedAt})
	for _, family := range []string{"regular", "bold", "italic"} {
		if err := pdf.AddTTFFontFromFontContainer(family, fc); err != nil {
			return fmt.Errorf("certificate: %w", err)
		}
	}
	pdf.AddPage()
	primary, secondary := hexColor(p.Primary, color.RGBA{0x1d, 0x4e, 0x89, 0xff}), hexColor(p.Secondary, color.RGBA{0xc8, 0x9b, 0x3c, 0xff})

	// Frame: a thick band in the primary colour, a thin line in the secondary.
	pdf.SetLineWidth(10)
	pdf.SetStrokeColor(primary.R, primary.G, primary.B)
	pdf.RectFromUpperLeftWithStyle(18, 18, pageW-36, pageH-36, "D")
	pdf.SetLineWidth(1.5)
	pdf.SetStrokeColor(secondary.R, secondary.G, secondary.B)
	pdf.RectFromUpperLeftWithStyle(32, 32, pageW-64, pageH-64, "D")

	y := 52.0
	if p.Logo != nil {
		h := 58.0
		wd := h * float64(p.Logo.Width) / float64(max(1, p.Logo.Height))
		if wd > 160 {
			wd, h = 160, 160*float64(p.Logo.Height)/float64(max(1, p.Logo.Width))
		}
		holder, err := gopdf.ImageHolderByBytes(p.Logo.Data)
		if err != nil {
			return fmt.Errorf("certificate: logo: %w", err)
		}
		if err := pdf.ImageByHolder(holder, (pageW-wd)/2, y, &gopdf.Rect{W: wd, H: h}); err != nil {
			return fmt.Errorf("certificate: logo: %w", err)
		}
		y += h + 12
	} else {
		y += 20
	}
	c := p.Certificate
	text := func(family string, size float64, rgb color.RGBA, s string) error {
		if err := pdf.SetFont(family, "", size); err != nil {
			return err
		}
		pdf.SetTextColor(rgb.R, rgb.G, rgb.B)
		s = fit(pdf, s, pageW-140)
		wd, err := pdf.MeasureTextWidth(s)
		if err != nil {
			return err
		}
		// y is the top of the line; Text writes on the baseline.
		pdf.SetXY((pageW-wd)/2, y+size*0.8)
		if err := pdf.Text(s); err != nil {
			return err
		}
		y += size * 1.3
		return nil
	}
	ink, grey := color.RGBA{0x22, 0x22, 0x22, 0xff}, color.RGBA{0x55, 0x55, 0x55, 0xff}
	steps := []func() error{
		func() error { return text("bold", 14, ink, strings.ToUpper(c.TenantName)) },
		func() error { y += 14; return text("bold", 36, primary, "SERTIFIKAT") },
		func() error { return text("regular", 12, grey, "Nomor: "+c.Number) },
		func() error { y += 10; return text("italic", 13, grey, "diberikan kepada") },
		func() error { y += 8; return text("bold", 26, ink, c.Name) },
		func() error {
			if p.ShownID == "" {
				return nil
			}
			return text("regular", 12, grey, p.IDLabel+" "+p.ShownID)
		},
		func() error { y += 8; return text("regular", 13, ink, "yang telah mengikuti dan menyelesaikan") },
		func() error { y += 4; return text("bold", 18, ink, c.Training) },
		func() error {
			return text("regular", 13, ink, c.BatchName+", "+Period(c.StartDate, c.EndDate))
		},
		func() error {
			return text("regular", 13, ink, "sejumlah "+strconv.Itoa(c.JP)+" Jam Pelajaran (JP)")
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("certificate: %w", err)
		}
	}

	// Verification: the QR code at the bottom left, the URL under it.
	gray, err := qrImage(p.VerifyURL)
	if err != nil {
		return err
	}
	const qrSize = 96.0
	qrX, qrY := 60.0, pageH-60-qrSize-14
	if err := pdf.ImageFrom(gray, qrX, qrY, &gopdf.Rect{W: qrSize, H: qrSize}); err != nil {
		return fmt.Errorf("certificate: qr: %w", err)
	}
	if err := pdf.SetFont("regular", "", 7.5); err != nil {
		return err
	}
	pdf.SetTextColor(grey.R, grey.G, grey.B)
	pdf.SetXY(qrX, qrY+qrSize+10)
	if err := pdf.Text("Verifikasi: " + p.VerifyURL); err != nil {
		return err
	}

	// Signature block at the bottom right.
	s := p.Settings
	sx, sy := pageW-300.0, pageH-60-qrSize-14
	lines := []struct {
		family string
		size   float64
		text   string
		gap    float64
	}{
		{"regular", 11, strings.TrimSpace(s.City + ", " + LongDate(c.IssuedAt)), 15},
		{"regular", 11, s.SignatoryTitle, 58},
		{"bold", 11, s.SignatoryName, 14},
	}
	if s.SignatoryNIP != "" {
		lines = append(lines, struct {
			family string
			size   float64
			text   string
			gap    float64
		}{"regular", 10, "NIP " + s.SignatoryNIP, 14})
	}
	pdf.SetTextColor(ink.R, ink.G, ink.B)
	for _, l := range lines {
		if l.text == "" {
			sy += l.gap
			continue
		}
		if err := pdf.SetFont(l.family, "", l.size); err != nil {
			return err
		}
		pdf.SetXY(sx, sy)
		if err := pdf.Text(fit(pdf, strings.TrimPrefix(l.text, ", "), 250)); err != nil {
			return err
		}
		sy += l.gap
	}
	_, err = pdf.WriteTo(w)
	return err
}

// qrImage draws the QR code of text as an 8-bit image (what the PDF
// library takes), 4 pixels a module with the standard 4-module quiet zone;
// the PDF scales it, so more pixels would only cost time.
func qrImage(text string) (*image.Gray, error) {
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("certificate: qr: %w", err)
	}
	const px, quiet = 4, 4
	n := code.Bounds().Dx()
	side := (n + 2*quiet) * px
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := range n {
		for x := range n {
			if c, _, _, _ := code.At(x, y).RGBA(); c != 0 {
				continue
			}
			for dy := range px {
				row := ((quiet+y)*px + dy) * img.Stride
				for dx := range px {
					img.Pix[row+(quiet+x)*px+dx] = 0
				}
			}
		}
	}
	return img, nil
}

// RenderBytes renders into memory.
func RenderBytes(p Page) ([]byte, error) {
	var buf bytes.Buffer
	if err := Render(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fit shortens s with an ellipsis until it is at most width wide in the
// current font.
func fit(pdf *gopdf.GoPdf, s string, width float64) string {
	wd, err := pdf.MeasureTextWidth(s)
	if err != nil || wd <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if wd, err := pdf.MeasureTextWidth(string(r) + "…"); err == nil && wd <= width {
			break
		}
	}
	return string(r) + "…"
}

func hexColor(s string, fallback color.RGBA) color.RGBA {
	s = strings.TrimPrefix(s, "#")
	if len(s) != 6 {
		return fallback
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return fallback
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

var months = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// LongDate writes a time as an Indonesian date in WIB: 5 Desember 2026.
func LongDate(t time.Time) string {
	t = t.In(clock.Jakarta)
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// Period writes a batch's dates (YYYY-MM-DD) in Indonesian, shortened where
// month or year repeat: 1–5 Desember 2026, 28 November – 2 Desember 2026.
func Period(start, end string) string {
	s, err1 := time.Parse(time.DateOnly, start)
	e, err2 := time.Parse(time.DateOnly, end)
	switch {
	case err1 != nil || err2 != nil:
		return strings.TrimSpace(start + " – " + end)
	case s.Equal(e):
		return fmt.Sprintf("%d %s %d", s.Day(), months[s.Month()-1], s.Year())
	case s.Year() == e.Year() && s.Month() == e.Month():
		return fmt.Sprintf("%d–%d %s %d", s.Day(), e.Day(), months[s.Month()-1], s.Year())
	case s.Year() == e.Year():
		return fmt.Sprintf("%d %s – %d %s %d", s.Day(), months[s.Month()-1], e.Day(), months[e.Month()-1], s.Year())
	}
	return fmt.Sprintf("%d %s %d – %d %s %d", s.Day(), months[s.Month()-1], s.Year(), e.Day(), months[e.Month()-1], e.Year())
}
