package search

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Config configures a Manager.
type Config struct {
	Snapshots SnapshotStore
	Pointers  PointerStore
	// Dir is the local working directory (in Lambda, under /tmp). It
	// belongs to this Manager alone: a tenant's subdirectory is emptied the
	// first time the Manager touches the tenant, removing what an earlier
	// process left behind.
	Dir string
	// MaxAttempts bounds Apply's optimistic-concurrency retries (default 5).
	MaxAttempts int
	// PointerTTL lets Search reuse a tenant's pointer read that long ago
	// instead of reading it again (default 0: read on every search, so a
	// search sees every completed write).
	PointerTTL time.Duration
	// MaxTenants bounds the tenants whose index stays open and unpacked in
	// Dir (default 8); the least recently used one is dropped beyond it.
	// Size the function's ephemeral storage for MaxTenants unpacked
	// indexes plus a writer's copy and archive of the largest.
	MaxTenants int
	// Log receives warnings about best-effort clean-up; nil discards them.
	Log *slog.Logger
}

// Manager serves searches and writes of many tenants' indexes kept as
// snapshots in a SnapshotStore, with the current snapshot named by a
// PointerStore.
//
// Storage layout: a snapshot is the whole scorch directory of a tenant's
// index packed into one archive at an immutable key (SnapshotKey:
// search/{tenant}/{generation}-{ULID}.idx). The tenant's pointer record
// holds the current generation and its key.
//
// Writers (Apply) use optimistic concurrency: read the pointer
// (generation g), check out g (a copy of the locally cached g, or a
// download), apply the changes, upload the result as a new key for g+1,
// then advance the pointer from g to g+1 with a conditional write. If
// another writer advanced it first, the upload is deleted, and the writer
// starts again from the new generation, up to MaxAttempts times. Writers of
// one tenant in one process take turns; across processes the conditional
// write decides (and the index function's event source can be made serial
// per tenant to make conflicts rare).
//
// After a successful advance the superseded snapshot is deleted, so a
// tenant keeps one snapshot. A reader or writer that read the old pointer
// and finds its snapshot gone reads the pointer again. What only a crash can
// leave behind (an upload whose pointer advance never happened) is not
// referenced by any pointer; it can be swept by listing search/{tenant}/
// for keys other than the current one and older than an hour. An S3
// lifecycle rule that expires objects by age alone must not be used: an
// idle tenant's current snapshot is old too.
//
// Readers (Search) read the pointer and search the locally cached copy of
// that generation, downloading and unpacking it into Dir when the cache is
// older. A cached generation is replaced, closed and removed from disk when
// a newer one is installed and its last search has finished.
//
// A Manager is safe for concurrent use.
type Manager struct {
	cfg     Config
	mu      sync.Mutex
	tenants map[string]*tenantCache
	seq     atomic.Uint64
}

