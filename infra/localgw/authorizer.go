package localgw

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
)

// authorizer checks tokens as API Gateway's JWT authorizer does: signature
// against the issuer's JWKS, iss, exp and nbf, and aud (or client_id when
// the token has no aud) against the configured audience.
type authorizer struct {
	issuer   string
	audience []string
	keys     keyfunc.Keyfunc
}

func newAuthorizer(ctx context.Context, issuer string, audience []string) (*authorizer, error) {
	k, err := keyfunc.NewDefaultCtx(ctx, []string{issuer + "/.well-known/jwks.json"})
	if err != nil {
		return nil, fmt.Errorf("localgw: JWKS of %s: %w", issuer, err)
	}
	return &authorizer{issuer: issuer, audience: audience, keys: k}, nil
}

var errUnauthorized = errors.New("unauthorized")

// check returns the token's claims in API Gateway's string form.
func (a *authorizer) check(header string) (map[string]string, error) {
	raw := strings.TrimSpace(header)
	if len(raw) > 7 && strings.EqualFold(raw[:7], "bearer ") {
		raw = strings.TrimSpace(raw[7:])
	}
	if raw == "" {
		return nil, errUnauthorized
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, a.keys.Keyfunc,
		jwt.WithIssuer(a.issuer), jwt.WithExpirationRequired(), jwt.WithValidMethods([]string{"RS256"}))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errUnauthorized, err)
	}
	aud, _ := claims.GetAudience()
	if len(aud) == 0 {
		if cid, ok := claims["client_id"].(string); ok {
			aud = []string{cid}
		}
	}
	if !slices.ContainsFunc(aud, func(s string) bool { return slices.Contains(a.audience, s) }) {
		return nil, fmt.Errorf("%w: audience %v not accepted", errUnauthorized, aud)
	}
	return stringClaims(claims), nil
}

// stringClaims renders claims as API Gateway passes them to a function:
// every value a string, arrays as "[a b]".
func stringClaims(c jwt.MapClaims) map[string]string {
	out := make(map[string]string, len(c))
	for k, v := range c {
		switch t := v.(type) {
		case string:
			out[k] = t
		case []any:
			parts := make([]string, len(t))
			for i, e := range t {
				parts[i] = fmt.Sprint(e)
			}
			out[k] = "[" + strings.Join(parts, " ") + "]"
		case float64:
			out[k] = fmt.Sprintf("%.0f", t)
		default:
			out[k] = fmt.Sprint(t)
		}
	}
	return out
}
