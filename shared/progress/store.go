package progress

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/batchread"
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
}

// Store reads and writes progress. A learner's progress in a tenant is one
// partition, TENANT#{t}#LEARNER#{u}: per course a summary (LEARNING#{c})
// followed by its items (LEARNING#{c}#ITEM#{i}), so a course's state for a
// learner is one Query.
type Store struct {
	DB    DynamoDB
	Table string
}

// ErrConflict means another report changed the same records first.
var ErrConflict = errors.New("progress: conflict")

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

func learnerPK(t, u string) string { return "TENANT#" + t + "#LEARNER#" + u }

// dropNulls removes the NULL attributes the marshaller writes for nil
// slices and maps: updates that append to a list or set a map entry
// (list_append(if_not_exists(...)), itemSeconds.#i) fail on a NULL where
// they work on a missing attribute.
func dropNulls(it map[string]types.AttributeValue) {
	for k, v := range it {
		if _, null := v.(*types.AttributeValueMemberNULL); null {
			delete(it, k)
		}
	}
}

func learningItem(l Learning) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(l)
	if err != nil {
		return nil, err
	}
	dropNulls(it)
	it["PK"], it["SK"], it["type"] = s(learnerPK(l.TenantID, l.UserID)), s("LEARNING#"+l.CourseID), s("learning")
	// GSI1: a course's learners (monitoring); GSI3: a learner's courses (my learning).
	it["GSI1PK"], it["GSI1SK"] = s("TENANT#"+l.TenantID+"#COURSE#"+l.CourseID+"#LEARNERS"), s(l.UserID)
	it["GSI3PK"], it["GSI3SK"] = s(learnerPK(l.TenantID, l.UserID)+"#COURSES"), s(l.CourseID)
	return it, nil
}

func progressItem(x Item) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(x)
	if err != nil {
		return nil, err
	}
	dropNulls(it)
	it["PK"], it["SK"], it["type"] = s(learnerPK(x.TenantID, x.UserID)), s("LEARNING#"+x.CourseID+"#ITEM#"+x.ItemID), s("item-progress")
	// GSI2: every learner's progress on a course's items (monitoring).
	it["GSI2PK"], it["GSI2SK"] = s("TENANT#"+x.TenantID+"#COURSE#"+x.CourseID+"#PROGRESS"), s(x.UserID+"#"+x.ItemID)
	return it, nil
}

func versionCond(v int) (string, map[string]types.AttributeValue) {
	if v <= 1 {
		return "attribute_not_exists(PK)", nil
	}
	return "version = :v", map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: fmt.Sprint(v - 1)}}
}

// Grant gives a learner access to a course on behalf of a source (a batch
// enrollment). Repeating it changes nothing; access stays after the batch
// ends, as the institutions require.
func (st Store) Grant(ctx context.Context, l Learning, source string) error {
	for attempt := 0; attempt < 5; attempt++ {
		cur, found, err := st.learning(ctx, l.TenantID, l.UserID, l.CourseID)
		if err != nil {
			return err
		}
		next := l
		if found {
			if slices.Contains(cur.Sources, source) {
				return nil
			}
			next = cur
			next.CourseTitle, next.CourseCode, next.JP = l.CourseTitle, l.CourseCode, l.JP
		}
		next.Sources = append(append([]string{}, next.Sources...), source)
		next.Version = cur.Version + 1
		if next.CompletedItems == nil {
			next.CompletedItems = []string{}
		}
		it, err := learningItem(next)
		if err != nil {
			return err
		}
		cond, vals := versionCond(next.Version)
		_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
			ConditionExpression: aws.String(cond), ExpressionAttributeValues: vals})
		var failed *types.ConditionalCheckFailedException
		if errors.As(err, &failed) {
			continue
		}
		if err != nil {
			return fmt.Errorf("progress: grant: %w", err)
		}
		return nil
	}
	return ErrConflict
}

func (st Store) learning(ctx context.Context, t, u, c string) (Learning, bool, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"PK": s(learnerPK(t, u)), "SK": s("LEARNING#" + c)}})
	if err != nil {
		return Learning{}, false, fmt.Errorf("progress: get: %w", err)
	}
	if out.Item == nil {
		return Learning{}, false, nil
	}
	var l Learning
	return l, true, attributevalue.UnmarshalMap(out.Item, &l)
}

