package media

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeTool writes an executable shell script standing in for an optional
// tool, so the argument and output handling is tested where the tool is
// not installed (LibreOffice is not, here or in CI).
func fakeTool(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// fakeSoffice behaves like `soffice --convert-to pdf --outdir D IN`: it
// writes D/<IN's base name>.pdf (a copy of pdf) and records its arguments
// and environment.
func fakeSoffice(t *testing.T, dir, pdf string) (bin, argLog, envLog string) {
	argLog, envLog = filepath.Join(dir, "args.log"), filepath.Join(dir, "env.log")
	bin = fakeTool(t, dir, "soffice", fmt.Sprintf(`printf '%%s\n' "$@" > %q
env > %q
prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && outdir="$a"; prev="$a"; last="$a"; done
mkdir -p "$outdir"; base=$(basename "$last")
cp %q "$outdir/${base%%.*}.pdf"`, argLog, envLog, pdf))
	return bin, argLog, envLog
}

func TestConvertToPDFAbsent(t *testing.T) {
	p, _ := New(Config{Soffice: "/nonexistent/soffice"})
	dir := t.TempDir()
	docx := writeFile(t, dir, "materi.docx", zipOf(t, "[Content_Types].xml", "word/document.xml"))
	path, ran, err := p.ConvertToPDF(ctxT(t), docx, filepath.Join(dir, "out"))
	if err != nil || ran || path != "" {
		t.Fatalf("ConvertToPDF = %q, %v, %v", path, ran, err)
	}
	m, err := p.Process(ctxT(t), docx, filepath.Join(dir, "out2"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Detected.Kind != KindDOCX || m.Converted || m.PreviewSkipped == "" || len(m.Files) != 0 {
		t.Fatalf("manifest %+v", m)
	}
}

func TestConvertToPDFWithLibreOffice(t *testing.T) {
	dir := t.TempDir()
	pdf := writeFile(t, dir, "template.pdf", minimalPDF())
	bin, argLog, envLog := fakeSoffice(t, dir, pdf)
	t.Setenv("AWS_SECRET_ACCESS_KEY", "must-not-leak")
	p := testProcessor(t, func(c *Config) { c.Soffice = bin; c.PDFToPPM = "/nonexistent"; c.TempDir = dir })
	// A user's file name starting with "-" must not become an option.
	docx := writeFile(t, dir, "-headless --cat.pptx", zipOf(t, "[Content_Types].xml", "ppt/presentation.xml"))
	out := filepath.Join(dir, "out")
	path, ran, err := p.ConvertToPDF(ctxT(t), docx, out)
	if err != nil || !ran || path != filepath.Join(out, "document.pdf") {
		t.Fatalf("ConvertToPDF = %q, %v, %v", path, ran, err)
	}
	if n, err := PDFPageCount(path); err != nil || n != 2 {
		t.Fatalf("converted pdf: %d, %v", n, err)
	}
	args, _ := os.ReadFile(argLog)
	lines := strings.Split(strings.TrimSpace(string(args)), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "/") || !strings.HasSuffix(last, "/document.pptx") || strings.Contains(string(args), "--cat") {
		t.Fatalf("input argument %q in %q", last, args)
	}
	if !strings.HasPrefix(lines[0], "-env:UserInstallation=file:///") {
		t.Fatalf("profile argument %q", lines[0])
	}
	env, _ := os.ReadFile(envLog)
	if strings.Contains(string(env), "must-not-leak") || !strings.Contains(string(env), "HOME="+dir) {
		t.Fatalf("environment:\n%s", env)
	}
	// The private profile and link are gone.
	if left, _ := filepath.Glob(filepath.Join(dir, "media-lo-*")); len(left) != 0 {
		t.Fatalf("work folders left: %v", left)
	}

	m, err := p.Process(ctxT(t), docx, filepath.Join(dir, "out2"))
	if err != nil {
		t.Fatal(err)
	}
	if !m.Converted || m.PDF != "document.pdf" || m.PageCount != 2 || m.Detected.Kind != KindPPTX || len(m.Files) != 1 || m.Files[0].ContentType != "application/pdf" {
		t.Fatalf("manifest %+v", m)
	}
}

func TestConvertToPDFNoOutput(t *testing.T) {
	dir := t.TempDir()
	// LibreOffice exits 0 when it cannot load a document.
	bin := fakeTool(t, dir, "soffice", `echo "Error: source file could not be loaded" >&2; exit 0`)
	p := testProcessor(t, func(c *Config) { c.Soffice = bin })
	doc := writeFile(t, dir, "lama.doc", oleFile("WordDocument"))
	_, ran, err := p.ConvertToPDF(ctxT(t), doc, filepath.Join(dir, "out"))
	if !ran {
		t.Fatal("not ran")
	}
	reasonIs(t, err, ReasonCorrupt)
}

func TestCommandTimeoutAndStderr(t *testing.T) {
	dir := t.TempDir()
	slow := fakeTool(t, dir, "ffprobe", `sleep 30`)
	p := testProcessor(t, func(c *Config) { c.FFprobe = slow; c.Timeout = 300 * time.Millisecond })
	start := time.Now()
	_, err := p.run(context.Background(), slow, []string{"x"})
	var ce *CommandError
	if !errors.As(err, &ce) || !ce.TimedOut || time.Since(start) > 10*time.Second {
		t.Fatalf("err %v after %v", err, time.Since(start))
	}
	noisy := fakeTool(t, dir, "noisy", `i=0; while [ $i -lt 50 ]; do echo "line $i" >&2; i=$((i+1)); done; exit 3`)
	_, err = p.run(context.Background(), noisy, nil)
	if !errors.As(err, &ce) || ce.ExitCode != 3 || ce.TimedOut {
		t.Fatalf("err %v", err)
	}
	if lines := strings.Split(ce.Stderr, "\n"); len(lines) != 8 || lines[7] != "line 49" {
		t.Fatalf("stderr tail %q", ce.Stderr)
	}
	if ReasonOf(err) != "" {
		t.Fatal("a tool failure is not a content problem")
	}
}

func TestMissingToolsReportUnavailable(t *testing.T) {
	p, _ := New(Config{FFmpeg: "/nonexistent/ffmpeg", FFprobe: "/nonexistent/ffprobe"})
	if tools := p.Tools(); tools["ffmpeg"] != "" || tools["ffprobe"] != "" {
		t.Fatalf("tools %v", tools)
	}
	dir := t.TempDir()
	mp4 := append(ftyp("isom"), 0, 0, 0, 8, 'm', 'o', 'o', 'v')
	_, err := p.Probe(ctxT(t), writeFile(t, dir, "a.mp4", mp4))
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err %v", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, c := range []Config{
		{SegmentSeconds: 5},
		{Ladder: []Rung{{Height: 241, VideoBitrate: 1, AudioBitrate: 1}}},
	} {
		if _, err := New(c); err == nil {
			t.Errorf("New(%+v) accepted", c)
		}
	}
}
