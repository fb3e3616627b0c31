// Package courseapi is the HTTP API of the course function: courses (mata diklat), materials, delivery and learning progress.
package courseapi

import (
	"net/http"

	"lms/shared/appenv"
	"lms/shared/health"
	"lms/shared/httpapi"
)

// New returns the function's router.
func New(env appenv.Env) *httpapi.Router {
	rt := httpapi.NewRouter(env.Log).ForFunction("course")
	rt.Handle(http.MethodGet, "/health/course", health.Function("course", env.Config.UserPoolClientID))
	return rt
}
