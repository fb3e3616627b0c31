package batchapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sort"
	"sync"

	"lms/shared/access"
	"lms/shared/accounts"
	"lms/shared/batch"
	"lms/shared/directory"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/tenancy"
	"lms/shared/userimport"
)

// EnrollmentImportReport says what happened to every row of the file.
type EnrollmentImportReport struct {
	TotalRows int                  `json:"totalRows"`
	Enrolled  int                  `json:"enrolled"`
	Reserve   int                  `json:"reserve"`
	Unchanged int                  `json:"unchanged"` // already in the batch
	Created   []accounts.Account   `json:"created"`   // people created (create=true)
	Failed    int                  `json:"failed"`
	Problems  []userimport.Problem `json:"problems"`
}

const importLimit = 5 << 20

// importEnrollments enrolls the NIK/NIP numbers of a CSV or XLSX file.
// Unknown numbers are reported per row, or, with ?create=true and a name in
// the row, become learners of the tenant first. Re-importing the same
// file changes nothing. One audit entry summarises the import.
func (a *API) importEnrollments(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	if b.Status == batch.StatusFinished || b.Status == batch.StatusArchived {
		return httpapi.NewError(http.StatusConflict, "batch_not_open")
	}
	create := r.URL.Query().Get("create") == "true"
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, importLimit))
	if err != nil {
		return httpapi.NewError(http.StatusRequestEntityTooLarge, "body_too_large").With("Limit", importLimit)
	}
	if len(body) == 0 {
		return httpapi.NewError(http.StatusBadRequest, "body_required")
	}
	format, err := userimport.DetectFormat(r.Header.Get("Content-Type"), body)
	if err != nil {
		return httpapi.NewError(http.StatusUnsupportedMediaType, "enroll_import_format")
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	parsed, err := userimport.ParseWith(bytes.NewReader(body), format, a.env.Clock.Now(), lang, userimport.Options{NameOptional: true})
	var fe *userimport.FileError
	if errors.As(err, &fe) {
		return (&httpapi.Error{Status: http.StatusBadRequest, Code: "validation_failed", Cause: err}).
			WithDetails([]httpapi.FieldError{{Field: "file", Code: fe.Code, Message: fe.Message(lang)}})
	}
	if err != nil {
		return err
	}
	rep := EnrollmentImportReport{TotalRows: parsed.TotalLines, Created: []accounts.Account{}, Problems: parsed.Problems}
	if rep.Problems == nil {
		rep.Problems = []userimport.Problem{}
	}
	var mu sync.Mutex
	problem := func(line int, code string) {
		rep.Problems = append(rep.Problems, userimport.Problem{Line: line, Field: userimport.FieldIdentity, Code: code, Message: i18n.Text(lang, code, nil)})
	}
	jobs := make(chan userimport.Row)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for row := range jobs {
				status, acc, code, err := a.enrollRow(r.Context(), c, b, row, create)
				mu.Lock()
				switch {
				case err != nil:
					httpapi.Logger(r).ErrorContext(r.Context(), "enrollment import row failed", "row", row.Line, "error", err.Error())
					problem(row.Line, "import_row_failed")
				case code != "":
					problem(row.Line, code)
				case status == batch.Enrolled:
					rep.Enrolled++
				case status == batch.Reserved:
					rep.Reserve++
				default:
					rep.Unchanged++
				}
				if acc != nil && acc.NewAccount {
					rep.Created = append(rep.Created, *acc)
				}
				mu.Unlock()
			}
		}()
	}
	for _, row := range parsed.Rows {
		jobs <- row
	}
	close(jobs)
	wg.Wait()
	seen := map[int]bool{}
	for _, p := range rep.Problems {
		seen[p.Line] = true
	}
	rep.Failed = len(seen)
	sort.SliceStable(rep.Problems, func(i, j int) bool { return rep.Problems[i].Line < rep.Problems[j].Line })
	now := a.env.Clock.Now()
	created := make([]string, len(rep.Created))
	for i, acc := range rep.Created {
		created[i] = acc.UserID
	}
	actor := c.Principal.Username
	if c.Membership != nil {
		actor = c.Membership.Name
	}
	if err := a.members.PutAudit(r.Context(), &tenancy.AuditEntry{TenantID: c.Tenant.ID, ID: ids.New(now), ActorID: c.Principal.Sub,
		ActorName: actor, Action: "batch.enrollment-import", TargetType: "batch", TargetID: b.ID, At: now,
		After: map[string]any{"totalRows": rep.TotalRows, "enrolled": rep.Enrolled, "reserve": rep.Reserve, "unchanged": rep.Unchanged,
			"failed": rep.Failed, "createdLearners": created}}); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, rep)
	return nil
}

