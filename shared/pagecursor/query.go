package pagecursor

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Querier is the part of the DynamoDB client a paged query uses.
type Querier interface {
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
}

// Page is one page of a list and the cursor of the next.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"nextCursor,omitempty"`
}

// Query runs one page of in (whose partition attribute pkAttr equals pk),
// starting after cursor, and decodes the items into T. A limit outside
// 1..100 becomes 25.
func Query[T any](ctx context.Context, db Querier, in *dynamodb.QueryInput, pkAttr, pk string, limit int32, cursor string) (Page[T], error) {
	if limit <= 0 || limit > 100 {
		limit = 25
	}
	in.Limit = aws.Int32(limit)
	if cursor != "" {
		start, err := Decode(cursor, pkAttr, pk)
		if err != nil {
			return Page[T]{}, err
		}
		in.ExclusiveStartKey = start
	}
	out, err := db.Query(ctx, in)
	if err != nil {
		return Page[T]{}, fmt.Errorf("query %s: %w", pkAttr, err)
	}
	page := Page[T]{Items: make([]T, 0, len(out.Items))}
	for _, raw := range out.Items {
		var v T
		if err := attributevalue.UnmarshalMap(raw, &v); err != nil {
			return Page[T]{}, err
		}
		page.Items = append(page.Items, v)
	}
	if out.LastEvaluatedKey != nil {
		page.NextCursor = Encode(out.LastEvaluatedKey)
	}
	return page, nil
}
