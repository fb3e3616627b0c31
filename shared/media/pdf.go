package media

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// PreviewFile is the name of a PDF's first-page preview.
const PreviewFile = "preview.jpg"

// previewTimeout bounds pdftoppm: a preview is a nicety, and a crafted PDF
// can make a renderer spin for as long as it is allowed to.
const previewTimeout = 2 * time.Minute

var pdfcpuOnce sync.Once

// pdfConfig is pdfcpu's configuration for reading untrusted files. By
// default pdfcpu creates a configuration folder under the user's config
// dir (read-only in Lambda) and may go online to check signature
// revocation; neither is wanted here.
func pdfConfig() *model.Configuration {
	pdfcpuOnce.Do(api.DisableConfigDir)
	conf := model.NewDefaultConfiguration()
	conf.Offline = true
	conf.ValidationMode = model.ValidationRelaxed
	return conf
}

// PDFPageCount returns the number of pages of a local PDF. A
// password-protected PDF fails with ReasonEncrypted, an unreadable one with
// ReasonCorrupt.
func PDFPageCount(path string) (n int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("media: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("media: %w", err)
	}
	if st.Size() == 0 {
		return 0, &ContentError{Reason: ReasonEmpty, Kind: KindPDF}
	}
	// pdfcpu catches its own panics in the api package; this one guards
	// against any it misses on a crafted file.
	defer func() {
		if r := recover(); r != nil {
			n, err = 0, &ContentError{Reason: ReasonCorrupt, Kind: KindPDF, Size: st.Size(), Detail: fmt.Sprint("pdf reader: ", r)}
		}
	}()
	n, err = api.PageCount(f, pdfConfig())
	if err != nil {
		reason := ReasonCorrupt
		if errors.Is(err, pdfcpu.ErrWrongPassword) || strings.Contains(strings.ToLower(err.Error()), "password") {
			reason = ReasonEncrypted
		}
		return 0, &ContentError{Reason: reason, Kind: KindPDF, Size: st.Size(), Detail: err.Error(), Err: err}
	}
	if n <= 0 {
		return 0, &ContentError{Reason: ReasonCorrupt, Kind: KindPDF, Size: st.Size(), Detail: "no pages"}
	}
	return n, nil
}

// PDF reads a local PDF's page count and, when pdftoppm is installed,
// renders its first page to preview.jpg under outDir (empty or absent).
// Without pdftoppm, or when rendering fails, the manifest says why in
// PreviewSkipped and the PDF is still usable.
func (p *Processor) PDF(ctx context.Context, in, outDir string) (*Manifest, error) {
	src, err := localPath(in)
	if err != nil {
		return nil, err
	}
	d, _, err := sniffPath(src)
	if err != nil {
		return nil, err
	}
	if d.Kind != KindPDF {
		return nil, &MismatchError{Field: FieldContent, Purpose: ClassPDF, Detected: d}
	}
	out, err := prepareOut(outDir)
	if err != nil {
		return nil, err
	}
	m := &Manifest{Detected: d}
	if err := p.pdfInto(ctx, src, out, m); err != nil {
		return nil, err
	}
	if m.Files, err = collectFiles(out); err != nil {
		return nil, err
	}
	return m, nil
}

// pdfInto fills the page count and preview of the PDF at src into m.
func (p *Processor) pdfInto(ctx context.Context, src, out string, m *Manifest) error {
	n, err := PDFPageCount(src)
	if err != nil {
		return err
	}
	m.PageCount = n
	m.Preview, m.PreviewSkipped, err = p.pdfPreview(ctx, src, out)
	return err
}

// pdfPreview renders page 1 scaled to PosterMaxWidth on its longer side.
// Only a cancelled context is an error: anything else leaves the upload
// usable without a preview.
func (p *Processor) pdfPreview(ctx context.Context, src, out string) (string, string, error) {
	if p.pdftoppm == "" {
		return "", "preview unavailable: pdftoppm not found", nil
	}
	pctx, cancel := context.WithTimeout(ctx, previewTimeout)
	defer cancel()
	prefix := filepath.Join(out, strings.TrimSuffix(PreviewFile, ".jpg"))
	args := []string{"-f", "1", "-l", "1", "-singlefile", "-jpeg", "-jpegopt", "quality=80",
		"-scale-to", itoa(p.cfg.PosterMaxWidth), src, prefix}
	if _, err := p.run(pctx, p.pdftoppm, args); err != nil {
		if ctx.Err() != nil {
			return "", "", ctx.Err()
		}
		os.Remove(prefix + ".jpg")
		return "", "preview failed: " + err.Error(), nil
	}
	if st, err := os.Stat(prefix + ".jpg"); err != nil || st.Size() == 0 {
		return "", "preview failed: pdftoppm wrote nothing", nil
	}
	return PreviewFile, "", nil
}
