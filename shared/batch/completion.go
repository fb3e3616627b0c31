package batch

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/jp"
)

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
	ledger := jp.Store{Table: st.Table}
	var entry []types.TransactWriteItem
	if completed {
		update.UpdateExpression = aws.String("SET #completed = :want, completedAt = :at, completedBy = :by, completionReason = :reason, jpEarned = :jp")
		values[":at"], values[":by"], values[":reason"], values[":jp"] = s(e.CompletedAt.UTC().Format(time.RFC3339Nano)), s(e.CompletedBy), s(e.CompletionReason), n(b.TotalJP)
		var err error
		if entry, err = ledger.Credit(jp.NewEntry(e.TenantID, e.UserID, jp.SourceBatch, b.ID, b.Name, b.TotalJP, e.CompletedAt)); err != nil {
			return err
		}
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
		entry = ledger.Debit(jp.NewEntry(e.TenantID, e.UserID, jp.SourceBatch, b.ID, b.Name, prev.JPEarned, prev.CompletedAt))
	}
	failed, err := st.run(ctx, append([]types.TransactWriteItem{{Update: update}}, entry...))
	if err != nil {
		return err
	}
	if failed >= 0 {
		return ErrConflict
	}
	return nil
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
