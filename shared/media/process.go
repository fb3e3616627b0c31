package media

import (
	"context"
	"path/filepath"
)

// Process runs whatever the file's content calls for, writing under outDir
// (empty or absent): video → HLS ladder and poster, audio → HLS, image →
// WebP variants, PDF → page count and preview, office document → PDF (when
// LibreOffice is present) with page count and preview. The kind comes from
// the bytes, refined by a probe for audio and video; check it against the
// upload's purpose with Allowed(…, m.Detected) before publishing.
func (p *Processor) Process(ctx context.Context, in, outDir string) (*Manifest, error) {
	src, err := localPath(in)
	if err != nil {
		return nil, err
	}
	d, size, err := sniffPath(src)
	if err != nil {
		return nil, err
	}
	switch d.Class {
	case ClassVideo, ClassAudio:
		pr, err := p.probe(ctx, src, d, size)
		if err != nil {
			return nil, err
		}
		out, err := prepareOut(outDir)
		if err != nil {
			return nil, err
		}
		if pr.HasVideo {
			return p.transcodeVideo(ctx, src, out, pr)
		}
		return p.transcodeAudio(ctx, src, out, pr)
	case ClassImage:
		out, err := prepareOut(outDir)
		if err != nil {
			return nil, err
		}
		return p.imageVariants(ctx, src, out, d, size)
	case ClassPDF:
		return p.PDF(ctx, src, outDir)
	}
	// Office documents.
	out, err := prepareOut(outDir)
	if err != nil {
		return nil, err
	}
	m := &Manifest{Detected: d}
	if p.soffice == "" {
		m.PreviewSkipped = "preview unavailable: LibreOffice not found"
	} else {
		dst := filepath.Join(out, ConvertedPDF)
		if err := p.convertToPDF(ctx, src, d.Kind, dst); err != nil {
			return nil, err
		}
		m.PDF, m.Converted = ConvertedPDF, true
		if err := p.pdfInto(ctx, dst, out, m); err != nil {
			return nil, err
		}
	}
	if m.Files, err = collectFiles(out); err != nil {
		return nil, err
	}
	return m, nil
}
