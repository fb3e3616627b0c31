package media

import (
	"bytes"
	"errors"
	"testing"
)

// sniffSeeds are the starting points of FuzzSniff: one of every format the
// sniffer knows, plus the shapes that sit near its decisions (a ZIP that is
// not an office file, an OLE2 file of another application, text).
func sniffSeeds(tb testing.TB) [][]byte {
	return [][]byte{
		ftyp("isom"), ftyp("M4A "), ftyp("qt  "), ftyp("heic"), ftyp("avif"),
		append([]byte{0, 0, 0, 8, 'w', 'i', 'd', 'e'}, make([]byte, 64)...),
		ebml("webm"), ebml("matroska"),
		append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), mp3Frames()...), mp3Frames(),
		append([]byte("RIFF\x24\x00\x00\x00WAVEfmt "), make([]byte, 28)...),
		[]byte("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00"), []byte("fLaC\x00\x00\x00\x22"),
		minimalPDF(), append([]byte("junk\n"), minimalPDF()...),
		pngHeaderOnly(8, 8), webpVP8L(10, 20), []byte("GIF89a\x04\x00\x04\x00"),
		zipStoredOf(tb, "[Content_Types].xml", "_rels/.rels", "word/document.xml"),
		zipOf(tb, "[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml"),
		zipOf(tb, "[Content_Types].xml", "xl/workbook.xml"),
		odfZip(tb, "application/vnd.oasis.opendocument.text"), zipOf(tb, "a.txt", "../../etc/passwd"),
		oleFile("WordDocument"), oleFile("Workbook"), oleFile("SummaryInformation"),
		[]byte("hello, this is just text\n"), {0xFF, 0xF1, 0x50, 0x80, 0x01, 0xFF, 0xFC}, {},
	}
}

// FuzzSniff holds the sniffer to what its callers rely on, for any bytes:
//   - the in-memory and ReaderAt forms agree on the whole file;
//   - a refusal is a *ContentError (empty, unrecognised or corrupt) and
//     nothing is detected with it; zero bytes are always "empty";
//   - a detection is a known kind with its own class and MIME type, never
//     one of the "could not tell" office kinds when the whole file was read;
//   - the first SniffLen bytes alone give the same answer as the whole file
//     for everything but ZIP and OLE2 containers, whose directories may lie
//     further on (the upload API sniffs only a ranged read).
func FuzzSniff(f *testing.F) {
	for _, s := range sniffSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		size := int64(len(data))
		d, err := SniffReaderAt(bytes.NewReader(data), size)
		d2, err2 := Sniff(data, size)
		if d != d2 || !sameRefusal(err, err2) {
			t.Fatalf("Sniff = %+v, %v; SniffReaderAt = %+v, %v", d2, err2, d, err)
		}
		if err != nil {
			var ce *ContentError
			if !errors.As(err, &ce) {
				t.Fatalf("refusal %v is %T, not *ContentError", err, err)
			}
			switch ce.Reason {
			case ReasonEmpty, ReasonUnrecognized, ReasonCorrupt:
			default:
				t.Fatalf("sniffing refused with reason %q", ce.Reason)
			}
			if d != (Detected{}) {
				t.Fatalf("detected %+v with refusal %v", d, err)
			}
			if (size == 0) != (ce.Reason == ReasonEmpty) {
				t.Fatalf("%d bytes refused as %q", size, ce.Reason)
			}
			return
		}
		if _, known := kinds[d.Kind]; !known || d != detected(d.Kind) {
			t.Fatalf("detected %+v, not a known kind with its own class and MIME type", d)
		}
		if d.Kind.ambiguousOffice() {
			t.Fatalf("the whole file read, yet the kind is %q", d.Kind)
		}
		if size > SniffLen && !bytes.HasPrefix(data, []byte("PK")) && !bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
			dp, errp := Sniff(data[:SniffLen], size)
			if dp != d || errp != nil {
				t.Fatalf("from the first %d bytes: %+v, %v; from the whole file: %+v", SniffLen, dp, errp, d)
			}
		}
	})
}

func sameRefusal(a, b error) bool {
	var ca, cb *ContentError
	if errors.As(a, &ca) != errors.As(b, &cb) {
		return false
	}
	if ca == nil {
		return (a == nil) == (b == nil)
	}
	return ca.Reason == cb.Reason && ca.Kind == cb.Kind
}

// FuzzAllowed checks the upload gate for any content, declared type and file
// name (path traversal, NUL bytes and all): it never panics, refuses only
// with its two error types, and lets a file through only when the pipeline
// supports its kind and the purpose takes its class, whatever the name
// says.
func FuzzAllowed(f *testing.F) {
	purposes := []Class{ClassVideo, ClassAudio, ClassPDF, ClassDocument, ClassPresentation, ClassSpreadsheet, ClassImage}
	for i, s := range sniffSeeds(f) {
		f.Add(uint8(i), "application/octet-stream", "materi.bin", s)
	}
	f.Add(uint8(2), "application/pdf", "../../etc/passwd.pdf", minimalPDF())
	f.Add(uint8(2), "application/pdf", "..\\..\\win.ini", minimalPDF())
	f.Add(uint8(6), "image/png", "/etc/passwd\x00.png", pngHeaderOnly(8, 8))
	f.Add(uint8(0), "video/mp4; codecs=\"avc1\"", "C:\\Users\\x\\video.MP4", ftyp("isom"))
	f.Fuzz(func(t *testing.T, which uint8, contentType, fileName string, data []byte) {
		purpose := purposes[int(which)%len(purposes)]
		d, _ := Sniff(data, int64(len(data)))
		err := Allowed(purpose, contentType, fileName, d)
		if err == nil {
			if !d.Kind.Supported() || !purposeTakes(purpose, d) {
				t.Fatalf("%+v allowed as %s (type %q, name %q)", d, purpose, contentType, fileName)
			}
			return
		}
		var ce *ContentError
		var me *MismatchError
		if !errors.As(err, &ce) && !errors.As(err, &me) {
			t.Fatalf("refusal %v is %T", err, err)
		}
		if err.Error() == "" {
			t.Fatal("refusal without a message")
		}
	})
}
