// Package indexer is the index function: it extracts the text of raw
// uploads into the per-tenant search index.
//
// Today it accepts and checks the raw-upload events the template routes to
// it and records that it received them; text extraction and search arrive
// with the uploads issue.
package indexer

import (
	"context"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/appenv"
	"lms/shared/s3events"
)

// Handler handles raw-upload events.
type Handler struct{ env appenv.Env }

// New returns the handler.
func New(env appenv.Env) *Handler { return &Handler{env: env} }

// Handle is the Lambda entry point.
func (h *Handler) Handle(ctx context.Context, e events.SNSEvent) error {
	return s3events.EachRawUpload(e,
		func(key string, reason error) {
			h.env.Log.WarnContext(ctx, "skipped event", "key", key, "reason", reason.Error())
		},
		func(u s3events.RawUpload) error {
			h.env.Log.InfoContext(ctx, "raw upload received", "tenantId", u.Key.TenantID,
				"uploadId", u.Key.UploadID, "size", u.Size, "etag", u.ETag)
			return nil
		})
}
