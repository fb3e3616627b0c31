package authapi

import (
	"errors"
	"net/http"

	"lms/shared/identity"
	"lms/shared/tenancy"
)

type meMembership struct {
	TenantID     string         `json:"tenantId"`
	TenantName   string         `json:"tenantName"`
	ShortName    string         `json:"shortName"`
	LogoURL      string         `json:"logoUrl,omitempty"`
	Colors       tenancy.Colors `json:"colors"`
	TenantStatus tenancy.Status `json:"tenantStatus"`
	Role         tenancy.Role   `json:"role"`
	Status       tenancy.Status `json:"status"`
	StatusReason string         `json:"statusReason,omitempty"`
}

type meResponse struct {
	User        tenancy.User   `json:"user"`
	Operator    bool           `json:"operator"`
	Memberships []meMembership `json:"memberships"`
}

// me answers GET /me: the profile and the memberships in every tenant
// (including pending and rejected registrations, so a participant sees
// their status). Three DynamoDB requests: profile, memberships, tenants.
func (a *API) me(w http.ResponseWriter, r *http.Request) error {
	p, err := identity.FromRequest(r, a.clientID)
	if err != nil {
		return err
	}
	ctx := r.Context()
	u, err := a.store.GetUser(ctx, p.Sub)
	if errors.Is(err, tenancy.ErrNotFound) {
		u = tenancy.User{ID: p.Sub, Username: p.Username}
	} else if err != nil {
		return err
	}
	ms, err := a.store.UserMemberships(ctx, p.Sub)
	if err != nil {
		return err
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.TenantID
	}
	tenants, err := a.store.GetTenants(ctx, ids)
	if err != nil {
		return err
	}
	out := meResponse{User: u, Operator: p.IsOperator(), Memberships: []meMembership{}}
	for _, m := range ms {
		t, ok := tenants[m.TenantID]
		if !ok {
			continue
		}
		out.Memberships = append(out.Memberships, meMembership{TenantID: t.ID, TenantName: t.Name, ShortName: t.ShortName,
			LogoURL: t.LogoURL, Colors: t.Colors, TenantStatus: t.Status, Role: m.Role, Status: m.Status, StatusReason: m.StatusReason})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
