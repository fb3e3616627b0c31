package localgw

import (
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"lms/shared/httpapi"
)

// serveWeb serves the built web app; a path without a file answers the
// app's index.html, as CloudFront's error responses do in the cloud.
// /config.json tells the app where the API is unless the build ships one.
func (g *Gateway) serveWeb(w http.ResponseWriter, r *http.Request) {
	httpapi.WebSecurityHeaders(w.Header(), g.webOrigins())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if g.opts.WebDir == "" {
		http.NotFound(w, r)
		return
	}
	clean := path.Clean("/" + r.URL.Path)
	file := filepath.Join(g.opts.WebDir, filepath.FromSlash(clean))
	if st, err := os.Stat(file); err == nil && !st.IsDir() {
		if strings.HasPrefix(clean, "/assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		http.ServeFile(w, r, file)
		return
	}
	if clean == "/config.json" {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte(`{"apiBase":"` + g.opts.APIPrefix + `"}`))
		return
	}
	index := filepath.Join(g.opts.WebDir, "index.html")
	if _, err := os.Stat(index); err != nil {
		http.Error(w, "the web app is not built: run make build-web", http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeFile(w, r, index)
}

// webOrigins are the origins the app reaches besides the gateway's: the S3
// stand-in, where presigned uploads go and signed material links point
// (the API is on the same origin, under APIPrefix). In the cloud the same
// policy comes from template.yaml's WebSecurityHeaders.
func (g *Gateway) webOrigins() httpapi.WebOrigins {
	var o httpapi.WebOrigins
	if origin := originOf(g.opts.SDKEnv["AWS_ENDPOINT_URL_S3"]); origin != "" {
		o.Media = append(o.Media, origin)
	}
	return o
}

// originOf is the scheme://host[:port] of an absolute URL, "" otherwise.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
