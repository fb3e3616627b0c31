// Package health answers the health routes: the public platform health and,
// per API function, an authenticated check that reports the function, its
// build and the caller as the function sees them (so an operator can verify
// the whole authorizer-to-handler chain with one request).
package health

import (
	"net/http"

	"lms/shared/httpapi"
	"lms/shared/identity"
	"lms/shared/version"
)

// PlatformStatus is the body of GET /health.
type PlatformStatus struct {
	Status    string                  `json:"status"`
	Build     version.Info            `json:"build"`
	Functions map[string]version.Info `json:"functions"`
}

// Platform answers GET /health. Every function is built from the same commit
// by one build, so each function's version is this binary's build stamp.
func Platform() httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		build := version.Current()
		fns := make(map[string]version.Info, len(version.Functions))
		for _, f := range version.Functions {
			fns[f] = build
		}
		httpapi.WriteJSON(w, http.StatusOK, PlatformStatus{Status: "ok", Build: build, Functions: fns})
		return nil
	}
}

// FunctionStatus is the body of GET /health/{function}.
type FunctionStatus struct {
	Status   string             `json:"status"`
	Function string             `json:"function"`
	Build    version.Info       `json:"build"`
	Caller   identity.Principal `json:"caller"`
}

// Function answers GET /health/{function} for an authenticated caller.
func Function(name, clientID string) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := identity.FromRequest(r, clientID)
		if err != nil {
			return err
		}
		httpapi.WriteJSON(w, http.StatusOK, FunctionStatus{Status: "ok", Function: name, Build: version.Current(), Caller: p})
		return nil
	}
}
