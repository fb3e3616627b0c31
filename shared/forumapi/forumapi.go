// Package forumapi is the HTTP API of the forum function: batch forums
// and the tenant's public help desk (threads, replies, accepted answers,
// moderation, reports, unread markers), the FAQ with automatic replies
// and their statistics, and batch announcements. The inbox routes of
// shared/inboxapi are mounted on the same router.
package forumapi

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/batch"
	"lms/shared/faq"
	"lms/shared/forum"
	"lms/shared/health"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/inboxapi"
	"lms/shared/indexer"
	"lms/shared/notify"
	"lms/shared/objectstore"
	"lms/shared/search"
	"lms/shared/tenancy"
	"lms/shared/upload"
)

// Searcher searches and writes the tenants' search indexes
// (search.Manager).
type Searcher interface {
	Search(ctx context.Context, tenant string, q search.Query) (search.Results, error)
	Apply(ctx context.Context, tenant string, upserts []search.Document, deletes []string) error
}

// Links makes download links of attachments.
type Links interface {
	DownloadURL(ctx context.Context, key string, ttl time.Duration, fileName string) (string, error)
}

// Publisher queues notifications.
type Publisher interface {
	Publish(ctx context.Context, m notify.Message)
}

// API holds the function's dependencies.
type API struct {
	env      appenv.Env
	clientID string
	members  tenancy.Store
	batches  batch.Store
	uploads  upload.Store
	forums   forum.Store
	faqs     faq.Store
	search   Searcher
	links    Links
	notes    Publisher
}

// New returns the function's router.
func New(env appenv.Env) (*httpapi.Router, error) {
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	m, err := indexer.NewManager(env, "forum")
	if err != nil {
		return nil, err
	}
	a := &API{env: env, clientID: env.Config.UserPoolClientID, members: tenancy.Store{DB: db, Table: t},
		batches: batch.Store{DB: db, Table: t}, uploads: upload.Store{DB: db, Table: t},
		forums: forum.Store{DB: db, Table: t}, faqs: faq.Store{DB: db, Table: t}, search: m,
		links: objectstore.New(awsclient.S3(env.AWS, env.Config.S3UsePathStyle), env.Config.MaterialsBucket),
		notes: notify.NewPublisher(env.AWS, env.Config.NotificationQueueURL, env.Log)}
	return a.Router(), nil
}

// Router returns the routes over a's dependencies.
func (a *API) Router() *httpapi.Router {
	rt := httpapi.NewRouter(a.env.Log).ForFunction("forum")
	rt.Handle(http.MethodGet, "/health/forum", health.Function("forum", a.clientID))
	const tn = "/tenants/{tenantId}"
	const th = tn + "/forums/{forumId}/threads/{threadId}"
	rt.Handle(http.MethodGet, tn+"/forums", a.listForums)
	rt.Handle(http.MethodGet, tn+"/forums/reports", a.listReports)
	rt.Handle(http.MethodGet, tn+"/forums/{forumId}/threads", a.listThreads)
	rt.Handle(http.MethodPost, tn+"/forums/{forumId}/threads", a.createThread)
	rt.Handle(http.MethodGet, th, a.getThread)
	rt.Handle(http.MethodPatch, th, a.updateThread)
	rt.Handle(http.MethodDelete, th, a.deleteThread)
	rt.Handle(http.MethodPost, th+"/posts", a.createPost)
	rt.Handle(http.MethodPatch, th+"/posts/{postId}", a.updatePost)
	rt.Handle(http.MethodDelete, th+"/posts/{postId}", a.deletePost)
	rt.Handle(http.MethodPost, th+"/posts/{postId}/hide", a.hidePost)
	rt.Handle(http.MethodPost, th+"/posts/{postId}/report", a.reportPost)
	rt.Handle(http.MethodPost, th+"/accept", a.accept)
	rt.Handle(http.MethodPost, th+"/pin", a.pin)
	rt.Handle(http.MethodPost, th+"/lock", a.lock)
	rt.Handle(http.MethodPost, th+"/hide", a.hideThread)
	rt.Handle(http.MethodPost, th+"/feedback", a.feedback)
	rt.Handle(http.MethodGet, tn+"/helpdesk/public/threads", a.publicThreads)
	rt.Handle(http.MethodGet, tn+"/helpdesk/public/threads/{threadId}", a.publicThread)
	rt.Handle(http.MethodGet, tn+"/helpdesk/queue", a.queue)
	rt.Handle(http.MethodGet, tn+"/helpdesk/stats", a.stats)
	rt.Handle(http.MethodGet, tn+"/faq", a.listFAQ)
	rt.Handle(http.MethodPost, tn+"/faq", a.createFAQ)
	rt.Handle(http.MethodGet, tn+"/faq/settings", a.getSettings)
	rt.Handle(http.MethodPut, tn+"/faq/settings", a.putSettings)
	rt.Handle(http.MethodPatch, tn+"/faq/{faqId}", a.updateFAQ)
	rt.Handle(http.MethodDelete, tn+"/faq/{faqId}", a.deleteFAQ)
	rt.Handle(http.MethodPost, tn+"/batches/{batchId}/announcements", a.announce)
	inboxapi.Mount(rt, a.env)
	return rt
}

