package forumapi

import (
	"context"
	"time"

	"lms/shared/forum"
	"lms/shared/markdown"
)

type attachmentView struct {
	UploadID string `json:"uploadId"`
	FileName string `json:"fileName"`
	URL      string `json:"url,omitempty"`
}

type personView struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type automaticView struct {
	PostID     string         `json:"postId"`
	FAQID      string         `json:"faqId,omitempty"`
	Confidence float64        `json:"confidence"`
	Feedback   forum.Feedback `json:"feedback"`
}

type threadView struct {
	ID             string           `json:"id"`
	ForumID        string           `json:"forumId"`
	Title          string           `json:"title"`
	Body           string           `json:"body"`
	BodyHTML       string           `json:"bodyHtml"`
	Attachments    []attachmentView `json:"attachments"`
	Author         personView       `json:"author"`
	CreatedAt      time.Time        `json:"createdAt"`
	EditedAt       *time.Time       `json:"editedAt,omitempty"`
	LastActivityAt time.Time        `json:"lastActivityAt"`
	ReplyCount     int              `json:"replyCount"`
	Pinned         bool             `json:"pinned"`
	Locked         bool             `json:"locked"`
	Hidden         bool             `json:"hidden"`
	Announcement   bool             `json:"announcement"`
	AcceptedPostID string           `json:"acceptedPostId,omitempty"`
	Status         forum.Status     `json:"status"`
	Automatic      *automaticView   `json:"automatic,omitempty"`
	Unread         *bool            `json:"unread,omitempty"`
	Version        int              `json:"version"`
	CanEdit        *bool            `json:"canEdit,omitempty"`
	CanModerate    *bool            `json:"canModerate,omitempty"`
}

type postView struct {
	ID          string           `json:"id"`
	ThreadID    string           `json:"threadId"`
	Body        string           `json:"body"`
	BodyHTML    string           `json:"bodyHtml"`
	Attachments []attachmentView `json:"attachments"`
	Author      *personView      `json:"author"`
	Automatic   bool             `json:"automatic"`
	Source      *forum.Source    `json:"source,omitempty"`
	CreatedAt   time.Time        `json:"createdAt"`
	EditedAt    *time.Time       `json:"editedAt,omitempty"`
	Hidden      bool             `json:"hidden"`
	Accepted    bool             `json:"accepted"`
	Version     int              `json:"version"`
	CanEdit     *bool            `json:"canEdit,omitempty"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func boolPtr(b bool) *bool { return &b }

// attachments lists attachments with short-lived download links.
func (a *API) attachments(ctx context.Context, atts []forum.Attachment) []attachmentView {
	out := make([]attachmentView, 0, len(atts))
	for _, at := range atts {
		v := attachmentView{UploadID: at.UploadID, FileName: at.FileName}
		if at.Key != "" && a.links != nil {
			if url, err := a.links.DownloadURL(ctx, at.Key, 15*time.Minute, at.FileName); err == nil {
				v.URL = url
			}
		}
		out = append(out, v)
	}
	return out
}

// threadView renders th for p's viewer; public views (anonymous) carry
// no unread, canEdit or canModerate. readAt/known: the viewer's read
// marker of th.
func (a *API) threadView(ctx context.Context, p place, th forum.Thread, readAt time.Time, known bool) threadView {
	v := threadView{ID: th.ID, ForumID: th.ForumID, Title: th.Title, Body: th.Body, BodyHTML: markdown.HTML(th.Body),
		Attachments: a.attachments(ctx, th.Attachments), Author: personView{ID: th.AuthorID, Name: th.AuthorName},
		CreatedAt: th.CreatedAt, EditedAt: timePtr(th.EditedAt), LastActivityAt: th.LastActivityAt, ReplyCount: th.ReplyCount,
		Pinned: th.Pinned, Locked: th.Locked, Hidden: th.Hidden, Announcement: th.Announcement, AcceptedPostID: th.AcceptedPostID,
		Status: th.Status, Version: th.Version}
	if v.Status == "" {
		v.Status = forum.Open
	}
	if th.Auto != nil {
		v.Automatic = &automaticView{PostID: th.Auto.PostID, FAQID: th.Auto.FAQID, Confidence: th.Auto.Confidence, Feedback: th.Auto.Feedback}
	}
	if p.userID != "" {
		v.Unread = boolPtr(forum.Unread(th, readAt, known))
		v.CanEdit = boolPtr(forum.CanEditThread(th, p.userID, p.moderator, a.now()))
		v.CanModerate = boolPtr(p.moderator)
	}
	return v
}

func (a *API) postView(ctx context.Context, p place, th forum.Thread, post forum.Post) postView {
	v := postView{ID: post.ID, ThreadID: post.ThreadID, Body: post.Body, BodyHTML: markdown.HTML(post.Body),
		Attachments: a.attachments(ctx, post.Attachments), Automatic: post.Automatic, Source: post.Source,
		CreatedAt: post.CreatedAt, EditedAt: timePtr(post.EditedAt), Hidden: post.Hidden,
		Accepted: th.AcceptedPostID != "" && th.AcceptedPostID == post.ID, Version: post.Version}
	if !post.Automatic {
		v.Author = &personView{ID: post.AuthorID, Name: post.AuthorName}
	}
	if p.userID != "" {
		v.CanEdit = boolPtr(forum.CanEditPost(post, p.userID, p.moderator, a.now()))
	}
	return v
}

// threadViews renders a list with the viewer's read markers.
func (a *API) threadViews(ctx context.Context, p place, threads []forum.Thread) ([]threadView, error) {
	var read map[string]time.Time
	if p.userID != "" && len(threads) > 0 {
		tids := make([]string, len(threads))
		for i, th := range threads {
			tids[i] = th.ID
		}
		var err error
		if read, err = a.forums.ReadAt(ctx, p.tenant.ID, p.userID, tids); err != nil {
			return nil, err
		}
	}
	out := make([]threadView, 0, len(threads))
	for _, th := range threads {
		at, known := read[th.ID]
		out = append(out, a.threadView(ctx, p, th, at, known))
	}
	return out, nil
}
