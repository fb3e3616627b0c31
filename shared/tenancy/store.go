package tenancy

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/batchread"
	"lms/shared/pagecursor"
)

// DynamoDB is the part of the DynamoDB client the store uses, so tests can
// count requests.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// Store reads and writes the tenancy items of one table.
type Store struct {
	DB    DynamoDB
	Table string
}

// Page is one page of a list and the cursor of the next (empty at the end).
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"nextCursor,omitempty"`
}

func item(v any, keys map[string]types.AttributeValue) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(v)
	if err != nil {
		return nil, err
	}
	for k, val := range keys {
		it[k] = val
	}
	return it, nil
}

func (st Store) put(it map[string]types.AttributeValue, cond string, values map[string]types.AttributeValue) *types.TransactWriteItem {
	p := &types.Put{TableName: aws.String(st.Table), Item: it}
	if cond != "" {
		p.ConditionExpression = aws.String(cond)
	}
	if len(values) > 0 {
		p.ExpressionAttributeValues = values
	}
	return &types.TransactWriteItem{Put: p}
}

func (st Store) auditPut(a *AuditEntry) (*types.TransactWriteItem, error) {
	it, err := item(a, auditKeys(*a))
	if err != nil {
		return nil, err
	}
	return st.put(it, "attribute_not_exists(PK)", nil), nil
}

// transact runs the writes, adding the audit entry when given, and maps a
// failed condition to ErrConflict (or ErrExists when create is true).
func (st Store) transact(ctx context.Context, audit *AuditEntry, create bool, writes ...*types.TransactWriteItem) error {
	if audit != nil {
		w, err := st.auditPut(audit)
		if err != nil {
			return err
		}
		writes = append(writes, w)
	}
	items := make([]types.TransactWriteItem, len(writes))
	for i, w := range writes {
		items[i] = *w
	}
	_, err := st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	var cancelled *types.TransactionCanceledException
	if errors.As(err, &cancelled) {
		for _, r := range cancelled.CancellationReasons {
			if aws.ToString(r.Code) == "ConditionalCheckFailed" {
				if create {
					return ErrExists
				}
				return ErrConflict
			}
		}
	}
	if err != nil {
		return fmt.Errorf("tenancy: write: %w", err)
	}
	return nil
}

func (st Store) get(ctx context.Context, key map[string]types.AttributeValue, dst any) error {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: key, ConsistentRead: aws.Bool(true)})
	if err != nil {
		return fmt.Errorf("tenancy: get: %w", err)
	}
	if out.Item == nil {
		return ErrNotFound
	}
	return attributevalue.UnmarshalMap(out.Item, dst)
}

// ---------------------------------------------------------------- tenants

// CreateTenant writes the tenant, its first admin's membership and the
// audit entry in one transaction; ErrExists if the slug is taken.
func (st Store) CreateTenant(ctx context.Context, t Tenant, firstAdmin *Membership, audit *AuditEntry) error {
	it, err := item(t, tenantKeys(t))
	if err != nil {
		return err
	}
	writes := []*types.TransactWriteItem{st.put(it, "attribute_not_exists(PK)", nil)}
	if firstAdmin != nil {
		mi, err := item(firstAdmin, memberKeys(*firstAdmin))
		if err != nil {
			return err
		}
		writes = append(writes, st.put(mi, "attribute_not_exists(PK)", nil))
	}
	return st.transact(ctx, audit, true, writes...)
}

// PutTenantIfAbsent creates the tenant unless it exists (the demo seed).
func (st Store) PutTenantIfAbsent(ctx context.Context, t Tenant) (bool, error) {
	err := st.CreateTenant(ctx, t, nil, nil)
	if errors.Is(err, ErrExists) {
		return false, nil
	}
	return err == nil, err
}

// GetTenant reads a tenant.
func (st Store) GetTenant(ctx context.Context, id string) (Tenant, error) {
	var t Tenant
	err := st.get(ctx, map[string]types.AttributeValue{"PK": s(tenantPK(id)), "SK": s(tenantSK)}, &t)
	return t, err
}

// UpdateTenant replaces the tenant if its stored version is t.Version-1.
func (st Store) UpdateTenant(ctx context.Context, t Tenant, audit *AuditEntry) error {
	it, err := item(t, tenantKeys(t))
	if err != nil {
		return err
	}
	return st.transact(ctx, audit, false, st.put(it, "version = :v", map[string]types.AttributeValue{
		":v": &types.AttributeValueMemberN{Value: fmt.Sprint(t.Version - 1)}}))
}

// ListTenants lists tenants of a status sorted by name.
func (st Store) ListTenants(ctx context.Context, status Status, limit int32, cursor string) (Page[Tenant], error) {
	return queryPage[Tenant](ctx, st, &dynamodb.QueryInput{
		IndexName:                 aws.String("GSI1"),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(tenantCatalogPK + string(status))},
	}, "GSI1PK", limit, cursor)
}

// ------------------------------------------------------------------ users

// PutUserIfAbsent creates the profile unless it exists; it reports whether it wrote.
func (st Store) PutUserIfAbsent(ctx context.Context, u User) (bool, error) {
	it, err := item(u, userKeys(u))
	if err != nil {
		return false, err
	}
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression: aws.String("attribute_not_exists(PK)")})
	var exists *types.ConditionalCheckFailedException
	switch {
	case errors.As(err, &exists):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("tenancy: put user: %w", err)
	}
	return true, nil
}

// GetUser reads a profile.
func (st Store) GetUser(ctx context.Context, id string) (User, error) {
	var u User
	err := st.get(ctx, map[string]types.AttributeValue{"PK": s(userPK(id)), "SK": s(userSK)}, &u)
	return u, err
}

// FindUserByUsername looks a profile up by NIK or NIP.
func (st Store) FindUserByUsername(ctx context.Context, username string) (User, error) {
	out, err := st.DB.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(st.Table), IndexName: aws.String("GSI1"),
		KeyConditionExpression:    aws.String("GSI1PK = :pk AND GSI1SK = :sk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(usernameGSIPrefix + username), ":sk": s("USER")},
		Limit:                     aws.Int32(1),
	})
	if err != nil {
		return User{}, fmt.Errorf("tenancy: find user: %w", err)
	}
	if len(out.Items) == 0 {
		return User{}, ErrNotFound
	}
	var u User
	return u, attributevalue.UnmarshalMap(out.Items[0], &u)
}

// ------------------------------------------------------------ memberships

// GetMembership reads one membership.
func (st Store) GetMembership(ctx context.Context, tenantID, userID string) (Membership, error) {
	var m Membership
	err := st.get(ctx, memberKey(tenantID, userID), &m)
	return m, err
}

// GetTenantAndMembership reads both in one request (BatchGetItem): the
// check every tenant-scoped request makes. A missing item is returned nil.
func (st Store) GetTenantAndMembership(ctx context.Context, tenantID, userID string) (*Tenant, *Membership, error) {
	keys := []map[string]types.AttributeValue{{"PK": s(tenantPK(tenantID)), "SK": s(tenantSK)}}
	if userID != "" {
		keys = append(keys, memberKey(tenantID, userID))
	}
	items, err := st.batchGet(ctx, keys, true)
	if err != nil {
		return nil, nil, err
	}
	var t *Tenant
	var m *Membership
	for _, it := range items {
		sk := it["SK"].(*types.AttributeValueMemberS).Value
		switch {
		case sk == tenantSK:
			t = new(Tenant)
			if err := attributevalue.UnmarshalMap(it, t); err != nil {
				return nil, nil, err
			}
		case strings.HasPrefix(sk, memberSKPrefix):
			m = new(Membership)
			if err := attributevalue.UnmarshalMap(it, m); err != nil {
				return nil, nil, err
			}
		}
	}
	return t, m, nil
}

// CreateMembership writes a new membership; ErrExists if the user already
// belongs to the tenant.
func (st Store) CreateMembership(ctx context.Context, m Membership, audit *AuditEntry) error {
	it, err := item(m, memberKeys(m))
	if err != nil {
		return err
	}
	return st.transact(ctx, audit, true, st.put(it, "attribute_not_exists(PK)", nil))
}

// PutMembershipIfAbsent creates the membership unless it exists (the demo seed).
func (st Store) PutMembershipIfAbsent(ctx context.Context, m Membership) (bool, error) {
	err := st.CreateMembership(ctx, m, nil)
	if errors.Is(err, ErrExists) {
		return false, nil
	}
	return err == nil, err
}

// UpdateMembership replaces the membership if its stored version is m.Version-1.
func (st Store) UpdateMembership(ctx context.Context, m Membership, audit *AuditEntry) error {
	it, err := item(m, memberKeys(m))
	if err != nil {
		return err
	}
	return st.transact(ctx, audit, false, st.put(it, "version = :v", map[string]types.AttributeValue{
		":v": &types.AttributeValueMemberN{Value: fmt.Sprint(m.Version - 1)}}))
}

// UserMemberships lists a user's memberships in every tenant.
func (st Store) UserMemberships(ctx context.Context, userID string) ([]Membership, error) {
	page, err := queryPage[Membership](ctx, st, &dynamodb.QueryInput{
		IndexName:                 aws.String("GSI1"),
		KeyConditionExpression:    aws.String("GSI1PK = :pk AND begins_with(GSI1SK, :t)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(userPK(userID)), ":t": s("TENANT#")},
	}, "GSI1PK", 100, "")
	return page.Items, err
}

// MemberFilter narrows a member list.
type MemberFilter struct {
	// Query is a name prefix, or a NIK/NIP prefix when it is all digits.
	Query  string
	Role   Role
	Status Status
}

// ListMembers lists a tenant's members sorted by name (or by NIK/NIP when
// searching by number), filtered by role and status.
func (st Store) ListMembers(ctx context.Context, tenantID string, f MemberFilter, limit int32, cursor string) (Page[Membership], error) {
	in := &dynamodb.QueryInput{ExpressionAttributeValues: map[string]types.AttributeValue{}, ExpressionAttributeNames: map[string]string{}}
	digits := f.Query != "" && strings.Trim(f.Query, "0123456789") == ""
	indexPK := "GSI2PK"
	if digits {
		in.IndexName = aws.String("GSI3")
		in.KeyConditionExpression = aws.String("GSI3PK = :pk AND begins_with(GSI3SK, :q)")
		in.ExpressionAttributeValues[":q"] = s("USERNAME#" + f.Query)
		indexPK = "GSI3PK"
	} else {
		in.IndexName = aws.String("GSI2")
		in.KeyConditionExpression = aws.String("GSI2PK = :pk AND begins_with(GSI2SK, :q)")
		in.ExpressionAttributeValues[":q"] = s("NAME#" + SearchKey(f.Query))
	}
	in.ExpressionAttributeValues[":pk"] = s(membersIndexPK(tenantID))
	var filters []string
	if f.Role != "" {
		filters = append(filters, "#role = :role")
		in.ExpressionAttributeNames["#role"] = "role"
		in.ExpressionAttributeValues[":role"] = s(string(f.Role))
	}
	if f.Status != "" {
		filters = append(filters, "#status = :status")
		in.ExpressionAttributeNames["#status"] = "status"
		in.ExpressionAttributeValues[":status"] = s(string(f.Status))
	}
	if len(filters) > 0 {
		in.FilterExpression = aws.String(strings.Join(filters, " AND "))
	} else {
		in.ExpressionAttributeNames = nil
	}
	return queryPage[Membership](ctx, st, in, indexPK, limit, cursor)
}

// ---------------------------------------------------------- registrations

// CreateRegistration writes the registration and the membership it asks
// for (pending, or active under the auto-approve policy) in one
// transaction; ErrExists if the person already belongs to the tenant.
func (st Store) CreateRegistration(ctx context.Context, r Registration, m Membership) error {
	ri, err := item(r, registrationKeys(r))
	if err != nil {
		return err
	}
	mi, err := item(m, memberKeys(m))
	if err != nil {
		return err
	}
	return st.transact(ctx, nil, true, st.put(ri, "attribute_not_exists(PK)", nil), st.put(mi, "attribute_not_exists(PK)", nil))
}

// GetRegistration reads a registration.
func (st Store) GetRegistration(ctx context.Context, tenantID, id string) (Registration, error) {
	var r Registration
	err := st.get(ctx, registrationKey(tenantID, id), &r)
	return r, err
}

// DecideRegistration stores an approval or rejection: registration and
// membership move out of pending together, or neither does (ErrConflict
// when someone decided first).
func (st Store) DecideRegistration(ctx context.Context, r Registration, m Membership, audit *AuditEntry) error {
	ri, err := item(r, registrationKeys(r))
	if err != nil {
		return err
	}
	mi, err := item(m, memberKeys(m))
	if err != nil {
		return err
	}
	pending := map[string]types.AttributeValue{":pending": s(string(StatusPending))}
	names := map[string]string{"#status": "status"}
	rp := st.put(ri, "#status = :pending", pending)
	// The membership must also be unchanged since it was read (a role
	// change on a pending membership is not overwritten).
	mp := st.put(mi, "#status = :pending AND version = :v", map[string]types.AttributeValue{
		":pending": s(string(StatusPending)), ":v": &types.AttributeValueMemberN{Value: fmt.Sprint(m.Version - 1)}})
	rp.Put.ExpressionAttributeNames, mp.Put.ExpressionAttributeNames = names, names
	return st.transact(ctx, audit, false, rp, mp)
}

// ListRegistrations lists a tenant's registrations of a status, oldest first.
func (st Store) ListRegistrations(ctx context.Context, tenantID string, status Status, limit int32, cursor string) (Page[Registration], error) {
	return queryPage[Registration](ctx, st, &dynamodb.QueryInput{
		IndexName:                 aws.String("GSI2"),
		KeyConditionExpression:    aws.String("GSI2PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(tenantPK(tenantID) + "#REG#" + string(status))},
	}, "GSI2PK", limit, cursor)
}

// ------------------------------------------------------------------ audit

// ListAudit lists a tenant's audit log, newest first.
func (st Store) ListAudit(ctx context.Context, tenantID string, limit int32, cursor string) (Page[AuditEntry], error) {
	return queryPage[AuditEntry](ctx, st, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :a)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(tenantPK(tenantID)), ":a": s(auditSKPrefix)},
		ScanIndexForward:          aws.Bool(false),
	}, "PK", limit, cursor)
}

// ----------------------------------------------------------------- paging

// ErrBadCursor marks a cursor that is malformed or belongs to another list.
var ErrBadCursor = pagecursor.ErrBad

// queryPage runs a query page by page until limit items passed the filter
// or the partition ends. The cursor is the last evaluated key, checked to
// belong to the same partition so a forged cursor cannot reach elsewhere.
func queryPage[T any](ctx context.Context, st Store, in *dynamodb.QueryInput, pkAttr string, limit int32, cursor string) (Page[T], error) {
	if limit <= 0 || limit > 100 {
		limit = 25
	}
	in.TableName = aws.String(st.Table)
	pk := in.ExpressionAttributeValues[":pk"].(*types.AttributeValueMemberS).Value
	if cursor != "" {
		start, err := pagecursor.Decode(cursor, pkAttr, pk)
		if err != nil {
			return Page[T]{}, ErrBadCursor
		}
		in.ExclusiveStartKey = start
	}
	page := Page[T]{Items: []T{}}
	for reads := 0; reads < 10; reads++ {
		in.Limit = aws.Int32(limit - int32(len(page.Items)))
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return Page[T]{}, fmt.Errorf("tenancy: query: %w", err)
		}
		for _, it := range out.Items {
			var v T
			if err := attributevalue.UnmarshalMap(it, &v); err != nil {
				return Page[T]{}, err
			}
			page.Items = append(page.Items, v)
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

// GetTenants reads several tenants in one request (up to 100).
func (st Store) GetTenants(ctx context.Context, ids []string) (map[string]Tenant, error) {
	out := map[string]Tenant{}
	if len(ids) == 0 {
		return out, nil
	}
	if len(ids) > 100 {
		return nil, errors.New("tenancy: at most 100 tenants per read")
	}
	keys := make([]map[string]types.AttributeValue, len(ids))
	for i, id := range ids {
		keys[i] = map[string]types.AttributeValue{"PK": s(tenantPK(id)), "SK": s(tenantSK)}
	}
	items, err := st.batchGet(ctx, keys, false)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		var t Tenant
		if err := attributevalue.UnmarshalMap(it, &t); err != nil {
			return nil, err
		}
		out[t.ID] = t
	}
	return out, nil
}

// PutAudit writes one audit entry on its own (for actions whose changes
// are many, such as an import, summarised in one entry).
func (st Store) PutAudit(ctx context.Context, a *AuditEntry) error {
	return st.transact(ctx, a, true)
}

// GetMemberships reads the memberships of several users of one tenant
// (100 keys a request); missing ones are absent from the map.
func (st Store) GetMemberships(ctx context.Context, tenantID string, userIDs []string) (map[string]Membership, error) {
	out := map[string]Membership{}
	keys := make([]batchread.Key, len(userIDs))
	for i, id := range userIDs {
		keys[i] = memberKey(tenantID, id)
	}
	err := batchread.Each(ctx, st.DB, st.Table, keys, batchread.Options{}, func(it batchread.Key) error {
		var m Membership
		if err := attributevalue.UnmarshalMap(it, &m); err != nil {
			return err
		}
		out[m.UserID] = m
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("tenancy: batch get members: %w", err)
	}
	return out, nil
}

// batchGet reads keys (see shared/batchread).
func (st Store) batchGet(ctx context.Context, keys []map[string]types.AttributeValue, consistent bool) ([]map[string]types.AttributeValue, error) {
	var items []map[string]types.AttributeValue
	err := batchread.Each(ctx, st.DB, st.Table, keys, batchread.Options{Consistent: consistent}, func(it batchread.Key) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("tenancy: batch get: %w", err)
	}
	return items, nil
}
