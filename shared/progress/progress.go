// Package progress records what learners do with a course's items and
// keeps each learner's course summary (my learning). Reports are merged so
// that order does not matter: a repeated or late report never undoes a
// completion or lowers time spent, and two devices at once never lose each
// other's time, because time is kept per device as a running maximum.
package progress

import (
	"sort"
	"time"
)

// MaxDevices bounds the per-device time map of one item; time from further
// devices is folded into the smallest entry's device so totals stay right.
const MaxDevices = 20

// Report is one progress report from a device.
type Report struct {
	DeviceID string
	// SessionSeconds is the device's running total of time on the item; a
	// device sends ever larger values, so a repeated report changes nothing.
	SessionSeconds  int
	PositionSeconds int
	Completed       bool
	// At is when the device made the report: it orders resume positions.
	At time.Time
}

// Item is a learner's progress on one item.
type Item struct {
	TenantID        string         `dynamodbav:"tenantId" json:"-"`
	UserID          string         `dynamodbav:"userId" json:"userId"`
	CourseID        string         `dynamodbav:"courseId" json:"-"`
	ItemID          string         `dynamodbav:"itemId" json:"itemId"`
	Devices         map[string]int `dynamodbav:"devices" json:"-"`
	TimeSpent       int            `dynamodbav:"timeSpentSeconds" json:"timeSpentSeconds"`
	PositionSeconds int            `dynamodbav:"positionSeconds" json:"positionSeconds"`
	PositionAt      time.Time      `dynamodbav:"positionAt" json:"-"`
	Completed       bool           `dynamodbav:"completed" json:"completed"`
	CompletedAt     time.Time      `dynamodbav:"completedAt,omitempty" json:"completedAt,omitzero"`
	FirstOpenedAt   time.Time      `dynamodbav:"firstOpenedAt" json:"firstOpenedAt"`
	LastAt          time.Time      `dynamodbav:"lastAt" json:"lastAt"`
	Version         int            `dynamodbav:"version" json:"-"`
}

// Merge applies a report received at now and returns the new state.
func Merge(old Item, r Report, now time.Time) Item {
	it := old
	it.Devices = make(map[string]int, len(old.Devices)+1)
	for d, s := range old.Devices {
		it.Devices[d] = s
	}
	if cur, ok := it.Devices[r.DeviceID]; ok || len(it.Devices) < MaxDevices {
		it.Devices[r.DeviceID] = max(cur, r.SessionSeconds)
	} else {
		// Too many devices: credit the growth to the smallest entry so the
		// total never drops (an approximation only past MaxDevices).
		keys := make([]string, 0, len(it.Devices))
		for d := range it.Devices {
			keys = append(keys, d)
		}
		sort.Slice(keys, func(i, j int) bool { return it.Devices[keys[i]] < it.Devices[keys[j]] })
		it.Devices[keys[0]] = max(it.Devices[keys[0]], r.SessionSeconds)
	}
	it.TimeSpent = 0
	for _, s := range it.Devices {
		it.TimeSpent += s
	}
	if it.FirstOpenedAt.IsZero() {
		it.FirstOpenedAt = now
	}
	if now.After(it.LastAt) {
		it.LastAt = now
	}
	if !r.At.Before(it.PositionAt) {
		it.PositionSeconds, it.PositionAt = r.PositionSeconds, r.At
	}
	if r.Completed && !it.Completed {
		it.Completed, it.CompletedAt = true, now
	}
	it.Version = old.Version + 1
	return it
}

