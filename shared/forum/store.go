package forum

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
	"github.com/oklog/ulid/v2"

	"lms/shared/batchread"
	"lms/shared/pagecursor"
)

// Errors.
var (
	ErrNotFound = errors.New("forum: not found")
	ErrConflict = errors.New("forum: changed meanwhile")
	ErrReported = errors.New("forum: already reported")
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	BatchWriteItem(context.Context, *dynamodb.BatchWriteItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// Store keeps forums.
//
//	thread   PK TENANT#{t}#FORUM#{f}  SK THREAD#{id}
//	         GSI1 TENANT#{t}#FORUM#{f}#ACTIVITY / {lastActivityAt}#{id}
//	         GSI2 TENANT#{t}#FORUM#{f}#PINNED / {id}        (while pinned)
//	         GSI3 TENANT#{t}#HELPDESK#WAITING / {id}         (help desk, while waiting for staff)
//	post     PK TENANT#{t}#THREAD#{th}  SK POST#{id}
//	read     PK TENANT#{t}#USER#{u}#FORUMREAD  SK THREAD#{th}
//	report   PK TENANT#{t}#FORUMREPORT#{postId}  SK USER#{u}
//	         GSI1 TENANT#{t}#FORUMREPORTS / {createdAt}#{postId}#{u}
type Store struct {
	DB    DynamoDB
	Table string
}

// Page is one page of a list.
type Page[T any] = pagecursor.Page[T]

// ErrBadCursor marks a forged cursor.
var ErrBadCursor = pagecursor.ErrBad

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int) types.AttributeValue    { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }

// sortTime is a fixed-width UTC time that sorts as text.
func sortTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func forumPK(t, f string) string   { return "TENANT#" + t + "#FORUM#" + f }
func threadPK(t, th string) string { return "TENANT#" + t + "#THREAD#" + th }
func waitingPK(t string) string    { return "TENANT#" + t + "#HELPDESK#WAITING" }
func readPK(t, u string) string    { return "TENANT#" + t + "#USER#" + u + "#FORUMREAD" }
func reportsPK(t string) string    { return "TENANT#" + t + "#FORUMREPORTS" }

func threadKey(t, f, id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(forumPK(t, f)), "SK": s("THREAD#" + id)}
}

func postKey(t, th, id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(threadPK(t, th)), "SK": s("POST#" + id)}
}

func threadItem(th Thread) (map[string]types.AttributeValue, error) {
	if th.Attachments == nil {
		th.Attachments = []Attachment{}
	}
	it, err := attributevalue.MarshalMap(th)
	if err != nil {
		return nil, err
	}
	for k, v := range threadKey(th.TenantID, th.ForumID, th.ID) {
		it[k] = v
	}
	it["type"] = s("thread")
	it["GSI1PK"], it["GSI1SK"] = s(forumPK(th.TenantID, th.ForumID)+"#ACTIVITY"), s(sortTime(th.LastActivityAt)+"#"+th.ID)
	if th.Pinned {
		it["GSI2PK"], it["GSI2SK"] = s(forumPK(th.TenantID, th.ForumID)+"#PINNED"), s(th.ID)
	}
	if th.Waiting() {
		it["GSI3PK"], it["GSI3SK"] = s(waitingPK(th.TenantID)), s(th.ID)
	}
	return it, nil
}

func postItem(p Post) (map[string]types.AttributeValue, error) {
	if p.Attachments == nil {
		p.Attachments = []Attachment{}
	}
	it, err := attributevalue.MarshalMap(p)
	if err != nil {
		return nil, err
	}
	for k, v := range postKey(p.TenantID, p.ThreadID, p.ID) {
		it[k] = v
	}
	it["type"] = s("post")
	return it, nil
}

// versioned is the condition of a write replacing version prev (0: a new record).
func versioned(prev int) (*string, map[string]types.AttributeValue) {
	if prev == 0 {
		return aws.String("attribute_not_exists(PK)"), nil
	}
	return aws.String("version = :v"), map[string]types.AttributeValue{":v": n(prev)}
}

