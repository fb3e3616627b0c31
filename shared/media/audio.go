package media

import (
	"context"
	"os"
	"path/filepath"
)

// AudioRendition is the folder of the single audio rendition.
const AudioRendition = "audio"

// audioBitrate is the AAC rate for stereo; mono gets half. 128 kbit/s AAC
// is transparent for speech and music lessons alike.
const audioBitrate = 128_000

// TranscodeAudio turns a local audio file into HLS under outDir (empty or
// absent): master.m3u8 and audio/index.m3u8 with AAC segments. Cover art in
// the source is dropped.
func (p *Processor) TranscodeAudio(ctx context.Context, in, outDir string) (*Manifest, error) {
	src, err := localPath(in)
	if err != nil {
		return nil, err
	}
	d, size, err := sniffPath(src)
	if err != nil {
		return nil, err
	}
	if d.Class != ClassAudio && !d.Kind.mayHoldAudioOnly() {
		return nil, &MismatchError{Field: FieldContent, Purpose: ClassAudio, Detected: d}
	}
	pr, err := p.probe(ctx, src, d, size)
	if err != nil {
		return nil, err
	}
	if pr.Detected.Class != ClassAudio {
		return nil, &MismatchError{Field: FieldContent, Purpose: ClassAudio, Detected: pr.Detected}
	}
	out, err := prepareOut(outDir)
	if err != nil {
		return nil, err
	}
	return p.transcodeAudio(ctx, src, out, pr)
}

func (p *Processor) transcodeAudio(ctx context.Context, src, out string, pr *ProbeResult) (*Manifest, error) {
	if err := p.need("ffmpeg", p.ffmpeg); err != nil {
		return nil, err
	}
	channels, rate := 2, audioBitrate
	if pr.AudioChannels == 1 {
		// Mono recordings (most lectures) stay mono: upmixing would spend
		// bits on a copy of the same signal.
		channels, rate = 1, audioBitrate/2
	}
	args := append(p.ffmpegHead(), p.inputArgs(pr.Detected.Kind, src)...)
	args = append(args,
		"-map", "0:a:0", "-vn", "-c:a", "aac", "-b:a", itoa(rate), "-ac", itoa(channels),
		"-threads", itoa(p.cfg.Threads),
		"-map_metadata", "-1", "-map_chapters", "-1",
		"-f", "hls", "-hls_time", itoa(p.cfg.SegmentSeconds), "-hls_playlist_type", "vod",
		"-hls_segment_type", "mpegts",
		"-hls_segment_filename", filepath.Join(out, AudioRendition, "seg_%04d.ts"),
		filepath.Join(out, AudioRendition, "index.m3u8"))
	if err := os.MkdirAll(filepath.Join(out, AudioRendition), 0o755); err != nil {
		return nil, err
	}
	if _, err := p.run(ctx, p.ffmpeg, args); err != nil {
		return nil, err
	}
	r := Rendition{Name: AudioRendition, Playlist: AudioRendition + "/index.m3u8", AudioBitrate: rate, Codecs: "mp4a.40.2"}
	var err error
	if r.Bandwidth, r.AverageBandwidth, err = measureBandwidth(filepath.Join(out, AudioRendition, "index.m3u8"), p.cfg.SegmentSeconds); err != nil {
		return nil, err
	}
	m := &Manifest{Detected: pr.Detected, DurationSeconds: pr.Duration.Seconds(), Master: MasterPlaylist, Renditions: []Rendition{r}}
	if err := writeMaster(filepath.Join(out, MasterPlaylist), m.Renditions, 0); err != nil {
		return nil, err
	}
	files, err := collectFiles(out)
	if err != nil {
		return nil, err
	}
	m.Files = files
	return m, nil
}