// enrollRow enrolls one row's person: found by NIK/NIP among the tenant's
// members, or created as a learner when allowed. code names a per-row
// problem; status "" means already in the batch.
func (a *API) enrollRow(ctx context.Context, c access.Caller, b batch.Batch, row userimport.Row, create bool) (batch.EnrollmentStatus, *accounts.Account, string, error) {
	var m tenancy.Membership
	prof, err := a.members.FindUserByUsername(ctx, row.Username)
	switch {
	case err == nil:
		m, err = a.members.GetMembership(ctx, c.Tenant.ID, prof.ID)
		if err != nil && !errors.Is(err, tenancy.ErrNotFound) {
			return "", nil, "", err
		}
	case !errors.Is(err, tenancy.ErrNotFound):
		return "", nil, "", err
	}
	var acc *accounts.Account
	if m.UserID == "" {
		if !create || row.Name == "" {
			return "", nil, "enroll_unknown_person", nil
		}
		// People an enrollment file creates are learners: roles are given
		// under Users, where every change is audited one by one.
		nm, created, err := a.accounts.AddMember(ctx, c.Tenant.ID, directory.NewUser{Username: row.Username, Name: row.Name,
			Email: row.Email, Phone: row.Phone, Institution: row.Institution}, string(row.Kind), tenancy.RoleLearner, nil)
		if errors.Is(err, tenancy.ErrExists) { // added meanwhile
			nm, err = a.members.GetMembership(ctx, c.Tenant.ID, created.UserID)
		}
		if err != nil {
			return "", nil, "", err
		}
		m, acc = nm, &created
	}
	if m.Status != tenancy.StatusActive {
		return "", acc, "enroll_member_inactive", nil
	}
	now := a.env.Clock.Now()
	e := newEnrollment(b, m, c.Principal.Sub, now)
	err = a.batches.Enroll(ctx, e, a.grants(b, m.UserID, now), nil, batch.StatusDraft, batch.StatusOpen, batch.StatusRunning)
	if errors.Is(err, batch.ErrFull) {
		e = queued(e, batch.Reserved)
		err = a.batches.Queue(ctx, e)
	}
	switch {
	case errors.Is(err, batch.ErrExists):
		return "", acc, "", nil
	case err != nil:
		return "", acc, "", err
	}
	a.notifySeat(ctx, b, e, false)
	return e.Status, acc, "", nil
}

func init() {
	i18n.Register(
		i18n.Message{Key: "enroll_import_format", Indonesian: "Berkas harus CSV atau XLSX.", English: "The file must be CSV or XLSX."},
		i18n.Message{Key: "enroll_unknown_person", Indonesian: "NIK/NIP ini belum terdaftar di lembaga. Tambahkan sebagai pengguna, atau impor dengan pilihan buat akun dan sertakan nama.", English: "This NIK/NIP is not registered with the institution. Add them as a user, or import with account creation and a name."},
		i18n.Message{Key: "enroll_member_inactive", Indonesian: "Keanggotaan orang ini di lembaga tidak aktif.", English: "This person's membership in the institution is not active."},
	)
}
