package course

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/pagecursor"
	"lms/shared/tenancy"
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
	BatchWriteItem(context.Context, *dynamodb.BatchWriteItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
}

// Store reads and writes courses.
type Store struct {
	DB    DynamoDB
	Table string
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

func coursePK(tenantID, courseID string) string { return "TENANT#" + tenantID + "#COURSE#" + courseID }
func catalogPK(tenantID string) string          { return "TENANT#" + tenantID + "#COURSES" }
func codePK(tenantID, code string) string {
	return "TENANT#" + tenantID + "#COURSECODE#" + strings.ToUpper(code)
}

const (
	courseSK  = "COURSE"
	sectionSK = "SECTION#"
	itemSK    = "ITEM#"
)

func courseItem(c Course) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(c)
	if err != nil {
		return nil, err
	}
	it["PK"], it["SK"], it["type"] = s(coursePK(c.TenantID, c.ID)), s(courseSK), s("course")
	// GSI1 lists a tenant's courses by title.
	it["GSI1PK"], it["GSI1SK"] = s(catalogPK(c.TenantID)), s(tenancy.SearchKey(c.Title)+"#"+c.ID)
	return it, nil
}

func codeItem(c Course) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(codePK(c.TenantID, c.Code)), "SK": s("CODE"), "courseId": s(c.ID), "type": s("course-code")}
}

func sectionItem(x Section) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(x)
	if err != nil {
		return nil, err
	}
	it["PK"], it["SK"], it["type"] = s(coursePK(x.TenantID, x.CourseID)), s(sectionSK+x.ID), s("section")
	return it, nil
}

func itemItem(x Item) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(x)
	if err != nil {
		return nil, err
	}
	it["PK"], it["SK"], it["type"] = s(coursePK(x.TenantID, x.CourseID)), s(itemSK+x.ID), s("item")
	return it, nil
}

func key(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(pk), "SK": s(sk)}
}

// write is one element of a transaction.
type write = types.TransactWriteItem

func (st Store) put(it map[string]types.AttributeValue, cond string, values map[string]types.AttributeValue) write {
	p := &types.Put{TableName: aws.String(st.Table), Item: it}
	if cond != "" {
		p.ConditionExpression = aws.String(cond)
	}
	if len(values) > 0 {
		p.ExpressionAttributeValues = values
	}
	return write{Put: p}
}

func (st Store) del(k map[string]types.AttributeValue, cond string) write {
	d := &types.Delete{TableName: aws.String(st.Table), Key: k}
	if cond != "" {
		d.ConditionExpression = aws.String(cond)
	}
	return write{Delete: d}
}

// putCourse writes the course record if its stored version is c.Version-1
// (or, for version 1, if it does not exist yet).
func (st Store) putCourse(c Course) (write, error) {
	it, err := courseItem(c)
	if err != nil {
		return write{}, err
	}
	if c.Version <= 1 {
		return st.put(it, "attribute_not_exists(PK)", nil), nil
	}
	return st.put(it, "version = :v", map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: fmt.Sprint(c.Version - 1)}}), nil
}

// transact runs writes; a failed condition on the code item is ErrExists,
// any other failed condition ErrConflict.
func (st Store) transact(ctx context.Context, codeIndex int, ws ...write) error {
	_, err := st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: ws})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) {
		for i, r := range cancelled.CancellationReasons {
			if aws.ToString(r.Code) == "ConditionalCheckFailed" {
				if i == codeIndex {
					return ErrExists
				}
				return ErrConflict
			}
		}
	}
	if err != nil {
		return fmt.Errorf("course: write: %w", err)
	}
	return nil
}

// CreateCourse writes a new course and claims its code in the tenant.
func (st Store) CreateCourse(ctx context.Context, c Course) error {
	cw, err := st.putCourse(c)
	if err != nil {
		return err
	}
	return st.transact(ctx, 1, cw, st.put(codeItem(c), "attribute_not_exists(PK)", nil))
}

