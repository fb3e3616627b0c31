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

// Store reads and writes batches and enrollments.
type Store struct {
	DB    DynamoDB
	Table string
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int) types.AttributeValue    { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }

func batchPK(t, b string) string { return "TENANT#" + t + "#BATCH#" + b }

// SortableTime is a fixed-width layout: its text order is time order
// (RFC3339Nano drops trailing zeros, which breaks that).
const SortableTime = "2006-01-02T15:04:05.000000000Z07:00"

func batchKey(t, b string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(batchPK(t, b)), "SK": s("BATCH")}
}

func enrollmentKey(t, b, u string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(batchPK(t, b)), "SK": s("ENROLL#" + u)}
}

// EnrollmentKey is an enrollment's primary key, for transactions other
// packages write with it (certificate issuance).
func EnrollmentKey(t, b, u string) map[string]types.AttributeValue { return enrollmentKey(t, b, u) }

func enrollmentItem(e Enrollment) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(e)
	if err != nil {
		return nil, err
	}
	for k, v := range enrollmentKey(e.TenantID, e.BatchID, e.UserID) {
		it[k] = v
	}
	it["type"] = s("enrollment")
	// GSI1: a participant's batches (my batches).
	it["GSI1PK"], it["GSI1SK"] = s("TENANT#"+e.TenantID+"#USER#"+e.UserID+"#BATCHES"), s(e.BatchID)
	// GSI2: the reserve list in request order (only while on it).
	if e.Status == Reserved {
		it["GSI2PK"], it["GSI2SK"] = s(batchPK(e.TenantID, e.BatchID)+"#RESERVE"), s(e.RequestedAt.UTC().Format(SortableTime)+"#"+e.UserID)
	}
	return it, nil
}

// editable are the batch fields an admin's update writes; the seat
// counters are left to enrollments, which change them concurrently.
var editable = []string{"name", "code", "description", "courses", "registrationOpens", "registrationEnds", "startDate", "endDate",
	"mode", "location", "capacity", "policy", "totalJp", "instructorIds", "picIds", "status", "updatedAt"}

// Create writes a new batch.
func (st Store) Create(ctx context.Context, b Batch) error {
	it, err := attributevalue.MarshalMap(b)
	if err != nil {
		return err
	}
	for k, v := range batchKey(b.TenantID, b.ID) {
		it[k] = v
	}
	it["type"] = s("batch")
	it["GSI1PK"], it["GSI1SK"] = s("TENANT#"+b.TenantID+"#BATCHES"), s(b.StartDate+"#"+b.ID)
	if b.Status != StatusDraft {
		it["GSI2PK"], it["GSI2SK"] = s(visiblePK(b.TenantID)), s(b.StartDate+"#"+b.ID)
	}
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrExists
	}
	return err
}

// Update writes the editable fields if the stored version is b.Version-1.
// A capacity below the seats taken is refused (ErrFull).
func (st Store) Update(ctx context.Context, b Batch) error {
	it, err := attributevalue.MarshalMap(b)
	if err != nil {
		return err
	}
	expr := "SET version = :version, GSI1SK = :gsi1sk"
	names := map[string]string{}
	values := map[string]types.AttributeValue{":version": n(b.Version), ":prev": n(b.Version - 1), ":gsi1sk": s(b.StartDate + "#" + b.ID)}
	for i, f := range editable {
		v, ok := it[f]
		if !ok {
			continue
		}
		names[fmt.Sprintf("#f%d", i)] = f
		values[fmt.Sprintf(":f%d", i)] = v
		expr += fmt.Sprintf(", #f%d = :f%d", i, i)
	}
	// GSI2 lists the batches participants may see: never a draft, so no
	// page or cursor of theirs can mention one.
	if b.Status == StatusDraft {
		expr += " REMOVE GSI2PK, GSI2SK"
	} else {
		expr += ", GSI2PK = :visible, GSI2SK = :gsi1sk"
		values[":visible"] = s(visiblePK(b.TenantID))
	}
	names["#enrolled"] = "enrolled"
	values[":capacity"] = n(b.Capacity)
	_, err = st.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(st.Table), Key: batchKey(b.TenantID, b.ID),
		UpdateExpression: aws.String(expr), ConditionExpression: aws.String("version = :prev AND #enrolled <= :capacity"),
		ExpressionAttributeNames: names, ExpressionAttributeValues: values})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		cur, gerr := st.Get(ctx, b.TenantID, b.ID)
		if gerr == nil && cur.Version == b.Version-1 {
			return ErrFull
		}
		return ErrConflict
	}
	return err
}

