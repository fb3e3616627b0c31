// Package certjob is the certificate worker: it runs a batch's mass
// certificate generation (or a unit training's: PSPKU participants) from a
// queue message. A run is idempotent: a
// participant who already has a number keeps it (the PDF is rendered again
// from the stored record, byte for byte the same), so a re-delivered
// message or a re-run never duplicates numbers.
package certjob

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/batch"
	"lms/shared/certificate"
	"lms/shared/claim"
	"lms/shared/clock"
	"lms/shared/notify"
	"lms/shared/objectstore"
	"lms/shared/tenancy"
)

// Objects is where certificates and logos live.
type Objects interface {
	Put(ctx context.Context, key string, body []byte, contentType string) error
	Get(ctx context.Context, key string, limit int64) ([]byte, error)
}

// Runner runs jobs.
type Runner struct {
	Certs   certificate.Store
	Batches batch.Store
	// Claims holds unit trainings (PSPKU) whose participants a job of
	// source claim certifies.
	Claims    claim.Store
	Tenants   tenancy.Store
	Objects   Objects
	WebOrigin string
	Now       func() time.Time
	Log       *slog.Logger
	// Workers render and store certificates in parallel (rendering is CPU,
	// storing is network: a few more than the cores keeps both busy).
	Workers int
	// Chunk is how many participants share one number allocation and one
	// progress update.
	Chunk int
	// Notices tells participants their certificate is ready.
	Notices notify.Publisher
}

// Settings returns a tenant's certificate settings with defaults filled in.
func Settings(ctx context.Context, certs certificate.Store, t tenancy.Tenant) (certificate.Settings, error) {
	s, _, err := certs.Settings(ctx, t.ID)
	if err != nil {
		return s, err
	}
	if s.NumberPrefix == "" {
		s.NumberPrefix = certificate.DefaultPrefix(t.ShortName)
	}
	if s.IDDisplay == "" {
		s.IDDisplay = certificate.IDMasked
	}
	return s, nil
}

// Run runs the job m names. It returns an error only for what a retry may
// cure (storage unavailable); per-participant problems become failure rows.
// lastAttempt marks the queue's final delivery: the job is then recorded
// as failed instead of left running.
func (r Runner) Run(ctx context.Context, m certificate.Message, lastAttempt bool) error {
	job, err := r.Certs.GetJob(ctx, m.TenantID, m.BatchID)
	if errors.Is(err, certificate.ErrNotFound) {
		r.Log.WarnContext(ctx, "certificate job gone", "job", m.String())
		return nil
	}
	if err != nil {
		return err
	}
	if job.ID != m.JobID || job.Status == certificate.JobDone || job.Status == certificate.JobFailed {
		// A duplicate delivery, or a run a newer one replaced.
		r.Log.InfoContext(ctx, "certificate job already settled", "job", m.String(), "status", string(job.Status))
		return nil
	}
	err = r.run(ctx, &job)
	if errors.Is(err, certificate.ErrConflict) {
		r.Log.InfoContext(ctx, "certificate job replaced by a newer run", "job", m.String())
		return nil
	}
	if err != nil && lastAttempt {
		job.Status, job.Error, job.FinishedAt, job.UpdatedAt = certificate.JobFailed, "Pembuatan sertifikat gagal; silakan ulangi.", r.Now(), r.Now()
		if serr := r.Certs.SaveJob(ctx, job); serr != nil {
			r.Log.ErrorContext(ctx, "cannot record failed job", "job", m.String(), "error", serr.Error())
		}
	}
	return err
}

// graduates is what a job certifies: the participants, the certificate
// they get (a template), and where each one's number is recorded.
type graduates struct {
	list     []batch.Enrollment
	template certificate.Certificate
	// key is the item that records a participant's number (their
	// enrollment, or a unit training's marker).
	key func(e batch.Enrollment) map[string]types.AttributeValue
	// number rereads a participant's recorded number after a conflict.
	number func(ctx context.Context, e batch.Enrollment) (string, error)
}