// UpdateCourse writes the course's new version, moving its code claim when
// the code changed.
func (st Store) UpdateCourse(ctx context.Context, c Course, oldCode string) error {
	cw, err := st.putCourse(c)
	if err != nil {
		return err
	}
	if strings.EqualFold(oldCode, c.Code) {
		return st.transact(ctx, -1, cw)
	}
	old := c
	old.Code = oldCode
	return st.transact(ctx, 1, cw, st.put(codeItem(c), "attribute_not_exists(PK)", nil),
		st.del(key(codePK(old.TenantID, old.Code), "CODE"), ""))
}

// GetCourse reads a course record.
func (st Store) GetCourse(ctx context.Context, tenantID, courseID string) (Course, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table),
		Key: key(coursePK(tenantID, courseID), courseSK), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Course{}, fmt.Errorf("course: get: %w", err)
	}
	if out.Item == nil {
		return Course{}, ErrNotFound
	}
	var c Course
	return c, attributevalue.UnmarshalMap(out.Item, &c)
}

// Outline reads the course, its sections and items in one Query (more
// only past 1 MB) and arranges them in order.
func (st Store) Outline(ctx context.Context, tenantID, courseID string) (Outline, error) {
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), ConsistentRead: aws.Bool(true),
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(coursePK(tenantID, courseID))}}
	var c *Course
	var sections []Section
	var items []Item
	for {
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return Outline{}, fmt.Errorf("course: outline: %w", err)
		}
		for _, raw := range out.Items {
			sk := raw["SK"].(*types.AttributeValueMemberS).Value
			switch {
			case sk == courseSK:
				c = new(Course)
				err = attributevalue.UnmarshalMap(raw, c)
			case strings.HasPrefix(sk, sectionSK):
				var x Section
				err = attributevalue.UnmarshalMap(raw, &x)
				sections = append(sections, x)
			case strings.HasPrefix(sk, itemSK):
				var x Item
				err = attributevalue.UnmarshalMap(raw, &x)
				items = append(items, x)
			}
			if err != nil {
				return Outline{}, err
			}
		}
		if out.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
	if c == nil {
		return Outline{}, ErrNotFound
	}
	return Arrange(*c, sections, items), nil
}

// SaveSection writes a new or changed section with the course's new
// version (its order), atomically.
func (st Store) SaveSection(ctx context.Context, c Course, x Section) error {
	cw, err := st.putCourse(c)
	if err != nil {
		return err
	}
	it, err := sectionItem(x)
	if err != nil {
		return err
	}
	return st.transact(ctx, -1, cw, st.put(it, "", nil))
}

// SaveItem writes a new or changed item with the course's new version.
func (st Store) SaveItem(ctx context.Context, c Course, x Item) error {
	cw, err := st.putCourse(c)
	if err != nil {
		return err
	}
	it, err := itemItem(x)
	if err != nil {
		return err
	}
	return st.transact(ctx, -1, cw, st.put(it, "", nil))
}

// Remove deletes sections and items with the course's new version. One
// transaction holds at most 100 writes.
func (st Store) Remove(ctx context.Context, c Course, sectionIDs, itemIDs []string) error {
	if 1+len(sectionIDs)+len(itemIDs) > 100 {
		return ErrTooLarge
	}
	cw, err := st.putCourse(c)
	if err != nil {
		return err
	}
	ws := []write{cw}
	pk := coursePK(c.TenantID, c.ID)
	for _, id := range sectionIDs {
		ws = append(ws, st.del(key(pk, sectionSK+id), ""))
	}
	for _, id := range itemIDs {
		ws = append(ws, st.del(key(pk, itemSK+id), ""))
	}
	return st.transact(ctx, -1, ws...)
}

// ErrTooLarge marks a change that does not fit one transaction.
var ErrTooLarge = errors.New("course: too many items for one change")

// SaveOrder writes the course's new order (one conditional write).
func (st Store) SaveOrder(ctx context.Context, c Course) error {
	cw, err := st.putCourse(c)
	if err != nil {
		return err
	}
	return st.transact(ctx, -1, cw)
}

