package media

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Rung is one step of the video ladder. Height is the short side of the
// picture: a portrait phone video's "720p" rendition is 720 pixels wide.
type Rung struct {
	Height       int // pixels, even
	VideoBitrate int // bit/s
	AudioBitrate int // bit/s
}

// DefaultLadder is 240p, 360p and 720p: 240p and 360p keep lessons playable
// on the slow links of remote offices, 720p is sharp enough for slides and
// screen recordings; 1080p would double the storage and transcode time for
// little gain on the laptops and phones learners use.
var DefaultLadder = []Rung{
	{Height: 240, VideoBitrate: 300_000, AudioBitrate: 96_000},
	{Height: 360, VideoBitrate: 700_000, AudioBitrate: 128_000},
	{Height: 720, VideoBitrate: 2_500_000, AudioBitrate: 128_000},
}

// DefaultImageWidths are the WebP variant widths: thumbnails, cards and
// full-width covers.
var DefaultImageWidths = []int{320, 640, 1280}

// Config configures a Processor. The zero value works on a machine with
// ffmpeg and ffprobe on PATH.
type Config struct {
	// Binary paths. Empty means look the name up on PATH once, in New
	// (in Lambda the layers put them in /opt/bin, which is on PATH).
	FFmpeg   string
	FFprobe  string
	PDFToPPM string // optional: PDF previews
	Soffice  string // optional: office to PDF ("soffice", then "libreoffice")

	// Threads caps the threads each tool uses for decoding, filtering and
	// encoding. 0 means runtime.NumCPU(), which in Lambda is the vCPU count
	// the memory setting buys.
	Threads int
	// Timeout bounds every external command, on top of the caller's
	// context. 0 means 14 minutes, under Lambda's 15-minute ceiling.
	Timeout time.Duration

	// Preset is the libx264 preset; default "veryfast". Tests use
	// "ultrafast".
	Preset string
	// SegmentSeconds is the HLS segment length; default 6. It must be a
	// multiple of the 2-second keyframe interval so every segment starts on
	// a keyframe shared by all renditions.
	SegmentSeconds int
	// Ladder replaces DefaultLadder.
	Ladder []Rung
	// MaxFrameRate caps the output frame rate; default 30. Lessons gain
	// nothing from 60 fps and it doubles the encoding work.
	MaxFrameRate float64
	// MaxDuration refuses longer media (ReasonTooLong); 0 means no limit.
	// Set it from the measured transcode speed and the function timeout.
	MaxDuration time.Duration

	// ImageWidths replaces DefaultImageWidths.
	ImageWidths []int
	// MaxPixels refuses larger images before any decoding; default 50
	// megapixels (a decoded 50 MP RGBA frame is already 200 MB).
	MaxPixels int64
	// PosterMaxWidth bounds the poster and preview width; default 1280.
	PosterMaxWidth int

	// TempDir holds LibreOffice's profile; default os.TempDir() (in Lambda
	// the only writable place is /tmp).
	TempDir string
	// Logger, when set, gets one debug record per command with its
	// arguments and duration.
	Logger *slog.Logger
}

// Processor runs the pipeline. It is safe for concurrent use.
type Processor struct {
	cfg                                Config
	ffmpeg, ffprobe, pdftoppm, soffice string
	// separate makes TranscodeVideo run one ffmpeg per rendition instead of
	// one for all; kept for the benchmark that compares the two.
	separate bool
}

// New resolves the binaries and fills the defaults. Missing tools are not an
// error here: the operations that need them fail with ErrUnavailable, and
// the optional ones report in the Manifest that they were skipped.
func New(cfg Config) (*Processor, error) {
	if cfg.Threads <= 0 {
		cfg.Threads = runtime.NumCPU()
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 14 * time.Minute
	}
	if cfg.Preset == "" {
		cfg.Preset = "veryfast"
	}
	if cfg.SegmentSeconds == 0 {
		cfg.SegmentSeconds = 6
	}
	if cfg.SegmentSeconds < 2 || cfg.SegmentSeconds%keyframeSeconds != 0 {
		return nil, fmt.Errorf("media: SegmentSeconds %d is not a positive multiple of %d", cfg.SegmentSeconds, keyframeSeconds)
	}
	if len(cfg.Ladder) == 0 {
		cfg.Ladder = DefaultLadder
	}
	for _, r := range cfg.Ladder {
		if r.Height < 2 || r.Height%2 != 0 || r.VideoBitrate <= 0 || r.AudioBitrate <= 0 {
			return nil, fmt.Errorf("media: invalid ladder rung %+v", r)
		}
	}
	if cfg.MaxFrameRate <= 0 {
		cfg.MaxFrameRate = 30
	}
	if len(cfg.ImageWidths) == 0 {
		cfg.ImageWidths = DefaultImageWidths
	}
	if cfg.MaxPixels <= 0 {
		cfg.MaxPixels = 50_000_000
	}
	if cfg.PosterMaxWidth <= 0 {
		cfg.PosterMaxWidth = 1280
	}
	if cfg.TempDir == "" {
		cfg.TempDir = os.TempDir()
	}
	p := &Processor{cfg: cfg}
	p.ffmpeg = lookTool(cfg.FFmpeg, "ffmpeg")
	p.ffprobe = lookTool(cfg.FFprobe, "ffprobe")
	p.pdftoppm = lookTool(cfg.PDFToPPM, "pdftoppm")
	p.soffice = lookTool(cfg.Soffice, "soffice", "libreoffice")
	return p, nil
}