func (a *API) now() time.Time { return a.env.Clock.Now().UTC() }

// pageParams reads ?limit= (1..50, default 20) and ?cursor=.
func pageParams(r *http.Request) (int32, string, error) {
	limit := int32(20)
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 50 {
			v := httpapi.NewValidation(r)
			v.Add("limit", "forum_limit_invalid", nil)
			return 0, "", v.Err()
		}
		limit = int32(n)
	}
	return limit, r.URL.Query().Get("cursor"), nil
}

// page is a list answer: nextCursor is null on the last page.
type page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"nextCursor"`
}

func newPage[T any](items []T, next string) page[T] {
	p := page[T]{Items: items}
	if p.Items == nil {
		p.Items = []T{}
	}
	if next != "" {
		p.NextCursor = &next
	}
	return p
}

// storeError maps the stores' errors to API errors.
func storeError(r *http.Request, err error) error {
	switch {
	case errors.Is(err, forum.ErrConflict), errors.Is(err, faq.ErrConflict):
		return httpapi.NewError(http.StatusConflict, "conflict")
	case errors.Is(err, forum.ErrBadCursor):
		return httpapi.PageError(r, err)
	}
	return err
}

func init() {
	i18n.Register(
		i18n.Message{Key: "forum_not_found", Indonesian: "Forum tidak ditemukan.", English: "Forum not found."},
		i18n.Message{Key: "thread_not_found", Indonesian: "Topik tidak ditemukan.", English: "Thread not found."},
		i18n.Message{Key: "post_not_found", Indonesian: "Balasan tidak ditemukan.", English: "Reply not found."},
		i18n.Message{Key: "thread_locked", Indonesian: "Topik ini dikunci; balasan baru tidak dapat dikirim.", English: "This thread is locked; no new replies can be posted."},
		i18n.Message{Key: "thread_edit_window", Indonesian: "Topik hanya dapat diubah oleh penulisnya dalam 30 menit dan sebelum ada balasan.", English: "A thread can only be changed by its author within 30 minutes and before anyone replies."},
		i18n.Message{Key: "thread_delete_replied", Indonesian: "Topik yang sudah dibalas hanya dapat dihapus oleh moderator.", English: "Only moderators can delete a thread that has replies."},
		i18n.Message{Key: "post_edit_window", Indonesian: "Balasan hanya dapat diubah atau dihapus oleh penulisnya dalam 30 menit.", English: "A reply can only be changed or deleted by its author within 30 minutes."},
		i18n.Message{Key: "moderators_only", Indonesian: "Hanya moderator (admin, instruktur, atau PIC angkatan) yang dapat melakukan ini.", English: "Only moderators (admins, instructors or the batch's PIC) can do this."},
		i18n.Message{Key: "asker_only", Indonesian: "Hanya penanya (atau moderator) yang dapat melakukan ini.", English: "Only the asker (or a moderator) can do this."},
		i18n.Message{Key: "already_reported", Indonesian: "Anda sudah melaporkan balasan ini.", English: "You already reported this reply."},
		i18n.Message{Key: "no_automatic_reply", Indonesian: "Topik ini tidak memiliki jawaban otomatis.", English: "This thread has no automatic reply."},
		i18n.Message{Key: "attachment_invalid", Indonesian: "Lampiran harus berkas yang Anda unggah sendiri dan sudah selesai diperiksa.", English: "An attachment must be a file you uploaded yourself that has finished checking."},
		i18n.Message{Key: "faq_not_found", Indonesian: "Pertanyaan FAQ tidak ditemukan.", English: "FAQ entry not found."},
		i18n.Message{Key: "admins_only", Indonesian: "Hanya admin lembaga yang dapat melakukan ini.", English: "Only the institution's admins can do this."},
		i18n.Message{Key: "forum_limit_invalid", Indonesian: "limit harus antara 1 dan 50.", English: "limit must be between 1 and 50."},
		i18n.Message{Key: "days_invalid", Indonesian: "days harus antara 1 dan 365.", English: "days must be between 1 and 365."},
		i18n.Message{Key: "threshold_invalid", Indonesian: "Ambang keyakinan harus antara 0,1 dan 1,0.", English: "The confidence threshold must be between 0.1 and 1.0."},
		i18n.Message{Key: "forum_helpdesk_title", Indonesian: "Meja Bantuan", English: "Help desk"},
		i18n.Message{Key: "batch_not_found", Indonesian: "Angkatan tidak ditemukan.", English: "Batch not found."},
	)
}