// Learning is a learner's summary of one course: what "my learning"
// lists, and the proof of access (written when a batch enrolls them).
type Learning struct {
	TenantID       string    `dynamodbav:"tenantId" json:"tenantId"`
	UserID         string    `dynamodbav:"userId" json:"userId"`
	CourseID       string    `dynamodbav:"courseId" json:"courseId"`
	CourseTitle    string    `dynamodbav:"courseTitle" json:"courseTitle"`
	CourseCode     string    `dynamodbav:"courseCode" json:"courseCode"`
	JP             int       `dynamodbav:"jp" json:"jp"`
	Sources        []string  `dynamodbav:"sources" json:"sources"`  // batch ids that granted access, once per enrollment
	RevokedSources []string  `dynamodbav:"revokedSources" json:"-"` // once per withdrawal
	GrantedAt      time.Time `dynamodbav:"grantedAt" json:"grantedAt"`
	CompletedItems []string  `dynamodbav:"completedItems" json:"-"`
	RequiredTotal  int       `dynamodbav:"requiredTotal" json:"requiredTotal"`
	RequiredDone   int       `dynamodbav:"requiredDone" json:"requiredDone"`
	Percent        int       `dynamodbav:"percent" json:"percent"`
	TimeSpent      int       `dynamodbav:"timeSpentSeconds" json:"timeSpentSeconds"`
	// ItemSeconds is each item's time as counted in TimeSpent (their sum):
	// the summary knows what it has counted, so a report that only adds
	// time can update it on its own, conditioned on this item's entry,
	// without a transaction (see Store.Save). Nil on a summary no report
	// has touched yet, and on summaries written before it existed (those
	// keep the transactional path).
	ItemSeconds  map[string]int `dynamodbav:"itemSeconds" json:"-"`
	LastItemID   string         `dynamodbav:"lastItemId,omitempty" json:"lastItemId,omitempty"`
	LastAccessAt time.Time      `dynamodbav:"lastAccessAt,omitempty" json:"lastAccessAt,omitzero"`
	CompletedAt  time.Time      `dynamodbav:"completedAt,omitempty" json:"completedAt,omitzero"`
	Version      int            `dynamodbav:"version" json:"-"`

	// read is the summary Apply started from: Save compares against it to
	// write only what changed.
	read *Learning
}

// Apply folds an item's new state into the summary. required lists the
// course's current required items, so a course that gained or lost items
// is counted against what it asks now.
func Apply(l Learning, before, after Item, required []string, now time.Time) Learning {
	out := l
	read := l
	read.read = nil
	out.read = &read
	if l.ItemSeconds != nil || l.TimeSpent == 0 {
		// Counted per item (a summary with no time yet starts counting so).
		out.ItemSeconds = make(map[string]int, len(l.ItemSeconds)+1)
		out.TimeSpent = 0
		for id, secs := range l.ItemSeconds {
			out.ItemSeconds[id] = secs
		}
		// An item's time never decreases (Merge keeps maxima).
		out.ItemSeconds[after.ItemID] = max(out.ItemSeconds[after.ItemID], after.TimeSpent)
		for _, secs := range out.ItemSeconds {
			out.TimeSpent += secs
		}
	} else {
		// A summary from before per-item counting: add the difference.
		out.TimeSpent += after.TimeSpent - before.TimeSpent
	}
	out.LastItemID, out.LastAccessAt = after.ItemID, now
	if after.Completed && !contains(l.CompletedItems, after.ItemID) {
		out.CompletedItems = append(append([]string(nil), l.CompletedItems...), after.ItemID)
	}
	Recount(&out, required, now)
	out.Version = l.Version + 1
	return out
}

// Recount sets the required totals and percentage against the course's
// current required items; the course completes once, the first time
// every required item is done.
func Recount(l *Learning, required []string, now time.Time) {
	l.RequiredTotal, l.RequiredDone = len(required), 0
	for _, id := range required {
		if contains(l.CompletedItems, id) {
			l.RequiredDone++
		}
	}
	l.Percent = 100
	if l.RequiredTotal > 0 {
		l.Percent = l.RequiredDone * 100 / l.RequiredTotal
	}
	if l.Percent == 100 && l.CompletedAt.IsZero() && l.RequiredTotal > 0 {
		l.CompletedAt = now
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// HasAccess reports whether some source still grants the course: a batch
// granted it more often than withdrawals took it back (a participant who
// withdrew and enrolled again has access; one who withdrew has not; one
// whose other batch still grants it keeps it).
func (l Learning) HasAccess() bool {
	count := map[string]int{}
	for _, s := range l.Sources {
		count[s]++
	}
	for _, s := range l.RevokedSources {
		count[s]--
	}
	for _, n := range count {
		if n > 0 {
			return true
		}
	}
	return false
}
