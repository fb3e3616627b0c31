package media

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// ProbeResult is what ffprobe says about an audio or video file.
type ProbeResult struct {
	Detected Detected      `json:"detected"` // sniffed, then refined by the streams
	Format   string        `json:"format"`   // ffprobe's format_name
	Duration time.Duration `json:"duration"`
	Size     int64         `json:"size"`
	BitRate  int64         `json:"bitRate,omitempty"` // overall, bit/s

	HasVideo bool `json:"hasVideo"`
	HasAudio bool `json:"hasAudio"`

	// Width and Height are the coded frame size of the first video stream.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// Rotation is how far clockwise players turn the picture (0, 90, 180
	// or 270), from the display matrix phones write.
	Rotation int `json:"rotation,omitempty"`
	// DisplayWidth and DisplayHeight are what a viewer sees: the frame
	// stretched by its sample aspect ratio, then rotated.
	DisplayWidth  int     `json:"displayWidth,omitempty"`
	DisplayHeight int     `json:"displayHeight,omitempty"`
	FrameRate     float64 `json:"frameRate,omitempty"`
	VideoCodec    string  `json:"videoCodec,omitempty"`
	VideoBitRate  int64   `json:"videoBitRate,omitempty"`
	PixelFormat   string  `json:"pixelFormat,omitempty"`

	AudioCodec      string `json:"audioCodec,omitempty"`
	AudioBitRate    int64  `json:"audioBitRate,omitempty"`
	AudioChannels   int    `json:"audioChannels,omitempty"`
	AudioSampleRate int    `json:"audioSampleRate,omitempty"`
}

// Probe sniffs a local audio or video file, checks that its container is
// complete, and reads its streams with ffprobe (-show_format
// -show_streams). A file that is not audio or video, is truncated, corrupt
// or empty fails with a *ContentError.
func (p *Processor) Probe(ctx context.Context, path string) (*ProbeResult, error) {
	in, err := localPath(path)
	if err != nil {
		return nil, err
	}
	d, size, err := sniffPath(in)
	if err != nil {
		return nil, err
	}
	if d.Class != ClassVideo && d.Class != ClassAudio {
		return nil, &ContentError{Reason: ReasonNotMedia, Kind: d.Kind, Size: size}
	}
	return p.probe(ctx, in, d, size)
}

