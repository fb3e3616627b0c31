package media

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// keyframeSeconds is the keyframe interval shared by every rendition, so
// that a player can switch renditions at any segment boundary.
const keyframeSeconds = 2

// MasterPlaylist is the name of the HLS master playlist in the output folder.
const MasterPlaylist = "master.m3u8"

// PosterFile is the name of a video's poster frame.
const PosterFile = "poster.jpg"

// variant is a rung fitted to one source.
type variant struct {
	Rung
	name string
	w, h int
}

// PlanLadder returns the renditions for a source of the given displayed
// size: every rung whose short side fits the source's short side (never
// upscaled), each keeping the source's aspect ratio with even dimensions.
// A source smaller than the lowest rung gets one rendition at its own size.
func PlanLadder(width, height int, ladder []Rung) []Rendition {
	vs := planLadder(width, height, ladder)
	out := make([]Rendition, len(vs))
	for i, v := range vs {
		out[i] = Rendition{Name: v.name, Playlist: v.name + "/index.m3u8", Width: v.w, Height: v.h,
			VideoBitrate: v.VideoBitrate, AudioBitrate: v.AudioBitrate}
	}
	return out
}

func planLadder(w, h int, ladder []Rung) []variant {
	if w < 2 || h < 2 {
		return nil
	}
	short, long := h, w
	portrait := h > w
	if portrait {
		short, long = w, h
	}
	size := func(s int) (int, int) {
		l := even(int(math.Round(float64(long) * float64(s) / float64(short))))
		if portrait {
			return s, l
		}
		return l, s
	}
	var out []variant
	for _, r := range ladder {
		if r.Height > short {
			continue
		}
		vw, vh := size(r.Height)
		out = append(out, variant{Rung: r, name: fmt.Sprintf("%dp", r.Height), w: vw, h: vh})
	}
	if len(out) == 0 && len(ladder) > 0 {
		// Smaller than the lowest rung: keep its size (made even, as
		// 4:2:0 chroma needs) and scale the lowest rung's bit rate down by
		// the pixel count, with a floor so tiny clips stay watchable.
		lowest := ladder[0]
		for _, r := range ladder {
			if r.Height < lowest.Height {
				lowest = r
			}
		}
		vw, vh := max(even(w), 2), max(even(h), 2)
		s := min(vw, vh)
		lw, lh := size(lowest.Height)
		br := int(float64(lowest.VideoBitrate) * float64(vw*vh) / float64(lw*lh))
		out = append(out, variant{
			Rung: Rung{Height: s, VideoBitrate: max(br, 100_000), AudioBitrate: lowest.AudioBitrate},
			name: fmt.Sprintf("%dp", s), w: vw, h: vh,
		})
	}
	return out
}

func even(n int) int { return n &^ 1 }

// TranscodeVideo turns a local video into an HLS ladder under outDir (which
// must be empty or absent): master.m3u8, one folder per rendition with
// index.m3u8 and its segments, and poster.jpg.
func (p *Processor) TranscodeVideo(ctx context.Context, in, outDir string) (*Manifest, error) {
	src, err := localPath(in)
	if err != nil {
		return nil, err
	}
	d, size, err := sniffPath(src)
	if err != nil {
		return nil, err
	}
	if d.Class != ClassVideo {
		return nil, &MismatchError{Field: FieldContent, Purpose: ClassVideo, Detected: d}
	}
	pr, err := p.probe(ctx, src, d, size)
	if err != nil {
		return nil, err
	}
	if !pr.HasVideo {
		return nil, &MismatchError{Field: FieldContent, Purpose: ClassVideo, Detected: pr.Detected}
	}
	out, err := prepareOut(outDir)
	if err != nil {
		return nil, err
	}
	return p.transcodeVideo(ctx, src, out, pr)
}

