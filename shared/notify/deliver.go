package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/batch"
	"lms/shared/ids"
	"lms/shared/tenancy"
)

// Directory reads tenants, profiles and memberships.
type Directory interface {
	GetTenant(ctx context.Context, id string) (tenancy.Tenant, error)
	GetUser(ctx context.Context, id string) (tenancy.User, error)
	GetMembership(ctx context.Context, tenantID, userID string) (tenancy.Membership, error)
}

// Batches reads batches and their members.
type Batches interface {
	Get(ctx context.Context, t, b string) (batch.Batch, error)
	Enrollments(ctx context.Context, t, b string, limit int32, cursor string) (batch.Page[batch.Enrollment], error)
}

// Deliverer is the notify function's queue handler: it delivers each
// message to every recipient over the inbox and the channels they chose.
type Deliverer struct {
	Store     Store
	Directory Directory
	Batches   Batches
	Mailer    Mailer // nil: no email
	WhatsApp  WhatsAppSender
	// FromAddress is the sender address (verified in SES); the display
	// name is the tenant's emailFromName or its name.
	FromAddress string
	WebOrigin   string
	Now         func() time.Time
	Log         *slog.Logger
	// Attempts per channel within one delivery (transient failures), with
	// Backoff doubled after each; the queue's redrive retries later ones.
	Attempts int
	Backoff  time.Duration
	// Workers deliver to that many recipients at once.
	Workers int
}

// maxRecipients bounds one message's recipients (a batch's members).
const maxRecipients = 20000

// Handle delivers the queue's messages and reports the ones to retry
// (ReportBatchItemFailures): a message some channel failed for comes back,
// and what was delivered is not sent again; after the queue's
// maxReceiveCount it lands in the dead-letter queue.
func (d Deliverer) Handle(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	for _, rec := range e.Records {
		var m Message
		if err := json.Unmarshal([]byte(rec.Body), &m); err != nil {
			d.Log.ErrorContext(ctx, "notification queue: malformed message dropped", "messageId", rec.MessageId)
			continue
		}
		if err := d.Deliver(ctx, m); err != nil {
			if errors.Is(err, ErrInvalid) || errors.Is(err, ErrUnknownEvent) {
				d.Log.ErrorContext(ctx, "notification queue: invalid message dropped", "messageId", rec.MessageId, "error", err.Error())
				continue
			}
			d.Log.ErrorContext(ctx, "notification delivery failed", "messageId", rec.MessageId, "event", string(m.Event),
				"key", m.Key, "receives", rec.Attributes["ApproximateReceiveCount"], "error", err.Error())
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: rec.MessageId})
		}
	}
	return resp, nil
}

// check validates a message beyond Validate: a known event, a key and
// tenant that fit in a key, recipients that are ids.
func check(m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if !Known(m.Event) {
		return fmt.Errorf("%w: %q", ErrUnknownEvent, m.Event)
	}
	if len(m.Key) > 400 || !tenancy.ValidSlug(m.TenantID) || len(m.UserIDs) > maxRecipients || (m.BatchID != "" && !ids.Valid(m.BatchID)) {
		return ErrInvalid
	}
	for _, u := range m.UserIDs {
		if !ids.ValidUser(u) {
			return ErrInvalid
		}
	}
	return nil
}

