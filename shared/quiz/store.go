package quiz

import (
	"context"
	"errors"
	"fmt"
	"strconv"

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
	DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// Store keeps question banks and attempts.
//
// Items:
//   - TENANT#{t}#COURSE#{c}#QUESTIONS / Q#{q}: a question (its own
//     partition, so the course outline's query never reads the bank).
//   - TENANT#{t}#ATTEMPT#{a} / ATTEMPT: an attempt; GSI1 lists a learner's
//     attempts at a quiz by number, GSI2 a quiz's attempts by learner.
//   - TENANT#{t}#QUIZ#{i}#USER#{u} / ATTEMPTS: the learner's attempt
//     count at the quiz and the attempt in progress, if any; starting an
//     attempt is a transaction conditioned on both, so neither the attempt
//     limit nor "one attempt at a time" can be beaten by concurrent starts.
type Store struct {
	DB    DynamoDB
	Table string
}

// Errors.
var (
	ErrNotFound  = errors.New("quiz: not found")
	ErrConflict  = errors.New("quiz: changed by someone else")
	ErrNoAttempt = errors.New("quiz: no attempt left or one in progress")
)

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int) types.AttributeValue    { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }

func bankPK(t, c string) string { return "TENANT#" + t + "#COURSE#" + c + "#QUESTIONS" }

func questionKey(t, c, q string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(bankPK(t, c)), "SK": s("Q#" + q)}
}

func attemptKey(t, a string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t + "#ATTEMPT#" + a), "SK": s("ATTEMPT")}
}

func counterKey(t, item, u string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t + "#QUIZ#" + item + "#USER#" + u), "SK": s("ATTEMPTS")}
}

func mine(t, item, u string) string { return "TENANT#" + t + "#QUIZ#" + item + "#USER#" + u }
func ofQuiz(t, item string) string  { return "TENANT#" + t + "#QUIZ#" + item }

// PutQuestion writes a question if its stored version is q.Version-1
// (version 1: it must not exist yet).
func (st Store) PutQuestion(ctx context.Context, q Question) error {
	it, err := attributevalue.MarshalMap(q)
	if err != nil {
		return err
	}
	for k, v := range questionKey(q.TenantID, q.CourseID, q.ID) {
		it[k] = v
	}
	it["itemType"] = s("question")
	in := &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}
	if q.Version > 1 {
		in.ConditionExpression = aws.String("version = :prev")
		in.ExpressionAttributeValues = map[string]types.AttributeValue{":prev": n(q.Version - 1)}
	}
	_, err = st.DB.PutItem(ctx, in)
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("quiz: put question: %w", err)
	}
	return nil
}

// GetQuestion reads a question.
func (st Store) GetQuestion(ctx context.Context, t, c, id string) (Question, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: questionKey(t, c, id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Question{}, fmt.Errorf("quiz: get question: %w", err)
	}
	if out.Item == nil {
		return Question{}, ErrNotFound
	}
	var q Question
	err = attributevalue.UnmarshalMap(out.Item, &q)
	return q, err
}

// DeleteQuestion removes a question (attempts that asked it keep their
// score; it is no longer asked).
func (st Store) DeleteQuestion(ctx context.Context, t, c, id string) error {
	_, err := st.DB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(st.Table), Key: questionKey(t, c, id)})
	if err != nil {
		return fmt.Errorf("quiz: delete question: %w", err)
	}
	return nil
}

// Questions lists a page of a course's bank.
func (st Store) Questions(ctx context.Context, t, c string, limit int32, cursor string) (pagecursor.Page[Question], error) {
	pk := bankPK(t, c)
	return pagecursor.Query[Question](ctx, st.DB, &dynamodb.QueryInput{TableName: aws.String(st.Table),
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}, ConsistentRead: aws.Bool(true)}, "PK", pk, limit, cursor)
}

// Bank reads a course's whole bank (at most maxBank questions).
func (st Store) Bank(ctx context.Context, t, c string) ([]Question, error) {
	var all []Question
	for cursor := ""; len(all) < maxBank; {
		page, err := st.Questions(ctx, t, c, 100, cursor)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	return all, nil
}

// maxBank bounds a course's question bank.
const maxBank = 2000

func (st Store) attemptItem(a Attempt) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(a)
	if err != nil {
		return nil, err
	}
	for k, v := range attemptKey(a.TenantID, a.ID) {
		it[k] = v
	}
	it["itemType"] = s("attempt")
	it["GSI1PK"], it["GSI1SK"] = s(mine(a.TenantID, a.ItemID, a.UserID)), s(fmt.Sprintf("%04d", a.Number))
	it["GSI2PK"], it["GSI2SK"] = s(ofQuiz(a.TenantID, a.ItemID)), s(a.UserID+"#"+fmt.Sprintf("%04d", a.Number))
	return it, nil
}

