// Package pdfcheck reads generated PDFs back the way a person would: the
// text poppler's pdftotext extracts, and the QR code on the rendered page.
// Tests use it to check certificates; it needs poppler-utils installed.
package pdfcheck

import (
	"fmt"
	"image"
	_ "image/png" // pdftoppm writes PNG
	"os"
	"os/exec"
	"path/filepath"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Available reports whether the poppler tools are installed.
func Available() error {
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s is not installed (make deps-system installs poppler-utils)", tool)
		}
	}
	return nil
}

// Text extracts a PDF's text, keeping the layout's lines.
func Text(pdfFile string) (string, error) {
	out, err := exec.Command("pdftotext", "-layout", pdfFile, "-").Output()
	if err != nil {
		return "", fmt.Errorf("pdftotext: %w", err)
	}
	return string(out), nil
}

// QR renders a PDF's first page and decodes the QR code on it.
func QR(pdfFile string) (string, error) {
	// A phone sees the code at whatever size it is held; a single
	// rasterisation can land module edges badly for the decoder, so try a
	// few resolutions before calling the code unreadable.
	var last error
	for _, dpi := range []string{"110", "150", "96", "200"} {
		text, err := qrAt(pdfFile, dpi)
		if err == nil {
			return text, nil
		}
		last = err
	}
	return "", last
}

func qrAt(pdfFile, dpi string) (string, error) {
	dir, err := os.MkdirTemp("", "pdfcheck-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	prefix := filepath.Join(dir, "page")
	if out, err := exec.Command("pdftoppm", "-png", "-r", dpi, "-f", "1", "-l", "1", "-singlefile", pdfFile, prefix).CombinedOutput(); err != nil {
		return "", fmt.Errorf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(prefix + ".png")
	if err != nil {
		return "", err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return "", err
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		return "", fmt.Errorf("no QR code found at %s dpi: %w", dpi, err)
	}
	return res.GetText(), nil
}
