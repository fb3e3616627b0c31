// Package notify carries notifications from the functions where things
// happen (registration decisions, enrolment, certificates, forum replies,
// announcements, scheduled reminders) to the notify function, which keeps
// the in-app inbox and sends email (SES) and WhatsApp as each user chose.
//
// A producer publishes a Message on the notification queue; the notify
// function delivers it at most once per recipient and channel (Key is the
// idempotency key), retrying with backoff and leaving failures in the
// dead-letter queue.
package notify

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"lms/shared/queue"
)

// Event names what happened; it chooses the message's template and is the
// unit users mute in their preferences.
type Event string

// The events the product notifies about.
const (
	RegistrationApproved Event = "registration_approved"
	RegistrationRejected Event = "registration_rejected"
	Enrolled             Event = "enrolled"
	PromotedFromReserve  Event = "promoted_from_reserve"
	BatchStartsTomorrow  Event = "batch_starts_tomorrow"
	EvaluationOpen       Event = "evaluation_open"
	EvaluationReminder   Event = "evaluation_reminder"
	CertificateReady     Event = "certificate_ready"
	ThreadReply          Event = "thread_reply"
	Announcement         Event = "announcement"
)

// Events lists every event, in the order preferences show them.
var Events = []Event{RegistrationApproved, RegistrationRejected, Enrolled, PromotedFromReserve,
	BatchStartsTomorrow, EvaluationOpen, EvaluationReminder, CertificateReady, ThreadReply, Announcement}

// Message is one notification to publish. Recipients are UserIDs, or
// when that is empty every member of BatchID (announcements), expanded by
// the notify function so that producers stay cheap.
type Message struct {
	// Key identifies the occurrence (for example "enrolled#<batchId>" or
	// "reply#<postId>"); with the recipient and channel it makes the
	// delivery's idempotency key, so a message published twice is
	// delivered once.
	Key      string   `json:"key"`
	Event    Event    `json:"event"`
	TenantID string   `json:"tenantId"`
	UserIDs  []string `json:"userIds,omitempty"`
	BatchID  string   `json:"batchId,omitempty"`
	// ExcludeUserIDs are left out of the recipients (the author of an
	// announcement or reply, who need not be told of their own post).
	ExcludeUserIDs []string `json:"excludeUserIds,omitempty"`
	// Data are the template's values: titles, names, reasons, and "link",
	// the web app path the notification opens.
	Data map[string]string `json:"data,omitempty"`
	// At is when it happened (UTC).
	At time.Time `json:"at"`
}

// ErrInvalid is returned for a message that names no event, key, tenant
// or recipient.
var ErrInvalid = errors.New("notify: message needs an event, a key, a tenant and recipients")

// Validate checks the fields every message needs.
func (m Message) Validate() error {
	if m.Event == "" || m.Key == "" || m.TenantID == "" || (len(m.UserIDs) == 0 && m.BatchID == "") {
		return ErrInvalid
	}
	return nil
}

// Sender queues a JSON message (shared/queue.SQS).
type Sender interface {
	Send(ctx context.Context, v any) error
}

// Publisher puts messages on the notification queue. A notification is a
// side effect of a change already committed, so Publish logs a failure
// instead of undoing or failing the caller's request; Queue may be nil
// where no queue is configured (unit tests), and then nothing is sent.
type Publisher struct {
	Queue Sender
	Log   *slog.Logger
}

// NewPublisher returns the publisher of a function whose configuration
// names the notification queue at url; with no url it sends nothing.
func NewPublisher(cfg aws.Config, url string, log *slog.Logger) Publisher {
	if url == "" {
		return Publisher{Log: log}
	}
	return Publisher{Queue: queue.New(cfg, url), Log: log}
}

// Publish queues m, stamping At when it is zero.
func (p Publisher) Publish(ctx context.Context, m Message) {
	if p.Queue == nil {
		return
	}
	if m.At.IsZero() {
		m.At = time.Now().UTC()
	}
	err := m.Validate()
	if err == nil {
		err = p.Queue.Send(ctx, m)
	}
	if err != nil && p.Log != nil {
		p.Log.ErrorContext(ctx, "notification not queued", "event", string(m.Event), "key", m.Key, "error", err)
	}
}
