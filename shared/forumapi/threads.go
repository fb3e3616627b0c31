package forumapi

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"lms/shared/faq"
	"lms/shared/forum"
	"lms/shared/httpapi"
	"lms/shared/ids"
	"lms/shared/notify"
	"lms/shared/search"
	"lms/shared/upload"
)

type threadRequest struct {
	Title       string   `json:"title"`
	Body        string   `json:"body"`
	Attachments []string `json:"attachments"`
}

type threadUpdate struct {
	Title   *string `json:"title"`
	Body    *string `json:"body"`
	Version int     `json:"version"`
}

type postRequest struct {
	Body        string   `json:"body"`
	Attachments []string `json:"attachments"`
}

type postUpdate struct {
	Body    string `json:"body"`
	Version int    `json:"version"`
}

type acceptRequest struct {
	PostID *string `json:"postId"`
}

type pinRequest struct {
	Pinned *bool `json:"pinned"`
}

type lockRequest struct {
	Locked *bool `json:"locked"`
}

type hideRequest struct {
	Hidden *bool `json:"hidden"`
}

type reportRequest struct {
	Reason string `json:"reason"`
}

type feedbackRequest struct {
	Helpful *bool `json:"helpful"`
}

const (
	bodyLimit   = 96 << 10 // 20,000 characters of up to 4 bytes, and the rest
	smallLimit  = 1 << 10
	maxBodyLen  = 20000
	maxAttached = 5
)

// link is the web app path of a thread.
func link(tenantID, forumID, threadID string) string {
	if forumID == forum.HelpDesk {
		return "/" + tenantID + "/bantuan/" + threadID
	}
	return "/" + tenantID + "/forum/" + forumID + "/" + threadID
}

// checkAttachments validates upload ids: at most five, each the caller's
// own finished (checked) upload of this tenant, sent for a post.
func (a *API) checkAttachments(r *http.Request, p place, uploadIDs []string, v *httpapi.Validation) []forum.Attachment {
	if len(uploadIDs) > maxAttached {
		v.Add("attachments", "field_invalid", nil)
		return nil
	}
	out := []forum.Attachment{}
	seen := map[string]bool{}
	for _, id := range uploadIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if !ids.Valid(id) {
			v.Add("attachments", "attachment_invalid", nil)
			return nil
		}
		u, err := a.uploads.Get(r.Context(), p.tenant.ID, id)
		if err != nil || u.CreatedBy != p.userID || u.Status != upload.Ready || u.Purpose != upload.PurposeForum {
			v.Add("attachments", "attachment_invalid", nil)
			return nil
		}
		out = append(out, forum.Attachment{UploadID: u.ID, FileName: u.FileName, Key: u.Key})
	}
	return out
}

func (a *API) listThreads(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	return a.threadList(w, r, p)
}

// threadList answers a page of p's threads (?sort=newest|activity), the
// pinned ones first on the first page.
func (a *API) threadList(w http.ResponseWriter, r *http.Request, p place) error {
	limit, cursor, err := pageParams(r)
	if err != nil {
		return err
	}
	sort := r.URL.Query().Get("sort")
	if sort != "" && sort != "newest" && sort != "activity" {
		v := httpapi.NewValidation(r)
		v.Add("sort", "field_one_of", map[string]any{"Values": "newest, activity"})
		return v.Err()
	}
	pg, err := a.forums.Threads(r.Context(), p.tenant.ID, p.forumID, sort == "activity", !p.moderator, limit, cursor)
	if err != nil {
		return storeError(r, err)
	}
	var threads []forum.Thread
	if cursor == "" {
		pinned, err := a.forums.Pinned(r.Context(), p.tenant.ID, p.forumID)
		if err != nil {
			return err
		}
		for _, th := range pinned {
			if !th.Hidden || p.moderator {
				threads = append(threads, th)
			}
		}
	}
	for _, th := range pg.Items {
		if !th.Pinned {
			threads = append(threads, th)
		}
	}
	views, err := a.threadViews(r.Context(), p, threads)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, newPage(views, pg.NextCursor))
	return nil
}

