// Package uploadapi is the HTTP API of the upload function: uploads go
// straight from the browser to S3 with presigned requests (one PUT up to
// 100 MB, multipart above), so the API never carries the bytes; and search.
package uploadapi

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"lms/shared/access"
	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/course"
	"lms/shared/health"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/indexer"
	"lms/shared/objectstore"
	"lms/shared/progress"
	"lms/shared/queue"
	"lms/shared/tenancy"
	"lms/shared/upload"
)

// Bucket is what the API does in the materials bucket.
type Bucket interface {
	UploadURL(ctx context.Context, key string, size int64, contentType, sha256Base64 string, ttl time.Duration) (objectstore.Presigned, error)
	StartMultipart(ctx context.Context, key, contentType string) (string, error)
	PartURL(ctx context.Context, key, uploadID string, part int32, size int64, ttl time.Duration) (objectstore.Presigned, error)
	CompleteMultipart(ctx context.Context, key, uploadID string, parts []objectstore.Part) error
	AbortMultipart(ctx context.Context, key, uploadID string) error
	Head(ctx context.Context, key string) (objectstore.Info, error)
	Touch(ctx context.Context, key, note string) error
	Delete(ctx context.Context, key string) error
}

// API holds the upload function's dependencies.
type API struct {
	env      appenv.Env
	uploads  upload.Store
	courses  course.Store
	guard    access.Guard
	bucket   Bucket
	clientID string
	progress progress.Store
	searcher Searcher
	changes  Announcer
}

// New returns the function's router.
func New(env appenv.Env) (*httpapi.Router, error) {
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	members := tenancy.Store{DB: db, Table: t}
	a := &API{env: env, uploads: upload.Store{DB: db, Table: t}, courses: course.Store{DB: db, Table: t}, guard: access.Guard{Load: members},
		bucket:   objectstore.New(awsclient.S3(env.AWS, env.Config.S3UsePathStyle), env.Config.MaterialsBucket),
		clientID: env.Config.UserPoolClientID, progress: progress.Store{DB: db, Table: t}, changes: queue.New(env.AWS, env.Config.IndexQueueURL)}
	m, err := indexer.NewManager(env, "search")
	if err != nil {
		return nil, err
	}
	a.searcher = m
	rt := httpapi.NewRouter(env.Log).ForFunction("upload")
	rt.Handle(http.MethodGet, "/health/upload", health.Function("upload", env.Config.UserPoolClientID))
	const u = "/tenants/{tenantId}/uploads"
	rt.Handle(http.MethodPost, u, a.start)
	rt.Handle(http.MethodGet, u+"/{uploadId}", a.get)
	rt.Handle(http.MethodPost, u+"/{uploadId}/parts", a.parts)
	rt.Handle(http.MethodPost, u+"/{uploadId}/complete", a.complete)
	rt.Handle(http.MethodDelete, u+"/{uploadId}", a.abort)
	rt.Handle(http.MethodPost, u+"/{uploadId}/retry", a.retry)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/search", a.search)
	rt.Handle(http.MethodPost, "/tenants/{tenantId}/search/reindex", a.reindex)
	return rt, nil
}

type startRequest struct {
	Purpose     upload.Purpose `json:"purpose"`
	CourseID    string         `json:"courseId"`
	ItemID      string         `json:"itemId"`
	FileName    string         `json:"fileName"`
	Size        int64          `json:"size"`
	ContentType string         `json:"contentType"`
	SHA256      string         `json:"sha256"`
}

// started is the answer to a new upload: either one presigned PUT or the
// multipart layout (parts are presigned on request).
type started struct {
	Upload upload.Upload          `json:"upload"`
	Put    *objectstore.Presigned `json:"put,omitempty"`
}

// course loads a course the caller edits (404 if they may not see it).
func (a *API) editableCourse(ctx context.Context, c access.Caller, courseID string) (course.Outline, error) {
	if !ids.Valid(courseID) {
		return course.Outline{}, httpapi.ErrNotFound()
	}
	o, err := a.courses.Outline(ctx, c.Tenant.ID, courseID)
	if errors.Is(err, course.ErrNotFound) {
		return o, httpapi.ErrNotFound()
	}
	if err != nil {
		return o, err
	}
	if !o.Course.EditableBy(c.Principal.Sub, c.Is(tenancy.RoleAdmin)) {
		if o.Course.Status == course.StatusPublished {
			return o, httpapi.ErrForbidden()
		}
		return o, httpapi.ErrNotFound()
	}
	return o, nil
}

