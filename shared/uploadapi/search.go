package uploadapi

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"lms/shared/access"
	"lms/shared/course"
	"lms/shared/httpapi"
	"lms/shared/search"
	"lms/shared/tenancy"
)

// Searcher runs searches on a tenant's index.
type Searcher interface {
	Search(ctx context.Context, tenant string, q search.Query) (search.Results, error)
}

// Announcer sends course.Changed messages to the index function.
type Announcer interface {
	Send(ctx context.Context, v any) error
}

// SearchHit is one result as the API answers it.
type SearchHit struct {
	Kind        string   `json:"kind"` // course or item
	CourseID    string   `json:"courseId"`
	CourseTitle string   `json:"courseTitle"`
	ItemID      string   `json:"itemId,omitempty"`
	ItemKind    string   `json:"itemKind,omitempty"`
	Title       string   `json:"title"`
	Snippets    []string `json:"snippets"`
	Score       float64  `json:"score"`
}

// SearchResults is one page of results.
type SearchResults struct {
	Query  string      `json:"query"`
	Total  uint64      `json:"total"`
	Offset int         `json:"offset"`
	Items  []SearchHit `json:"items"`
}

// maxCourses bounds the courses an instructor's search is filtered to.
const maxCourses = 2000

// readable lists the courses the caller may open: nil for admins (every
// course), the taught and published ones for instructors, the ones a batch
// opened for a learner.
func (a *API) readable(ctx context.Context, c access.Caller) ([]string, error) {
	switch {
	case c.Is(tenancy.RoleAdmin):
		return nil, nil
	case c.Is(tenancy.RoleInstructor):
		out := []string{}
		for cursor := ""; len(out) < maxCourses; {
			page, err := a.courses.List(ctx, c.Tenant.ID, course.Filter{VisibleTo: c.Principal.Sub}, 100, cursor)
			if err != nil {
				return nil, err
			}
			for _, crs := range page.Items {
				out = append(out, crs.ID)
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		return out, nil
	}
	list, err := a.progress.MyLearning(ctx, c.Tenant.ID, c.Principal.Sub)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, l := range list {
		if l.HasAccess() {
			out = append(out, l.CourseID)
		}
	}
	return out, nil
}

// search answers GET /tenants/{t}/search?q=&limit=&offset= with the
// courses and items that mention the words (Indonesian words matched by
// their root: "belajar" finds "pembelajaran"), filtered to what the caller
// may open; snippets mark the matches with <mark>.
func (a *API) search(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.Search)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	v := httpapi.NewValidation(r)
	v.Length("q", q, 2, 200, true)
	limit, offset := 10, 0
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		v.Check(err == nil && n >= 1 && n <= 50, "limit", "field_invalid", nil)
		limit = n
	}
	if s := r.URL.Query().Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		v.Check(err == nil && n >= 0 && n <= search.MaxFrom, "offset", "field_invalid", nil)
		offset = n
	}
	if err := v.Err(); err != nil {
		return err
	}
	courseIDs, err := a.readable(r.Context(), c)
	if err != nil {
		return err
	}
	res, err := a.searcher.Search(r.Context(), c.Tenant.ID, search.Query{Text: q, CourseIDs: courseIDs, Size: limit, From: offset})
	if err != nil {
		return err
	}
	out := SearchResults{Query: q, Total: res.Total, Offset: offset, Items: []SearchHit{}}
	// The outlines of the courses on the page give their titles and tell
	// which items a learner may open yet (materials still processing are
	// not offered).
	staff := c.Is(tenancy.RoleAdmin) || c.Is(tenancy.RoleInstructor)
	outlines := map[string]*course.Outline{}
	for _, h := range res.Hits {
		o, seen := outlines[h.CourseID]
		if !seen {
			got, err := a.courses.Outline(r.Context(), c.Tenant.ID, h.CourseID)
			if err != nil && !errors.Is(err, course.ErrNotFound) {
				return err
			}
			if err == nil && (staff || got.Course.Status != course.StatusDraft) {
				o = &got
			}
			outlines[h.CourseID] = o
		}
		if o == nil {
			out.Total--
			continue
		}
		hit := SearchHit{Kind: h.Kind, CourseID: h.CourseID, CourseTitle: o.Course.Title, ItemID: h.ItemID, Title: h.Title,
			Snippets: h.Snippets, Score: h.Score}
		if hit.Snippets == nil {
			hit.Snippets = []string{}
		}
		if h.ItemID != "" {
			it, ok := o.Item(h.ItemID)
			if !ok || (!staff && !it.Available()) {
				out.Total--
				continue
			}
			hit.ItemKind = string(it.Kind)
		}
		out.Items = append(out.Items, hit)
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// reindex rebuilds the tenant's whole index: every course is announced to
// the index function, which rewrites its documents.
func (a *API) reindex(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.SearchReindex)
	if err != nil {
		return err
	}
	if err := httpapi.DecodeOptionalJSON(r, &struct{}{}, 1<<10); err != nil {
		return err
	}
	n := 0
	for cursor := ""; ; {
		page, err := a.courses.List(r.Context(), c.Tenant.ID, course.Filter{}, 100, cursor)
		if err != nil {
			return err
		}
		for _, crs := range page.Items {
			if err := a.changes.Send(r.Context(), course.Changed{TenantID: c.Tenant.ID, CourseID: crs.ID}); err != nil {
				return err
			}
			n++
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	httpapi.WriteJSON(w, http.StatusAccepted, map[string]int{"courses": n})
	return nil
}
