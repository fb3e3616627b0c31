package notify

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/batch"
	"lms/shared/clock"
	"lms/shared/tenancy"
)

// Tenants lists tenants.
type Tenants interface {
	ListTenants(ctx context.Context, status tenancy.Status, limit int32, cursor string) (tenancy.Page[tenancy.Tenant], error)
}

// ScheduleBatches is what the reminders read of batches.
type ScheduleBatches interface {
	Batches
	StartingIn(ctx context.Context, t string, year int) ([]batch.Batch, error)
	GetForm(ctx context.Context, t, b string) (batch.Form, error)
	Responses(ctx context.Context, t, b string) ([]batch.Response, error)
}

// Reminders is the daily schedule (07:00 WIB): participants of batches
// starting tomorrow are reminded once (Key starts#{batch}); participants
// of batches whose evaluation form is open and who have not answered get
// evaluation_open the first day (Key evaluation#{batch}) and
// evaluation_reminder each later day (Key
// evaluation-reminder#{batch}#{YYYY-MM-DD}) until they answer or the
// window closes. The keys make a schedule that fires twice in a day send
// nothing new.
type Reminders struct {
	Tenants Tenants
	Batches ScheduleBatches
	Store   Store
	// Queue takes the messages (the notification queue); nil delivers
	// them here through Deliver.
	Queue   Sender
	Deliver func(ctx context.Context, m Message) error
	Now     func() time.Time
	Log     *slog.Logger
	// EvaluationDays is how long after a batch's end date reminders go on.
	EvaluationDays int
}

// chunk bounds the recipients of one queued message (SQS's 256 KiB).
const chunk = 1000

// Handle runs the day's reminders. The day is the scheduled time's (the
// event's time, in WIB), so a late retry still reminds about the right
// day. A tenant that fails does not stop the others; the error makes
// EventBridge retry, and the retry sends nothing twice.
func (h Reminders) Handle(ctx context.Context, ev events.EventBridgeEvent) error {
	now := ev.Time
	if now.IsZero() {
		now = h.Now()
	}
	var failed []error
	sent := 0
	cursor := ""
	for pages := 0; pages < 1000; pages++ {
		page, err := h.Tenants.ListTenants(ctx, tenancy.StatusActive, 100, cursor)
		if err != nil {
			return err
		}
		for _, t := range page.Items {
			n, err := h.tenant(ctx, t.ID, now)
			sent += n
			if err != nil {
				h.Log.ErrorContext(ctx, "reminders failed", "tenant", t.ID, "error", err.Error())
				failed = append(failed, err)
			}
		}
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	h.Log.InfoContext(ctx, "daily reminders", "event", ev.ID, "day", now.In(clock.Jakarta).Format(time.DateOnly), "messages", sent, "failed", len(failed))
	return errors.Join(failed...)
}

// Day returns the WIB dates of now and of the next day.
func Day(now time.Time) (today, tomorrow string) {
	d := now.In(clock.Jakarta)
	return d.Format(time.DateOnly), d.AddDate(0, 0, 1).Format(time.DateOnly)
}

func (h Reminders) tenant(ctx context.Context, tenantID string, now time.Time) (int, error) {
	today, tomorrow := Day(now)
	d := now.In(clock.Jakarta)
	years := []int{d.Year() - 1, d.Year()}
	if y := d.AddDate(0, 0, 1).Year(); y != d.Year() {
		years = append(years, y)
	}
	days := h.EvaluationDays
	if days <= 0 {
		days = 14
	}
	windowStart := d.AddDate(0, 0, -days).Format(time.DateOnly)
	sent := 0
	var failed []error
	for _, y := range years {
		bs, err := h.Batches.StartingIn(ctx, tenantID, y)
		if err != nil {
			return sent, err
		}
		for _, b := range bs {
			var err error
			var n int
			switch {
			case b.StartDate == tomorrow && (b.Status == batch.StatusOpen || b.Status == batch.StatusRunning):
				n, err = h.startsTomorrow(ctx, b)
			case (b.Status == batch.StatusRunning || b.Status == batch.StatusFinished) && b.EndDate >= windowStart:
				n, err = h.evaluation(ctx, b, today)
			}
			sent += n
			if err != nil {
				failed = append(failed, err)
			}
		}
	}
	return sent, errors.Join(failed...)
}

func batchData(b batch.Batch) map[string]string {
	data := map[string]string{"batchName": b.Name, "startDate": b.StartDate, "link": "/" + b.TenantID + "/angkatan/" + b.ID}
	if b.Location != "" {
		data["location"] = b.Location
	}
	return data
}

func (h Reminders) startsTomorrow(ctx context.Context, b batch.Batch) (int, error) {
	members, err := EnrolledMembers(ctx, h.Batches, b.TenantID, b.ID)
	if err != nil || len(members) == 0 {
		return 0, err
	}
	return h.publish(ctx, Message{Key: "starts#" + b.ID, Event: BatchStartsTomorrow, TenantID: b.TenantID, UserIDs: members, Data: batchData(b)})
}

func (h Reminders) evaluation(ctx context.Context, b batch.Batch, today string) (int, error) {
	if _, err := h.Batches.GetForm(ctx, b.TenantID, b.ID); errors.Is(err, batch.ErrNotFound) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	members, err := EnrolledMembers(ctx, h.Batches, b.TenantID, b.ID)
	if err != nil || len(members) == 0 {
		return 0, err
	}
	responses, err := h.Batches.Responses(ctx, b.TenantID, b.ID)
	if err != nil {
		return 0, err
	}
	answered := map[string]bool{}
	for _, r := range responses {
		answered[r.UserID] = true
	}
	members = slices.DeleteFunc(members, func(u string) bool { return answered[u] })
	if len(members) == 0 {
		return 0, nil
	}
	first, err := h.Store.Mark(ctx, b.TenantID, "evaluation-open#"+b.ID, today)
	if err != nil {
		return 0, err
	}
	data := batchData(b)
	m := Message{Key: "evaluation#" + b.ID, Event: EvaluationOpen, TenantID: b.TenantID, UserIDs: members, Data: data}
	if first != today {
		m.Key, m.Event = "evaluation-reminder#"+b.ID+"#"+today, EvaluationReminder
	}
	return h.publish(ctx, m)
}

// publish queues m in chunks of recipients (or delivers it here).
func (h Reminders) publish(ctx context.Context, m Message) (int, error) {
	m.At = h.Now()
	sent := 0
	for users := m.UserIDs; len(users) > 0; {
		n := min(chunk, len(users))
		part := m
		part.UserIDs = users[:n]
		users = users[n:]
		var err error
		if h.Queue != nil {
			err = h.Queue.Send(ctx, part)
		} else {
			err = h.Deliver(ctx, part)
		}
		if err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}
