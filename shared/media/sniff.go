package media

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/richardlehane/mscfb"
)

// SniffLen is how many leading bytes Sniff needs to recognise every kind
// except telling OOXML and OLE2 office files apart, which needs the whole
// file (their directories sit at the end or are scattered).
const SniffLen = 4096

// Sniff recognises a file from its first bytes. header is the start of the
// file and size its full length; when header holds the whole file the answer
// is the same as SniffReaderAt's, otherwise office packages may come back as
// KindOOXML or KindOfficeLegacy. Use it where only a ranged read is cheap
// (the upload API checking a fresh object); the pipeline uses SniffFile.
func Sniff(header []byte, size int64) (Detected, error) {
	if size <= 0 || len(header) == 0 {
		return Detected{}, &ContentError{Reason: ReasonEmpty}
	}
	if int64(len(header)) >= size {
		return SniffReaderAt(bytes.NewReader(header[:size]), size)
	}
	return sniff(header, nil, size)
}

// SniffReaderAt recognises a file it can read at any offset, so that it can
// read the zip central directory of OOXML/ODF packages and the stream names
// of OLE2 compound files.
func SniffReaderAt(r io.ReaderAt, size int64) (Detected, error) {
	if size <= 0 {
		return Detected{}, &ContentError{Reason: ReasonEmpty}
	}
	n := int64(SniffLen)
	if size < n {
		n = size
	}
	h := make([]byte, n)
	if _, err := r.ReadAt(h, 0); err != nil && !errors.Is(err, io.EOF) {
		return Detected{}, fmt.Errorf("media: read header: %w", err)
	}
	return sniff(h, r, size)
}