// CourseState reads a learner's summary and item progress for one course
// in one Query; found is false when the learner has no access.
func (st Store) CourseState(ctx context.Context, t, u, c string) (l Learning, items map[string]Item, found bool, err error) {
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), ConsistentRead: aws.Bool(true),
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(learnerPK(t, u)), ":sk": s("LEARNING#" + c)}}
	items = map[string]Item{}
	for {
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return l, nil, false, fmt.Errorf("progress: state: %w", err)
		}
		for _, raw := range out.Items {
			sk := raw["SK"].(*types.AttributeValueMemberS).Value
			switch {
			case sk == "LEARNING#"+c:
				found = true
				err = attributevalue.UnmarshalMap(raw, &l)
			case strings.HasPrefix(sk, "LEARNING#"+c+"#ITEM#"):
				var x Item
				err = attributevalue.UnmarshalMap(raw, &x)
				items[x.ItemID] = x
			}
			if err != nil {
				return l, nil, false, err
			}
		}
		if out.LastEvaluatedKey == nil {
			return l, items, found, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// Save writes an item's new state and the summary Apply made, each only if
// nobody changed it since it was read (ErrConflict otherwise). Most
// reports only add time (a video playing, a page read again): when the
// summary changes in nothing but its time, last item and last access,
// two single writes do (see saveTime); anything else (an item completed,
// the course's required items or title changed) is one transaction of
// both records.
func (st Store) Save(ctx context.Context, l Learning, x Item) error {
	if r := l.read; r != nil && r.ItemSeconds != nil && l.ItemSeconds != nil && timeOnly(*r, l) {
		return st.saveTime(ctx, *r, l, x)
	}
	li, err := learningItem(l)
	if err != nil {
		return err
	}
	pi, err := progressItem(x)
	if err != nil {
		return err
	}
	lc, lv := versionCond(l.Version)
	pc, pv := versionCond(x.Version)
	_, err = st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(st.Table), Item: li, ConditionExpression: aws.String(lc), ExpressionAttributeValues: lv}},
		{Put: &types.Put{TableName: aws.String(st.Table), Item: pi, ConditionExpression: aws.String(pc), ExpressionAttributeValues: pv}},
	}})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) {
		for _, r := range cancelled.CancellationReasons {
			if c := aws.ToString(r.Code); c == "ConditionalCheckFailed" || c == "TransactionConflict" {
				return ErrConflict
			}
		}
	}
	if err != nil {
		return fmt.Errorf("progress: save: %w", err)
	}
	return nil
}

// timeOnly reports whether next differs from read in nothing but what a
// report adding time changes: the time counts, the last item and access,
// and the version. Any other difference, including a field added later,
// takes the transactional path.
func timeOnly(read, next Learning) bool {
	a, b := read, next
	for _, l := range []*Learning{&a, &b} {
		l.TimeSpent, l.ItemSeconds, l.LastItemID, l.LastAccessAt, l.Version, l.read = 0, nil, "", time.Time{}, 0, nil
	}
	return reflect.DeepEqual(a, b)
}

// saveTime writes a report that adds time only: the item under its
// version, then, on the summary, this item's count, the total (by the
// difference) and the last item and access, conditioned on the count the
// summary held for this item when read; it bumps the summary's version so
// a transactional write that read it before retries. Two single writes
// cost half the write units of a two-item transaction and do not queue
// behind other transactions. Reports on other items of the course touch
// other counts and do not conflict. If the process dies between the two
// writes, the summary is short of this item's latest time until the next
// report on the item, which counts the whole difference: time is never
// counted twice nor lost for good. ErrConflict when either write lost a
// race (the caller re-reads and merges again; repeating the item write is
// harmless).
func (st Store) saveTime(ctx context.Context, read, l Learning, x Item) error {
	pi, err := progressItem(x)
	if err != nil {
		return err
	}
	pc, pv := versionCond(x.Version)
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: pi,
		ConditionExpression: aws.String(pc), ExpressionAttributeValues: pv})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("progress: save item: %w", err)
	}
	n := func(v int) types.AttributeValue { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }
	counted, had := read.ItemSeconds[x.ItemID]
	secs := l.ItemSeconds[x.ItemID]
	names := map[string]string{"#secs": "itemSeconds", "#item": x.ItemID, "#time": "timeSpentSeconds", "#lastItem": "lastItemId", "#version": "version"}
	vals := map[string]types.AttributeValue{":secs": n(secs), ":delta": n(secs - counted), ":zero": n(0), ":one": n(1),
		":item": s(x.ItemID), ":map": s("M")}
	expr := "SET #secs.#item = :secs, #time = if_not_exists(#time, :zero) + :delta, #lastItem = :item, #version = #version + :one"
	if !l.LastAccessAt.IsZero() {
		at, err := attributevalue.Marshal(l.LastAccessAt)
		if err != nil {
			return err
		}
		names["#lastAt"], vals[":at"] = "lastAccessAt", at
		expr += ", #lastAt = :at"
	}
	cond := "attribute_type(#secs, :map) AND "
	if had {
		cond += "#secs.#item = :counted"
		vals[":counted"] = n(counted)
	} else {
		cond += "attribute_not_exists(#secs.#item)"
	}
	_, err = st.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(st.Table),
		Key:              map[string]types.AttributeValue{"PK": s(learnerPK(l.TenantID, l.UserID)), "SK": s("LEARNING#" + l.CourseID)},
		UpdateExpression: aws.String(expr), ConditionExpression: aws.String(cond),
		ExpressionAttributeNames: names, ExpressionAttributeValues: vals})
	if errors.As(err, &failed) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("progress: save summary time: %w", err)
	}
	return nil
}

