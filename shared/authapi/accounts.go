package authapi

import (
	"context"

	"lms/shared/accounts"
	"lms/shared/directory"
)

// createdPerson is the account a request created or linked.
type createdPerson = accounts.Account

// ensureAccount finds or creates the person's account (see accounts.Service).
func (a *API) ensureAccount(ctx context.Context, u directory.NewUser, kind string) (createdPerson, error) {
	acc, err := a.accounts.Ensure(ctx, u, kind)
	return acc, directoryError(err)
}