func (st Store) threadPut(th Thread, prev int) (types.TransactWriteItem, error) {
	it, err := threadItem(th)
	if err != nil {
		return types.TransactWriteItem{}, err
	}
	cond, vals := versioned(prev)
	return types.TransactWriteItem{Put: &types.Put{TableName: aws.String(st.Table), Item: it, ConditionExpression: cond, ExpressionAttributeValues: vals}}, nil
}

func (st Store) transact(ctx context.Context, what string, ws ...types.TransactWriteItem) error {
	_, err := st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: ws})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) {
		for _, r := range cancelled.CancellationReasons {
			if aws.ToString(r.Code) == "ConditionalCheckFailed" {
				return ErrConflict
			}
		}
	}
	if err != nil {
		return fmt.Errorf("forum: %s: %w", what, err)
	}
	return nil
}

// PutThread writes th, which must replace version prev (0: a new thread);
// ErrConflict otherwise.
func (st Store) PutThread(ctx context.Context, th Thread, prev int) error {
	it, err := threadItem(th)
	if err != nil {
		return err
	}
	cond, vals := versioned(prev)
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it, ConditionExpression: cond, ExpressionAttributeValues: vals})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("forum: put thread: %w", err)
	}
	return nil
}

// GetThread reads a thread of forum f.
func (st Store) GetThread(ctx context.Context, t, f, id string) (Thread, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: threadKey(t, f, id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Thread{}, fmt.Errorf("forum: get thread: %w", err)
	}
	if out.Item == nil {
		return Thread{}, ErrNotFound
	}
	var th Thread
	err = attributevalue.UnmarshalMap(out.Item, &th)
	return th, err
}

// AddPost writes a new post and the thread (replacing version prev) in
// one transaction.
func (st Store) AddPost(ctx context.Context, p Post, th Thread, prev int) error {
	it, err := postItem(p)
	if err != nil {
		return err
	}
	tw, err := st.threadPut(th, prev)
	if err != nil {
		return err
	}
	return st.transact(ctx, "add post",
		types.TransactWriteItem{Put: &types.Put{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}}, tw)
}

// SavePost replaces a post stored at version prev.
func (st Store) SavePost(ctx context.Context, p Post, prev int) error {
	it, err := postItem(p)
	if err != nil {
		return err
	}
	cond, vals := versioned(prev)
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it, ConditionExpression: cond, ExpressionAttributeValues: vals})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("forum: save post: %w", err)
	}
	return nil
}

// RemovePost deletes a post (at its version) and writes the thread
// (replacing version prev) in one transaction.
func (st Store) RemovePost(ctx context.Context, p Post, th Thread, prev int) error {
	tw, err := st.threadPut(th, prev)
	if err != nil {
		return err
	}
	return st.transact(ctx, "remove post", types.TransactWriteItem{Delete: &types.Delete{TableName: aws.String(st.Table),
		Key: postKey(p.TenantID, p.ThreadID, p.ID), ConditionExpression: aws.String("version = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": n(p.Version)}}}, tw)
}

// GetPost reads a post of thread th.
func (st Store) GetPost(ctx context.Context, t, th, id string) (Post, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: postKey(t, th, id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Post{}, fmt.Errorf("forum: get post: %w", err)
	}
	if out.Item == nil {
		return Post{}, ErrNotFound
	}
	var p Post
	err = attributevalue.UnmarshalMap(out.Item, &p)
	return p, err
}

