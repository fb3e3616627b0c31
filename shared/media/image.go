package media

import (
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ImageHeader is what an image's header says, read without decoding pixels.
type ImageHeader struct {
	Kind Kind
	// Width and Height are as displayed, after the EXIF orientation.
	Width, Height int
	// Orientation is the EXIF orientation of a JPEG (1 to 8; 1 when absent).
	Orientation int
	Animated    bool
}

// maxWebPSide is libwebp's limit on either side.
const maxWebPSide = 16383

// ReadImageHeader reads a local image's size from its header. It never
// decodes pixels, so it is the guard against decompression bombs (a
// 100 kB PNG can claim 60000x60000 pixels and 14 GB once decoded).
func ReadImageHeader(path string) (ImageHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImageHeader{}, fmt.Errorf("media: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return ImageHeader{}, fmt.Errorf("media: %w", err)
	}
	d, err := SniffReaderAt(f, st.Size())
	if err != nil {
		return ImageHeader{}, err
	}
	if d.Class != ClassImage {
		return ImageHeader{}, &MismatchError{Field: FieldContent, Purpose: ClassImage, Detected: d}
	}
	if !d.Kind.Supported() {
		return ImageHeader{}, &ContentError{Reason: ReasonUnsupported, Kind: d.Kind, Size: st.Size()}
	}
	return readImageHeader(f, st.Size(), d.Kind)
}

func readImageHeader(r io.ReaderAt, size int64, k Kind) (ImageHeader, error) {
	h := ImageHeader{Kind: k, Orientation: 1}
	sr := io.NewSectionReader(r, 0, size)
	var cfg image.Config
	var err error
	switch k {
	case KindPNG:
		cfg, err = png.DecodeConfig(sr)
	case KindJPEG:
		cfg, err = jpeg.DecodeConfig(sr)
		h.Orientation = jpegOrientation(r, size)
	case KindGIF:
		cfg, err = gif.DecodeConfig(sr)
	case KindWebP:
		var head [30]byte
		n, _ := r.ReadAt(head[:], 0)
		var ok bool
		cfg.Width, cfg.Height, h.Animated, ok = webpSize(head[:n])
		if !ok {
			err = fmt.Errorf("unreadable WebP header")
		}
	default:
		return h, &ContentError{Reason: ReasonUnsupported, Kind: k, Size: size}
	}
	if err != nil {
		return h, &ContentError{Reason: ReasonCorrupt, Kind: k, Size: size, Detail: err.Error()}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return h, &ContentError{Reason: ReasonCorrupt, Kind: k, Size: size, Detail: "image without dimensions"}
	}
	h.Width, h.Height = cfg.Width, cfg.Height
	if h.Orientation >= 5 {
		h.Width, h.Height = h.Height, h.Width
	}
	return h, nil
}

// webpSize reads the canvas size from the first chunk of a WebP file:
// lossy (VP8), lossless (VP8L) or extended (VP8X, which also flags
// animation).
func webpSize(b []byte) (w, h int, animated, ok bool) {
	if len(b) < 30 {
		return 0, 0, false, false
	}
	switch string(b[12:16]) {
	case "VP8 ":
		if b[23] != 0x9d || b[24] != 0x01 || b[25] != 0x2a {
			return 0, 0, false, false
		}
		return int(binary.LittleEndian.Uint16(b[26:]) & 0x3fff), int(binary.LittleEndian.Uint16(b[28:]) & 0x3fff), false, true
	case "VP8L":
		if b[20] != 0x2f {
			return 0, 0, false, false
		}
		bits := binary.LittleEndian.Uint32(b[21:])
		return int(bits&0x3fff) + 1, int((bits>>14)&0x3fff) + 1, false, true
	case "VP8X":
		le24 := func(p []byte) int { return int(p[0]) | int(p[1])<<8 | int(p[2])<<16 }
		return le24(b[24:]) + 1, le24(b[27:]) + 1, b[20]&0x02 != 0, true
	}
	return 0, 0, false, false
}

// jpegOrientation finds the EXIF orientation tag. Phones store portrait
// photos sideways with this tag, and the ffmpeg of the Lambda layer does
// not apply it, so the pipeline rotates the pixels itself.
func jpegOrientation(r io.ReaderAt, size int64) int {
	buf := make([]byte, min(size, 256<<10))
	n, _ := r.ReadAt(buf, 0)
	buf = buf[:n]
	for i := 2; i+4 <= len(buf); {
		if buf[i] != 0xFF {
			return 1
		}
		marker := buf[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7):
			i += 2
			continue
		case marker == 0xDA || marker == 0xD9: // image data: no EXIF after this
			return 1
		}
		segLen := int(binary.BigEndian.Uint16(buf[i+2:]))
		if segLen < 2 {
			return 1
		}
		end := min(i+2+segLen, len(buf))
		seg := buf[i+4 : end]
		if marker == 0xE1 && len(seg) >= 14 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + segLen
	}
	return 1
}

