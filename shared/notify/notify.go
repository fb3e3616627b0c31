package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/batch"
	"lms/shared/queue"
	"lms/shared/tenancy"
)

// Handler is the notify function: the notification queue's handler and
// the daily reminders schedule.
type Handler struct {
	Deliverer Deliverer
	Reminders Reminders
}

// localFrom is the sender address when none is configured and mail only
// goes to the local folder.
const localFrom = "no-reply@lms.local"

// New builds the function's handlers from its environment: email through
// SES, or into MAIL_DIR as .eml files when that is set (locally).
func New(env appenv.Env) (Handler, error) {
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	st := Store{DB: db, Table: t}
	batches := batch.Store{DB: db, Table: t}
	tenants := tenancy.Store{DB: db, Table: t}
	d := Deliverer{Store: st, Directory: tenants, Batches: batches, FromAddress: env.Config.MailFromAddress,
		WebOrigin: env.Config.WebOrigin, Now: env.Clock.Now, Log: env.Log, Attempts: 3, Backoff: 200 * time.Millisecond, Workers: 8,
		WhatsApp: WhatsApp{Base: env.Config.WhatsAppAPIBase, HTTP: &http.Client{Timeout: 10 * time.Second}}}
	if dir := env.Config.MailDir; dir != "" {
		d.Mailer = Dir{Path: dir, Now: env.Clock.Now}
		if d.FromAddress == "" {
			d.FromAddress = localFrom
		}
	} else {
		d.Mailer = SES{Client: sesv2.NewFromConfig(env.AWS)}
		if d.FromAddress == "" {
			env.Log.Warn("MAIL_FROM_ADDRESS is not set: no notification emails are sent")
		}
	}
	r := Reminders{Tenants: tenants, Batches: batches, Store: st, Deliver: d.Deliver, Now: env.Clock.Now, Log: env.Log, EvaluationDays: 14}
	if url := env.Config.NotificationQueueURL; url != "" {
		r.Queue = queue.New(env.AWS, url)
	}
	return Handler{Deliverer: d, Reminders: r}, nil
}

// Invoke tells the two kinds of events apart (an SQS event has Records)
// and hands each to its handler.
func (h Handler) Invoke(ctx context.Context, raw json.RawMessage) (any, error) {
	var probe struct {
		Records []json.RawMessage `json:"Records"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, fmt.Errorf("notify: event: %w", err)
	}
	if probe.Records != nil {
		var e events.SQSEvent
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, err
		}
		return h.Deliverer.Handle(ctx, e)
	}
	var e events.EventBridgeEvent
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, err
	}
	return nil, h.Reminders.Handle(ctx, e)
}
