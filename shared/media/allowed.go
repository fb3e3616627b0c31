package media

import (
	"fmt"
	"mime"
	"path"
	"strings"
)

// Field names what disagreed with the file's content.
type Field string

// Fields a MismatchError can be about.
const (
	FieldContent     Field = "content"      // the bytes are not what the purpose needs
	FieldContentType Field = "content-type" // the declared content type says otherwise
	FieldExtension   Field = "extension"    // the file name's extension says otherwise
)

// MismatchError says that an upload is not what it claims to be, for
// example a PDF renamed .mp4 and attached as a video.
type MismatchError struct {
	Field Field
	// Purpose is the class the upload was meant to be.
	Purpose Class
	// Declared is the content type or extension as given (FieldContentType,
	// FieldExtension), and DeclaredClass the class it stands for.
	Declared      string
	DeclaredClass Class
	// Detected is what the bytes are.
	Detected Detected
}

func (e *MismatchError) Error() string {
	switch e.Field {
	case FieldContentType:
		return fmt.Sprintf("media: declared content type %q does not match the file content (%s)", e.Declared, e.Detected.Kind.Name())
	case FieldExtension:
		return fmt.Sprintf("media: file extension %q does not match the file content (%s)", e.Declared, e.Detected.Kind.Name())
	}
	return fmt.Sprintf("media: file content is %s, not %s", e.Detected.Kind.Name(), e.Purpose.Name())
}

// accepts lists the classes each purpose takes. A document item may be a
// spreadsheet: course items have no spreadsheet kind of their own.
var accepts = map[Class][]Class{
	ClassVideo:        {ClassVideo},
	ClassAudio:        {ClassAudio},
	ClassPDF:          {ClassPDF},
	ClassDocument:     {ClassDocument, ClassSpreadsheet},
	ClassPresentation: {ClassPresentation},
	ClassSpreadsheet:  {ClassSpreadsheet},
	ClassImage:        {ClassImage},
}

func isOffice(c Class) bool {
	return c == ClassDocument || c == ClassPresentation || c == ClassSpreadsheet
}

// Allowed checks an upload meant as purpose (the course item kind) against
// what its bytes are. It fails with *MismatchError when the content is of
// another class than the purpose, or when the declared content type or the
// file name's extension name another class than the content; with
// *ContentError when the content is a known but unsupported format. Generic
// or unknown content types (application/octet-stream, what browsers send
// for files they do not know) and unknown extensions are not held against
// the upload.
func Allowed(purpose Class, declaredContentType, fileName string, d Detected) error {
	if d.Kind == "" {
		// Sniff failed and the caller went on: nothing to compare.
		return &ContentError{Reason: ReasonUnrecognized}
	}
	if !d.Kind.Supported() {
		return &ContentError{Reason: ReasonUnsupported, Kind: d.Kind}
	}
	if !purposeTakes(purpose, d) {
		return &MismatchError{Field: FieldContent, Purpose: purpose, Detected: d}
	}
	if c := classOfContentType(declaredContentType); c != "" && !sameFamily(c, d) {
		return &MismatchError{Field: FieldContentType, Purpose: purpose, Declared: declaredContentType, DeclaredClass: c, Detected: d}
	}
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(fileName, `\`, "/")))
	if c := classOfExt(ext); c != "" && !sameFamily(c, d) {
		return &MismatchError{Field: FieldExtension, Purpose: purpose, Declared: ext, DeclaredClass: c, Detected: d}
	}
	return nil
}

func purposeTakes(purpose Class, d Detected) bool {
	for _, c := range accepts[purpose] {
		if c == d.Class {
			return true
		}
	}
	if isOffice(purpose) && d.Kind.ambiguousOffice() {
		return true
	}
	// Before a probe an MP4 or WebM is taken for video; a voice recording
	// in one must still pass the upload check for an audio item (the
	// pipeline checks again once it has probed).
	return purpose == ClassAudio && d.Class == ClassVideo && !d.Probed && d.Kind.mayHoldAudioOnly()
}

// sameFamily reports whether a declared class fits the content: audio and
// video share containers (an audio-only WebM is still "video/webm" to a
// browser), and an office file whose application is unknown fits any
// office class.
func sameFamily(declared Class, d Detected) bool {
	switch {
	case declared == d.Class:
		return true
	case (declared == ClassAudio || declared == ClassVideo) && (d.Class == ClassAudio || d.Class == ClassVideo):
		return true
	case isOffice(declared) && d.Kind.ambiguousOffice():
		return true
	}
	return false
}

var contentTypeClasses = map[string]Class{
	"application/pdf":    ClassPDF,
	"application/x-pdf":  ClassPDF,
	"application/msword": ClassDocument,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   ClassDocument,
	"application/vnd.oasis.opendocument.text":                                   ClassDocument,
	"application/vnd.ms-powerpoint":                                             ClassPresentation,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": ClassPresentation,
	"application/vnd.openxmlformats-officedocument.presentationml.slideshow":    ClassPresentation,
	"application/vnd.oasis.opendocument.presentation":                           ClassPresentation,
	"application/vnd.ms-excel":                                                  ClassSpreadsheet,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         ClassSpreadsheet,
	"application/vnd.oasis.opendocument.spreadsheet":                            ClassSpreadsheet,
}

// classOfContentType maps a declared content type to a class; "" means it
// says nothing useful.
func classOfContentType(ct string) Class {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	if c, ok := contentTypeClasses[mt]; ok {
		return c
	}
	switch {
	case strings.HasPrefix(mt, "video/"):
		return ClassVideo
	case strings.HasPrefix(mt, "audio/"):
		return ClassAudio
	case strings.HasPrefix(mt, "image/"):
		return ClassImage
	}
	return ""
}

var extClasses = func() map[string]Class {
	m := map[string]Class{}
	for k, i := range kinds {
		if k.ambiguousOffice() {
			continue // their extensions are listed by the precise kinds
		}
		for _, e := range i.exts {
			m[e] = i.class
		}
	}
	// .aac is both raw ADTS and, by habit, MPEG-4 audio: both audio.
	m[".aac"] = ClassAudio
	return m
}()

func classOfExt(ext string) Class { return extClasses[ext] }
