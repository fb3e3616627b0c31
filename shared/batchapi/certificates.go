package batchapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"image"
	"net/http"
	"strings"
	"time"

	"lms/shared/access"
	"lms/shared/batch"
	"lms/shared/certificate"
	"lms/shared/certjob"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/pagecursor"
)

// JobQueue carries mass generation jobs (certificate.Message) to the
// certificate worker.
type JobQueue interface {
	Send(ctx context.Context, m any) error
}

// Objects is what the API reads and writes in the materials bucket.
type Objects interface {
	Put(ctx context.Context, key string, body []byte, contentType string) error
	Delete(ctx context.Context, key string) error
	DownloadURL(ctx context.Context, key string, ttl time.Duration, fileName string) (string, error)
}

// jobStale is how long a queued or running job may go without progress
// before an admin may start another (a worker updates it every chunk).
const jobStale = 15 * time.Minute

// downloadTTL bounds a certificate download link.
const downloadTTL = 5 * time.Minute

// startCertificates queues mass generation for a running or finished
// batch's graduates. Starting again while a job is active is refused; a
// finished job may be re-run: numbers already issued are kept.
func (a *API) startCertificates(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	if err := httpapi.DecodeOptionalJSON(r, &struct{}{}, 1<<10); err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	if b.Status != batch.StatusRunning && b.Status != batch.StatusFinished {
		return httpapi.NewError(http.StatusConflict, "certificate_batch_state")
	}
	now := a.env.Clock.Now()
	job := certificate.Job{TenantID: c.Tenant.ID, BatchID: b.ID, ID: ids.New(now), Status: certificate.JobQueued,
		Failures: []certificate.JobFailure{}, RequestedBy: c.Principal.Sub, RequestedAt: now, UpdatedAt: now}
	if err := a.certs.StartJob(r.Context(), job, jobStale); errors.Is(err, certificate.ErrJobActive) {
		cur, gerr := a.certs.GetJob(r.Context(), c.Tenant.ID, b.ID)
		if gerr != nil {
			return gerr
		}
		return httpapi.NewError(http.StatusConflict, "certificate_job_running").WithDetails(cur)
	} else if err != nil {
		return err
	}
	if err := a.queue.Send(r.Context(), certificate.Message{TenantID: job.TenantID, BatchID: job.BatchID, JobID: job.ID}); err != nil {
		job.Status, job.Error, job.FinishedAt, job.UpdatedAt = certificate.JobFailed, "Antrean pembuatan sertifikat tidak tersedia.", now, now
		if serr := a.certs.SaveJob(r.Context(), job); serr != nil {
			a.env.Log.ErrorContext(r.Context(), "cannot record unqueued job", "error", serr.Error())
		}
		e := httpapi.NewError(http.StatusServiceUnavailable, "certificate_queue_unavailable")
		e.Cause = err
		return e
	}
	httpapi.WriteJSON(w, http.StatusAccepted, job)
	return nil
}

// certificateJob answers the progress of a batch's latest job.
func (a *API) certificateJob(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	job, err := a.certs.GetJob(r.Context(), c.Tenant.ID, b.ID)
	if errors.Is(err, certificate.ErrNotFound) {
		return httpapi.NewError(http.StatusNotFound, "certificate_job_none")
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, job)
	return nil
}

// issued is a certificate as its owner and the tenant's staff list it:
// with a short-lived download link.
type issued struct {
	certificate.Certificate
	DownloadURL string `json:"downloadUrl"`
}