// SniffFile recognises a local file.
func SniffFile(path string) (Detected, error) {
	f, err := os.Open(path)
	if err != nil {
		return Detected{}, fmt.Errorf("media: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Detected{}, fmt.Errorf("media: %w", err)
	}
	return SniffReaderAt(f, st.Size())
}

func sniff(h []byte, r io.ReaderAt, size int64) (Detected, error) {
	unknown := func() (Detected, error) {
		return Detected{}, &ContentError{Reason: ReasonUnrecognized, Size: size}
	}
	switch {
	case len(h) >= 12 && string(h[4:8]) == "ftyp":
		return sniffBMFF(h)
	case len(h) >= 8 && isQuickTimeAtom(h, size):
		// QuickTime files written before ftyp existed start with a moov,
		// mdat, wide, free or skip atom.
		return detected(KindMOV), nil
	case bytes.HasPrefix(h, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return sniffEBML(h)
	case bytes.HasPrefix(h, []byte("ID3")) && len(h) >= 10:
		// ID3v2 is also put in front of raw AAC, rarely; the probe that
		// follows reads either, and both are audio.
		return detected(KindMP3), nil
	case pdfHeaderAt(h) >= 0:
		return detected(KindPDF), nil
	case bytes.HasPrefix(h, []byte("\x89PNG\r\n\x1a\n")):
		return detected(KindPNG), nil
	case bytes.HasPrefix(h, []byte{0xFF, 0xD8, 0xFF}):
		return detected(KindJPEG), nil
	case len(h) >= 12 && string(h[0:4]) == "RIFF" && string(h[8:12]) == "WEBP":
		return detected(KindWebP), nil
	case len(h) >= 12 && string(h[0:4]) == "RIFF" && string(h[8:12]) == "WAVE":
		return detected(KindWAV), nil
	case bytes.HasPrefix(h, []byte("GIF87a")) || bytes.HasPrefix(h, []byte("GIF89a")):
		return detected(KindGIF), nil
	case bytes.HasPrefix(h, []byte("OggS")):
		return detected(KindOgg), nil
	case bytes.HasPrefix(h, []byte("fLaC")):
		return detected(KindFLAC), nil
	case bytes.HasPrefix(h, []byte("PK\x03\x04")) || bytes.HasPrefix(h, []byte("PK\x05\x06")):
		return sniffZip(h, r, size)
	case bytes.HasPrefix(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return sniffOLE(r, size)
	}
	if k, ok := sniffMPEGAudio(h); ok {
		return detected(k), nil
	}
	return unknown()
}

// sniffBMFF reads the ftyp box's major brand, which says whether an ISO
// base media file is QuickTime, audio-only MPEG-4 or a still image. Whether
// a plain MP4 holds video at all is left to the probe (Detected.Refine).
func sniffBMFF(h []byte) (Detected, error) {
	major := string(h[8:12])
	switch {
	case major == "avif" || major == "avis":
		return detected(KindAVIF), nil
	case major == "heic" || major == "heix" || major == "mif1" || major == "msf1" || major == "heim" || major == "heis" || major == "hevc":
		return detected(KindHEIF), nil
	case major == "M4A " || major == "M4B " || major == "M4P ":
		return detected(KindM4A), nil
	case major == "qt  ":
		return detected(KindMOV), nil
	}
	return detected(KindMP4), nil
}

func isQuickTimeAtom(h []byte, size int64) bool {
	switch string(h[4:8]) {
	case "moov", "mdat", "wide", "free", "skip", "pnot":
	default:
		return false
	}
	n := int64(binary.BigEndian.Uint32(h[0:4]))
	// Size 1 means a 64-bit size follows and 0 "to the end of the file";
	// any other value must fit the file, which rules out most text that
	// happens to contain these four letters at offset 4.
	return n == 0 || n == 1 || (n >= 8 && n <= size)
}

// sniffEBML reads the EBML header's DocType: "webm" or "matroska".
func sniffEBML(h []byte) (Detected, error) {
	limit := len(h)
	if limit > 128 {
		limit = 128
	}
	for i := 4; i+3 <= limit; i++ {
		if h[i] != 0x42 || h[i+1] != 0x82 {
			continue
		}
		n, w := readVint(h[i+2:])
		if w == 0 || n > 32 || i+2+w+int(n) > len(h) {
			break
		}
		switch string(bytes.TrimRight(h[i+2+w:i+2+w+int(n)], "\x00")) {
		case "webm":
			return detected(KindWebM), nil
		case "matroska":
			return detected(KindMatroska), nil
		}
		break
	}
	// An EBML file of another doc type is nothing we play.
	return Detected{}, &ContentError{Reason: ReasonUnrecognized}
}

// readVint reads an EBML variable-length integer and returns its value
// (length marker removed) and width; width 0 means malformed.
func readVint(b []byte) (uint64, int) {
	if len(b) == 0 || b[0] == 0 {
		return 0, 0
	}
	w := 1
	for mask := byte(0x80); b[0]&mask == 0; mask >>= 1 {
		w++
	}
	if len(b) < w {
		return 0, 0
	}
	v := uint64(b[0] & (0xFF >> w))
	for i := 1; i < w; i++ {
		v = v<<8 | uint64(b[i])
	}
	return v, w
}

// pdfHeaderAt finds "%PDF-" in the first 1024 bytes, where the PDF
// specification lets readers accept it (some generators put junk first).
func pdfHeaderAt(h []byte) int {
	limit := len(h)
	if limit > 1024 {
		limit = 1024
	}
	return bytes.Index(h[:limit], []byte("%PDF-"))
}

// sniffMPEGAudio recognises an MP3 without ID3 tag, or raw ADTS AAC, by its
// frame sync. One sync word is a 1-in-2048 chance in random bytes, so a
// second frame must follow where the first frame's header says it ends.
func sniffMPEGAudio(h []byte) (Kind, bool) {
	if len(h) < 4 || h[0] != 0xFF || h[1]&0xE0 != 0xE0 {
		return "", false
	}
	if h[1]&0xF6 == 0xF0 { // ADTS: sync 12 bits, layer 00
		if len(h) < 7 {
			return "", false
		}
		n := int(h[3]&0x03)<<11 | int(h[4])<<3 | int(h[5]>>5)
		if n < 7 || len(h) < n+2 || h[n] != 0xFF || h[n+1]&0xF6 != 0xF0 {
			return "", false
		}
		return KindAAC, true
	}
	n, ok := mp3FrameLen(h)
	if !ok || len(h) < n+4 {
		return "", false
	}
	if _, ok := mp3FrameLen(h[n:]); !ok {
		return "", false
	}
	return KindMP3, true
}

var mp3Bitrates = [2][16]int{
	{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}, // MPEG-1 layer III
	{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},     // MPEG-2/2.5 layer III
}

var mp3Rates = [4][3]int{{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}}

// mp3FrameLen decodes an MPEG audio layer III frame header.
func mp3FrameLen(h []byte) (int, bool) {
	if len(h) < 4 || h[0] != 0xFF || h[1]&0xE0 != 0xE0 {
		return 0, false
	}
	version := (h[1] >> 3) & 3 // 0: 2.5, 1: reserved, 2: 2, 3: 1
	layer := (h[1] >> 1) & 3   // 1: layer III
	bri := h[2] >> 4
	sri := (h[2] >> 2) & 3
	if version == 1 || layer != 1 || bri == 0 || bri == 15 || sri == 3 {
		return 0, false
	}
	pad := int(h[2]>>1) & 1
	rate := mp3Rates[version][sri]
	if version == 3 {
		return 144*mp3Bitrates[0][bri]*1000/rate + pad, true
	}
	return 72*mp3Bitrates[1][bri]*1000/rate + pad, true
}

// sniffZip tells OOXML and OpenDocument packages apart. With the whole file
// it reads the central directory; with only the first bytes it walks the
// local file headers, which office writers put in a predictable order.
func sniffZip(h []byte, r io.ReaderAt, size int64) (Detected, error) {
	if k, ok := odfMimetype(h); ok {
		return detected(k), nil
	}
	var names []string
	if r != nil {
		zr, err := zip.NewReader(r, size)
		// ErrInsecurePath still returns a usable reader; only names are
		// read and nothing is extracted, so such names are harmless here.
		if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
			return Detected{}, &ContentError{Reason: ReasonCorrupt, Kind: KindOOXML, Detail: "zip: " + err.Error()}
		}
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		if k, ok := odfFromZip(zr); ok {
			return detected(k), nil
		}
	} else {
		names = localZipNames(h)
	}
	contentTypes := false
	var word, ppt, xl bool
	for _, n := range names {
		switch {
		case n == "[Content_Types].xml":
			contentTypes = true
		case strings.HasPrefix(n, "word/"):
			word = true
		case strings.HasPrefix(n, "ppt/"):
			ppt = true
		case strings.HasPrefix(n, "xl/"):
			xl = true
		}
	}
	// The main part decides; a package with more than one of these folders
	// is odd but the main document part wins.
	for _, n := range names {
		switch n {
		case "word/document.xml":
			return detected(KindDOCX), nil
		case "ppt/presentation.xml":
			return detected(KindPPTX), nil
		case "xl/workbook.xml":
			return detected(KindXLSX), nil
		}
	}
	switch {
	case word && !ppt && !xl:
		return detected(KindDOCX), nil
	case ppt && !word && !xl:
		return detected(KindPPTX), nil
	case xl && !word && !ppt:
		return detected(KindXLSX), nil
	case contentTypes && r == nil:
		return detected(KindOOXML), nil
	}
	// A plain zip (or an OOXML package of another application) is not a
	// learning material we can show.
	return Detected{}, &ContentError{Reason: ReasonUnrecognized, Size: size, Detail: "zip archive without an office document"}
}

var odfTypes = map[string]Kind{
	"application/vnd.oasis.opendocument.text":         KindODT,
	"application/vnd.oasis.opendocument.presentation": KindODP,
	"application/vnd.oasis.opendocument.spreadsheet":  KindODS,
}

// odfMimetype reads the stored "mimetype" entry that OpenDocument requires
// as the first entry of the package.
func odfMimetype(h []byte) (Kind, bool) {
	if len(h) < 30 || string(h[30:min(38, len(h))]) != "mimetype" {
		return "", false
	}
	nameLen := int(binary.LittleEndian.Uint16(h[26:28]))
	extraLen := int(binary.LittleEndian.Uint16(h[28:30]))
	dataLen := int(binary.LittleEndian.Uint32(h[18:22]))
	start := 30 + nameLen + extraLen
	if nameLen != 8 || dataLen > 100 || start+dataLen > len(h) {
		return "", false
	}
	k, ok := odfTypes[string(h[start:start+dataLen])]
	return k, ok
}

func odfFromZip(zr *zip.Reader) (Kind, bool) {
	for _, f := range zr.File {
		if f.Name != "mimetype" || f.UncompressedSize64 > 100 {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", false
		}
		b, _ := io.ReadAll(io.LimitReader(rc, 100))
		rc.Close()
		k, ok := odfTypes[strings.TrimSpace(string(b))]
		return k, ok
	}
	return "", false
}

// localZipNames lists entry names from consecutive local file headers until
// one whose size is deferred to a data descriptor or runs past the bytes.
func localZipNames(h []byte) []string {
	var names []string
	for off := 0; off+30 <= len(h) && string(h[off:off+4]) == "PK\x03\x04"; {
		flags := binary.LittleEndian.Uint16(h[off+6 : off+8])
		csize := int(binary.LittleEndian.Uint32(h[off+18 : off+22]))
		nameLen := int(binary.LittleEndian.Uint16(h[off+26 : off+28]))
		extraLen := int(binary.LittleEndian.Uint16(h[off+28 : off+30]))
		if off+30+nameLen > len(h) {
			break
		}
		names = append(names, string(h[off+30:off+30+nameLen]))
		if flags&0x08 != 0 {
			break
		}
		off += 30 + nameLen + extraLen + csize
	}
	return names
}

// sniffOLE tells Word, PowerPoint and Excel 97-2003 files apart by the
// streams their compound file holds.
func sniffOLE(r io.ReaderAt, size int64) (d Detected, err error) {
	if r == nil {
		return detected(KindOfficeLegacy), nil
	}
	// mscfb walks sector chains taken from the file; a crafted file must not
	// take the process down with it.
	defer func() {
		if p := recover(); p != nil {
			d, err = Detected{}, &ContentError{Reason: ReasonCorrupt, Kind: KindOfficeLegacy, Detail: fmt.Sprint("compound file: ", p)}
		}
	}()
	doc, err := mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return Detected{}, &ContentError{Reason: ReasonCorrupt, Kind: KindOfficeLegacy, Detail: "compound file: " + err.Error()}
	}
	for i := 0; i < 10000; i++ {
		e, err := doc.Next()
		if err != nil {
			break
		}
		if len(e.Path) > 0 {
			continue // only root-level streams name the application
		}
		switch e.Name {
		case "WordDocument":
			return detected(KindDOC), nil
		case "PowerPoint Document":
			return detected(KindPPT), nil
		case "Workbook", "Book":
			return detected(KindXLS), nil
		}
	}
	// Installers, Outlook messages and other compound files are not
	// learning materials.
	return Detected{}, &ContentError{Reason: ReasonUnrecognized, Size: size, Detail: "OLE2 compound file of an unknown application"}
}
