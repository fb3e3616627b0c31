package ids

import (
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"
)

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

func TestNewMonotonicSameInstant(t *testing.T) {
	at := time.Date(2025, 3, 14, 9, 26, 53, 589_000_000, time.UTC)
	const n = 10_000
	prev := ""
	seen := make(map[string]struct{}, n)
	for i := 0; i < n; i++ {
		id := New(at)
		if len(id) != ulid.EncodedSize || !Valid(id) {
			t.Fatalf("call %d: %q is not a valid ULID", i, id)
		}
		if strings.Trim(id, crockford) != "" {
			t.Fatalf("call %d: %q has characters outside upper-case Crockford base32", i, id)
		}
		if id <= prev {
			t.Fatalf("call %d: %q does not sort after %q", i, id, prev)
		}
		if _, dup := seen[id]; dup {
			t.Fatalf("call %d: duplicate %q", i, id)
		}
		seen[id] = struct{}{}
		if got := ulid.MustParseStrict(id).Time(); got != ulid.Timestamp(at) {
			t.Fatalf("call %d: timestamp %d, want %d", i, got, ulid.Timestamp(at))
		}
		prev = id
	}
}

func TestNewSortsByTime(t *testing.T) {
	base := time.Date(2024, 8, 17, 10, 0, 0, 0, time.UTC)
	times := []time.Time{
		base.Add(72 * time.Hour),
		base,
		base.Add(time.Millisecond),
		base.Add(-24 * time.Hour),
		base.Add(365 * 24 * time.Hour),
		time.Unix(0, 0),
	}
	type pair struct {
		t  time.Time
		id string
	}
	// Generated in an order unrelated to their times.
	var pairs []pair
	for _, at := range times {
		pairs = append(pairs, pair{at, New(at)})
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].id < pairs[j].id })
	for i := 1; i < len(pairs); i++ {
		if !pairs[i-1].t.Before(pairs[i].t) {
			t.Errorf("%s (%s) sorts before %s (%s)", pairs[i-1].id, pairs[i-1].t, pairs[i].id, pairs[i].t)
		}
	}
	for _, p := range pairs {
		if got := ulid.Time(ulid.MustParseStrict(p.id).Time()); !got.Equal(p.t.Truncate(time.Millisecond)) {
			t.Errorf("%s carries %s, want %s", p.id, got, p.t)
		}
	}
}

func TestNewConcurrentUnique(t *testing.T) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	const workers, perWorker = 8, 500
	out := make([][]string, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				out[w] = append(out[w], New(at))
			}
		}(w)
	}
	wg.Wait()
	seen := map[string]bool{}
	for w, list := range out {
		for i, id := range list {
			if seen[id] {
				t.Fatalf("duplicate id %q", id)
			}
			seen[id] = true
			// Each goroutine's own ids are increasing.
			if i > 0 && id <= list[i-1] {
				t.Fatalf("worker %d: %q not after %q", w, id, list[i-1])
			}
		}
	}
}

func TestValid(t *testing.T) {
	fresh := New(time.Now())
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"fresh", fresh, true},
		{"canonical example", "01ARZ3NDEKTSV4RRFFQ69G5FAV", true},
		{"lower case", strings.ToLower("01ARZ3NDEKTSV4RRFFQ69G5FAV"), true},
		{"zero", "00000000000000000000000000", true},
		{"largest", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ", true},
		{"empty", "", false},
		{"too short", "01ARZ3NDEKTSV4RRFFQ69G5FA", false},
		{"too long", "01ARZ3NDEKTSV4RRFFQ69G5FAVX", false},
		{"timestamp overflow", "80000000000000000000000000", false},
		{"letter I", "01ARZ3NDEKTSV4RRFFQ69G5FAI", false},
		{"letter L", "01ARZ3NDEKTSV4RRFFQ69G5FAL", false},
		{"letter O", "01ARZ3NDEKTSV4RRFFQ69G5FAO", false},
		{"letter U", "01ARZ3NDEKTSV4RRFFQ69G5FAU", false},
		{"symbol", "01ARZ3NDEKTSV4RRFFQ69G5FA-", false},
		{"space", "01ARZ3NDEKTSV4RRFFQ69G5FA ", false},
		{"leading space", " 01ARZ3NDEKTSV4RRFFQ69G5FA", false},
		{"UUID", "0190f1b2-7c3a-7d4e-8f00-123456789abc", false},
		{"path traversal", "../../../../etc/passwd0000", false},
		{"non-ASCII", "01ARZ3NDEKTSV4RRFFQ69G5FÄ", false},
		{"NIK", "3273011508950001", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Valid(tc.in); got != tc.want {
				t.Errorf("Valid(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
