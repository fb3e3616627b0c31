// Package transcode is the transcode function: it turns raw uploads into
// what learners stream or read (HLS ladders, posters, image variants, PDF
// previews) and records each upload's outcome, and its course item's
// material status.
//
// It is idempotent by the object's ETag: an event for an ETag whose result
// is already recorded (ready or failed) changes nothing, and outputs are
// written to fixed keys under derived/{tenant}/{upload}/, so a duplicated
// or re-delivered event yields the same outputs and status; an event that
// arrives after its object was replaced under the key (an older ETag late)
// is skipped, since the newer object's event processes it. A file that is
// corrupt, mislabelled or not what it claimed ends as failed with a reason
// the instructor can read, and is not retried; only failures of the
// platform itself (storage unavailable, timeouts) are returned for Lambda
// to retry and finally dead-letter.
package transcode

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/course"
	"lms/shared/media"
	"lms/shared/objectstore"
	"lms/shared/s3events"
	"lms/shared/upload"
)

// Bucket is what the function does in the materials bucket.
type Bucket interface {
	Head(ctx context.Context, key string) (objectstore.Info, error)
	Download(ctx context.Context, key, file string, limit int64) (objectstore.Info, error)
	PutFile(ctx context.Context, key, file, contentType string) error
}

// Handler handles raw-upload events.
type Handler struct {
	env     appenv.Env
	uploads upload.Store
	courses course.Store
	bucket  Bucket
	proc    *media.Processor
	tmp     string
}

// New returns the handler.
func New(env appenv.Env) (*Handler, error) {
	proc, err := media.New(media.Config{FFmpeg: env.Config.FFmpegPath, FFprobe: env.Config.FFprobePath, Logger: env.Log})
	if err != nil {
		return nil, err
	}
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	return &Handler{env: env, uploads: upload.Store{DB: db, Table: t}, courses: course.Store{DB: db, Table: t},
		bucket: objectstore.New(awsclient.S3(env.AWS, env.Config.S3UsePathStyle), env.Config.MaterialsBucket),
		proc:   proc, tmp: os.TempDir()}, nil
}

// Handle is the Lambda entry point.
func (h *Handler) Handle(ctx context.Context, e events.SNSEvent) error {
	return s3events.EachRawUpload(e,
		func(key string, reason error) {
			h.env.Log.WarnContext(ctx, "skipped event", "key", key, "reason", reason.Error())
		},
		func(r s3events.RawUpload) error { return h.process(ctx, r) })
}

// MaxAttempts is how many processing attempts of one upload end in
// failed rather than an error for Lambda to retry (one plus Lambda's two
// retries of an asynchronous invocation).
const MaxAttempts = 3

// failure is a problem with the file itself: recorded, never retried.
type failure struct {
	code, message string
	cause         error // for the log only
}

func (f *failure) Error() string { return f.code + ": " + f.message }

