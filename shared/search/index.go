// Package search is the full-text search of course materials, one index
// per tenant.
//
// An Index is one tenant's bleve index (scorch, on a local directory). Text
// is analysed twice, by the Indonesian analyzer (ECS stemmer, package
// stemmer) and by an English one, and a query searches both, so that
// "belajar" finds "pembelajaran" and "training" finds "trainings".
//
// Lambda functions share no disk, so a Manager keeps each tenant's index
// as an immutable snapshot in a SnapshotStore (S3) and the current
// snapshot's generation in a PointerStore (DynamoDB), with optimistic
// concurrency between writers; see Manager.
package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Document kinds.
const (
	KindCourse = "course"
	KindItem   = "item"
	// KindFAQ (a tenant's FAQ entry) and KindAnswer (a help desk question
	// with its accepted answer) belong to no course; the forum function
	// searches them for automatic replies, and course searches never
	// return them (Query.Kinds).
	KindFAQ    = "faq"
	KindAnswer = "answer"
)

// Document is one searchable unit: a course (its title and description)
// or an item of a course (a material's title and extracted text).
type Document struct {
	// ID is unique in the tenant's index; see CourseDocID and ItemDocID.
	ID       string
	TenantID string
	CourseID string
	// ItemID is empty for a course document.
	ItemID    string
	Kind      string // KindCourse or KindItem
	Title     string
	Body      string
	Tags      []string
	UpdatedAt time.Time
}

// CourseDocID is the document id of a course.
func CourseDocID(courseID string) string { return "course#" + courseID }

// ItemDocID is the document id of an item.
func ItemDocID(itemID string) string { return "item#" + itemID }

// Limits.
const (
	// MaxBodyBytes caps the text indexed (and stored for snippets) per
	// document: extraction already stops at 2 MB of text, and a longer body
	// would make every hit on it load megabytes for its snippets.
	MaxBodyBytes = 2 << 20
	// DefaultSize and MaxSize bound Query.Size; MaxFrom bounds deep paging
	// (bleve keeps From+Size hits in memory).
	DefaultSize = 10
	MaxSize     = 100
	MaxFrom     = 10_000
	// MaxQueryBytes caps Query.Text: every word becomes six term lookups.
	MaxQueryBytes = 512
	// SchemaVersion is stored in every index. Bump it whenever the mapping or
	// the analysis changes (a new root-word list included): Open then
	// refuses older indexes with ErrSchema, and they must be rebuilt from
	// the source records.
	SchemaVersion = "1"
)

// Errors.
var (
	ErrInvalid     = errors.New("search: invalid document")
	ErrWrongTenant = errors.New("search: index belongs to another tenant")
	ErrSchema      = errors.New("search: index was built with another schema version")
)

// Boosts: a query term in the title counts more than in tags, and more
// than in the body.
const (
	boostTitle = 4
	boostTags  = 2
	boostBody  = 1
)

var (
	keyTenant = []byte("lms.tenant")
	keySchema = []byte("lms.schema")
)

// Index is one tenant's search index. Its methods are safe for concurrent
// use (bleve's are).
type Index struct {
	tenant string
	bi     bleve.Index
}

// Create makes a new, empty index for tenant in dir, which must not exist
// or be empty.
func Create(dir, tenant string) (*Index, error) {
	if err := validTenant(tenant); err != nil {
		return nil, err
	}
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	bi, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("search: create index: %w", err)
	}
	for k, v := range map[string]string{string(keyTenant): tenant, string(keySchema): SchemaVersion} {
		if err := bi.SetInternal([]byte(k), []byte(v)); err != nil {
			_ = bi.Close()
			return nil, fmt.Errorf("search: create index: %w", err)
		}
	}
	return &Index{tenant: tenant, bi: bi}, nil
}

// Open opens tenant's index in dir. A read-only index runs no background
// persister or merger, which is what a searcher wants.
func Open(dir, tenant string, readOnly bool) (*Index, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("search: open index: %w", err)
	}
	bi, err := bleve.OpenUsing(dir, map[string]any{"read_only": readOnly})
	if err != nil {
		return nil, fmt.Errorf("search: open index: %w", err)
	}
	got, err := bi.GetInternal(keyTenant)
	if err == nil && string(got) != tenant {
		err = fmt.Errorf("%w: %q, not %q", ErrWrongTenant, got, tenant)
	}
	if err == nil {
		var v []byte
		if v, err = bi.GetInternal(keySchema); err == nil && string(v) != SchemaVersion {
			err = fmt.Errorf("%w: %q, want %q", ErrSchema, v, SchemaVersion)
		}
	}
	if err != nil {
		_ = bi.Close()
		return nil, err
	}
	return &Index{tenant: tenant, bi: bi}, nil
}