// Get reads a batch.
func (st Store) Get(ctx context.Context, t, b string) (Batch, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: batchKey(t, b), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Batch{}, fmt.Errorf("batch: get: %w", err)
	}
	if out.Item == nil {
		return Batch{}, ErrNotFound
	}
	var x Batch
	return x, attributevalue.UnmarshalMap(out.Item, &x)
}

// GetEnrollment reads a participant's enrollment.
func (st Store) GetEnrollment(ctx context.Context, t, b, u string) (Enrollment, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: enrollmentKey(t, b, u), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Enrollment{}, fmt.Errorf("batch: get enrollment: %w", err)
	}
	if out.Item == nil {
		return Enrollment{}, ErrNotFound
	}
	var e Enrollment
	return e, attributevalue.UnmarshalMap(out.Item, &e)
}

// seatWrite takes one seat of the batch if one is left and the batch is in
// one of the statuses. A newcomer (queueFirst) gets a seat only while
// nobody waits on the reserve list, so nobody jumps the queue.
func (st Store) seatWrite(t, b string, queueFirst bool, statuses ...Status) types.TransactWriteItem {
	values := map[string]types.AttributeValue{":one": n(1)}
	cond := "#enrolled < #capacity AND #status IN ("
	if queueFirst {
		cond = "(attribute_not_exists(#reserve) OR #reserve = :zero) AND " + cond
		values[":zero"] = n(0)
	}
	for i, x := range statuses {
		if i > 0 {
			cond += ", "
		}
		k := fmt.Sprintf(":s%d", i)
		values[k] = s(string(x))
		cond += k
	}
	names := map[string]string{"#status": "status", "#enrolled": "enrolled", "#capacity": "capacity"}
	if queueFirst {
		names["#reserve"] = "reserve"
	}
	return types.TransactWriteItem{Update: &types.Update{TableName: aws.String(st.Table), Key: batchKey(t, b),
		UpdateExpression: aws.String("ADD #enrolled :one"), ConditionExpression: aws.String(cond + ")"),
		ExpressionAttributeNames: names, ExpressionAttributeValues: values}}
}

func (st Store) counterWrite(t, b, counter string, delta int) types.TransactWriteItem {
	return types.TransactWriteItem{Update: &types.Update{TableName: aws.String(st.Table), Key: batchKey(t, b),
		UpdateExpression: aws.String("ADD #counter :d"), ExpressionAttributeNames: map[string]string{"#counter": counter},
		ExpressionAttributeValues: map[string]types.AttributeValue{":d": n(delta)}}}
}

// enrollmentWrite puts the enrollment if it is new or, when from is given,
// if it currently has one of those statuses.
func (st Store) enrollmentWrite(e Enrollment, from ...EnrollmentStatus) (types.TransactWriteItem, error) {
	it, err := enrollmentItem(e)
	if err != nil {
		return types.TransactWriteItem{}, err
	}
	p := &types.Put{TableName: aws.String(st.Table), Item: it}
	if len(from) == 0 {
		p.ConditionExpression = aws.String("attribute_not_exists(PK) OR #status IN (:withdrawn, :rejected)")
		p.ExpressionAttributeNames = map[string]string{"#status": "status"}
		p.ExpressionAttributeValues = map[string]types.AttributeValue{":withdrawn": s(string(Withdrawn)), ":rejected": s(string(Rejected))}
	} else {
		cond := "#status IN ("
		p.ExpressionAttributeValues = map[string]types.AttributeValue{}
		for i, x := range from {
			if i > 0 {
				cond += ", "
			}
			k := fmt.Sprintf(":from%d", i)
			p.ExpressionAttributeValues[k] = s(string(x))
			cond += k
		}
		p.ConditionExpression = aws.String(cond + ")")
		p.ExpressionAttributeNames = map[string]string{"#status": "status"}
	}
	return types.TransactWriteItem{Put: p}, nil
}

