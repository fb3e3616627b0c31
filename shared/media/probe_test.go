package media

import (
	"errors"
	"math"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"
)

func TestProbe720p(t *testing.T) {
	src := video720(t)
	p := testProcessor(t)
	r, err := p.Probe(ctxT(t), src)
	if err != nil {
		t.Fatal(err)
	}
	if r.Width != 1280 || r.Height != 720 || r.DisplayWidth != 1280 || r.DisplayHeight != 720 || r.Rotation != 0 {
		t.Errorf("size %dx%d display %dx%d rotation %d", r.Width, r.Height, r.DisplayWidth, r.DisplayHeight, r.Rotation)
	}
	if math.Abs(r.Duration.Seconds()-20) > 0.2 {
		t.Errorf("duration %v", r.Duration)
	}
	if r.VideoCodec != "h264" || r.AudioCodec != "aac" || !r.HasVideo || !r.HasAudio {
		t.Errorf("codecs %q %q", r.VideoCodec, r.AudioCodec)
	}
	if r.FrameRate != 30 || r.VideoBitRate <= 0 || r.AudioBitRate <= 0 || r.BitRate <= 0 || r.AudioChannels != 1 || r.AudioSampleRate != 48000 {
		t.Errorf("rates: %+v", r)
	}
	if r.Detected.Kind != KindMP4 || r.Detected.Class != ClassVideo {
		t.Errorf("detected %+v", r.Detected)
	}
}

func TestProbeRotation(t *testing.T) {
	// A phone's portrait video: landscape frames with a 90° display matrix.
	src := rotatedFixture(t)
	p := testProcessor(t)
	r, err := p.Probe(ctxT(t), src)
	if err != nil {
		t.Fatal(err)
	}
	if (r.Rotation != 90 && r.Rotation != 270) || r.DisplayWidth != 180 || r.DisplayHeight != 320 {
		t.Fatalf("rotation %d display %dx%d", r.Rotation, r.DisplayWidth, r.DisplayHeight)
	}
}

// rotatedFixture is a phone-style portrait video: 320x180 frames with a
// display matrix turning them upright (the ffmpeg 5 muxer writes the matrix
// from the rotate tag only when stream-copying).
func rotatedFixture(t *testing.T) string {
	base := genFixture(t, "landscape.mp4", lavfiVideo(320, 180, 1, false)...)
	return genFixture(t, "rotated.mp4", "-i", base, "-c", "copy", "-metadata:s:v:0", "rotate=90")
}

func TestProbeBadFiles(t *testing.T) {
	p := testProcessor(t)
	dir := t.TempDir()
	src, err := os.ReadFile(video720(t))
	if err != nil {
		t.Fatal(err)
	}
	faststart, err := os.ReadFile(genFixture(t, "faststart.mp4", append(lavfiVideo(320, 180, 4, true), "-movflags", "+faststart")...))
	if err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 256<<10)
	rand.New(rand.NewSource(7)).Read(random)
	random[0] = 0
	cases := []struct {
		name string
		data []byte
		want Reason
	}{
		{"truncated.mp4", src[:len(src)*6/10], ReasonTruncated},
		{"truncated-faststart.mp4", faststart[:len(faststart)*6/10], ReasonTruncated},
		{"empty.mp4", nil, ReasonEmpty},
		{"random.mp4", random, ReasonUnrecognized},
		{"pdf.mp4", minimalPDF(), ReasonNotMedia},
		{"header-only.mp4", src[:64], ReasonTruncated},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, dir, c.name, c.data)
			_, err := p.Probe(ctxT(t), path)
			reasonIs(t, err, c.want)
			t.Logf("%s: %v", c.name, err)
		})
	}
	// Past the structure check, ffprobe has the last word: an MP4 whose
	// boxes hold junk has no streams, a WebM whose elements are malformed
	// is corrupt.
	junk := append(ftyp("isom"), append([]byte{0, 0, 0, 16, 'm', 'o', 'o', 'v'}, []byte("garbage!")...)...)
	_, err = p.Probe(ctxT(t), writeFile(t, dir, "junk.mp4", junk))
	reasonIs(t, err, ReasonNoStreams)
	badWebM := append(ebml("webm"), append([]byte{0x02}, make([]byte, 100)...)...)
	_, err = p.Probe(ctxT(t), writeFile(t, dir, "junk.webm", badWebM))
	reasonIs(t, err, ReasonCorrupt)
	var ce *ContentError
	if !errors.As(err, &ce) || !strings.Contains(ce.Detail, "EBML") || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("corrupt WebM: %v", err)
	}
}

func TestProbeMaxDuration(t *testing.T) {
	p := testProcessor(t, func(c *Config) { c.MaxDuration = 2 * time.Second })
	_, err := p.Probe(ctxT(t), video360(t))
	reasonIs(t, err, ReasonTooLong)
}

func TestRotationNormalised(t *testing.T) {
	type sd = struct {
		SideDataType string  `json:"side_data_type"`
		Rotation     float64 `json:"rotation"`
	}
	for _, c := range []struct {
		tag  string
		side []sd
		want int
	}{
		{"", nil, 0},
		{"90", nil, 90},
		{"", []sd{{"Display Matrix", -90}}, 90},
		{"", []sd{{"Display Matrix", 90}}, 270},
		{"", []sd{{"Display Matrix", 180}}, 180},
		{"", []sd{{"Display Matrix", -180}}, 180},
	} {
		if got := rotation(c.tag, c.side); got != c.want {
			t.Errorf("rotation(%q, %v) = %d, want %d", c.tag, c.side, got, c.want)
		}
	}
}
