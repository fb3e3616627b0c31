package certjob

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/batch"
	"lms/shared/certificate"
	"lms/shared/claim"
	"lms/shared/ids"
	"lms/shared/notify"
	"lms/shared/objectstore"
	"lms/shared/tenancy"
)

// Handler takes the certificate queue's messages.
type Handler struct {
	Runner Runner
	// MaxReceives is the queue's maxReceiveCount: the delivery that reaches
	// it is the last before the dead-letter queue.
	MaxReceives int
}

// Handle runs each message's job and reports the messages to retry (the
// event source mapping has ReportBatchItemFailures), so one failing job
// does not send its neighbours back to the queue.
func (h Handler) Handle(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	for _, rec := range e.Records {
		var m certificate.Message
		if err := json.Unmarshal([]byte(rec.Body), &m); err != nil || !ids.Valid(m.JobID) || !ids.Valid(m.BatchID) || m.TenantID == "" {
			// Retrying cannot mend a malformed message: drop it loudly.
			h.Runner.Log.ErrorContext(ctx, "certificate queue: malformed message dropped", "messageId", rec.MessageId)
			continue
		}
		received, _ := strconv.Atoi(rec.Attributes["ApproximateReceiveCount"])
		last := h.MaxReceives > 0 && received >= h.MaxReceives
		if err := h.Runner.Run(ctx, m, last); err != nil {
			h.Runner.Log.ErrorContext(ctx, "certificate job failed", "job", m.String(), "attempt", received, "error", err.Error())
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: rec.MessageId})
		}
	}
	return resp, nil
}

// New builds the worker's handler from its environment.
func New(env appenv.Env) (Handler, error) {
	if err := env.Config.Require("WEB_ORIGIN"); err != nil {
		return Handler{}, err
	}
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	r := Runner{Certs: certificate.Store{DB: db, Table: t}, Batches: batch.Store{DB: db, Table: t}, Tenants: tenancy.Store{DB: db, Table: t},
		Claims:    claim.Store{DB: db, Table: t},
		Objects:   objectstore.New(awsclient.S3(env.AWS, env.Config.S3UsePathStyle), env.Config.MaterialsBucket),
		WebOrigin: env.Config.WebOrigin, Now: env.Clock.Now, Log: env.Log, Workers: 6, Chunk: 50,
		Notices: notify.NewPublisher(env.AWS, env.Config.NotificationQueueURL, env.Log)}
	return Handler{Runner: r, MaxReceives: env.Config.CertificateMaxReceives}, nil
}