// run executes a transaction, retrying DynamoDB's transaction conflicts
// (concurrent transactions on the same items), and reports which element's
// condition failed (-1 for none).
func (st Store) run(ctx context.Context, ws []types.TransactWriteItem) (int, error) {
	for attempt := 0; ; attempt++ {
		_, err := st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: ws})
		var cancelled *types.TransactionCanceledException
		if !errors.As(err, &cancelled) {
			if err != nil {
				return -1, fmt.Errorf("batch: write: %w", err)
			}
			return -1, nil
		}
		retry := false
		for i, r := range cancelled.CancellationReasons {
			switch aws.ToString(r.Code) {
			case "ConditionalCheckFailed":
				return i, nil
			case "TransactionConflict":
				retry = true
			}
		}
		if !retry || attempt == 20 {
			return -1, fmt.Errorf("batch: write: %w", err)
		}
		time.Sleep(time.Duration(5*(attempt+1)) * time.Millisecond)
	}
}

// Enroll gives the participant a seat and opens the courses (grants) in one
// transaction: ErrFull when no seat is left (or the batch is not in one of
// the statuses), ErrExists when they are already in the batch.
func (st Store) Enroll(ctx context.Context, e Enrollment, grants []types.TransactWriteItem, from []EnrollmentStatus, statuses ...Status) error {
	ew, err := st.enrollmentWrite(e, from...)
	if err != nil {
		return err
	}
	ws := append([]types.TransactWriteItem{st.seatWrite(e.TenantID, e.BatchID, len(from) == 0, statuses...), ew}, grants...)
	failed, err := st.run(ctx, ws)
	switch {
	case err != nil:
		return err
	case failed == 0:
		return ErrFull
	case failed == 1:
		return ErrExists
	case failed > 1:
		return ErrConflict
	}
	return nil
}

// Queue records an enrollment that takes no seat: on the reserve list
// (counted) or awaiting approval.
func (st Store) Queue(ctx context.Context, e Enrollment) error {
	ew, err := st.enrollmentWrite(e)
	if err != nil {
		return err
	}
	ws := []types.TransactWriteItem{ew}
	if e.Status == Reserved {
		ws = append(ws, st.counterWrite(e.TenantID, e.BatchID, "reserve", 1))
	}
	failed, err := st.run(ctx, ws)
	if err != nil {
		return err
	}
	if failed == 0 {
		return ErrExists
	}
	return nil
}

// Decide moves an enrollment out of a status without touching seats
// (rejecting a pending request).
func (st Store) Decide(ctx context.Context, e Enrollment, from EnrollmentStatus) error {
	ew, err := st.enrollmentWrite(e, from)
	if err != nil {
		return err
	}
	failed, err := st.run(ctx, []types.TransactWriteItem{ew})
	if err != nil {
		return err
	}
	if failed >= 0 {
		return ErrConflict
	}
	return nil
}

// Withdraw ends an enrollment. A freed seat goes to promoted (the first on
// the reserve list) in the same transaction; without a reserve the seat is
// released. writes carry the promoted's course grants and the withdrawn's
// revocations.
func (st Store) Withdraw(ctx context.Context, e Enrollment, was EnrollmentStatus, promoted *Enrollment, writes []types.TransactWriteItem) error {
	ew, err := st.enrollmentWrite(e, was)
	if err != nil {
		return err
	}
	// A completed participant keeps their completion and JP: a withdrawal
	// that read the enrollment before an automatic completion must fail.
	ew.Put.ConditionExpression = aws.String(*ew.Put.ConditionExpression + " AND (attribute_not_exists(#completed) OR #completed = :notDone)")
	ew.Put.ExpressionAttributeNames["#completed"] = "completed"
	ew.Put.ExpressionAttributeValues[":notDone"] = &types.AttributeValueMemberBOOL{Value: false}
	ws := []types.TransactWriteItem{ew}
	switch {
	case was == Reserved:
		ws = append(ws, st.counterWrite(e.TenantID, e.BatchID, "reserve", -1))
	case was == Enrolled && promoted != nil:
		pw, err := st.enrollmentWrite(*promoted, Reserved)
		if err != nil {
			return err
		}
		ws = append(ws, pw, st.counterWrite(e.TenantID, e.BatchID, "reserve", -1))
	case was == Enrolled:
		// Release the seat only if nobody joined the reserve list since it
		// was read; otherwise the caller re-reads and promotes instead.
		release := st.counterWrite(e.TenantID, e.BatchID, "enrolled", -1)
		release.Update.ConditionExpression = aws.String("attribute_not_exists(#reserve) OR #reserve = :zero")
		release.Update.ExpressionAttributeNames["#reserve"] = "reserve"
		release.Update.ExpressionAttributeValues[":zero"] = n(0)
		ws = append(ws, release)
	}
	// Course grants of the promoted and revocations of the withdrawn.
	ws = append(ws, writes...)
	failed, err := st.run(ctx, ws)
	if err != nil {
		return err
	}
	if failed >= 0 {
		return ErrConflict
	}
	return nil
}