func (a *API) createThread(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in threadRequest
	if err := httpapi.DecodeJSON(r, &in, bodyLimit); err != nil {
		return err
	}
	th, err := a.newThread(r, p, in, false)
	if err != nil {
		return err
	}
	if p.forumID == forum.HelpDesk {
		if th, err = a.autoReply(r.Context(), p, th); err != nil {
			return err
		}
	}
	httpapi.WriteJSON(w, http.StatusCreated, a.threadView(r.Context(), p, th, a.now(), true))
	return nil
}

// newThread validates and stores a thread (an announcement is pinned).
func (a *API) newThread(r *http.Request, p place, in threadRequest, announcement bool) (forum.Thread, error) {
	in.Title, in.Body = httpapi.CleanText(in.Title), strings.TrimSpace(in.Body)
	v := httpapi.NewValidation(r)
	v.Length("title", in.Title, 3, 150, true)
	v.Length("body", in.Body, 1, maxBodyLen, true)
	if err := v.Err(); err != nil {
		return forum.Thread{}, err
	}
	atts := a.checkAttachments(r, p, in.Attachments, v)
	if err := v.Err(); err != nil {
		return forum.Thread{}, err
	}
	now := a.now()
	th := forum.Thread{TenantID: p.tenant.ID, ForumID: p.forumID, ID: ids.New(now), Title: in.Title, Body: in.Body,
		Attachments: atts, AuthorID: p.userID, AuthorName: p.name, CreatedAt: now, LastActivityAt: now,
		Status: forum.Open, Announcement: announcement, Pinned: announcement, Version: 1}
	if err := a.forums.PutThread(r.Context(), th, 0); err != nil {
		return th, err
	}
	if err := a.forums.MarkRead(r.Context(), p.tenant.ID, p.userID, th.ID, now); err != nil {
		return th, err
	}
	return th, nil
}

func (a *API) getThread(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	return a.threadPage(w, r, p)
}

