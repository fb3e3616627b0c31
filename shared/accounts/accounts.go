// Package accounts finds or creates a person's platform account (Cognito
// user and profile) and adds them to a tenant: one person, one account
// across tenants. The auth function (users, imports, registrations) and the
// batch function (enrollment imports that create people) share it.
package accounts

import (
	"context"
	"errors"
	"time"

	"lms/shared/directory"
	"lms/shared/tenancy"
)

// Directory is what the service needs of the user directory.
type Directory interface {
	FindUser(ctx context.Context, username string) (string, error)
	CreateUser(ctx context.Context, u directory.NewUser) (sub, temporaryPassword string, err error)
}

// Account reports an account a request created or found. The temporary
// password is shown once, when no invitation email carried it.
type Account struct {
	UserID            string `json:"userId"`
	Username          string `json:"username"`
	NewAccount        bool   `json:"newAccount"`
	TemporaryPassword string `json:"temporaryPassword,omitempty"`
}

// Service creates accounts and memberships.
type Service struct {
	Store   tenancy.Store
	Dir     Directory
	Invites bool // Cognito emails temporary passwords (see config.SendInviteEmails)
	Now     func() time.Time
}

// Ensure returns the account of a NIK/NIP, creating it (and its profile)
// when there is none. Directory errors are returned as the directory's.
func (s Service) Ensure(ctx context.Context, u directory.NewUser, kind string) (Account, error) {
	out := Account{Username: u.Username}
	if prof, err := s.Store.FindUserByUsername(ctx, u.Username); err == nil {
		out.UserID = prof.ID
		return out, nil
	} else if !errors.Is(err, tenancy.ErrNotFound) {
		return out, err
	}
	sub, err := s.Dir.FindUser(ctx, u.Username)
	if err != nil {
		return out, err
	}
	if sub == "" {
		var temp string
		sub, temp, err = s.Dir.CreateUser(ctx, u)
		if errors.Is(err, directory.ErrUserExists) { // created concurrently
			sub, err = s.Dir.FindUser(ctx, u.Username)
		} else if err == nil {
			out.NewAccount = true
			if u.Password == "" && (!s.Invites || u.Email == "") {
				out.TemporaryPassword = temp
			}
		}
		if err != nil {
			return out, err
		}
	}
	out.UserID = sub
	if _, err := s.Store.PutUserIfAbsent(ctx, tenancy.User{ID: sub, Username: u.Username, Kind: kind, Name: u.Name,
		Email: u.Email, Phone: u.Phone, Institution: u.Institution, CreatedAt: s.Now()}); err != nil {
		return out, err
	}
	return out, nil
}

// AddMember ensures the account and creates an active membership with the
// role (tenancy.ErrExists when the person already belongs to the tenant).
// audit, if given, builds the audit entry written with the membership.
func (s Service) AddMember(ctx context.Context, tenantID string, u directory.NewUser, kind string, role tenancy.Role,
	audit func(tenancy.Membership) *tenancy.AuditEntry) (tenancy.Membership, Account, error) {
	acc, err := s.Ensure(ctx, u, kind)
	if err != nil {
		return tenancy.Membership{}, acc, err
	}
	now := s.Now()
	m := tenancy.Membership{TenantID: tenantID, UserID: acc.UserID, Username: u.Username, Name: u.Name, Email: u.Email,
		Phone: u.Phone, Institution: u.Institution, Role: role, Status: tenancy.StatusActive, CreatedAt: now, UpdatedAt: now, Version: 1}
	var entry *tenancy.AuditEntry
	if audit != nil {
		entry = audit(m)
	}
	if err := s.Store.CreateMembership(ctx, m, entry); err != nil {
		return tenancy.Membership{}, acc, err
	}
	return m, acc, nil
}
