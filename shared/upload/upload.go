// Package upload holds uploads: files instructors send straight to S3 with
// presigned requests, and what processing made of them. It decides what
// may be uploaded (type allowlist and size limit per purpose, the tenant's
// storage quota), names the objects, and records each upload's status:
// uploading -> processing -> ready | failed (retry: failed -> processing).
package upload

import (
	"errors"
	"path"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Purpose is what an upload is for.
type Purpose string

// Purposes.
const (
	PurposeMaterial Purpose = "material" // a course item's file
	PurposeCover    Purpose = "cover"    // a course's cover image
	// PurposeSubmission is a learner's file for an assignment item: checked
	// (type and checksum) but not processed, and never indexed.
	PurposeSubmission Purpose = "submission"
	// PurposeClaim is a supporting document of a JP claim (assignment
	// letter, certificate, curriculum, participant list): checked like a
	// submission, kept private to its uploader and the tenant's verifiers.
	PurposeClaim Purpose = "claim"
	// PurposeQuestion is an image shown in a question of a course's bank:
	// processed as a cover is (WebP variants), tied to no item and never
	// indexed, so a quiz's pictures never surface in search.
	PurposeQuestion Purpose = "question"
	// PurposeForum is a file attached to a forum or help desk post:
	// checked like a claim document (no processing, never indexed) and
	// read through the post by whoever may read the forum.
	PurposeForum Purpose = "forum"
)

// CheckedOnly reports whether files of the purpose are checked (type,
// checksum) but neither processed nor indexed: staff get them as sent.
func (p Purpose) CheckedOnly() bool {
	return p == PurposeSubmission || p == PurposeClaim || p == PurposeForum
}

// Courseless reports whether files of the purpose belong to no course:
// any member may send one for their own use elsewhere (a claim, a post),
// where it is checked when attached.
func (p Purpose) Courseless() bool { return p == PurposeClaim || p == PurposeForum }

// ClaimClasses are the file classes a claim document may be.
var ClaimClasses = []Class{ClassPDF, ClassImage, ClassDocument}

// ClaimMaxSize bounds a claim document.
const ClaimMaxSize = 20 * MB

// Status of an upload.
type Status string

// Upload statuses.
const (
	Uploading  Status = "uploading"
	Processing Status = "processing"
	Ready      Status = "ready"
	Failed     Status = "failed"
	Aborted    Status = "aborted"
)

// Class is what a file is for a learner; material classes are the course
// item kinds that refer to an upload.
type Class string

// Classes.
const (
	ClassVideo        Class = "video"
	ClassAudio        Class = "audio"
	ClassPDF          Class = "pdf"
	ClassPresentation Class = "presentation"
	ClassDocument     Class = "document"
	ClassImage        Class = "image"
)

// format is one accepted file format: its extensions and content types.
type format struct {
	class Class
	exts  []string
	types []string
}

// formats is the platform's allowlist (by declared name and type; the
// transcode function checks the bytes).
var formats = []format{
	{ClassVideo, []string{".mp4", ".m4v"}, []string{"video/mp4"}},
	{ClassVideo, []string{".mov"}, []string{"video/quicktime"}},
	{ClassVideo, []string{".webm"}, []string{"video/webm"}},
	{ClassAudio, []string{".mp3"}, []string{"audio/mpeg", "audio/mp3"}},
	{ClassAudio, []string{".m4a"}, []string{"audio/mp4", "audio/x-m4a", "audio/m4a"}},
	{ClassPDF, []string{".pdf"}, []string{"application/pdf"}},
	{ClassPresentation, []string{".pptx"}, []string{"application/vnd.openxmlformats-officedocument.presentationml.presentation"}},
	{ClassPresentation, []string{".ppt"}, []string{"application/vnd.ms-powerpoint"}},
	{ClassDocument, []string{".docx"}, []string{"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}},
	{ClassDocument, []string{".doc"}, []string{"application/msword"}},
	// A spreadsheet is offered as a document (course items have no
	// spreadsheet kind).
	{ClassDocument, []string{".xlsx"}, []string{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}},
	{ClassImage, []string{".png"}, []string{"image/png"}},
	{ClassImage, []string{".jpg", ".jpeg"}, []string{"image/jpeg"}},
	{ClassImage, []string{".webp"}, []string{"image/webp"}},
}

// ClassOf returns the class of a declared file: its extension and content
// type must both be on the allowlist and agree. ok is false otherwise.
func ClassOf(fileName, contentType string) (Class, bool) {
	ext := strings.ToLower(path.Ext(fileName))
	ct := strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	for _, f := range formats {
		if contains(f.exts, ext) && contains(f.types, ct) {
			return f.class, true
		}
	}
	return "", false
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Limits.
const (
	MB = int64(1) << 20
	GB = int64(1) << 30
	// SinglePutMax is the largest file sent in one presigned PUT; larger
	// ones go multipart.
	SinglePutMax = 100 * MB
	// PartSize is a multipart upload's part size (the last part is
	// smaller): 5 GB in 320 parts, well under S3's 10,000.
	PartSize = 16 * MB
	// URLTTL is how long a presigned request is valid.
	URLTTL = 15 * time.Minute
	// DefaultQuota is a tenant's storage quota unless the operator set one.
	DefaultQuota = 200 * GB
)

// MaxSize is the size limit of a class for a purpose.
func MaxSize(p Purpose, c Class) int64 {
	if p == PurposeCover || p == PurposeQuestion {
		return 5 * MB
	}
	if p.Courseless() {
		return ClaimMaxSize
	}
	switch c {
	case ClassVideo:
		return 5 * GB
	case ClassAudio:
		return 1 * GB
	case ClassPDF:
		return 200 * MB
	case ClassImage:
		return 20 * MB
	}
	return 100 * MB
}

// SafeName turns a user's file name into an object key segment: letters
// and digits (accents removed), dot, dash and underscore; at most 100
// characters; the extension kept.
func SafeName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	var b strings.Builder
	for _, r := range norm.NFKD.String(name) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_'):
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// combining accent: dropped
		default:
			b.WriteByte('_')
		}
	}
	s := strings.Trim(b.String(), "._")
	if s == "" {
		s = "file"
	}
	if len(s) > 100 {
		ext := path.Ext(s)
		if len(ext) > 10 {
			ext = ""
		}
		s = s[:100-len(ext)] + ext
	}
	return s
}

// RawKey is where the browser puts an upload's bytes.
func RawKey(tenantID, uploadID, safeName string) string {
	return "raw/" + tenantID + "/" + uploadID + "/" + safeName
}

// DerivedPrefix is where processing puts an upload's outputs.
func DerivedPrefix(tenantID, uploadID string) string {
	return "derived/" + tenantID + "/" + uploadID + "/"
}

// Upload is one file sent to S3.
type Upload struct {
	TenantID    string  `dynamodbav:"tenantId" json:"tenantId"`
	ID          string  `dynamodbav:"uploadId" json:"id"`
	Purpose     Purpose `dynamodbav:"purpose" json:"purpose"`
	CourseID    string  `dynamodbav:"courseId" json:"courseId"`
	ItemID      string  `dynamodbav:"itemId,omitempty" json:"itemId,omitempty"`
	FileName    string  `dynamodbav:"fileName" json:"fileName"`
	Key         string  `dynamodbav:"key" json:"-"`
	ContentType string  `dynamodbav:"contentType" json:"contentType"`
	Class       Class   `dynamodbav:"class" json:"class"`
	Size        int64   `dynamodbav:"size" json:"size"`
	SHA256      string  `dynamodbav:"sha256" json:"sha256"` // hex
	// Multipart uploads: S3's upload id and the part layout.
	Multipart  bool   `dynamodbav:"multipart" json:"multipart"`
	S3UploadID string `dynamodbav:"s3UploadId,omitempty" json:"-"`
	PartSize   int64  `dynamodbav:"partSize,omitempty" json:"partSize,omitempty"`
	PartCount  int    `dynamodbav:"partCount,omitempty" json:"partCount,omitempty"`
	Status     Status `dynamodbav:"status" json:"status"`
	// Reason says why processing failed: a code for programs and a
	// message for the instructor.
	Reason        string `dynamodbav:"reason,omitempty" json:"reason,omitempty"`
	ReasonMessage string `dynamodbav:"reasonMessage,omitempty" json:"reasonMessage,omitempty"`
	// ProcessedETag is the object version the current result came from:
	// a repeated event for it changes nothing.
	ProcessedETag string    `dynamodbav:"processedEtag,omitempty" json:"-"`
	Attempts      int       `dynamodbav:"attempts" json:"attempts"`
	Result        *Result   `dynamodbav:"result,omitempty" json:"result,omitempty"`
	CreatedBy     string    `dynamodbav:"createdBy" json:"createdBy"`
	CreatedAt     time.Time `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt     time.Time `dynamodbav:"updatedAt" json:"updatedAt"`
	Version       int       `dynamodbav:"version" json:"version"`
}

// Result is what processing made of an upload.
type Result struct {
	// Kind is the format found in the bytes (mp4, pdf, docx, ...).
	Kind            string   `dynamodbav:"kind" json:"kind"`
	DurationSeconds float64  `dynamodbav:"durationSeconds,omitempty" json:"durationSeconds,omitempty"`
	Width           int      `dynamodbav:"width,omitempty" json:"width,omitempty"`
	Height          int      `dynamodbav:"height,omitempty" json:"height,omitempty"`
	Pages           int      `dynamodbav:"pages,omitempty" json:"pages,omitempty"`
	Renditions      []string `dynamodbav:"renditions,omitempty" json:"renditions,omitempty"` // "240p", ...
	// Keys of the outputs, relative to the derived prefix.
	Playlist string   `dynamodbav:"playlist,omitempty" json:"playlist,omitempty"` // master.m3u8
	Poster   string   `dynamodbav:"poster,omitempty" json:"poster,omitempty"`
	Preview  string   `dynamodbav:"preview,omitempty" json:"preview,omitempty"`
	PDF      string   `dynamodbav:"pdf,omitempty" json:"pdf,omitempty"` // office documents converted
	Images   []string `dynamodbav:"images,omitempty" json:"images,omitempty"`
	Files    []Output `dynamodbav:"files" json:"files"`
}

// Output is one derived file.
type Output struct {
	Path        string `dynamodbav:"path" json:"path"`
	ContentType string `dynamodbav:"contentType" json:"contentType"`
	Size        int64  `dynamodbav:"size" json:"size"`
}

// Errors.
var (
	ErrNotFound = errors.New("upload: not found")
	ErrConflict = errors.New("upload: changed by someone else")
	ErrQuota    = errors.New("upload: storage quota exceeded")
)