// Tenant is the tenant the index belongs to.
func (ix *Index) Tenant() string { return ix.tenant }

// Close closes the index, persisting what was written.
func (ix *Index) Close() error { return ix.bi.Close() }

// Count is the number of documents.
func (ix *Index) Count() (uint64, error) { return ix.bi.DocCount() }

// indexed is the shape given to bleve; the json names are the field paths
// of the mapping.
type indexed struct {
	TenantID  string    `json:"tenantId"`
	CourseID  string    `json:"courseId"`
	ItemID    string    `json:"itemId,omitempty"`
	Kind      string    `json:"kind"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Tags      []string  `json:"tags,omitempty"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// checkDocument refuses documents that cannot be indexed for tenant.
func checkDocument(tenant string, d Document) error {
	switch {
	case d.ID == "":
		return fmt.Errorf("%w: empty id", ErrInvalid)
	case d.TenantID != tenant:
		// Never let another tenant's text into this index.
		return fmt.Errorf("%w: document %s of tenant %q in index of %q", ErrInvalid, d.ID, d.TenantID, tenant)
	case d.Kind == KindFAQ || d.Kind == KindAnswer:
		if d.CourseID != "" || d.ItemID != "" {
			return fmt.Errorf("%w: %s document %s has a course or item id", ErrInvalid, d.Kind, d.ID)
		}
		return nil
	case d.CourseID == "":
		return fmt.Errorf("%w: document %s has no course", ErrInvalid, d.ID)
	case d.Kind == KindCourse && d.ItemID != "":
		return fmt.Errorf("%w: course document %s has an item id", ErrInvalid, d.ID)
	case d.Kind == KindItem && d.ItemID == "":
		return fmt.Errorf("%w: item document %s has no item id", ErrInvalid, d.ID)
	case d.Kind != KindCourse && d.Kind != KindItem:
		return fmt.Errorf("%w: document %s has kind %q", ErrInvalid, d.ID, d.Kind)
	}
	return nil
}

// Upsert adds or replaces documents, in one batch.
func (ix *Index) Upsert(docs ...Document) error {
	return ix.Apply(docs, nil)
}

// Delete removes documents by id; unknown ids are ignored.
func (ix *Index) Delete(ids ...string) error {
	return ix.Apply(nil, ids)
}

// Apply upserts and deletes in one atomic batch. A document both upserted
// and deleted is deleted.
func (ix *Index) Apply(upserts []Document, deletes []string) error {
	b := ix.bi.NewBatch()
	for _, d := range upserts {
		if err := checkDocument(ix.tenant, d); err != nil {
			return err
		}
		if err := b.Index(d.ID, indexed{
			TenantID: d.TenantID, CourseID: d.CourseID, ItemID: d.ItemID, Kind: d.Kind,
			Title: d.Title, Body: truncate(d.Body, MaxBodyBytes), Tags: d.Tags, UpdatedAt: d.UpdatedAt.UTC(),
		}); err != nil {
			return fmt.Errorf("search: index %s: %w", d.ID, err)
		}
	}
	for _, id := range deletes {
		b.Delete(id)
	}
	if b.Size() == 0 {
		return nil
	}
	if err := ix.bi.Batch(b); err != nil {
		return fmt.Errorf("search: batch: %w", err)
	}
	return nil
}

// compact merges small segments by bleve's default tiered policy before a
// snapshot is taken: every Apply adds a segment, and a writer closes the
// index before the background merger would get to them.
func (ix *Index) compact(ctx context.Context) error {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	opts := mergeplan.DefaultMergePlanOptions
	return s.ForceMerge(ctx, &opts)
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Query is a search.
type Query struct {
	// Text is what the user typed (its first MaxQueryBytes); words are
	// OR-ed, documents matching more of them (and in the title) rank
	// higher.
	Text string
	// CourseIDs restricts hits to these courses (those the caller may
	// read). nil means no restriction; an empty, non-nil slice matches
	// nothing.
	CourseIDs []string
	// Kinds restricts hits to documents of these kinds; nil means the
	// course materials (KindCourse and KindItem), so that FAQ and forum
	// documents never show in a course search.
	Kinds []string
	// Size (default DefaultSize, at most MaxSize) and From page through the
	// hits.
	Size, From int
}

// Results are one page of hits.
type Results struct {
	Total uint64 // hits in all pages
	Hits  []Hit
}

// Hit is one matching document.
type Hit struct {
	ID        string
	Kind      string
	CourseID  string
	ItemID    string
	Title     string
	UpdatedAt time.Time
	Score     float64
	// Snippets are fragments of the body around the matched words, HTML
	// escaped, with the matches wrapped in <mark>…</mark>; best first.
	Snippets []string
}

// Search runs q.
func (ix *Index) Search(ctx context.Context, q Query) (Results, error) {
	text := strings.TrimSpace(truncate(q.Text, MaxQueryBytes))
	if text == "" || (q.CourseIDs != nil && len(q.CourseIDs) == 0) {
		return Results{}, nil
	}
	size, from := q.Size, q.From
	if size <= 0 {
		size = DefaultSize
	}
	size = min(size, MaxSize)
	from = min(max(from, 0), MaxFrom)

	req := bleve.NewSearchRequestOptions(buildQuery(text, q.CourseIDs, q.Kinds), size, from, false)
	req.Fields = []string{fKind, fCourse, fItem, fTitle, fBody, fUpdatedAt}
	req.IncludeLocations = true
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return Results{}, fmt.Errorf("search: %w", err)
	}
	out := Results{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		hit := Hit{ID: h.ID, Score: h.Score,
			Kind: str(h.Fields[fKind]), CourseID: str(h.Fields[fCourse]), ItemID: str(h.Fields[fItem]),
			Title: str(h.Fields[fTitle])}
		if t, err := time.Parse(time.RFC3339Nano, str(h.Fields[fUpdatedAt])); err == nil {
			hit.UpdatedAt = t
		}
		hit.Snippets = snippets(str(h.Fields[fBody]), spans(h.Locations, fBody, fBodyEN), maxSnippets, snippetBytes)
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}

func str(v any) string { s, _ := v.(string); return s }

// buildQuery searches the text in every field, each with its own analyzer,
// and keeps
// only hits of the allowed courses. The course filter is part of the query,
// not applied to the page afterwards, so totals and paging are right.
func buildQuery(text string, courseIDs, kinds []string) query.Query {
	field := func(f, analyzer string, boost float64) query.Query {
		m := query.NewMatchQuery(text)
		m.SetField(f)
		// Named explicitly: bleve finds a field's analyzer by document path,
		// and the English fields share their path with the Indonesian ones.
		m.Analyzer = analyzer
		m.SetBoost(boost)
		return m
	}
	match := query.NewDisjunctionQuery([]query.Query{
		field(fTitle, AnalyzerID, boostTitle), field(fTitleEN, AnalyzerEN, boostTitle),
		field(fTags, AnalyzerID, boostTags), field(fTagsEN, AnalyzerEN, boostTags),
		field(fBody, AnalyzerID, boostBody), field(fBodyEN, AnalyzerEN, boostBody),
	})
	terms := func(field string, values []string) query.Query {
		qs := make([]query.Query, len(values))
		for i, v := range values {
			t := query.NewTermQuery(v)
			t.SetField(field)
			qs[i] = t
		}
		return query.NewDisjunctionQuery(qs)
	}
	if kinds == nil {
		kinds = []string{KindCourse, KindItem}
	}
	// A boolean query's filter clause must match but does not score:
	// ranking comes from the text alone.
	filters := []query.Query{terms(fKind, kinds)}
	if courseIDs != nil {
		filters = append(filters, terms(fCourse, courseIDs))
	}
	bq := query.NewBooleanQuery([]query.Query{match}, nil, nil)
	bq.AddFilter(query.NewConjunctionQuery(filters))
	return bq
}

// courseDocIDs lists the ids of every document of a course.
func (ix *Index) courseDocIDs(ctx context.Context, courseID string) ([]string, error) {
	t := query.NewTermQuery(courseID)
	t.SetField(fCourse)
	var out []string
	for from := 0; ; from += 1000 {
		res, err := ix.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(t, 1000, from, false))
		if err != nil {
			return nil, fmt.Errorf("search: documents of course %s: %w", courseID, err)
		}
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		if len(res.Hits) < 1000 {
			return out, nil
		}
	}
}
