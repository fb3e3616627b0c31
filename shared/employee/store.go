package employee

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

	"lms/shared/batchread"
	"lms/shared/pagecursor"
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
}

// Store keeps units and employees.
//
//	unit      PK TENANT#{t}#UNITS      SK UNIT#{code}
//	employee  PK TENANT#{t}#EMPLOYEES  SK NIP#{nip}
//	          GSI1 TENANT#{t}#UNIT#{code}#EMPLOYEES / {name key}#{nip}
//
// A tenant's roster is one partition so the dashboard reads it in one
// Query per megabyte (about 4,000 employees).
type Store struct {
	DB    DynamoDB
	Table string
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int) types.AttributeValue    { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }

func unitsPK(t string) string     { return "TENANT#" + t + "#UNITS" }
func employeesPK(t string) string { return "TENANT#" + t + "#EMPLOYEES" }
func unitMembersPK(t, unit string) string {
	return "TENANT#" + t + "#UNIT#" + unit + "#EMPLOYEES"
}

func employeeKey(t, nip string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(employeesPK(t)), "SK": s("NIP#" + nip)}
}

// CreateUnit adds a unit (ErrExists when its code is taken).
func (st Store) CreateUnit(ctx context.Context, u Unit) error {
	it, err := attributevalue.MarshalMap(u)
	if err != nil {
		return err
	}
	it["PK"], it["SK"], it["type"] = s(unitsPK(u.TenantID)), s("UNIT#"+u.ID), s("unit")
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression: aws.String("attribute_not_exists(PK)")})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrExists
	}
	if err != nil {
		return fmt.Errorf("employee: create unit: %w", err)
	}
	return nil
}

// UpdateUnit writes a unit whose version was u.Version-1 when read.
func (st Store) UpdateUnit(ctx context.Context, u Unit) error {
	it, err := attributevalue.MarshalMap(u)
	if err != nil {
		return err
	}
	it["PK"], it["SK"], it["type"] = s(unitsPK(u.TenantID)), s("UNIT#"+u.ID), s("unit")
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression:       aws.String("attribute_exists(PK) AND version = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": n(u.Version - 1)}})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("employee: update unit: %w", err)
	}
	return nil
}

// Units lists every unit of a tenant, by code.
func (st Store) Units(ctx context.Context, t string) ([]Unit, error) {
	units := []Unit{}
	err := st.queryAll(ctx, &dynamodb.QueryInput{TableName: aws.String(st.Table),
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(unitsPK(t))}},
		func(raw map[string]types.AttributeValue) error {
			var u Unit
			if err := attributevalue.UnmarshalMap(raw, &u); err != nil {
				return err
			}
			u.TenantID = t
			units = append(units, u)
			return nil
		})
	return units, err
}

// Get reads one employee by NIP.
func (st Store) Get(ctx context.Context, t, nip string) (Employee, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: employeeKey(t, nip)})
	if err != nil {
		return Employee{}, fmt.Errorf("employee: get: %w", err)
	}
	if out.Item == nil {
		return Employee{}, ErrNotFound
	}
	return decodeEmployee(t, out.Item)
}

func decodeEmployee(t string, raw map[string]types.AttributeValue) (Employee, error) {
	var e Employee
	if err := attributevalue.UnmarshalMap(raw, &e); err != nil {
		return e, fmt.Errorf("employee: decode: %w", err)
	}
	e.TenantID = t
	if e.Duties == nil {
		e.Duties = []Duty{}
	}
	return e, nil
}

func (st Store) employeeItem(e Employee) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(e)
	if err != nil {
		return nil, err
	}
	for k, v := range employeeKey(e.TenantID, e.NIP) {
		it[k] = v
	}
	it["type"] = s("employee")
	it["GSI1PK"], it["GSI1SK"] = s(unitMembersPK(e.TenantID, e.UnitID)), s(nameKey(e.Name)+"#"+e.NIP)
	return it, nil
}

