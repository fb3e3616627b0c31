package courseapi

import (
	"context"
	"errors"
	"net/http"
	"path"
	"strings"
	"time"

	"lms/shared/access"
	"lms/shared/course"
	"lms/shared/delivery"
	"lms/shared/httpapi"
	"lms/shared/objectstore"
	"lms/shared/tenancy"
	"lms/shared/upload"
)

// linkTTL bounds every link a learner gets. Segment links in a playlist
// live as long: a player reads the playlist again when it resumes later.
const linkTTL = 2 * time.Hour

// Playlists are small; more is a broken file.
const maxPlaylist = 1 << 20

// Media is what delivery reads from the materials bucket.
type Media interface {
	Get(ctx context.Context, key string, limit int64) ([]byte, error)
}

// Material is what a learner gets to open a ready material.
type Material struct {
	Kind            course.Kind `json:"kind"`
	Title           string      `json:"title"`
	DurationSeconds float64     `json:"durationSeconds,omitempty"`
	Pages           int         `json:"pages,omitempty"`
	Renditions      []string    `json:"renditions,omitempty"`
	// HLS is the API path of the master playlist (audio and video): the
	// API serves playlists with every segment link signed.
	HLS string `json:"hls,omitempty"`
	// Poster, Preview, PDF and Images are links to derived files; Download
	// to the original file.
	Poster    string         `json:"poster,omitempty"`
	Preview   string         `json:"preview,omitempty"`
	PDF       string         `json:"pdf,omitempty"`
	Images    []ImageLink    `json:"images,omitempty"`
	Download  string         `json:"download,omitempty"`
	FileName  string         `json:"fileName"`
	Size      int64          `json:"size"`
	ExpiresAt time.Time      `json:"expiresAt"`
	Result    *upload.Result `json:"-"`
}

// ImageLink is one resized copy of an image.
type ImageLink struct {
	Path string `json:"path"`
	URL  string `json:"url"`
}

// readyUpload reads the upload an item refers to, if it is ready.
func (a *API) readyUpload(ctx context.Context, tenantID string, it course.Item) (upload.Upload, error) {
	if it.UploadID == "" {
		return upload.Upload{}, httpapi.NewError(http.StatusConflict, "material_not_ready").With("Status", string(it.MaterialStatus))
	}
	u, err := a.uploads.Get(ctx, tenantID, it.UploadID)
	if errors.Is(err, upload.ErrNotFound) || (err == nil && (u.Status != upload.Ready || u.Result == nil)) {
		return upload.Upload{}, httpapi.NewError(http.StatusConflict, "material_not_ready").With("Status", string(it.MaterialStatus))
	}
	return u, err
}

// material signs the links of a ready material for its reader.
func (a *API) material(ctx context.Context, r *http.Request, it course.Item, u upload.Upload) (Material, error) {
	res := u.Result
	m := Material{Kind: it.Kind, Title: it.Title, DurationSeconds: res.DurationSeconds, Pages: res.Pages, Renditions: res.Renditions,
		FileName: u.FileName, Size: u.Size, ExpiresAt: a.env.Clock.Now().Add(linkTTL), Result: res}
	prefix := upload.DerivedPrefix(u.TenantID, u.ID)
	sign := func(key, name string) (string, error) { return a.signer.URL(ctx, key, linkTTL, name) }
	var err error
	if res.Playlist != "" {
		m.HLS = strings.TrimSuffix(r.URL.Path, "/content") + "/media/" + res.Playlist
	}
	for _, f := range []struct {
		rel string
		dst *string
	}{{res.Poster, &m.Poster}, {res.Preview, &m.Preview}, {res.PDF, &m.PDF}} {
		if f.rel != "" && err == nil {
			*f.dst, err = sign(prefix+f.rel, "")
		}
	}
	for _, img := range res.Images {
		if err != nil {
			break
		}
		var link string
		link, err = sign(prefix+img, "")
		m.Images = append(m.Images, ImageLink{Path: img, URL: link})
	}
	// The original is offered for documents to download, and is the PDF
	// itself for a PDF; media is streamed, never downloaded whole.
	if err == nil && it.Kind != course.KindVideo && it.Kind != course.KindAudio {
		name := ""
		if it.Kind != course.KindPDF {
			name = path.Base(u.Key)
		}
		m.Download, err = sign(u.Key, name)
		if it.Kind == course.KindPDF && m.PDF == "" {
			m.PDF = m.Download
		}
	}
	return m, err
}

// media serves a ready material's derived files: playlists with every
// link in them signed, other files by a redirect to their signed link.
// Only files the processing recorded can be named.
func (a *API) media(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseStudy)
	if err != nil {
		return err
	}
	var o course.Outline
	staff := c.Is(tenancy.RoleAdmin, tenancy.RoleInstructor)
	if staff {
		o, err = a.loadOutline(r, c)
	} else {
		o, _, _, err = a.learnerOutline(r, c)
	}
	if err != nil {
		return err
	}
	it, err := findItem(r, o)
	if err != nil || (!staff && !it.Available()) || !it.Kind.IsMaterial() {
		return httpapi.ErrNotFound()
	}
	u, err := a.readyUpload(r.Context(), c.Tenant.ID, it)
	if err != nil {
		return err
	}
	file := httpapi.PathParam(r, "file")
	known := map[string]bool{}
	for _, f := range u.Result.Files {
		known[f.Path] = true
	}
	if !known[file] {
		return httpapi.ErrNotFound()
	}
	prefix := upload.DerivedPrefix(u.TenantID, u.ID)
	if !strings.HasSuffix(file, ".m3u8") {
		link, err := a.signer.URL(r.Context(), prefix+file, linkTTL, "")
		if err != nil {
			return err
		}
		http.Redirect(w, r, link, http.StatusFound)
		return nil
	}
	body, err := a.bucket.Get(r.Context(), prefix+file, maxPlaylist)
	if errors.Is(err, objectstore.ErrNotFound) {
		return httpapi.ErrNotFound()
	}
	if err != nil {
		return err
	}
	dir := path.Dir(file)
	out, err := delivery.RewritePlaylist(string(body), dir, func(rel string) (string, error) {
		if !known[rel] {
			return "", errors.New("playlist names a file processing did not record: " + rel)
		}
		if strings.HasSuffix(rel, ".m3u8") {
			// Another playlist: through this route again, by a link
			// relative to this one, so it resolves under whatever prefix
			// the API is mounted at and the player sends its token along.
			if dir != "." && strings.HasPrefix(rel, dir+"/") {
				return strings.TrimPrefix(rel, dir+"/"), nil
			}
			if dir == "." {
				return rel, nil
			}
			return "", errors.New("playlist names a playlist outside its folder: " + rel)
		}
		return a.signer.URL(r.Context(), prefix+rel, linkTTL, "")
	})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
	w.Header().Set("Cache-Control", "private, max-age=300")
	_, _ = w.Write([]byte(out))
	return nil
}