// NewManager checks cfg and creates Dir.
func NewManager(cfg Config) (*Manager, error) {
	if cfg.Snapshots == nil || cfg.Pointers == nil || cfg.Dir == "" {
		return nil, errors.New("search: manager needs snapshots, pointers and a directory")
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 5
	}
	if cfg.MaxTenants <= 0 {
		cfg.MaxTenants = 8
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return &Manager{cfg: cfg, tenants: map[string]*tenantCache{}}, nil
}

// tenantCache is a tenant's local state.
type tenantCache struct {
	dir   string
	write sync.Mutex // one writer at a time per tenant in this process
	load  sync.Mutex // one download at a time per tenant

	mu      sync.Mutex
	cur     *generation // newest opened generation, read-only
	lastUse time.Time
	ptrGen  int64
	ptrKey  string
	ptrRead time.Time
}

// generation is an opened, read-only copy of one snapshot.
type generation struct {
	gen     int64
	dir     string
	ix      *Index
	refs    int  // searches (and checkouts) using it
	retired bool // a newer generation replaced it
}

func (m *Manager) tenant(t string) (*tenantCache, error) {
	if err := validTenant(t); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if tc := m.tenants[t]; tc != nil {
		return tc, nil
	}
	dir := filepath.Join(m.cfg.Dir, t)
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	tc := &tenantCache{dir: dir}
	m.tenants[t] = tc
	return tc, nil
}

func (m *Manager) newDir(tc *tenantCache, kind string, gen int64) string {
	return filepath.Join(tc.dir, fmt.Sprintf("%s-%d-%d", kind, gen, m.seq.Add(1)))
}

// Search runs q on tenant's current index. A tenant without an index has
// no hits.
func (m *Manager) Search(ctx context.Context, tenant string, q Query) (Results, error) {
	tc, err := m.tenant(tenant)
	if err != nil {
		return Results{}, err
	}
	for attempt := 0; ; attempt++ {
		gen, key, err := m.pointer(ctx, tc, tenant, attempt > 0)
		if err != nil {
			return Results{}, err
		}
		if gen == 0 {
			return Results{}, nil
		}
		g, err := m.acquire(ctx, tc, tenant, gen, key)
		if errors.Is(err, ErrNotFound) && attempt < 3 {
			continue // superseded and deleted after we read the pointer
		}
		if err != nil {
			return Results{}, err
		}
		res, err := g.ix.Search(ctx, q)
		m.release(tc, g)
		return res, err
	}
}

// pointer reads the tenant's pointer, or reuses a read younger than
// PointerTTL.
func (m *Manager) pointer(ctx context.Context, tc *tenantCache, tenant string, fresh bool) (int64, string, error) {
	if m.cfg.PointerTTL > 0 && !fresh {
		tc.mu.Lock()
		gen, key, at := tc.ptrGen, tc.ptrKey, tc.ptrRead
		tc.mu.Unlock()
		if !at.IsZero() && time.Since(at) < m.cfg.PointerTTL {
			return gen, key, nil
		}
	}
	gen, key, err := m.cfg.Pointers.Current(ctx, tenant)
	if err != nil {
		return 0, "", fmt.Errorf("search: read pointer: %w", err)
	}
	tc.mu.Lock()
	tc.ptrGen, tc.ptrKey, tc.ptrRead = gen, key, time.Now()
	tc.mu.Unlock()
	return gen, key, nil
}

// use takes a reference on the cached generation if it is gen or newer.
func (tc *tenantCache) use(gen int64) *generation {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if g := tc.cur; g != nil && g.gen >= gen {
		g.refs++
		tc.lastUse = time.Now()
		return g
	}
	return nil
}

// acquire returns generation gen (or a newer one) opened, with a
// reference the caller must release.
func (m *Manager) acquire(ctx context.Context, tc *tenantCache, tenant string, gen int64, key string) (*generation, error) {
	if g := tc.use(gen); g != nil {
		return g, nil
	}
	tc.load.Lock()
	defer tc.load.Unlock()
	if g := tc.use(gen); g != nil { // loaded while we waited
		return g, nil
	}
	dir := m.newDir(tc, "g", gen)
	if err := m.download(ctx, key, dir); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	ix, err := Open(dir, tenant, true)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	g := &generation{gen: gen, dir: dir, ix: ix}
	m.install(tc, g, true)
	m.evict()
	return g, nil
}

// install makes g the tenant's cached generation unless a newer one is
// already there, in which case g is only kept for the caller's reference.
func (m *Manager) install(tc *tenantCache, g *generation, acquire bool) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if acquire {
		g.refs++
	}
	tc.lastUse = time.Now()
	if old := tc.cur; old == nil || g.gen > old.gen {
		tc.cur = g
		if old != nil {
			old.retired = true
			m.closeIfIdle(old)
		}
		return
	}
	g.retired = true
	m.closeIfIdle(g)
}

// evict drops the least recently used tenants' indexes beyond
// MaxTenants. An index in use is closed when its last search ends.
func (m *Manager) evict() {
	m.mu.Lock()
	defer m.mu.Unlock()
	type open struct {
		tc   *tenantCache
		used time.Time
	}
	var opened []open
	for _, tc := range m.tenants {
		tc.mu.Lock()
		if tc.cur != nil {
			opened = append(opened, open{tc, tc.lastUse})
		}
		tc.mu.Unlock()
	}
	if len(opened) <= m.cfg.MaxTenants {
		return
	}
	slices.SortFunc(opened, func(a, b open) int { return a.used.Compare(b.used) })
	for _, o := range opened[:len(opened)-m.cfg.MaxTenants] {
		o.tc.mu.Lock()
		if g := o.tc.cur; g != nil {
			g.retired = true
			o.tc.cur = nil
			m.closeIfIdle(g)
		}
		o.tc.mu.Unlock()
	}
}

