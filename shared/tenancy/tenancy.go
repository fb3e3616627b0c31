// Package tenancy holds the tenant (balai diklat) and membership model: who
// belongs to which tenant with which role, self-registrations and the audit
// log of admin actions. Keys of tenant-owned items start with
// TENANT#{tenantId}, so no query can cross tenants (docs/data-model.md).
package tenancy

import (
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Role is a person's role inside one tenant.
type Role string

// Roles per tenant; the platform-wide operator is a Cognito group instead.
const (
	RoleAdmin      Role = "admin"
	RoleInstructor Role = "instructor"
	RoleLearner    Role = "learner"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleInstructor || r == RoleLearner }

// Status of a tenant, membership or registration.
type Status string

// Statuses. Tenants are active or suspended; memberships also pending (a
// registration awaiting approval), rejected and banned; registrations are
// pending, approved or rejected.
const (
	StatusActive    Status = "active"
	StatusSuspended Status = "suspended"
	StatusBanned    Status = "banned"
	StatusPending   Status = "pending"
	StatusRejected  Status = "rejected"
	StatusApproved  Status = "approved"
)

// RegistrationPolicy says whether self-registrations need an admin.
type RegistrationPolicy string

// Policies.
const (
	RegistrationAuto     RegistrationPolicy = "auto"
	RegistrationApproval RegistrationPolicy = "approval"
)

// Colors are a tenant's theme colours (#RRGGBB).
type Colors struct {
	Primary   string `dynamodbav:"primary" json:"primary"`
	Secondary string `dynamodbav:"secondary" json:"secondary"`
	Tertiary  string `dynamodbav:"tertiary" json:"tertiary"`
}

// Contact is how participants reach the tenant.
type Contact struct {
	Email   string `dynamodbav:"email,omitempty" json:"email,omitempty"`
	Phone   string `dynamodbav:"phone,omitempty" json:"phone,omitempty"`
	Address string `dynamodbav:"address,omitempty" json:"address,omitempty"`
}

// Tenant is one institution on the platform.
type Tenant struct {
	ID                 string             `dynamodbav:"tenantId" json:"id"`
	Name               string             `dynamodbav:"name" json:"name"`
	ShortName          string             `dynamodbav:"shortName" json:"shortName"`
	LogoURL            string             `dynamodbav:"logoUrl,omitempty" json:"logoUrl,omitempty"`
	Colors             Colors             `dynamodbav:"colors" json:"colors"`
	Contact            Contact            `dynamodbav:"contact" json:"contact"`
	RegistrationPolicy RegistrationPolicy `dynamodbav:"registrationPolicy" json:"registrationPolicy"`
	Status             Status             `dynamodbav:"status" json:"status"`
	CreatedAt          time.Time          `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt          time.Time          `dynamodbav:"updatedAt" json:"updatedAt"`
	Version            int                `dynamodbav:"version" json:"version"`
}

// User is a person's platform-wide profile (one account for every tenant).
type User struct {
	ID          string    `dynamodbav:"userId" json:"id"`
	Username    string    `dynamodbav:"username" json:"username"` // NIK or NIP
	Kind        string    `dynamodbav:"kind" json:"kind"`         // nik or nip
	Name        string    `dynamodbav:"name" json:"name"`
	Email       string    `dynamodbav:"email,omitempty" json:"email,omitempty"`
	Phone       string    `dynamodbav:"phone,omitempty" json:"phone,omitempty"`
	Institution string    `dynamodbav:"institution,omitempty" json:"institution,omitempty"`
	CreatedAt   time.Time `dynamodbav:"createdAt" json:"createdAt"`
}

// Membership ties a user to a tenant with a role. It repeats the profile
// fields a tenant's user list shows, so listing needs no second read.
type Membership struct {
	TenantID     string    `dynamodbav:"tenantId" json:"tenantId"`
	UserID       string    `dynamodbav:"userId" json:"userId"`
	Username     string    `dynamodbav:"username" json:"username"`
	Name         string    `dynamodbav:"name" json:"name"`
	Email        string    `dynamodbav:"email,omitempty" json:"email,omitempty"`
	Phone        string    `dynamodbav:"phone,omitempty" json:"phone,omitempty"`
	Institution  string    `dynamodbav:"institution,omitempty" json:"institution,omitempty"`
	Role         Role      `dynamodbav:"role" json:"role"`
	Status       Status    `dynamodbav:"status" json:"status"`
	StatusReason string    `dynamodbav:"statusReason,omitempty" json:"statusReason,omitempty"`
	CreatedAt    time.Time `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt    time.Time `dynamodbav:"updatedAt" json:"updatedAt"`
	Version      int       `dynamodbav:"version" json:"version"`
}

// Registration is a participant's request to join a tenant.
type Registration struct {
	TenantID    string    `dynamodbav:"tenantId" json:"tenantId"`
	ID          string    `dynamodbav:"registrationId" json:"id"`
	UserID      string    `dynamodbav:"userId" json:"userId"`
	Username    string    `dynamodbav:"username" json:"username"`
	Name        string    `dynamodbav:"name" json:"name"`
	Email       string    `dynamodbav:"email,omitempty" json:"email,omitempty"`
	Phone       string    `dynamodbav:"phone,omitempty" json:"phone,omitempty"`
	Institution string    `dynamodbav:"institution,omitempty" json:"institution,omitempty"`
	Linked      bool      `dynamodbav:"linked" json:"linked"` // an existing account was linked
	Status      Status    `dynamodbav:"status" json:"status"`
	Reason      string    `dynamodbav:"reason,omitempty" json:"reason,omitempty"`
	CreatedAt   time.Time `dynamodbav:"createdAt" json:"createdAt"`
	DecidedAt   time.Time `dynamodbav:"decidedAt,omitempty" json:"decidedAt,omitzero"`
	DecidedBy   string    `dynamodbav:"decidedBy,omitempty" json:"decidedBy,omitempty"`
}

// AuditEntry records one admin action.
type AuditEntry struct {
	TenantID   string         `dynamodbav:"tenantId" json:"tenantId"`
	ID         string         `dynamodbav:"auditId" json:"id"`
	ActorID    string         `dynamodbav:"actorId" json:"actorId"`
	ActorName  string         `dynamodbav:"actorName,omitempty" json:"actorName,omitempty"`
	Action     string         `dynamodbav:"action" json:"action"`
	TargetType string         `dynamodbav:"targetType" json:"targetType"`
	TargetID   string         `dynamodbav:"targetId" json:"targetId"`
	Before     map[string]any `dynamodbav:"before,omitempty" json:"before,omitempty"`
	After      map[string]any `dynamodbav:"after,omitempty" json:"after,omitempty"`
	At         time.Time      `dynamodbav:"at" json:"at"`
}

// Errors the store reports.
var (
	ErrNotFound = errors.New("tenancy: not found")
	ErrExists   = errors.New("tenancy: already exists")
	// ErrConflict means a conditional write lost: the item changed or is
	// not in the state the operation expects.
	ErrConflict = errors.New("tenancy: conflict")
)

var slugPattern = regexp.MustCompile(`^[a-z][a-z0-9-]{1,38}[a-z0-9]$`)

// ValidSlug reports whether s can be a tenant id: 3-40 lower-case letters,
// digits and inner hyphens, starting with a letter (safe in URLs and keys).
func ValidSlug(s string) bool { return slugPattern.MatchString(s) && !strings.Contains(s, "--") }

var colorPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// ValidColor reports whether s is #RRGGBB.
func ValidColor(s string) bool { return colorPattern.MatchString(s) }

// SearchKey folds a name for prefix search: lower case, accents removed,
// spaces collapsed.
func SearchKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(name))) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			if !space {
				b.WriteRune(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
