// Package uploadapi is the HTTP API of the upload function: uploads straight to S3 and search.
package uploadapi

import (
	"net/http"

	"lms/shared/appenv"
	"lms/shared/health"
	"lms/shared/httpapi"
)

// New returns the function's router.
func New(env appenv.Env) *httpapi.Router {
	rt := httpapi.NewRouter(env.Log).ForFunction("upload")
	rt.Handle(http.MethodGet, "/health/upload", health.Function("upload", env.Config.UserPoolClientID))
	return rt
}
