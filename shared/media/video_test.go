package media

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestPlanLadder(t *testing.T) {
	type wh struct{ w, h int }
	sizes := func(rs []Rendition) []wh {
		var out []wh
		for _, r := range rs {
			out = append(out, wh{r.Width, r.Height})
		}
		return out
	}
	cases := []struct {
		name string
		w, h int
		want []wh
	}{
		{"1080p", 1920, 1080, []wh{{426, 240}, {640, 360}, {1280, 720}}},
		{"720p", 1280, 720, []wh{{426, 240}, {640, 360}, {1280, 720}}},
		{"360p", 640, 360, []wh{{426, 240}, {640, 360}}},
		{"480p 4:3", 640, 480, []wh{{320, 240}, {480, 360}}},
		{"portrait 1080x1920", 1080, 1920, []wh{{240, 426}, {360, 640}, {720, 1280}}},
		{"below 240p, odd", 161, 91, []wh{{160, 90}}},
		{"just under 720", 1279, 719, []wh{{426, 240}, {640, 360}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := PlanLadder(c.w, c.h, DefaultLadder)
			if got := sizes(rs); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("sizes %v, want %v", got, c.want)
			}
			for _, r := range rs {
				if r.Width%2 != 0 || r.Height%2 != 0 || r.VideoBitrate <= 0 || !strings.HasSuffix(r.Playlist, "/index.m3u8") {
					t.Fatalf("rendition %+v", r)
				}
			}
		})
	}
	if rs := PlanLadder(161, 91, DefaultLadder); rs[0].Name != "90p" || rs[0].VideoBitrate != 100_000 {
		t.Fatalf("tiny rendition %+v", rs[0])
	}
}

// The main case: a 20-second 720p lesson with sound becomes three
// renditions of 20 seconds each, with a master playlist and a poster.
func TestTranscodeVideo720p(t *testing.T) {
	src := video720(t)
	p := testProcessor(t)
	out := filepath.Join(t.TempDir(), "out")
	m, err := p.TranscodeVideo(ctxT(t), src, out)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(m.DurationSeconds-20) > 0.2 || m.Width != 1280 || m.Height != 720 || m.Master != "master.m3u8" || m.Poster != "poster.jpg" {
		t.Fatalf("manifest %+v", m)
	}
	heights := map[int]bool{}
	for _, r := range m.Renditions {
		pl := filepath.Join(out, r.Playlist)
		got := ffprobeStreams(t, pl)
		heights[got.Height] = true
		if got.Height != r.Height || got.Width != r.Width {
			t.Errorf("%s: probed %dx%d, manifest %dx%d", r.Name, got.Width, got.Height, r.Width, r.Height)
		}
		if math.Abs(got.Duration.Seconds()-20) > 0.5 {
			t.Errorf("%s: duration %v", r.Name, got.Duration)
		}
		if got.VideoCodec != "h264" || got.AudioCodec != "aac" || got.AudioChannels != 2 {
			t.Errorf("%s: codecs %s/%s channels %d", r.Name, got.VideoCodec, got.AudioCodec, got.AudioChannels)
		}
		if !strings.HasPrefix(r.Codecs, "avc1.") || !strings.HasSuffix(r.Codecs, ",mp4a.40.2") || r.Bandwidth < r.AverageBandwidth || r.AverageBandwidth <= 0 {
			t.Errorf("%s: %+v", r.Name, r)
		}
		// 6-second segments cut on the shared 2-second keyframes.
		playlist, _ := os.ReadFile(pl)
		if !strings.Contains(string(playlist), "#EXT-X-PLAYLIST-TYPE:VOD") || strings.Count(string(playlist), "#EXTINF:6.0") != 3 {
			t.Errorf("%s playlist:\n%s", r.Name, playlist)
		}
	}
	if !reflect.DeepEqual(heights, map[int]bool{240: true, 360: true, 720: true}) {
		t.Fatalf("heights %v", heights)
	}
	master, err := os.ReadFile(filepath.Join(out, "master.m3u8"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"RESOLUTION=426x240", "RESOLUTION=640x360", "RESOLUTION=1280x720", "BANDWIDTH=", "CODECS=\"avc1.", "240p/index.m3u8\n"} {
		if !strings.Contains(string(master), want) {
			t.Errorf("master lacks %q:\n%s", want, master)
		}
	}
	if strings.Index(string(master), "240p/") > strings.Index(string(master), "720p/") {
		t.Errorf("master not ordered lowest first:\n%s", master)
	}
	poster := ffprobeStreams(t, filepath.Join(out, "poster.jpg"))
	if poster.Width != 1280 || poster.Height != 720 {
		t.Errorf("poster %dx%d", poster.Width, poster.Height)
	}
	checkFiles(t, out, m.Files)
	// Every segment of every rendition is listed, nothing else.
	var segs int
	for _, f := range m.Files {
		if strings.HasSuffix(f.Path, ".ts") {
			segs++
			if f.ContentType != "video/mp2t" {
				t.Errorf("%s: %s", f.Path, f.ContentType)
			}
		}
	}
	if segs != 12 {
		t.Errorf("%d segments, want 4 per rendition", segs)
	}
}

// checkFiles compares the manifest's file list with the folder.
func checkFiles(t *testing.T, out string, files []OutputFile) {
	t.Helper()
	seen := map[string]bool{}
	for _, f := range files {
		st, err := os.Stat(filepath.Join(out, filepath.FromSlash(f.Path)))
		if err != nil || st.Size() != f.Size || f.Size == 0 {
			t.Errorf("%s: manifest size %d, stat %v %v", f.Path, f.Size, st, err)
		}
		if f.ContentType == "application/octet-stream" || strings.HasPrefix(f.Path, ".") {
			t.Errorf("%s: %s", f.Path, f.ContentType)
		}
		seen[f.Path] = true
	}
	filepath.WalkDir(out, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(out, p)
			if !seen[filepath.ToSlash(rel)] {
				t.Errorf("%s written but not in the manifest", rel)
			}
		}
		return nil
	})
}