func (a *API) withLinks(ctx context.Context, page pagecursor.Page[certificate.Certificate]) (pagecursor.Page[issued], error) {
	out := pagecursor.Page[issued]{Items: make([]issued, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, c := range page.Items {
		u, err := a.objects.DownloadURL(ctx, c.ObjectKey, downloadTTL, "Sertifikat-"+c.Number+".pdf")
		if err != nil {
			return out, err
		}
		out.Items = append(out.Items, issued{Certificate: c, DownloadURL: u})
	}
	return out, nil
}

// batchCertificates lists a batch's certificates for its staff.
func (a *API) batchCertificates(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchView)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	if !follows(c, b) {
		return httpapi.ErrForbidden()
	}
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	page, err := a.certs.OfBatch(r.Context(), c.Tenant.ID, b.ID, limit, cursor)
	if err != nil {
		return httpapi.PageError(r, err)
	}
	out, err := a.withLinks(r.Context(), page)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// myCertificates lists the caller's certificates in the tenant.
func (a *API) myCertificates(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchView)
	if err != nil {
		return err
	}
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	page, err := a.certs.OfUser(r.Context(), c.Tenant.ID, c.Principal.Sub, limit, cursor)
	if err != nil {
		return httpapi.PageError(r, err)
	}
	// The holder learns why a certificate was revoked, not which admin did it.
	for i := range page.Items {
		page.Items[i].RevokedBy = ""
	}
	out, err := a.withLinks(r.Context(), page)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// verifyCertificate is the public check of a number: valid or revoked,
// with the minimum anyone needs to trust it and never the NIK or NIP.
func (a *API) verifyCertificate(w http.ResponseWriter, r *http.Request) error {
	number := httpapi.PathParam(r, "number")
	if _, ok := certificate.ParseNumber(number); !ok {
		return httpapi.NewError(http.StatusNotFound, "certificate_not_found")
	}
	c, err := a.certs.Get(r.Context(), number)
	if errors.Is(err, certificate.ErrNotFound) {
		return httpapi.NewError(http.StatusNotFound, "certificate_not_found")
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	httpapi.WriteJSON(w, http.StatusOK, c.Verify())
	return nil
}

// revokeCertificate lets an admin of the issuing tenant revoke a
// certificate with a reason; verification answers "revoked" from then on.
func (a *API) revokeCertificate(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	reason, err := decodeReason(r)
	if err != nil {
		return err
	}
	number := httpapi.PathParam(r, "number")
	if _, ok := certificate.ParseNumber(number); !ok {
		return httpapi.NewError(http.StatusNotFound, "certificate_not_found")
	}
	cert, err := a.certs.Revoke(r.Context(), c.Tenant.ID, number, c.Principal.Sub, reason, a.env.Clock.Now())
	switch {
	case errors.Is(err, certificate.ErrNotFound):
		return httpapi.NewError(http.StatusNotFound, "certificate_not_found")
	case errors.Is(err, certificate.ErrRevoked):
		return httpapi.NewError(http.StatusConflict, "certificate_revoked")
	case err != nil:
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, cert)
	return nil
}

// settingsView is the tenant's certificate settings as the API shows them.
type settingsView struct {
	certificate.Settings
	HasLogo bool `json:"hasLogo"`
}

func (a *API) currentSettings(ctx context.Context, c access.Caller) (certificate.Settings, error) {
	return certjob.Settings(ctx, a.certs, c.Tenant)
}

func (a *API) getCertificateSettings(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	s, err := a.currentSettings(r.Context(), c)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, settingsView{Settings: s, HasLogo: s.LogoKey != ""})
	return nil
}

type settingsRequest struct {
	NumberPrefix   string                `json:"numberPrefix"`
	IDDisplay      certificate.IDDisplay `json:"idDisplay"`
	SignatoryName  string                `json:"signatoryName"`
	SignatoryTitle string                `json:"signatoryTitle"`
	SignatoryNIP   string                `json:"signatoryNip"`
	City           string                `json:"city"`
	// Logo, if given, replaces the logo: a PNG or JPEG, base64.
	Logo *string `json:"logo"`
	// RemoveLogo drops the logo.
	RemoveLogo bool `json:"removeLogo"`
	Version    int  `json:"version"`
}

// putCertificateSettings saves the tenant's certificate settings (and
// logo). Version is the settings' current version (0 before the first save).
func (a *API) putCertificateSettings(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	var in settingsRequest
	if err := httpapi.DecodeJSON(r, &in, 400<<10); err != nil {
		return err
	}
	in.NumberPrefix = strings.ToUpper(strings.TrimSpace(in.NumberPrefix))
	in.SignatoryName, in.SignatoryTitle, in.City = httpapi.CleanText(in.SignatoryName), httpapi.CleanText(in.SignatoryTitle), httpapi.CleanText(in.City)
	in.SignatoryNIP = strings.TrimSpace(in.SignatoryNIP)
	v := httpapi.NewValidation(r)
	v.Check(certificate.ValidPrefix(in.NumberPrefix), "numberPrefix", "certificate_prefix", nil)
	v.Check(in.IDDisplay == certificate.IDFull || in.IDDisplay == certificate.IDMasked || in.IDDisplay == certificate.IDOmitted,
		"idDisplay", "field_one_of", map[string]any{"Values": "full, masked, omitted"})
	v.Length("signatoryName", in.SignatoryName, 3, 120, true)
	v.Length("signatoryTitle", in.SignatoryTitle, 3, 120, true)
	v.Length("city", in.City, 2, 60, true)
	v.Check(in.SignatoryNIP == "" || (len(in.SignatoryNIP) == 18 && strings.Trim(in.SignatoryNIP, "0123456789") == ""), "signatoryNip", "field_invalid", nil)
	v.Check(in.Version >= 0, "version", "field_invalid", nil)
	var logo []byte
	var logoType string
	if in.Logo != nil && !in.RemoveLogo {
		data, err := base64.StdEncoding.DecodeString(*in.Logo)
		switch {
		case err != nil || len(data) == 0:
			v.Add("logo", "certificate_logo", nil)
		case len(data) > certjob.MaxLogoBytes:
			v.Add("logo", "certificate_logo", nil)
		default:
			cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil || (format != "png" && format != "jpeg") || cfg.Width > 2000 || cfg.Height > 2000 || cfg.Width < 16 || cfg.Height < 16 {
				v.Add("logo", "certificate_logo", nil)
			} else if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
				v.Add("logo", "certificate_logo", nil)
			}
			logo, logoType = data, "image/"+format
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	cur, err := a.currentSettings(r.Context(), c)
	if err != nil {
		return err
	}
	if cur.Version != in.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	s := certificate.Settings{TenantID: c.Tenant.ID, NumberPrefix: in.NumberPrefix, IDDisplay: in.IDDisplay, SignatoryName: in.SignatoryName,
		SignatoryTitle: in.SignatoryTitle, SignatoryNIP: in.SignatoryNIP, City: in.City, LogoKey: cur.LogoKey,
		UpdatedAt: a.env.Clock.Now(), Version: cur.Version + 1}
	// The logo is stored under a key of its own version, so the settings
	// never point at a logo that is not there yet (or any more).
	if logo != nil {
		s.LogoKey = "branding/" + c.Tenant.ID + "/certificate-logo-" + ids.New(s.UpdatedAt)
		if err := a.objects.Put(r.Context(), s.LogoKey, logo, logoType); err != nil {
			return err
		}
	}
	if in.RemoveLogo {
		s.LogoKey = ""
	}
	if err := a.certs.PutSettings(r.Context(), s); errors.Is(err, certificate.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	if cur.LogoKey != "" && cur.LogoKey != s.LogoKey {
		if err := a.objects.Delete(r.Context(), cur.LogoKey); err != nil {
			a.env.Log.WarnContext(r.Context(), "old certificate logo left behind", "error", err.Error())
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, settingsView{Settings: s, HasLogo: s.LogoKey != ""})
	return nil
}

func init() {
	i18n.Register(
		i18n.Message{Key: "certificate_batch_state", Indonesian: "Sertifikat dibuat setelah angkatan berjalan atau selesai.", English: "Certificates are made once the batch is running or finished."},
		i18n.Message{Key: "certificate_job_running", Indonesian: "Pembuatan sertifikat angkatan ini masih berjalan.", English: "Certificates of this batch are still being made."},
		i18n.Message{Key: "certificate_queue_unavailable", Indonesian: "Antrean pembuatan sertifikat sedang tidak tersedia; coba lagi sebentar lagi.", English: "The certificate queue is unavailable; try again shortly."},
		i18n.Message{Key: "certificate_job_none", Indonesian: "Sertifikat angkatan ini belum pernah dibuat.", English: "No certificates have been made for this batch yet."},
		i18n.Message{Key: "certificate_not_found", Indonesian: "Nomor sertifikat tidak terdaftar.", English: "No certificate has this number."},
		i18n.Message{Key: "certificate_revoked", Indonesian: "Sertifikat ini sudah dicabut.", English: "This certificate is already revoked."},
		i18n.Message{Key: "certificate_prefix", Indonesian: "Awalan nomor 2 sampai 12 huruf besar atau angka.", English: "The number prefix is 2 to 12 capital letters or digits."},
		i18n.Message{Key: "certificate_logo", Indonesian: "Logo harus PNG atau JPEG (base64), paling besar 256 KB, 16 sampai 2000 piksel per sisi.", English: "The logo is a PNG or JPEG (base64), at most 256 KB, 16 to 2000 pixels a side."},
	)
}