// start checks a declared file against the purpose's allowlist, size limit
// and the tenant's quota, reserves the size, and returns how to upload it.
func (a *API) start(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseStudy)
	if err != nil {
		return err
	}
	var in startRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	in.FileName = strings.TrimSpace(in.FileName)
	in.SHA256 = strings.ToLower(strings.TrimSpace(in.SHA256))
	v := httpapi.NewValidation(r)
	v.Check(in.Purpose == upload.PurposeMaterial || in.Purpose == upload.PurposeCover || in.Purpose == upload.PurposeSubmission ||
		in.Purpose == upload.PurposeClaim || in.Purpose == upload.PurposeQuestion || in.Purpose == upload.PurposeForum,
		"purpose", "field_one_of", map[string]any{"Values": "material, cover, submission, claim, question, forum"})
	v.Length("fileName", in.FileName, 1, 255, true)
	// Browsers send a file's base name; a path (../, ..\, C:\, /etc/) or a
	// control character (NUL, line breaks) is a crafted request. The
	// object key is made safe anyway (upload.SafeName); the name is shown.
	v.Check(!strings.ContainsAny(in.FileName, `/\`) && !strings.ContainsFunc(in.FileName, func(r rune) bool { return r < 0x20 || r == 0x7f }),
		"fileName", "field_invalid", nil)
	sum, herr := hex.DecodeString(in.SHA256)
	v.Check(herr == nil && len(sum) == 32, "sha256", "upload_sha256", nil)
	v.Check(in.Size > 0, "size", "field_invalid", nil)
	class, known := upload.ClassOf(in.FileName, in.ContentType)
	v.Check(known, "contentType", "upload_type_not_allowed", nil)
	if known && in.Purpose == upload.PurposeCover {
		v.Check(class == upload.ClassImage, "contentType", "upload_cover_image", nil)
	}
	if known && in.Purpose == upload.PurposeQuestion {
		v.Check(class == upload.ClassImage, "contentType", "upload_question_image", nil)
	}
	if max := upload.MaxSize(in.Purpose, class); known && in.Size > max {
		v.Add("size", "upload_too_large", map[string]any{"MaxMB": max / upload.MB})
	}
	if err := v.Err(); err != nil {
		return err
	}
	var o course.Outline
	if in.Purpose.Courseless() {
		// A claim's document or a post's attachment belongs to no course:
		// any member may send one (the competency or forum function checks
		// it when it is attached).
		if known && !slices.Contains(upload.ClaimClasses, class) {
			v.Add("contentType", "upload_type_not_allowed", nil)
		}
		if in.CourseID != "" || in.ItemID != "" {
			v.Add("courseId", "field_invalid", nil)
		}
		if err := v.Err(); err != nil {
			return err
		}
	} else if in.Purpose == upload.PurposeSubmission {
		if o, err = a.submissionCourse(r.Context(), c, in, class, v); err != nil {
			return err
		}
	} else if !c.Is(tenancy.RoleAdmin, tenancy.RoleInstructor) {
		return httpapi.ErrForbidden()
	} else if o, err = a.editableCourse(r.Context(), c, in.CourseID); err != nil {
		return err
	}
	if in.Purpose == upload.PurposeMaterial {
		it, ok := o.Item(in.ItemID)
		if !ok {
			v.Add("itemId", "upload_item_unknown", nil)
			return v.Err()
		}
		if string(it.Kind) != string(class) {
			v.Add("contentType", "upload_item_kind", map[string]any{"Kind": string(it.Kind)})
			return v.Err()
		}
	} else if in.ItemID != "" && (in.Purpose == upload.PurposeCover || in.Purpose == upload.PurposeQuestion) {
		v.Add("itemId", "field_invalid", nil)
		return v.Err()
	}
	usage, err := a.uploads.Usage(r.Context(), c.Tenant.ID)
	if err != nil {
		return err
	}
	now := a.env.Clock.Now()
	id := ids.New(now)
	u := upload.Upload{TenantID: c.Tenant.ID, ID: id, Purpose: in.Purpose, CourseID: o.Course.ID, ItemID: in.ItemID,
		FileName: in.FileName, Key: upload.RawKey(c.Tenant.ID, id, upload.SafeName(in.FileName)), ContentType: in.ContentType,
		Class: class, Size: in.Size, SHA256: in.SHA256, Status: upload.Uploading, CreatedBy: c.Principal.Sub,
		CreatedAt: now, UpdatedAt: now, Version: 1}
	out := started{}
	if in.Size > upload.SinglePutMax {
		u.Multipart, u.PartSize = true, upload.PartSize
		u.PartCount = int((in.Size + upload.PartSize - 1) / upload.PartSize)
		if u.S3UploadID, err = a.bucket.StartMultipart(r.Context(), u.Key, u.ContentType); err != nil {
			return err
		}
	} else {
		put, err := a.bucket.UploadURL(r.Context(), u.Key, u.Size, u.ContentType, base64.StdEncoding.EncodeToString(sum), upload.URLTTL)
		if err != nil {
			return err
		}
		out.Put = &put
	}
	if err := a.uploads.Create(r.Context(), u, usage.QuotaBytes); errors.Is(err, upload.ErrQuota) {
		if u.Multipart {
			_ = a.bucket.AbortMultipart(r.Context(), u.Key, u.S3UploadID)
		}
		return httpapi.NewError(http.StatusConflict, "storage_quota_exceeded").
			With("UsedMB", usage.UsedBytes/upload.MB).With("QuotaMB", usage.QuotaBytes/upload.MB)
	} else if err != nil {
		return err
	}
	if in.Purpose == upload.PurposeMaterial {
		if err := a.courses.AttachUpload(r.Context(), c.Tenant.ID, u.CourseID, u.ItemID, u.ID, now); err != nil {
			// The item went away meanwhile: give the reservation back.
			gone := upload.Touch(u, now)
			gone.Status = upload.Aborted
			if aerr := a.uploads.Abort(r.Context(), gone); aerr != nil {
				a.env.Log.ErrorContext(r.Context(), "upload left reserved", "uploadId", u.ID, "error", aerr.Error())
			}
			if errors.Is(err, course.ErrNotFound) {
				v.Add("itemId", "upload_item_unknown", nil)
				return v.Err()
			}
			return err
		}
	}
	out.Upload = u
	httpapi.WriteJSON(w, http.StatusCreated, out)
	return nil
}

// submissionCourse checks a learner's assignment file: the course open to
// them (or edited by them), the item an assignment that takes files of
// this class and size.
func (a *API) submissionCourse(ctx context.Context, c access.Caller, in startRequest, class upload.Class, v *httpapi.Validation) (course.Outline, error) {
	if !ids.Valid(in.CourseID) {
		return course.Outline{}, httpapi.ErrNotFound()
	}
	o, err := a.courses.Outline(ctx, c.Tenant.ID, in.CourseID)
	if errors.Is(err, course.ErrNotFound) {
		return o, httpapi.ErrNotFound()
	}
	if err != nil {
		return o, err
	}
	if !o.Course.EditableBy(c.Principal.Sub, c.Is(tenancy.RoleAdmin)) {
		l, _, found, err := a.progress.CourseState(ctx, c.Tenant.ID, c.Principal.Sub, o.Course.ID)
		if err != nil {
			return o, err
		}
		if !found || !l.HasAccess() || o.Course.Status == course.StatusDraft {
			return o, httpapi.ErrNotFound()
		}
	}
	it, ok := o.Item(in.ItemID)
	if !ok || it.Kind != course.KindAssignment || it.Assignment == nil {
		v.Add("itemId", "upload_item_unknown", nil)
		return o, v.Err()
	}
	if !it.Assignment.AllowFile {
		v.Add("itemId", "upload_assignment_no_file", nil)
		return o, v.Err()
	}
	if !slices.Contains(it.Assignment.FileKinds, course.Kind(class)) {
		v.Add("contentType", "upload_item_kind", map[string]any{"Kind": fmt.Sprint(it.Assignment.FileKinds)})
	}
	if max := int64(it.Assignment.MaxSizeMB) * upload.MB; in.Size > max {
		v.Add("size", "upload_too_large", map[string]any{"MaxMB": it.Assignment.MaxSizeMB})
	}
	return o, v.Err()
}

// load reads the path's upload for a caller who edits its course (or the
// learner who uploaded their assignment file).
func (a *API) load(r *http.Request) (access.Caller, upload.Upload, error) {
	c, err := a.guard.Request(r, a.clientID, access.CourseStudy)
	if err != nil {
		return c, upload.Upload{}, err
	}
	id := httpapi.PathParam(r, "uploadId")
	if !ids.Valid(id) {
		return c, upload.Upload{}, httpapi.NewError(http.StatusNotFound, "upload_not_found")
	}
	u, err := a.uploads.Get(r.Context(), c.Tenant.ID, id)
	if errors.Is(err, upload.ErrNotFound) {
		return c, u, httpapi.NewError(http.StatusNotFound, "upload_not_found")
	}
	if err != nil {
		return c, u, err
	}
	// A learner's assignment file is theirs to follow; everything else is
	// the course staff's.
	if (u.Purpose == upload.PurposeSubmission || u.Purpose.Courseless()) && u.CreatedBy == c.Principal.Sub {
		return c, u, nil
	}
	if u.Purpose.Courseless() {
		// Verifiers read claim documents through the claim, readers a
		// post's attachments through the post.
		return c, u, httpapi.NewError(http.StatusNotFound, "upload_not_found")
	}
	if !c.Is(tenancy.RoleAdmin, tenancy.RoleInstructor) {
		return c, u, httpapi.NewError(http.StatusNotFound, "upload_not_found")
	}
	if _, err := a.editableCourse(r.Context(), c, u.CourseID); err != nil {
		var apiErr *httpapi.Error
		if errors.As(err, &apiErr) && apiErr.Status == http.StatusNotFound {
			return c, u, httpapi.NewError(http.StatusNotFound, "upload_not_found")
		}
		return c, u, err
	}
	return c, u, nil
}

func (a *API) get(w http.ResponseWriter, r *http.Request) error {
	_, u, err := a.load(r)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, u)
	return nil
}

type partsRequest struct {
	PartNumbers []int32 `json:"partNumbers"`
}

type partURL struct {
	PartNumber int32 `json:"partNumber"`
	Size       int64 `json:"size"`
	objectstore.Presigned
}

// parts presigns some of a multipart upload's parts (at most 100 a call).
func (a *API) parts(w http.ResponseWriter, r *http.Request) error {
	_, u, err := a.load(r)
	if err != nil {
		return err
	}
	var in partsRequest
	if err := httpapi.DecodeJSON(r, &in, 8<<10); err != nil {
		return err
	}
	if !u.Multipart || u.Status != upload.Uploading {
		return httpapi.NewError(http.StatusConflict, "upload_state").With("Status", string(u.Status))
	}
	v := httpapi.NewValidation(r)
	v.Check(len(in.PartNumbers) >= 1 && len(in.PartNumbers) <= 100, "partNumbers", "upload_parts_count", nil)
	for _, p := range in.PartNumbers {
		if p < 1 || int(p) > u.PartCount {
			v.Add("partNumbers", "upload_part_range", map[string]any{"Max": u.PartCount})
			break
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	out := struct {
		Parts []partURL `json:"parts"`
	}{Parts: make([]partURL, 0, len(in.PartNumbers))}
	for _, p := range in.PartNumbers {
		size := u.PartSize
		if int(p) == u.PartCount {
			size = u.Size - int64(u.PartCount-1)*u.PartSize
		}
		ps, err := a.bucket.PartURL(r.Context(), u.Key, u.S3UploadID, p, size, upload.URLTTL)
		if err != nil {
			return err
		}
		out.Parts = append(out.Parts, partURL{PartNumber: p, Size: size, Presigned: ps})
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

type completeRequest struct {
	Parts []objectstore.Part `json:"parts"`
}

// complete assembles a multipart upload (or, for a single PUT, checks the
// object arrived); processing then starts from S3's event.
func (a *API) complete(w http.ResponseWriter, r *http.Request) error {
	_, u, err := a.load(r)
	if err != nil {
		return err
	}
	var in completeRequest
	if err := httpapi.DecodeOptionalJSON(r, &in, 64<<10); err != nil {
		return err
	}
	if u.Status != upload.Uploading {
		// Completing twice is harmless: the answer is the upload as it is.
		if u.Status == upload.Processing || u.Status == upload.Ready {
			httpapi.WriteJSON(w, http.StatusOK, u)
			return nil
		}
		return httpapi.NewError(http.StatusConflict, "upload_state").With("Status", string(u.Status))
	}
	if u.Multipart {
		v := httpapi.NewValidation(r)
		v.Check(len(in.Parts) == u.PartCount, "parts", "upload_parts_missing", map[string]any{"Count": u.PartCount})
		for i, p := range in.Parts {
			if int(p.Number) != i+1 || p.ETag == "" {
				v.Add("parts", "upload_parts_missing", map[string]any{"Count": u.PartCount})
				break
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := a.bucket.CompleteMultipart(r.Context(), u.Key, u.S3UploadID, in.Parts); errors.Is(err, objectstore.ErrInvalidParts) {
			return httpapi.NewError(http.StatusConflict, "upload_parts_invalid")
		} else if err != nil {
			return err
		}
	} else if len(in.Parts) > 0 {
		v := httpapi.NewValidation(r)
		v.Add("parts", "field_invalid", nil)
		return v.Err()
	}
	info, err := a.bucket.Head(r.Context(), u.Key)
	if errors.Is(err, objectstore.ErrNotFound) {
		return httpapi.NewError(http.StatusConflict, "upload_missing")
	}
	if err != nil {
		return err
	}
	if info.Size != u.Size {
		return httpapi.NewError(http.StatusConflict, "upload_size_mismatch").With("Declared", u.Size).With("Received", info.Size)
	}
	// The transcode function may already have taken it (S3's event can
	// beat this call): only an upload still uploading moves here.
	cur := upload.Touch(u, a.env.Clock.Now())
	cur.Status = upload.Processing
	if err := a.uploads.Save(r.Context(), cur); errors.Is(err, upload.ErrConflict) {
		if cur, err = a.uploads.Get(r.Context(), u.TenantID, u.ID); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, cur)
	return nil
}

// abort drops an upload: its parts or object, its reservation of the
// tenant's quota; the item it fed is left without a ready material.
func (a *API) abort(w http.ResponseWriter, r *http.Request) error {
	c, u, err := a.load(r)
	if err != nil {
		return err
	}
	if u.Status == upload.Aborted {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	if u.Multipart && u.Status == upload.Uploading {
		if err := a.bucket.AbortMultipart(r.Context(), u.Key, u.S3UploadID); err != nil {
			return err
		}
	}
	if err := a.bucket.Delete(r.Context(), u.Key); err != nil {
		return err
	}
	now := a.env.Clock.Now()
	next := upload.Touch(u, now)
	next.Status = upload.Aborted
	if err := a.uploads.Abort(r.Context(), next); errors.Is(err, upload.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	if u.ItemID != "" && u.Purpose == upload.PurposeMaterial {
		if err := a.courses.SetMaterialStatus(r.Context(), c.Tenant.ID, u.CourseID, u.ItemID, u.ID, course.MaterialFailed, now); err != nil &&
			!errors.Is(err, course.ErrNotFound) {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// retry runs processing again for a failed upload: the raw object is
// copied onto itself, which makes S3 announce it to transcode and index.
func (a *API) retry(w http.ResponseWriter, r *http.Request) error {
	_, u, err := a.load(r)
	if err != nil {
		return err
	}
	if u.Status != upload.Failed {
		return httpapi.NewError(http.StatusConflict, "upload_state").With("Status", string(u.Status))
	}
	if _, err := a.bucket.Head(r.Context(), u.Key); errors.Is(err, objectstore.ErrNotFound) {
		return httpapi.NewError(http.StatusConflict, "upload_missing")
	} else if err != nil {
		return err
	}
	next := upload.Touch(u, a.env.Clock.Now())
	next.Status, next.Reason, next.ReasonMessage, next.ProcessedETag = upload.Processing, "", "", ""
	if err := a.uploads.Save(r.Context(), next); errors.Is(err, upload.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	if err := a.bucket.Touch(r.Context(), u.Key, next.UpdatedAt.Format(time.RFC3339Nano)); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusAccepted, next)
	return nil
}

func init() {
	i18n.Register(
		i18n.Message{Key: "upload_sha256", Indonesian: "SHA-256 berkas harus 64 digit heksadesimal.", English: "The file's SHA-256 is 64 hexadecimal digits."},
		i18n.Message{Key: "upload_type_not_allowed", Indonesian: "Jenis berkas tidak diterima. Gunakan MP4, MOV, WebM, MP3, M4A, PDF, PPTX, PPT, DOCX, DOC, XLSX, PNG, JPEG atau WebP (nama dan jenis berkas harus sesuai).", English: "This file type is not accepted. Use MP4, MOV, WebM, MP3, M4A, PDF, PPTX, PPT, DOCX, DOC, XLSX, PNG, JPEG or WebP (name and type must agree)."},
		i18n.Message{Key: "upload_cover_image", Indonesian: "Sampul mata diklat harus gambar PNG, JPEG atau WebP.", English: "A course cover is a PNG, JPEG or WebP image."},
		i18n.Message{Key: "upload_question_image", Indonesian: "Gambar soal harus gambar PNG, JPEG atau WebP.", English: "A question's picture is a PNG, JPEG or WebP image."},
		i18n.Message{Key: "upload_too_large", Indonesian: "Berkas terlalu besar: paling besar {{.MaxMB}} MB untuk jenis ini.", English: "The file is too large: at most {{.MaxMB}} MB for this type."},
		i18n.Message{Key: "upload_assignment_no_file", Indonesian: "Tugas ini tidak menerima berkas.", English: "This assignment takes no file."},
		i18n.Message{Key: "upload_item_unknown", Indonesian: "Butir materi tidak ada di mata diklat ini.", English: "The item is not in this course."},
		i18n.Message{Key: "upload_item_kind", Indonesian: "Berkas ini tidak cocok untuk butir berjenis {{.Kind}}.", English: "This file does not fit an item of kind {{.Kind}}."},
		i18n.Message{Key: "storage_quota_exceeded", Indonesian: "Kuota penyimpanan lembaga habis ({{.UsedMB}} dari {{.QuotaMB}} MB terpakai).", English: "The institution's storage quota is used up ({{.UsedMB}} of {{.QuotaMB}} MB)."},
		i18n.Message{Key: "upload_not_found", Indonesian: "Unggahan tidak ditemukan.", English: "Upload not found."},
		i18n.Message{Key: "upload_state", Indonesian: "Unggahan berstatus {{.Status}}; tindakan ini tidak dapat dilakukan.", English: "The upload is {{.Status}}; this cannot be done now."},
		i18n.Message{Key: "upload_parts_count", Indonesian: "Minta 1 sampai 100 bagian sekaligus.", English: "Ask for 1 to 100 parts at a time."},
		i18n.Message{Key: "upload_part_range", Indonesian: "Nomor bagian antara 1 dan {{.Max}}.", English: "Part numbers are between 1 and {{.Max}}."},
		i18n.Message{Key: "upload_parts_missing", Indonesian: "Sebutkan ke-{{.Count}} bagian berurutan beserta ETag-nya.", English: "List all {{.Count}} parts in order with their ETags."},
		i18n.Message{Key: "upload_parts_invalid", Indonesian: "Bagian-bagian unggahan tidak lengkap atau tidak sesuai; unggah ulang bagian yang gagal.", English: "The upload's parts are incomplete or do not match; upload the failed parts again."},
		i18n.Message{Key: "upload_missing", Indonesian: "Berkas belum sampai di penyimpanan; unggah dulu.", English: "The file has not reached storage yet; upload it first."},
		i18n.Message{Key: "upload_size_mismatch", Indonesian: "Ukuran berkas yang diterima ({{.Received}} bita) tidak sama dengan yang dinyatakan ({{.Declared}} bita).", English: "The received size ({{.Received}} bytes) differs from the declared size ({{.Declared}} bytes)."},
	)
}
