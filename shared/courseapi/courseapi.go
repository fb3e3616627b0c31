// Package courseapi is the HTTP API of the course function: courses (mata
// diklat), their sections and items. Admins edit every course of their
// tenant; instructors create courses and edit the ones they teach.
package courseapi

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"slices"

	"lms/shared/access"
	"lms/shared/appenv"
	"lms/shared/assignment"
	"lms/shared/awsclient"
	"lms/shared/batch"
	"lms/shared/course"
	"lms/shared/delivery"
	"lms/shared/health"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/objectstore"
	"lms/shared/progress"
	"lms/shared/queue"
	"lms/shared/quiz"
	"lms/shared/tenancy"
	"lms/shared/upload"
)

// API holds the course function's dependencies.
type API struct {
	env      appenv.Env
	courses  course.Store
	batches  batch.Store
	progress progress.Store
	members  tenancy.Store
	guard    access.Guard
	clientID string
	// changes announces edited courses to the index function.
	changes Announcer
	// Delivery of materials: their uploads, the bucket, the link signer.
	uploads upload.Store
	bucket  Media
	signer  delivery.Signer
	// quizzes holds question banks and attempts; assignments submissions.
	quizzes     quiz.Store
	assignments assignment.Store
}

// Announcer sends a course.Changed message.
type Announcer interface {
	Send(ctx context.Context, v any) error
}

type silent struct{}

func (silent) Send(context.Context, any) error { return nil }

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// announcing runs an editing handler and, when it succeeded, tells the
// index function the course changed. A lost announcement is logged, not
// returned: the edit is stored, and the next edit or a re-index request
// brings search up to date.
func (a *API) announcing(h httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		if err := h(sw, r); err != nil {
			return err
		}
		if sw.status < 300 {
			msg := course.Changed{TenantID: httpapi.PathParam(r, "tenantId"), CourseID: httpapi.PathParam(r, "courseId")}
			if err := a.changes.Send(r.Context(), msg); err != nil {
				a.env.Log.WarnContext(r.Context(), "search not told of a course change", "courseId", msg.CourseID, "error", err.Error())
			}
		}
		return nil
	}
}