func (p *Processor) transcodeVideo(ctx context.Context, src, out string, pr *ProbeResult) (*Manifest, error) {
	if err := p.need("ffmpeg", p.ffmpeg); err != nil {
		return nil, err
	}
	vs := planLadder(pr.DisplayWidth, pr.DisplayHeight, p.cfg.Ladder)
	if len(vs) == 0 {
		return nil, &ContentError{Reason: ReasonCorrupt, Kind: pr.Detected.Kind, Detail: "no usable picture size"}
	}
	fps := pr.FrameRate
	capFPS := fps <= 0 || fps > p.cfg.MaxFrameRate+0.01
	if capFPS {
		fps = p.cfg.MaxFrameRate
	}
	groups := [][]variant{vs}
	if p.separate {
		groups = nil
		for _, v := range vs {
			groups = append(groups, []variant{v})
		}
	}
	codecs := map[string]string{}
	for gi, g := range groups {
		master := fmt.Sprintf(".ffmaster-%d.m3u8", gi)
		args := p.hlsVideoArgs(src, out, pr, g, fps, capFPS, master)
		if _, err := p.run(ctx, p.ffmpeg, args); err != nil {
			return nil, err
		}
		// ffmpeg's own master playlist knows the exact CODECS strings
		// (profile and level as encoded); keep them and write ours.
		mp := filepath.Join(out, master)
		for k, v := range readMasterCodecs(mp) {
			codecs[k] = v
		}
		os.Remove(mp)
	}
	m := &Manifest{Detected: pr.Detected, DurationSeconds: pr.Duration.Seconds(),
		Width: pr.DisplayWidth, Height: pr.DisplayHeight, Master: MasterPlaylist}
	for _, v := range vs {
		r := Rendition{Name: v.name, Playlist: v.name + "/index.m3u8", Width: v.w, Height: v.h,
			VideoBitrate: v.VideoBitrate, Codecs: codecs[v.name+"/index.m3u8"]}
		if pr.HasAudio {
			r.AudioBitrate = v.AudioBitrate
		}
		if r.Codecs == "" {
			r.Codecs = "avc1.64001f"
			if pr.HasAudio {
				r.Codecs += ",mp4a.40.2"
			}
		}
		var err error
		if r.Bandwidth, r.AverageBandwidth, err = measureBandwidth(filepath.Join(out, v.name, "index.m3u8"), p.cfg.SegmentSeconds); err != nil {
			return nil, err
		}
		m.Renditions = append(m.Renditions, r)
	}
	if err := writeMaster(filepath.Join(out, MasterPlaylist), m.Renditions, fps); err != nil {
		return nil, err
	}
	if err := p.poster(ctx, src, out, pr); err != nil {
		return nil, err
	}
	m.Poster = PosterFile
	files, err := collectFiles(out)
	if err != nil {
		return nil, err
	}
	m.Files = files
	return m, nil
}