// DeleteCourse removes a course that was never published, with its
// structure and its code claim.
func (st Store) DeleteCourse(ctx context.Context, o Outline) error {
	c := o.Course
	pk := coursePK(c.TenantID, c.ID)
	var keys []map[string]types.AttributeValue
	for _, sec := range o.Sections {
		keys = append(keys, key(pk, sectionSK+sec.ID))
		for _, it := range sec.Items {
			keys = append(keys, key(pk, itemSK+it.ID))
		}
	}
	// The course record goes first, conditionally, so a concurrent change
	// or publication stops the deletion; the structure follows.
	guard := st.del(key(pk, courseSK), "version = :v AND everPublished = :f")
	guard.Delete.ExpressionAttributeValues = map[string]types.AttributeValue{
		":v": &types.AttributeValueMemberN{Value: fmt.Sprint(c.Version)}, ":f": &types.AttributeValueMemberBOOL{Value: false}}
	err := st.transact(ctx, -1, guard, st.del(key(codePK(c.TenantID, c.Code), "CODE"), ""))
	if err != nil {
		return err
	}
	return st.batchWrite(ctx, keys, nil)
}

// Duplicate writes a copy's structure first and its course record last, so
// the copy appears only when complete. A taken code is found before any
// write; if the course record still fails, the structure is removed again.
func (st Store) Duplicate(ctx context.Context, c Course, sections []Section, items []Item) error {
	claim, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: key(codePK(c.TenantID, c.Code), "CODE")})
	if err != nil {
		return fmt.Errorf("course: code claim: %w", err)
	}
	if claim.Item != nil {
		return ErrExists
	}
	var puts, keys []map[string]types.AttributeValue
	for _, x := range sections {
		it, err := sectionItem(x)
		if err != nil {
			return err
		}
		puts = append(puts, it)
	}
	for _, x := range items {
		it, err := itemItem(x)
		if err != nil {
			return err
		}
		puts = append(puts, it)
	}
	for _, it := range puts {
		keys = append(keys, map[string]types.AttributeValue{"PK": it["PK"], "SK": it["SK"]})
	}
	if err := st.batchWrite(ctx, nil, puts); err != nil {
		return err
	}
	if err := st.CreateCourse(ctx, c); err != nil {
		if cleanup := st.batchWrite(ctx, keys, nil); cleanup != nil {
			return errors.Join(err, cleanup)
		}
		return err
	}
	return nil
}

func (st Store) batchWrite(ctx context.Context, deletes, puts []map[string]types.AttributeValue) error {
	var reqs []types.WriteRequest
	for _, k := range deletes {
		reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: k}})
	}
	for _, it := range puts {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
	}
	for len(reqs) > 0 {
		n := min(25, len(reqs))
		batch := map[string][]types.WriteRequest{st.Table: reqs[:n]}
		reqs = reqs[n:]
		for tries := 0; len(batch) > 0; tries++ {
			if tries == 8 {
				return errors.New("course: batch write left items unprocessed")
			}
			out, err := st.DB.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: batch})
			if err != nil {
				return fmt.Errorf("course: batch write: %w", err)
			}
			batch = out.UnprocessedItems
		}
	}
	return nil
}

// Filter narrows a course list.
type Filter struct {
	Query  string // title prefix
	Status Status
	// VisibleTo limits the list to courses an instructor may see: the ones
	// they teach and the published ones. Empty for admins.
	VisibleTo string
}

// Page is a page of courses.
type Page struct {
	Items      []Course `json:"items"`
	NextCursor string   `json:"nextCursor,omitempty"`
}

