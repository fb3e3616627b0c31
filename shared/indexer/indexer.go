// Package indexer is the index function: it keeps each tenant's search
// index (shared/search) in step with its courses. Raw uploads (S3 events
// through SNS) have their text extracted and indexed with their item;
// course edits (course.Changed messages on the index queue, sent by the
// course function or a re-index request) rebuild the course's documents.
//
// Both are idempotent: a document is replaced by id, an upload's text is
// extracted once per ETag (a marker records it) and only from the object
// the key holds now (a late event of a replaced object is skipped), and a
// course rebuild writes what the course is now, deleting documents of items
// it no longer has.
package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/course"
	"lms/shared/ids"
	"lms/shared/markdown"
	"lms/shared/objectstore"
	"lms/shared/s3events"
	"lms/shared/search"
	"lms/shared/search/extract"
	"lms/shared/search/searchstore"
	"lms/shared/upload"
)

// Bucket is what the function does in the materials bucket.
type Bucket interface {
	Head(ctx context.Context, key string) (objectstore.Info, error)
	Download(ctx context.Context, key, file string, limit int64) (objectstore.Info, error)
	Put(ctx context.Context, key string, body []byte, contentType string) error
	Get(ctx context.Context, key string, limit int64) ([]byte, error)
}

// Handler handles raw-upload events and re-index messages.
type Handler struct {
	env     appenv.Env
	db      *dynamodb.Client
	uploads upload.Store
	courses course.Store
	bucket  Bucket
	search  *search.Manager
}

// NewManager builds the search manager over the function's bucket and
// table, working in a directory under the temp dir.
func NewManager(env appenv.Env, name string) (*search.Manager, error) {
	db := awsclient.DynamoDB(env.AWS)
	// A directory of its own: the Manager empties what it finds there, and
	// several stacks (tests, make dev) may share one machine's temp dir.
	dir, err := os.MkdirTemp("", "lms-search-"+name+"-")
	if err != nil {
		return nil, err
	}
	return search.NewManager(search.Config{
		Snapshots: searchstore.Snapshots{Client: awsclient.S3(env.AWS, env.Config.S3UsePathStyle), Bucket: env.Config.MaterialsBucket},
		Pointers:  searchstore.Pointers{DB: db, Table: env.Config.TableName, Now: env.Clock.Now},
		Dir:       dir, Log: env.Log})
}

// New returns the handler.
func New(env appenv.Env) (*Handler, error) {
	m, err := NewManager(env, "index")
	if err != nil {
		return nil, err
	}
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	return &Handler{env: env, db: db, uploads: upload.Store{DB: db, Table: t}, courses: course.Store{DB: db, Table: t},
		bucket: objectstore.New(awsclient.S3(env.AWS, env.Config.S3UsePathStyle), env.Config.MaterialsBucket), search: m}, nil
}

// Handle takes raw-upload events.
func (h *Handler) Handle(ctx context.Context, e events.SNSEvent) error {
	return s3events.EachRawUpload(e,
		func(key string, reason error) {
			h.env.Log.WarnContext(ctx, "skipped event", "key", key, "reason", reason.Error())
		},
		func(r s3events.RawUpload) error { return h.indexUpload(ctx, r) })
}

// HandleJobs takes course.Changed messages. The courses of one tenant in
// a batch of messages are rebuilt in one write (one new snapshot); if it
// fails, that tenant's messages are handed back (ReportBatchItemFailures).
func (h *Handler) HandleJobs(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	byTenant := map[string]map[string][]string{} // tenant -> course -> message ids
	for _, rec := range e.Records {
		var m course.Changed
		if err := json.Unmarshal([]byte(rec.Body), &m); err != nil || m.TenantID == "" || !ids.Valid(m.CourseID) {
			h.env.Log.ErrorContext(ctx, "index queue: malformed message dropped", "messageId", rec.MessageId)
			continue
		}
		if byTenant[m.TenantID] == nil {
			byTenant[m.TenantID] = map[string][]string{}
		}
		byTenant[m.TenantID][m.CourseID] = append(byTenant[m.TenantID][m.CourseID], rec.MessageId)
	}
	for tenantID, courses := range byTenant {
		courseIDs := make([]string, 0, len(courses))
		for c := range courses {
			courseIDs = append(courseIDs, c)
		}
		if err := h.Reindex(ctx, tenantID, courseIDs...); err != nil {
			h.env.Log.ErrorContext(ctx, "re-index failed", "tenantId", tenantID, "courses", len(courseIDs), "error", err.Error())
			for _, msgs := range courses {
				for _, id := range msgs {
					resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: id})
				}
			}
		}
	}
	return resp, nil
}

// textKey is where an upload's extracted text is kept, so that rebuilding
// a course does not extract its files again.
func textKey(tenantID, uploadID string) string {
	return upload.DerivedPrefix(tenantID, uploadID) + "text.txt"
}

// markerKey records the ETag whose text was extracted.
func markerKey(tenantID, uploadID string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: "TENANT#" + tenantID + "#UPLOAD#" + uploadID},
		"SK": &types.AttributeValueMemberS{Value: "INDEXED"}}
}

func (h *Handler) indexedETag(ctx context.Context, t, u string) (string, error) {
	out, err := h.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(h.env.Config.TableName), Key: markerKey(t, u)})
	if err != nil {
		return "", fmt.Errorf("indexer: marker: %w", err)
	}
	if v, ok := out.Item["etag"].(*types.AttributeValueMemberS); ok {
		return v.Value, nil
	}
	return "", nil
}

