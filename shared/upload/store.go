package upload

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// Store keeps uploads and each tenant's storage use.
//
// Items: TENANT#{t}#UPLOAD#{u} / UPLOAD (the upload) and TENANT#{t} /
// STORAGE (bytes reserved by the tenant's uploads, and its quota if the
// operator set one). An upload reserves its declared size when it starts
// and gives it back when it is aborted, in the same transaction.
type Store struct {
	DB    DynamoDB
	Table string
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(v, 10)}
}

func uploadKey(t, u string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t + "#UPLOAD#" + u), "SK": s("UPLOAD")}
}

func storageKey(t string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t), "SK": s("STORAGE")}
}

func (st Store) item(u Upload) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(u)
	if err != nil {
		return nil, err
	}
	for k, v := range uploadKey(u.TenantID, u.ID) {
		it[k] = v
	}
	it["type"] = s("upload")
	return it, nil
}

// Usage is a tenant's storage use.
type Usage struct {
	UsedBytes  int64 `dynamodbav:"usedBytes" json:"usedBytes"`
	QuotaBytes int64 `dynamodbav:"quotaBytes" json:"quotaBytes"`
}

// Usage reads a tenant's storage use (the default quota if none is set).
func (st Store) Usage(ctx context.Context, t string) (Usage, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: storageKey(t)})
	if err != nil {
		return Usage{}, fmt.Errorf("upload: usage: %w", err)
	}
	var u Usage
	if out.Item != nil {
		if err := attributevalue.UnmarshalMap(out.Item, &u); err != nil {
			return Usage{}, err
		}
	}
	if u.QuotaBytes <= 0 {
		u.QuotaBytes = DefaultQuota
	}
	return u, nil
}

// Create stores a new upload and reserves its size within quota bytes, in
// one transaction. ErrQuota: the tenant would go over its quota.
func (st Store) Create(ctx context.Context, u Upload, quota int64) error {
	if u.Size > quota {
		return ErrQuota
	}
	it, err := st.item(u)
	if err != nil {
		return err
	}
	_, err = st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}},
		{Update: &types.Update{TableName: aws.String(st.Table), Key: storageKey(u.TenantID),
			UpdateExpression:          aws.String("ADD usedBytes :size SET #type = :type"),
			ConditionExpression:       aws.String("attribute_not_exists(usedBytes) OR usedBytes <= :limit"),
			ExpressionAttributeNames:  map[string]string{"#type": "type"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":size": n(u.Size), ":limit": n(quota - u.Size), ":type": s("storage")}}},
	}})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) {
		if len(cancelled.CancellationReasons) > 1 && aws.ToString(cancelled.CancellationReasons[1].Code) == "ConditionalCheckFailed" {
			return ErrQuota
		}
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("upload: create: %w", err)
	}
	return nil
}

// Get reads an upload.
func (st Store) Get(ctx context.Context, t, id string) (Upload, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: uploadKey(t, id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Upload{}, fmt.Errorf("upload: get: %w", err)
	}
	if out.Item == nil {
		return Upload{}, ErrNotFound
	}
	var u Upload
	err = attributevalue.UnmarshalMap(out.Item, &u)
	return u, err
}

// Save writes u if the stored version is u.Version-1.
func (st Store) Save(ctx context.Context, u Upload) error {
	it, err := st.item(u)
	if err != nil {
		return err
	}
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression:       aws.String("version = :prev"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":prev": n(int64(u.Version - 1))}})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("upload: save: %w", err)
	}
	return nil
}

// Abort marks u aborted (u.Version is the new version) and gives its size
// back to the tenant's storage, in one transaction.
func (st Store) Abort(ctx context.Context, u Upload) error {
	it, err := st.item(u)
	if err != nil {
		return err
	}
	_, err = st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("version = :prev"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":prev": n(int64(u.Version - 1))}}},
		{Update: &types.Update{TableName: aws.String(st.Table), Key: storageKey(u.TenantID),
			UpdateExpression:          aws.String("ADD usedBytes :minus"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":minus": n(-u.Size)}}},
	}})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("upload: abort: %w", err)
	}
	return nil
}

// Touch returns u with its version bumped and UpdatedAt set, ready to Save.
func Touch(u Upload, now time.Time) Upload {
	u.Version++
	u.UpdatedAt = now
	return u
}