// hlsVideoArgs builds one ffmpeg run for a group of renditions: the source
// is decoded once, split, scaled per rendition and encoded with keyframes
// forced every two seconds (no scene-cut keyframes) so that segment
// boundaries line up across renditions.
func (p *Processor) hlsVideoArgs(src, out string, pr *ProbeResult, g []variant, fps float64, capFPS bool, master string) []string {
	t := itoa(p.cfg.Threads)
	args := append(p.ffmpegHead(), p.inputArgs(pr.Detected.Kind, src)...)
	// yuv420p everywhere: 10-bit or 4:4:4 sources would otherwise give
	// High 10 / 4:4:4 streams that browsers cannot play.
	pre := "format=yuv420p"
	if capFPS {
		pre = "fps=" + strconv.FormatFloat(fps, 'f', -1, 64) + "," + pre
	}
	var graph strings.Builder
	graph.WriteString("[0:v:0]" + pre)
	if len(g) > 1 {
		fmt.Fprintf(&graph, ",split=%d", len(g))
		for i := range g {
			fmt.Fprintf(&graph, "[s%d]", i)
		}
		for i, v := range g {
			fmt.Fprintf(&graph, ";[s%d]scale=%d:%d:flags=bicubic,setsar=1[v%d]", i, v.w, v.h, i)
		}
	} else {
		fmt.Fprintf(&graph, ",scale=%d:%d:flags=bicubic,setsar=1[v0]", g[0].w, g[0].h)
	}
	args = append(args, "-filter_complex_threads", t, "-filter_complex", graph.String())
	var streamMap []string
	for i, v := range g {
		args = append(args, "-map", fmt.Sprintf("[v%d]", i))
		entry := fmt.Sprintf("v:%d", i)
		if pr.HasAudio {
			args = append(args, "-map", "0:a:0")
			entry += fmt.Sprintf(",a:%d", i)
		}
		streamMap = append(streamMap, entry+",name:"+v.name)
	}
	gop := itoa(max(1, int(math.Round(fps*keyframeSeconds))))
	args = append(args,
		"-c:v", "libx264", "-preset", p.cfg.Preset, "-profile:v", "high", "-threads", t,
		"-sc_threshold", "0", "-g", gop, "-keyint_min", gop,
		"-force_key_frames", fmt.Sprintf("expr:gte(t,n_forced*%d)", keyframeSeconds))
	for i, v := range g {
		// maxrate 110% and a two-second buffer keep segment sizes close
		// to the target, which is what slow links need.
		args = append(args,
			fmt.Sprintf("-b:v:%d", i), itoa(v.VideoBitrate),
			fmt.Sprintf("-maxrate:v:%d", i), itoa(v.VideoBitrate*11/10),
			fmt.Sprintf("-bufsize:v:%d", i), itoa(v.VideoBitrate*2))
		if pr.HasAudio {
			args = append(args, fmt.Sprintf("-b:a:%d", i), itoa(v.AudioBitrate))
		}
	}
	if pr.HasAudio {
		args = append(args, "-c:a", "aac", "-ac", "2")
	}
	return append(args,
		// Phone videos carry GPS positions and device names in metadata;
		// learners need none of it.
		"-map_metadata", "-1", "-map_chapters", "-1",
		"-max_muxing_queue_size", "4096",
		"-f", "hls", "-hls_time", itoa(p.cfg.SegmentSeconds), "-hls_playlist_type", "vod",
		"-hls_flags", "independent_segments", "-hls_segment_type", "mpegts",
		"-hls_segment_filename", filepath.Join(out, "%v", "seg_%04d.ts"),
		"-master_pl_name", master,
		"-var_stream_map", strings.Join(streamMap, " "),
		filepath.Join(out, "%v", "index.m3u8"))
}

// poster writes a JPEG of the frame at 10% of the duration (past intros
// and fades), at most PosterMaxWidth wide. Input seeking (-ss before -i)
// jumps to the nearest keyframe instead of decoding from the start.
func (p *Processor) poster(ctx context.Context, src, out string, pr *ProbeResult) error {
	w, h := pr.DisplayWidth, pr.DisplayHeight
	if w > p.cfg.PosterMaxWidth {
		h = int(math.Round(float64(h) * float64(p.cfg.PosterMaxWidth) / float64(w)))
		w = p.cfg.PosterMaxWidth
	}
	w, h = max(even(w), 2), max(even(h), 2)
	dst := filepath.Join(out, PosterFile)
	at := pr.Duration.Seconds() / 10
	for _, t := range []float64{at, 0} {
		args := append(p.ffmpegHead(), "-threads", itoa(p.cfg.Threads), "-protocol_whitelist", "file",
			"-ss", strconv.FormatFloat(t, 'f', 3, 64))
		if dm := kinds[pr.Detected.Kind].demuxer; dm != "" {
			args = append(args, "-f", dm)
		}
		args = append(args, "-i", src, "-map", "0:v:0", "-frames:v", "1",
			"-vf", fmt.Sprintf("scale=%d:%d:flags=bicubic,setsar=1", w, h),
			"-q:v", "3", "-map_metadata", "-1",
			// -update 1 writes exactly this name; the image2 muxer would
			// otherwise read "%d" in it as a sequence pattern.
			"-f", "image2", "-update", "1", dst)
		if _, err := p.run(ctx, p.ffmpeg, args); err != nil {
			return err
		}
		// Seeking past the last keyframe of a short or odd file yields no
		// frame and no error: try again from the start.
		if st, err := os.Stat(dst); err == nil && st.Size() > 0 {
			return nil
		}
	}
	return &ContentError{Reason: ReasonCorrupt, Kind: pr.Detected.Kind, Detail: "no frame for the poster"}
}

