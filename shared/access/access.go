// Package access decides who may do what in a tenant. One policy table
// (role x action) serves every function; the caller's membership and the
// tenant are loaded per request, so a suspension or ban takes effect on the
// next request even for tokens issued before it.
package access

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/identity"
	"lms/shared/tenancy"
)

// Action is something a caller does in a tenant.
type Action string

// Actions. Add new ones here with their roles; nothing else grants access.
const (
	TenantCreate       Action = "tenant:create"
	TenantUpdate       Action = "tenant:update" // branding, contact, registration policy
	TenantSetStatus    Action = "tenant:set-status"
	UserList           Action = "user:list"
	UserRead           Action = "user:read"
	UserCreate         Action = "user:create"
	UserUpdate         Action = "user:update"
	UserImport         Action = "user:import"
	RegistrationList   Action = "registration:list"
	RegistrationDecide Action = "registration:decide"
	AuditRead          Action = "audit:read"
	// Courses: instructors create and edit the courses they teach (the
	// handler checks the course's instructors); admins edit every course.
	CourseCreate Action = "course:create"
	CourseRead   Action = "course:read"
	CourseEdit   Action = "course:edit"
	CourseDelete Action = "course:delete"
	// CourseStudy is opening courses as a learner (access itself comes from
	// a batch enrollment, checked by the course function).
	CourseStudy Action = "course:study"
	// Batches: admins run them; members see them and enroll themselves
	// (the batch's policy decides how); batch instructors and PICs follow
	// their participants (checked by the batch function).
	BatchManage Action = "batch:manage"
	BatchView   Action = "batch:view"
	BatchEnroll Action = "batch:enroll"
	// Search: every member searches what they may open (the upload
	// function filters by course); admins rebuild the tenant's index.
	Search        Action = "search:query"
	SearchReindex Action = "search:reindex"
	// Competency development: every member reads units and the calendar
	// and files their own claims (the competency function also requires
	// an employee record); verifying claims and reading the dashboard need
	// an admin or an employee duty (verifier, leader) the function checks;
	// admins keep the roster, units and calendar.
	CompetencyView   Action = "competency:view"
	CompetencyManage Action = "competency:manage"
)

// rule says which tenant roles may take an action and whether platform
// operators may take it in any tenant.
type rule struct {
	roles    []tenancy.Role
	operator bool
}

var (
	admins  = []tenancy.Role{tenancy.RoleAdmin}
	staff   = []tenancy.Role{tenancy.RoleAdmin, tenancy.RoleInstructor}
	members = []tenancy.Role{tenancy.RoleAdmin, tenancy.RoleInstructor, tenancy.RoleLearner}
)

// policy is the role x action table.
var policy = map[Action]rule{
	TenantCreate:       {operator: true},
	TenantUpdate:       {roles: admins, operator: true},
	TenantSetStatus:    {operator: true},
	UserList:           {roles: admins, operator: true},
	UserRead:           {roles: admins, operator: true},
	UserCreate:         {roles: admins, operator: true},
	UserUpdate:         {roles: admins, operator: true},
	UserImport:         {roles: admins, operator: true},
	RegistrationList:   {roles: admins, operator: true},
	RegistrationDecide: {roles: admins, operator: true},
	AuditRead:          {roles: admins, operator: true},
	CourseCreate:       {roles: staff},
	CourseRead:         {roles: staff},
	CourseEdit:         {roles: staff},
	CourseDelete:       {roles: admins},
	CourseStudy:        {roles: members},
	BatchManage:        {roles: admins},
	BatchView:          {roles: members},
	BatchEnroll:        {roles: members},
	Search:             {roles: members},
	SearchReindex:      {roles: admins},
	CompetencyView:     {roles: members},
	CompetencyManage:   {roles: admins},
}

// Allowed reports whether the role may take the action (the table alone).
func Allowed(role tenancy.Role, a Action) bool { return slices.Contains(policy[a].roles, role) }

