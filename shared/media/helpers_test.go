package media

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
)

// fixtureDir holds generated fixtures shared by the tests of one run: the
// 20-second 720p source serves both the ladder test and the benchmark.
var fixtureDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "media-fixtures-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fixtureDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func needFFmpeg(tb testing.TB) {
	tb.Helper()
	for _, t := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(t); err != nil {
			tb.Skipf("%s not on PATH: media pipeline tests need it (Debian package ffmpeg)", t)
		}
	}
}

// testProcessor is a Processor tuned for speed: ultrafast x264.
func testProcessor(tb testing.TB, mod ...func(*Config)) *Processor {
	tb.Helper()
	cfg := Config{Preset: "ultrafast", Timeout: 2 * time.Minute}
	for _, f := range mod {
		f(&cfg)
	}
	p, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

var (
	fixtureMu   sync.Mutex
	fixtureOnce = map[string]*sync.Once{}
	fixtureErr  = map[string]error{}
)

// genFixture runs ffmpeg once per name for the whole test binary and
// returns the file's path.
func genFixture(tb testing.TB, name string, args ...string) string {
	tb.Helper()
	needFFmpeg(tb)
	fixtureMu.Lock()
	once, ok := fixtureOnce[name]
	if !ok {
		once = &sync.Once{}
		fixtureOnce[name] = once
	}
	fixtureMu.Unlock()
	path := filepath.Join(fixtureDir, name)
	once.Do(func() {
		full := append([]string{"-nostdin", "-hide_banner", "-loglevel", "error", "-y"}, args...)
		full = append(full, path)
		out, err := exec.Command("ffmpeg", full...).CombinedOutput()
		if err != nil {
			err = fmt.Errorf("ffmpeg %s: %v: %s", strings.Join(full, " "), err, out)
		}
		fixtureMu.Lock()
		fixtureErr[name] = err
		fixtureMu.Unlock()
	})
	fixtureMu.Lock()
	err := fixtureErr[name]
	fixtureMu.Unlock()
	if err != nil {
		tb.Fatal(err)
	}
	return path
}

// lavfiVideo returns ffmpeg arguments for a test pattern of the given size
// and length, with a sine tone unless audio is false.
func lavfiVideo(w, h int, seconds float64, audio bool) []string {
	args := []string{"-f", "lavfi", "-i", fmt.Sprintf("testsrc2=size=%dx%d:rate=30:duration=%g", w, h, seconds)}
	if audio {
		args = append(args, "-f", "lavfi", "-i", fmt.Sprintf("sine=frequency=440:sample_rate=48000:duration=%g", seconds))
	}
	args = append(args, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28", "-pix_fmt", "yuv420p")
	if audio {
		args = append(args, "-c:a", "aac", "-b:a", "96k", "-shortest")
	}
	return args
}

func video720(tb testing.TB) string {
	return genFixture(tb, "src720.mp4", lavfiVideo(1280, 720, 20, true)...)
}

func video360(tb testing.TB) string {
	return genFixture(tb, "src360.mp4", lavfiVideo(640, 360, 3, true)...)
}

// ffprobeJSON runs ffprobe on an output for assertions.
func ffprobeStreams(tb testing.TB, path string) *ProbeResult {
	tb.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path).Output()
	if err != nil {
		tb.Fatalf("ffprobe %s: %v", path, err)
	}
	r, err := parseProbe(out)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// minimalPDF writes a two-page PDF with a correct cross-reference table.
func minimalPDF() []byte {
	content := "0 0 1 rg 100 100 300 300 re f"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << >> >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// zipOf builds a zip with the given entry names (content is the name).
func zipOf(tb testing.TB, names ...string) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte("<x>" + n + "</x>"))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// zipStoredOf builds a zip whose local headers carry the sizes (no data
// descriptors), as Office writes them, so a header-only sniff can walk them.
func zipStoredOf(tb testing.TB, names ...string) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		data := []byte("<x>" + n + "</x>")
		w, err := zw.CreateRaw(&zip.FileHeader{Name: n, Method: zip.Store, CRC32: crc32.ChecksumIEEE(data),
			CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data))})
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// odfZip builds an OpenDocument package: a stored "mimetype" entry first.
func odfZip(tb testing.TB, mimetype string) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write([]byte(mimetype))
	w, _ = zw.Create("content.xml")
	w.Write([]byte("<office:document-content/>"))
	zw.Close()
	return b.Bytes()
}

// oleFile builds a minimal OLE2 compound file (version 3, 512-byte
// sectors): a FAT sector, a directory sector with the root and one empty
// stream of the given name.
func oleFile(stream string) []byte {
	const (
		endOfChain = 0xFFFFFFFE
		freeSect   = 0xFFFFFFFF
		fatSect    = 0xFFFFFFFD
		noStream   = 0xFFFFFFFF
	)
	le := binary.LittleEndian
	b := make([]byte, 512*3)
	h := b[:512]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(h[24:], 0x003E)
	le.PutUint16(h[26:], 0x0003)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1) // FAT sectors
	le.PutUint32(h[48:], 1) // first directory sector
	le.PutUint32(h[56:], 0x1000)
	le.PutUint32(h[60:], endOfChain)
	le.PutUint32(h[68:], endOfChain)
	le.PutUint32(h[76:], 0) // DIFAT[0]: the FAT is sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(h[76+4*i:], freeSect)
	}
	fat := b[512:1024]
	for i := 0; i < 128; i++ {
		le.PutUint32(fat[4*i:], freeSect)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], endOfChain)
	dir := b[1024:]
	entry := func(i int, name string, typ byte, child uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		if name != "" {
			le.PutUint16(e[64:], uint16(2*(len(u)+1)))
		}
		e[66] = typ
		e[67] = 1
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], endOfChain)
	}
	entry(0, "Root Entry", 5, 1)
	entry(1, stream, 2, noStream)
	entry(2, "", 0, noStream)
	entry(3, "", 0, noStream)
	return b
}

func pngBytes(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// pngHeaderOnly is a PNG whose IHDR claims w x h pixels and that has no
// image data: a decompression bomb stand-in that costs nothing to build.
func pngHeaderOnly(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// jpegWithOrientation encodes a w x h JPEG and inserts an EXIF segment with
// the given orientation right after SOI, as cameras do.
func jpegWithOrientation(tb testing.TB, w, h, orientation int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), 0, uint8(y), 255})
		}
	}
	var j bytes.Buffer
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 80}); err != nil {
		tb.Fatal(err)
	}
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, byte(orientation), 0, 0, 0, 0, 0, 0, 0, 0}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	out := append([]byte{}, j.Bytes()[:2]...)
	out = append(out, app1...)
	out = append(out, seg...)
	return append(out, j.Bytes()[2:]...)
}

func writeFile(tb testing.TB, dir, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func reasonIs(tb testing.TB, err error, want Reason) {
	tb.Helper()
	if got := ReasonOf(err); got != want {
		tb.Fatalf("reason = %q, want %q (err: %v)", got, want, err)
	}
}

func ctxT(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	tb.Cleanup(cancel)
	return ctx
}

func asMismatch(tb testing.TB, err error) *MismatchError {
	tb.Helper()
	var me *MismatchError
	if !errors.As(err, &me) {
		tb.Fatalf("want *MismatchError, got %T: %v", err, err)
	}
	return me
}
