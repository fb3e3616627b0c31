// Package batchread reads many DynamoDB items by key: BatchGetItem in
// requests of 100 keys, retrying the keys DynamoDB leaves unprocessed
// (under throttling) with a growing pause, so that every store reads
// "these keys" the same way.
package batchread

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Client is the part of the DynamoDB client a batch read uses.
type Client interface {
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
}

// Key is an item's primary key.
type Key = map[string]types.AttributeValue

// Options shape the read.
type Options struct {
	Consistent bool
	// Projection, when set, is the ProjectionExpression (attribute names
	// that are not reserved words).
	Projection string
	// Names are the projection's #name placeholders (for reserved words).
	Names map[string]string
}

// MaxKeys is DynamoDB's limit of keys in one BatchGetItem request.
const MaxKeys = 100

// tries bounds the requests for one group of keys; with the pauses
// between them (10 ms doubling) that is about 2.5 s of throttling.
const tries = 8

// ErrUnprocessed is returned when keys stay unprocessed after every try.
var ErrUnprocessed = errors.New("batchread: keys left unprocessed")

// Each calls fn with every item found among keys (missing ones are
// skipped; keys must not repeat, as DynamoDB refuses a request that
// repeats one), in no particular order. fn's error stops the read.
func Each(ctx context.Context, db Client, table string, keys []Key, o Options, fn func(Key) error) error {
	for len(keys) > 0 {
		n := min(MaxKeys, len(keys))
		ka := types.KeysAndAttributes{Keys: keys[:n], ConsistentRead: aws.Bool(o.Consistent)}
		if o.Projection != "" {
			ka.ProjectionExpression = aws.String(o.Projection)
		}
		if len(o.Names) > 0 {
			ka.ExpressionAttributeNames = o.Names
		}
		keys = keys[n:]
		req := map[string]types.KeysAndAttributes{table: ka}
		for try := 0; len(req) > 0; try++ {
			if try == tries {
				return ErrUnprocessed
			}
			if try > 0 {
				select {
				case <-time.After(time.Duration(10<<try) * time.Millisecond):
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			res, err := db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: req})
			if err != nil {
				return fmt.Errorf("batchread: %w", err)
			}
			for _, it := range res.Responses[table] {
				if err := fn(it); err != nil {
					return err
				}
			}
			req = res.UnprocessedKeys
		}
	}
	return nil
}