func (h *Handler) process(ctx context.Context, r s3events.RawUpload) error {
	log := h.env.Log.With("tenantId", r.Key.TenantID, "uploadId", r.Key.UploadID, "etag", r.ETag)
	u, err := h.uploads.Get(ctx, r.Key.TenantID, r.Key.UploadID)
	if errors.Is(err, upload.ErrNotFound) {
		log.WarnContext(ctx, "event for an unknown upload skipped")
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case u.Key != r.ObjectKey || u.Status == upload.Aborted:
		log.InfoContext(ctx, "event for an aborted or other object skipped", "status", string(u.Status))
		return nil
	case u.ProcessedETag == r.ETag && (u.Status == upload.Ready || u.Status == upload.Failed):
		log.InfoContext(ctx, "duplicate event: already processed", "status", string(u.Status))
		return nil
	}
	if cur, err := h.bucket.Head(ctx, r.ObjectKey); err == nil && s3events.Superseded(r, cur.ETag) {
		// A late event of an object since replaced: the newer object's
		// event processes what the key holds now.
		log.InfoContext(ctx, "event for a replaced object skipped", "current", cur.ETag)
		return nil
	} else if err != nil && !errors.Is(err, objectstore.ErrNotFound) {
		return err
	}
	now := h.env.Clock.Now()
	u = upload.Touch(u, now)
	u.Status, u.Attempts, u.Reason, u.ReasonMessage = upload.Processing, u.Attempts+1, "", ""
	if err := h.uploads.Save(ctx, u); errors.Is(err, upload.ErrConflict) {
		// Someone moved it meanwhile (a duplicate event, the complete
		// call): look again.
		cur, gerr := h.uploads.Get(ctx, u.TenantID, u.ID)
		if gerr != nil {
			return gerr
		}
		if cur.ProcessedETag == r.ETag && (cur.Status == upload.Ready || cur.Status == upload.Failed) {
			return nil
		}
		u = upload.Touch(cur, now)
		u.Status, u.Attempts = upload.Processing, cur.Attempts+1
		if err := h.uploads.Save(ctx, u); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	h.material(ctx, u, course.MaterialProcessing)

	dir, err := os.MkdirTemp(h.tmp, "transcode-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	result, err := h.run(ctx, u, r, dir)
	var f *failure
	if err != nil && !errors.As(err, &f) && u.Attempts >= MaxAttempts {
		// The platform failed (a tool, storage) as often as Lambda
		// retries: record it so the instructor sees it and can retry later.
		f = &failure{code: "processing_failed", message: "Pemrosesan berkas gagal berulang kali; coba lagi nanti.", cause: err}
	}
	if f != nil {
		detail := ""
		if f.cause != nil {
			detail = f.cause.Error()
		}
		log.InfoContext(ctx, "upload failed", "reason", f.code, "detail", detail)
		return h.finish(ctx, u, r.ETag, nil, f)
	}
	if err != nil {
		return err
	}
	log.InfoContext(ctx, "upload ready", "kind", result.Kind, "files", len(result.Files))
	return h.finish(ctx, u, r.ETag, result, nil)
}

// run downloads, checks and processes the file, and stores the outputs.
func (h *Handler) run(ctx context.Context, u upload.Upload, r s3events.RawUpload, dir string) (*upload.Result, error) {
	in := filepath.Join(dir, "input")
	info, err := h.bucket.Download(ctx, u.Key, in, u.Size)
	switch {
	case errors.Is(err, objectstore.ErrTooLarge):
		return nil, &failure{code: "size_mismatch", message: "Ukuran berkas yang diterima tidak sama dengan yang dinyatakan saat mulai mengunggah."}
	case errors.Is(err, objectstore.ErrNotFound):
		return nil, &failure{code: "missing", message: "Berkas tidak ditemukan di penyimpanan; unggah ulang."}
	case err != nil:
		return nil, err
	case info.Size != u.Size:
		return nil, &failure{code: "size_mismatch", message: "Ukuran berkas yang diterima tidak sama dengan yang dinyatakan saat mulai mengunggah."}
	}
	sum, err := fileSHA256(in)
	if err != nil {
		return nil, err
	}
	if sum != u.SHA256 {
		return nil, &failure{code: "checksum_mismatch", message: "Isi berkas tidak cocok dengan checksum SHA-256 yang dinyatakan; berkas mungkin rusak saat dikirim. Unggah ulang."}
	}
	d, err := media.SniffFile(in)
	if err != nil {
		return nil, contentFailure(err)
	}
	if err := media.Allowed(media.Class(u.Class), u.ContentType, u.FileName, d); err != nil {
		return nil, contentFailure(err)
	}
	if u.Purpose.CheckedOnly() {
		// A learner's assignment file or a claim's document is checked,
		// not processed: staff download it as it was sent.
		return &upload.Result{Kind: string(d.Kind), Files: []upload.Output{}}, nil
	}
	out := filepath.Join(dir, "out")
	m, err := h.proc.Process(ctx, in, out)
	if err != nil {
		// Only a verdict on the file is final; a tool or the platform
		// failing is returned for a retry.
		var mm *media.MismatchError
		if media.ReasonOf(err) != "" || errors.As(err, &mm) {
			return nil, contentFailure(err)
		}
		return nil, err
	}
	if err := media.Allowed(media.Class(u.Class), u.ContentType, u.FileName, m.Detected); err != nil {
		return nil, contentFailure(err)
	}
	if err := h.store(ctx, u, out, m.Files); err != nil {
		return nil, err
	}
	res := &upload.Result{Kind: string(m.Detected.Kind), DurationSeconds: m.DurationSeconds, Width: m.Width, Height: m.Height,
		Pages: m.PageCount, Playlist: m.Master, Poster: m.Poster, Preview: m.Preview, PDF: m.PDF, Files: []upload.Output{}}
	for _, rd := range m.Renditions {
		res.Renditions = append(res.Renditions, rd.Name)
	}
	for _, img := range m.Images {
		res.Images = append(res.Images, img.Path)
	}
	for _, f := range m.Files {
		res.Files = append(res.Files, upload.Output{Path: f.Path, ContentType: f.ContentType, Size: f.Size})
	}
	return res, nil
}

// store uploads the outputs, a few at a time.
func (h *Handler) store(ctx context.Context, u upload.Upload, dir string, files []media.OutputFile) error {
	prefix := upload.DerivedPrefix(u.TenantID, u.ID)
	work := make(chan media.OutputFile)
	errs := make(chan error, len(files))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for f := range work {
				errs <- h.bucket.PutFile(ctx, prefix+f.Path, filepath.Join(dir, filepath.FromSlash(f.Path)), f.ContentType)
			}
		})
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// finish records the outcome of the ETag's processing.
func (h *Handler) finish(ctx context.Context, u upload.Upload, etag string, res *upload.Result, f *failure) error {
	u = upload.Touch(u, h.env.Clock.Now())
	u.ProcessedETag = etag
	status := course.MaterialReady
	if f != nil {
		u.Status, u.Reason, u.ReasonMessage, u.Result = upload.Failed, f.code, f.message, nil
		status = course.MaterialFailed
	} else {
		u.Status, u.Result = upload.Ready, res
	}
	if err := h.uploads.Save(ctx, u); errors.Is(err, upload.ErrConflict) {
		// A newer event for this upload won (a retry); its outcome stands.
		h.env.Log.InfoContext(ctx, "outcome superseded", "uploadId", u.ID)
		return nil
	} else if err != nil {
		return err
	}
	h.material(ctx, u, status)
	return nil
}

// material mirrors the upload's status on the course item it feeds.
func (h *Handler) material(ctx context.Context, u upload.Upload, status course.MaterialStatus) {
	if u.ItemID == "" || u.Purpose != upload.PurposeMaterial {
		return
	}
	err := h.courses.SetMaterialStatus(ctx, u.TenantID, u.CourseID, u.ItemID, u.ID, status, h.env.Clock.Now())
	if err != nil && !errors.Is(err, course.ErrNotFound) {
		h.env.Log.WarnContext(ctx, "item status not updated", "uploadId", u.ID, "error", err.Error())
	}
}

func fileSHA256(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

var classNames = map[media.Class]string{
	media.ClassVideo: "video", media.ClassAudio: "audio", media.ClassPDF: "PDF", media.ClassDocument: "dokumen",
	media.ClassPresentation: "presentasi", media.ClassSpreadsheet: "lembar kerja", media.ClassImage: "gambar",
}

// contentFailure turns the media pipeline's verdict on a file into a
// reason the instructor can read.
func contentFailure(err error) *failure {
	f := describe(err)
	f.cause = err
	return f
}

func describe(err error) *failure {
	var mm *media.MismatchError
	if errors.As(err, &mm) {
		got := mm.Detected.Kind.Name()
		switch mm.Field {
		case media.FieldContentType:
			return &failure{code: "type_mismatch", message: fmt.Sprintf("Jenis berkas yang dinyatakan (%s) tidak sesuai dengan isinya (%s).", mm.Declared, got)}
		case media.FieldExtension:
			return &failure{code: "extension_mismatch", message: fmt.Sprintf("Ekstensi nama berkas (%s) tidak sesuai dengan isinya (%s).", mm.Declared, got)}
		}
		return &failure{code: "wrong_content", message: fmt.Sprintf("Isi berkas ternyata %s, bukan %s.", got, classNames[mm.Purpose])}
	}
	messages := map[media.Reason]string{
		media.ReasonEmpty:        "Berkas kosong.",
		media.ReasonUnrecognized: "Isi berkas tidak dikenali sebagai jenis yang diterima.",
		media.ReasonUnsupported:  "Format berkas ini tidak dapat diproses; simpan ulang dalam format yang umum (MP4, PDF, PNG, ...).",
		media.ReasonNotMedia:     "Berkas ini bukan audio atau video.",
		media.ReasonTruncated:    "Berkas terpotong (tidak utuh); unggah ulang berkas lengkapnya.",
		media.ReasonCorrupt:      "Berkas rusak dan tidak dapat dibaca.",
		media.ReasonNoStreams:    "Berkas video/audio ini tidak berisi gambar maupun suara.",
		media.ReasonTooLarge:     "Resolusi gambar terlalu besar.",
		media.ReasonTooLong:      "Durasi media melebihi batas.",
		media.ReasonEncrypted:    "PDF ini dilindungi kata sandi; unggah versi tanpa kata sandi.",
	}
	reason := media.ReasonOf(err)
	if msg, ok := messages[reason]; ok {
		return &failure{code: string(reason), message: msg}
	}
	return &failure{code: "processing_failed", message: "Berkas tidak dapat diproses. Periksa berkasnya lalu coba lagi."}
}
