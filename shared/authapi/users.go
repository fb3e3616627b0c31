package authapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"

	"lms/shared/access"
	"lms/shared/directory"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/idnumber"
	"lms/shared/ids"
	"lms/shared/tenancy"
	"lms/shared/userimport"
)

func (a *API) listUsers(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.UserList)
	if err != nil {
		return err
	}
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := tenancy.MemberFilter{Query: httpapi.CleanText(q.Get("q")), Role: tenancy.Role(q.Get("role")), Status: tenancy.Status(q.Get("status"))}
	v := httpapi.NewValidation(r)
	v.Length("q", f.Query, 0, 100, false)
	v.Check(f.Role == "" || f.Role.Valid(), "role", "field_one_of", map[string]any{"Values": "admin, instructor, learner"})
	v.Check(f.Status == "" || validMemberStatus(f.Status) || f.Status == tenancy.StatusPending || f.Status == tenancy.StatusRejected,
		"status", "field_one_of", map[string]any{"Values": "active, suspended, banned, pending, rejected"})
	if err := v.Err(); err != nil {
		return err
	}
	if n, err := idnumber.Normalize(f.Query); err == nil {
		f.Query = n // "3273 0115" searches as 32730115
	}
	page, err := a.store.ListMembers(r.Context(), c.Tenant.ID, f, limit, cursor)
	if err != nil {
		return storeError(r, err)
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

func validMemberStatus(s tenancy.Status) bool {
	return s == tenancy.StatusActive || s == tenancy.StatusSuspended || s == tenancy.StatusBanned
}

type createUserRequest struct {
	Username    string       `json:"username"`
	Name        string       `json:"name"`
	Email       string       `json:"email"`
	Phone       string       `json:"phone"`
	Role        tenancy.Role `json:"role"`
	Institution string       `json:"institution"`
}

type createUserResponse struct {
	Membership tenancy.Membership `json:"membership"`
	Account    createdPerson      `json:"account"`
}

// createUser adds a person to the tenant with a role, creating their
// account when the NIK/NIP has none (they set their own password at first
// login) and linking it otherwise.
func (a *API) createUser(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.UserCreate)
	if err != nil {
		return err
	}
	var in createUserRequest
	if err := httpapi.DecodeJSON(r, &in, 8<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	kind, number, perr := idnumber.Parse(in.Username, a.now())
	if perr != nil {
		addIDError(v, "username", perr)
	}
	in.Name, in.Institution = httpapi.CleanText(in.Name), httpapi.CleanText(in.Institution)
	v.Length("name", in.Name, 2, 100, true)
	in.Email = checkEmail(v, "email", in.Email, false)
	in.Phone = checkPhone(v, "phone", in.Phone)
	v.Length("institution", in.Institution, 0, 150, false)
	if in.Role == "" {
		in.Role = tenancy.RoleLearner
	}
	v.Check(in.Role.Valid(), "role", "field_one_of", map[string]any{"Values": "admin, instructor, learner"})
	if err := v.Err(); err != nil {
		return err
	}
	res, err := a.addMember(r.Context(), c, userimport.Row{Kind: kind, Username: number, Name: in.Name, Email: in.Email,
		Phone: in.Phone, Role: userimport.Role(in.Role), Institution: in.Institution}, true)
	if errors.Is(err, tenancy.ErrExists) {
		return httpapi.NewError(http.StatusConflict, "member_exists")
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, createUserResponse{Membership: res.membership, Account: res.account})
	return nil
}

type addResult struct {
	membership tenancy.Membership
	account    createdPerson
}

// addMember ensures the account and creates the membership (ErrExists when
// the person already belongs to the tenant). audit writes one entry per
// member; imports write one summary entry instead.
func (a *API) addMember(ctx context.Context, c access.Caller, row userimport.Row, audit bool) (addResult, error) {
	var entry func(tenancy.Membership) *tenancy.AuditEntry
	if audit {
		entry = func(m tenancy.Membership) *tenancy.AuditEntry {
			return a.newAudit(c, "user.create", "user", m.UserID, nil, m)
		}
	}
	m, acc, err := a.accounts.AddMember(ctx, c.Tenant.ID, directory.NewUser{Username: row.Username, Name: row.Name, Email: row.Email,
		Phone: row.Phone, Institution: row.Institution}, string(row.Kind), tenancy.Role(row.Role), entry)
	return addResult{membership: m, account: acc}, directoryError(err)
}

func (a *API) getUser(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.UserRead)
	if err != nil {
		return err
	}
	m, err := a.memberFromPath(r, c)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}

func (a *API) memberFromPath(r *http.Request, c access.Caller) (tenancy.Membership, error) {
	userID := httpapi.PathParam(r, "userId")
	if userID == "" || len(userID) > 64 {
		return tenancy.Membership{}, httpapi.ErrNotFound()
	}
	m, err := a.store.GetMembership(r.Context(), c.Tenant.ID, userID)
	if err != nil {
		return tenancy.Membership{}, storeError(r, err)
	}
	return m, nil
}

type updateUserRequest struct {
	Role   *tenancy.Role   `json:"role"`
	Status *tenancy.Status `json:"status"`
	Reason *string         `json:"reason"`
}

