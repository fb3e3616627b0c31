package media

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"math/rand"
	"os"
	"testing"
)

func ftyp(major string) []byte {
	b := make([]byte, 32)
	binary.BigEndian.PutUint32(b, 24)
	copy(b[4:], "ftyp"+major+"\x00\x00\x02\x00"+major+"isom")
	binary.BigEndian.PutUint32(b[24:], 8)
	copy(b[28:], "free")
	return b
}

func ebml(docType string) []byte {
	body := append([]byte{0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x80 | byte(len(docType))}, docType...)
	return append([]byte{0x1A, 0x45, 0xDF, 0xA3, 0x80 | byte(len(body))}, body...)
}

// mp3Frames is two MPEG-1 layer III frames (128 kbit/s, 44.1 kHz, 417
// bytes each) without an ID3 tag.
func mp3Frames() []byte {
	f := make([]byte, 417)
	copy(f, []byte{0xFF, 0xFB, 0x90, 0x64})
	return append(append([]byte{}, f...), f...)
}

func webpVP8L(w, h int) []byte {
	b := make([]byte, 30)
	copy(b, "RIFF\x16\x00\x00\x00WEBPVP8L\x0a\x00\x00\x00")
	b[20] = 0x2f
	binary.LittleEndian.PutUint32(b[21:], uint32(w-1)|uint32(h-1)<<14)
	return b
}

func gifBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black, color.White}), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniffTable(t *testing.T) {
	random := make([]byte, 8192)
	rand.New(rand.NewSource(1)).Read(random)
	random[0], random[1] = 0x13, 0x37 // no accidental sync word or magic
	wav := append([]byte("RIFF\x24\x00\x00\x00WAVEfmt "), make([]byte, 28)...)

	cases := []struct {
		name  string
		data  []byte
		kind  Kind
		class Class
		fail  Reason
	}{
		{"mp4 isom", ftyp("isom"), KindMP4, ClassVideo, ""},
		{"mp4 mp42", ftyp("mp42"), KindMP4, ClassVideo, ""},
		{"m4a brand", ftyp("M4A "), KindM4A, ClassAudio, ""},
		{"mov brand", ftyp("qt  "), KindMOV, ClassVideo, ""},
		{"old mov", append([]byte{0, 0, 0, 8, 'w', 'i', 'd', 'e'}, make([]byte, 64)...), KindMOV, ClassVideo, ""},
		{"heic", ftyp("heic"), KindHEIF, ClassImage, ""},
		{"avif", ftyp("avif"), KindAVIF, ClassImage, ""},
		{"webm", ebml("webm"), KindWebM, ClassVideo, ""},
		{"matroska", ebml("matroska"), KindMatroska, ClassVideo, ""},
		{"mp3 id3", append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), mp3Frames()...), KindMP3, ClassAudio, ""},
		{"mp3 sync", mp3Frames(), KindMP3, ClassAudio, ""},
		{"wav", wav, KindWAV, ClassAudio, ""},
		{"ogg", []byte("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00"), KindOgg, ClassAudio, ""},
		{"flac", []byte("fLaC\x00\x00\x00\x22"), KindFLAC, ClassAudio, ""},
		{"pdf", minimalPDF(), KindPDF, ClassPDF, ""},
		{"pdf after junk", append([]byte("junk\n"), minimalPDF()...), KindPDF, ClassPDF, ""},
		{"png", pngBytes(t, 8, 8), KindPNG, ClassImage, ""},
		{"jpeg", jpegWithOrientation(t, 8, 8, 1), KindJPEG, ClassImage, ""},
		{"webp", webpVP8L(10, 20), KindWebP, ClassImage, ""},
		{"gif", gifBytes(t), KindGIF, ClassImage, ""},
		{"docx", zipOf(t, "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "word/document.xml", "word/styles.xml"), KindDOCX, ClassDocument, ""},
		{"pptx", zipOf(t, "[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml", "ppt/slides/slide1.xml"), KindPPTX, ClassPresentation, ""},
		{"xlsx", zipOf(t, "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), KindXLSX, ClassSpreadsheet, ""},
		{"odt", odfZip(t, "application/vnd.oasis.opendocument.text"), KindODT, ClassDocument, ""},
		{"odp", odfZip(t, "application/vnd.oasis.opendocument.presentation"), KindODP, ClassPresentation, ""},
		{"ods", odfZip(t, "application/vnd.oasis.opendocument.spreadsheet"), KindODS, ClassSpreadsheet, ""},
		{"plain zip", zipOf(t, "a.txt", "b/c.txt"), "", "", ReasonUnrecognized},
		{"doc", oleFile("WordDocument"), KindDOC, ClassDocument, ""},
		{"ppt", oleFile("PowerPoint Document"), KindPPT, ClassPresentation, ""},
		{"xls", oleFile("Workbook"), KindXLS, ClassSpreadsheet, ""},
		{"xls 5.0", oleFile("Book"), KindXLS, ClassSpreadsheet, ""},
		{"other OLE2", oleFile("SummaryInformation"), "", "", ReasonUnrecognized},
		{"random", random, "", "", ReasonUnrecognized},
		{"text", []byte("hello, this is just text\n"), "", "", ReasonUnrecognized},
		{"empty", nil, "", "", ReasonEmpty},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Sniff(c.data, int64(len(c.data)))
			if c.fail != "" {
				reasonIs(t, err, c.fail)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Kind != c.kind || d.Class != c.class || d.MIME != c.kind.MIME() {
				t.Fatalf("got %+v, want kind %s class %s", d, c.kind, c.class)
			}
			// The ReaderAt form agrees with the in-memory one.
			d2, err := SniffReaderAt(bytes.NewReader(c.data), int64(len(c.data)))
			if err != nil || d2 != d {
				t.Fatalf("SniffReaderAt = %+v, %v", d2, err)
			}
		})
	}
}

// With only the first bytes of a large upload, office files are still
// recognised as far as the bytes allow.
func TestSniffHeaderOnly(t *testing.T) {
	docx := zipStoredOf(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml")
	cut := bytes.Index(docx, []byte("word/document.xml")) + len("word/document.xml")
	d, err := Sniff(docx[:cut], 1<<20)
	if err != nil || d.Kind != KindDOCX {
		t.Fatalf("docx from local headers = %+v, %v", d, err)
	}
	d, err = Sniff(docx[:60], 1<<20)
	if err != nil || d.Kind != KindOOXML {
		t.Fatalf("docx from the first entry only = %+v, %v", d, err)
	}
	ole := oleFile("WordDocument")
	d, err = Sniff(ole[:512], 1<<20)
	if err != nil || d.Kind != KindOfficeLegacy || d.Class != ClassDocument {
		t.Fatalf("OLE2 header only = %+v, %v", d, err)
	}
	mp4 := ftyp("isom")
	d, err = Sniff(mp4, 50<<20)
	if err != nil || d.Kind != KindMP4 {
		t.Fatalf("mp4 header = %+v, %v", d, err)
	}
}

// Real files written by ffmpeg, including an audio-only MP4 that the bytes
// call video and the probe corrects.
func TestSniffGeneratedMedia(t *testing.T) {
	p := testProcessor(t)
	cases := []struct {
		name        string
		args        []string
		kind, refin Kind
		class       Class
	}{
		{"clip.mp4", lavfiVideo(160, 90, 1, true), KindMP4, KindMP4, ClassVideo},
		{"clip.webm", []string{"-f", "lavfi", "-i", "testsrc2=size=160x90:duration=1", "-c:v", "libvpx", "-deadline", "realtime", "-b:v", "100k"}, KindWebM, KindWebM, ClassVideo},
		{"voice.mp4", []string{"-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac"}, KindMP4, KindM4A, ClassAudio},
		{"voice.m4a", []string{"-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", "-f", "ipod"}, KindM4A, KindM4A, ClassAudio},
		{"tone.mp3", []string{"-f", "lavfi", "-i", "sine=duration=1", "-c:a", "libmp3lame"}, KindMP3, KindMP3, ClassAudio},
		{"tone.ogg", []string{"-f", "lavfi", "-i", "sine=duration=1", "-c:a", "libvorbis"}, KindOgg, KindOgg, ClassAudio},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := genFixture(t, c.name, c.args...)
			d, err := SniffFile(path)
			if err != nil || d.Kind != c.kind {
				t.Fatalf("SniffFile = %+v, %v; want %s", d, err, c.kind)
			}
			pr, err := p.Probe(ctxT(t), path)
			if err != nil {
				t.Fatal(err)
			}
			if pr.Detected.Kind != c.refin || pr.Detected.Class != c.class || !pr.Detected.Probed {
				t.Fatalf("refined = %+v, want %s/%s", pr.Detected, c.refin, c.class)
			}
		})
	}
}

func TestSniffFileMissing(t *testing.T) {
	if _, err := SniffFile("/nonexistent/file"); err == nil || !os.IsNotExist(unwrapAll(err)) {
		t.Fatalf("err = %v", err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}
