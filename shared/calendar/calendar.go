// Package calendar is a tenant's annual training calendar: the trainings
// planned for a year (from its training needs analysis) with dates, JP,
// quota and target units, each linked to the batch that runs it once the
// batch opens. Plans marked public are shown to anyone.
package calendar

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

// Status is a plan's state.
type Status string

// Statuses.
const (
	Planned   Status = "planned"
	Open      Status = "open" // a batch is linked and taking participants
	Held      Status = "held"
	Cancelled Status = "cancelled"
)

// Statuses lists the valid statuses.
var Statuses = []Status{Planned, Open, Held, Cancelled}

// Plan is one planned training.
type Plan struct {
	TenantID    string    `dynamodbav:"tenantId" json:"-"`
	ID          string    `dynamodbav:"id" json:"id"`
	Year        int       `dynamodbav:"year" json:"year"`
	Title       string    `dynamodbav:"title" json:"title"`
	Description string    `dynamodbav:"description" json:"description"`
	StartDate   string    `dynamodbav:"startDate" json:"startDate"` // YYYY-MM-DD
	EndDate     string    `dynamodbav:"endDate" json:"endDate"`
	JP          int       `dynamodbav:"jp" json:"jp"`
	Quota       int       `dynamodbav:"quota" json:"quota"`
	TargetUnits []string  `dynamodbav:"targetUnits" json:"targetUnits"`
	Mode        string    `dynamodbav:"mode" json:"mode"`
	Public      bool      `dynamodbav:"public" json:"public"`
	Status      Status    `dynamodbav:"status" json:"status"`
	BatchID     string    `dynamodbav:"batchId,omitempty" json:"batchId,omitempty"`
	CreatedAt   time.Time `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt   time.Time `dynamodbav:"updatedAt" json:"updatedAt"`
	Version     int       `dynamodbav:"version" json:"version"`
}

// Errors.
var (
	ErrNotFound = errors.New("calendar: not found")
	ErrConflict = errors.New("calendar: changed meanwhile")
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
}

// Store keeps plans.
//
//	plan  PK TENANT#{t}#CALENDAR  SK PLAN#{id}
//	      GSI1 TENANT#{t}#CALENDAR#{year} / {startDate}#{id}
type Store struct {
	DB    DynamoDB
	Table string
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int) types.AttributeValue    { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }

func planKey(t, id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t + "#CALENDAR"), "SK": s("PLAN#" + id)}
}
func yearGSI(t string, y int) string { return "TENANT#" + t + "#CALENDAR#" + strconv.Itoa(y) }

// Put creates a plan (prevVersion 0) or replaces the one stored at
// prevVersion (ErrConflict otherwise).
func (st Store) Put(ctx context.Context, p Plan, prevVersion int) error {
	it, err := attributevalue.MarshalMap(p)
	if err != nil {
		return err
	}
	for k, v := range planKey(p.TenantID, p.ID) {
		it[k] = v
	}
	it["type"] = s("plan")
	it["GSI1PK"], it["GSI1SK"] = s(yearGSI(p.TenantID, p.Year)), s(p.StartDate+"#"+p.ID)
	in := &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}
	if prevVersion > 0 {
		in.ConditionExpression = aws.String("version = :v")
		in.ExpressionAttributeValues = map[string]types.AttributeValue{":v": n(prevVersion)}
	}
	_, err = st.DB.PutItem(ctx, in)
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("calendar: put: %w", err)
	}
	return nil
}

// Get reads a plan.
func (st Store) Get(ctx context.Context, t, id string) (Plan, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: planKey(t, id)})
	if err != nil {
		return Plan{}, fmt.Errorf("calendar: get: %w", err)
	}
	if out.Item == nil {
		return Plan{}, ErrNotFound
	}
	var p Plan
	err = attributevalue.UnmarshalMap(out.Item, &p)
	p.TenantID = t
	return p, err
}

// Delete removes a plan still at version.
func (st Store) Delete(ctx context.Context, t, id string, version int) error {
	_, err := st.DB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(st.Table), Key: planKey(t, id),
		ConditionExpression:       aws.String("version = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": n(version)}})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("calendar: delete: %w", err)
	}
	return nil
}

// Year lists a year's plans by start date.
func (st Store) Year(ctx context.Context, t string, year int) ([]Plan, error) {
	plans := []Plan{}
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI1"),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(yearGSI(t, year))}}
	for {
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("calendar: year: %w", err)
		}
		for _, raw := range out.Items {
			var p Plan
			if err := attributevalue.UnmarshalMap(raw, &p); err != nil {
				return nil, err
			}
			p.TenantID = t
			if p.TargetUnits == nil {
				p.TargetUnits = []string{}
			}
			plans = append(plans, p)
		}
		if out.LastEvaluatedKey == nil {
			return plans, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}