// Promote moves a reserve into a free seat (after the capacity grew), with
// its grants; ErrFull when no seat is free, ErrConflict when the reserve
// moved meanwhile.
func (st Store) Promote(ctx context.Context, e Enrollment, grants []types.TransactWriteItem) error {
	ew, err := st.enrollmentWrite(e, Reserved)
	if err != nil {
		return err
	}
	// One update of the batch: a transaction may touch an item only once.
	seat := st.seatWrite(e.TenantID, e.BatchID, false, StatusDraft, StatusOpen, StatusRunning)
	seat.Update.UpdateExpression = aws.String("ADD #enrolled :one, #reserve :minus")
	seat.Update.ExpressionAttributeNames["#reserve"] = "reserve"
	seat.Update.ExpressionAttributeValues[":minus"] = n(-1)
	ws := append([]types.TransactWriteItem{seat, ew}, grants...)
	failed, err := st.run(ctx, ws)
	switch {
	case err != nil:
		return err
	case failed == 0:
		return ErrFull
	case failed > 0:
		return ErrConflict
	}
	return nil
}

// FirstReserve returns the reserve list's head, or nil.
func (st Store) FirstReserve(ctx context.Context, t, b string) (*Enrollment, error) {
	out, err := st.DB.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI2"),
		KeyConditionExpression:    aws.String("GSI2PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(batchPK(t, b) + "#RESERVE")}, Limit: aws.Int32(1)})
	if err != nil {
		return nil, fmt.Errorf("batch: reserve: %w", err)
	}
	if len(out.Items) == 0 {
		return nil, nil
	}
	var e Enrollment
	return &e, attributevalue.UnmarshalMap(out.Items[0], &e)
}

// Page is a page of a list.
// Page is one page of a list.
type Page[T any] = pagecursor.Page[T]

// ErrBadCursor marks a malformed cursor or one from another list.
var ErrBadCursor = pagecursor.ErrBad

func query[T any](ctx context.Context, st Store, in *dynamodb.QueryInput, pkAttr, pk string, limit int32, cursor string) (Page[T], error) {
	in.TableName = aws.String(st.Table)
	return pagecursor.Query[T](ctx, st.DB, in, pkAttr, pk, limit, cursor)
}

func visiblePK(t string) string { return "TENANT#" + t + "#BATCHES#VISIBLE" }

// List lists a tenant's batches by start date, newest first; withDrafts
// is for admins, everyone else reads an index that holds no drafts.
func (st Store) List(ctx context.Context, t string, withDrafts bool, limit int32, cursor string) (Page[Batch], error) {
	index, attr, pk := "GSI1", "GSI1PK", "TENANT#"+t+"#BATCHES"
	if !withDrafts {
		index, attr, pk = "GSI2", "GSI2PK", visiblePK(t)
	}
	return query[Batch](ctx, st, &dynamodb.QueryInput{IndexName: aws.String(index), KeyConditionExpression: aws.String(attr + " = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}, ScanIndexForward: aws.Bool(false)}, attr, pk, limit, cursor)
}

// Enrollments lists a batch's enrollments.
func (st Store) Enrollments(ctx context.Context, t, b string, limit int32, cursor string) (Page[Enrollment], error) {
	pk := batchPK(t, b)
	return query[Enrollment](ctx, st, &dynamodb.QueryInput{KeyConditionExpression: aws.String("PK = :pk AND begins_with(SK, :e)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk), ":e": s("ENROLL#")}}, "PK", pk, limit, cursor)
}

// MyBatches lists a participant's enrollments in a tenant (every status).
func (st Store) MyBatches(ctx context.Context, t, u string) ([]Enrollment, error) {
	pk := "TENANT#" + t + "#USER#" + u + "#BATCHES"
	page, err := query[Enrollment](ctx, st, &dynamodb.QueryInput{IndexName: aws.String("GSI1"), KeyConditionExpression: aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}}, "GSI1PK", pk, 100, "")
	return page.Items, err
}
