package certificate

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

	"lms/shared/pagecursor"
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// Store keeps certificates, their numbering and the tenant's settings.
//
// Items:
//   - CERT#{number} / CERT: the certificate (public by number); GSI1 lists a
//     participant's certificates in a tenant, GSI2 a batch's.
//   - TENANT#{t} / CERT#SEQ#{year}: the tenant's number counter of a year.
//   - TENANT#{t} / CERT#SETTINGS: the tenant's certificate settings.
//   - the enrollment (batch partition) carries certificateNumber, set once.
type Store struct {
	DB    DynamoDB
	Table string
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

func certKey(number string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("CERT#" + number), "SK": s("CERT")}
}

func settingsKey(t string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t), "SK": s("CERT#SETTINGS")}
}

func userCertsPK(t, u string) string  { return "TENANT#" + t + "#USER#" + u + "#CERTS" }
func batchCertsPK(t, b string) string { return "TENANT#" + t + "#BATCH#" + b + "#CERTS" }

// Settings reads a tenant's settings; a tenant that never saved any gets
// ok=false and the caller fills defaults.
func (st Store) Settings(ctx context.Context, t string) (Settings, bool, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: settingsKey(t)})
	if err != nil {
		return Settings{}, false, fmt.Errorf("certificate: settings: %w", err)
	}
	if out.Item == nil {
		return Settings{TenantID: t}, false, nil
	}
	var v Settings
	err = attributevalue.UnmarshalMap(out.Item, &v)
	return v, true, err
}

// PutSettings writes settings if the stored version is v.Version-1 (0: none stored).
func (st Store) PutSettings(ctx context.Context, v Settings) error {
	it, err := attributevalue.MarshalMap(v)
	if err != nil {
		return err
	}
	for k, val := range settingsKey(v.TenantID) {
		it[k] = val
	}
	it["type"] = s("certificate-settings")
	cond, values := "attribute_not_exists(PK)", map[string]types.AttributeValue(nil)
	if v.Version > 1 {
		cond, values = "version = :prev", map[string]types.AttributeValue{":prev": &types.AttributeValueMemberN{Value: strconv.Itoa(v.Version - 1)}}
	}
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression: aws.String(cond), ExpressionAttributeValues: values})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrConflict
	}
	return err
}

// Allocate reserves count consecutive sequence numbers of a tenant's year
// in one atomic counter update and returns the first. Numbers are never
// handed out twice; one a worker reserved but could not use stays unused.
func (st Store) Allocate(ctx context.Context, t string, year, count int) (int64, error) {
	out, err := st.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(st.Table),
		Key:                       map[string]types.AttributeValue{"PK": s("TENANT#" + t), "SK": s("CERT#SEQ#" + strconv.Itoa(year))},
		UpdateExpression:          aws.String("ADD seq :n SET #type = :type"),
		ExpressionAttributeNames:  map[string]string{"#type": "type"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":n": &types.AttributeValueMemberN{Value: strconv.Itoa(count)}, ":type": s("certificate-counter")},
		ReturnValues:              types.ReturnValueUpdatedNew})
	if err != nil {
		return 0, fmt.Errorf("certificate: allocate: %w", err)
	}
	var got struct {
		Seq int64 `dynamodbav:"seq"`
	}
	if err := attributevalue.UnmarshalMap(out.Attributes, &got); err != nil {
		return 0, err
	}
	return got.Seq - int64(count) + 1, nil
}

// Issue stores a new certificate and marks the enrollment with its number,
// in one transaction: the enrollment must be completed and carry no number
// yet, so one participant never gets two certificates for a batch.
// enrollmentKey is the enrollment's primary key. ErrConflict means the
// enrollment already had a number (or stopped being completed).
func (st Store) Issue(ctx context.Context, c Certificate, enrollmentKey map[string]types.AttributeValue) error {
	it, err := st.item(c)
	if err != nil {
		return err
	}
	_, err = st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}},
		{Update: &types.Update{TableName: aws.String(st.Table), Key: enrollmentKey,
			UpdateExpression:          aws.String("SET certificateNumber = :n"),
			ConditionExpression:       aws.String("attribute_exists(PK) AND attribute_not_exists(certificateNumber) AND completed = :yes"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":n": s(c.Number), ":yes": &types.AttributeValueMemberBOOL{Value: true}}}},
	}})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("certificate: issue: %w", err)
	}
	return nil
}

func (st Store) item(c Certificate) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(c)
	if err != nil {
		return nil, err
	}
	for k, v := range certKey(c.Number) {
		it[k] = v
	}
	it["type"] = s("certificate")
	it["GSI1PK"], it["GSI1SK"] = s(userCertsPK(c.TenantID, c.UserID)), s(c.IssuedAt.UTC().Format(time.RFC3339)+"#"+c.Number)
	it["GSI2PK"], it["GSI2SK"] = s(batchCertsPK(c.TenantID, c.BatchID)), s(c.Number)
	return it, nil
}

// Get reads a certificate by number.
func (st Store) Get(ctx context.Context, number string) (Certificate, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: certKey(number)})
	if err != nil {
		return Certificate{}, fmt.Errorf("certificate: get: %w", err)
	}
	if out.Item == nil {
		return Certificate{}, ErrNotFound
	}
	var c Certificate
	err = attributevalue.UnmarshalMap(out.Item, &c)
	return c, err
}

// Revoke marks a valid certificate of tenant t revoked.
func (st Store) Revoke(ctx context.Context, t, number, by, reason string, at time.Time) (Certificate, error) {
	out, err := st.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(st.Table), Key: certKey(number),
		UpdateExpression:         aws.String("SET #status = :revoked, revokedAt = :at, revokedBy = :by, revokedReason = :reason"),
		ConditionExpression:      aws.String("attribute_exists(PK) AND tenantId = :t AND #status = :valid"),
		ExpressionAttributeNames: map[string]string{"#status": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":revoked": s(string(Revoked)), ":valid": s(string(Valid)),
			":at": s(at.UTC().Format(time.RFC3339Nano)), ":by": s(by), ":reason": s(reason), ":t": s(t)},
		ReturnValues: types.ReturnValueAllNew})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		c, gerr := st.Get(ctx, number)
		switch {
		case gerr != nil:
			return Certificate{}, gerr
		case c.TenantID != t:
			return Certificate{}, ErrNotFound
		}
		return c, ErrRevoked
	}
	if err != nil {
		return Certificate{}, fmt.Errorf("certificate: revoke: %w", err)
	}
	var c Certificate
	err = attributevalue.UnmarshalMap(out.Attributes, &c)
	return c, err
}

// OfUser lists a participant's certificates in a tenant, newest first.
func (st Store) OfUser(ctx context.Context, t, u string, limit int32, cursor string) (pagecursor.Page[Certificate], error) {
	return st.list(ctx, "GSI1", "GSI1PK", userCertsPK(t, u), false, limit, cursor)
}

// OfBatch lists a batch's certificates by number.
func (st Store) OfBatch(ctx context.Context, t, b string, limit int32, cursor string) (pagecursor.Page[Certificate], error) {
	return st.list(ctx, "GSI2", "GSI2PK", batchCertsPK(t, b), true, limit, cursor)
}

func (st Store) list(ctx context.Context, index, pkAttr, pk string, forward bool, limit int32, cursor string) (pagecursor.Page[Certificate], error) {
	return pagecursor.Query[Certificate](ctx, st.DB, &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String(index),
		KeyConditionExpression:    aws.String(pkAttr + " = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}, ScanIndexForward: aws.Bool(forward)}, pkAttr, pk, limit, cursor)
}
