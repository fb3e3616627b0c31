// Package competencyapi is the HTTP API of the competency function:
// competency development as SIM Pionir runs it. Work units and the
// employee roster (kept from HR exports), external training claims
// (PSPKM) and unit-organised trainings (PSPKU) with their verification,
// the annual training calendar, and the leadership dashboard with its
// exports and monthly reports. The JP ledger it credits is shared with
// batch completion (shared/jp).
package competencyapi

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"lms/shared/access"
	"lms/shared/accounts"
	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/batch"
	"lms/shared/calendar"
	"lms/shared/certificate"
	"lms/shared/claim"
	"lms/shared/clock"
	"lms/shared/dashboard"
	"lms/shared/directory"
	"lms/shared/employee"
	"lms/shared/health"
	"lms/shared/hrimport"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/idnumber"
	"lms/shared/jp"
	"lms/shared/objectstore"
	"lms/shared/queue"
	"lms/shared/tenancy"
	"lms/shared/upload"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

// Objects is what the function needs of the bucket.
type Objects interface {
	Put(ctx context.Context, key string, body []byte, contentType string) error
	Get(ctx context.Context, key string, limit int64) ([]byte, error)
	DownloadURL(ctx context.Context, key string, ttl time.Duration, fileName string) (string, error)
}

// Queue sends job messages.
type Queue interface {
	Send(ctx context.Context, v any) error
}

// API holds the function's dependencies.
type API struct {
	env       appenv.Env
	guard     access.Guard
	clientID  string
	members   tenancy.Store
	accounts  accounts.Service
	employees employee.Store
	claims    claim.Store
	ledger    jp.Store
	plans     calendar.Store
	batches   batch.Store
	uploads   upload.Store
	reports   dashboard.ReportStore
	objects   Objects
	importer  hrimport.Importer
	jobs      hrimport.JobStore
	// importQueue takes HR import jobs (run by the competency jobs function).
	importQueue Queue
	certs       certificate.Store
	// certQueue takes certificate jobs (unit trainings that want them).
	certQueue Queue
}

