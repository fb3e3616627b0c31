// Package ids makes the product's identifiers: ULIDs, which sort by creation
// time so that DynamoDB range keys built from them list newest or oldest first
// without a second index.
package ids

import (
	"crypto/rand"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
)

var (
	mu      sync.Mutex
	entropy = ulid.Monotonic(rand.Reader, 0)
)

// New returns a new ULID for the given time, strictly increasing within one
// process even when called many times in the same millisecond.
func New(t time.Time) string {
	mu.Lock()
	defer mu.Unlock()
	return ulid.MustNew(ulid.Timestamp(t), entropy).String()
}

// Valid reports whether s is a well-formed ULID, so that handlers can refuse
// a malformed id in a path before touching storage.
func Valid(s string) bool {
	_, err := ulid.ParseStrict(s)
	return err == nil
}

// ValidUser accepts what a user id (a Cognito sub) looks like: at most 64
// letters, digits and hyphens, so a bad id is a 404 or a per-row answer,
// not a failed DynamoDB request.
func ValidUser(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r == '-' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) {
			return false
		}
	}
	return true
}
