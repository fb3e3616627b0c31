package authapi

import (
	"errors"
	"net/http"
	"strings"

	"lms/shared/access"
	"lms/shared/directory"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/identity"
	"lms/shared/idnumber"
	"lms/shared/tenancy"
)

// Branding is what anyone may read about a tenant (login page, catalog).
type Branding struct {
	ID                 string                     `json:"id"`
	Name               string                     `json:"name"`
	ShortName          string                     `json:"shortName"`
	LogoURL            string                     `json:"logoUrl,omitempty"`
	Colors             tenancy.Colors             `json:"colors"`
	Contact            tenancy.Contact            `json:"contact"`
	RegistrationPolicy tenancy.RegistrationPolicy `json:"registrationPolicy"`
	Status             tenancy.Status             `json:"status"`
}

func branding(t tenancy.Tenant) Branding {
	return Branding{ID: t.ID, Name: t.Name, ShortName: t.ShortName, LogoURL: t.LogoURL, Colors: t.Colors,
		Contact: t.Contact, RegistrationPolicy: t.RegistrationPolicy, Status: t.Status}
}

// listTenants is the public catalog of active tenants, sorted by name.
func (a *API) listTenants(w http.ResponseWriter, r *http.Request) error {
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	page, err := a.store.ListTenants(r.Context(), tenancy.StatusActive, limit, cursor)
	if err != nil {
		return storeError(r, err)
	}
	out := tenancy.Page[Branding]{Items: make([]Branding, len(page.Items)), NextCursor: page.NextCursor}
	for i, t := range page.Items {
		out.Items[i] = branding(t)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// getTenant is public: the login page needs the tenant's branding.
func (a *API) getTenant(w http.ResponseWriter, r *http.Request) error {
	id := httpapi.PathParam(r, "tenantId")
	if !tenancy.ValidSlug(id) {
		return httpapi.NewError(http.StatusNotFound, "tenant_not_found")
	}
	t, err := a.store.GetTenant(r.Context(), id)
	if errors.Is(err, tenancy.ErrNotFound) {
		return httpapi.NewError(http.StatusNotFound, "tenant_not_found")
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, branding(t))
	return nil
}

type firstAdmin struct {
	NIP   string `json:"nip"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

type createTenantRequest struct {
	ID                 string                     `json:"id"`
	Name               string                     `json:"name"`
	ShortName          string                     `json:"shortName"`
	LogoURL            string                     `json:"logoUrl"`
	Colors             *tenancy.Colors            `json:"colors"`
	Contact            tenancy.Contact            `json:"contact"`
	RegistrationPolicy tenancy.RegistrationPolicy `json:"registrationPolicy"`
	FirstAdmin         firstAdmin                 `json:"firstAdmin"`
}

type createTenantResponse struct {
	Tenant     Branding      `json:"tenant"`
	FirstAdmin createdPerson `json:"firstAdmin"`
}

var defaultColors = tenancy.Colors{Primary: "#1F4E9C", Secondary: "#F2B705", Tertiary: "#111111"}

// createTenant (operator): the tenant is usable at once, with its first
// admin's account created (or linked) and their membership in place.
func (a *API) createTenant(w http.ResponseWriter, r *http.Request) error {
	p, err := identity.FromRequest(r, a.clientID)
	if err != nil {
		return err
	}
	if !p.IsOperator() {
		return httpapi.ErrForbidden()
	}
	var in createTenantRequest
	if err := httpapi.DecodeJSON(r, &in, 16<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	in.ID = strings.TrimSpace(in.ID)
	v.Check(tenancy.ValidSlug(in.ID), "id", "slug_invalid", nil)
	in.Name, in.ShortName = httpapi.CleanText(in.Name), httpapi.CleanText(in.ShortName)
	v.Length("name", in.Name, 3, 150, true)
	v.Length("shortName", in.ShortName, 2, 20, true)
	checkURL(v, "logoUrl", in.LogoURL)
	colors := defaultColors
	if in.Colors != nil {
		colors = *in.Colors
		checkColors(v, colors)
	}
	contact := checkContact(v, in.Contact)
	if in.RegistrationPolicy == "" {
		in.RegistrationPolicy = tenancy.RegistrationApproval
	}
	checkPolicy(v, in.RegistrationPolicy)
	admin := in.FirstAdmin
	nip, perr := idnumber.ParseNIP(admin.NIP, a.now())
	if perr != nil {
		addIDError(v, "firstAdmin.nip", perr)
	}
	admin.Name = httpapi.CleanText(admin.Name)
	v.Length("firstAdmin.name", admin.Name, 2, 100, true)
	admin.Email = checkEmail(v, "firstAdmin.email", admin.Email, false)
	admin.Phone = checkPhone(v, "firstAdmin.phone", admin.Phone)
	if err := v.Err(); err != nil {
		return err
	}

	ctx := r.Context()
	if _, err := a.store.GetTenant(ctx, in.ID); err == nil {
		return httpapi.NewError(http.StatusConflict, "tenant_exists").With("ID", in.ID)
	} else if !errors.Is(err, tenancy.ErrNotFound) {
		return err
	}
	person, err := a.ensureAccount(ctx, directory.NewUser{Username: nip.Number, Name: admin.Name, Email: admin.Email, Phone: admin.Phone}, string(idnumber.KindNIP))
	if err != nil {
		return err
	}
	now := a.now()
	t := tenancy.Tenant{ID: in.ID, Name: in.Name, ShortName: in.ShortName, LogoURL: in.LogoURL, Colors: colors, Contact: contact,
		RegistrationPolicy: in.RegistrationPolicy, Status: tenancy.StatusActive, CreatedAt: now, UpdatedAt: now, Version: 1}
	m := tenancy.Membership{TenantID: t.ID, UserID: person.UserID, Username: nip.Number, Name: admin.Name, Email: admin.Email,
		Phone: admin.Phone, Role: tenancy.RoleAdmin, Status: tenancy.StatusActive, CreatedAt: now, UpdatedAt: now, Version: 1}
	caller := access.Caller{Principal: p, Tenant: t}
	audit := a.newAudit(caller, "tenant.create", "tenant", t.ID, nil, t)
	if err := a.store.CreateTenant(ctx, t, &m, audit); errors.Is(err, tenancy.ErrExists) {
		return httpapi.NewError(http.StatusConflict, "tenant_exists").With("ID", in.ID)
	} else if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, createTenantResponse{Tenant: branding(t), FirstAdmin: person})
	return nil
}

type updateTenantRequest struct {
	Name               *string                     `json:"name"`
	ShortName          *string                     `json:"shortName"`
	LogoURL            *string                     `json:"logoUrl"`
	Colors             *tenancy.Colors             `json:"colors"`
	Contact            *tenancy.Contact            `json:"contact"`
	RegistrationPolicy *tenancy.RegistrationPolicy `json:"registrationPolicy"`
	Status             *tenancy.Status             `json:"status"`
}

// updateTenant: admins edit branding, contact and registration policy;
// only operators suspend or reactivate a tenant.
func (a *API) updateTenant(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.TenantUpdate)
	if err != nil {
		return err
	}
	var in updateTenantRequest
	if err := httpapi.DecodeJSON(r, &in, 16<<10); err != nil {
		return err
	}
	if in.Status != nil && !c.Principal.IsOperator() {
		return httpapi.NewError(http.StatusForbidden, "tenant_status_operator_only")
	}
	before := c.Tenant
	t := c.Tenant
	v := httpapi.NewValidation(r)
	if in.Name != nil {
		t.Name = httpapi.CleanText(*in.Name)
		v.Length("name", t.Name, 3, 150, true)
	}
	if in.ShortName != nil {
		t.ShortName = httpapi.CleanText(*in.ShortName)
		v.Length("shortName", t.ShortName, 2, 20, true)
	}
	if in.LogoURL != nil {
		t.LogoURL = strings.TrimSpace(*in.LogoURL)
		checkURL(v, "logoUrl", t.LogoURL)
	}
	if in.Colors != nil {
		t.Colors = *in.Colors
		checkColors(v, t.Colors)
	}
	if in.Contact != nil {
		t.Contact = checkContact(v, *in.Contact)
	}
	if in.RegistrationPolicy != nil {
		t.RegistrationPolicy = *in.RegistrationPolicy
		checkPolicy(v, t.RegistrationPolicy)
	}
	if in.Status != nil {
		t.Status = *in.Status
		v.Check(t.Status == tenancy.StatusActive || t.Status == tenancy.StatusSuspended, "status", "field_one_of", map[string]any{"Values": "active, suspended"})
	}
	if err := v.Err(); err != nil {
		return err
	}
	if t == before { // nothing changed: no write, no audit entry
		writeJSON(w, http.StatusOK, branding(t))
		return nil
	}
	t.UpdatedAt = a.now()
	t.Version = before.Version + 1
	action := "tenant.update"
	if before.Status != t.Status {
		action = "tenant." + map[tenancy.Status]string{tenancy.StatusSuspended: "suspend", tenancy.StatusActive: "reactivate"}[t.Status]
	}
	if err := a.store.UpdateTenant(r.Context(), t, a.newAudit(c, action, "tenant", t.ID, before, t)); err != nil {
		return storeError(r, err)
	}
	writeJSON(w, http.StatusOK, branding(t))
	return nil
}

func checkColors(v *httpapi.Validation, c tenancy.Colors) {
	v.Check(tenancy.ValidColor(c.Primary), "colors.primary", "color_invalid", nil)
	v.Check(tenancy.ValidColor(c.Secondary), "colors.secondary", "color_invalid", nil)
	v.Check(tenancy.ValidColor(c.Tertiary), "colors.tertiary", "color_invalid", nil)
}

func checkContact(v *httpapi.Validation, c tenancy.Contact) tenancy.Contact {
	c.Email = checkEmail(v, "contact.email", c.Email, false)
	c.Phone = checkPhone(v, "contact.phone", c.Phone)
	c.Address = httpapi.CleanText(c.Address)
	v.Length("contact.address", c.Address, 0, 300, false)
	return c
}

func checkPolicy(v *httpapi.Validation, p tenancy.RegistrationPolicy) {
	v.Check(p == tenancy.RegistrationAuto || p == tenancy.RegistrationApproval, "registrationPolicy", "field_one_of", map[string]any{"Values": "auto, approval"})
}

// addIDError reports a NIK/NIP problem with its specific message.
func addIDError(v *httpapi.Validation, field string, err error) {
	var ie *idnumber.Error
	if errors.As(err, &ie) {
		v.AddMessage(field, ie.Code, ie.Message(v.Lang()))
		return
	}
	v.Add(field, "field_invalid", nil)
}

func init() {
	i18n.Register(
		i18n.Message{Key: "slug_invalid", Indonesian: "ID lembaga 3-40 karakter: huruf kecil, angka, dan tanda hubung, diawali huruf.", English: "The institution id has 3-40 characters: lower-case letters, digits and hyphens, starting with a letter."},
		i18n.Message{Key: "tenant_exists", Indonesian: "ID lembaga \"{{.ID}}\" sudah dipakai.", English: "The institution id \"{{.ID}}\" is taken."},
		i18n.Message{Key: "tenant_status_operator_only", Indonesian: "Hanya operator platform yang dapat menonaktifkan atau mengaktifkan lembaga.", English: "Only platform operators can suspend or reactivate an institution."},
	)
}
