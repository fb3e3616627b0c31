// Package reportjob is the report function: on the first day of each month
// an EventBridge schedule invokes it, and it stores, for every active
// tenant, the JP report of the month just ended (dashboard workbook in S3,
// a record in DynamoDB). EventBridge delivers at least once and retries a
// failed invocation, so a report already stored for a period is left as
// it is: a schedule that fires twice stores each report once.
package reportjob

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/batch"
	"lms/shared/claim"
	"lms/shared/clock"
	"lms/shared/dashboard"
	"lms/shared/employee"
	"lms/shared/jp"
	"lms/shared/objectstore"
	"lms/shared/tenancy"
)

// Tenants lists tenants.
type Tenants interface {
	ListTenants(ctx context.Context, status tenancy.Status, limit int32, cursor string) (tenancy.Page[tenancy.Tenant], error)
}

// Handler runs the monthly reports.
type Handler struct {
	Reports dashboard.Service
	Tenants Tenants
	Now     func() time.Time
	Log     *slog.Logger
}

// PreviousMonth is the month before now's, in WIB.
func PreviousMonth(now time.Time) (year, month int) {
	first := time.Date(now.In(clock.Jakarta).Year(), now.In(clock.Jakarta).Month(), 1, 12, 0, 0, 0, clock.Jakarta)
	prev := first.AddDate(0, 0, -1)
	return prev.Year(), int(prev.Month())
}

// Handle stores last month's report of every active tenant. A tenant that
// fails does not stop the others; the error makes EventBridge retry, and
// the retry skips the reports already stored.
func (h Handler) Handle(ctx context.Context, ev events.EventBridgeEvent) error {
	now := h.Now()
	year, month := PreviousMonth(now)
	var failed []error
	stored, skipped := 0, 0
	cursor := ""
	for {
		page, err := h.Tenants.ListTenants(ctx, tenancy.StatusActive, 100, cursor)
		if err != nil {
			return err
		}
		for _, t := range page.Items {
			_, err := h.Reports.Generate(ctx, t.ID, year, month, "schedule", true, now)
			switch {
			case errors.Is(err, dashboard.ErrReportExists):
				skipped++
			case err != nil:
				h.Log.ErrorContext(ctx, "monthly report failed", "tenant", t.ID, "period", dashboard.Period(year, month), "error", err.Error())
				failed = append(failed, err)
			default:
				stored++
			}
		}
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	h.Log.InfoContext(ctx, "monthly reports", "event", ev.ID, "period", dashboard.Period(year, month), "stored", stored, "skipped", skipped, "failed", len(failed))
	return errors.Join(failed...)
}

// New builds the handler from the function's environment.
func New(env appenv.Env) (Handler, error) {
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	ledger := jp.Store{DB: db, Table: t}
	svc := dashboard.Service{Employees: employee.Store{DB: db, Table: t}, Ledger: ledger, Batches: batch.Store{DB: db, Table: t},
		Claims: claim.Store{DB: db, Table: t, Ledger: ledger}, Reports: dashboard.ReportStore{DB: db, Table: t},
		Objects: objectstore.New(awsclient.S3(env.AWS, env.Config.S3UsePathStyle), env.Config.MaterialsBucket)}
	return Handler{Reports: svc, Tenants: tenancy.Store{DB: db, Table: t}, Now: env.Clock.Now, Log: env.Log}, nil
}