func sniffPath(in string) (Detected, int64, error) {
	f, err := os.Open(in)
	if err != nil {
		return Detected{}, 0, fmt.Errorf("media: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Detected{}, 0, fmt.Errorf("media: %w", err)
	}
	d, err := SniffReaderAt(f, st.Size())
	if err == nil && !d.Kind.Supported() {
		err = &ContentError{Reason: ReasonUnsupported, Kind: d.Kind, Size: st.Size()}
	}
	return d, st.Size(), err
}

func (p *Processor) probe(ctx context.Context, in string, d Detected, size int64) (*ProbeResult, error) {
	if err := checkContainer(in, d.Kind, size); err != nil {
		return nil, err
	}
	if err := p.need("ffprobe", p.ffprobe); err != nil {
		return nil, err
	}
	args := []string{"-v", "error", "-print_format", "json", "-show_format", "-show_streams",
		"-protocol_whitelist", "file"}
	if dm := kinds[d.Kind].demuxer; dm != "" {
		args = append(args, "-f", dm)
	}
	args = append(args, in)
	out, err := p.run(ctx, p.ffprobe, args)
	if err != nil {
		var ce *CommandError
		if errors.As(err, &ce) && ce.ExitCode > 0 {
			// ffprobe exits 1 for anything it cannot parse; say so in the
			// upload's terms and keep its words for the logs.
			return nil, &ContentError{Reason: ReasonCorrupt, Kind: d.Kind, Size: size, Detail: ce.Stderr, Err: err}
		}
		return nil, err
	}
	r, err := parseProbe(out)
	if err != nil {
		return nil, &ContentError{Reason: ReasonCorrupt, Kind: d.Kind, Size: size, Detail: err.Error()}
	}
	r.Size = size
	r.Detected = d.Refine(r)
	if !r.HasVideo && !r.HasAudio {
		return nil, &ContentError{Reason: ReasonNoStreams, Kind: d.Kind, Size: size}
	}
	if r.HasVideo && (r.Width <= 0 || r.Height <= 0) {
		return nil, &ContentError{Reason: ReasonCorrupt, Kind: d.Kind, Size: size, Detail: "video stream without dimensions"}
	}
	if max := p.cfg.MaxDuration; max > 0 && r.Duration > max {
		return nil, &ContentError{Reason: ReasonTooLong, Kind: d.Kind, Size: size, Limit: int64(max / time.Second)}
	}
	return r, nil
}

type ffprobeOutput struct {
	Format struct {
		FormatName string `json:"format_name"`
		Duration   string `json:"duration"`
		BitRate    string `json:"bit_rate"`
	} `json:"format"`
	Streams []struct {
		CodecType         string `json:"codec_type"`
		CodecName         string `json:"codec_name"`
		Width             int    `json:"width"`
		Height            int    `json:"height"`
		SampleAspectRatio string `json:"sample_aspect_ratio"`
		PixFmt            string `json:"pix_fmt"`
		AvgFrameRate      string `json:"avg_frame_rate"`
		RFrameRate        string `json:"r_frame_rate"`
		BitRate           string `json:"bit_rate"`
		Duration          string `json:"duration"`
		Channels          int    `json:"channels"`
		SampleRate        string `json:"sample_rate"`
		Disposition       struct {
			AttachedPic int `json:"attached_pic"`
		} `json:"disposition"`
		Tags struct {
			Rotate string `json:"rotate"`
		} `json:"tags"`
		SideDataList []struct {
			SideDataType string  `json:"side_data_type"`
			Rotation     float64 `json:"rotation"`
		} `json:"side_data_list"`
	} `json:"streams"`
}

func parseProbe(out []byte) (*ProbeResult, error) {
	var o ffprobeOutput
	if err := json.Unmarshal(out, &o); err != nil {
		return nil, fmt.Errorf("ffprobe output: %w", err)
	}
	r := &ProbeResult{Format: o.Format.FormatName}
	dur := parseFloat(o.Format.Duration)
	r.BitRate = int64(parseFloat(o.Format.BitRate))
	for _, s := range o.Streams {
		if d := parseFloat(s.Duration); d > dur && o.Format.Duration == "" {
			dur = d
		}
		switch s.CodecType {
		case "video":
			// Cover art in MP3 and M4A files is a one-frame "video" stream;
			// it does not make the file a video.
			if s.Disposition.AttachedPic == 1 || r.HasVideo {
				continue
			}
			r.HasVideo = true
			r.VideoCodec, r.PixelFormat = s.CodecName, s.PixFmt
			r.Width, r.Height = s.Width, s.Height
			r.VideoBitRate = int64(parseFloat(s.BitRate))
			r.FrameRate = parseRatio(s.AvgFrameRate)
			if r.FrameRate <= 0 || r.FrameRate > 1000 {
				r.FrameRate = parseRatio(s.RFrameRate)
			}
			r.Rotation = rotation(s.Tags.Rotate, s.SideDataList)
			dw, dh := s.Width, s.Height
			if sar := parseRatio(strings.Replace(s.SampleAspectRatio, ":", "/", 1)); sar > 0 && math.Abs(sar-1) > 0.01 {
				dw = int(math.Round(float64(dw) * sar))
			}
			if r.Rotation == 90 || r.Rotation == 270 {
				dw, dh = dh, dw
			}
			r.DisplayWidth, r.DisplayHeight = dw, dh
		case "audio":
			if r.HasAudio {
				continue
			}
			r.HasAudio = true
			r.AudioCodec = s.CodecName
			r.AudioBitRate = int64(parseFloat(s.BitRate))
			r.AudioChannels = s.Channels
			r.AudioSampleRate = int(parseFloat(s.SampleRate))
		}
	}
	if dur > 0 && !math.IsInf(dur, 0) {
		r.Duration = time.Duration(dur * float64(time.Second))
	}
	return r, nil
}

// rotation normalises ffprobe's two ways of saying it: the display matrix's
// counter-clockwise angle (ffmpeg 5+) and the old "rotate" tag (clockwise).
func rotation(tag string, side []struct {
	SideDataType string  `json:"side_data_type"`
	Rotation     float64 `json:"rotation"`
}) int {
	deg := 0.0
	found := false
	for _, sd := range side {
		if sd.SideDataType == "Display Matrix" {
			deg, found = -sd.Rotation, true
			break
		}
	}
	if !found && tag != "" {
		deg = parseFloat(tag)
	}
	r := int(math.Round(deg/90)) * 90 % 360
	if r < 0 {
		r += 360
	}
	return r
}

func parseFloat(s string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) {
		return 0
	}
	return f
}

