package localgw

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/ids"
)

// SchedulePath is where the gateway stands in for EventBridge Scheduler:
// a POST to SchedulePath?function=CompetencyJobsFunction&token=... invokes the
// function's schedule handler with an EventBridge scheduled event, as the
// cloud does when the template's cron expression comes due. Nothing fires
// by itself locally: tests and the dev page fire schedules when they want
// them (and fire them twice, as at-least-once delivery may).
const SchedulePath = "/_local/schedule"

// ScheduleURL is the address that fires a function's schedule.
func ScheduleURL(base, function, token string) string {
	return base + SchedulePath + "?function=" + function + "&token=" + token
}

type scheduledFunction struct {
	name    string
	events  []string
	handler func(context.Context, events.EventBridgeEvent) error
	timeout time.Duration
}

// ScheduleResult is the answer of a fired schedule.
type ScheduleResult struct {
	Function string `json:"function"`
	EventID  string `json:"eventId"`
	Error    string `json:"error,omitempty"`
}

func (g *Gateway) serveSchedule(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.Method != http.MethodPost || r.URL.Query().Get("token") != g.webhookToken {
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"error":"forbidden"}`))
		return
	}
	name := r.URL.Query().Get("function")
	f, ok := g.schedules[name]
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "no scheduled function " + name})
		return
	}
	now := time.Now().UTC()
	// ?time= (RFC 3339) fires the schedule as if it came due then: tests
	// run a daily schedule on the days they need.
	if at := r.URL.Query().Get("time"); at != "" {
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": "time must be RFC 3339"})
			return
		}
		now = t.UTC()
	}
	detail, _ := json.Marshal(map[string]string{})
	ev := events.EventBridgeEvent{Version: "0", ID: ids.New(now), DetailType: "Scheduled Event", Source: "aws.scheduler",
		AccountID: "000000000000", Time: now, Region: "ap-southeast-3",
		Resources: []string{"arn:aws:scheduler:ap-southeast-3:000000000000:schedule/default/" + f.name + "-" + f.events[0]},
		Detail:    detail}
	ctx, cancel := context.WithTimeout(r.Context(), f.timeout)
	defer cancel()
	err := invokeSchedule(ctx, f, ev)
	res := ScheduleResult{Function: name, EventID: ev.ID}
	if err != nil {
		g.opts.FunctionLog.Write([]byte(fmt.Sprintf(`{"level":"ERROR","msg":"scheduled invocation failed","function":%q,"error":%q}`+"\n", name, err.Error())))
		res.Error = err.Error()
		w.WriteHeader(http.StatusInternalServerError)
	}
	_ = json.NewEncoder(w).Encode(res)
}

// invokeSchedule calls the handler as Lambda would: a panic is the
// invocation's failure, not the gateway's.
func invokeSchedule(ctx context.Context, f *scheduledFunction, ev events.EventBridgeEvent) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return f.handler(ctx, ev)
}