// DeleteThread deletes a thread still at its version, then its posts.
func (st Store) DeleteThread(ctx context.Context, th Thread) error {
	_, err := st.DB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(st.Table), Key: threadKey(th.TenantID, th.ForumID, th.ID),
		ConditionExpression: aws.String("version = :v"), ExpressionAttributeValues: map[string]types.AttributeValue{":v": n(th.Version)}})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("forum: delete thread: %w", err)
	}
	pk := threadPK(th.TenantID, th.ID)
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), KeyConditionExpression: aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}, ProjectionExpression: aws.String("PK, SK")}
	for {
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return fmt.Errorf("forum: delete posts: %w", err)
		}
		for i := 0; i < len(out.Items); i += 25 {
			var reqs []types.WriteRequest
			for _, k := range out.Items[i:min(i+25, len(out.Items))] {
				reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: k}})
			}
			for len(reqs) > 0 {
				res, err := st.DB.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{st.Table: reqs}})
				if err != nil {
					return fmt.Errorf("forum: delete posts: %w", err)
				}
				reqs = res.UnprocessedItems[st.Table]
			}
		}
		if out.LastEvaluatedKey == nil {
			return nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// Threads lists a forum's threads newest first, or by latest activity;
// visibleOnly leaves hidden threads out.
func (st Store) Threads(ctx context.Context, t, f string, byActivity, visibleOnly bool, limit int32, cursor string) (Page[Thread], error) {
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), ScanIndexForward: aws.Bool(false)}
	attr, pk := "PK", forumPK(t, f)
	vals := map[string]types.AttributeValue{":pk": s(pk)}
	if byActivity {
		attr, pk = "GSI1PK", forumPK(t, f)+"#ACTIVITY"
		in.IndexName = aws.String("GSI1")
		in.KeyConditionExpression = aws.String("GSI1PK = :pk")
		vals[":pk"] = s(pk)
	} else {
		in.KeyConditionExpression = aws.String("PK = :pk AND begins_with(SK, :th)")
		vals[":th"] = s("THREAD#")
	}
	if visibleOnly {
		in.FilterExpression = aws.String("#hidden = :no")
		in.ExpressionAttributeNames = map[string]string{"#hidden": "hidden"}
		vals[":no"] = &types.AttributeValueMemberBOOL{Value: false}
	}
	in.ExpressionAttributeValues = vals
	return pagecursor.Query[Thread](ctx, st.DB, in, attr, pk, limit, cursor)
}

// Pinned lists a forum's pinned threads, newest first (at most 50).
func (st Store) Pinned(ctx context.Context, t, f string) ([]Thread, error) {
	pk := forumPK(t, f) + "#PINNED"
	page, err := pagecursor.Query[Thread](ctx, st.DB, &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI2"),
		KeyConditionExpression: aws.String("GSI2PK = :pk"), ScanIndexForward: aws.Bool(false),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}}, "GSI2PK", pk, 50, "")
	return page.Items, err
}

// Posts lists a thread's posts, oldest first.
func (st Store) Posts(ctx context.Context, t, th string, limit int32, cursor string) (Page[Post], error) {
	pk := threadPK(t, th)
	return pagecursor.Query[Post](ctx, st.DB, &dynamodb.QueryInput{TableName: aws.String(st.Table),
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :p)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk), ":p": s("POST#")}}, "PK", pk, limit, cursor)
}