// New returns the function's router.
func New(env appenv.Env) *httpapi.Router {
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	members := tenancy.Store{DB: db, Table: t}
	ledger := jp.Store{DB: db, Table: t}
	dir := directory.Cognito{Client: cognitoidentityprovider.NewFromConfig(env.AWS), PoolID: env.Config.UserPoolID,
		ClientID: env.Config.UserPoolClientID, SendInvites: env.Config.SendInviteEmails}
	a := &API{env: env, guard: access.Guard{Load: members}, clientID: env.Config.UserPoolClientID, members: members,
		accounts:  accounts.Service{Store: members, Dir: dir, Invites: env.Config.SendInviteEmails, Now: func() time.Time { return env.Clock.Now() }},
		employees: employee.Store{DB: db, Table: t}, claims: claim.Store{DB: db, Table: t, Ledger: ledger}, ledger: ledger,
		plans: calendar.Store{DB: db, Table: t}, batches: batch.Store{DB: db, Table: t}, uploads: upload.Store{DB: db, Table: t},
		reports: dashboard.ReportStore{DB: db, Table: t},
		objects: objectstore.New(awsclient.S3(env.AWS, env.Config.S3UsePathStyle), env.Config.MaterialsBucket)}
	a.importer = hrimport.Importer{Employees: a.employees, Accounts: a.accounts, Log: env.Log, Workers: 8}
	a.jobs = hrimport.JobStore{DB: db, Table: t}
	a.importQueue = queue.New(env.AWS, env.Config.EmployeeImportQueueURL)
	a.certs = certificate.Store{DB: db, Table: t}
	a.certQueue = queue.New(env.AWS, env.Config.CertificateQueueURL)
	rt := httpapi.NewRouter(env.Log).ForFunction("competency")
	rt.Handle(http.MethodGet, "/health/competency", health.Function("competency", env.Config.UserPoolClientID))
	const tn = "/tenants/{tenantId}"
	rt.Handle(http.MethodGet, tn+"/units", a.listUnits)
	rt.Handle(http.MethodPost, tn+"/units", a.createUnit)
	rt.Handle(http.MethodPatch, tn+"/units/{unitId}", a.updateUnit)
	rt.Handle(http.MethodGet, tn+"/employees", a.listEmployees)
	rt.Handle(http.MethodPost, tn+"/employees/import", a.importEmployees)
	rt.Handle(http.MethodGet, tn+"/employees/import/{jobId}", a.importJob)
	rt.Handle(http.MethodPatch, tn+"/employees/{nip}", a.updateEmployee)
	rt.Handle(http.MethodGet, tn+"/me/employee", a.myEmployee)
	rt.Handle(http.MethodPost, tn+"/claims", a.createClaim)
	rt.Handle(http.MethodGet, tn+"/claims", a.claimQueue)
	rt.Handle(http.MethodGet, tn+"/me/claims", a.myClaims)
	rt.Handle(http.MethodGet, tn+"/claims/{claimId}", a.getClaim)
	rt.Handle(http.MethodPatch, tn+"/claims/{claimId}", a.updateClaim)
	rt.Handle(http.MethodPut, tn+"/claims/{claimId}/participants", a.putParticipants)
	rt.Handle(http.MethodPost, tn+"/claims/{claimId}/submit", a.submitClaim)
	rt.Handle(http.MethodPost, tn+"/claims/{claimId}/decision", a.decideClaim)
	rt.Handle(http.MethodGet, tn+"/calendar", a.listPlans)
	rt.Handle(http.MethodGet, tn+"/calendar/public", a.publicPlans)
	rt.Handle(http.MethodPost, tn+"/calendar", a.createPlan)
	rt.Handle(http.MethodPatch, tn+"/calendar/{planId}", a.updatePlan)
	rt.Handle(http.MethodDelete, tn+"/calendar/{planId}", a.deletePlan)
	rt.Handle(http.MethodGet, tn+"/dashboard", a.dashboard)
	rt.Handle(http.MethodGet, tn+"/dashboard/reports", a.listReports)
	rt.Handle(http.MethodPost, tn+"/dashboard/reports", a.createReport)
	return rt
}

func (a *API) now() time.Time { return a.env.Clock.Now() }

// employeeOf reads the caller's record in the tenant's roster (found is
// false for members who are not employees, e.g. non-ASN participants).
func (a *API) employeeOf(ctx context.Context, c access.Caller) (employee.Employee, bool, error) {
	if c.Membership == nil {
		return employee.Employee{}, false, nil
	}
	nip, err := idnumber.Normalize(c.Membership.Username)
	if err != nil || len(nip) != 18 {
		return employee.Employee{}, false, nil
	}
	e, err := a.employees.Get(ctx, c.Tenant.ID, nip)
	if errors.Is(err, employee.ErrNotFound) {
		return e, false, nil
	}
	return e, err == nil, err
}

// holds reports whether the caller is an admin of the tenant or an
// employee holding the duty.
func (a *API) holds(ctx context.Context, c access.Caller, d employee.Duty) (bool, error) {
	if c.Is(tenancy.RoleAdmin) {
		return true, nil
	}
	e, found, err := a.employeeOf(ctx, c)
	return found && e.Has(d), err
}

// yearParam reads ?year= (default: this year in WIB).
func (a *API) yearParam(r *http.Request) (int, error) {
	year := a.now().In(clock.Jakarta).Year()
	if s := r.URL.Query().Get("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 2000 || y > 2100 {
			v := httpapi.NewValidation(r)
			v.Add("year", "field_invalid", nil)
			return 0, v.Err()
		}
		year = y
	}
	return year, nil
}

// validDate reports whether s is a YYYY-MM-DD date between 2000 and 2100.
func validDate(s string) bool {
	d, err := time.Parse("2006-01-02", s)
	return err == nil && d.Year() >= 2000 && d.Year() <= 2100
}

