package certificate

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// JobStatus is where a mass generation stands.
type JobStatus string

// Job statuses: queued -> running -> done | failed.
const (
	JobQueued  JobStatus = "queued"
	JobRunning JobStatus = "running"
	JobDone    JobStatus = "done"
	JobFailed  JobStatus = "failed"
)

// Job is the latest mass generation of a batch's certificates. A batch has
// one job record; starting again replaces a finished one.
type Job struct {
	TenantID string `dynamodbav:"tenantId" json:"-"`
	BatchID  string `dynamodbav:"batchId" json:"batchId"`
	ID       string `dynamodbav:"jobId" json:"id"`
	// Source is SourceClaim when BatchID names a unit training (PSPKU)
	// whose participants are certified instead of a batch's graduates.
	Source string    `dynamodbav:"source,omitempty" json:"source,omitempty"`
	Status JobStatus `dynamodbav:"status" json:"status"`
	// Total participants to certify, Processed so far (certified, skipped
	// or failed), Issued new numbers, Failed rows.
	Total     int          `dynamodbav:"total" json:"total"`
	Processed int          `dynamodbav:"processed" json:"processed"`
	Issued    int          `dynamodbav:"issued" json:"issued"`
	Skipped   int          `dynamodbav:"skipped" json:"skipped"` // revoked certificates are not re-issued
	Failed    int          `dynamodbav:"failed" json:"failed"`
	Failures  []JobFailure `dynamodbav:"failures" json:"failures"`
	// Error says why the whole job failed.
	Error       string    `dynamodbav:"error,omitempty" json:"error,omitempty"`
	RequestedBy string    `dynamodbav:"requestedBy" json:"requestedBy"`
	RequestedAt time.Time `dynamodbav:"requestedAt" json:"requestedAt"`
	StartedAt   time.Time `dynamodbav:"startedAt,omitempty" json:"startedAt,omitzero"`
	FinishedAt  time.Time `dynamodbav:"finishedAt,omitempty" json:"finishedAt,omitzero"`
	UpdatedAt   time.Time `dynamodbav:"updatedAt" json:"updatedAt"`
}

// JobFailure is one participant the job could not certify.
type JobFailure struct {
	UserID string `dynamodbav:"userId" json:"userId"`
	Name   string `dynamodbav:"name" json:"name"`
	Reason string `dynamodbav:"reason" json:"reason"`
}

// MaxFailuresKept bounds the failure rows a job record holds (an item is at
// most 400 KB); the count goes on.
const MaxFailuresKept = 200

// Active reports whether the job may still be working at now: queued or
// running and touched within stale.
func (j Job) Active(now time.Time, stale time.Duration) bool {
	return (j.Status == JobQueued || j.Status == JobRunning) && now.Sub(j.UpdatedAt) < stale
}

// ErrJobActive means a job of the batch is still queued or running.
var ErrJobActive = errors.New("certificate: a job is already running")

func jobKey(t, b string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t + "#CERTJOB#" + b), "SK": s("JOB")}
}

// StartJob writes a queued job unless one is active (touched within stale).
func (st Store) StartJob(ctx context.Context, j Job, stale time.Duration) error {
	it, err := attributevalue.MarshalMap(j)
	if err != nil {
		return err
	}
	for k, v := range jobKey(j.TenantID, j.BatchID) {
		it[k] = v
	}
	it["type"] = s("certificate-job")
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression:      aws.String("attribute_not_exists(PK) OR #status IN (:done, :failed) OR updatedAt < :stale"),
		ExpressionAttributeNames: map[string]string{"#status": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":done": s(string(JobDone)), ":failed": s(string(JobFailed)),
			":stale": s(j.RequestedAt.Add(-stale).UTC().Format(time.RFC3339Nano))}})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrJobActive
	}
	if err != nil {
		return fmt.Errorf("certificate: start job: %w", err)
	}
	return nil
}

// GetJob reads a batch's job.
func (st Store) GetJob(ctx context.Context, t, b string) (Job, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: jobKey(t, b), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Job{}, fmt.Errorf("certificate: job: %w", err)
	}
	if out.Item == nil {
		return Job{}, ErrNotFound
	}
	var j Job
	err = attributevalue.UnmarshalMap(out.Item, &j)
	return j, err
}

// SaveJob writes a job's progress if the stored job is still the same run
// (job id): a run replaced by a newer one stops writing (ErrConflict).
func (st Store) SaveJob(ctx context.Context, j Job) error {
	if len(j.Failures) > MaxFailuresKept {
		j.Failures = j.Failures[:MaxFailuresKept]
	}
	if j.Failures == nil {
		j.Failures = []JobFailure{}
	}
	it, err := attributevalue.MarshalMap(j)
	if err != nil {
		return err
	}
	for k, v := range jobKey(j.TenantID, j.BatchID) {
		it[k] = v
	}
	it["type"] = s("certificate-job")
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression:       aws.String("jobId = :id"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":id": s(j.ID)}})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("certificate: save job: %w", err)
	}
	return nil
}

// Message is what the queue carries to the worker: which job to run.
type Message struct {
	TenantID string `json:"tenantId"`
	BatchID  string `json:"batchId"`
	JobID    string `json:"jobId"`
}

// SourceClaim marks a job that certifies a unit training's participants.
const SourceClaim = "claim"

// String is for logs.
func (m Message) String() string { return m.TenantID + "/" + m.BatchID + "/" + m.JobID }