// threadPage answers a thread with a page of its posts (oldest first),
// marking it read for a signed-in caller.
func (a *API) threadPage(w http.ResponseWriter, r *http.Request, p place) error {
	th, err := a.thread(r, p)
	if err != nil {
		return err
	}
	limit, cursor, err := pageParams(r)
	if err != nil {
		return err
	}
	pg, err := a.forums.Posts(r.Context(), p.tenant.ID, th.ID, limit, cursor)
	if err != nil {
		return storeError(r, err)
	}
	posts := make([]postView, 0, len(pg.Items))
	for _, post := range pg.Items {
		if !post.Hidden || p.moderator {
			posts = append(posts, a.postView(r.Context(), p, th, post))
		}
	}
	var out struct {
		Thread threadView     `json:"thread"`
		Posts  page[postView] `json:"posts"`
	}
	out.Posts = newPage(posts, pg.NextCursor)
	if p.userID != "" {
		read, err := a.forums.ReadAt(r.Context(), p.tenant.ID, p.userID, []string{th.ID})
		if err != nil {
			return err
		}
		at, known := read[th.ID]
		out.Thread = a.threadView(r.Context(), p, th, at, known)
		if err := a.forums.MarkRead(r.Context(), p.tenant.ID, p.userID, th.ID, a.now()); err != nil {
			return err
		}
	} else {
		out.Thread = a.threadView(r.Context(), p, th, a.now(), true)
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// modify reads the path's thread, lets change alter it and stores it
// with the next version, retrying when someone else changed it meanwhile.
func (a *API) modify(r *http.Request, p place, change func(th *forum.Thread) error) (forum.Thread, error) {
	for attempt := 0; ; attempt++ {
		th, err := a.thread(r, p)
		if err != nil {
			return th, err
		}
		prev := th.Version
		if err := change(&th); err != nil {
			return th, err
		}
		th.Version = prev + 1
		err = a.forums.PutThread(r.Context(), th, prev)
		if errors.Is(err, forum.ErrConflict) && attempt < 4 {
			continue
		}
		return th, storeError(r, err)
	}
}

func (a *API) updateThread(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in threadUpdate
	if err := httpapi.DecodeJSON(r, &in, bodyLimit); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	if in.Title != nil {
		*in.Title = httpapi.CleanText(*in.Title)
		v.Length("title", *in.Title, 3, 150, true)
	}
	if in.Body != nil {
		*in.Body = strings.TrimSpace(*in.Body)
		v.Length("body", *in.Body, 1, maxBodyLen, true)
	}
	v.Check(in.Version > 0, "version", "field_required", nil)
	if err := v.Err(); err != nil {
		return err
	}
	th, err := a.thread(r, p)
	if err != nil {
		return err
	}
	if !forum.CanEditThread(th, p.userID, p.moderator, a.now()) {
		return httpapi.NewError(http.StatusForbidden, "thread_edit_window")
	}
	if th.Version != in.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	if in.Title != nil {
		th.Title = *in.Title
	}
	if in.Body != nil {
		th.Body = *in.Body
	}
	th.EditedAt, th.Version = a.now(), in.Version+1
	if err := a.forums.PutThread(r.Context(), th, in.Version); err != nil {
		return storeError(r, err)
	}
	if th.ForumID == forum.HelpDesk && th.AcceptedPostID != "" {
		a.indexAnswer(r.Context(), p, th)
	}
	httpapi.WriteJSON(w, http.StatusOK, a.threadView(r.Context(), p, th, a.now(), true))
	return nil
}

func (a *API) deleteThread(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	th, err := a.thread(r, p)
	if err != nil {
		return err
	}
	if !forum.CanDeleteThread(th, p.userID, p.moderator) {
		return httpapi.NewError(http.StatusForbidden, "thread_delete_replied")
	}
	if err := a.forums.DeleteThread(r.Context(), th); err != nil {
		return storeError(r, err)
	}
	if th.ForumID == forum.HelpDesk && th.AcceptedPostID != "" {
		a.unindexAnswer(r.Context(), p, th.ID)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) createPost(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in postRequest
	if err := httpapi.DecodeJSON(r, &in, bodyLimit); err != nil {
		return err
	}
	in.Body = strings.TrimSpace(in.Body)
	v := httpapi.NewValidation(r)
	v.Length("body", in.Body, 1, maxBodyLen, true)
	if err := v.Err(); err != nil {
		return err
	}
	th, err := a.thread(r, p)
	if err != nil {
		return err
	}
	if th.Locked && !p.moderator {
		return httpapi.NewError(http.StatusConflict, "thread_locked")
	}
	atts := a.checkAttachments(r, p, in.Attachments, v)
	if err := v.Err(); err != nil {
		return err
	}
	now := a.now()
	post := forum.Post{TenantID: p.tenant.ID, ForumID: p.forumID, ThreadID: th.ID, ID: ids.New(now), Body: in.Body,
		Attachments: atts, AuthorID: p.userID, AuthorName: p.name, CreatedAt: now, Version: 1}
	for attempt := 0; ; attempt++ {
		prev := th.Version
		next := forum.Reply(th, post, p.moderator)
		next.Version = prev + 1
		err = a.forums.AddPost(r.Context(), post, next, prev)
		if errors.Is(err, forum.ErrConflict) && attempt < 4 {
			if th, err = a.thread(r, p); err != nil {
				return err
			}
			if th.Locked && !p.moderator {
				return httpapi.NewError(http.StatusConflict, "thread_locked")
			}
			continue
		}
		if err != nil {
			return storeError(r, err)
		}
		th = next
		break
	}
	if err := a.forums.MarkRead(r.Context(), p.tenant.ID, p.userID, th.ID, now); err != nil {
		return err
	}
	if th.AuthorID != "" && th.AuthorID != p.userID {
		a.notes.Publish(r.Context(), notify.Message{Key: "reply#" + post.ID, Event: notify.ThreadReply, TenantID: p.tenant.ID,
			UserIDs: []string{th.AuthorID}, At: now,
			Data: map[string]string{"threadTitle": th.Title, "link": link(p.tenant.ID, p.forumID, th.ID), "authorName": p.name}})
	}
	httpapi.WriteJSON(w, http.StatusCreated, a.postView(r.Context(), p, th, post))
	return nil
}

func (a *API) updatePost(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in postUpdate
	if err := httpapi.DecodeJSON(r, &in, bodyLimit); err != nil {
		return err
	}
	in.Body = strings.TrimSpace(in.Body)
	v := httpapi.NewValidation(r)
	v.Length("body", in.Body, 1, maxBodyLen, true)
	v.Check(in.Version > 0, "version", "field_required", nil)
	if err := v.Err(); err != nil {
		return err
	}
	th, err := a.thread(r, p)
	if err != nil {
		return err
	}
	post, err := a.post(r, p, th)
	if err != nil {
		return err
	}
	if !forum.CanEditPost(post, p.userID, p.moderator, a.now()) {
		return httpapi.NewError(http.StatusForbidden, "post_edit_window")
	}
	if post.Version != in.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	post.Body, post.EditedAt, post.Version = in.Body, a.now(), in.Version+1
	if err := a.forums.SavePost(r.Context(), post, in.Version); err != nil {
		return storeError(r, err)
	}
	if th.ForumID == forum.HelpDesk && th.AcceptedPostID == post.ID {
		a.indexAnswer(r.Context(), p, th)
	}
	httpapi.WriteJSON(w, http.StatusOK, a.postView(r.Context(), p, th, post))
	return nil
}

func (a *API) deletePost(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		th, err := a.thread(r, p)
		if err != nil {
			return err
		}
		post, err := a.post(r, p, th)
		if err != nil {
			return err
		}
		if !forum.CanDeletePost(post, p.userID, p.moderator, a.now()) {
			return httpapi.NewError(http.StatusForbidden, "post_edit_window")
		}
		prev := th.Version
		next := th
		next.ReplyCount = max(next.ReplyCount-1, 0)
		wasAccepted := next.AcceptedPostID == post.ID
		if wasAccepted {
			next = forum.Accept(next, "", false)
		}
		if next.Auto != nil && next.Auto.PostID == post.ID {
			// The automatic reply is gone: the question waits for staff.
			next.Auto = nil
			if next.Status != forum.Closed && next.AcceptedPostID == "" && next.ForumID == forum.HelpDesk {
				next.Status = forum.WaitingStaff
			}
		}
		next.Version = prev + 1
		err = a.forums.RemovePost(r.Context(), post, next, prev)
		if errors.Is(err, forum.ErrConflict) && attempt < 4 {
			continue
		}
		if err != nil {
			return storeError(r, err)
		}
		if wasAccepted && th.ForumID == forum.HelpDesk {
			a.unindexAnswer(r.Context(), p, th.ID)
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

func (a *API) accept(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in acceptRequest
	if err := httpapi.DecodeJSON(r, &in, smallLimit); err != nil {
		return err
	}
	postID := ""
	if in.PostID != nil {
		postID = *in.PostID
	}
	th, err := a.thread(r, p)
	if err != nil {
		return err
	}
	if !p.moderator && (p.userID == "" || th.AuthorID != p.userID) {
		return httpapi.NewError(http.StatusForbidden, "asker_only")
	}
	var post forum.Post
	staff := false
	if postID != "" {
		v := httpapi.NewValidation(r)
		if !ids.Valid(postID) {
			v.Add("postId", "post_not_found", nil)
			return v.Err()
		}
		post, err = a.forums.GetPost(r.Context(), p.tenant.ID, th.ID, postID)
		if errors.Is(err, forum.ErrNotFound) || (err == nil && post.Hidden) {
			v.Add("postId", "post_not_found", nil)
			return v.Err()
		}
		if err != nil {
			return err
		}
		if !post.Automatic && post.AuthorID != "" {
			m, err := a.members.GetMemberships(r.Context(), p.tenant.ID, []string{post.AuthorID})
			if err != nil {
				return err
			}
			if am, ok := m[post.AuthorID]; ok {
				staff = viewer{member: &am}.staff()
			}
		}
		if p.batch != nil && slices.Contains(p.batch.PICIDs, post.AuthorID) {
			staff = true
		}
	}
	th, err = a.modify(r, p, func(th *forum.Thread) error {
		*th = forum.Accept(*th, postID, staff)
		return nil
	})
	if err != nil {
		return err
	}
	if th.ForumID == forum.HelpDesk {
		if postID != "" && !post.Automatic {
			a.indexAnswer(r.Context(), p, th)
		} else {
			a.unindexAnswer(r.Context(), p, th.ID)
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, a.threadView(r.Context(), p, th, a.now(), true))
	return nil
}

// moderate runs a moderators' change of the path's thread: flag is the
// decoded value (nil: missing), set applies it.
func (a *API) moderate(w http.ResponseWriter, r *http.Request, p place, field string, flag *bool, set func(v bool, th *forum.Thread)) error {
	if flag == nil {
		v := httpapi.NewValidation(r)
		v.Add(field, "field_required", nil)
		return v.Err()
	}
	if _, err := a.thread(r, p); err != nil {
		return err
	}
	if !p.moderator {
		return httpapi.NewError(http.StatusForbidden, "moderators_only")
	}
	th, err := a.modify(r, p, func(th *forum.Thread) error { set(*flag, th); return nil })
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, a.threadView(r.Context(), p, th, a.now(), true))
	return nil
}

func (a *API) pin(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in pinRequest
	if err := httpapi.DecodeJSON(r, &in, smallLimit); err != nil {
		return err
	}
	return a.moderate(w, r, p, "pinned", in.Pinned, func(v bool, th *forum.Thread) { th.Pinned = v })
}

func (a *API) lock(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in lockRequest
	if err := httpapi.DecodeJSON(r, &in, smallLimit); err != nil {
		return err
	}
	return a.moderate(w, r, p, "locked", in.Locked, func(v bool, th *forum.Thread) { th.Locked = v })
}

func (a *API) hideThread(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in hideRequest
	if err := httpapi.DecodeJSON(r, &in, smallLimit); err != nil {
		return err
	}
	return a.moderate(w, r, p, "hidden", in.Hidden, func(v bool, th *forum.Thread) { th.Hidden = v })
}

func (a *API) hidePost(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in hideRequest
	if err := httpapi.DecodeJSON(r, &in, smallLimit); err != nil {
		return err
	}
	if in.Hidden == nil {
		v := httpapi.NewValidation(r)
		v.Add("hidden", "field_required", nil)
		return v.Err()
	}
	th, err := a.thread(r, p)
	if err != nil {
		return err
	}
	post, err := a.post(r, p, th)
	if err != nil {
		return err
	}
	if !p.moderator {
		return httpapi.NewError(http.StatusForbidden, "moderators_only")
	}
	prev := post.Version
	post.Hidden, post.Version = *in.Hidden, prev+1
	if err := a.forums.SavePost(r.Context(), post, prev); err != nil {
		return storeError(r, err)
	}
	httpapi.WriteJSON(w, http.StatusOK, a.postView(r.Context(), p, th, post))
	return nil
}

func (a *API) reportPost(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in reportRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	in.Reason = httpapi.CleanText(in.Reason)
	v := httpapi.NewValidation(r)
	v.Length("reason", in.Reason, 3, 500, true)
	if err := v.Err(); err != nil {
		return err
	}
	th, err := a.thread(r, p)
	if err != nil {
		return err
	}
	post, err := a.post(r, p, th)
	if err != nil {
		return err
	}
	excerpt := []rune(post.Body)
	if len(excerpt) > 200 {
		excerpt = append(excerpt[:200], '…')
	}
	err = a.forums.AddReport(r.Context(), forum.Report{TenantID: p.tenant.ID, ForumID: p.forumID, ThreadID: th.ID, PostID: post.ID,
		ReporterID: p.userID, ReporterName: p.name, Reason: in.Reason, Excerpt: string(excerpt), CreatedAt: a.now()})
	if errors.Is(err, forum.ErrReported) {
		return httpapi.NewError(http.StatusConflict, "already_reported")
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusAccepted, map[string]string{"status": "reported"})
	return nil
}

func (a *API) feedback(w http.ResponseWriter, r *http.Request) error {
	p, err := a.pathForum(r)
	if err != nil {
		return err
	}
	var in feedbackRequest
	if err := httpapi.DecodeJSON(r, &in, smallLimit); err != nil {
		return err
	}
	if in.Helpful == nil {
		v := httpapi.NewValidation(r)
		v.Add("helpful", "field_required", nil)
		return v.Err()
	}
	th, err := a.thread(r, p)
	if err != nil {
		return err
	}
	if p.userID == "" || th.AuthorID != p.userID {
		return httpapi.NewError(http.StatusForbidden, "asker_only")
	}
	if th.Auto == nil {
		return httpapi.NewError(http.StatusConflict, "no_automatic_reply")
	}
	th, err = a.modify(r, p, func(th *forum.Thread) error {
		if th.Auto == nil {
			return httpapi.NewError(http.StatusConflict, "no_automatic_reply")
		}
		*th = forum.GiveFeedback(*th, *in.Helpful)
		return nil
	})
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, a.threadView(r.Context(), p, th, a.now(), true))
	return nil
}

func (a *API) listReports(w http.ResponseWriter, r *http.Request) error {
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
	pg, err := a.forums.Reports(r.Context(), v.tenant.ID, limit, cursor)
	if err != nil {
		return storeError(r, err)
	}
	type reportView struct {
		PostID    string     `json:"postId"`
		ThreadID  string     `json:"threadId"`
		ForumID   string     `json:"forumId"`
		Reason    string     `json:"reason"`
		Reporter  personView `json:"reporter"`
		CreatedAt string     `json:"createdAt"`
		Excerpt   string     `json:"excerpt"`
	}
	items := make([]reportView, 0, len(pg.Items))
	for _, rep := range pg.Items {
		items = append(items, reportView{PostID: rep.PostID, ThreadID: rep.ThreadID, ForumID: rep.ForumID, Reason: rep.Reason,
			Reporter: personView{ID: rep.ReporterID, Name: rep.ReporterName}, CreatedAt: rep.CreatedAt.UTC().Format("2006-01-02T15:04:05Z07:00"),
			Excerpt: rep.Excerpt})
	}
	httpapi.WriteJSON(w, http.StatusOK, newPage(items, pg.NextCursor))
	return nil
}

// indexAnswer makes an answered help desk question searchable for later
// automatic replies (best effort: the question is answered either way).
func (a *API) indexAnswer(ctx context.Context, p place, th forum.Thread) {
	post, err := a.forums.GetPost(ctx, p.tenant.ID, th.ID, th.AcceptedPostID)
	if err == nil {
		err = a.search.Apply(ctx, p.tenant.ID, []search.Document{faq.AnswerDocument(p.tenant.ID, th.ID, th.Title, th.Body, post.Body, a.now())}, nil)
	}
	if err != nil {
		a.env.Log.ErrorContext(ctx, "accepted answer not indexed", "tenantId", p.tenant.ID, "threadId", th.ID, "error", err.Error())
	}
}

func (a *API) unindexAnswer(ctx context.Context, p place, threadID string) {
	if err := a.search.Apply(ctx, p.tenant.ID, nil, []string{faq.AnswerDocID(threadID)}); err != nil {
		a.env.Log.ErrorContext(ctx, "answer not removed from the index", "tenantId", p.tenant.ID, "threadId", threadID, "error", err.Error())
	}
}