func (h *Handler) markIndexed(ctx context.Context, t, u, etag string) error {
	it := markerKey(t, u)
	it["etag"], it["type"] = &types.AttributeValueMemberS{Value: etag}, &types.AttributeValueMemberS{Value: "upload-indexed"}
	_, err := h.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(h.env.Config.TableName), Item: it})
	if err != nil {
		return fmt.Errorf("indexer: marker: %w", err)
	}
	return nil
}

// maxText bounds the text kept of one file (extract's own cap applies first).
const maxText = 2 << 20

func (h *Handler) indexUpload(ctx context.Context, r s3events.RawUpload) error {
	log := h.env.Log.With("tenantId", r.Key.TenantID, "uploadId", r.Key.UploadID)
	u, err := h.uploads.Get(ctx, r.Key.TenantID, r.Key.UploadID)
	if errors.Is(err, upload.ErrNotFound) {
		log.WarnContext(ctx, "event for an unknown upload skipped")
		return nil
	}
	if err != nil {
		return err
	}
	// Only course materials are searched (not covers, not learners' files).
	if u.Purpose != upload.PurposeMaterial || u.ItemID == "" || u.Key != r.ObjectKey || u.Status == upload.Aborted {
		return nil
	}
	if done, err := h.indexedETag(ctx, u.TenantID, u.ID); err != nil {
		return err
	} else if done == r.ETag {
		log.InfoContext(ctx, "duplicate event: already indexed")
		return nil
	}
	if cur, err := h.bucket.Head(ctx, u.Key); err == nil && s3events.Superseded(r, cur.ETag) {
		// A late event of an object since replaced: the newer object's
		// event indexes what the key holds now.
		log.InfoContext(ctx, "event for a replaced object skipped", "current", cur.ETag)
		return nil
	} else if err != nil && !errors.Is(err, objectstore.ErrNotFound) {
		return err
	}
	text := ""
	if kind, ok := extract.KindOf(u.FileName, u.ContentType); ok {
		dir, err := os.MkdirTemp("", "index-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		file := filepath.Join(dir, "input")
		info, err := h.bucket.Download(ctx, u.Key, file, u.Size)
		if errors.Is(err, objectstore.ErrNotFound) || errors.Is(err, objectstore.ErrTooLarge) {
			return nil
		}
		if err != nil {
			return err
		}
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		text, err = extract.Extract(f, info.Size, kind)
		f.Close()
		if err != nil {
			// A file with no readable text is still findable by its title.
			log.InfoContext(ctx, "no text extracted", "reason", err.Error())
			text = ""
		}
		if len(text) > maxText {
			text = text[:maxText]
		}
	}
	if err := h.bucket.Put(ctx, textKey(u.TenantID, u.ID), []byte(text), "text/plain; charset=utf-8"); err != nil {
		return err
	}
	if err := h.Reindex(ctx, u.TenantID, u.CourseID); err != nil {
		return err
	}
	return h.markIndexed(ctx, u.TenantID, u.ID, r.ETag)
}

// Reindex writes courses' documents as the courses are now, in one write:
// each course itself and its items (a material with its file's text); the
// documents of items a course no longer has, or of a course that is gone,
// are deleted in the same write.
func (h *Handler) Reindex(ctx context.Context, tenantID string, courseIDs ...string) error {
	all := map[string][]search.Document{}
	for _, courseID := range courseIDs {
		docs, err := h.courseDocs(ctx, tenantID, courseID)
		if err != nil {
			return err
		}
		all[courseID] = docs
	}
	return h.search.ReplaceCourses(ctx, tenantID, all)
}

// courseDocs builds a course's documents (none when the course is gone).
func (h *Handler) courseDocs(ctx context.Context, tenantID, courseID string) ([]search.Document, error) {
	o, err := h.courses.Outline(ctx, tenantID, courseID)
	if errors.Is(err, course.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c := o.Course
	docs := []search.Document{{ID: search.CourseDocID(c.ID), TenantID: tenantID, CourseID: c.ID, Kind: search.KindCourse,
		Title: c.Title, Body: strings.Join([]string{c.Code, markdown.Text(c.Description), c.CompetencyArea, c.Category}, "\n"), Tags: c.Tags, UpdatedAt: c.UpdatedAt}}
	for _, s := range o.Sections {
		for _, it := range s.Items {
			// Plain text: snippets must not show Markdown.
			body := strings.Join([]string{s.Title, markdown.Text(it.Description), markdown.Text(it.Body)}, "\n")
			if it.UploadID != "" {
				text, err := h.bucket.Get(ctx, textKey(tenantID, it.UploadID), maxText)
				switch {
				case err == nil:
					body += "\n" + string(bytes.ToValidUTF8(text, nil))
				case !errors.Is(err, objectstore.ErrNotFound):
					return nil, err
				}
			}
			docs = append(docs, search.Document{ID: search.ItemDocID(it.ID), TenantID: tenantID, CourseID: c.ID, ItemID: it.ID,
				Kind: search.KindItem, Title: it.Title, Body: body, UpdatedAt: it.UpdatedAt})
		}
	}
	return docs, nil
}

// Invoke is the Lambda entry point: the function receives both SNS
// notifications (raw uploads) and SQS batches (re-index requests), told
// apart by their records' event source.
func (h *Handler) Invoke(ctx context.Context, raw json.RawMessage) (any, error) {
	var probe struct {
		Records []struct {
			SNSSource string `json:"EventSource"`
			SQSSource string `json:"eventSource"`
		} `json:"Records"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil || len(probe.Records) == 0 {
		return nil, fmt.Errorf("indexer: not an SNS or SQS event")
	}
	if probe.Records[0].SQSSource == "aws:sqs" {
		var e events.SQSEvent
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, err
		}
		return h.HandleJobs(ctx, e)
	}
	var e events.SNSEvent
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, err
	}
	return nil, h.Handle(ctx, e)
}
