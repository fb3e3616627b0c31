package media

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTranscodeAudioMP3(t *testing.T) {
	// Stereo MP3 with cover art, as podcasts come: the picture is dropped.
	cover := filepath.Join(t.TempDir(), "cover.png")
	os.WriteFile(cover, pngBytes(t, 16, 16), 0o644)
	src := genFixture(t, "lecture.mp3",
		"-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100:duration=8",
		"-i", cover, "-map", "0:a", "-map", "1:v", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k",
		"-c:v", "png", "-disposition:v", "attached_pic", "-id3v2_version", "3")
	p := testProcessor(t)
	out := t.TempDir()
	m, err := p.TranscodeAudio(ctxT(t), src, out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Detected.Kind != KindMP3 || math.Abs(m.DurationSeconds-8) > 0.2 || len(m.Renditions) != 1 {
		t.Fatalf("manifest %+v", m)
	}
	got := ffprobeStreams(t, filepath.Join(out, "audio", "index.m3u8"))
	if got.HasVideo || got.AudioCodec != "aac" || got.AudioChannels != 2 || math.Abs(got.Duration.Seconds()-8) > 0.5 {
		t.Fatalf("probe %+v", got)
	}
	master, _ := os.ReadFile(filepath.Join(out, "master.m3u8"))
	if !strings.Contains(string(master), `CODECS="mp4a.40.2"`) || !strings.Contains(string(master), "audio/index.m3u8") || strings.Contains(string(master), "RESOLUTION") {
		t.Fatalf("master:\n%s", master)
	}
	checkFiles(t, out, m.Files)

	// A video is not audio.
	if _, err := p.TranscodeAudio(ctxT(t), video360(t), t.TempDir()); asMismatch(t, err).Purpose != ClassAudio {
		t.Fatal(err)
	}
}

func TestTranscodeAudioMono(t *testing.T) {
	src := genFixture(t, "mono.wav", "-f", "lavfi", "-i", "sine=duration=2", "-ac", "1")
	p := testProcessor(t)
	out := t.TempDir()
	m, err := p.TranscodeAudio(ctxT(t), src, out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Renditions[0].AudioBitrate != 64_000 {
		t.Fatalf("rendition %+v", m.Renditions[0])
	}
	if got := ffprobeStreams(t, filepath.Join(out, "audio", "index.m3u8")); got.AudioChannels != 1 {
		t.Fatalf("channels %d", got.AudioChannels)
	}
}
