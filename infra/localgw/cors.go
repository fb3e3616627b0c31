package localgw

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"lms/infra/samtemplate"
)

// corsConfig is the HttpApi's CorsConfiguration, applied as API Gateway
// applies it: preflight answered by the gateway, headers added to responses.
type corsConfig struct {
	AllowOrigins  []string
	AllowHeaders  []string
	AllowMethods  []string
	ExposeHeaders []string
	MaxAge        int
}

func loadCORS(t *samtemplate.Template, c *samtemplate.Context) (corsConfig, error) {
	var cc corsConfig
	apis := t.OfType("AWS::Serverless::HttpApi")
	if len(apis) == 0 {
		return cc, nil
	}
	n := samtemplate.Path(apis[0].Properties, "CorsConfiguration")
	if n == nil {
		return cc, nil
	}
	err := t.EvalInto(n, c, &cc)
	return cc, err
}

func (c corsConfig) allowed(origin string) bool {
	return origin != "" && (slices.Contains(c.AllowOrigins, origin) || slices.Contains(c.AllowOrigins, "*"))
}

func (c corsConfig) decorate(w http.ResponseWriter, origin string) {
	if !c.allowed(origin) {
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", origin)
	w.Header().Add("Vary", "Origin")
	if len(c.ExposeHeaders) > 0 {
		w.Header().Set("Access-Control-Expose-Headers", strings.Join(c.ExposeHeaders, ","))
	}
}

func (c corsConfig) preflight(w http.ResponseWriter, origin string) {
	if !c.allowed(origin) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	c.decorate(w, origin)
	w.Header().Set("Access-Control-Allow-Methods", strings.Join(c.AllowMethods, ","))
	w.Header().Set("Access-Control-Allow-Headers", strings.Join(c.AllowHeaders, ","))
	if c.MaxAge > 0 {
		w.Header().Set("Access-Control-Max-Age", strconv.Itoa(c.MaxAge))
	}
	w.WriteHeader(http.StatusNoContent)
}
