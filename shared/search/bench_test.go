package search

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"lms/shared/search/stemmer"
)

// corpus makes Indonesian-looking documents: words are dictionary roots
// dressed in common affixes, so that the analyzer does real stemming work.
type corpus struct {
	rng   *rand.Rand
	roots []string
}

func newCorpus(seed uint64) *corpus {
	var roots []string
	for _, w := range stemmer.Roots() {
		if len(w) >= 4 && len(w) <= 9 {
			roots = append(roots, w)
		}
	}
	// A Zipf-like vocabulary: a few thousand roots, the first ones common.
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	rng.Shuffle(len(roots), func(i, j int) { roots[i], roots[j] = roots[j], roots[i] })
	return &corpus{rng: rng, roots: roots[:5000]}
}

func (c *corpus) root() string {
	// Square of a uniform number: low indexes much more frequent.
	f := c.rng.Float64()
	return c.roots[int(f*f*float64(len(c.roots)))]
}

// affix dresses a root the way the language does, roughly.
func affix(rng *rand.Rand, r string) string {
	nasal := func(prefix string) string { // me-/pe- with the nasal's sandhi
		switch r[0] {
		case 'b', 'f', 'v':
			return prefix + "m" + r
		case 'p':
			return prefix + "m" + r[1:]
		case 'c', 'd', 'j', 'z':
			return prefix + "n" + r
		case 't':
			return prefix + "n" + r[1:]
		case 's':
			return prefix + "ny" + r[1:]
		case 'k':
			return prefix + "ng" + r[1:]
		case 'a', 'e', 'i', 'o', 'u', 'g', 'h':
			return prefix + "ng" + r
		}
		return prefix + r
	}
	switch rng.IntN(10) {
	case 0:
		return nasal("me")
	case 1:
		return nasal("me") + "kan"
	case 2:
		return nasal("pe") + "an"
	case 3:
		return "di" + r + "kan"
	case 4:
		return "ke" + r + "an"
	case 5:
		return "ber" + r
	case 6:
		return r + "nya"
	default:
		return r
	}
}

var fillers = []string{"dan", "yang", "untuk", "dengan", "dalam", "pada", "ini", "itu", "adalah", "dari"}

func (c *corpus) sentence(words int) string {
	var b strings.Builder
	for i := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		if c.rng.IntN(5) == 0 {
			b.WriteString(fillers[c.rng.IntN(len(fillers))])
			continue
		}
		b.WriteString(affix(c.rng, c.root()))
	}
	b.WriteByte('.')
	return b.String()
}

func (c *corpus) docs(n int, tenant string) []Document {
	docs := make([]Document, n)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range docs {
		var body strings.Builder
		for range 8 + c.rng.IntN(16) { // ~100 to ~300 words
			body.WriteString(c.sentence(8 + c.rng.IntN(8)))
			body.WriteByte(' ')
		}
		course := fmt.Sprintf("C%02d", c.rng.IntN(50))
		docs[i] = Document{ID: fmt.Sprintf("item#%05d", i), TenantID: tenant, CourseID: course,
			ItemID: fmt.Sprintf("%05d", i), Kind: KindItem, Title: c.sentence(3 + c.rng.IntN(4)),
			Body: body.String(), Tags: []string{c.root()}, UpdatedAt: at.Add(time.Duration(i) * time.Minute)}
	}
	return docs
}

// queries are one to three words, affixed or not, some with a course
// filter (a learner sees only the courses they joined).
func (c *corpus) queries(n int) []Query {
	qs := make([]Query, n)
	for i := range qs {
		words := make([]string, 1+c.rng.IntN(3))
		for j := range words {
			words[j] = affix(c.rng, c.root())
		}
		qs[i] = Query{Text: strings.Join(words, " "), Size: 10}
		if i%2 == 1 {
			qs[i].CourseIDs = []string{"C01", "C07", "C13", "C22", "C38"}
		}
	}
	return qs
}

var bench10k struct {
	once     sync.Once
	dir      string
	ix       *Index
	build    time.Duration
	snapshot int
	pack     time.Duration
	restore  time.Duration
	err      error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench10k.ix != nil {
		_ = bench10k.ix.Close()
	}
	if bench10k.dir != "" {
		_ = os.RemoveAll(bench10k.dir)
	}
	os.Exit(code)
}

