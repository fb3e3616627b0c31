package batch

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// StartingIn lists a tenant's batches (drafts included) that start in a
// year (WIB dates), by start date.
func (st Store) StartingIn(ctx context.Context, t string, year int) ([]Batch, error) {
	y := strconv.Itoa(year)
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI1"),
		KeyConditionExpression: aws.String("GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s("TENANT#" + t + "#BATCHES"),
			":from": s(y + "-01-01"), ":to": s(y + "-12-31~")}}
	out := []Batch{}
	for {
		page, err := st.DB.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("batch: starting in: %w", err)
		}
		for _, raw := range page.Items {
			var b Batch
			if err := attributevalue.UnmarshalMap(raw, &b); err != nil {
				return nil, err
			}
			out = append(out, b)
		}
		if page.LastEvaluatedKey == nil {
			return out, nil
		}
		in.ExclusiveStartKey = page.LastEvaluatedKey
	}
}

// Stats sums up a batch for reports: its participants, how many completed,
// and the answers to the scale questions of its evaluation form.
type Stats struct {
	Enrolled  int // enrolled now (completed ones included)
	Completed int
	// Responses counts evaluation responses; ScaleSum and ScaleCount add
	// up every scale answer (1-5) of them.
	Responses  int
	ScaleSum   int
	ScaleCount int
}

// Stats reads a batch's partition once (enrollments and evaluation
// responses live there) and sums it up.
func (st Store) Stats(ctx context.Context, t, b string) (Stats, error) {
	var out Stats
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), KeyConditionExpression: aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(batchPK(t, b))},
		ProjectionExpression:      aws.String("SK, #status, completed, answers, questions"),
		ExpressionAttributeNames:  map[string]string{"#status": "status"}}
	var form *Form
	var responses []Response
	for {
		page, err := st.DB.Query(ctx, in)
		if err != nil {
			return out, fmt.Errorf("batch: stats: %w", err)
		}
		for _, raw := range page.Items {
			sk, _ := raw["SK"].(*types.AttributeValueMemberS)
			if sk == nil {
				continue
			}
			switch {
			case strings.HasPrefix(sk.Value, "ENROLL#"):
				var e struct {
					Status    EnrollmentStatus `dynamodbav:"status"`
					Completed bool             `dynamodbav:"completed"`
				}
				if err := attributevalue.UnmarshalMap(raw, &e); err != nil {
					return out, err
				}
				if e.Status == Enrolled {
					out.Enrolled++
					if e.Completed {
						out.Completed++
					}
				}
			case sk.Value == "EVAL#FORM":
				var f Form
				if err := attributevalue.UnmarshalMap(raw, &f); err != nil {
					return out, err
				}
				form = &f
			case strings.HasPrefix(sk.Value, "EVAL#RESPONSE#"):
				var r Response
				if err := attributevalue.UnmarshalMap(raw, &r); err != nil {
					return out, err
				}
				responses = append(responses, r)
			}
		}
		if page.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = page.LastEvaluatedKey
	}
	out.Responses = len(responses)
	if form == nil {
		return out, nil
	}
	scale := map[string]bool{}
	for _, q := range form.Questions {
		if q.Kind == QuestionScale {
			scale[q.ID] = true
		}
	}
	for _, r := range responses {
		for id, a := range r.Answers {
			if v, err := strconv.Atoi(a); err == nil && scale[id] && v >= 1 && v <= 5 {
				out.ScaleSum += v
				out.ScaleCount++
			}
		}
	}
	return out, nil
}