func parseRatio(s string) float64 {
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		return parseFloat(s)
	}
	n, d := parseFloat(num), parseFloat(den)
	if d == 0 {
		return 0
	}
	return n / d
}

// checkContainer catches truncated uploads that ffprobe would accept: an
// MP4 whose index (moov) comes first still probes fine when the media data
// after it was cut short, and the transcode would then fail half-way or
// quietly produce a shorter video.
func checkContainer(in string, k Kind, size int64) error {
	if size == 0 {
		return &ContentError{Reason: ReasonEmpty, Kind: k}
	}
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("media: %w", err)
	}
	defer f.Close()
	var detail string
	switch kinds[k].demuxer {
	case "mov":
		detail = checkBMFF(f, size)
	case "matroska":
		detail = checkEBML(f, size)
	}
	if detail != "" {
		return &ContentError{Reason: ReasonTruncated, Kind: k, Size: size, Detail: detail}
	}
	return nil
}

// checkBMFF walks the top-level boxes of an ISO base media file and returns
// why it looks truncated, or "".
func checkBMFF(r io.ReaderAt, size int64) string {
	var off int64
	moov := false
	for off < size {
		var h [16]byte
		n, _ := r.ReadAt(h[:], off)
		if n < 8 {
			break // a few trailing bytes: padding some writers leave
		}
		boxSize := int64(binary.BigEndian.Uint32(h[0:4]))
		typ := h[4:8]
		if !printable(typ) {
			break // trailing garbage, not a box: let ffprobe judge
		}
		hdr := int64(8)
		switch boxSize {
		case 0:
			boxSize = size - off // "extends to the end of the file"
		case 1:
			if n < 16 {
				return fmt.Sprintf("box %q header cut at offset %d", typ, off)
			}
			boxSize, hdr = int64(binary.BigEndian.Uint64(h[8:16])), 16
		}
		if boxSize < hdr {
			return ""
		}
		if boxSize > size-off {
			return fmt.Sprintf("box %q at offset %d needs %d bytes, file has %d", typ, off, boxSize, size-off)
		}
		if string(typ) == "moov" {
			moov = true
		}
		off += boxSize
	}
	if !moov {
		return "no movie header (moov) box"
	}
	return ""
}

func printable(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// checkEBML compares a Matroska/WebM segment's declared size with the file.
// Browser recordings (MediaRecorder) write an unknown size; those pass.
func checkEBML(r io.ReaderAt, size int64) string {
	var h [64]byte
	n, _ := r.ReadAt(h[:], 0)
	b := h[:n]
	if len(b) < 5 {
		return "EBML header cut"
	}
	hs, w := readVint(b[4:])
	if w == 0 {
		return ""
	}
	off := int64(4+w) + int64(hs)
	var s [12]byte
	m, _ := r.ReadAt(s[:], off)
	if m < 5 || string(s[:4]) != "\x18\x53\x80\x67" {
		if off >= size {
			return "no segment after the EBML header"
		}
		return ""
	}
	segSize, sw := readVint(s[4:m])
	if sw == 0 || segSize == (uint64(1)<<(7*sw))-1 {
		return "" // unknown size
	}
	if segSize > uint64(size) || off+4+int64(sw)+int64(segSize) > size {
		return fmt.Sprintf("segment of %d bytes does not fit a file of %d", segSize, size)
	}
	return ""
}
