// Package batchapi is the HTTP API of the batch function: batches
// (angkatan) and enrollment. Admins run batches; participants enroll
// themselves as the batch's policy allows; a seat opens the batch's courses.
package batchapi

import (
	"errors"
	"net/http"
	"regexp"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/access"
	"lms/shared/accounts"
	"lms/shared/appenv"
	"lms/shared/assignment"
	"lms/shared/awsclient"
	"lms/shared/batch"
	"lms/shared/certificate"
	"lms/shared/course"
	"lms/shared/directory"
	"lms/shared/health"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/jp"
	"lms/shared/notify"
	"lms/shared/objectstore"
	"lms/shared/progress"
	"lms/shared/queue"
	"lms/shared/quiz"
	"lms/shared/tenancy"
)

// API holds the batch function's dependencies.
type API struct {
	env      appenv.Env
	batches  batch.Store
	courses  course.Store
	progress progress.Store
	members  tenancy.Store
	guard    access.Guard
	accounts accounts.Service
	certs    certificate.Store
	ledger   jp.Store
	quizzes  quiz.Store
	// assignments holds submissions (for the gradebook).
	assignments assignment.Store
	queue       JobQueue
	objects     Objects
	clientID    string
	// notices publishes participants' notifications (shared/notify).
	notices notify.Publisher
}

// New returns the function's router.
func New(env appenv.Env) *httpapi.Router {
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	members := tenancy.Store{DB: db, Table: t}
	a := &API{env: env, batches: batch.Store{DB: db, Table: t}, courses: course.Store{DB: db, Table: t},
		progress: progress.Store{DB: db, Table: t}, members: members, guard: access.Guard{Load: members}, clientID: env.Config.UserPoolClientID,
		notices: notify.NewPublisher(env.AWS, env.Config.NotificationQueueURL, env.Log)}
	dir := directory.Cognito{Client: cognitoidentityprovider.NewFromConfig(env.AWS), PoolID: env.Config.UserPoolID,
		ClientID: env.Config.UserPoolClientID, SendInvites: env.Config.SendInviteEmails}
	a.certs = certificate.Store{DB: db, Table: t}
	a.ledger = jp.Store{DB: db, Table: t}
	a.quizzes = quiz.Store{DB: db, Table: t}
	a.assignments = assignment.Store{DB: db, Table: t}
	a.queue = queue.New(env.AWS, env.Config.CertificateQueueURL)
	a.objects = objectstore.New(awsclient.S3(env.AWS, env.Config.S3UsePathStyle), env.Config.MaterialsBucket)
	a.accounts = accounts.Service{Store: members, Dir: dir, Invites: env.Config.SendInviteEmails, Now: func() time.Time { return env.Clock.Now() }}
	rt := httpapi.NewRouter(env.Log).ForFunction("batch")
	rt.Handle(http.MethodGet, "/health/batch", health.Function("batch", env.Config.UserPoolClientID))
	const b = "/tenants/{tenantId}/batches"
	rt.Handle(http.MethodGet, b, a.list)
	rt.Handle(http.MethodPost, b, a.create)
	rt.Handle(http.MethodGet, b+"/{batchId}", a.get)
	rt.Handle(http.MethodPatch, b+"/{batchId}", a.update)
	rt.Handle(http.MethodPost, b+"/{batchId}/enrollments", a.enroll)
	rt.Handle(http.MethodGet, b+"/{batchId}/enrollments", a.listEnrollments)
	rt.Handle(http.MethodPost, b+"/{batchId}/enrollments/import", a.importEnrollments)
	rt.Handle(http.MethodPost, b+"/{batchId}/enrollments/{userId}/approve", a.approve)
	rt.Handle(http.MethodPost, b+"/{batchId}/enrollments/{userId}/reject", a.reject)
	rt.Handle(http.MethodPost, b+"/{batchId}/enrollments/{userId}/withdraw", a.withdraw)
	rt.Handle(http.MethodPost, b+"/{batchId}/enrollments/{userId}/complete", a.complete)
	rt.Handle(http.MethodGet, b+"/{batchId}/report", a.report)
	rt.Handle(http.MethodGet, b+"/{batchId}/gradebook", a.gradebook)
	rt.Handle(http.MethodGet, b+"/{batchId}/evaluation", a.getEvaluation)
	rt.Handle(http.MethodPut, b+"/{batchId}/evaluation", a.putEvaluation)
	rt.Handle(http.MethodPost, b+"/{batchId}/evaluation/responses", a.respond)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/me/batches", a.myBatches)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/me/jp", a.myJP)
	rt.Handle(http.MethodPost, b+"/{batchId}/certificates", a.startCertificates)
	rt.Handle(http.MethodGet, b+"/{batchId}/certificates/job", a.certificateJob)
	rt.Handle(http.MethodGet, b+"/{batchId}/certificates", a.batchCertificates)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/me/certificates", a.myCertificates)
	rt.Handle(http.MethodPost, "/tenants/{tenantId}/certificates/{number}/revoke", a.revokeCertificate)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/certificate-settings", a.getCertificateSettings)
	rt.Handle(http.MethodPut, "/tenants/{tenantId}/certificate-settings", a.putCertificateSettings)
	rt.Handle(http.MethodGet, "/certificates/{number}", a.verifyCertificate)
	return rt
}

// follows reports whether the caller runs or follows the batch's
// participants: admins, the batch's instructors and PICs.
func follows(c access.Caller, b batch.Batch) bool {
	if c.Is(tenancy.RoleAdmin) {
		return true
	}
	// Being named on the batch counts only while still staff: a demoted
	// instructor or PIC loses the participant list with the role.
	return c.Is(tenancy.RoleInstructor) && (slices.Contains(b.InstructorIDs, c.Principal.Sub) || slices.Contains(b.PICIDs, c.Principal.Sub))
}