func (m *Manager) release(tc *tenantCache, g *generation) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	g.refs--
	m.closeIfIdle(g)
}

// closeIfIdle closes and removes a retired generation nobody uses; tc.mu
// is held.
func (m *Manager) closeIfIdle(g *generation) {
	if !g.retired || g.refs > 0 || g.ix == nil {
		return
	}
	if err := g.ix.Close(); err != nil {
		m.cfg.Log.Warn("search: close retired index", "dir", g.dir, "error", err)
	}
	g.ix = nil
	if err := os.RemoveAll(g.dir); err != nil {
		m.cfg.Log.Warn("search: remove retired index", "dir", g.dir, "error", err)
	}
}

func (m *Manager) download(ctx context.Context, key, dir string) error {
	rc, err := m.cfg.Snapshots.Get(ctx, key)
	if err != nil {
		return fmt.Errorf("search: get snapshot %s: %w", key, err)
	}
	defer rc.Close()
	if err := unpack(rc, dir, MaxSnapshotBytes); err != nil {
		return fmt.Errorf("search: unpack snapshot %s: %w", key, err)
	}
	return nil
}

// Apply upserts and deletes documents in tenant's index as one new
// generation, retrying on conflicts with other writers (see Manager). It
// returns an error wrapping ErrConflict when MaxAttempts were not enough.
func (m *Manager) Apply(ctx context.Context, tenant string, upserts []Document, deletes []string) error {
	if len(upserts) == 0 && len(deletes) == 0 {
		return nil
	}
	return m.apply(ctx, tenant, upserts, deletes, nil)
}

// ReplaceCourse makes a course's documents exactly docs, in one new
// generation: documents of the course not in docs (items it no longer
// has) are deleted. With no docs, the course leaves the index.
func (m *Manager) ReplaceCourse(ctx context.Context, tenant, courseID string, docs []Document) error {
	return m.ReplaceCourses(ctx, tenant, map[string][]Document{courseID: docs})
}

// ReplaceCourses is ReplaceCourse for several courses in one generation:
// a burst of course changes (a re-index of the whole tenant) costs one
// snapshot, not one per course.
func (m *Manager) ReplaceCourses(ctx context.Context, tenant string, courses map[string][]Document) error {
	var all []Document
	var replace []string
	for courseID, docs := range courses {
		for _, d := range docs {
			if d.CourseID != courseID {
				return fmt.Errorf("%w: document %s is not of course %s", ErrInvalid, d.ID, courseID)
			}
		}
		all = append(all, docs...)
		replace = append(replace, courseID)
	}
	if len(replace) == 0 {
		return nil
	}
	return m.apply(ctx, tenant, all, nil, replace)
}

func (m *Manager) apply(ctx context.Context, tenant string, upserts []Document, deletes []string, replace []string) error {
	tc, err := m.tenant(tenant)
	if err != nil {
		return err
	}
	for _, d := range upserts { // before any download
		if err := checkDocument(tenant, d); err != nil {
			return err
		}
	}
	tc.write.Lock()
	defer tc.write.Unlock()
	for attempt := 1; ; attempt++ {
		err := m.applyOnce(ctx, tc, tenant, upserts, deletes, replace)
		if !errors.Is(err, ErrConflict) {
			return err
		}
		if attempt == m.cfg.MaxAttempts {
			return fmt.Errorf("search: apply to tenant %s: %d attempts: %w", tenant, attempt, err)
		}
		// Jittered exponential backoff, so racing writers spread out.
		d := time.Duration(float64(25*time.Millisecond<<(attempt-1)) * (0.5 + rand.Float64()))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(min(d, time.Second)):
		}
	}
}