func TestTranscodeVideo360pNoUpscale(t *testing.T) {
	p := testProcessor(t)
	out := t.TempDir()
	m, err := p.TranscodeVideo(ctxT(t), video360(t), out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range m.Renditions {
		names = append(names, r.Name)
	}
	if !reflect.DeepEqual(names, []string{"240p", "360p"}) {
		t.Fatalf("renditions %v", names)
	}
	if _, err := os.Stat(filepath.Join(out, "720p")); !os.IsNotExist(err) {
		t.Fatalf("720p folder exists: %v", err)
	}
	master, _ := os.ReadFile(filepath.Join(out, "master.m3u8"))
	if strings.Contains(string(master), "720") {
		t.Fatalf("master mentions 720:\n%s", master)
	}
}

func TestTranscodeVideoWithoutAudio(t *testing.T) {
	src := genFixture(t, "silent.mp4", lavfiVideo(480, 270, 2, false)...)
	p := testProcessor(t)
	out := t.TempDir()
	m, err := p.TranscodeVideo(ctxT(t), src, out)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Renditions) != 1 || m.Renditions[0].Name != "240p" || m.Renditions[0].AudioBitrate != 0 {
		t.Fatalf("renditions %+v", m.Renditions)
	}
	got := ffprobeStreams(t, filepath.Join(out, "240p", "index.m3u8"))
	if got.HasAudio || !got.HasVideo || got.Height != 240 {
		t.Fatalf("probe %+v", got)
	}
	if c := m.Renditions[0].Codecs; strings.Contains(c, "mp4a") || !strings.HasPrefix(c, "avc1.") {
		t.Fatalf("codecs %q", c)
	}
	checkFiles(t, out, m.Files)
}

// A portrait phone clip smaller than 240p: one rendition at its own size,
// upright.
func TestTranscodeVideoRotatedTiny(t *testing.T) {
	p := testProcessor(t)
	out := t.TempDir()
	m, err := p.TranscodeVideo(ctxT(t), rotatedFixture(t), out)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Renditions) != 1 || m.Renditions[0].Width != 180 || m.Renditions[0].Height != 320 {
		t.Fatalf("renditions %+v", m.Renditions)
	}
	got := ffprobeStreams(t, filepath.Join(out, m.Renditions[0].Playlist))
	if got.Width != 180 || got.Height != 320 {
		t.Fatalf("probed %dx%d", got.Width, got.Height)
	}
	poster := ffprobeStreams(t, filepath.Join(out, "poster.jpg"))
	if poster.Width != 180 || poster.Height != 320 {
		t.Fatalf("poster %dx%d", poster.Width, poster.Height)
	}
}

func TestTranscodeVideoRefusals(t *testing.T) {
	p := testProcessor(t)
	dir := t.TempDir()
	pdf := writeFile(t, dir, "kuliah.mp4", minimalPDF())
	_, err := p.TranscodeVideo(ctxT(t), pdf, filepath.Join(dir, "o1"))
	if me := asMismatch(t, err); me.Detected.Kind != KindPDF || me.Error() != "media: file content is PDF, not video" {
		t.Fatalf("%v", err)
	}
	// An audio-only MP4 is not a video.
	voice := genFixture(t, "voice.mp4", "-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac")
	_, err = p.TranscodeVideo(ctxT(t), voice, filepath.Join(dir, "o2"))
	if me := asMismatch(t, err); me.Detected.Class != ClassAudio {
		t.Fatalf("%v", err)
	}
	// Leftovers in the output folder would end up in the manifest.
	busy := filepath.Join(dir, "busy")
	os.MkdirAll(busy, 0o755)
	writeFile(t, busy, "old.ts", []byte("x"))
	if _, err := p.TranscodeVideo(ctxT(t), video360(t), busy); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("non-empty output: %v", err)
	}
	if _, err := p.TranscodeVideo(ctxT(t), video360(t), filepath.Join(dir, "50%v")); ReasonOf(err) != ReasonInvalidInput {
		t.Fatalf("percent in output: %v", err)
	}
}

// Process picks the pipeline from the content: an MP4 that holds only a
// voice recording becomes audio HLS.
func TestProcessDispatch(t *testing.T) {
	p := testProcessor(t)
	voice := genFixture(t, "voice.mp4", "-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac")
	m, err := p.Process(ctxT(t), voice, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if m.Detected.Class != ClassAudio || len(m.Renditions) != 1 || m.Renditions[0].Name != "audio" || m.Poster != "" {
		t.Fatalf("manifest %+v", m)
	}
	m, err = p.Process(ctxT(t), video360(t), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if m.Detected.Class != ClassVideo || len(m.Renditions) != 2 || m.Poster == "" {
		t.Fatalf("manifest %+v", m)
	}
}
