// Sample handlers for bodyfuzz's own test (testdata: not built).
package handlers

import (
	"net/http"

	"lms/shared/httpapi"
)

type loginRequest struct {
	Username string `json:"username"`
}

type noteRequest struct {
	Text string `json:"text"`
}

func login(w http.ResponseWriter, r *http.Request) error {
	var in loginRequest
	return httpapi.DecodeJSON(r, &in, 4<<10)
}

func note(w http.ResponseWriter, r *http.Request, optional bool) error {
	decode := httpapi.DecodeJSON
	if optional {
		decode = httpapi.DecodeOptionalJSON
	}
	in := noteRequest{}
	return decode(r, &in, 2048)
}

func ping(w http.ResponseWriter, r *http.Request) error {
	return httpapi.DecodeOptionalJSON(r, &struct{}{}, 1<<10)
}
