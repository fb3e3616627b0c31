package searchstore

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"lms/shared/search"
)

// fakeDB evaluates the two condition expressions Pointers writes.
type fakeDB struct {
	mu    sync.Mutex
	items map[string]map[string]dbtypes.AttributeValue
	puts  []*dynamodb.PutItemInput
}

func id(k map[string]dbtypes.AttributeValue) string {
	return k["PK"].(*dbtypes.AttributeValueMemberS).Value + "|" + k["SK"].(*dbtypes.AttributeValueMemberS).Value
}

func (f *fakeDB) GetItem(_ context.Context, in *dynamodb.GetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !aws.ToBool(in.ConsistentRead) {
		return nil, errors.New("pointer read must be consistent")
	}
	return &dynamodb.GetItemOutput{Item: f.items[id(in.Key)]}, nil
}

func (f *fakeDB) PutItem(_ context.Context, in *dynamodb.PutItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.puts = append(f.puts, in)
	cur, exists := f.items[id(in.Item)]
	ok := false
	switch aws.ToString(in.ConditionExpression) {
	case "attribute_not_exists(PK)":
		ok = !exists
	case "generation = :from":
		ok = exists && cur["generation"].(*dbtypes.AttributeValueMemberN).Value ==
			in.ExpressionAttributeValues[":from"].(*dbtypes.AttributeValueMemberN).Value
	}
	if !ok {
		return nil, &dbtypes.ConditionalCheckFailedException{Message: aws.String("failed")}
	}
	f.items[id(in.Item)] = in.Item
	return &dynamodb.PutItemOutput{}, nil
}

func TestPointers(t *testing.T) {
	ctx := context.Background()
	db := &fakeDB{items: map[string]map[string]dbtypes.AttributeValue{}}
	p := Pointers{DB: db, Table: "lms", Now: func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }}
	if gen, key, err := p.Current(ctx, "T1"); gen != 0 || key != "" || err != nil {
		t.Fatalf("no pointer: %d %q %v", gen, key, err)
	}
	if err := p.Advance(ctx, "T1", 0, 1, "search/T1/1.idx"); err != nil {
		t.Fatal(err)
	}
	if err := p.Advance(ctx, "T1", 0, 1, "search/T1/1b.idx"); !errors.Is(err, search.ErrConflict) {
		t.Fatalf("second first write: %v", err)
	}
	if err := p.Advance(ctx, "T1", 1, 2, "search/T1/2.idx"); err != nil {
		t.Fatal(err)
	}
	if err := p.Advance(ctx, "T1", 1, 2, "search/T1/2b.idx"); !errors.Is(err, search.ErrConflict) {
		t.Fatalf("stale write: %v", err)
	}
	if gen, key, err := p.Current(ctx, "T1"); gen != 2 || key != "search/T1/2.idx" || err != nil {
		t.Fatalf("pointer: %d %q %v", gen, key, err)
	}
	item := db.items["TENANT#T1|SEARCH#POINTER"]
	if item["type"].(*dbtypes.AttributeValueMemberS).Value != "search-pointer" ||
		item["updatedAt"].(*dbtypes.AttributeValueMemberS).Value != "2025-01-02T03:04:05Z" ||
		aws.ToString(db.puts[0].TableName) != "lms" {
		t.Fatalf("item %v", item)
	}
	if gen, _, _ := p.Current(ctx, "T2"); gen != 0 {
		t.Fatalf("tenants share a pointer")
	}
}

type fakeS3 struct {
	objects map[string][]byte
}

func (f *fakeS3) GetObject(_ context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	b, ok := f.objects[aws.ToString(in.Key)]
	if !ok {
		return nil, &s3types.NoSuchKey{}
	}
	return &s3.GetObjectOutput{Body: io.NopCloser(bytes.NewReader(b))}, nil
}

func (f *fakeS3) PutObject(_ context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	b, err := io.ReadAll(in.Body)
	if err != nil {
		return nil, err
	}
	if int64(len(b)) != aws.ToInt64(in.ContentLength) || aws.ToString(in.Bucket) != "materials" {
		return nil, errors.New("bad put")
	}
	f.objects[aws.ToString(in.Key)] = b
	return &s3.PutObjectOutput{}, nil
}

func (f *fakeS3) DeleteObject(_ context.Context, in *s3.DeleteObjectInput, _ ...func(*s3.Options)) (*s3.DeleteObjectOutput, error) {
	delete(f.objects, aws.ToString(in.Key))
	return &s3.DeleteObjectOutput{}, nil
}

func TestSnapshots(t *testing.T) {
	ctx := context.Background()
	s := Snapshots{Client: &fakeS3{objects: map[string][]byte{}}, Bucket: "materials"}
	if _, err := s.Get(ctx, "search/T1/x.idx"); !errors.Is(err, search.ErrNotFound) {
		t.Fatalf("missing: %v", err)
	}
	if err := s.Put(ctx, "search/T1/x.idx", strings.NewReader("abc"), 3); err != nil {
		t.Fatal(err)
	}
	rc, err := s.Get(ctx, "search/T1/x.idx")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "abc" {
		t.Fatalf("got %q", b)
	}
	if err := s.Delete(ctx, "search/T1/x.idx"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "search/T1/x.idx"); !errors.Is(err, search.ErrNotFound) {
		t.Fatalf("deleted: %v", err)
	}
}

// The Manager runs on these stores as on the in-memory ones.
func TestManagerOnStores(t *testing.T) {
	ctx := context.Background()
	m, err := search.NewManager(search.Config{
		Snapshots: Snapshots{Client: &fakeS3{objects: map[string][]byte{}}, Bucket: "materials"},
		Pointers:  Pointers{DB: &fakeDB{items: map[string]map[string]dbtypes.AttributeValue{}}, Table: "lms"},
		Dir:       t.TempDir(),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	d := search.Document{ID: search.ItemDocID("i1"), TenantID: "T1", CourseID: "C1", ItemID: "i1", Kind: search.KindItem,
		Title: "Modul", Body: "materi pembelajaran"}
	for range 2 {
		if err := m.Apply(ctx, "T1", []search.Document{d}, nil); err != nil {
			t.Fatal(err)
		}
	}
	res, err := m.Search(ctx, "T1", search.Query{Text: "belajar"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search: %+v %v", res, err)
	}
}
