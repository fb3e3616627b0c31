package search

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func newManager(t *testing.T, snaps SnapshotStore, ptrs PointerStore) *Manager {
	t.Helper()
	m, err := NewManager(Config{Snapshots: snaps, Pointers: ptrs, Dir: t.TempDir(), MaxAttempts: 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close() })
	return m
}

func mustSearch(t *testing.T, m *Manager, tenant, text string) Results {
	t.Helper()
	res, err := m.Search(context.Background(), tenant, Query{Text: text, Size: MaxSize})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func doc(tenant, id, body string) Document {
	return Document{ID: ItemDocID(id), TenantID: tenant, CourseID: "C1", ItemID: id, Kind: KindItem, Title: "Materi " + id, Body: body}
}

func TestManagerRoundTrip(t *testing.T) {
	ctx := context.Background()
	snaps, ptrs := NewMemorySnapshots(), NewMemoryPointers()
	a, b := newManager(t, snaps, ptrs), newManager(t, snaps, ptrs)

	if res := mustSearch(t, a, "T1", "pelatihan"); res.Total != 0 {
		t.Fatalf("no index yet: %+v", res)
	}
	if err := a.Apply(ctx, "T1", []Document{doc("T1", "1", "pelatihan keselamatan"), doc("T1", "2", "pelatihan geologi")}, nil); err != nil {
		t.Fatal(err)
	}
	if err := a.Apply(ctx, "T2", []Document{doc("T2", "9", "pelatihan lain")}, nil); err != nil {
		t.Fatal(err)
	}
	// b has nothing cached: it downloads generation 1.
	if res := mustSearch(t, b, "T1", "latih"); res.Total != 2 {
		t.Fatalf("b sees %d", res.Total)
	}
	if err := b.Apply(ctx, "T1", []Document{doc("T1", "3", "ujian geologi")}, []string{ItemDocID("1")}); err != nil {
		t.Fatal(err)
	}
	// a has generation 1 cached and must notice generation 2.
	res := mustSearch(t, a, "T1", "pelatihan geologi")
	if got := strings.Join(hitIDs(res), ","); got != "item#2,item#3" && got != "item#3,item#2" {
		t.Fatalf("a sees %v", got)
	}
	if gen, key, _ := ptrs.Current(ctx, "T1"); gen != 2 || !strings.HasPrefix(key, "search/T1/000000000002-") || !strings.HasSuffix(key, ".idx") {
		t.Fatalf("pointer %d %q", gen, key)
	}
	// One snapshot per tenant is left: superseded ones are deleted.
	keys := snaps.Keys()
	if len(keys) != 2 {
		t.Fatalf("snapshots %v", keys)
	}
	// Tenants stay apart.
	if res := mustSearch(t, b, "T2", "geologi"); res.Total != 0 {
		t.Fatalf("T2 sees T1: %+v", res)
	}
	if res := mustSearch(t, b, "T2", "pelatihan"); res.Total != 1 || res.Hits[0].ID != "item#9" {
		t.Fatalf("T2: %+v", res)
	}
	// A document of another tenant is refused before anything is written.
	if err := a.Apply(ctx, "T1", []Document{doc("T2", "x", "y")}, nil); !errors.Is(err, ErrInvalid) {
		t.Fatalf("cross-tenant document: %v", err)
	}
	if gen, _, _ := ptrs.Current(ctx, "T1"); gen != 2 {
		t.Fatalf("generation moved to %d", gen)
	}
	if _, err := a.Search(ctx, "../T1", Query{Text: "x"}); !errors.Is(err, ErrInvalidTenant) {
		t.Fatalf("bad tenant: %v", err)
	}
	if err := a.Apply(ctx, "T 1", []Document{doc("T 1", "x", "y")}, nil); !errors.Is(err, ErrInvalidTenant) {
		t.Fatalf("bad tenant: %v", err)
	}
}

// barrierPointers makes the first Current call of each of n writers wait
// until all n have read the pointer, so that they all build the same next
// generation and all but one lose the conditional advance.
type barrierPointers struct {
	PointerStore
	n         int
	mu        sync.Mutex
	armed     bool
	reads     int
	all       chan struct{}
	conflicts atomic.Int64
}

func (p *barrierPointers) Current(ctx context.Context, tenant string) (int64, string, error) {
	gen, key, err := p.PointerStore.Current(ctx, tenant)
	p.mu.Lock()
	wait := p.armed && p.reads < p.n
	if p.armed {
		p.reads++
		if p.reads == p.n {
			close(p.all)
		}
	}
	p.mu.Unlock()
	if wait {
		<-p.all
	}
	return gen, key, err
}

func (p *barrierPointers) Advance(ctx context.Context, tenant string, from, to int64, key string) error {
	err := p.PointerStore.Advance(ctx, tenant, from, to, key)
	if errors.Is(err, ErrConflict) {
		p.conflicts.Add(1)
	}
	return err
}

func TestManagerConcurrentWritersConflict(t *testing.T) {
	ctx := context.Background()
	snaps := NewMemorySnapshots()
	ptrs := &barrierPointers{PointerStore: NewMemoryPointers(), n: 2, all: make(chan struct{})}
	// Two managers with their own directories: two Lambda instances.
	a, b := newManager(t, snaps, ptrs), newManager(t, snaps, ptrs)
	// Both start from generation 1.
	if err := a.Apply(ctx, "T1", []Document{doc("T1", "0", "awal")}, nil); err != nil {
		t.Fatal(err)
	}
	ptrs.mu.Lock()
	ptrs.armed = true
	ptrs.mu.Unlock()

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, m := range []*Manager{a, b} {
		wg.Go(func() {
			var docs []Document
			for j := range 5 {
				docs = append(docs, doc("T1", fmt.Sprintf("w%d-%d", i, j), fmt.Sprintf("penulis%d pelatihan", i)))
			}
			errs[i] = m.Apply(ctx, "T1", docs, nil)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if ptrs.conflicts.Load() < 1 {
		t.Fatalf("no conflict happened")
	}
	if gen, _, _ := ptrs.Current(ctx, "T1"); gen != 3 {
		t.Fatalf("generation %d, want 3", gen)
	}
	for _, m := range []*Manager{a, b, newManager(t, snaps, ptrs)} {
		if res := mustSearch(t, m, "T1", "pelatihan"); res.Total != 10 {
			t.Fatalf("final generation has %d of the 10 documents", res.Total)
		}
	}
	if len(snaps.Keys()) != 1 {
		t.Fatalf("snapshots left: %v", snaps.Keys())
	}
}

func TestManagerManyWritersAndReaders(t *testing.T) {
	ctx := context.Background()
	snaps, ptrs := NewMemorySnapshots(), NewMemoryPointers()
	ms := []*Manager{newManager(t, snaps, ptrs), newManager(t, snaps, ptrs), newManager(t, snaps, ptrs)}
	const writers, writes = 3, 3
	var wg sync.WaitGroup
	var failed atomic.Value
	for mi, m := range ms {
		for w := range writers {
			wg.Go(func() {
				for k := range writes {
					id := fmt.Sprintf("m%d-w%d-%d", mi, w, k)
					if err := m.Apply(ctx, "T1", []Document{doc("T1", id, "modul pembelajaran "+id)}, nil); err != nil {
						failed.Store(err)
					}
				}
			})
		}
		wg.Go(func() { // a reader running alongside
			for range 10 {
				if _, err := m.Search(ctx, "T1", Query{Text: "belajar"}); err != nil {
					failed.Store(err)
				}
			}
		})
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		t.Fatal(err)
	}
	want := uint64(len(ms) * writers * writes)
	for _, m := range ms {
		if res := mustSearch(t, m, "T1", "belajar"); res.Total != want {
			t.Fatalf("%d documents, want %d", res.Total, want)
		}
	}
	if gen, _, _ := ptrs.Current(ctx, "T1"); gen != int64(want) {
		t.Fatalf("generation %d, want %d", gen, want)
	}
}

// stalePointers answers the first Current with a pointer saved earlier.
type stalePointers struct {
	PointerStore
	gen  int64
	key  string
	used atomic.Bool
}

func (p *stalePointers) Current(ctx context.Context, tenant string) (int64, string, error) {
	if p.gen != 0 && !p.used.Swap(true) {
		return p.gen, p.key, nil
	}
	return p.PointerStore.Current(ctx, tenant)
}

func TestManagerRereadsPointerWhenSnapshotWasSuperseded(t *testing.T) {
	ctx := context.Background()
	snaps, mem := NewMemorySnapshots(), NewMemoryPointers()
	w := newManager(t, snaps, mem)
	if err := w.Apply(ctx, "T1", []Document{doc("T1", "1", "satu")}, nil); err != nil {
		t.Fatal(err)
	}
	gen, key, _ := mem.Current(ctx, "T1")
	if err := w.Apply(ctx, "T1", []Document{doc("T1", "2", "dua")}, nil); err != nil {
		t.Fatal(err)
	}
	// A reader that read generation 1 just before it was superseded.
	r := newManager(t, snaps, &stalePointers{PointerStore: mem, gen: gen, key: key})
	if res := mustSearch(t, r, "T1", "dua"); res.Total != 1 {
		t.Fatalf("reader: %+v", res)
	}
	// Same for a writer.
	w2 := newManager(t, snaps, &stalePointers{PointerStore: mem, gen: gen, key: key})
	if err := w2.Apply(ctx, "T1", []Document{doc("T1", "3", "tiga")}, nil); err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, r, "T1", "satu dua tiga"); res.Total != 3 {
		t.Fatalf("after stale writer: %+v", res)
	}
}

type alwaysConflict struct{ PointerStore }

func (alwaysConflict) Advance(context.Context, string, int64, int64, string) error {
	return ErrConflict
}

func TestManagerGivesUpAfterMaxAttempts(t *testing.T) {
	snaps := NewMemorySnapshots()
	m, err := NewManager(Config{Snapshots: snaps, Pointers: alwaysConflict{NewMemoryPointers()}, Dir: t.TempDir(), MaxAttempts: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	err = m.Apply(context.Background(), "T1", []Document{doc("T1", "1", "x")}, nil)
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "3 attempts") {
		t.Fatalf("err %v", err)
	}
	if len(snaps.Keys()) != 0 {
		t.Fatalf("unreferenced uploads left: %v", snaps.Keys())
	}
}

func TestManagerCorruptSnapshot(t *testing.T) {
	ctx := context.Background()
	snaps, ptrs := NewMemorySnapshots(), NewMemoryPointers()
	if err := snaps.Put(ctx, "search/T1/bad.idx", bytes.NewReader([]byte("not an archive")), 14); err != nil {
		t.Fatal(err)
	}
	if err := ptrs.Advance(ctx, "T1", 0, 1, "search/T1/bad.idx"); err != nil {
		t.Fatal(err)
	}
	m := newManager(t, snaps, ptrs)
	if _, err := m.Search(ctx, "T1", Query{Text: "x"}); !errors.Is(err, ErrSnapshot) {
		t.Fatalf("search: %v", err)
	}
	if err := m.Apply(ctx, "T1", []Document{doc("T1", "1", "x")}, nil); !errors.Is(err, ErrSnapshot) {
		t.Fatalf("apply: %v", err)
	}
}

func tarZst(t *testing.T, entries ...tar.Header) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := zstd.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(zw)
	for _, h := range entries {
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			if _, err := tw.Write(bytes.Repeat([]byte("x"), int(h.Size))); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestUnpackRefusesBadArchives(t *testing.T) {
	for name, c := range map[string]struct {
		data []byte
		max  int64
	}{
		"escape":   {tarZst(t, tar.Header{Name: "../evil", Typeflag: tar.TypeReg, Size: 1, Mode: 0o600}), 100},
		"absolute": {tarZst(t, tar.Header{Name: "/etc/evil", Typeflag: tar.TypeReg, Size: 1, Mode: 0o600}), 100},
		"symlink":  {tarZst(t, tar.Header{Name: "link", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"}), 100},
		"too big":  {tarZst(t, tar.Header{Name: "a", Typeflag: tar.TypeReg, Size: 60, Mode: 0o600}, tar.Header{Name: "b", Typeflag: tar.TypeReg, Size: 60, Mode: 0o600}), 100},
		"empty":    {tarZst(t), 100},
		"not zstd": {[]byte("PK\x03\x04"), 100},
	} {
		if err := unpack(bytes.NewReader(c.data), filepath.Join(t.TempDir(), "x"), c.max); !errors.Is(err, ErrSnapshot) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestPackUnpackRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	c, err := Create(src, tenant)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Upsert(item("1", "C1", "Kurikulum", "isi kurikulum")); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pack(src, &buf); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "dst")
	if err := unpack(io.NopCloser(&buf), dst, MaxSnapshotBytes); err != nil {
		t.Fatal(err)
	}
	o, err := Open(dst, tenant, true)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if n, _ := o.Count(); n != 1 {
		t.Fatalf("count %d", n)
	}
}

func TestManagerEvictsLeastRecentlyUsedTenants(t *testing.T) {
	ctx := context.Background()
	snaps, ptrs := NewMemorySnapshots(), NewMemoryPointers()
	w := newManager(t, snaps, ptrs)
	for _, tn := range []string{"A", "B", "C"} {
		if err := w.Apply(ctx, tn, []Document{doc(tn, "1", "materi "+tn)}, nil); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	r, err := NewManager(Config{Snapshots: snaps, Pointers: ptrs, Dir: dir, MaxTenants: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	unpacked := func(tn string) int {
		entries, _ := os.ReadDir(filepath.Join(dir, tn))
		return len(entries)
	}
	for _, tn := range []string{"A", "B", "C"} {
		if res := mustSearch(t, r, tn, "materi"); res.Total != 1 {
			t.Fatalf("%s: %+v", tn, res)
		}
	}
	if unpacked("A") != 0 || unpacked("B") != 1 || unpacked("C") != 1 {
		t.Fatalf("unpacked: A %d, B %d, C %d", unpacked("A"), unpacked("B"), unpacked("C"))
	}
	if res := mustSearch(t, r, "A", "materi"); res.Total != 1 { // downloaded again
		t.Fatalf("A again: %+v", res)
	}
	if unpacked("B") != 0 {
		t.Fatalf("B not evicted")
	}
}

func TestManagerDeleteOnEmptyTenant(t *testing.T) {
	ctx := context.Background()
	snaps, ptrs := NewMemorySnapshots(), NewMemoryPointers()
	m := newManager(t, snaps, ptrs)
	if err := m.Apply(ctx, "T1", nil, []string{"item#x"}); err != nil {
		t.Fatal(err)
	}
	if gen, _, _ := ptrs.Current(ctx, "T1"); gen != 0 || len(snaps.Keys()) != 0 {
		t.Fatalf("generation %d, snapshots %v", gen, snaps.Keys())
	}
}

func TestManagerReplaceCourse(t *testing.T) {
	ctx := context.Background()
	m := newManager(t, NewMemorySnapshots(), NewMemoryPointers())
	other := Document{ID: ItemDocID("x"), TenantID: "T1", CourseID: "C2", ItemID: "x", Kind: KindItem, Title: "Geologi", Body: "pelatihan geologi"}
	if err := m.Apply(ctx, "T1", []Document{doc("T1", "1", "pelatihan keselamatan"), doc("T1", "2", "pelatihan tambang"), other}, nil); err != nil {
		t.Fatal(err)
	}
	// The course now has item 2 (changed) and 3 (new); item 1 is gone.
	if err := m.ReplaceCourse(ctx, "T1", "C1", []Document{doc("T1", "2", "pelatihan tambang bawah tanah"), doc("T1", "3", "pelatihan peledakan")}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(sortedIDs(mustSearch(t, m, "T1", "pelatihan")), ","); got != "item#2,item#3,item#x" {
		t.Fatalf("after replace: %s", got)
	}
	// With no documents the course leaves the index; other courses stay.
	if err := m.ReplaceCourse(ctx, "T1", "C1", nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(sortedIDs(mustSearch(t, m, "T1", "pelatihan")), ","); got != "item#x" {
		t.Fatalf("after removing the course: %s", got)
	}
	if err := m.ReplaceCourse(ctx, "T1", "C1", []Document{other}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a document of another course: %v", err)
	}
}

func sortedIDs(r Results) []string {
	ids := hitIDs(r)
	sort.Strings(ids)
	return ids
}
