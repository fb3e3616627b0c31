// Package assignment holds learners' submissions to assignment items
// (pengumpulan tugas): text and/or a file uploaded straight to S3,
// resubmitted until the due date, late ones taken, penalised or refused
// by the item's policy, and graded by staff with a score and feedback.
package assignment

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/course"
	"lms/shared/pagecursor"
)

// Submission is one learner's submission to an assignment item.
type Submission struct {
	TenantID    string    `dynamodbav:"tenantId" json:"-"`
	CourseID    string    `dynamodbav:"courseId" json:"courseId"`
	ItemID      string    `dynamodbav:"itemId" json:"itemId"`
	UserID      string    `dynamodbav:"userId" json:"userId"`
	Text        string    `dynamodbav:"text,omitempty" json:"text,omitempty"`
	UploadID    string    `dynamodbav:"uploadId,omitempty" json:"uploadId,omitempty"`
	FileName    string    `dynamodbav:"fileName,omitempty" json:"fileName,omitempty"`
	SubmittedAt time.Time `dynamodbav:"submittedAt" json:"submittedAt"`
	Late        bool      `dynamodbav:"late" json:"late"`
	Count       int       `dynamodbav:"count" json:"count"` // submissions so far
	// Grading: the score given, the penalty the policy took off, and the
	// grade that counts.
	Score    *float64  `dynamodbav:"score,omitempty" json:"score,omitempty"`
	Penalty  float64   `dynamodbav:"penalty,omitempty" json:"penalty,omitempty"`
	Grade    *float64  `dynamodbav:"grade,omitempty" json:"grade,omitempty"`
	Feedback string    `dynamodbav:"feedback,omitempty" json:"feedback,omitempty"`
	GradedBy string    `dynamodbav:"gradedBy,omitempty" json:"gradedBy,omitempty"`
	GradedAt time.Time `dynamodbav:"gradedAt,omitempty" json:"gradedAt,omitzero"`
	Version  int       `dynamodbav:"version" json:"version"`
}

// Errors.
var (
	ErrNotFound = errors.New("assignment: not found")
	ErrConflict = errors.New("assignment: changed by someone else")
	ErrClosed   = errors.New("assignment: closed")
	ErrGraded   = errors.New("assignment: already graded")
)

// Late reports whether a submission at now is late for a.
func Late(a course.Assignment, now time.Time) bool { return a.DueAt != nil && now.After(*a.DueAt) }

// CanSubmit says whether a learner may submit at now: before the due date
// always; after it, by the late policy, and never over a graded
// submission (the grade stands on what was graded).
func CanSubmit(a course.Assignment, prev *Submission, now time.Time) error {
	if prev != nil && prev.Grade != nil && Late(a, now) {
		return ErrGraded
	}
	if Late(a, now) && a.LatePolicy == course.LateRefuse {
		return ErrClosed
	}
	return nil
}

// ApplyGrade sets a submission's score, and its grade after the late
// penalty when the policy takes one.
func ApplyGrade(s *Submission, a course.Assignment, score float64, feedback, by string, at time.Time) {
	s.Score, s.Feedback, s.GradedBy, s.GradedAt = &score, feedback, by, at
	s.Penalty = 0
	if s.Late && a.LatePolicy == course.LatePenalty {
		s.Penalty = math.Round(score*float64(a.PenaltyPercent)) / 100
	}
	g := math.Round((score-s.Penalty)*100) / 100
	s.Grade = &g
}

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
}

// Store keeps submissions: TENANT#{t}#SUBMIT#{item} / USER#{u}, one item
// per learner and assignment (a resubmission replaces it), so staff list an
// assignment's submissions with one Query.
type Store struct {
	DB    DynamoDB
	Table string
}

func pk(t, item string) string { return "TENANT#" + t + "#SUBMIT#" + item }

func key(t, item, u string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: pk(t, item)}, "SK": &types.AttributeValueMemberS{Value: "USER#" + u}}
}

// Get reads a learner's submission.
func (st Store) Get(ctx context.Context, t, item, u string) (Submission, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: key(t, item, u), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Submission{}, fmt.Errorf("assignment: get: %w", err)
	}
	if out.Item == nil {
		return Submission{}, ErrNotFound
	}
	var s Submission
	err = attributevalue.UnmarshalMap(out.Item, &s)
	return s, err
}

// Put writes s if the stored one is version s.Version-1 (none for 1).
func (st Store) Put(ctx context.Context, s Submission) error {
	it, err := attributevalue.MarshalMap(s)
	if err != nil {
		return err
	}
	for k, v := range key(s.TenantID, s.ItemID, s.UserID) {
		it[k] = v
	}
	it["type"] = &types.AttributeValueMemberS{Value: "submission"}
	in := &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}
	if s.Version > 1 {
		in.ConditionExpression = aws.String("version = :prev")
		in.ExpressionAttributeValues = map[string]types.AttributeValue{":prev": &types.AttributeValueMemberN{Value: strconv.Itoa(s.Version - 1)}}
	}
	_, err = st.DB.PutItem(ctx, in)
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("assignment: put: %w", err)
	}
	return nil
}

// List lists a page of an assignment's submissions.
func (st Store) List(ctx context.Context, t, item string, limit int32, cursor string) (pagecursor.Page[Submission], error) {
	p := pk(t, item)
	return pagecursor.Query[Submission](ctx, st.DB, &dynamodb.QueryInput{TableName: aws.String(st.Table),
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: p}}}, "PK", p, limit, cursor)
}
