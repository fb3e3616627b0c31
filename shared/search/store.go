package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"lms/shared/ids"
)

// ErrNotFound is returned by a SnapshotStore for a missing key.
var ErrNotFound = errors.New("search: snapshot not found")

// ErrConflict is returned by PointerStore.Advance when the pointer is no
// longer at the expected generation: another writer got there first.
var ErrConflict = errors.New("search: generation conflict")

// SnapshotStore keeps snapshot archives (S3 in the cloud). Keys are
// immutable: a key is written once and never overwritten.
type SnapshotStore interface {
	// Get opens the object at key, or returns ErrNotFound.
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	// Put writes size bytes from body at key. body is seekable so that an
	// S3 client can sign and retry the upload.
	Put(ctx context.Context, key string, body io.ReadSeeker, size int64) error
	// Delete removes the object at key; a missing key is no error.
	Delete(ctx context.Context, key string) error
}

// PointerStore keeps, per tenant, the generation and key of the current
// snapshot (one DynamoDB item in the cloud).
type PointerStore interface {
	// Current returns the tenant's current generation and snapshot key;
	// generation 0 and an empty key when the tenant has no index yet.
	Current(ctx context.Context, tenant string) (gen int64, key string, err error)
	// Advance moves the pointer from generation from to generation to with
	// key, only if it is still at from (a conditional write); otherwise it
	// returns ErrConflict.
	Advance(ctx context.Context, tenant string, from, to int64, key string) error
}

// SnapshotKey is the object key of a new snapshot of tenant at generation
// gen: "search/{tenant}/{gen, 12 digits}-{ULID}.idx". The ULID makes the key
// unique per attempt: two writers racing for the same generation must not
// overwrite each other's archive, or the winner's pointer could name the
// loser's content.
func SnapshotKey(tenant string, gen int64) string {
	return fmt.Sprintf("search/%s/%012d-%s.idx", tenant, gen, ids.New(time.Now()))
}

// MemorySnapshots is an in-memory SnapshotStore for tests.
type MemorySnapshots struct {
	mu      sync.Mutex
	objects map[string][]byte
}

// NewMemorySnapshots returns an empty store.
func NewMemorySnapshots() *MemorySnapshots {
	return &MemorySnapshots{objects: map[string][]byte{}}
}

// Get implements SnapshotStore.
func (m *MemorySnapshots) Get(_ context.Context, key string) (io.ReadCloser, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.objects[key]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// Put implements SnapshotStore.
func (m *MemorySnapshots) Put(_ context.Context, key string, body io.ReadSeeker, size int64) error {
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	if int64(len(b)) != size {
		return fmt.Errorf("memory snapshots: %s: read %d bytes, want %d", key, len(b), size)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.objects[key]; ok {
		return fmt.Errorf("memory snapshots: %s written twice", key)
	}
	m.objects[key] = b
	return nil
}

// Delete implements SnapshotStore.
func (m *MemorySnapshots) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.objects, key)
	return nil
}

// Keys lists the stored keys and their sizes.
func (m *MemorySnapshots) Keys() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]int, len(m.objects))
	for k, v := range m.objects {
		out[k] = len(v)
	}
	return out
}

// MemoryPointers is an in-memory PointerStore for tests.
type MemoryPointers struct {
	mu sync.Mutex
	m  map[string]memoryPointer
}

type memoryPointer struct {
	gen int64
	key string
}

// NewMemoryPointers returns an empty store.
func NewMemoryPointers() *MemoryPointers { return &MemoryPointers{m: map[string]memoryPointer{}} }

// Current implements PointerStore.
func (m *MemoryPointers) Current(_ context.Context, tenant string) (int64, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.m[tenant]
	return p.gen, p.key, nil
}

// Advance implements PointerStore.
func (m *MemoryPointers) Advance(_ context.Context, tenant string, from, to int64, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m[tenant].gen != from {
		return ErrConflict
	}
	m.m[tenant] = memoryPointer{gen: to, key: key}
	return nil
}
