package batchread

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// fakeDB answers from items, leaving the last key of each request
// unprocessed while stingy is above zero.
type fakeDB struct {
	items    map[string]Key
	stingy   int
	requests []int
}

func (f *fakeDB) BatchGetItem(_ context.Context, in *dynamodb.BatchGetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
	for table, ka := range in.RequestItems {
		f.requests = append(f.requests, len(ka.Keys))
		keys := ka.Keys
		if f.stingy > 0 && len(keys) > 0 {
			f.stingy--
			out.UnprocessedKeys = map[string]types.KeysAndAttributes{table: {Keys: keys[len(keys)-1:]}}
			keys = keys[:len(keys)-1]
		}
		for _, k := range keys {
			if it, ok := f.items[k["PK"].(*types.AttributeValueMemberS).Value]; ok {
				out.Responses[table] = append(out.Responses[table], it)
			}
		}
	}
	return out, nil
}

func key(i int) Key { return Key{"PK": &types.AttributeValueMemberS{Value: "K" + strconv.Itoa(i)}} }

func TestEachChunksAndRetriesUnprocessed(t *testing.T) {
	db := &fakeDB{items: map[string]Key{}, stingy: 3}
	var keys []Key
	for i := range 250 {
		keys = append(keys, key(i))
		if i%2 == 0 {
			db.items["K"+strconv.Itoa(i)] = key(i)
		}
	}
	found := 0
	if err := Each(context.Background(), db, "T", keys, Options{}, func(Key) error { found++; return nil }); err != nil {
		t.Fatal(err)
	}
	if found != 125 {
		t.Fatalf("found %d, want the 125 stored", found)
	}
	if db.requests[0] != 100 || len(db.requests) != 6 {
		t.Fatalf("requests %v: want chunks of 100 plus three retries of one key", db.requests)
	}
}

func TestEachGivesUp(t *testing.T) {
	db := &fakeDB{items: map[string]Key{}, stingy: 1000}
	err := Each(context.Background(), db, "T", []Key{key(1), key(2)}, Options{}, func(Key) error { return nil })
	if !errors.Is(err, ErrUnprocessed) {
		t.Fatalf("err %v, want ErrUnprocessed", err)
	}
}
