package hrimport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/employee"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/spreadsheet"
	"lms/shared/tenancy"
)

// JobStatus is where an import job is.
type JobStatus string

// Job statuses.
const (
	Queued  JobStatus = "queued"
	Running JobStatus = "running"
	Done    JobStatus = "done"
	Failed  JobStatus = "failed"
)

// Job is one queued HR import.
type Job struct {
	TenantID  string    `dynamodbav:"tenantId" json:"-"`
	ID        string    `dynamodbav:"id" json:"id"`
	Status    JobStatus `dynamodbav:"status" json:"status"`
	FileKey   string    `dynamodbav:"fileKey" json:"-"`
	Format    string    `dynamodbav:"format" json:"format"`
	Lang      string    `dynamodbav:"lang" json:"-"`
	ActorID   string    `dynamodbav:"actorId" json:"actorId"`
	ActorName string    `dynamodbav:"actorName" json:"actorName"`
	// TotalRows counts the file's data rows; Rows the valid ones the
	// worker writes; Processed how many of those are done.
	TotalRows    int       `dynamodbav:"totalRows" json:"totalRows"`
	Rows         int       `dynamodbav:"rows" json:"rows"`
	Processed    int       `dynamodbav:"processed" json:"processed"`
	Created      int       `dynamodbav:"created" json:"created"`
	Updated      int       `dynamodbav:"updated" json:"updated"`
	Unchanged    int       `dynamodbav:"unchanged" json:"unchanged"`
	Failed       int       `dynamodbav:"failed" json:"failed"`
	UnitsCreated int       `dynamodbav:"unitsCreated" json:"unitsCreated"`
	ReportKey    string    `dynamodbav:"reportKey,omitempty" json:"-"`
	Error        string    `dynamodbav:"error,omitempty" json:"error,omitempty"`
	CreatedAt    time.Time `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt    time.Time `dynamodbav:"updatedAt" json:"updatedAt"`
	FinishedAt   time.Time `dynamodbav:"finishedAt,omitempty" json:"finishedAt,omitzero"`
}

// FileKey is where a job's file is kept.
func FileKey(t, id, format string) string { return "imports/" + t + "/" + id + "/hr." + format }

// ReportKey is where a finished job's full report is kept.
func ReportKey(t, id string) string { return "imports/" + t + "/" + id + "/report.json" }

// Message is the queue message of a job.
type Message struct {
	TenantID string `json:"tenantId"`
	JobID    string `json:"jobId"`
}

// ErrJobNotFound means no such job.
var ErrJobNotFound = errors.New("hrimport: job not found")

// JobStore keeps jobs.
//
//	job  PK TENANT#{t}#HRIMPORT#{id}  SK JOB
type JobStore struct {
	DB interface {
		GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
		PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
		UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	}
	Table string
}

func jobKey(t, id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: "TENANT#" + t + "#HRIMPORT#" + id},
		"SK": &types.AttributeValueMemberS{Value: "JOB"}}
}

// Put writes a job whole.
func (st JobStore) Put(ctx context.Context, j Job) error {
	it, err := attributevalue.MarshalMap(j)
	if err != nil {
		return err
	}
	for k, v := range jobKey(j.TenantID, j.ID) {
		it[k] = v
	}
	it["type"] = &types.AttributeValueMemberS{Value: "hr-import-job"}
	if _, err := st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it}); err != nil {
		return fmt.Errorf("hrimport: put job: %w", err)
	}
	return nil
}

// Get reads a job.
func (st JobStore) Get(ctx context.Context, t, id string) (Job, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: jobKey(t, id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Job{}, fmt.Errorf("hrimport: get job: %w", err)
	}
	if out.Item == nil {
		return Job{}, ErrJobNotFound
	}
	var j Job
	err = attributevalue.UnmarshalMap(out.Item, &j)
	j.TenantID = t
	return j, err
}

// Progress records how many rows are done.
func (st JobStore) Progress(ctx context.Context, t, id string, processed int, at time.Time) error {
	_, err := st.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(st.Table), Key: jobKey(t, id),
		UpdateExpression: aws.String("SET processed = :p, updatedAt = :at"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": &types.AttributeValueMemberN{Value: strconv.Itoa(processed)},
			":at": &types.AttributeValueMemberS{Value: at.UTC().Format(time.RFC3339Nano)}}})
	if err != nil {
		return fmt.Errorf("hrimport: progress: %w", err)
	}
	return nil
}

// Objects is what the worker needs of the bucket.
type Objects interface {
	Get(ctx context.Context, key string, limit int64) ([]byte, error)
	Put(ctx context.Context, key string, body []byte, contentType string) error
}

// Audit records what an import did.
type Audit interface {
	PutAudit(ctx context.Context, a *tenancy.AuditEntry) error
}

// Worker runs queued jobs.
type Worker struct {
	Importer Importer
	Jobs     JobStore
	Objects  Objects
	Audit    Audit
	Now      func() time.Time
	Log      *slog.Logger
	// MaxReceives is the queue's maxReceiveCount: the delivery that
	// reaches it is the last before the dead-letter queue.
	MaxReceives int
	// FileLimit bounds a job's file.
	FileLimit int64
}

// Handle runs each message's job, reporting failed ones for a retry.
func (w Worker) Handle(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	for _, rec := range e.Records {
		var m Message
		if err := json.Unmarshal([]byte(rec.Body), &m); err != nil || !ids.Valid(m.JobID) || !tenancy.ValidSlug(m.TenantID) {
			w.Log.ErrorContext(ctx, "hr import queue: malformed message dropped", "messageId", rec.MessageId)
			continue
		}
		received, _ := strconv.Atoi(rec.Attributes["ApproximateReceiveCount"])
		last := w.MaxReceives > 0 && received >= w.MaxReceives
		if err := w.Run(ctx, m, last); err != nil {
			w.Log.ErrorContext(ctx, "hr import job failed", "tenant", m.TenantID, "job", m.JobID, "attempt", received, "error", err.Error())
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: rec.MessageId})
		}
	}
	return resp, nil
}

// Run runs one job. A finished job is not run again (duplicate delivery);
// an interrupted one is run again from the start, which is safe since
// rows already written come out unchanged.
func (w Worker) Run(ctx context.Context, m Message, last bool) error {
	j, err := w.Jobs.Get(ctx, m.TenantID, m.JobID)
	if errors.Is(err, ErrJobNotFound) {
		w.Log.ErrorContext(ctx, "hr import job missing", "tenant", m.TenantID, "job", m.JobID)
		return nil
	}
	if err != nil {
		return err
	}
	if j.Status == Done || j.Status == Failed {
		return nil
	}
	err = w.run(ctx, &j)
	if err != nil && last {
		j.Status, j.Error, j.FinishedAt, j.UpdatedAt = Failed, "Impor gagal diproses; unggah ulang berkas yang sama.", w.Now(), w.Now()
		if perr := w.Jobs.Put(ctx, j); perr != nil {
			return errors.Join(err, perr)
		}
		return nil
	}
	return err
}

func (w Worker) run(ctx context.Context, j *Job) error {
	j.Status, j.UpdatedAt = Running, w.Now()
	if err := w.Jobs.Put(ctx, *j); err != nil {
		return err
	}
	data, err := w.Objects.Get(ctx, j.FileKey, w.FileLimit)
	if err != nil {
		return err
	}
	lang := i18n.Lang(j.Lang)
	parsed, err := employee.Parse(data, spreadsheet.Format(j.Format), j.CreatedAt, lang, employee.Options{})
	if err != nil {
		return err // the API checked the file: only a platform failure gets here
	}
	var last time.Time
	progress := func(done int) {
		// At most a write a second: the page polls, it need not see every row.
		if now := time.Now(); now.Sub(last) >= time.Second {
			last = now
			if err := w.Jobs.Progress(ctx, j.TenantID, j.ID, done, w.Now()); err != nil {
				w.Log.WarnContext(ctx, "hr import progress not saved", "job", j.ID, "error", err.Error())
			}
		}
	}
	rep, err := w.Importer.Run(ctx, j.TenantID, parsed, j.CreatedAt, false, lang, progress)
	if err != nil {
		return err
	}
	body, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	j.ReportKey = ReportKey(j.TenantID, j.ID)
	if err := w.Objects.Put(ctx, j.ReportKey, body, "application/json"); err != nil {
		return err
	}
	now := w.Now()
	j.Status, j.Processed, j.FinishedAt, j.UpdatedAt = Done, j.Rows, now, now
	j.Created, j.Updated, j.Unchanged, j.Failed, j.UnitsCreated = rep.Created, rep.Updated, rep.Unchanged, rep.Failed, len(rep.UnitsCreated)
	if err := w.Audit.PutAudit(ctx, &tenancy.AuditEntry{TenantID: j.TenantID, ID: ids.New(now), ActorID: j.ActorID, ActorName: j.ActorName,
		Action: "employee.import", TargetType: "import", TargetID: j.ID, At: now,
		After: map[string]any{"totalRows": rep.TotalRows, "created": rep.Created, "updated": rep.Updated, "unchanged": rep.Unchanged,
			"failed": rep.Failed, "unitsCreated": len(rep.UnitsCreated), "format": j.Format}}); err != nil {
		return err
	}
	return w.Jobs.Put(ctx, *j)
}

// LoadReport reads a finished job's report.
func LoadReport(ctx context.Context, o interface {
	Get(ctx context.Context, key string, limit int64) ([]byte, error)
}, j Job) (Report, error) {
	var rep Report
	data, err := o.Get(ctx, j.ReportKey, 16<<20)
	if err != nil {
		return rep, err
	}
	err = json.NewDecoder(bytes.NewReader(data)).Decode(&rep)
	return rep, err
}