// MyLearning lists a learner's courses with their summaries (one Query).
func (st Store) MyLearning(ctx context.Context, t, u string) ([]Learning, error) {
	return queryAll[Learning](ctx, st, &dynamodb.QueryInput{IndexName: aws.String("GSI3"),
		KeyConditionExpression:    aws.String("GSI3PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(learnerPK(t, u) + "#COURSES")}})
}

// CourseLearners lists the summaries of every learner of a course.
func (st Store) CourseLearners(ctx context.Context, t, c string) ([]Learning, error) {
	return queryAll[Learning](ctx, st, &dynamodb.QueryInput{IndexName: aws.String("GSI1"),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s("TENANT#" + t + "#COURSE#" + c + "#LEARNERS")}})
}

// CourseItems lists every learner's progress on a course's items.
func (st Store) CourseItems(ctx context.Context, t, c string) ([]Item, error) {
	return queryAll[Item](ctx, st, &dynamodb.QueryInput{IndexName: aws.String("GSI2"),
		KeyConditionExpression:    aws.String("GSI2PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s("TENANT#" + t + "#COURSE#" + c + "#PROGRESS")}})
}

// queryAll reads every page (bounded: monitoring of very large courses
// should page; 50 pages of 1 MB are far beyond a batch's size).
func queryAll[T any](ctx context.Context, st Store, in *dynamodb.QueryInput) ([]T, error) {
	in.TableName = aws.String(st.Table)
	out := []T{}
	for page := 0; page < 50; page++ {
		res, err := st.DB.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("progress: query: %w", err)
		}
		for _, raw := range res.Items {
			var v T
			if err := attributevalue.UnmarshalMap(raw, &v); err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		if res.LastEvaluatedKey == nil {
			return out, nil
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
	return nil, errors.New("progress: result too large")
}

// Summaries reads a learner's summaries of several courses in one request
// (course id -> percent complete; absent when never granted).
func (st Store) Summaries(ctx context.Context, t, u string, courseIDs []string) (map[string]int, error) {
	out := map[string]int{}
	if len(courseIDs) == 0 {
		return out, nil
	}
	keys := make([]map[string]types.AttributeValue, 0, len(courseIDs))
	for _, c := range courseIDs {
		keys = append(keys, map[string]types.AttributeValue{"PK": s(learnerPK(t, u)), "SK": s("LEARNING#" + c)})
	}
	res, err := st.DB.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
		st.Table: {Keys: keys, ConsistentRead: aws.Bool(true)}}})
	if err != nil {
		return nil, fmt.Errorf("progress: summaries: %w", err)
	}
	if len(res.UnprocessedKeys) > 0 {
		return nil, errors.New("progress: summaries left keys unprocessed")
	}
	for _, raw := range res.Responses[st.Table] {
		var l Learning
		if err := attributevalue.UnmarshalMap(raw, &l); err != nil {
			return nil, err
		}
		out[l.CourseID] = l.Percent
	}
	return out, nil
}

// SummariesOf reads the summaries of many learners for a set of courses
// (user id -> course id -> summary), 100 keys per request, retrying keys
// DynamoDB leaves unprocessed.
func (st Store) SummariesOf(ctx context.Context, t string, userIDs, courseIDs []string) (map[string]map[string]Learning, error) {
	var keys []map[string]types.AttributeValue
	for _, u := range userIDs {
		for _, c := range courseIDs {
			keys = append(keys, map[string]types.AttributeValue{"PK": s(learnerPK(t, u)), "SK": s("LEARNING#" + c)})
		}
	}
	out := map[string]map[string]Learning{}
	err := batchread.Each(ctx, st.DB, st.Table, keys, batchread.Options{Consistent: true}, func(raw batchread.Key) error {
		var l Learning
		if err := attributevalue.UnmarshalMap(raw, &l); err != nil {
			return err
		}
		if out[l.UserID] == nil {
			out[l.UserID] = map[string]Learning{}
		}
		out[l.UserID][l.CourseID] = l
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("progress: summaries: %w", err)
	}
	return out, nil
}