// load reads the path's batch; a draft is invisible to all but admins.
func (a *API) load(r *http.Request, c access.Caller) (batch.Batch, error) {
	id := httpapi.PathParam(r, "batchId")
	if !ids.Valid(id) {
		return batch.Batch{}, httpapi.ErrNotFound()
	}
	b, err := a.batches.Get(r.Context(), c.Tenant.ID, id)
	if errors.Is(err, batch.ErrNotFound) || (err == nil && b.Status == batch.StatusDraft && !c.Is(tenancy.RoleAdmin)) {
		return batch.Batch{}, httpapi.ErrNotFound()
	}
	return b, err
}

// grants are the transaction elements that open the batch's courses.
func (a *API) grants(b batch.Batch, userID string, now time.Time) []types.TransactWriteItem {
	out := make([]types.TransactWriteItem, 0, len(b.Courses))
	for _, c := range b.Courses {
		out = append(out, a.progress.GrantWrite(b.TenantID, userID, c, b.ID, now))
	}
	return out
}

func storeError(err error) error {
	switch {
	case errors.Is(err, batch.ErrNotFound):
		return httpapi.ErrNotFound()
	case errors.Is(err, batch.ErrConflict):
		return httpapi.NewError(http.StatusConflict, "conflict")
	case errors.Is(err, batch.ErrFull):
		return httpapi.NewError(http.StatusConflict, "batch_full")
	case errors.Is(err, batch.ErrExists):
		return httpapi.NewError(http.StatusConflict, "already_enrolled")
	}
	return err
}

var (
	codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$`)
	datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

func init() {
	i18n.Register(
		i18n.Message{Key: "batch_full", Indonesian: "Kuota angkatan sudah penuh.", English: "The batch is full."},
		i18n.Message{Key: "already_enrolled", Indonesian: "Peserta sudah terdaftar di angkatan ini.", English: "The participant is already in this batch."},
		i18n.Message{Key: "batch_not_open", Indonesian: "Pendaftaran angkatan ini sedang tidak dibuka.", English: "Registration for this batch is not open."},
		i18n.Message{Key: "batch_admin_only", Indonesian: "Peserta angkatan ini didaftarkan oleh penyelenggara.", English: "Participants of this batch are enrolled by the organiser."},
		i18n.Message{Key: "batch_status_transition", Indonesian: "Status angkatan tidak dapat diubah dari {{.From}} ke {{.To}}.", English: "The batch cannot go from {{.From}} to {{.To}}."},
		i18n.Message{Key: "batch_course_invalid", Indonesian: "Mata diklat harus ada dan sudah diterbitkan.", English: "Courses must exist and be published."},
		i18n.Message{Key: "batch_dates_invalid", Indonesian: "Tanggal harus berformat YYYY-MM-DD dan tanggal selesai tidak sebelum tanggal mulai.", English: "Dates are YYYY-MM-DD and the end is not before the start."},
		i18n.Message{Key: "batch_capacity_invalid", Indonesian: "Kuota harus antara 1 dan 10000 dan tidak kurang dari peserta yang sudah terdaftar.", English: "Capacity is between 1 and 10000 and not below the participants already enrolled."},
		i18n.Message{Key: "batch_member_invalid", Indonesian: "Harus anggota aktif lembaga.", English: "Must be active members of the institution."},
		i18n.Message{Key: "enrollment_completed", Indonesian: "Peserta sudah lulus dari angkatan ini; kelulusan dibatalkan dulu oleh penyelenggara bila perlu.", English: "The participant has completed this batch; an admin must take the completion back first."},
		i18n.Message{Key: "batch_courses_locked", Indonesian: "Mata diklat tidak dapat diubah setelah ada peserta terdaftar.", English: "Courses cannot change once participants are enrolled."},
		i18n.Message{Key: "evaluation_not_defined", Indonesian: "Formulir evaluasi angkatan ini belum dibuat.", English: "This batch has no evaluation form yet."},
		i18n.Message{Key: "evaluation_locked", Indonesian: "Formulir evaluasi sudah diisi peserta dan tidak dapat diubah lagi.", English: "Participants have answered the evaluation form; it can no longer change."},
		i18n.Message{Key: "evaluation_answered", Indonesian: "Anda sudah mengisi evaluasi ini.", English: "You have already answered this evaluation."},
		i18n.Message{Key: "evaluation_questions_count", Indonesian: "Formulir memuat 1 sampai 30 pertanyaan.", English: "A form has 1 to 30 questions."},
		i18n.Message{Key: "evaluation_options", Indonesian: "Pilihan jawaban 2 sampai 10, tanpa pengulangan.", English: "2 to 10 distinct options."},
		i18n.Message{Key: "evaluation_scale", Indonesian: "Jawaban harus angka 1 sampai 5.", English: "The answer must be a number from 1 to 5."},
		i18n.Message{Key: "unknown_question", Indonesian: "Pertanyaan tidak dikenal.", English: "Unknown question."},
		i18n.Message{Key: "completion_unchanged", Indonesian: "Status kelulusan peserta sudah seperti itu.", English: "The participant's completion is already so."},
		i18n.Message{Key: "enrollment_state", Indonesian: "Pendaftaran ini tidak dalam status yang memungkinkan tindakan tersebut.", English: "This enrollment is not in a state that allows this."},
	)
}
