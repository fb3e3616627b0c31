package authapi

import (
	"errors"
	"net/http"

	"lms/shared/access"
	"lms/shared/directory"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/idnumber"
	"lms/shared/ids"
	"lms/shared/notify"
	"lms/shared/tenancy"
)

type registerRequest struct {
	NIK         string `json:"nik"`
	Name        string `json:"name"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
	Institution string `json:"institution"`
	Password    string `json:"password"`
}

type registerResponse struct {
	ID       string         `json:"id"`
	TenantID string         `json:"tenantId"`
	Status   tenancy.Status `json:"status"`
	Linked   bool           `json:"linked"`
}

// register (public): a non-ASN participant asks to join a tenant. A new NIK
// gets an account with the chosen password; an existing NIK is linked, once
// its password is proven, instead of duplicated. The membership waits for an
// admin unless the tenant approves automatically.
func (a *API) register(w http.ResponseWriter, r *http.Request) error {
	tenantID := httpapi.PathParam(r, "tenantId")
	var in registerRequest
	if err := httpapi.DecodeJSON(r, &in, 8<<10); err != nil {
		return err
	}
	ctx := r.Context()
	t, err := a.store.GetTenant(ctx, tenantID)
	if errors.Is(err, tenancy.ErrNotFound) || !tenancy.ValidSlug(tenantID) {
		return httpapi.NewError(http.StatusNotFound, "tenant_not_found")
	}
	if err != nil {
		return err
	}
	if t.Status != tenancy.StatusActive {
		return httpapi.NewError(http.StatusForbidden, "tenant_suspended")
	}
	v := httpapi.NewValidation(r)
	nik, perr := idnumber.ParseNIK(in.NIK, a.now())
	if perr != nil {
		addIDError(v, "nik", perr)
	}
	in.Name, in.Institution = httpapi.CleanText(in.Name), httpapi.CleanText(in.Institution)
	v.Length("name", in.Name, 2, 100, true)
	in.Email = checkEmail(v, "email", in.Email, true)
	in.Phone = checkPhone(v, "phone", in.Phone)
	v.Length("institution", in.Institution, 2, 150, false)
	checkPassword(v, "password", in.Password)
	if err := v.Err(); err != nil {
		return err
	}

	userID, linked := "", false
	existing, err := a.dir.FindUser(ctx, nik.Number)
	if err != nil {
		return err
	}
	if existing != "" {
		// Linking must prove the account is theirs: the password must match.
		if blocked, wait, err := a.logins.Blocked(ctx, nik.Number, a.now()); err != nil {
			return err
		} else if blocked {
			return tooManyAttempts(w, wait.Seconds())
		}
		// A reset-required account proves nothing: Cognito (and
		// cognito-local) say so before checking the password.
		if _, err := a.dir.Login(ctx, nik.Number, in.Password); errors.Is(err, directory.ErrInvalidCredentials) || errors.Is(err, directory.ErrResetRequired) {
			if ferr := a.logins.Fail(ctx, nik.Number, a.now()); ferr != nil {
				return ferr
			}
			return httpapi.NewError(http.StatusConflict, "account_exists")
		} else if err != nil {
			return directoryError(err)
		}
		userID, linked = existing, true
		if _, err := a.store.PutUserIfAbsent(ctx, tenancy.User{ID: userID, Username: nik.Number, Kind: string(idnumber.KindNIK),
			Name: in.Name, Email: in.Email, Phone: in.Phone, Institution: in.Institution, CreatedAt: a.now()}); err != nil {
			return err
		}
	} else {
		person, err := a.ensureAccount(ctx, directory.NewUser{Username: nik.Number, Name: in.Name, Email: in.Email,
			Phone: in.Phone, Institution: in.Institution, Password: in.Password}, string(idnumber.KindNIK))
		if err != nil {
			return err
		}
		userID = person.UserID
	}

	now := a.now()
	reg := tenancy.Registration{TenantID: t.ID, ID: ids.New(now), UserID: userID, Username: nik.Number, Name: in.Name,
		Email: in.Email, Phone: in.Phone, Institution: in.Institution, Linked: linked, Status: tenancy.StatusPending, CreatedAt: now}
	m := tenancy.Membership{TenantID: t.ID, UserID: userID, Username: nik.Number, Name: in.Name, Email: in.Email, Phone: in.Phone,
		Institution: in.Institution, Role: tenancy.RoleLearner, Status: tenancy.StatusPending, CreatedAt: now, UpdatedAt: now, Version: 1}
	if t.RegistrationPolicy == tenancy.RegistrationAuto {
		reg.Status, reg.DecidedAt, reg.DecidedBy = tenancy.StatusApproved, now, "auto"
		m.Status = tenancy.StatusActive
	}
	if err := a.store.CreateRegistration(ctx, reg, m); errors.Is(err, tenancy.ErrExists) {
		return httpapi.NewError(http.StatusConflict, "already_member")
	} else if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, registerResponse{ID: reg.ID, TenantID: t.ID, Status: reg.Status, Linked: linked})
	return nil
}

func (a *API) listRegistrations(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.RegistrationList)
	if err != nil {
		return err
	}
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	status := tenancy.Status(r.URL.Query().Get("status"))
	if status == "" {
		status = tenancy.StatusPending
	}
	if status != tenancy.StatusPending && status != tenancy.StatusApproved && status != tenancy.StatusRejected {
		v := httpapi.NewValidation(r)
		v.Add("status", "field_one_of", map[string]any{"Values": "pending, approved, rejected"})
		return v.Err()
	}
	page, err := a.store.ListRegistrations(r.Context(), c.Tenant.ID, status, limit, cursor)
	if err != nil {
		return storeError(r, err)
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

type rejectRequest struct {
	Reason string `json:"reason"`
}

func (a *API) approveRegistration(w http.ResponseWriter, r *http.Request) error {
	return a.decide(w, r, true)
}

func (a *API) rejectRegistration(w http.ResponseWriter, r *http.Request) error {
	return a.decide(w, r, false)
}

// decide approves or rejects a pending registration; registration and
// membership change together, and a second decision gets 409.
func (a *API) decide(w http.ResponseWriter, r *http.Request, approve bool) error {
	c, err := a.guard.Request(r, a.clientID, access.RegistrationDecide)
	if err != nil {
		return err
	}
	var in rejectRequest
	decode := httpapi.DecodeJSON // a rejection needs its reason
	if approve {
		decode = httpapi.DecodeOptionalJSON
	}
	if err := decode(r, &in, 4<<10); err != nil {
		return err
	}
	in.Reason = httpapi.CleanText(in.Reason)
	if !approve {
		v := httpapi.NewValidation(r)
		v.Length("reason", in.Reason, 3, 500, true)
		if err := v.Err(); err != nil {
			return err
		}
	}
	id := httpapi.PathParam(r, "registrationId")
	if !ids.Valid(id) {
		return httpapi.ErrNotFound()
	}
	ctx := r.Context()
	reg, err := a.store.GetRegistration(ctx, c.Tenant.ID, id)
	if err != nil {
		return storeError(r, err)
	}
	if reg.Status != tenancy.StatusPending {
		return httpapi.NewError(http.StatusConflict, "registration_decided")
	}
	m, err := a.store.GetMembership(ctx, c.Tenant.ID, reg.UserID)
	if err != nil {
		return storeError(r, err)
	}
	before := reg
	now := a.now()
	reg.DecidedAt, reg.DecidedBy = now, c.Principal.Sub
	m.UpdatedAt, m.Version = now, m.Version+1
	action := "registration.approve"
	if approve {
		reg.Status, m.Status = tenancy.StatusApproved, tenancy.StatusActive
	} else {
		reg.Status, reg.Reason = tenancy.StatusRejected, in.Reason
		m.Status, m.StatusReason = tenancy.StatusRejected, in.Reason
		action = "registration.reject"
	}
	err = a.store.DecideRegistration(ctx, reg, m, a.newAudit(c, action, "registration", reg.ID, before, reg))
	if errors.Is(err, tenancy.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "registration_decided")
	} else if err != nil {
		return err
	}
	ev, data := notify.RegistrationApproved, map[string]string{"tenantName": c.Tenant.Name, "link": "/" + c.Tenant.ID}
	if !approve {
		ev, data["reason"] = notify.RegistrationRejected, reg.Reason
	}
	a.notices.Publish(ctx, notify.Message{Key: "registration#" + reg.ID, Event: ev, TenantID: c.Tenant.ID, UserIDs: []string{reg.UserID}, Data: data})
	writeJSON(w, http.StatusOK, reg)
	return nil
}

func init() {
	i18n.Register(
		i18n.Message{Key: "account_exists", Indonesian: "NIK ini sudah memiliki akun. Masukkan kata sandi akun tersebut untuk menautkannya, atau gunakan Lupa kata sandi.", English: "This NIK already has an account. Enter that account's password to link it, or use Forgot password."},
		i18n.Message{Key: "already_member", Indonesian: "Anda sudah terdaftar di lembaga ini. Masuk untuk melihat statusnya.", English: "You are already registered with this institution. Sign in to see the status."},
		i18n.Message{Key: "registration_decided", Indonesian: "Pendaftaran ini sudah diputuskan.", English: "This registration has already been decided."},
	)
}