// Tools reports the resolved binary paths ("" when not found), for the
// function's start-up log.
func (p *Processor) Tools() map[string]string {
	return map[string]string{"ffmpeg": p.ffmpeg, "ffprobe": p.ffprobe, "pdftoppm": p.pdftoppm, "soffice": p.soffice}
}

func lookTool(configured string, names ...string) string {
	if configured != "" {
		names = []string{configured}
	}
	for _, n := range names {
		if path, err := exec.LookPath(n); err == nil {
			if abs, err := filepath.Abs(path); err == nil {
				return abs
			}
			return path
		}
	}
	return ""
}

func (p *Processor) need(tool, path string) error {
	if path == "" {
		return fmt.Errorf("%w: %s", ErrUnavailable, tool)
	}
	return nil
}

// localPath makes a caller's path safe to put in a tool's argument list:
// absolute paths start with "/", so no tool can take them for an option
// ("-i"), and ffmpeg cannot take them for a protocol URL ("http:...").
func localPath(p string) (string, error) {
	if p == "" || strings.ContainsRune(p, 0) {
		return "", &ContentError{Reason: ReasonInvalidInput, Detail: fmt.Sprintf("path %q", p)}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", &ContentError{Reason: ReasonInvalidInput, Detail: err.Error()}
	}
	return abs, nil
}

// prepareOut creates the output folder and insists that it is empty: the
// manifest lists what is in it, so leftovers would be uploaded as outputs.
// ffmpeg expands "%" in output names, so a folder containing one is refused.
func prepareOut(dir string) (string, error) {
	abs, err := localPath(dir)
	if err != nil {
		return "", err
	}
	if strings.Contains(abs, "%") {
		return "", &ContentError{Reason: ReasonInvalidInput, Detail: fmt.Sprintf("output folder %q contains %%", abs)}
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	ents, err := os.ReadDir(abs)
	if err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	if len(ents) > 0 {
		return "", fmt.Errorf("media: output folder %s is not empty", abs)
	}
	return abs, nil
}

// maxStdout bounds what a tool may print to stdout (ffprobe's JSON): a
// crafted file with thousands of streams must not exhaust memory.
const maxStdout = 8 << 20

// run executes a tool with an argument list (never a shell), stdin closed,
// a deadline, a scrubbed environment, and stderr kept for the error.
func (p *Processor) run(ctx context.Context, bin string, args []string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdin = nil // /dev/null
	stdout := &limitedBuffer{limit: maxStdout}
	stderr := &tailBuffer{max: 16 << 10}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.Env = p.childEnv()
	// WaitDelay stops Wait from hanging on pipes a killed tool's children
	// still hold open.
	cmd.WaitDelay = 5 * time.Second
	setProcessGroup(cmd)
	start := time.Now()
	err := cmd.Run()
	tool := filepath.Base(bin)
	if p.cfg.Logger != nil {
		p.cfg.Logger.LogAttrs(ctx, slog.LevelDebug, "media command", slog.String("tool", tool),
			slog.Any("args", args), slog.Duration("took", time.Since(start)), slog.Any("err", err))
	}
	if err != nil {
		ce := &CommandError{Tool: tool, Args: args, ExitCode: -1, Stderr: stderr.lastLines(8), Err: err}
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			ce.ExitCode = ee.ExitCode()
		}
		if ctx.Err() != nil {
			ce.TimedOut = errors.Is(ctx.Err(), context.DeadlineExceeded)
			ce.Err = errors.Join(err, ctx.Err())
		}
		return stdout.Bytes(), ce
	}
	if stdout.overflow {
		return nil, &CommandError{Tool: tool, Args: args, ExitCode: 0, Err: errors.New("output too large")}
	}
	return stdout.Bytes(), nil
}

// childEnv passes the tools only what they need. The function's AWS
// credentials stay out of reach of a decoder exploited by a crafted upload.
func (p *Processor) childEnv() []string {
	keep := []string{"PATH", "LD_LIBRARY_PATH", "LANG", "LC_ALL", "TZ", "FONTCONFIG_PATH", "FONTCONFIG_FILE", "SAL_USE_VCLPLUGIN"}
	var env []string
	for _, k := range keep {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	// LibreOffice and fontconfig want a writable home and temp folder;
	// Lambda's HOME is read-only.
	env = append(env, "HOME="+p.cfg.TempDir, "TMPDIR="+p.cfg.TempDir)
	return env
}

// ffmpegHead is the start of every ffmpeg command: no stdin (a stray read
// would block in Lambda), no banner or progress, errors only, overwrite.
func (p *Processor) ffmpegHead() []string {
	return []string{"-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-y"}
}

// inputArgs forces the demuxer of the sniffed kind and confines the input to
// local files.
func (p *Processor) inputArgs(k Kind, path string) []string {
	args := []string{"-threads", itoa(p.cfg.Threads), "-protocol_whitelist", "file"}
	if d := kinds[k].demuxer; d != "" {
		args = append(args, "-f", d)
	}
	return append(args, "-i", path)
}

type limitedBuffer struct {
	buf      []byte
	limit    int
	overflow bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if len(b.buf)+len(p) > b.limit {
		b.overflow = true
		return len(p), nil
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *limitedBuffer) Bytes() []byte { return b.buf }

// tailBuffer keeps the last max bytes written: the end of a tool's stderr
// says why it failed, the start is often noise.
type tailBuffer struct {
	buf []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) lastLines(n int) string {
	lines := strings.Split(strings.TrimSpace(string(t.buf)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

func itoa(n int) string { return fmt.Sprint(n) }