// batchGraduates reads a batch's completed participants.
func (r Runner) batchGraduates(ctx context.Context, job *certificate.Job) (*graduates, error) {
	b, err := r.Batches.Get(ctx, job.TenantID, job.BatchID)
	if errors.Is(err, batch.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	g := &graduates{template: certificate.Certificate{BatchID: b.ID, BatchName: b.Name, Training: Training(b), JP: b.TotalJP,
		StartDate: b.StartDate, EndDate: b.EndDate},
		key: func(e batch.Enrollment) map[string]types.AttributeValue {
			return batch.EnrollmentKey(e.TenantID, e.BatchID, e.UserID)
		},
		number: func(ctx context.Context, e batch.Enrollment) (string, error) {
			cur, err := r.Batches.GetEnrollment(ctx, e.TenantID, e.BatchID, e.UserID)
			return cur.CertificateNumber, err
		}}
	for cursor := ""; ; {
		page, err := r.Batches.Enrollments(ctx, job.TenantID, job.BatchID, 100, cursor)
		if err != nil {
			return nil, err
		}
		for _, e := range page.Items {
			if e.Status == batch.Enrolled && e.Completed {
				g.list = append(g.list, e)
			}
		}
		if cursor = page.NextCursor; cursor == "" {
			return g, nil
		}
	}
}

// claimGraduates reads an approved unit training's participants.
func (r Runner) claimGraduates(ctx context.Context, job *certificate.Job) (*graduates, error) {
	c, err := r.Claims.Get(ctx, job.TenantID, job.BatchID)
	if errors.Is(err, claim.ErrNotFound) || (err == nil && c.Status != claim.Approved) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	marks, err := r.Claims.Graduates(ctx, job.TenantID, c.ID)
	if err != nil {
		return nil, err
	}
	g := &graduates{template: certificate.Certificate{BatchID: c.ID, BatchName: c.Title, Training: c.Title, JP: c.CreditedJP,
		StartDate: c.StartDate, EndDate: c.EndDate},
		key: func(e batch.Enrollment) map[string]types.AttributeValue {
			return claim.GraduateKey(e.TenantID, e.BatchID, e.UserID)
		},
		number: func(ctx context.Context, e batch.Enrollment) (string, error) {
			m, err := r.Claims.Graduate(ctx, e.TenantID, e.BatchID, e.UserID)
			return m.CertificateNumber, err
		}}
	for _, m := range marks {
		g.list = append(g.list, batch.Enrollment{TenantID: c.TenantID, BatchID: c.ID, UserID: m.UserID, Username: m.NIP, Name: m.Name,
			Status: batch.Enrolled, Completed: true, CertificateNumber: m.CertificateNumber})
	}
	return g, nil
}

func (r Runner) run(ctx context.Context, job *certificate.Job) error {
	read, gone := r.batchGraduates, "Angkatan tidak ditemukan."
	if job.Source == certificate.SourceClaim {
		read, gone = r.claimGraduates, "Pelatihan unit kerja tidak ditemukan atau belum disetujui."
	}
	src, err := read(ctx, job)
	if err != nil {
		return err
	}
	if src == nil {
		job.Status, job.Error, job.FinishedAt, job.UpdatedAt = certificate.JobFailed, gone, r.Now(), r.Now()
		return r.Certs.SaveJob(ctx, *job)
	}
	tenant, err := r.Tenants.GetTenant(ctx, job.TenantID)
	if err != nil {
		return err
	}
	settings, err := Settings(ctx, r.Certs, tenant)
	if err != nil {
		return err
	}
	logo := r.logo(ctx, settings)
	graduates := src.list
	now := r.Now()
	*job = certificate.Job{TenantID: job.TenantID, BatchID: job.BatchID, ID: job.ID, Source: job.Source, Status: certificate.JobRunning,
		Total: len(graduates), Failures: []certificate.JobFailure{}, RequestedBy: job.RequestedBy, RequestedAt: job.RequestedAt,
		StartedAt: now, UpdatedAt: now}
	if err := r.Certs.SaveJob(ctx, *job); err != nil {
		return err
	}
	year := now.In(clock.Jakarta).Year()
	template := src.template
	template.TenantID, template.TenantName, template.IssuedAt, template.Status = tenant.ID, tenant.Name, now, certificate.Valid
	chunk := max(1, r.Chunk)
	for start := 0; start < len(graduates); start += chunk {
		part := graduates[start:min(len(graduates), start+chunk)]
		outcomes, err := r.issueChunk(ctx, part, src, template, settings, tenant, logo, year)
		if err != nil {
			return err
		}
		for _, o := range outcomes {
			job.Processed++
			switch {
			case o.failure != "":
				job.Failed++
				job.Failures = append(job.Failures, certificate.JobFailure{UserID: o.e.UserID, Name: o.e.Name, Reason: o.failure})
			case o.skipped:
				job.Skipped++
			case o.issued:
				job.Issued++
			}
		}
		job.UpdatedAt = r.Now()
		if err := r.Certs.SaveJob(ctx, *job); err != nil {
			return err
		}
	}
	job.Status, job.FinishedAt, job.UpdatedAt = certificate.JobDone, r.Now(), r.Now()
	return r.Certs.SaveJob(ctx, *job)
}

type outcome struct {
	e batch.Enrollment
	// number is the participant's certificate number; fresh when it was
	// just reserved and is not yet issued.
	number  string
	fresh   bool
	issued  bool
	skipped bool
	failure string
	err     error
}

// issueChunk certifies a chunk of graduates: one counter update reserves
// numbers for those who have none, then workers issue, render and store.
func (r Runner) issueChunk(ctx context.Context, part []batch.Enrollment, src *graduates, template certificate.Certificate,
	settings certificate.Settings, tenant tenancy.Tenant, logo *certificate.Logo, year int) ([]outcome, error) {
	need := 0
	for _, e := range part {
		if e.CertificateNumber == "" {
			need++
		}
	}
	var next int64
	if need > 0 {
		first, err := r.Certs.Allocate(ctx, tenant.ID, year, need)
		if err != nil {
			return nil, err
		}
		next = first
	}
	outcomes := make([]outcome, len(part))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(1, r.Workers) {
		wg.Go(func() {
			for i := range jobs {
				r.certify(ctx, &outcomes[i], src, template, settings, tenant, logo)
			}
		})
	}
	for i, e := range part {
		outcomes[i] = outcome{e: e, number: e.CertificateNumber}
		if e.CertificateNumber == "" {
			outcomes[i].number, outcomes[i].fresh = certificate.FormatNumber(settings.NumberPrefix, year, next), true
			next++
		}
	}
	for i := range part {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var ready []string
	for _, o := range outcomes {
		if o.err != nil {
			return nil, o.err
		}
		if o.issued && o.failure == "" {
			ready = append(ready, o.e.UserID)
		}
	}
	// One notice per chunk; the key names the training, and the notify
	// function keeps it once per participant, so a retried chunk tells
	// nobody twice.
	if len(ready) > 0 {
		r.Notices.Publish(ctx, notify.Message{Key: "certificate#" + template.BatchID, Event: notify.CertificateReady, TenantID: tenant.ID,
			UserIDs: ready, Data: map[string]string{"training": template.Training, "batchName": template.BatchName, "link": "/" + tenant.ID + "/sertifikat"}})
	}
	return outcomes, nil
}

// certify issues o's certificate (when its number is fresh) or reloads
// it, then renders and stores its PDF.
func (r Runner) certify(ctx context.Context, o *outcome, src *graduates, template certificate.Certificate,
	settings certificate.Settings, tenant tenancy.Tenant, logo *certificate.Logo) {
	e, number, fresh := o.e, o.number, o.fresh
	var c certificate.Certificate
	if fresh {
		c = template
		c.Number, c.UserID, c.Name, c.ObjectKey = number, e.UserID, e.Name, certificate.ObjectKey(tenant.ID, number)
		err := r.Certs.Issue(ctx, c, src.key(e))
		switch {
		case errors.Is(err, certificate.ErrConflict):
			// Someone else issued first (the number stays unused), or the
			// participant is no longer completed.
			cur, gerr := src.number(ctx, e)
			if gerr != nil {
				o.err = gerr
				return
			}
			if cur == "" {
				o.failure = "Peserta belum dinyatakan lulus."
				return
			}
			number, fresh = cur, false
			o.number = number
		case err != nil:
			o.err = err
			return
		default:
			o.issued = true
		}
	}
	if !fresh {
		var err error
		if c, err = r.Certs.Get(ctx, number); errors.Is(err, certificate.ErrNotFound) {
			o.failure = "Data sertifikat " + number + " tidak ditemukan."
			return
		} else if err != nil {
			o.err = err
			return
		}
		if c.Status == certificate.Revoked {
			o.skipped = true
			return
		}
	}
	var pdf bytes.Buffer
	page := certificate.Page{Certificate: c, ShownID: certificate.ShownID(settings.IDDisplay, e.Username), IDLabel: IDLabel(e.Username),
		Settings: settings, Primary: tenant.Colors.Primary, Secondary: tenant.Colors.Secondary, Logo: logo,
		VerifyURL: certificate.VerifyURL(r.WebOrigin, c.Number)}
	if err := certificate.Render(&pdf, page); err != nil {
		o.failure = "Sertifikat tidak dapat dibuat: " + err.Error()
		return
	}
	if err := r.Objects.Put(ctx, c.ObjectKey, pdf.Bytes(), "application/pdf"); err != nil {
		o.err = err
	}
}

// logo reads and decodes the tenant's logo; a certificate without a logo
// is better than none, so problems are logged, not returned.
func (r Runner) logo(ctx context.Context, s certificate.Settings) *certificate.Logo {
	if s.LogoKey == "" {
		return nil
	}
	data, err := r.Objects.Get(ctx, s.LogoKey, MaxLogoBytes)
	if err != nil {
		if !errors.Is(err, objectstore.ErrNotFound) {
			r.Log.WarnContext(ctx, "certificate logo unreadable", "error", err.Error())
		}
		return nil
	}
	logo, err := certificate.NewLogo(data)
	if err != nil {
		r.Log.WarnContext(ctx, "certificate logo undecodable", "error", err.Error())
		return nil
	}
	return logo
}

// MaxLogoBytes bounds a tenant's certificate logo.
const MaxLogoBytes = 256 << 10

// Training names what the batch trained: its courses' titles.
func Training(b batch.Batch) string {
	out := ""
	for i, c := range b.Courses {
		if i > 0 {
			out += ", "
		}
		out += c.Title
	}
	if out == "" {
		return b.Name
	}
	return out
}

// IDLabel tells a NIP (18 digits) from a NIK (16).
func IDLabel(username string) string {
	if len(username) == 18 {
		return "NIP"
	}
	return "NIK"
}
