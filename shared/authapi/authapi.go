// Package authapi is the HTTP API of the auth function: tenants, accounts,
// sessions and access. Handlers translate HTTP to the tenancy, access,
// directory and throttle packages and back; they hold no business state.
package authapi

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"lms/shared/access"
	"lms/shared/accounts"
	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/directory"
	"lms/shared/health"
	"lms/shared/httpapi"
	"lms/shared/notify"
	"lms/shared/revocation"
	"lms/shared/tenancy"
	"lms/shared/throttle"
)

// Directory is what the handlers need of the user directory.
type Directory interface {
	Login(ctx context.Context, username, password string) (directory.LoginResult, error)
	Refresh(ctx context.Context, refreshToken string) (directory.Tokens, error)
	Revoke(ctx context.Context, refreshToken string) error
	CompleteNewPassword(ctx context.Context, username, session, newPassword string) (directory.Tokens, error)
	ForgotPassword(ctx context.Context, username string) error
	ConfirmForgotPassword(ctx context.Context, username, code, newPassword string) error
	ChangePassword(ctx context.Context, accessToken, previous, proposed string) error
	FindUser(ctx context.Context, username string) (string, error)
	CreateUser(ctx context.Context, u directory.NewUser) (sub, temporaryPassword string, err error)
}

// API holds the auth function's dependencies, built once per container.
type API struct {
	env      appenv.Env
	store    tenancy.Store
	guard    access.Guard
	dir      Directory
	logins   throttle.Logins
	revoked  revocation.List
	clientID string
	accounts accounts.Service
	// notices tells applicants the decision on their registration.
	notices notify.Publisher
}

// New returns the function's router.
func New(env appenv.Env) *httpapi.Router {
	db := awsclient.DynamoDB(env.AWS)
	store := tenancy.Store{DB: db, Table: env.Config.TableName}
	a := &API{
		env:      env,
		store:    store,
		guard:    access.Guard{Load: store},
		dir:      directory.Cognito{Client: cognitoidentityprovider.NewFromConfig(env.AWS), PoolID: env.Config.UserPoolID, ClientID: env.Config.UserPoolClientID, SendInvites: env.Config.SendInviteEmails},
		logins:   throttle.Logins{DB: db, Table: env.Config.TableName, Limit: 5, Window: 15 * time.Minute},
		revoked:  revocation.List{DB: db, Table: env.Config.TableName, TTL: 30 * 24 * time.Hour},
		clientID: env.Config.UserPoolClientID,
		notices:  notify.NewPublisher(env.AWS, env.Config.NotificationQueueURL, env.Log),
	}
	a.accounts = accounts.Service{Store: store, Dir: a.dir, Invites: env.Config.SendInviteEmails, Now: func() time.Time { return env.Clock.Now() }}
	return a.Router()
}

// Router registers the routes (template.yaml names the same ones).
func (a *API) Router() *httpapi.Router {
	rt := httpapi.NewRouter(a.env.Log).ForFunction("auth")
	rt.Handle(http.MethodGet, "/health", health.Platform())
	rt.Handle(http.MethodGet, "/health/auth", health.Function("auth", a.clientID))

	rt.Handle(http.MethodPost, "/auth/login", a.login)
	rt.Handle(http.MethodPost, "/auth/refresh", a.refresh)
	rt.Handle(http.MethodPost, "/auth/logout", a.logout)
	rt.Handle(http.MethodPost, "/auth/challenge", a.challenge)
	rt.Handle(http.MethodPost, "/auth/password/forgot", a.forgotPassword)
	rt.Handle(http.MethodPost, "/auth/password/reset", a.resetPassword)
	rt.Handle(http.MethodPost, "/auth/password/change", a.changePassword)
	rt.Handle(http.MethodGet, "/me", a.me)

	rt.Handle(http.MethodGet, "/tenants", a.listTenants)
	rt.Handle(http.MethodPost, "/tenants", a.createTenant)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}", a.getTenant)
	rt.Handle(http.MethodPatch, "/tenants/{tenantId}", a.updateTenant)

	rt.Handle(http.MethodPost, "/tenants/{tenantId}/registrations", a.register)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/registrations", a.listRegistrations)
	rt.Handle(http.MethodPost, "/tenants/{tenantId}/registrations/{registrationId}/approve", a.approveRegistration)
	rt.Handle(http.MethodPost, "/tenants/{tenantId}/registrations/{registrationId}/reject", a.rejectRegistration)

	rt.Handle(http.MethodGet, "/tenants/{tenantId}/users", a.listUsers)
	rt.Handle(http.MethodPost, "/tenants/{tenantId}/users", a.createUser)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/users/{userId}", a.getUser)
	rt.Handle(http.MethodPatch, "/tenants/{tenantId}/users/{userId}", a.updateUser)
	rt.Handle(http.MethodPost, "/tenants/{tenantId}/users/import", a.importUsers)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/audit", a.listAudit)
	return rt
}

func (a *API) now() time.Time { return a.env.Clock.Now() }
