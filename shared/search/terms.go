package search

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
)

var (
	termsOnce     sync.Once
	termsAnalyzer analysis.Analyzer
	termsErr      error
)

// Terms returns the distinct terms the index's Indonesian analysis makes
// of text (lower-cased, stop words dropped, ECS roots), in order of first
// appearance: what a query or a document contributes to the id_ecs
// fields. Callers measure how much of a question a hit covers with it.
func Terms(text string) []string {
	termsOnce.Do(func() {
		var im mapping.IndexMapping
		if im, termsErr = newMapping(); termsErr == nil {
			if termsAnalyzer = im.AnalyzerNamed(AnalyzerID); termsAnalyzer == nil {
				termsErr = ErrSchema
			}
		}
	})
	if termsErr != nil || text == "" {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, tok := range termsAnalyzer.Analyze([]byte(truncate(text, MaxBodyBytes))) {
		t := string(tok.Term)
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