// readMasterCodecs returns the CODECS attribute per playlist URI from an
// ffmpeg-written master playlist.
func readMasterCodecs(path string) map[string]string {
	out := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	codecs := ""
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "#EXT-X-STREAM-INF:"):
			codecs = ""
			if i := strings.Index(line, `CODECS="`); i >= 0 {
				rest := line[i+len(`CODECS="`):]
				if j := strings.IndexByte(rest, '"'); j >= 0 {
					codecs = rest[:j]
				}
			}
		case line != "" && !strings.HasPrefix(line, "#"):
			out[line] = codecs
			codecs = ""
		}
	}
	return out
}

// measureBandwidth reads a media playlist and its segments' sizes and
// returns the peak and average bit rates. The HLS specification wants
// BANDWIDTH to be the peak segment bit rate; the short last segment is
// left out of the peak, since a fraction of a second with a keyframe
// would overstate it and push players to lower renditions than they need.
func measureBandwidth(playlist string, target int) (peak, avg int, err error) {
	f, err := os.Open(playlist)
	if err != nil {
		return 0, 0, fmt.Errorf("media: %w", err)
	}
	defer f.Close()
	dir := filepath.Dir(playlist)
	sc := bufio.NewScanner(f)
	var dur float64
	var totalBits, totalDur, allPeak float64
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "#EXTINF:"):
			v, _, _ := strings.Cut(strings.TrimPrefix(line, "#EXTINF:"), ",")
			dur = parseFloat(v)
		case line != "" && !strings.HasPrefix(line, "#"):
			st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(line)))
			if err != nil {
				return 0, 0, fmt.Errorf("media: segment listed but missing: %w", err)
			}
			bits := float64(st.Size() * 8)
			totalBits += bits
			totalDur += dur
			if dur > 0 {
				rate := bits / dur
				allPeak = math.Max(allPeak, rate)
				if dur >= float64(target)/2 {
					peak = max(peak, int(math.Ceil(rate)))
				}
			}
			dur = 0
		}
	}
	if err := sc.Err(); err != nil {
		return 0, 0, fmt.Errorf("media: read %s: %w", playlist, err)
	}
	if totalDur <= 0 {
		return 0, 0, fmt.Errorf("media: playlist %s lists no segments", playlist)
	}
	if peak == 0 {
		peak = int(math.Ceil(allPeak))
	}
	return peak, int(math.Ceil(totalBits / totalDur)), nil
}

// writeMaster writes the master playlist, renditions from the lowest bit
// rate up: players start with the first one listed, and on the slow links
// this platform serves a quick start matters more than a sharp first
// second.
func writeMaster(path string, rs []Rendition, fps float64) error {
	var b strings.Builder
	b.WriteString("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d", r.Bandwidth, r.AverageBandwidth)
		if r.Width > 0 {
			fmt.Fprintf(&b, ",RESOLUTION=%dx%d", r.Width, r.Height)
		}
		if fps > 0 {
			fmt.Fprintf(&b, ",FRAME-RATE=%.3f", fps)
		}
		fmt.Fprintf(&b, ",CODECS=\"%s\"\n%s\n", r.Codecs, r.Playlist)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("media: write master playlist: %w", err)
	}
	return nil
}