// Deliver delivers m to each recipient. It returns an error when some
// delivery failed (the others are recorded and will not repeat).
func (d Deliverer) Deliver(ctx context.Context, m Message) error {
	if err := check(m); err != nil {
		return err
	}
	tenant, err := d.Directory.GetTenant(ctx, m.TenantID)
	if errors.Is(err, tenancy.ErrNotFound) {
		return fmt.Errorf("%w: tenant %s", ErrInvalid, m.TenantID)
	}
	if err != nil {
		return err
	}
	settings, err := d.Store.GetSettings(ctx, m.TenantID)
	if err != nil {
		return err
	}
	users, err := d.recipients(ctx, m)
	if err != nil {
		return err
	}
	content, err := Render(m, tenant.Name)
	if err != nil {
		return err
	}
	workers := max(1, d.Workers)
	var (
		mu     sync.Mutex
		failed []error
		wg     sync.WaitGroup
		next   = make(chan string)
	)
	for range min(workers, max(1, len(users))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range next {
				if err := d.deliverTo(ctx, m, u, tenant, settings, content); err != nil {
					mu.Lock()
					failed = append(failed, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, u := range users {
		next <- u
	}
	close(next)
	wg.Wait()
	return errors.Join(failed...)
}

// recipients are the message's users, or its batch's members (enrolled
// participants, instructors and PICs), less the excluded ones.
func (d Deliverer) recipients(ctx context.Context, m Message) ([]string, error) {
	out := append([]string(nil), m.UserIDs...)
	if len(out) == 0 && m.BatchID != "" {
		b, err := d.Batches.Get(ctx, m.TenantID, m.BatchID)
		if errors.Is(err, batch.ErrNotFound) {
			return nil, fmt.Errorf("%w: batch %s", ErrInvalid, m.BatchID)
		}
		if err != nil {
			return nil, err
		}
		out = append(append(out, b.InstructorIDs...), b.PICIDs...)
		members, err := EnrolledMembers(ctx, d.Batches, m.TenantID, m.BatchID)
		if err != nil {
			return nil, err
		}
		out = append(out, members...)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	return slices.DeleteFunc(out, func(u string) bool { return u == "" || slices.Contains(m.ExcludeUserIDs, u) }), nil
}

// EnrolledMembers lists the participants enrolled in a batch.
func EnrolledMembers(ctx context.Context, b Batches, tenantID, batchID string) ([]string, error) {
	var out []string
	cursor := ""
	for pages := 0; pages < maxRecipients/100; pages++ {
		page, err := b.Enrollments(ctx, tenantID, batchID, 100, cursor)
		if err != nil {
			return nil, err
		}
		for _, e := range page.Items {
			if e.Status == batch.Enrolled {
				out = append(out, e.UserID)
			}
		}
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	return out, nil
}

// deliverTo delivers to one user: the inbox always, then the channels
// the user chose for events they did not mute.
func (d Deliverer) deliverTo(ctx context.Context, m Message, userID string, t tenancy.Tenant, settings Settings, c Content) error {
	now := d.Now()
	n := Notification{UserID: userID, ID: ids.New(now), Key: m.Key, Event: m.Event, TenantID: m.TenantID, TenantName: t.Name,
		Title: c.Title, Body: c.Body, TitleEn: c.TitleEn, BodyEn: c.BodyEn, Link: c.Link, CreatedAt: now}
	if err := d.Store.AddToInbox(ctx, n); err != nil && !errors.Is(err, ErrDelivered) {
		return err
	}
	prefs, err := d.Store.GetPrefs(ctx, userID)
	if err != nil {
		return err
	}
	if prefs.Mutes(m.Event) {
		return nil
	}
	var failed []error
	if prefs.Email && d.Mailer != nil && d.FromAddress != "" {
		to, err := d.emailOf(ctx, m.TenantID, userID)
		if err != nil {
			failed = append(failed, err)
		} else if to != "" {
			failed = append(failed, d.send(ctx, m, userID, ChannelEmail, func() error { return d.sendEmail(ctx, to, t, settings, c) }))
		}
	}
	if prefs.WhatsApp && prefs.WhatsAppNumber != "" && settings.WhatsAppReady() && d.WhatsApp != nil {
		text := "*" + c.Title + "*\n" + c.Body
		if c.Link != "" && d.WebOrigin != "" {
			text += "\n" + d.WebOrigin + c.Link
		}
		failed = append(failed, d.send(ctx, m, userID, ChannelWhatsApp, func() error {
			return d.WhatsApp.SendText(ctx, settings.PhoneNumberID, settings.AccessToken, prefs.WhatsAppNumber, text)
		}))
	}
	return errors.Join(failed...)
}

// emailOf is the user's address: the profile's, else the membership's.
func (d Deliverer) emailOf(ctx context.Context, tenantID, userID string) (string, error) {
	u, err := d.Directory.GetUser(ctx, userID)
	if err != nil && !errors.Is(err, tenancy.ErrNotFound) {
		return "", err
	}
	if u.Email != "" {
		return u.Email, nil
	}
	mb, err := d.Directory.GetMembership(ctx, tenantID, userID)
	if errors.Is(err, tenancy.ErrNotFound) {
		return "", nil
	}
	return mb.Email, err
}

func (d Deliverer) sendEmail(ctx context.Context, to string, t tenancy.Tenant, settings Settings, c Content) error {
	text, html, err := MailBodies(c, t.Name, d.WebOrigin)
	if err != nil {
		return Permanent(err)
	}
	fromName := settings.EmailFromName
	if fromName == "" {
		fromName = t.Name
	}
	raw, err := BuildMIME(Email{FromName: fromName, FromAddress: d.FromAddress, To: to, Subject: c.Title, Text: text, HTML: html,
		Date: d.Now(), MessageID: ids.New(d.Now())})
	if err != nil {
		return Permanent(err)
	}
	return d.Mailer.SendRaw(ctx, d.FromAddress, to, raw)
}

// send claims the delivery (skipping one already made), sends with
// retries on transient failures and records the outcome.
func (d Deliverer) send(ctx context.Context, m Message, userID string, ch Channel, do func() error) error {
	err := d.Store.Claim(ctx, m.TenantID, m.Key, userID, ch, d.Now())
	if errors.Is(err, ErrDelivered) {
		return nil
	}
	if err != nil {
		return err
	}
	sendErr := Retry(ctx, max(1, d.Attempts), d.Backoff, do)
	if err := d.Store.Finish(ctx, m.TenantID, m.Key, userID, ch, sendErr, d.Now()); err != nil {
		return errors.Join(sendErr, err)
	}
	if sendErr != nil {
		return fmt.Errorf("%s to %s: %w", ch, userID, sendErr)
	}
	return nil
}

// Retry calls do up to attempts times while it fails transiently,
// waiting backoff, then twice that, and so on (with jitter).
func Retry(ctx context.Context, attempts int, backoff time.Duration, do func() error) error {
	var err error
	for i := 0; i < attempts; i++ {
		if i > 0 {
			wait := backoff << (i - 1)
			wait += time.Duration(rand.Int64N(int64(wait)/4 + 1))
			select {
			case <-ctx.Done():
				return errors.Join(err, ctx.Err())
			case <-time.After(wait):
			}
		}
		if err = do(); err == nil || IsPermanent(err) {
			return err
		}
	}
	return err
}