// Start stores a new attempt, numbered after the learner's previous ones,
// if they have none in progress and max (0: unlimited) allows another.
func (st Store) Start(ctx context.Context, a Attempt, max int) error {
	it, err := st.attemptItem(a)
	if err != nil {
		return err
	}
	cond := "(attribute_not_exists(#current) OR #current = :none)"
	values := map[string]types.AttributeValue{":one": n(1), ":id": s(a.ID), ":none": s(""), ":number": n(a.Number - 1)}
	// The number the caller read must still be the count: two starts that
	// read the same count cannot both win.
	cond += " AND (attribute_not_exists(#count) OR #count = :number)"
	if max > 0 {
		cond += " AND (attribute_not_exists(#count) OR #count < :max)"
		values[":max"] = n(max)
	}
	_, err = st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Update: &types.Update{TableName: aws.String(st.Table), Key: counterKey(a.TenantID, a.ItemID, a.UserID),
			UpdateExpression:          aws.String("ADD #count :one SET #current = :id"),
			ConditionExpression:       aws.String(cond),
			ExpressionAttributeNames:  map[string]string{"#count": "count", "#current": "current"},
			ExpressionAttributeValues: values}},
		{Put: &types.Put{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}},
	}})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) {
		return ErrNoAttempt
	}
	if err != nil {
		return fmt.Errorf("quiz: start: %w", err)
	}
	return nil
}

// Get reads an attempt.
func (st Store) Get(ctx context.Context, t, id string) (Attempt, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: attemptKey(t, id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Attempt{}, fmt.Errorf("quiz: get attempt: %w", err)
	}
	if out.Item == nil {
		return Attempt{}, ErrNotFound
	}
	var a Attempt
	err = attributevalue.UnmarshalMap(out.Item, &a)
	return a, err
}

// Save writes an in-progress attempt's answers if it is still version
// a.Version-1 and in progress.
func (st Store) Save(ctx context.Context, a Attempt) error {
	it, err := st.attemptItem(a)
	if err != nil {
		return err
	}
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression:       aws.String("version = :prev AND #status = :open"),
		ExpressionAttributeNames:  map[string]string{"#status": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":prev": n(a.Version - 1), ":open": s(string(InProgress))}})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("quiz: save attempt: %w", err)
	}
	return nil
}

// Finish stores a submitted (scored) attempt once: the stored one must
// still be in progress at version a.Version-1; the learner's "attempt in
// progress" is cleared in the same transaction.
func (st Store) Finish(ctx context.Context, a Attempt) error {
	it, err := st.attemptItem(a)
	if err != nil {
		return err
	}
	_, err = st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(st.Table), Item: it,
			ConditionExpression:       aws.String("version = :prev AND #status = :open"),
			ExpressionAttributeNames:  map[string]string{"#status": "status"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":prev": n(a.Version - 1), ":open": s(string(InProgress))}}},
		{Update: &types.Update{TableName: aws.String(st.Table), Key: counterKey(a.TenantID, a.ItemID, a.UserID),
			UpdateExpression: aws.String("SET #current = :none"), ConditionExpression: aws.String("#current = :id"),
			ExpressionAttributeNames:  map[string]string{"#current": "current"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":none": s(""), ":id": s(a.ID)}}},
	}})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("quiz: finish attempt: %w", err)
	}
	return nil
}

// Regrade stores a submitted attempt's new grading (staff grading essays)
// if it is still version a.Version-1.
func (st Store) Regrade(ctx context.Context, a Attempt) error {
	it, err := st.attemptItem(a)
	if err != nil {
		return err
	}
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression:       aws.String("version = :prev AND #status <> :open"),
		ExpressionAttributeNames:  map[string]string{"#status": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":prev": n(a.Version - 1), ":open": s(string(InProgress))}})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("quiz: regrade attempt: %w", err)
	}
	return nil
}

// Mine lists a learner's attempts at a quiz, by number.
func (st Store) Mine(ctx context.Context, t, item, u string) ([]Attempt, error) {
	pk := mine(t, item, u)
	page, err := pagecursor.Query[Attempt](ctx, st.DB, &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI1"),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}}, "GSI1PK", pk, 100, "")
	return page.Items, err
}

// OfQuiz lists a page of a quiz's attempts, by learner and number.
func (st Store) OfQuiz(ctx context.Context, t, item string, limit int32, cursor string) (pagecursor.Page[Attempt], error) {
	pk := ofQuiz(t, item)
	return pagecursor.Query[Attempt](ctx, st.DB, &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI2"),
		KeyConditionExpression:    aws.String("GSI2PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}}, "GSI2PK", pk, limit, cursor)
}
