package forumapi

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"lms/shared/batch"
	"lms/shared/forum"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/notify"
)

type forumView struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	Title       string `json:"title"`
	ThreadCount int    `json:"threadCount"`
	UnreadCount int    `json:"unreadCount"`
}

// unreadWindow is how many of a forum's most recently active threads the
// unread count looks at.
const unreadWindow = 50

// forumSummary counts a forum's threads and the caller's unread ones
// (among its unreadWindow most recently active).
func (a *API) forumSummary(r *http.Request, p place, kind, title string) (forumView, error) {
	fv := forumView{ID: p.forumID, Kind: kind, Title: title}
	count, err := a.forums.Count(r.Context(), p.tenant.ID, p.forumID, !p.moderator)
	if err != nil {
		return fv, err
	}
	fv.ThreadCount = count
	if count == 0 {
		return fv, nil
	}
	pg, err := a.forums.Threads(r.Context(), p.tenant.ID, p.forumID, true, !p.moderator, unreadWindow, "")
	if err != nil {
		return fv, err
	}
	tids := make([]string, len(pg.Items))
	for i, th := range pg.Items {
		tids[i] = th.ID
	}
	read, err := a.forums.ReadAt(r.Context(), p.tenant.ID, p.userID, tids)
	if err != nil {
		return fv, err
	}
	for _, th := range pg.Items {
		if at, known := read[th.ID]; forum.Unread(th, at, known) {
			fv.UnreadCount++
		}
	}
	return fv, nil
}

// listForums lists the help desk and the batch forums the caller can
// open: every batch for admins and instructors (their 50 latest), the
// batches a learner is enrolled in.
func (a *API) listForums(w http.ResponseWriter, r *http.Request) error {
	v, err := a.caller(r, false)
	if err != nil {
		return err
	}
	items := []forumView{}
	hd, err := a.forumSummary(r, place{viewer: v, forumID: forum.HelpDesk, moderator: v.staff()}, "helpdesk", i18n.Text(v.lang, "forum_helpdesk_title", nil))
	if err != nil {
		return err
	}
	items = append(items, hd)
	if v.member != nil {
		var batches []batch.Batch
		if v.staff() {
			pg, err := a.batches.List(r.Context(), v.tenant.ID, v.admin(), 50, "")
			if err != nil {
				return err
			}
			batches = pg.Items
		} else {
			mine, err := a.batches.MyBatches(r.Context(), v.tenant.ID, v.userID)
			if err != nil {
				return err
			}
			for _, e := range mine {
				if e.Status == batch.Enrolled {
					batches = append(batches, batch.Batch{ID: e.BatchID, Name: e.BatchName})
				}
			}
		}
		for _, b := range batches {
			p := place{viewer: v, forumID: b.ID, moderator: v.staff(), batch: &b}
			fv, err := a.forumSummary(r, p, "batch", b.Name)
			if err != nil {
				return err
			}
			items = append(items, fv)
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"items": items})
	return nil
}

// publicPlace is the help desk as an anonymous reader sees it.
func (a *API) publicPlace(r *http.Request) (place, error) {
	v, err := a.caller(r, true)
	if err != nil {
		return place{}, err
	}
	return place{viewer: v, forumID: forum.HelpDesk}, nil
}

func (a *API) publicThreads(w http.ResponseWriter, r *http.Request) error {
	p, err := a.publicPlace(r)
	if err != nil {
		return err
	}
	return a.threadList(w, r, p)
}

func (a *API) publicThread(w http.ResponseWriter, r *http.Request) error {
	p, err := a.publicPlace(r)
	if err != nil {
		return err
	}
	return a.threadPage(w, r, p)
}

func (a *API) queue(w http.ResponseWriter, r *http.Request) error {
	v, err := a.memberCaller(r)
	if err != nil {
		return err
	}
	if !v.staff() {
		return httpapi.NewError(http.StatusForbidden, "moderators_only")
	}
	limit, cursor, err := pageParams(r)
	if err != nil {
		return err
	}
	pg, err := a.forums.Waiting(r.Context(), v.tenant.ID, limit, cursor)
	if err != nil {
		return storeError(r, err)
	}
	p := place{viewer: v, forumID: forum.HelpDesk, moderator: true}
	views, err := a.threadViews(r.Context(), p, pg.Items)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, newPage(views, pg.NextCursor))
	return nil
}

func (a *API) stats(w http.ResponseWriter, r *http.Request) error {
	v, err := a.adminCaller(r)
	if err != nil {
		return err
	}
	days := 30
	if s := r.URL.Query().Get("days"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 365 {
			val := httpapi.NewValidation(r)
			val.Add("days", "days_invalid", nil)
			return val.Err()
		}
		days = n
	}
	threads, err := a.forums.AskedSince(r.Context(), v.tenant.ID, forum.HelpDesk, a.now().Add(-time.Duration(days)*24*time.Hour))
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, forum.Compute(threads, days))
	return nil
}

type announcementRequest struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// announce posts an announcement (pinned) in a batch's forum and
// notifies every member of the batch.
func (a *API) announce(w http.ResponseWriter, r *http.Request) error {
	v, err := a.memberCaller(r)
	if err != nil {
		return err
	}
	if !v.staff() {
		return httpapi.ErrForbidden()
	}
	var in announcementRequest
	if err := httpapi.DecodeJSON(r, &in, bodyLimit); err != nil {
		return err
	}
	bid := httpapi.PathParam(r, "batchId")
	if !ids.Valid(bid) {
		return httpapi.NewError(http.StatusNotFound, "batch_not_found")
	}
	b, err := a.batches.Get(r.Context(), v.tenant.ID, bid)
	if errors.Is(err, batch.ErrNotFound) || (err == nil && b.Status == batch.StatusDraft && !v.admin()) {
		return httpapi.NewError(http.StatusNotFound, "batch_not_found")
	}
	if err != nil {
		return err
	}
	p := place{viewer: v, forumID: b.ID, batch: &b, moderator: true}
	th, err := a.newThread(r, p, threadRequest{Title: in.Title, Body: in.Body}, true)
	if err != nil {
		return err
	}
	a.notes.Publish(r.Context(), notify.Message{Key: "announcement#" + th.ID, Event: notify.Announcement, TenantID: v.tenant.ID,
		BatchID: b.ID, At: th.CreatedAt,
		Data: map[string]string{"title": th.Title, "link": link(v.tenant.ID, b.ID, th.ID), "batchName": b.Name}})
	httpapi.WriteJSON(w, http.StatusCreated, a.threadView(r.Context(), p, th, th.CreatedAt, true))
	return nil
}