// List lists a tenant's courses by title.
func (st Store) List(ctx context.Context, tenantID string, f Filter, limit int32, cursor string) (Page, error) {
	if limit <= 0 || limit > 100 {
		limit = 25
	}
	pk := catalogPK(tenantID)
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI1"),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)},
		ExpressionAttributeNames:  map[string]string{}}
	if q := tenancy.SearchKey(f.Query); q != "" { // begins_with refuses an empty prefix
		in.KeyConditionExpression = aws.String("GSI1PK = :pk AND begins_with(GSI1SK, :q)")
		in.ExpressionAttributeValues[":q"] = s(q)
	}
	var filters []string
	if f.Status != "" {
		filters = append(filters, "#status = :status")
		in.ExpressionAttributeNames["#status"] = "status"
		in.ExpressionAttributeValues[":status"] = s(string(f.Status))
	}
	if f.VisibleTo != "" {
		filters = append(filters, "(contains(instructorIds, :me) OR #st2 = :published)")
		in.ExpressionAttributeNames["#st2"] = "status"
		in.ExpressionAttributeValues[":me"] = s(f.VisibleTo)
		in.ExpressionAttributeValues[":published"] = s(string(StatusPublished))
	}
	if len(filters) > 0 {
		in.FilterExpression = aws.String(strings.Join(filters, " AND "))
	} else {
		in.ExpressionAttributeNames = nil
	}
	if cursor != "" {
		start, err := pagecursor.Decode(cursor, "GSI1PK", pk)
		if err != nil {
			return Page{}, ErrBadCursor
		}
		in.ExclusiveStartKey = start
	}
	page := Page{Items: []Course{}}
	for reads := 0; reads < 10; reads++ {
		in.Limit = aws.Int32(limit - int32(len(page.Items)))
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return Page{}, fmt.Errorf("course: list: %w", err)
		}
		for _, raw := range out.Items {
			var c Course
			if err := attributevalue.UnmarshalMap(raw, &c); err != nil {
				return Page{}, err
			}
			page.Items = append(page.Items, c)
		}
		if out.LastEvaluatedKey == nil {
			return page, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
		if int32(len(page.Items)) >= limit {
			break
		}
	}
	page.NextCursor = pagecursor.Encode(in.ExclusiveStartKey)
	return page, nil
}

// ErrBadCursor marks a malformed cursor or one from another list.
var ErrBadCursor = pagecursor.ErrBad

// SetMaterialStatus records the processing status of the upload an item
// refers to, if the item still refers to it. It bumps the course's version
// in the same transaction, so an editor holding the outline from before
// cannot write the old status back (their save conflicts instead).
// ErrNotFound means the item is gone or now refers to another upload.
func (st Store) SetMaterialStatus(ctx context.Context, tenantID, courseID, itemID, uploadID string, status MaterialStatus, at time.Time) error {
	return st.material(ctx, tenantID, courseID, itemID, uploadID, status, at, false)
}

// AttachUpload makes an item refer to a new upload, whose material is
// uploading, the same way.
func (st Store) AttachUpload(ctx context.Context, tenantID, courseID, itemID, uploadID string, at time.Time) error {
	return st.material(ctx, tenantID, courseID, itemID, uploadID, MaterialUploading, at, true)
}

func (st Store) material(ctx context.Context, tenantID, courseID, itemID, uploadID string, status MaterialStatus, at time.Time, attach bool) error {
	pk := coursePK(tenantID, courseID)
	set, cond := "SET materialStatus = :status", "uploadId = :u"
	if attach {
		set, cond = "SET materialStatus = :status, uploadId = :u", "attribute_exists(PK)"
	}
	_, err := st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Update: &types.Update{TableName: aws.String(st.Table), Key: key(pk, courseSK),
			UpdateExpression:          aws.String("SET version = version + :one, updatedAt = :at"),
			ConditionExpression:       aws.String("attribute_exists(PK)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}, ":at": s(at.UTC().Format(time.RFC3339Nano))}}},
		{Update: &types.Update{TableName: aws.String(st.Table), Key: key(pk, itemSK+itemID),
			UpdateExpression:          aws.String(set),
			ConditionExpression:       aws.String(cond),
			ExpressionAttributeValues: map[string]types.AttributeValue{":status": s(string(status)), ":u": s(uploadID)}}},
	}})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("course: material status: %w", err)
	}
	return nil
}
