// A decoder call bodyfuzz cannot resolve (testdata: not built).
package handlers

import (
	"net/http"

	"lms/shared/httpapi"
)

func target() any { return nil }

func opaque(w http.ResponseWriter, r *http.Request) error {
	return httpapi.DecodeJSON(r, target(), 0)
}
