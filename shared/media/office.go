package media

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
)

// ConvertedPDF is the name of the PDF made from an office document.
const ConvertedPDF = "document.pdf"

// ConvertToPDF converts a local office document to outDir/document.pdf with
// LibreOffice. ran is false, with no error, when LibreOffice is not
// installed: office files are then offered for download as they are.
func (p *Processor) ConvertToPDF(ctx context.Context, in, outDir string) (pdfPath string, ran bool, err error) {
	src, err := localPath(in)
	if err != nil {
		return "", false, err
	}
	out, err := localPath(outDir)
	if err != nil {
		return "", false, err
	}
	d, _, err := sniffPath(src)
	if err != nil {
		return "", false, err
	}
	if !isOffice(d.Class) {
		return "", false, &MismatchError{Field: FieldContent, Purpose: ClassDocument, Detected: d}
	}
	if p.soffice == "" {
		return "", false, nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", false, fmt.Errorf("media: %w", err)
	}
	dst := filepath.Join(out, ConvertedPDF)
	if err := p.convertToPDF(ctx, src, d.Kind, dst); err != nil {
		return "", true, err
	}
	return dst, true, nil
}

func (p *Processor) convertToPDF(ctx context.Context, src string, k Kind, dst string) error {
	work, err := os.MkdirTemp(p.cfg.TempDir, "media-lo-")
	if err != nil {
		return fmt.Errorf("media: %w", err)
	}
	defer os.RemoveAll(work)
	// LibreOffice names its output after the input and reads options from
	// arguments that start with "-", so it gets a link with a fixed,
	// harmless name instead of the caller's file name. The extension helps
	// it pick the import filter.
	input := filepath.Join(work, "document"+k.Ext())
	if err := os.Symlink(src, input); err != nil {
		return fmt.Errorf("media: %w", err)
	}
	convDir := filepath.Join(work, "out")
	// A private profile per run: LibreOffice locks its profile, so
	// concurrent conversions sharing one would fail, and Lambda's HOME is
	// read-only anyway.
	profile := (&url.URL{Scheme: "file", Path: filepath.Join(work, "profile")}).String()
	args := []string{"-env:UserInstallation=" + profile,
		"--headless", "--invisible", "--nodefault", "--nofirststartwizard", "--nolockcheck",
		"--nologo", "--norestore", "--convert-to", "pdf", "--outdir", convDir, input}
	if _, err := p.run(ctx, p.soffice, args); err != nil {
		return err
	}
	// LibreOffice exits 0 even when it could not load the document; the
	// missing output is the only sign.
	produced := filepath.Join(convDir, "document.pdf")
	if st, err := os.Stat(produced); err != nil || st.Size() == 0 {
		return &ContentError{Reason: ReasonCorrupt, Kind: k, Detail: "LibreOffice produced no PDF"}
	}
	return moveFile(produced, dst)
}

// moveFile renames, or copies when the folders are on different file
// systems (the work folder may be on another mount than the output).
func moveFile(from, to string) error {
	if err := os.Rename(from, to); err == nil {
		return nil
	}
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("media: %w", err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return fmt.Errorf("media: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("media: %w", err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("media: %w", err)
	}
	return nil
}
