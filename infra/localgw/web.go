package localgw

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// serveWeb serves the built web app; a path without a file answers the
// app's index.html, as CloudFront's error responses do in the cloud.
// /config.json tells the app where the API is unless the build ships one.
func (g *Gateway) serveWeb(w http.ResponseWriter, r *http.Request) {
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