// Loader reads a tenant and the caller's membership in one request.
type Loader interface {
	GetTenantAndMembership(ctx context.Context, tenantID, userID string) (*tenancy.Tenant, *tenancy.Membership, error)
}

// Caller is an authorised caller in a tenant.
type Caller struct {
	Principal  identity.Principal
	Tenant     tenancy.Tenant
	Membership *tenancy.Membership // nil for an operator without membership
}

// Is reports whether the caller holds one of the roles in the tenant (a
// platform operator without membership holds none).
func (c Caller) Is(roles ...tenancy.Role) bool {
	return c.Membership != nil && slices.Contains(roles, c.Membership.Role)
}

// Guard checks callers against the policy.
type Guard struct{ Load Loader }

// Request authorises the caller of r (the authorizer's claims, checked for
// the app client) to take action a in the path's tenant.
func (g Guard) Request(r *http.Request, clientID string, a Action) (Caller, error) {
	p, err := identity.FromRequest(r, clientID)
	if err != nil {
		return Caller{}, err
	}
	return g.Check(r.Context(), p, httpapi.PathParam(r, "tenantId"), a)
}

// Check authorises p to take action a in tenant tenantID. Refusals are API
// errors: 404 for an unknown tenant, 403 otherwise, each with its own code
// so the user learns why (suspended tenant, pending registration, ...).
func (g Guard) Check(ctx context.Context, p identity.Principal, tenantID string, a Action) (Caller, error) {
	r, known := policy[a]
	if !known {
		return Caller{}, errors.New("access: action without a policy: " + string(a))
	}
	if !tenancy.ValidSlug(tenantID) {
		return Caller{}, httpapi.NewError(http.StatusNotFound, "tenant_not_found")
	}
	t, m, err := g.Load.GetTenantAndMembership(ctx, tenantID, p.Sub)
	if err != nil {
		return Caller{}, err
	}
	if t == nil {
		return Caller{}, httpapi.NewError(http.StatusNotFound, "tenant_not_found")
	}
	c := Caller{Principal: p, Tenant: *t, Membership: m}
	if p.IsOperator() && r.operator {
		return c, nil
	}
	if t.Status != tenancy.StatusActive {
		return Caller{}, httpapi.NewError(http.StatusForbidden, "tenant_suspended")
	}
	if m == nil {
		return Caller{}, httpapi.ErrForbidden()
	}
	switch m.Status {
	case tenancy.StatusActive:
	case tenancy.StatusPending:
		return Caller{}, httpapi.NewError(http.StatusForbidden, "membership_pending")
	case tenancy.StatusBanned:
		return Caller{}, httpapi.NewError(http.StatusForbidden, "membership_banned")
	default:
		return Caller{}, httpapi.NewError(http.StatusForbidden, "membership_inactive")
	}
	if !slices.Contains(r.roles, m.Role) {
		return Caller{}, httpapi.ErrForbidden()
	}
	return c, nil
}

func init() {
	i18n.Register(
		i18n.Message{Key: "tenant_not_found", Indonesian: "Lembaga tidak ditemukan.", English: "Institution not found."},
		i18n.Message{Key: "tenant_suspended", Indonesian: "Lembaga ini sedang dinonaktifkan. Hubungi pengelola platform.", English: "This institution is suspended. Contact the platform operator."},
		i18n.Message{Key: "membership_pending", Indonesian: "Pendaftaran Anda masih menunggu persetujuan admin.", English: "Your registration is still awaiting the admin's approval."},
		i18n.Message{Key: "membership_banned", Indonesian: "Akun Anda diblokir di lembaga ini.", English: "Your account is banned in this institution."},
		i18n.Message{Key: "membership_inactive", Indonesian: "Keanggotaan Anda di lembaga ini tidak aktif.", English: "Your membership in this institution is not active."},
	)
}