// updateUser changes a member's role or status. Suspending or banning ends
// their access at once: every request re-reads the membership.
func (a *API) updateUser(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.UserUpdate)
	if err != nil {
		return err
	}
	var in updateUserRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	m, err := a.memberFromPath(r, c)
	if err != nil {
		return err
	}
	if m.UserID == c.Principal.Sub && (in.Role != nil || in.Status != nil) {
		return httpapi.NewError(http.StatusConflict, "cannot_change_self")
	}
	before := m
	v := httpapi.NewValidation(r)
	if in.Role != nil {
		m.Role = *in.Role
		v.Check(m.Role.Valid(), "role", "field_one_of", map[string]any{"Values": "admin, instructor, learner"})
	}
	if in.Status != nil {
		m.Status = *in.Status
		v.Check(validMemberStatus(m.Status), "status", "field_one_of", map[string]any{"Values": "active, suspended, banned"})
		if before.Status == tenancy.StatusPending || before.Status == tenancy.StatusRejected {
			v.Add("status", "status_via_registration", nil)
		}
		m.StatusReason = ""
		if in.Reason != nil {
			m.StatusReason = httpapi.CleanText(*in.Reason)
		}
		if m.Status != tenancy.StatusActive {
			v.Length("reason", m.StatusReason, 3, 500, true)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if m == before { // nothing changed: no write, no audit entry
		writeJSON(w, http.StatusOK, m)
		return nil
	}
	m.UpdatedAt, m.Version = a.now(), m.Version+1
	action := "user.update"
	if before.Status != m.Status {
		action = "user." + map[tenancy.Status]string{tenancy.StatusActive: "reactivate", tenancy.StatusSuspended: "suspend", tenancy.StatusBanned: "ban"}[m.Status]
	} else if before.Role != m.Role {
		action = "user.change-role"
	}
	if err := a.store.UpdateMembership(r.Context(), m, a.newAudit(c, action, "user", m.UserID, before, m)); err != nil {
		return storeError(r, err)
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}

// importLimit bounds an import file: 5,000 rows fit well under it.
const importLimit = 5 << 20

// importWorkers bounds concurrent account creations (Cognito's admin API
// has per-second quotas).
const importWorkers = 8

// ImportReport is the answer to an import: what happened to every row.
type ImportReport struct {
	TotalRows int                  `json:"totalRows"`
	Created   int                  `json:"created"`   // new membership, new account
	Linked    int                  `json:"linked"`    // new membership, existing account
	Unchanged int                  `json:"unchanged"` // already a member
	Failed    int                  `json:"failed"`    // rows with problems
	Problems  []userimport.Problem `json:"problems"`
	Accounts  []createdPerson      `json:"accounts"` // new accounts (temporary passwords when not emailed)
}

// importUsers reads a CSV or XLSX file (the request body), validates every
// row, applies the valid ones and reports each problem by row and field.
// Re-importing the same file changes nothing: existing accounts are found
// by NIK/NIP and existing memberships are left as they are.
func (a *API) importUsers(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.UserImport)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, importLimit))
	if err != nil {
		return httpapi.NewError(http.StatusRequestEntityTooLarge, "body_too_large").With("Limit", importLimit)
	}
	if len(body) == 0 {
		return httpapi.NewError(http.StatusBadRequest, "body_required")
	}
	format, err := userimport.DetectFormat(r.Header.Get("Content-Type"), body)
	if err != nil {
		return httpapi.NewError(http.StatusUnsupportedMediaType, "import_format")
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	parsed, err := userimport.Parse(bytesReader(body), format, a.now(), lang)
	if err != nil {
		return importFileError(err, lang)
	}
	report := ImportReport{TotalRows: parsed.TotalLines, Problems: parsed.Problems, Accounts: []createdPerson{}}
	if report.Problems == nil {
		report.Problems = []userimport.Problem{}
	}

	var mu sync.Mutex
	jobs := make(chan userimport.Row)
	var wg sync.WaitGroup
	for range importWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for row := range jobs {
				res, err := a.addMember(r.Context(), c, row, false)
				mu.Lock()
				switch {
				case err == nil && res.account.NewAccount:
					report.Created++
					report.Accounts = append(report.Accounts, res.account)
				case err == nil:
					report.Linked++
				case errors.Is(err, tenancy.ErrExists):
					report.Unchanged++
				default:
					httpapi.Logger(r).ErrorContext(r.Context(), "import row failed", "row", row.Line, "error", err.Error())
					report.Problems = append(report.Problems, userimport.Problem{Line: row.Line, Field: "", Code: "import_row_failed",
						Message: i18n.Text(lang, "import_row_failed", nil)})
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
	report.Failed = countLines(report.Problems)
	sortProblems(report.Problems)
	summary := map[string]any{"totalRows": report.TotalRows, "created": report.Created, "linked": report.Linked,
		"unchanged": report.Unchanged, "failed": report.Failed, "format": string(format)}
	entry := a.newAudit(c, "user.import", "import", ids.New(a.now()), nil, summary)
	if err := a.store.PutAudit(r.Context(), entry); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, report)
	return nil
}

func (a *API) listAudit(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.AuditRead)
	if err != nil {
		return err
	}
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	page, err := a.store.ListAudit(r.Context(), c.Tenant.ID, limit, cursor)
	if err != nil {
		return storeError(r, err)
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

func init() {
	i18n.Register(
		i18n.Message{Key: "member_exists", Indonesian: "Orang ini sudah menjadi anggota lembaga.", English: "This person is already a member of the institution."},
		i18n.Message{Key: "cannot_change_self", Indonesian: "Anda tidak dapat mengubah peran atau status akun Anda sendiri.", English: "You cannot change your own role or status."},
		i18n.Message{Key: "status_via_registration", Indonesian: "Pendaftaran yang belum atau tidak disetujui diputuskan lewat menu Pendaftaran.", English: "Pending or rejected registrations are decided under Registrations."},
		i18n.Message{Key: "import_format", Indonesian: "Berkas harus CSV atau XLSX.", English: "The file must be CSV or XLSX."},
		i18n.Message{Key: "import_row_failed", Indonesian: "Baris ini gagal diproses. Coba impor ulang berkas yang sama.", English: "This row could not be processed. Import the same file again."},
	)
}
