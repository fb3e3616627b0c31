// Package authapi is the HTTP API of the auth function: tenants, accounts, sessions and access.
package authapi

import (
	"net/http"

	"lms/shared/appenv"
	"lms/shared/health"
	"lms/shared/httpapi"
)

// New returns the function's router.
func New(env appenv.Env) *httpapi.Router {
	rt := httpapi.NewRouter(env.Log).ForFunction("auth")
	rt.Handle(http.MethodGet, "/health", health.Platform())
	rt.Handle(http.MethodGet, "/health/auth", health.Function("auth", env.Config.UserPoolClientID))
	return rt
}