// index10k builds the 10,000-document index once per test binary and
// measures its snapshot: size, packing time, and the time a cold reader
// needs to unpack and open it.
func index10k(b *testing.B) *Index {
	bench10k.once.Do(func() {
		s := &bench10k
		s.dir, s.err = os.MkdirTemp("", "search-bench-")
		if s.err != nil {
			return
		}
		docs := newCorpus(1).docs(10_000, "bench")
		start := time.Now()
		var ix *Index
		if ix, s.err = Create(filepath.Join(s.dir, "w"), "bench"); s.err != nil {
			return
		}
		for batch := range slices.Chunk(docs, 1000) {
			if s.err = ix.Upsert(batch...); s.err != nil {
				return
			}
		}
		if s.err = ix.compact(context.Background()); s.err != nil {
			return
		}
		if s.err = ix.Close(); s.err != nil {
			return
		}
		s.build = time.Since(start)

		start = time.Now()
		var buf bytes.Buffer
		if s.err = pack(filepath.Join(s.dir, "w"), &buf); s.err != nil {
			return
		}
		s.pack, s.snapshot = time.Since(start), buf.Len()
		start = time.Now()
		if s.err = unpack(&buf, filepath.Join(s.dir, "r"), MaxSnapshotBytes); s.err != nil {
			return
		}
		s.ix, s.err = Open(filepath.Join(s.dir, "r"), "bench", true)
		s.restore = time.Since(start)
	})
	if bench10k.err != nil {
		b.Fatal(bench10k.err)
	}
	return bench10k.ix
}

// BenchmarkSearch10k measures query latency on a 10,000-document index.
// One op is a fixed set of 200 queries; p50/p95 are over all queries run.
func BenchmarkSearch10k(b *testing.B) {
	ix := index10k(b)
	qs := newCorpus(2).queries(200)
	ctx := context.Background()
	var lat []time.Duration
	var hits uint64
	b.ResetTimer()
	for b.Loop() {
		for _, q := range qs {
			start := time.Now()
			res, err := ix.Search(ctx, q)
			lat = append(lat, time.Since(start))
			if err != nil {
				b.Fatal(err)
			}
			hits += res.Total
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(float64(hits)/float64(len(lat)), "hits/query")
	b.ReportMetric(float64(bench10k.snapshot)/(1<<20), "snapshot-MB")
	b.ReportMetric(bench10k.build.Seconds(), "build-s")
	b.ReportMetric(float64(bench10k.pack.Milliseconds()), "pack-ms")
	b.ReportMetric(float64(bench10k.restore.Milliseconds()), "unpack+open-ms")
}

// BenchmarkIndexThroughput indexes 2,000 documents in batches of 500 into
// a fresh index per op and reports documents per second.
func BenchmarkIndexThroughput(b *testing.B) {
	docs := newCorpus(3).docs(2000, "bench")
	var n int
	var spent time.Duration
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		ix, err := Create(filepath.Join(dir, "i"), "bench")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		for batch := range slices.Chunk(docs, 500) {
			if err := ix.Upsert(batch...); err != nil {
				b.Fatal(err)
			}
		}
		spent += time.Since(start)
		n += len(docs)
		b.StopTimer()
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n)/spent.Seconds(), "docs/s")
}

// BenchmarkApplyOne10k is the cost of one write to a 10,000-document
// tenant through the Manager, with the generation cached locally: copy,
// apply, merge, pack and upload (to memory), advance.
func BenchmarkApplyOne10k(b *testing.B) {
	index10k(b)
	ctx := context.Background()
	snaps, ptrs := NewMemorySnapshots(), NewMemoryPointers()
	var buf bytes.Buffer
	if err := pack(filepath.Join(bench10k.dir, "w"), &buf); err != nil {
		b.Fatal(err)
	}
	if err := snaps.Put(ctx, "seed", bytes.NewReader(buf.Bytes()), int64(buf.Len())); err != nil {
		b.Fatal(err)
	}
	if err := ptrs.Advance(ctx, "bench", 0, 1, "seed"); err != nil {
		b.Fatal(err)
	}
	m, err := NewManager(Config{Snapshots: snaps, Pointers: ptrs, Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	if _, err := m.Search(ctx, "bench", Query{Text: "x"}); err != nil { // warm the cache
		b.Fatal(err)
	}
	c := newCorpus(4)
	b.ResetTimer()
	for b.Loop() {
		if err := m.Apply(ctx, "bench", c.docs(1, "bench"), nil); err != nil {
			b.Fatal(err)
		}
	}
}
