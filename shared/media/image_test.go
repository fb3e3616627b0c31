package media

import (
	"path/filepath"
	"reflect"
	"testing"
)

func TestImageVariantsPNG(t *testing.T) {
	p := testProcessor(t)
	dir := t.TempDir()
	src := writeFile(t, dir, "sampul.png", pngBytes(t, 1600, 900))
	out := filepath.Join(dir, "out")
	m, err := p.ImageVariants(ctxT(t), src, out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Width != 1600 || m.Height != 900 {
		t.Fatalf("original %dx%d", m.Width, m.Height)
	}
	want := []ImageVariant{{"w320.webp", 320, 180}, {"w640.webp", 640, 360}, {"w1280.webp", 1280, 720}}
	if !reflect.DeepEqual(m.Images, want) {
		t.Fatalf("variants %+v", m.Images)
	}
	for _, v := range m.Images {
		got := ffprobeStreams(t, filepath.Join(out, v.Path))
		if got.Width != v.Width || got.Height != v.Height || got.VideoCodec != "webp" {
			t.Errorf("%s: %dx%d %s", v.Path, got.Width, got.Height, got.VideoCodec)
		}
	}
	checkFiles(t, out, m.Files)
}

func TestImageVariantsNeverUpscaled(t *testing.T) {
	p := testProcessor(t)
	dir := t.TempDir()
	m, err := p.ImageVariants(ctxT(t), writeFile(t, dir, "kecil.png", pngBytes(t, 200, 100)), filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []ImageVariant{{"w200.webp", 200, 100}}; !reflect.DeepEqual(m.Images, want) {
		t.Fatalf("variants %+v", m.Images)
	}
	m, err = p.ImageVariants(ctxT(t), writeFile(t, dir, "sedang.png", pngBytes(t, 700, 350)), filepath.Join(dir, "out2"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []ImageVariant{{"w320.webp", 320, 160}, {"w640.webp", 640, 320}}; !reflect.DeepEqual(m.Images, want) {
		t.Fatalf("variants %+v", m.Images)
	}
}

// A phone photo stored sideways with EXIF orientation 6 comes out upright.
func TestImageVariantsEXIFOrientation(t *testing.T) {
	p := testProcessor(t)
	dir := t.TempDir()
	src := writeFile(t, dir, "foto.jpg", jpegWithOrientation(t, 400, 200, 6))
	h, err := ReadImageHeader(src)
	if err != nil || h.Orientation != 6 || h.Width != 200 || h.Height != 400 {
		t.Fatalf("header %+v, %v", h, err)
	}
	out := filepath.Join(dir, "out")
	m, err := p.ImageVariants(ctxT(t), src, out)
	if err != nil {
		t.Fatal(err)
	}
	if want := []ImageVariant{{"w200.webp", 200, 400}}; !reflect.DeepEqual(m.Images, want) {
		t.Fatalf("variants %+v", m.Images)
	}
	got := ffprobeStreams(t, filepath.Join(out, "w200.webp"))
	if got.Width != 200 || got.Height != 400 {
		t.Fatalf("output %dx%d", got.Width, got.Height)
	}
}

func TestImageBombRefusedBeforeDecoding(t *testing.T) {
	// No ffmpeg needed: the header alone decides.
	p, _ := New(Config{FFmpeg: "/nonexistent/ffmpeg"})
	dir := t.TempDir()
	src := writeFile(t, dir, "bom.png", pngHeaderOnly(60000, 60000))
	_, err := p.ImageVariants(ctxT(t), src, filepath.Join(dir, "out"))
	reasonIs(t, err, ReasonTooLarge)
	if err.Error() != "media: image is 60000x60000, above the limit of 50000000 pixels (PNG image)" {
		t.Fatalf("message %q", err)
	}
}

func TestImageHeaders(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		data []byte
		w, h int
	}{
		{"a.webp", webpVP8L(300, 150), 300, 150},
		{"a.png", pngHeaderOnly(10, 20), 10, 20},
		{"a.jpg", jpegWithOrientation(t, 40, 30, 8), 30, 40},
		{"b.jpg", jpegWithOrientation(t, 40, 30, 3), 40, 30},
	}
	for _, c := range cases {
		h, err := ReadImageHeader(writeFile(t, dir, c.name, c.data))
		if err != nil || h.Width != c.w || h.Height != c.h {
			t.Errorf("%s: %+v %v", c.name, h, err)
		}
	}
	heic := append(ftyp("heic"), make([]byte, 64)...)
	_, err := ReadImageHeader(writeFile(t, dir, "IMG.HEIC", heic))
	reasonIs(t, err, ReasonUnsupported)
	_, err = ReadImageHeader(writeFile(t, dir, "x.png", minimalPDF()))
	asMismatch(t, err)
}

// GIF (first frame) and WebP sources go through the same variants.
func TestImageVariantsOtherFormats(t *testing.T) {
	p := testProcessor(t)
	webp := genFixture(t, "cover.webp", "-f", "lavfi", "-i", "testsrc2=size=800x450", "-frames:v", "1", "-c:v", "libwebp")
	gif := genFixture(t, "anim.gif", "-f", "lavfi", "-i", "testsrc2=size=400x300:rate=5:duration=1")
	for _, c := range []struct {
		src  string
		want []ImageVariant
	}{
		{webp, []ImageVariant{{"w320.webp", 320, 180}, {"w640.webp", 640, 360}}},
		{gif, []ImageVariant{{"w320.webp", 320, 240}}},
	} {
		out := filepath.Join(t.TempDir(), "out")
		m, err := p.ImageVariants(ctxT(t), c.src, out)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		if !reflect.DeepEqual(m.Images, c.want) {
			t.Fatalf("%s: variants %+v", c.src, m.Images)
		}
		for _, v := range m.Images {
			if got := ffprobeStreams(t, filepath.Join(out, v.Path)); got.Width != v.Width || got.Height != v.Height {
				t.Errorf("%s: %dx%d", v.Path, got.Width, got.Height)
			}
		}
	}
}