func init() {
	i18n.Register(
		i18n.Message{Key: "hr_import_format", Indonesian: "Berkas harus CSV atau XLSX.", English: "The file must be CSV or XLSX."},
		i18n.Message{Key: "import_job_not_found", Indonesian: "Impor tidak ditemukan.", English: "Import not found."},
		i18n.Message{Key: "unit_exists", Indonesian: "Kode unit kerja ini sudah dipakai.", English: "This work unit code is already used."},
		i18n.Message{Key: "unit_not_found", Indonesian: "Unit kerja tidak ditemukan.", English: "Work unit not found."},
		i18n.Message{Key: "unit_code_invalid", Indonesian: "Kode unit hanya huruf besar, angka, titik, garis bawah, atau tanda hubung (maks. 32).", English: "A unit code has only capital letters, digits, dots, underscores or hyphens (at most 32)."},
		i18n.Message{Key: "employee_not_found", Indonesian: "Pegawai tidak ditemukan.", English: "Employee not found."},
		i18n.Message{Key: "not_an_employee", Indonesian: "Hanya pegawai yang terdaftar di lembaga ini yang dapat mengajukan JP. Hubungi admin kepegawaian.", English: "Only employees on this institution's roster can claim JP. Contact the HR admin."},
		i18n.Message{Key: "claim_not_found", Indonesian: "Pengajuan tidak ditemukan.", English: "Claim not found."},
		i18n.Message{Key: "claim_not_editable", Indonesian: "Pengajuan hanya dapat diubah saat masih draf atau diminta perbaikan.", English: "A claim can only change while it is a draft or sent back for revision."},
		i18n.Message{Key: "claim_not_submitted", Indonesian: "Pengajuan ini tidak sedang menunggu verifikasi.", English: "This claim is not waiting for verification."},
		i18n.Message{Key: "claim_own", Indonesian: "Anda tidak dapat memverifikasi pengajuan Anda sendiri.", English: "You cannot verify your own claim."},
		i18n.Message{Key: "claim_documents_missing", Indonesian: "Dokumen wajib belum lengkap: {{.Kinds}}.", English: "Required documents are missing: {{.Kinds}}."},
		i18n.Message{Key: "claim_participants_missing", Indonesian: "Unggah daftar peserta terlebih dahulu.", English: "Upload the participant list first."},
		i18n.Message{Key: "claim_document_invalid", Indonesian: "Dokumen harus berkas yang Anda unggah sendiri dan sudah selesai diperiksa.", English: "A document must be a file you uploaded yourself that has finished checking."},
		i18n.Message{Key: "claim_hours_or_jp", Indonesian: "Isi salah satu: jumlah jam atau JP.", English: "Give either the hours or the JP, not both."},
		i18n.Message{Key: "claim_dates", Indonesian: "Tanggal selesai tidak boleh sebelum tanggal mulai atau setelah hari ini.", English: "The end date cannot be before the start date or after today."},
		i18n.Message{Key: "claim_too_many_revisions", Indonesian: "Pengajuan ini sudah terlalu sering dikembalikan; tolak atau setujui.", English: "This claim was sent back too often; reject or approve it."},
		i18n.Message{Key: "claim_jp_zero", Indonesian: "Durasi pelatihan kurang dari 1 JP (45 menit).", English: "The training lasted less than 1 JP (45 minutes)."},
		i18n.Message{Key: "coordinator_only", Indonesian: "Hanya koordinator unit kerja ini (atau admin) yang dapat mengajukan pelatihan unit.", English: "Only this unit's coordinator (or an admin) can file a unit training."},
		i18n.Message{Key: "verifier_only", Indonesian: "Hanya verifikator atau admin yang dapat melakukan ini.", English: "Only verifiers or admins can do this."},
		i18n.Message{Key: "leader_only", Indonesian: "Dasbor hanya untuk pimpinan dan admin.", English: "The dashboard is for leaders and admins only."},
		i18n.Message{Key: "plan_not_found", Indonesian: "Rencana pelatihan tidak ditemukan.", English: "Planned training not found."},
		i18n.Message{Key: "batch_not_found", Indonesian: "Angkatan tidak ditemukan.", English: "Batch not found."},
		i18n.Message{Key: "report_month_invalid", Indonesian: "Bulan laporan harus 1 sampai 12 dan tidak di masa depan.", English: "The report month must be 1 to 12 and not in the future."},
	)
}
