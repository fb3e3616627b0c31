package batch

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

	"lms/shared/clock"
)

func ledgerPK(t, u string) string { return "TENANT#" + t + "#JP#" + u }

func ledgerKey(t, u string, year int, b string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(ledgerPK(t, u)), "SK": s(strconv.Itoa(year) + "#" + b)}
}

// SetCompletion records a participant's completion (with its JP entry) or
// takes it back (removing the entry), in one transaction. It answers
// ErrConflict when the enrollment is not enrolled or already in that state,
// so automatic completion running twice changes nothing.
func (st Store) SetCompletion(ctx context.Context, e Enrollment, b Batch, completed bool) error {
	names := map[string]string{"#status": "status", "#completed": "completed"}
	values := map[string]types.AttributeValue{":enrolled": s(string(Enrolled)), ":want": &types.AttributeValueMemberBOOL{Value: completed}}
	update := &types.Update{TableName: aws.String(st.Table), Key: enrollmentKey(e.TenantID, e.BatchID, e.UserID),
		ConditionExpression:      aws.String("#status = :enrolled AND (attribute_not_exists(#completed) OR #completed <> :want)"),
		ExpressionAttributeNames: names, ExpressionAttributeValues: values}
	var ledger types.TransactWriteItem
	if completed {
		year := e.CompletedAt.In(clock.Jakarta).Year()
		update.UpdateExpression = aws.String("SET #completed = :want, completedAt = :at, completedBy = :by, completionReason = :reason, jpEarned = :jp")
		values[":at"], values[":by"], values[":reason"], values[":jp"] = s(e.CompletedAt.UTC().Format(time.RFC3339Nano)), s(e.CompletedBy), s(e.CompletionReason), n(b.TotalJP)
		entry := JPEntry{TenantID: e.TenantID, UserID: e.UserID, Year: year, BatchID: b.ID, BatchName: b.Name, JP: b.TotalJP, CompletedAt: e.CompletedAt}
		it, err := attributevalue.MarshalMap(entry)
		if err != nil {
			return err
		}
		for k, v := range ledgerKey(e.TenantID, e.UserID, year, b.ID) {
			it[k] = v
		}
		it["type"] = s("jp-entry")
		ledger = types.TransactWriteItem{Put: &types.Put{TableName: aws.String(st.Table), Item: it}}
	} else {
		prev, err := st.GetEnrollment(ctx, e.TenantID, e.BatchID, e.UserID)
		if err != nil {
			return err
		}
		if !prev.Completed {
			return ErrConflict
		}
		update.UpdateExpression = aws.String("SET #completed = :want, completedBy = :by, completionReason = :reason, jpEarned = :zero REMOVE completedAt")
		values[":by"], values[":reason"], values[":zero"] = s(e.CompletedBy), s(e.CompletionReason), n(0)
		ledger = types.TransactWriteItem{Delete: &types.Delete{TableName: aws.String(st.Table),
			Key: ledgerKey(e.TenantID, e.UserID, prev.CompletedAt.In(clock.Jakarta).Year(), b.ID)}}
	}
	failed, err := st.run(ctx, []types.TransactWriteItem{{Update: update}, ledger})
	if err != nil {
		return err
	}
	if failed >= 0 {
		return ErrConflict
	}
	return nil
}

// Ledger lists a participant's JP entries of a year in a tenant.
func (st Store) Ledger(ctx context.Context, t, u string, year int) ([]JPEntry, error) {
	out, err := st.DB.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(st.Table),
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :y)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(ledgerPK(t, u)), ":y": s(strconv.Itoa(year) + "#")}})
	if err != nil {
		return nil, fmt.Errorf("batch: ledger: %w", err)
	}
	entries := []JPEntry{}
	for _, raw := range out.Items {
		var e JPEntry
		if err := attributevalue.UnmarshalMap(raw, &e); err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// Done reports whether every course of the batch is complete for the
// participant, given their course percentages (course id -> percent).
func Done(b Batch, percents map[string]int) bool {
	if len(b.Courses) == 0 {
		return false
	}
	for _, c := range b.Courses {
		if percents[c.ID] < 100 {
			return false
		}
	}
	return true
}

// ErrNotEnrolled marks a completion for someone without a seat.
var ErrNotEnrolled = errors.New("batch: not enrolled")