// PutImported writes an employee as an HR import read it: created when
// new; replaced when the stored record was written by an earlier (or the
// same) import and, if prevVersion > 0, is still at that version. A record
// a later import wrote is left alone (ErrStale): the newest import wins
// whatever order imports finish in.
func (st Store) PutImported(ctx context.Context, e Employee, prevVersion int) error {
	it, err := st.employeeItem(e)
	if err != nil {
		return err
	}
	in := &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it}
	if prevVersion == 0 {
		in.ConditionExpression = aws.String("attribute_not_exists(PK)")
	} else {
		in.ConditionExpression = aws.String("version = :v AND importedAt <= :at")
		in.ExpressionAttributeValues = map[string]types.AttributeValue{":v": n(prevVersion),
			":at": s(e.ImportedAt.UTC().Format(time.RFC3339Nano))}
	}
	_, err = st.DB.PutItem(ctx, in)
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("employee: put: %w", err)
	}
	return nil
}

// Update writes an employee whose version was e.Version-1 when read (a
// change of duties or unit by an admin).
func (st Store) Update(ctx context.Context, e Employee) error {
	it, err := st.employeeItem(e)
	if err != nil {
		return err
	}
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression:       aws.String("attribute_exists(PK) AND version = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": n(e.Version - 1)}})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("employee: update: %w", err)
	}
	return nil
}

// All reads a tenant's whole roster.
func (st Store) All(ctx context.Context, t string) ([]Employee, error) {
	all := []Employee{}
	err := st.queryAll(ctx, &dynamodb.QueryInput{TableName: aws.String(st.Table),
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(employeesPK(t))}},
		func(raw map[string]types.AttributeValue) error {
			e, err := decodeEmployee(t, raw)
			all = append(all, e)
			return err
		})
	return all, err
}

// Page lists employees: of one unit by name (GSI1) when unit is set,
// otherwise the whole roster by NIP.
func (st Store) Page(ctx context.Context, t, unit string, limit int32, cursor string) (pagecursor.Page[Employee], error) {
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), KeyConditionExpression: aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(employeesPK(t))}}
	attr, pk := "PK", employeesPK(t)
	if unit != "" {
		attr, pk = "GSI1PK", unitMembersPK(t, unit)
		in.IndexName = aws.String("GSI1")
		in.KeyConditionExpression = aws.String("GSI1PK = :pk")
		in.ExpressionAttributeValues = map[string]types.AttributeValue{":pk": s(pk)}
	}
	page, err := pagecursor.Query[Employee](ctx, st.DB, in, attr, pk, limit, cursor)
	if err != nil {
		return page, err
	}
	for i := range page.Items {
		page.Items[i].TenantID = t
		if page.Items[i].Duties == nil {
			page.Items[i].Duties = []Duty{}
		}
	}
	return page, nil
}

// ByNIP reads the employees with these NIPs (missing ones are absent from
// the answer), 100 per BatchGetItem.
func (st Store) ByNIP(ctx context.Context, t string, nips []string) (map[string]Employee, error) {
	found := map[string]Employee{}
	var keys []batchread.Key
	seen := map[string]bool{}
	for _, nip := range nips {
		if !seen[nip] {
			seen[nip] = true
			keys = append(keys, employeeKey(t, nip))
		}
	}
	err := batchread.Each(ctx, st.DB, st.Table, keys, batchread.Options{}, func(raw batchread.Key) error {
		e, err := decodeEmployee(t, raw)
		if err != nil {
			return err
		}
		found[e.NIP] = e
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("employee: by NIP: %w", err)
	}
	return found, nil
}

func (st Store) queryAll(ctx context.Context, in *dynamodb.QueryInput, each func(map[string]types.AttributeValue) error) error {
	for {
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return fmt.Errorf("employee: query: %w", err)
		}
		for _, raw := range out.Items {
			if err := each(raw); err != nil {
				return err
			}
		}
		if out.LastEvaluatedKey == nil {
			return nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}
