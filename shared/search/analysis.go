package search

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/id"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"lms/shared/search/stemmer"
)

// Names registered with bleve. They are written into every index's
// metadata, so they must never change meaning: a new analysis chain gets a
// new name and a new SchemaVersion.
const (
	// StemmerFilter is the token filter wrapping the ECS stemmer.
	StemmerFilter = "stemmer_id_ecs"
	// AnalyzerID is unicode tokenizer + lowercase + Indonesian and English
	// stop words + ECS stemmer.
	AnalyzerID = "id_ecs"
	// AnalyzerEN is bleve's "en" chain (possessive, lowercase, English stop
	// words, Porter) plus the Indonesian stop words.
	AnalyzerEN = "en_id"
)

// Both analyzers drop both stop-word lists. Every text is indexed twice,
// once per language, so a stop word of one language that the other field
// kept ("dan" is no English stop word, "the" no Indonesian one) would
// match on its own through the other field.

func init() {
	if err := registry.RegisterTokenFilter(StemmerFilter, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return stemFilter{stemmer.Default()}, nil
	}); err != nil {
		panic(err)
	}
}

// stemFilter replaces each token's term by its ECS root. Tokens marked as
// keywords are left alone, as bleve's own stemmers do.
type stemFilter struct{ s *stemmer.Stemmer }

func (f stemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if t.KeyWord {
			continue
		}
		if root := f.s.Stem(string(t.Term)); root != string(t.Term) {
			t.Term = []byte(root)
		}
	}
	return in
}

// Field names in the index. Title, body and tags are each indexed under an
// Indonesian and an English field; only the Indonesian one stores the text
// (snippets read it, and both fields share its token offsets because they
// share the tokenizer).
const (
	fTenant    = "tenantId"
	fCourse    = "courseId"
	fItem      = "itemId"
	fKind      = "kind"
	fTitle     = "title"
	fTitleEN   = "title_en"
	fBody      = "body"
	fBodyEN    = "body_en"
	fTags      = "tags"
	fTagsEN    = "tags_en"
	fUpdatedAt = "updatedAt"
)

// newMapping is the index mapping of every tenant index.
func newMapping() (mapping.IndexMapping, error) {
	im := mapping.NewIndexMapping()
	if err := im.AddCustomAnalyzer(AnalyzerID, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name, id.StopName, en.StopName, StemmerFilter},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(AnalyzerEN, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, en.StopName, id.StopName, porter.Name},
	}); err != nil {
		return nil, err
	}

	kw := func(name string, store bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Name, f.Store, f.Analyzer = name, store, keyword.Name
		f.IncludeInAll, f.IncludeTermVectors, f.DocValues = false, false, false
		return f
	}
	text := func(name, analyzer string, store, vectors bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Name, f.Analyzer, f.Store = name, analyzer, store
		// Term vectors give the hit's term offsets, from which snippets
		// are cut: only the body needs them, and they are a large part of
		// the index.
		f.IncludeTermVectors, f.IncludeInAll, f.DocValues = vectors, false, false
		return f
	}

	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fTenant, kw(fTenant, false))
	doc.AddFieldMappingsAt(fCourse, kw(fCourse, true))
	doc.AddFieldMappingsAt(fItem, kw(fItem, true))
	doc.AddFieldMappingsAt(fKind, kw(fKind, true))
	doc.AddFieldMappingsAt(fTitle, text(fTitle, AnalyzerID, true, false), text(fTitleEN, AnalyzerEN, false, false))
	doc.AddFieldMappingsAt(fBody, text(fBody, AnalyzerID, true, true), text(fBodyEN, AnalyzerEN, false, true))
	doc.AddFieldMappingsAt(fTags, text(fTags, AnalyzerID, false, false), text(fTagsEN, AnalyzerEN, false, false))
	updated := mapping.NewDateTimeFieldMapping()
	updated.Name, updated.Store, updated.IncludeInAll = fUpdatedAt, true, false
	doc.AddFieldMappingsAt(fUpdatedAt, updated)

	im.DefaultMapping = doc
	// BM25 rather than bleve's default TF-IDF: its length normalisation
	// keeps a long PDF from outranking a short item that is about the word.
	im.ScoringModel = "bm25"
	im.DefaultAnalyzer = AnalyzerID
	im.StoreDynamic, im.IndexDynamic, im.DocValuesDynamic = false, false, false
	return im, im.Validate()
}
