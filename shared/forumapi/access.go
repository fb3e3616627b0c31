package forumapi

import (
	"net/http"
	"slices"

	"lms/shared/batch"
	"lms/shared/forum"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/identity"
	"lms/shared/ids"
	"lms/shared/tenancy"

	"errors"
)

// viewer is who calls, in the path's tenant.
type viewer struct {
	tenant tenancy.Tenant
	userID string // "" for anonymous callers of the public routes
	name   string
	// member is the caller's active membership of the tenant (nil: none).
	member *tenancy.Membership
	lang   i18n.Lang
}

// staff: an admin or instructor of the tenant.
func (v viewer) staff() bool {
	return v.member != nil && (v.member.Role == tenancy.RoleAdmin || v.member.Role == tenancy.RoleInstructor)
}

func (v viewer) admin() bool { return v.member != nil && v.member.Role == tenancy.RoleAdmin }

// place is a forum as a viewer sees it.
type place struct {
	viewer
	forumID   string
	batch     *batch.Batch // nil for the help desk
	moderator bool
}

// caller reads the path's tenant and the caller (anonymous: public routes).
func (a *API) caller(r *http.Request, anonymous bool) (viewer, error) {
	v := viewer{lang: i18n.Negotiate(r.Header.Get("Accept-Language"))}
	sub := "-"
	if !anonymous {
		p, err := identity.FromRequest(r, a.clientID)
		if err != nil {
			return v, err
		}
		sub, v.userID = p.Sub, p.Sub
	}
	tid := httpapi.PathParam(r, "tenantId")
	if !tenancy.ValidSlug(tid) {
		return v, httpapi.NewError(http.StatusNotFound, "tenant_not_found")
	}
	t, m, err := a.members.GetTenantAndMembership(r.Context(), tid, sub)
	if err != nil {
		return v, err
	}
	if t == nil {
		return v, httpapi.NewError(http.StatusNotFound, "tenant_not_found")
	}
	if t.Status != tenancy.StatusActive {
		if anonymous {
			return v, httpapi.NewError(http.StatusNotFound, "tenant_not_found")
		}
		return v, httpapi.NewError(http.StatusForbidden, "tenant_suspended")
	}
	v.tenant = *t
	if m != nil {
		switch m.Status {
		case tenancy.StatusActive:
			v.member, v.name = m, m.Name
		case tenancy.StatusBanned:
			return v, httpapi.NewError(http.StatusForbidden, "membership_banned")
		}
	}
	if v.userID != "" && v.name == "" {
		// A signed-in user of another tenant asking at the help desk: the
		// name on their profile.
		if u, err := a.members.GetUser(r.Context(), v.userID); err == nil {
			v.name = u.Name
		} else if !errors.Is(err, tenancy.ErrNotFound) {
			return v, err
		}
	}
	return v, nil
}

// member requires an active membership of the tenant (403 otherwise).
func (a *API) memberCaller(r *http.Request) (viewer, error) {
	v, err := a.caller(r, false)
	if err == nil && v.member == nil {
		err = httpapi.ErrForbidden()
	}
	return v, err
}

// forum resolves the path's forum for v: the help desk (everyone) or a
// batch's forum (its members, tenant admins and instructors; anyone else
// gets 404 forum_not_found, as for a forum that does not exist).
func (a *API) forum(r *http.Request, v viewer, forumID string) (place, error) {
	p := place{viewer: v, forumID: forumID}
	if forumID == forum.HelpDesk {
		p.moderator = v.staff()
		return p, nil
	}
	notFound := httpapi.NewError(http.StatusNotFound, "forum_not_found")
	if !ids.Valid(forumID) || v.member == nil {
		return p, notFound
	}
	b, err := a.batches.Get(r.Context(), v.tenant.ID, forumID)
	if errors.Is(err, batch.ErrNotFound) {
		return p, notFound
	}
	if err != nil {
		return p, err
	}
	if b.Status == batch.StatusDraft && !v.admin() {
		return p, notFound
	}
	p.batch = &b
	switch {
	case v.staff():
		p.moderator = true
	case slices.Contains(b.PICIDs, v.userID):
		p.moderator = true
	case slices.Contains(b.InstructorIDs, v.userID):
	default:
		e, err := a.batches.GetEnrollment(r.Context(), v.tenant.ID, b.ID, v.userID)
		if errors.Is(err, batch.ErrNotFound) || (err == nil && e.Status != batch.Enrolled) {
			return p, notFound
		}
		if err != nil {
			return p, err
		}
	}
	return p, nil
}

// pathForum is caller + forum for the path's {forumId}.
func (a *API) pathForum(r *http.Request) (place, error) {
	v, err := a.caller(r, false)
	if err != nil {
		return place{}, err
	}
	return a.forum(r, v, httpapi.PathParam(r, "forumId"))
}

// thread reads the path's thread in p's forum; hidden threads are
// moderators' only.
func (a *API) thread(r *http.Request, p place) (forum.Thread, error) {
	id := httpapi.PathParam(r, "threadId")
	notFound := httpapi.NewError(http.StatusNotFound, "thread_not_found")
	if !ids.Valid(id) {
		return forum.Thread{}, notFound
	}
	th, err := a.forums.GetThread(r.Context(), p.tenant.ID, p.forumID, id)
	if errors.Is(err, forum.ErrNotFound) || (err == nil && th.Hidden && !p.moderator) {
		return th, notFound
	}
	return th, err
}

// post reads the path's post of th; hidden posts are moderators' only.
func (a *API) post(r *http.Request, p place, th forum.Thread) (forum.Post, error) {
	id := httpapi.PathParam(r, "postId")
	notFound := httpapi.NewError(http.StatusNotFound, "post_not_found")
	if !ids.Valid(id) {
		return forum.Post{}, notFound
	}
	post, err := a.forums.GetPost(r.Context(), p.tenant.ID, th.ID, id)
	if errors.Is(err, forum.ErrNotFound) || (err == nil && post.Hidden && !p.moderator) {
		return post, notFound
	}
	return post, err
}
