package batch

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// QuestionKind is how a question is answered.
type QuestionKind string

// Question kinds (Kirkpatrick level 1 reaction forms).
const (
	QuestionScale  QuestionKind = "scale"  // 1 to 5
	QuestionChoice QuestionKind = "choice" // one of the options
	QuestionText   QuestionKind = "text"   // free text
)

// Question is one question of a batch's evaluation form.
type Question struct {
	ID       string       `dynamodbav:"id" json:"id"`
	Kind     QuestionKind `dynamodbav:"kind" json:"kind"`
	Text     string       `dynamodbav:"text" json:"text"`
	Options  []string     `dynamodbav:"options,omitempty" json:"options,omitempty"`
	Required bool         `dynamodbav:"required" json:"required"`
}

// Form is a batch's post-training evaluation form.
type Form struct {
	TenantID  string     `dynamodbav:"tenantId" json:"-"`
	BatchID   string     `dynamodbav:"batchId" json:"batchId"`
	Questions []Question `dynamodbav:"questions" json:"questions"`
	Responses int        `dynamodbav:"responses" json:"responses"`
	UpdatedAt time.Time  `dynamodbav:"updatedAt" json:"updatedAt"`
}

// Response is one participant's answers (question id -> answer: the scale
// value "1".."5", the chosen option, or the text).
type Response struct {
	TenantID string            `dynamodbav:"tenantId" json:"-"`
	BatchID  string            `dynamodbav:"batchId" json:"-"`
	UserID   string            `dynamodbav:"userId" json:"-"`
	Answers  map[string]string `dynamodbav:"answers" json:"answers"`
	At       time.Time         `dynamodbav:"at" json:"at"`
}

// ErrLocked means the form already has responses and cannot change.
var ErrLocked = errors.New("batch: evaluation form has responses")

func formKey(t, b string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(batchPK(t, b)), "SK": s("EVAL#FORM")}
}

// GetForm reads a batch's form (ErrNotFound when none was defined).
func (st Store) GetForm(ctx context.Context, t, b string) (Form, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: formKey(t, b), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Form{}, fmt.Errorf("batch: form: %w", err)
	}
	if out.Item == nil {
		return Form{}, ErrNotFound
	}
	var f Form
	return f, attributevalue.UnmarshalMap(out.Item, &f)
}

// PutForm writes the form while nobody has answered it (ErrLocked after).
func (st Store) PutForm(ctx context.Context, f Form) error {
	it, err := attributevalue.MarshalMap(f)
	if err != nil {
		return err
	}
	for k, v := range formKey(f.TenantID, f.BatchID) {
		it[k] = v
	}
	it["type"] = s("evaluation-form")
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression:      aws.String("attribute_not_exists(PK) OR #responses = :zero"),
		ExpressionAttributeNames: map[string]string{"#responses": "responses"}, ExpressionAttributeValues: map[string]types.AttributeValue{":zero": n(0)}})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrLocked
	}
	return err
}

// Respond stores a participant's answers once (ErrExists the second time)
// and counts them on the form, in one transaction.
func (st Store) Respond(ctx context.Context, r Response) error {
	it, err := attributevalue.MarshalMap(r)
	if err != nil {
		return err
	}
	it["PK"], it["SK"], it["type"] = s(batchPK(r.TenantID, r.BatchID)), s("EVAL#RESPONSE#"+r.UserID), s("evaluation-response")
	failed, err := st.run(ctx, []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}},
		{Update: &types.Update{TableName: aws.String(st.Table), Key: formKey(r.TenantID, r.BatchID),
			UpdateExpression: aws.String("ADD #responses :one"), ConditionExpression: aws.String("attribute_exists(PK)"),
			ExpressionAttributeNames: map[string]string{"#responses": "responses"}, ExpressionAttributeValues: map[string]types.AttributeValue{":one": n(1)}}},
	})
	switch {
	case err != nil:
		return err
	case failed == 0:
		return ErrExists
	case failed == 1:
		return ErrNotFound
	}
	return nil
}

// Responses reads every response of a batch.
func (st Store) Responses(ctx context.Context, t, b string) ([]Response, error) {
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), KeyConditionExpression: aws.String("PK = :pk AND begins_with(SK, :r)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(batchPK(t, b)), ":r": s("EVAL#RESPONSE#")}}
	var out []Response
	for pages := 0; pages < 100; pages++ {
		res, err := st.DB.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("batch: responses: %w", err)
		}
		for _, raw := range res.Items {
			var r Response
			if err := attributevalue.UnmarshalMap(raw, &r); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		if res.LastEvaluatedKey == nil {
			return out, nil
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
	return nil, errors.New("batch: too many responses")
}

// QuestionResult aggregates the answers to one question.
type QuestionResult struct {
	Question
	Answered     int            `json:"answered"`
	Mean         float64        `json:"mean,omitempty"`         // scale
	Distribution map[string]int `json:"distribution,omitempty"` // scale value or option -> count
	Comments     []string       `json:"comments,omitempty"`     // text
}

// Aggregate turns responses into per-question results: the mean and the
// distribution of scale answers, the counts of choices, the comments.
func Aggregate(f Form, responses []Response) []QuestionResult {
	out := make([]QuestionResult, len(f.Questions))
	for i, q := range f.Questions {
		res := QuestionResult{Question: q}
		sum := 0
		if q.Kind != QuestionText {
			res.Distribution = map[string]int{}
			if q.Kind == QuestionScale {
				for v := 1; v <= 5; v++ {
					res.Distribution[strconv.Itoa(v)] = 0
				}
			}
			for _, o := range q.Options {
				res.Distribution[o] = 0
			}
		}
		for _, r := range responses {
			a, ok := r.Answers[q.ID]
			if !ok || a == "" {
				continue
			}
			res.Answered++
			switch q.Kind {
			case QuestionScale:
				v, _ := strconv.Atoi(a)
				sum += v
				res.Distribution[a]++
			case QuestionChoice:
				res.Distribution[a]++
			case QuestionText:
				res.Comments = append(res.Comments, a)
			}
		}
		if q.Kind == QuestionScale && res.Answered > 0 {
			res.Mean = float64(sum) / float64(res.Answered)
		}
		sort.Strings(res.Comments)
		out[i] = res
	}
	return out
}
