// Package identity turns the JWT claims that API Gateway's authorizer
// verified into the caller the handlers reason about.
//
// The authorizer already checked signature, issuer, expiry and audience;
// handlers re-check the claims that decide what the token is for (token use
// and client) because a route may be called with any token the pool issued.
package identity

import (
	"net/http"
	"strings"

	"github.com/awslabs/aws-lambda-go-api-proxy/core"

	"lms/shared/httpapi"
)

// Principal is the authenticated caller.
type Principal struct {
	// Sub is Cognito's immutable user id: the product's user id.
	Sub string `json:"sub"`
	// Username is the NIK or NIP the person logs in with.
	Username string   `json:"username"`
	Groups   []string `json:"groups"`
	TokenUse string   `json:"tokenUse"`
}

// IsOperator reports membership of the platform-wide operator group.
func (p Principal) IsOperator() bool {
	for _, g := range p.Groups {
		if g == "operator" {
			return true
		}
	}
	return false
}

// FromRequest returns the caller of an authenticated route, or a 401 in the
// error shape when the request carries no usable claims.
func FromRequest(r *http.Request, clientID string) (Principal, error) {
	gw, ok := core.GetAPIGatewayV2ContextFromContext(r.Context())
	if !ok || gw.Authorizer == nil || gw.Authorizer.JWT == nil {
		return Principal{}, httpapi.ErrUnauthorized()
	}
	return FromClaims(gw.Authorizer.JWT.Claims, clientID)
}

// FromClaims checks and converts the authorizer's claims. API Gateway passes
// every claim as a string; an array claim such as cognito:groups arrives as
// "[a b]".
func FromClaims(claims map[string]string, clientID string) (Principal, error) {
	p := Principal{
		Sub:      claims["sub"],
		TokenUse: claims["token_use"],
		Username: claims["username"],
		Groups:   ParseGroups(claims["cognito:groups"]),
	}
	if p.Username == "" {
		p.Username = claims["cognito:username"]
	}
	client := claims["client_id"]
	if p.TokenUse == "id" {
		client = claims["aud"]
	}
	switch {
	case p.Sub == "" || p.Username == "":
		return Principal{}, httpapi.ErrUnauthorized()
	case p.TokenUse != "access" && p.TokenUse != "id":
		return Principal{}, httpapi.ErrUnauthorized()
	case clientID != "" && client != clientID:
		return Principal{}, httpapi.ErrUnauthorized()
	}
	return p, nil
}

// ParseGroups reads the groups claim in the forms API Gateway and Cognito
// produce: "[a b]", "[a, b]", "a,b", `["a","b"]`.
func ParseGroups(raw string) []string {
	raw = strings.TrimSpace(raw)
	raw = strings.TrimPrefix(raw, "[")
	raw = strings.TrimSuffix(raw, "]")
	fields := strings.FieldsFunc(raw, func(r rune) bool { return r == ',' || r == ' ' })
	groups := make([]string, 0, len(fields))
	for _, f := range fields {
		if f = strings.Trim(f, `"`); f != "" {
			groups = append(groups, f)
		}
	}
	return groups
}