func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(t[2:]) != 42 {
		return 1
	}
	off := int(bo.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return 1
	}
	n := int(bo.Uint16(t[off:]))
	for k := 0; k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			break
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orientationFilter turns EXIF orientation into ffmpeg filters.
var orientationFilter = map[int]string{
	2: "hflip",
	3: "hflip,vflip",
	4: "vflip",
	5: "transpose=0",
	6: "transpose=1",
	7: "transpose=3",
	8: "transpose=2",
}

// ImageVariants writes WebP copies of a local image under outDir (empty or
// absent), one per configured width up to the image's own width (never
// upscaled; an image narrower than all of them gets one copy at its own
// size), named w{width}.webp. The manifest reports the original size.
func (p *Processor) ImageVariants(ctx context.Context, in, outDir string) (*Manifest, error) {
	src, err := localPath(in)
	if err != nil {
		return nil, err
	}
	d, size, err := sniffPath(src)
	if err != nil {
		return nil, err
	}
	if d.Class != ClassImage {
		return nil, &MismatchError{Field: FieldContent, Purpose: ClassImage, Detected: d}
	}
	out, err := prepareOut(outDir)
	if err != nil {
		return nil, err
	}
	return p.imageVariants(ctx, src, out, d, size)
}

func (p *Processor) imageVariants(ctx context.Context, src, out string, d Detected, size int64) (*Manifest, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("media: %w", err)
	}
	hdr, err := readImageHeader(f, size, d.Kind)
	f.Close()
	if err != nil {
		return nil, err
	}
	if px := int64(hdr.Width) * int64(hdr.Height); px > p.cfg.MaxPixels {
		return nil, &ContentError{Reason: ReasonTooLarge, Kind: d.Kind, Size: size, Width: hdr.Width, Height: hdr.Height, Limit: p.cfg.MaxPixels}
	}
	if hdr.Animated {
		// ffmpeg's WebP decoder cannot read animated WebP.
		return nil, &ContentError{Reason: ReasonUnsupported, Kind: d.Kind, Size: size, Detail: "animated WebP"}
	}
	if err := p.need("ffmpeg", p.ffmpeg); err != nil {
		return nil, err
	}
	vs := imageSizes(hdr.Width, hdr.Height, p.cfg.ImageWidths)
	t := itoa(p.cfg.Threads)
	args := append(p.ffmpegHead(), "-threads", t, "-protocol_whitelist", "file",
		// The orientation is applied below from the EXIF tag; a newer
		// ffmpeg that applies it on its own must not turn it twice.
		"-autorotate", "0",
		"-f", kinds[d.Kind].demuxer, "-i", src)
	var graph strings.Builder
	graph.WriteString("[0:v:0]")
	var pre []string
	if of, ok := orientationFilter[hdr.Orientation]; ok {
		pre = append(pre, of)
	}
	pre = append(pre, fmt.Sprintf("split=%d", len(vs)))
	graph.WriteString(strings.Join(pre, ","))
	for i := range vs {
		fmt.Fprintf(&graph, "[s%d]", i)
	}
	for i, v := range vs {
		fmt.Fprintf(&graph, ";[s%d]scale=%d:%d:flags=lanczos,setsar=1[v%d]", i, v.Width, v.Height, i)
	}
	args = append(args, "-filter_complex_threads", t, "-filter_complex", graph.String())
	m := &Manifest{Detected: d, Width: hdr.Width, Height: hdr.Height}
	for i, v := range vs {
		v.Path = fmt.Sprintf("w%d.webp", v.Width)
		m.Images = append(m.Images, v)
		// One frame: the first frame of an animated GIF stands for it.
		args = append(args, "-map", fmt.Sprintf("[v%d]", i), "-frames:v", "1",
			"-c:v", "libwebp", "-quality", "80", "-compression_level", "4", "-threads", t,
			"-map_metadata", "-1", "-f", "webp", filepath.Join(out, v.Path))
	}
	if _, err := p.run(ctx, p.ffmpeg, args); err != nil {
		return nil, err
	}
	if m.Files, err = collectFiles(out); err != nil {
		return nil, err
	}
	return m, nil
}

// imageSizes returns the variant sizes for an image of w x h displayed.
func imageSizes(w, h int, widths []int) []ImageVariant {
	ws := append([]int(nil), widths...)
	sort.Ints(ws)
	var out []ImageVariant
	add := func(vw int) {
		vh := max(1, int(math.Round(float64(h)*float64(vw)/float64(w))))
		if vh > maxWebPSide {
			// A very tall image: bound the height instead.
			vh = maxWebPSide
			vw = max(1, int(math.Round(float64(w)*float64(vh)/float64(h))))
		}
		for _, o := range out {
			if o.Width == vw {
				return
			}
		}
		out = append(out, ImageVariant{Width: vw, Height: vh})
	}
	for _, vw := range ws {
		if vw > 0 && vw <= w {
			add(vw)
		}
	}
	if len(out) == 0 {
		add(min(w, maxWebPSide))
	}
	return out
}
