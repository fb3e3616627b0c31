// Package queue sends JSON messages to an SQS queue: the work functions
// hand to event functions (certificate jobs, re-indexing).
package queue

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// SQS is one queue.
type SQS struct {
	Client *sqs.Client
	URL    string
}

// New returns the queue at url, using the AWS configuration's endpoint.
func New(cfg aws.Config, url string) SQS { return SQS{Client: sqs.NewFromConfig(cfg), URL: url} }

// Send queues v as JSON.
func (q SQS) Send(ctx context.Context, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := q.Client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(q.URL), MessageBody: aws.String(string(body))}); err != nil {
		return fmt.Errorf("queue: send: %w", err)
	}
	return nil
}