// Waiting lists the help desk threads waiting for staff, oldest first.
func (st Store) Waiting(ctx context.Context, t string, limit int32, cursor string) (Page[Thread], error) {
	pk := waitingPK(t)
	return pagecursor.Query[Thread](ctx, st.DB, &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI3"),
		KeyConditionExpression:    aws.String("GSI3PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}}, "GSI3PK", pk, limit, cursor)
}

// AskedSince lists forum f's threads created at or after since (thread ids
// are ULIDs, so the range is on the sort key).
func (st Store) AskedSince(ctx context.Context, t, f string, since time.Time) ([]Thread, error) {
	var lower ulid.ULID
	if err := lower.SetTime(ulid.Timestamp(since)); err != nil {
		return nil, err
	}
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), KeyConditionExpression: aws.String("PK = :pk AND SK BETWEEN :a AND :b"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(forumPK(t, f)), ":a": s("THREAD#" + lower.String()), ":b": s("THREAD#~")}}
	var out []Thread
	for {
		res, err := st.DB.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("forum: threads since: %w", err)
		}
		for _, raw := range res.Items {
			var th Thread
			if err := attributevalue.UnmarshalMap(raw, &th); err != nil {
				return nil, err
			}
			out = append(out, th)
		}
		if res.LastEvaluatedKey == nil {
			return out, nil
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
}

// Count counts a forum's threads (visibleOnly: not hidden ones).
func (st Store) Count(ctx context.Context, t, f string, visibleOnly bool) (int, error) {
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), Select: types.SelectCount,
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :th)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(forumPK(t, f)), ":th": s("THREAD#")}}
	if visibleOnly {
		in.FilterExpression = aws.String("#hidden = :no")
		in.ExpressionAttributeNames = map[string]string{"#hidden": "hidden"}
		in.ExpressionAttributeValues[":no"] = &types.AttributeValueMemberBOOL{Value: false}
	}
	total := 0
	for {
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return 0, fmt.Errorf("forum: count: %w", err)
		}
		total += int(out.Count)
		if out.LastEvaluatedKey == nil {
			return total, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// MarkRead records that user u saw thread th as of at.
func (st Store) MarkRead(ctx context.Context, t, u, th string, at time.Time) error {
	_, err := st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: map[string]types.AttributeValue{
		"PK": s(readPK(t, u)), "SK": s("THREAD#" + th), "type": s("forumread"), "readAt": s(sortTime(at))}})
	if err != nil {
		return fmt.Errorf("forum: mark read: %w", err)
	}
	return nil
}

// ReadAt returns when user u last read each of the threads (absent: never).
func (st Store) ReadAt(ctx context.Context, t, u string, threads []string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	seen := map[string]bool{}
	var keys []map[string]types.AttributeValue
	for _, th := range threads {
		if !seen[th] {
			seen[th] = true
			keys = append(keys, map[string]types.AttributeValue{"PK": s(readPK(t, u)), "SK": s("THREAD#" + th)})
		}
	}
	err := batchread.Each(ctx, st.DB, st.Table, keys, batchread.Options{}, func(it batchread.Key) error {
		var m struct {
			SK     string `dynamodbav:"SK"`
			ReadAt string `dynamodbav:"readAt"`
		}
		if err := attributevalue.UnmarshalMap(it, &m); err != nil {
			return err
		}
		if at, err := time.Parse("2006-01-02T15:04:05.000Z", m.ReadAt); err == nil {
			out[m.SK[len("THREAD#"):]] = at
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("forum: read markers: %w", err)
	}
	return out, nil
}

// Unread reports whether activity on th happened after the reader's read
// time (a thread never opened is unread).
func Unread(th Thread, readAt time.Time, known bool) bool {
	return !known || sortTime(th.LastActivityAt) > sortTime(readAt)
}

// AddReport records a report, once per post and reporter (ErrReported).
func (st Store) AddReport(ctx context.Context, r Report) error {
	it, err := attributevalue.MarshalMap(r)
	if err != nil {
		return err
	}
	it["PK"], it["SK"] = s("TENANT#"+r.TenantID+"#FORUMREPORT#"+r.PostID), s("USER#"+r.ReporterID)
	it["GSI1PK"], it["GSI1SK"] = s(reportsPK(r.TenantID)), s(sortTime(r.CreatedAt)+"#"+r.PostID+"#"+r.ReporterID)
	it["type"] = s("forumreport")
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrReported
	}
	if err != nil {
		return fmt.Errorf("forum: report: %w", err)
	}
	return nil
}

// Reports lists a tenant's reports, newest first.
func (st Store) Reports(ctx context.Context, t string, limit int32, cursor string) (Page[Report], error) {
	pk := reportsPK(t)
	return pagecursor.Query[Report](ctx, st.DB, &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI1"),
		KeyConditionExpression: aws.String("GSI1PK = :pk"), ScanIndexForward: aws.Bool(false),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}}, "GSI1PK", pk, limit, cursor)
}
