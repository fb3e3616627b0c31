package search

import (
	"errors"
	"fmt"
)

// ErrInvalidTenant is returned for a tenant id that cannot name a local
// directory or an object key safely.
var ErrInvalidTenant = errors.New("search: invalid tenant id")

// validTenant accepts the ids the platform makes (ULIDs) and other plain
// ids: letters, digits, '-' and '_', at most 128 bytes. Tenant ids become
// path elements of the local cache and of snapshot keys, so nothing else
// (no '/', no "..") gets through.
func validTenant(t string) error {
	if t == "" || len(t) > 128 {
		return fmt.Errorf("%w: %q", ErrInvalidTenant, t)
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return fmt.Errorf("%w: %q", ErrInvalidTenant, t)
		}
	}
	return nil
}