// New returns the function's router.
func New(env appenv.Env) *httpapi.Router {
	db := awsclient.DynamoDB(env.AWS)
	members := tenancy.Store{DB: db, Table: env.Config.TableName}
	a := &API{env: env, courses: course.Store{DB: db, Table: env.Config.TableName}, members: members,
		progress: progress.Store{DB: db, Table: env.Config.TableName}, batches: batch.Store{DB: db, Table: env.Config.TableName},
		guard: access.Guard{Load: members}, clientID: env.Config.UserPoolClientID, changes: silent{}}
	if env.Config.IndexQueueURL != "" {
		a.changes = queue.New(env.AWS, env.Config.IndexQueueURL)
	}
	bucket := objectstore.New(awsclient.S3(env.AWS, env.Config.S3UsePathStyle), env.Config.MaterialsBucket)
	a.uploads, a.bucket, a.signer = upload.Store{DB: db, Table: env.Config.TableName}, bucket, bucket
	a.quizzes = quiz.Store{DB: db, Table: env.Config.TableName}
	a.assignments = assignment.Store{DB: db, Table: env.Config.TableName}
	if cfg := env.Config; cfg.MediaDomain != "" && cfg.MediaKeyID != "" && cfg.MediaSigningKey != "" {
		cf, err := delivery.NewCloudFront(cfg.MediaDomain, cfg.MediaKeyID, cfg.MediaSigningKey)
		if err != nil {
			// Presigned S3 links still work; the operator sees why in the log.
			env.Log.Error("media signing key unusable: falling back to presigned S3 links", "error", err.Error())
		} else {
			a.signer = delivery.Split{Derived: cf, Other: bucket}
		}
	}
	rt := httpapi.NewRouter(env.Log).ForFunction("course")
	rt.Handle(http.MethodGet, "/health/course", health.Function("course", env.Config.UserPoolClientID))
	const c = "/tenants/{tenantId}/courses"
	rt.Handle(http.MethodGet, c, a.list)
	rt.Handle(http.MethodPost, c, a.create)
	rt.Handle(http.MethodGet, c+"/{courseId}", a.get)
	rt.Handle(http.MethodPatch, c+"/{courseId}", a.announcing(a.update))
	rt.Handle(http.MethodDelete, c+"/{courseId}", a.announcing(a.remove))
	rt.Handle(http.MethodPost, c+"/{courseId}/publish", a.announcing(a.publish))
	rt.Handle(http.MethodPost, c+"/{courseId}/archive", a.announcing(a.archive))
	rt.Handle(http.MethodPost, c+"/{courseId}/duplicate", a.duplicate)
	rt.Handle(http.MethodPost, c+"/{courseId}/sections", a.announcing(a.addSection))
	rt.Handle(http.MethodPatch, c+"/{courseId}/sections/{sectionId}", a.announcing(a.updateSection))
	rt.Handle(http.MethodDelete, c+"/{courseId}/sections/{sectionId}", a.announcing(a.removeSection))
	rt.Handle(http.MethodPost, c+"/{courseId}/items", a.announcing(a.addItem))
	rt.Handle(http.MethodPatch, c+"/{courseId}/items/{itemId}", a.announcing(a.updateItem))
	rt.Handle(http.MethodDelete, c+"/{courseId}/items/{itemId}", a.announcing(a.removeItem))
	rt.Handle(http.MethodPut, c+"/{courseId}/order", a.announcing(a.reorder))
	rt.Handle(http.MethodGet, c+"/{courseId}/items/{itemId}/content", a.content)
	rt.Handle(http.MethodGet, c+"/{courseId}/items/{itemId}/media/{file+}", a.media)
	rt.Handle(http.MethodPut, c+"/{courseId}/items/{itemId}/progress", a.recordProgress)
	rt.Handle(http.MethodGet, c+"/{courseId}/progress", a.monitor)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/me/learning", a.myLearning)
	rt.Handle(http.MethodGet, c+"/{courseId}/questions", a.listQuestions)
	rt.Handle(http.MethodPost, c+"/{courseId}/questions", a.createQuestion)
	rt.Handle(http.MethodGet, c+"/{courseId}/questions/export", a.exportQuestions)
	rt.Handle(http.MethodPost, c+"/{courseId}/questions/import", a.importQuestions)
	rt.Handle(http.MethodGet, c+"/{courseId}/questions/{questionId}", a.getQuestion)
	rt.Handle(http.MethodPatch, c+"/{courseId}/questions/{questionId}", a.updateQuestion)
	rt.Handle(http.MethodDelete, c+"/{courseId}/questions/{questionId}", a.deleteQuestion)
	const at = c + "/{courseId}/items/{itemId}/attempts"
	rt.Handle(http.MethodPost, at, a.startAttempt)
	rt.Handle(http.MethodGet, at, a.listAttempts)
	rt.Handle(http.MethodGet, at+"/{attemptId}", a.getAttempt)
	rt.Handle(http.MethodPut, at+"/{attemptId}", a.saveAnswers)
	rt.Handle(http.MethodPost, at+"/{attemptId}/submit", a.submitAttempt)
	rt.Handle(http.MethodPost, at+"/{attemptId}/grade", a.gradeAttempt)
	const sub = c + "/{courseId}/items/{itemId}"
	rt.Handle(http.MethodPut, sub+"/submission", a.submit)
	rt.Handle(http.MethodGet, sub+"/submissions", a.submissions)
	rt.Handle(http.MethodPost, sub+"/submissions/grades", a.gradeSubmissions)
	return rt
}

// canEdit: admins edit every course, instructors the ones they teach.
func canEdit(c access.Caller, crs course.Course) bool {
	return crs.EditableBy(c.Principal.Sub, c.Is(tenancy.RoleAdmin))
}

// canSee: staff who may edit, and every instructor once it is published.
func canSee(c access.Caller, crs course.Course) bool {
	return canEdit(c, crs) || crs.Status == course.StatusPublished
}

// loadOutline reads the path's course for a caller who must see it (a
// course they may not see answers 404, so drafts stay unknown).
func (a *API) loadOutline(r *http.Request, c access.Caller) (course.Outline, error) {
	id := httpapi.PathParam(r, "courseId")
	if !ids.Valid(id) {
		return course.Outline{}, httpapi.ErrNotFound()
	}
	o, err := a.courses.Outline(r.Context(), c.Tenant.ID, id)
	if errors.Is(err, course.ErrNotFound) || (err == nil && !canSee(c, o.Course)) {
		return course.Outline{}, httpapi.ErrNotFound()
	}
	return o, err
}

