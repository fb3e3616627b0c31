package media

import (
	"errors"
	"fmt"
	"strings"
)

// Reason says what is wrong with an uploaded file's content. The values are
// stable so that the caller can map them to translated messages.
type Reason string

// Reasons a file's content is refused.
const (
	ReasonEmpty        Reason = "empty"         // zero bytes
	ReasonUnrecognized Reason = "unrecognized"  // no known format in the bytes
	ReasonUnsupported  Reason = "unsupported"   // a known format the pipeline cannot process (HEIF, animated WebP)
	ReasonNotMedia     Reason = "not-media"     // asked to probe something that is not audio or video
	ReasonTruncated    Reason = "truncated"     // the file ends before its own structure says it should
	ReasonCorrupt      Reason = "corrupt"       // the tools cannot read it
	ReasonNoStreams    Reason = "no-streams"    // a media container with neither audio nor video
	ReasonTooLarge     Reason = "too-large"     // image above the pixel limit (decompression bomb guard)
	ReasonTooLong      Reason = "too-long"      // media longer than Config.MaxDuration
	ReasonEncrypted    Reason = "encrypted"     // password-protected PDF
	ReasonInvalidInput Reason = "invalid-input" // a path the pipeline refuses to hand to a tool
)

// ContentError is a problem with the file itself: the upload should be
// marked failed with this reason, and retrying will not help.
type ContentError struct {
	Reason Reason
	// Kind is what the file was recognised as, when it was.
	Kind Kind
	// Size is the file size in bytes, when known.
	Size int64
	// Width, Height and Limit describe ReasonTooLarge (pixels) and
	// ReasonTooLong (Limit in seconds).
	Width, Height int
	Limit         int64
	// Detail is technical English for the logs (a tool's last stderr
	// lines, a parser's message); never show it to the uploader as is.
	Detail string
	Err    error
}

func (e *ContentError) Error() string {
	var msg string
	switch e.Reason {
	case ReasonEmpty:
		msg = "file is empty"
	case ReasonUnrecognized:
		msg = "file type not recognised"
	case ReasonUnsupported:
		msg = fmt.Sprintf("%s is not supported", e.Kind.Name())
	case ReasonNotMedia:
		msg = fmt.Sprintf("file content is %s, not audio or video", e.Kind.Name())
	case ReasonTruncated:
		msg = "file is incomplete (truncated upload?)"
	case ReasonCorrupt:
		msg = "file is damaged or unreadable"
	case ReasonNoStreams:
		msg = "file has neither audio nor video"
	case ReasonTooLarge:
		msg = fmt.Sprintf("image is %dx%d, above the limit of %d pixels", e.Width, e.Height, e.Limit)
	case ReasonTooLong:
		msg = fmt.Sprintf("media is longer than the limit of %d seconds", e.Limit)
	case ReasonEncrypted:
		msg = "PDF is password-protected"
	case ReasonInvalidInput:
		msg = "invalid input path"
	default:
		msg = string(e.Reason)
	}
	if e.Kind != "" && e.Reason != ReasonUnsupported && e.Reason != ReasonNotMedia {
		msg += " (" + e.Kind.Name() + ")"
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return "media: " + msg
}

func (e *ContentError) Unwrap() error { return e.Err }

// ReasonOf returns the Reason of the first *ContentError in err's chain, or
// "" when the failure is not about the content (a tool crashed, a timeout):
// those are worth retrying, content errors are not.
func ReasonOf(err error) Reason {
	var ce *ContentError
	if errors.As(err, &ce) {
		return ce.Reason
	}
	return ""
}

// ErrUnavailable is wrapped by errors about a tool that is not installed.
// Optional tools (pdftoppm, LibreOffice) never produce it from the
// pipeline: their absence is reported in the Manifest instead.
var ErrUnavailable = errors.New("media: tool not available")

// CommandError is an external command that failed or timed out.
type CommandError struct {
	Tool     string // base name of the binary
	Args     []string
	ExitCode int // -1 when it did not exit normally
	TimedOut bool
	// Stderr is the last lines the tool wrote to stderr.
	Stderr string
	Err    error
}

func (e *CommandError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "media: %s", e.Tool)
	switch {
	case e.TimedOut:
		b.WriteString(" timed out")
	case e.ExitCode >= 0:
		fmt.Fprintf(&b, " exited with status %d", e.ExitCode)
	default:
		fmt.Fprintf(&b, " failed: %v", e.Err)
	}
	if e.Stderr != "" {
		b.WriteString(": ")
		b.WriteString(e.Stderr)
	}
	return b.String()
}

func (e *CommandError) Unwrap() error { return e.Err }
