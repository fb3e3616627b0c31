package forumapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"lms/shared/faq"
	"lms/shared/forum"
	"lms/shared/httpapi"
	"lms/shared/ids"
	"lms/shared/markdown"
	"lms/shared/search"
)

type faqRequest struct {
	Question string   `json:"question"`
	Answer   string   `json:"answer"`
	Tags     []string `json:"tags"`
}

type faqUpdate struct {
	Question *string   `json:"question"`
	Answer   *string   `json:"answer"`
	Tags     *[]string `json:"tags"`
	Version  int       `json:"version"`
}

type settingsRequest struct {
	AutoReply *bool    `json:"autoReply"`
	Threshold *float64 `json:"threshold"`
}

type faqView struct {
	ID         string    `json:"id"`
	Question   string    `json:"question"`
	Answer     string    `json:"answer"`
	AnswerHTML string    `json:"answerHtml"`
	Tags       []string  `json:"tags"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
	Version    int       `json:"version"`
}

func viewFAQ(e faq.Entry) faqView {
	tags := e.Tags
	if tags == nil {
		tags = []string{}
	}
	return faqView{ID: e.ID, Question: e.Question, Answer: e.Answer, AnswerHTML: markdown.HTML(e.Answer), Tags: tags,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt, Version: e.Version}
}

// adminCaller requires a tenant admin.
func (a *API) adminCaller(r *http.Request) (viewer, error) {
	v, err := a.memberCaller(r)
	if err == nil && !v.admin() {
		err = httpapi.NewError(http.StatusForbidden, "admins_only")
	}
	return v, err
}

// checkFAQ cleans and validates an entry's fields.
func checkFAQ(r *http.Request, e *faq.Entry) error {
	e.Question = httpapi.CleanText(e.Question)
	e.Answer = strings.TrimSpace(e.Answer)
	v := httpapi.NewValidation(r)
	v.Length("question", e.Question, 5, 300, true)
	v.Length("answer", e.Answer, 1, 5000, true)
	tags := []string{}
	seen := map[string]bool{}
	for _, t := range e.Tags {
		t = strings.ToLower(httpapi.CleanText(t))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		v.Length("tags", t, 1, 30, true)
		tags = append(tags, t)
	}
	v.Check(len(tags) <= 10, "tags", "field_invalid", nil)
	e.Tags = tags
	return v.Err()
}

func (a *API) listFAQ(w http.ResponseWriter, r *http.Request) error {
	v, err := a.memberCaller(r)
	if err != nil {
		return err
	}
	limit, cursor, err := pageParams(r)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 100 {
		val := httpapi.NewValidation(r)
		val.Add("q", "field_too_long", map[string]any{"Max": 100})
		return val.Err()
	}
	pg, err := a.faqs.List(r.Context(), v.tenant.ID, q, limit, cursor)
	if err != nil {
		return storeError(r, err)
	}
	items := make([]faqView, 0, len(pg.Items))
	for _, e := range pg.Items {
		items = append(items, viewFAQ(e))
	}
	httpapi.WriteJSON(w, http.StatusOK, newPage(items, pg.NextCursor))
	return nil
}

func (a *API) createFAQ(w http.ResponseWriter, r *http.Request) error {
	v, err := a.adminCaller(r)
	if err != nil {
		return err
	}
	var in faqRequest
	if err := httpapi.DecodeJSON(r, &in, 32<<10); err != nil {
		return err
	}
	now := a.now()
	e := faq.Entry{TenantID: v.tenant.ID, ID: ids.New(now), Question: in.Question, Answer: in.Answer, Tags: in.Tags,
		CreatedAt: now, UpdatedAt: now, Version: 1}
	if err := checkFAQ(r, &e); err != nil {
		return err
	}
	// The index first: a document whose entry was never stored is skipped
	// by the matcher, which reads every candidate's entry.
	if err := a.search.Apply(r.Context(), v.tenant.ID, []search.Document{faq.Document(e)}, nil); err != nil {
		return err
	}
	if err := a.faqs.Put(r.Context(), e, 0); err != nil {
		return storeError(r, err)
	}
	httpapi.WriteJSON(w, http.StatusCreated, viewFAQ(e))
	return nil
}

// pathFAQ reads the path's entry.
func (a *API) pathFAQ(r *http.Request, v viewer) (faq.Entry, error) {
	id := httpapi.PathParam(r, "faqId")
	if !ids.Valid(id) {
		return faq.Entry{}, httpapi.NewError(http.StatusNotFound, "faq_not_found")
	}
	e, err := a.faqs.Get(r.Context(), v.tenant.ID, id)
	if errors.Is(err, faq.ErrNotFound) {
		return e, httpapi.NewError(http.StatusNotFound, "faq_not_found")
	}
	return e, err
}

func (a *API) updateFAQ(w http.ResponseWriter, r *http.Request) error {
	v, err := a.adminCaller(r)
	if err != nil {
		return err
	}
	var in faqUpdate
	if err := httpapi.DecodeJSON(r, &in, 32<<10); err != nil {
		return err
	}
	if in.Version <= 0 {
		val := httpapi.NewValidation(r)
		val.Add("version", "field_required", nil)
		return val.Err()
	}
	e, err := a.pathFAQ(r, v)
	if err != nil {
		return err
	}
	if e.Version != in.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	if in.Question != nil {
		e.Question = *in.Question
	}
	if in.Answer != nil {
		e.Answer = *in.Answer
	}
	if in.Tags != nil {
		e.Tags = *in.Tags
	}
	if err := checkFAQ(r, &e); err != nil {
		return err
	}
	e.UpdatedAt, e.Version = a.now(), in.Version+1
	if err := a.search.Apply(r.Context(), v.tenant.ID, []search.Document{faq.Document(e)}, nil); err != nil {
		return err
	}
	if err := a.faqs.Put(r.Context(), e, in.Version); err != nil {
		return storeError(r, err)
	}
	httpapi.WriteJSON(w, http.StatusOK, viewFAQ(e))
	return nil
}

func (a *API) deleteFAQ(w http.ResponseWriter, r *http.Request) error {
	v, err := a.adminCaller(r)
	if err != nil {
		return err
	}
	e, err := a.pathFAQ(r, v)
	if err != nil {
		return err
	}
	if err := a.faqs.Delete(r.Context(), v.tenant.ID, e.ID, e.Version); err != nil {
		return storeError(r, err)
	}
	// Best effort: a document left behind matches no stored entry.
	if err := a.search.Apply(r.Context(), v.tenant.ID, nil, []string{faq.FAQDocID(e.ID)}); err != nil {
		a.env.Log.ErrorContext(r.Context(), "faq entry left in the index", "tenantId", v.tenant.ID, "faqId", e.ID, "error", err.Error())
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) getSettings(w http.ResponseWriter, r *http.Request) error {
	v, err := a.adminCaller(r)
	if err != nil {
		return err
	}
	s, err := a.faqs.GetSettings(r.Context(), v.tenant.ID)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, s)
	return nil
}

func (a *API) putSettings(w http.ResponseWriter, r *http.Request) error {
	v, err := a.adminCaller(r)
	if err != nil {
		return err
	}
	var in settingsRequest
	if err := httpapi.DecodeJSON(r, &in, smallLimit); err != nil {
		return err
	}
	val := httpapi.NewValidation(r)
	val.Check(in.AutoReply != nil, "autoReply", "field_required", nil)
	if in.Threshold == nil {
		val.Add("threshold", "field_required", nil)
	} else {
		val.Check(*in.Threshold >= 0.1 && *in.Threshold <= 1.0, "threshold", "threshold_invalid", nil)
	}
	if err := val.Err(); err != nil {
		return err
	}
	s := faq.Settings{AutoReply: *in.AutoReply, Threshold: *in.Threshold}
	if err := a.faqs.PutSettings(r.Context(), v.tenant.ID, s); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, s)
	return nil
}

// candidate is a possible automatic reply.
type candidate struct {
	confidence float64
	body       string
	source     forum.Source
	faqID      string
}

// bestAnswer searches the FAQ and earlier accepted answers for th's
// question and returns the most confident candidate.
func (a *API) bestAnswer(ctx context.Context, p place, th forum.Thread) (*candidate, error) {
	text := th.Title + "\n" + th.Body
	res, err := a.search.Search(ctx, p.tenant.ID, search.Query{Text: text, Kinds: []string{search.KindFAQ, search.KindAnswer}, Size: 5})
	if err != nil {
		return nil, err
	}
	var best *candidate
	for _, h := range res.Hits {
		var c candidate
		switch {
		case h.Kind == search.KindFAQ && strings.HasPrefix(h.ID, "faq#"):
			e, err := a.faqs.Get(ctx, p.tenant.ID, strings.TrimPrefix(h.ID, "faq#"))
			if errors.Is(err, faq.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			c = candidate{confidence: faq.Score(th.Title, th.Body, e.Question+"\n"+strings.Join(e.Tags, " ")), body: e.Answer,
				source: forum.Source{Kind: forum.SourceFAQ, ID: e.ID, Title: e.Question}, faqID: e.ID}
		case h.Kind == search.KindAnswer && strings.HasPrefix(h.ID, "answer#"):
			earlier, err := a.forums.GetThread(ctx, p.tenant.ID, forum.HelpDesk, strings.TrimPrefix(h.ID, "answer#"))
			if errors.Is(err, forum.ErrNotFound) || (err == nil && (earlier.Hidden || earlier.AcceptedPostID == "" || earlier.ID == th.ID)) {
				continue
			}
			if err != nil {
				return nil, err
			}
			post, err := a.forums.GetPost(ctx, p.tenant.ID, earlier.ID, earlier.AcceptedPostID)
			if errors.Is(err, forum.ErrNotFound) || (err == nil && post.Hidden) {
				continue
			}
			if err != nil {
				return nil, err
			}
			c = candidate{confidence: faq.Score(th.Title, th.Body, earlier.Title), body: post.Body,
				source: forum.Source{Kind: forum.SourceAnswer, ID: earlier.ID, Title: earlier.Title}}
		default:
			continue
		}
		if best == nil || c.confidence > best.confidence {
			best = &c
		}
	}
	return best, nil
}

// autoReply posts the best FAQ entry or earlier answer on a new help desk
// question when the tenant's settings allow and its confidence reaches the
// threshold. Failing to search is logged, not the asker's problem.
func (a *API) autoReply(ctx context.Context, p place, th forum.Thread) (forum.Thread, error) {
	settings, err := a.faqs.GetSettings(ctx, p.tenant.ID)
	if err != nil || !settings.AutoReply {
		return th, err
	}
	best, err := a.bestAnswer(ctx, p, th)
	if err != nil {
		a.env.Log.ErrorContext(ctx, "automatic reply: search failed", "tenantId", p.tenant.ID, "threadId", th.ID, "error", err.Error())
		return th, nil
	}
	if best == nil || best.confidence < settings.Threshold {
		return th, nil
	}
	now := a.now()
	src := best.source
	post := forum.Post{TenantID: p.tenant.ID, ForumID: th.ForumID, ThreadID: th.ID, ID: ids.New(now), Body: best.body,
		Automatic: true, Source: &src, CreatedAt: now, Version: 1}
	next := forum.Reply(th, post, false)
	next.Auto = &forum.Automatic{PostID: post.ID, FAQID: best.faqID, Confidence: best.confidence, Feedback: forum.FeedbackPending, At: now}
	next.Version = th.Version + 1
	if err := a.forums.AddPost(ctx, post, next, th.Version); err != nil {
		if errors.Is(err, forum.ErrConflict) {
			return th, nil // someone changed the thread first: no automatic reply
		}
		return th, err
	}
	return next, nil
}