// applyOnce is one optimistic attempt: check out the current generation,
// change it, upload it, advance the pointer.
func (m *Manager) applyOnce(ctx context.Context, tc *tenantCache, tenant string, upserts []Document, deletes []string, replace []string) error {
	gen, oldKey, err := m.cfg.Pointers.Current(ctx, tenant)
	if err != nil {
		return fmt.Errorf("search: read pointer: %w", err)
	}
	work := m.newDir(tc, "w", gen+1)
	keep := false
	defer func() {
		if !keep {
			_ = os.RemoveAll(work)
		}
	}()

	var ix *Index
	if gen == 0 && len(upserts) == 0 {
		return nil // nothing to delete from
	}
	if gen == 0 {
		ix, err = Create(work, tenant)
	} else if err = m.checkout(ctx, tc, gen, oldKey, work); err == nil {
		ix, err = Open(work, tenant, false)
	}
	if errors.Is(err, ErrNotFound) {
		// Superseded and deleted since we read the pointer: someone else
		// advanced it.
		return fmt.Errorf("%w: %v", ErrConflict, err)
	}
	if err != nil {
		return err
	}
	if len(replace) > 0 {
		keep := make(map[string]bool, len(upserts))
		for _, d := range upserts {
			keep[d.ID] = true
		}
		deletes = deletes[:0:0]
		for _, courseID := range replace {
			var ids []string
			if ids, err = ix.courseDocIDs(ctx, courseID); err != nil {
				break
			}
			for _, id := range ids {
				if !keep[id] {
					deletes = append(deletes, id)
				}
			}
		}
	}
	if err == nil {
		err = ix.Apply(upserts, deletes)
	}
	if err == nil {
		err = ix.compact(ctx)
	}
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}

	archive := work + ".idx"
	defer os.Remove(archive)
	size, err := packFile(work, archive)
	if err != nil {
		return err
	}
	f, err := os.Open(archive)
	if err != nil {
		return err
	}
	defer f.Close()
	key := SnapshotKey(tenant, gen+1)
	if err := m.cfg.Snapshots.Put(ctx, key, f, size); err != nil {
		return fmt.Errorf("search: put snapshot %s: %w", key, err)
	}
	if err := m.cfg.Pointers.Advance(ctx, tenant, gen, gen+1, key); err != nil {
		// Never referenced: remove it whatever the reason.
		if derr := m.cfg.Snapshots.Delete(context.WithoutCancel(ctx), key); derr != nil {
			m.cfg.Log.Warn("search: delete unused snapshot", "key", key, "error", derr)
		}
		if errors.Is(err, ErrConflict) {
			return err
		}
		return fmt.Errorf("search: advance pointer: %w", err)
	}
	if oldKey != "" {
		if err := m.cfg.Snapshots.Delete(context.WithoutCancel(ctx), oldKey); err != nil {
			m.cfg.Log.Warn("search: delete superseded snapshot", "key", oldKey, "error", err)
		}
	}
	// The working copy is generation gen+1: serve searches from it rather
	// than download what we just uploaded.
	if ro, err := Open(work, tenant, true); err == nil {
		keep = true
		m.install(tc, &generation{gen: gen + 1, dir: work, ix: ro}, false)
		m.evict()
	}
	return nil
}

// checkout puts a writable copy of generation gen into work: a copy of the
// cached generation when it is that one, else a download.
func (m *Manager) checkout(ctx context.Context, tc *tenantCache, gen int64, key, work string) error {
	tc.mu.Lock()
	g := tc.cur
	if g != nil && g.gen == gen {
		g.refs++
	} else {
		g = nil
	}
	tc.mu.Unlock()
	if g == nil {
		return m.download(ctx, key, work)
	}
	defer m.release(tc, g)
	if err := copyDir(g.dir, work); err != nil {
		return fmt.Errorf("search: copy cached index: %w", err)
	}
	return nil
}

func packFile(dir, archive string) (int64, error) {
	f, err := os.OpenFile(archive, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, err
	}
	err = pack(dir, f)
	size, serr := f.Seek(0, io.SeekCurrent)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = serr
	}
	return size, err
}

// Close closes every cached index. The Manager must not be used after.
func (m *Manager) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	var errs []error
	for _, tc := range m.tenants {
		tc.mu.Lock()
		if g := tc.cur; g != nil && g.ix != nil {
			errs = append(errs, g.ix.Close())
			g.ix = nil
		}
		tc.cur = nil
		tc.mu.Unlock()
	}
	return errors.Join(errs...)
}
