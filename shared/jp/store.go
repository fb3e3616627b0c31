package jp

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
}

// Store reads the ledger; writes are transaction items other stores put
// in their own transactions (Credit, Debit).
type Store struct {
	DB    DynamoDB
	Table string
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int) types.AttributeValue    { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }

// LedgerPK is a person's ledger partition in a tenant.
func LedgerPK(t, u string) string { return "TENANT#" + t + "#JP#" + u }

// YearPK is the partition of a tenant-year's per-person totals.
func YearPK(t string, year int) string { return "TENANT#" + t + "#JPYEAR#" + strconv.Itoa(year) }

// entrySK orders a person's entries by year; batch entries keep the key
// they always had ({year}#{batchId}); other sources are prefixed so that
// ids of different sources cannot meet.
func entrySK(e Entry) string {
	y := strconv.Itoa(e.Year) + "#"
	switch e.Source {
	case SourceClaim:
		return y + "CLAIM#" + e.SourceID
	case SourceUnit:
		return y + "UNIT#" + e.SourceID
	default:
		return y + e.SourceID
	}
}

func entryKey(e Entry) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(LedgerPK(e.TenantID, e.UserID)), "SK": s(entrySK(e))}
}

func totalKey(e Entry) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(YearPK(e.TenantID, e.Year)), "SK": s("USER#" + e.UserID)}
}

// Credit returns the two transaction items that add an entry: the entry,
// only if absent (a second credit of the same source cancels the whole
// transaction with ConditionalCheckFailed), and its person's year total.
func (st Store) Credit(e Entry) ([]types.TransactWriteItem, error) {
	it, err := attributevalue.MarshalMap(e)
	if err != nil {
		return nil, fmt.Errorf("jp: entry: %w", err)
	}
	for k, v := range entryKey(e) {
		it[k] = v
	}
	it["type"] = s("jp-entry")
	return []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}},
		st.total(e, e.JP),
	}, nil
}

// Debit returns the transaction items that take an entry back (it must
// exist) and subtract it from the total. e must be the entry as credited
// (its JP and date).
func (st Store) Debit(e Entry) []types.TransactWriteItem {
	return []types.TransactWriteItem{
		{Delete: &types.Delete{TableName: aws.String(st.Table), Key: entryKey(e), ConditionExpression: aws.String("attribute_exists(PK)")}},
		st.total(e, -e.JP),
	}
}

func (st Store) total(e Entry, delta int) types.TransactWriteItem {
	return types.TransactWriteItem{Update: &types.Update{TableName: aws.String(st.Table), Key: totalKey(e),
		UpdateExpression:         aws.String("SET userId = :u, #year = :y, #type = :t ADD jp :d, #m :d"),
		ExpressionAttributeNames: map[string]string{"#year": "year", "#type": "type", "#m": monthAttr(e.Month())},
		ExpressionAttributeValues: map[string]types.AttributeValue{":u": s(e.UserID), ":y": n(e.Year), ":t": s("jp-total"),
			":d": n(delta)}}}
}

// Ledger lists a person's entries of a year in a tenant.
func (st Store) Ledger(ctx context.Context, t, u string, year int) ([]Entry, error) {
	entries := []Entry{}
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table),
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :y)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(LedgerPK(t, u)), ":y": s(strconv.Itoa(year) + "#")}}
	for {
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("jp: ledger: %w", err)
		}
		for _, raw := range out.Items {
			var e Entry
			if err := attributevalue.UnmarshalMap(raw, &e); err != nil {
				return nil, fmt.Errorf("jp: ledger: %w", err)
			}
			if e.Source == "" { // written before sources existed: a batch
				e.Source, e.SourceID, e.Name = SourceBatch, e.BatchID, e.BatchName
			}
			e.TenantID, e.UserID = t, u
			entries = append(entries, e)
		}
		if out.LastEvaluatedKey == nil {
			return entries, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// Totals reads every person's total of a tenant-year (one Query per 1 MB,
// about 5,000 people).
func (st Store) Totals(ctx context.Context, t string, year int) (map[string]Total, error) {
	totals := map[string]Total{}
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table),
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(YearPK(t, year))}}
	for {
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("jp: totals: %w", err)
		}
		for _, raw := range out.Items {
			tot, err := decodeTotal(raw)
			if err != nil {
				return nil, err
			}
			totals[tot.UserID] = tot
		}
		if out.LastEvaluatedKey == nil {
			return totals, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

func decodeTotal(raw map[string]types.AttributeValue) (Total, error) {
	var t Total
	num := func(name string) (int, error) {
		v, ok := raw[name].(*types.AttributeValueMemberN)
		if !ok {
			return 0, nil
		}
		return strconv.Atoi(v.Value)
	}
	if v, ok := raw["userId"].(*types.AttributeValueMemberS); ok {
		t.UserID = v.Value
	}
	var err error
	if t.Year, err = num("year"); err != nil {
		return t, fmt.Errorf("jp: total: %w", err)
	}
	if t.JP, err = num("jp"); err != nil {
		return t, fmt.Errorf("jp: total: %w", err)
	}
	for m := 1; m <= 12; m++ {
		if t.Months[m-1], err = num(monthAttr(m)); err != nil {
			return t, fmt.Errorf("jp: total: %w", err)
		}
	}
	return t, nil
}