// editable authorises an edit of the path's course and returns its outline
// with the course's version already advanced for the write.
func (a *API) editable(r *http.Request) (access.Caller, course.Outline, error) {
	c, o, err := a.editableCourse(r)
	if err != nil {
		return c, o, err
	}
	o.Course.Version++
	o.Course.UpdatedAt = a.env.Clock.Now()
	return c, o, nil
}

func storeError(err error) error {
	switch {
	case errors.Is(err, course.ErrConflict):
		return httpapi.NewError(http.StatusConflict, "conflict")
	case errors.Is(err, course.ErrExists):
		return httpapi.NewError(http.StatusConflict, "course_code_taken")
	case errors.Is(err, course.ErrNotFound):
		return httpapi.ErrNotFound()
	case errors.Is(err, course.ErrTooLarge):
		return httpapi.NewError(http.StatusConflict, "course_change_too_large")
	}
	return err
}

var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{1,29}$`)

func checkTags(v *httpapi.Validation, tags []string) []string {
	out := []string{}
	for _, t := range tags {
		t = httpapi.CleanText(t)
		if t == "" || slices.Contains(out, t) {
			continue
		}
		v.Length("tags", t, 1, 40, false)
		out = append(out, t)
	}
	if len(out) > 10 {
		v.Add("tags", "course_too_many_tags", nil)
	}
	return out
}

func init() {
	i18n.Register(
		i18n.Message{Key: "course_code_taken", Indonesian: "Kode mata diklat sudah dipakai di lembaga ini.", English: "The course code is already used in this institution."},
		i18n.Message{Key: "course_code_invalid", Indonesian: "Kode 2-30 karakter: huruf, angka, titik, garis bawah, atau tanda hubung.", English: "The code has 2-30 characters: letters, digits, dots, underscores or hyphens."},
		i18n.Message{Key: "course_too_many_tags", Indonesian: "Paling banyak 10 tag.", English: "At most 10 tags."},
		i18n.Message{Key: "course_jp_invalid", Indonesian: "JP harus antara 0 dan 1000.", English: "JP must be between 0 and 1000."},
		i18n.Message{Key: "course_instructor_invalid", Indonesian: "Widyaiswara harus anggota aktif lembaga dengan peran instruktur atau admin.", English: "Instructors must be active members of the institution with the instructor or admin role."},
		i18n.Message{Key: "course_published_archive_instead", Indonesian: "Mata diklat yang pernah diterbitkan tidak dapat dihapus; arsipkan saja.", English: "A course that was ever published cannot be deleted; archive it instead."},
		i18n.Message{Key: "course_empty", Indonesian: "Tambahkan setidaknya satu materi sebelum menerbitkan.", English: "Add at least one item before publishing."},
		i18n.Message{Key: "course_change_too_large", Indonesian: "Perubahan ini terlalu besar untuk sekali simpan; hapus sebagian materi terlebih dahulu.", English: "This change is too large to save at once; delete some items first."},
		i18n.Message{Key: "course_status_transition", Indonesian: "Status mata diklat tidak dapat diubah dari {{.From}} ke {{.To}}.", English: "The course cannot go from {{.From}} to {{.To}}."},
		i18n.Message{Key: "order_mismatch", Indonesian: "Urutan harus memuat tepat semua bagian dan materi mata diklat ini, masing-masing sekali.", English: "The order must list exactly every section and item of this course, each once."},
		i18n.Message{Key: "item_kind_fields", Indonesian: "Isian ini tidak berlaku untuk jenis materi {{.Kind}}.", English: "This field does not apply to items of kind {{.Kind}}."},
		i18n.Message{Key: "material_not_ready", Indonesian: "Materi ini belum siap (status: {{.Status}}). Coba lagi nanti.", English: "This material is not ready yet (status: {{.Status}}). Try again later."},
		i18n.Message{Key: "section_not_found", Indonesian: "Bagian tidak ditemukan di mata diklat ini.", English: "No such section in this course."},
	)
}
