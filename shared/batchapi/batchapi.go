// Package batchapi is the HTTP API of the batch function: batches (angkatan), enrollment, completion and certificates.
package batchapi

import (
	"net/http"

	"lms/shared/appenv"
	"lms/shared/health"
	"lms/shared/httpapi"
)

// New returns the function's router.
func New(env appenv.Env) *httpapi.Router {
	rt := httpapi.NewRouter(env.Log).ForFunction("batch")
	rt.Handle(http.MethodGet, "/health/batch", health.Function("batch", env.Config.UserPoolClientID))
	return rt
}
