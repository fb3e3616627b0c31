package authapi

import (
	"context"
	"errors"

	"lms/shared/directory"
	"lms/shared/tenancy"
)

// ensureAccount returns the account of a NIK/NIP, creating it (and its
// platform profile) when there is none: one person, one account across
// tenants. The temporary password of a new account is returned when no
// invitation email carried it.
func (a *API) ensureAccount(ctx context.Context, u directory.NewUser, kind string) (createdPerson, error) {
	out := createdPerson{Username: u.Username}
	if prof, err := a.store.FindUserByUsername(ctx, u.Username); err == nil {
		out.UserID = prof.ID
		return out, nil
	} else if !errors.Is(err, tenancy.ErrNotFound) {
		return out, err
	}
	sub, err := a.dir.FindUser(ctx, u.Username)
	if err != nil {
		return out, err
	}
	if sub == "" {
		var temp string
		sub, temp, err = a.dir.CreateUser(ctx, u)
		if errors.Is(err, directory.ErrUserExists) { // created concurrently
			sub, err = a.dir.FindUser(ctx, u.Username)
		} else if err == nil {
			out.NewAccount = true
			if u.Password == "" && (!a.invites || u.Email == "") {
				out.TemporaryPassword = temp
			}
		}
		if err != nil {
			return out, directoryError(err)
		}
	}
	out.UserID = sub
	if _, err := a.store.PutUserIfAbsent(ctx, tenancy.User{ID: sub, Username: u.Username, Kind: kind, Name: u.Name,
		Email: u.Email, Phone: u.Phone, Institution: u.Institution, CreatedAt: a.now()}); err != nil {
		return out, err
	}
	return out, nil
}
