package media

import (
	"testing"
)

func TestAllowedPDFRenamedMP4(t *testing.T) {
	d, err := Sniff(minimalPDF(), int64(len(minimalPDF())))
	if err != nil {
		t.Fatal(err)
	}
	err = Allowed(ClassVideo, "video/mp4", "kuliah-1.mp4", d)
	me := asMismatch(t, err)
	if me.Field != FieldContent || me.Purpose != ClassVideo || me.Detected.Kind != KindPDF {
		t.Fatalf("mismatch = %+v", me)
	}
	if got, want := err.Error(), "media: file content is PDF, not video"; got != want {
		t.Fatalf("message = %q, want %q", got, want)
	}
}

func TestAllowed(t *testing.T) {
	mp4 := detected(KindMP4)
	pdf := detected(KindPDF)
	cases := []struct {
		name     string
		purpose  Class
		ct, file string
		d        Detected
		field    Field // "" means allowed
	}{
		{"video ok", ClassVideo, "video/mp4", "a.mp4", mp4, ""},
		{"quicktime name on mp4 content", ClassVideo, "video/quicktime", "a.MOV", mp4, ""},
		{"octet-stream and no extension", ClassVideo, "application/octet-stream", "rekaman", mp4, ""},
		{"empty content type", ClassPDF, "", "modul.pdf", pdf, ""},
		{"content-type lies", ClassPDF, "video/mp4", "modul.pdf", pdf, FieldContentType},
		{"extension lies", ClassPDF, "application/pdf", "modul.mp4", pdf, FieldExtension},
		{"unknown extension ignored", ClassPDF, "application/pdf", "modul.final", pdf, ""},
		{"windows path", ClassPDF, "", `C:\Users\a\modul.pdf`, pdf, ""},
		{"image as video", ClassVideo, "", "x.png", detected(KindPNG), FieldContent},
		{"audio in mp4 before probe", ClassAudio, "audio/mp4", "suara.mp4", mp4, ""},
		{"video in mp4 after probe", ClassAudio, "", "suara.mp4", Detected{Kind: KindMP4, Class: ClassVideo, MIME: "video/mp4", Probed: true}, FieldContent},
		{"audio webm declared video/webm", ClassAudio, "video/webm", "rekaman.webm", Detected{Kind: KindWebM, Class: ClassAudio, MIME: "audio/webm", Probed: true}, ""},
		{"xlsx as document", ClassDocument, "", "nilai.xlsx", detected(KindXLSX), ""},
		{"pptx as document", ClassDocument, "", "a.pptx", detected(KindPPTX), FieldContent},
		{"pptx as presentation", ClassPresentation, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "a.pptx", detected(KindPPTX), ""},
		{"docx named pptx", ClassDocument, "", "a.pptx", detected(KindDOCX), FieldExtension},
		{"legacy office as presentation", ClassPresentation, "application/vnd.ms-powerpoint", "a.ppt", detected(KindOfficeLegacy), ""},
		{"ooxml unknown as spreadsheet", ClassSpreadsheet, "", "a.xlsx", detected(KindOOXML), ""},
		{"pdf as document", ClassDocument, "", "a.pdf", pdf, FieldContent},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Allowed(c.purpose, c.ct, c.file, c.d)
			if c.field == "" {
				if err != nil {
					t.Fatalf("unexpected %v", err)
				}
				return
			}
			if me := asMismatch(t, err); me.Field != c.field {
				t.Fatalf("field = %s, want %s (%v)", me.Field, c.field, err)
			}
		})
	}
}

func TestAllowedUnsupported(t *testing.T) {
	err := Allowed(ClassImage, "image/heic", "IMG_0001.HEIC", detected(KindHEIF))
	reasonIs(t, err, ReasonUnsupported)
	reasonIs(t, Allowed(ClassImage, "", "x", Detected{}), ReasonUnrecognized)
	if err.Error() != "media: HEIF image is not supported" {
		t.Fatalf("message %q", err)
	}
}

func TestMismatchMessages(t *testing.T) {
	d := detected(KindPDF)
	for _, c := range []struct {
		err  *MismatchError
		want string
	}{
		{&MismatchError{Field: FieldContentType, Declared: "video/mp4", Detected: d}, `media: declared content type "video/mp4" does not match the file content (PDF)`},
		{&MismatchError{Field: FieldExtension, Declared: ".mp4", Detected: d}, `media: file extension ".mp4" does not match the file content (PDF)`},
	} {
		if c.err.Error() != c.want {
			t.Errorf("got %q, want %q", c.err.Error(), c.want)
		}
	}
}
