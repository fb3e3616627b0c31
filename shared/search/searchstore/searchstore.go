// Package searchstore keeps search index snapshots in S3 and each
// tenant's current-snapshot pointer in the DynamoDB table, implementing
// search.SnapshotStore and search.PointerStore.
package searchstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"lms/shared/search"
)

// S3 is the part of the S3 client the snapshot store uses.
type S3 interface {
	GetObject(context.Context, *s3.GetObjectInput, ...func(*s3.Options)) (*s3.GetObjectOutput, error)
	PutObject(context.Context, *s3.PutObjectInput, ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	DeleteObject(context.Context, *s3.DeleteObjectInput, ...func(*s3.Options)) (*s3.DeleteObjectOutput, error)
}

// Snapshots stores snapshot archives in a bucket under the keys the
// search package makes (search/{tenant}/…).
type Snapshots struct {
	Client S3
	Bucket string
}

var _ search.SnapshotStore = Snapshots{}

// Get implements search.SnapshotStore.
func (s Snapshots) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	out, err := s.Client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.Bucket), Key: aws.String(key)})
	var missing *s3types.NoSuchKey
	if errors.As(err, &missing) {
		return nil, fmt.Errorf("%w: %s", search.ErrNotFound, key)
	}
	if err != nil {
		return nil, fmt.Errorf("searchstore: get %s: %w", key, err)
	}
	return out.Body, nil
}

// Put implements search.SnapshotStore. A single PutObject (up to 5 GB)
// covers search.MaxSnapshotBytes.
func (s Snapshots) Put(ctx context.Context, key string, body io.ReadSeeker, size int64) error {
	_, err := s.Client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(s.Bucket), Key: aws.String(key),
		Body: body, ContentLength: aws.Int64(size), ContentType: aws.String("application/zstd")})
	if err != nil {
		return fmt.Errorf("searchstore: put %s: %w", key, err)
	}
	return nil
}

// Delete implements search.SnapshotStore.
func (s Snapshots) Delete(ctx context.Context, key string) error {
	_, err := s.Client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(s.Bucket), Key: aws.String(key)})
	if err != nil {
		return fmt.Errorf("searchstore: delete %s: %w", key, err)
	}
	return nil
}

// DynamoDB is the part of the client the pointer store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
}

// Pointers keeps one item per tenant in the single table:
//
//	PK = TENANT#{tenant}, SK = SEARCH#POINTER,
//	type = "search-pointer", generation (N), snapshotKey (S), updatedAt (S).
//
// Advance is a PutItem conditioned on the generation the writer started
// from (or on the item's absence for the first generation), so exactly one
// of two racing writers wins.
type Pointers struct {
	DB    DynamoDB
	Table string
	// Now stamps updatedAt (default time.Now).
	Now func() time.Time
}

var _ search.PointerStore = Pointers{}

const pointerSK = "SEARCH#POINTER"

func pointerKey(tenant string) map[string]dbtypes.AttributeValue {
	return map[string]dbtypes.AttributeValue{
		"PK": &dbtypes.AttributeValueMemberS{Value: "TENANT#" + tenant},
		"SK": &dbtypes.AttributeValueMemberS{Value: pointerSK},
	}
}

// Current implements search.PointerStore, with a strongly consistent read:
// a writer must start from the latest generation or it is bound to lose.
func (p Pointers) Current(ctx context.Context, tenant string) (int64, string, error) {
	out, err := p.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(p.Table), Key: pointerKey(tenant),
		ConsistentRead: aws.Bool(true), ProjectionExpression: aws.String("generation, snapshotKey")})
	if err != nil {
		return 0, "", fmt.Errorf("searchstore: get pointer: %w", err)
	}
	if out.Item == nil {
		return 0, "", nil
	}
	g, ok1 := out.Item["generation"].(*dbtypes.AttributeValueMemberN)
	k, ok2 := out.Item["snapshotKey"].(*dbtypes.AttributeValueMemberS)
	if !ok1 || !ok2 {
		return 0, "", fmt.Errorf("searchstore: pointer of tenant %s is malformed", tenant)
	}
	gen, err := strconv.ParseInt(g.Value, 10, 64)
	if err != nil {
		return 0, "", fmt.Errorf("searchstore: pointer of tenant %s: %w", tenant, err)
	}
	return gen, k.Value, nil
}

// Advance implements search.PointerStore.
func (p Pointers) Advance(ctx context.Context, tenant string, from, to int64, key string) error {
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	item := pointerKey(tenant)
	item["type"] = &dbtypes.AttributeValueMemberS{Value: "search-pointer"}
	item["generation"] = &dbtypes.AttributeValueMemberN{Value: strconv.FormatInt(to, 10)}
	item["snapshotKey"] = &dbtypes.AttributeValueMemberS{Value: key}
	item["updatedAt"] = &dbtypes.AttributeValueMemberS{Value: now().UTC().Format(time.RFC3339Nano)}
	in := &dynamodb.PutItemInput{TableName: aws.String(p.Table), Item: item}
	if from == 0 {
		in.ConditionExpression = aws.String("attribute_not_exists(PK)")
	} else {
		in.ConditionExpression = aws.String("generation = :from")
		in.ExpressionAttributeValues = map[string]dbtypes.AttributeValue{
			":from": &dbtypes.AttributeValueMemberN{Value: strconv.FormatInt(from, 10)}}
	}
	_, err := p.DB.PutItem(ctx, in)
	var failed *dbtypes.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return search.ErrConflict
	}
	if err != nil {
		return fmt.Errorf("searchstore: advance pointer: %w", err)
	}
	return nil
}
