// Package clock lets domain code ask for the time without calling time.Now,
// so tests can fix it.
package clock

import "time"

// Clock tells the current time in UTC.
type Clock interface {
	Now() time.Time
}

// System is the real clock.
type System struct{}

// Now returns the current UTC time.
func (System) Now() time.Time { return time.Now().UTC() }

// Fixed always answers the same instant.
type Fixed time.Time

// Now returns the fixed instant.
func (f Fixed) Now() time.Time { return time.Time(f).UTC() }

// Jakarta is the zone the UI shows times in (WIB, UTC+7, no daylight saving).
var Jakarta = time.FixedZone("WIB", 7*60*60)
