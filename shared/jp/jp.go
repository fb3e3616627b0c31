// Package jp is the JP (jam pelajaran) ledger: every person's credit hours
// per tenant and year, fed by batch completions, approved external claims
// (PSPKM) and approved unit-organised trainings (PSPKU). Beside each
// person's entries it keeps one running total per person and year (with
// the JP earned in each month) in the tenant-year's partition, so the
// leadership dashboard reads a whole organisation in one Query.
//
// An entry and its total change in the same transaction; an entry is put
// only if absent and deleted only if present, so a source credited twice
// (a re-approval, a re-import, a retried request) never counts twice.
package jp

import (
	"fmt"
	"math"
	"time"

	"lms/shared/clock"
)

// Duty is the yearly minimum of every civil servant (PNS): 20 JP.
const Duty = 20

// MinutesPerJP is the length of one JP.
const MinutesPerJP = 45

// Source is what credited an entry.
type Source string

// Sources.
const (
	SourceBatch Source = "batch" // a completed batch (angkatan) of the tenant
	SourceClaim Source = "claim" // an approved external training claim (PSPKM)
	SourceUnit  Source = "unit"  // an approved unit-organised training (PSPKU)
)

// Entry is one line of a person's ledger.
type Entry struct {
	TenantID string `dynamodbav:"tenantId" json:"-"`
	UserID   string `dynamodbav:"userId" json:"-"`
	Year     int    `dynamodbav:"year" json:"year"`
	Source   Source `dynamodbav:"source" json:"source"`
	SourceID string `dynamodbav:"sourceId" json:"sourceId"`
	Name     string `dynamodbav:"name" json:"name"`
	JP       int    `dynamodbav:"jp" json:"jp"`
	// CompletedAt is when the training ended: it picks the year and month.
	CompletedAt time.Time `dynamodbav:"completedAt" json:"completedAt"`
	// BatchID and BatchName repeat SourceID and Name for batch entries
	// (the fields earlier clients read).
	BatchID   string `dynamodbav:"batchId,omitempty" json:"batchId,omitempty"`
	BatchName string `dynamodbav:"batchName,omitempty" json:"batchName,omitempty"`
}

// NewEntry builds an entry dated at completedAt (its year and month in WIB).
func NewEntry(tenantID, userID string, src Source, sourceID, name string, jp int, completedAt time.Time) Entry {
	e := Entry{TenantID: tenantID, UserID: userID, Year: completedAt.In(clock.Jakarta).Year(), Source: src,
		SourceID: sourceID, Name: name, JP: jp, CompletedAt: completedAt.UTC()}
	if src == SourceBatch {
		e.BatchID, e.BatchName = sourceID, name
	}
	return e
}

// Month is the entry's month in WIB (1-12).
func (e Entry) Month() int { return int(e.CompletedAt.In(clock.Jakarta).Month()) }

// FromMinutes converts a duration stated in minutes to whole JP. The rule
// (written down in docs/decisions/0010): a started JP does not count, so
// the result is rounded down; 44 minutes earn nothing, 90 minutes 2 JP.
func FromMinutes(minutes int) int {
	if minutes <= 0 {
		return 0
	}
	return minutes / MinutesPerJP
}

// FromHours converts hours as a certificate states them ("7,5 jam") to JP
// with FromMinutes' rule. Hours are first turned into whole minutes
// (rounded to the nearest minute) so that 0.75 h is 45 minutes, not 44.99.
func FromHours(hours float64) int {
	if hours <= 0 || math.IsNaN(hours) || math.IsInf(hours, 0) {
		return 0
	}
	return FromMinutes(int(math.Round(hours * 60)))
}

// Total is one person's JP in a tenant and year, with the JP earned in
// each month (index 0 = January, months in WIB).
type Total struct {
	UserID string
	Year   int
	JP     int
	Months [12]int
}

// UpTo is the JP earned from January to the end of month m (1-12).
func (t Total) UpTo(m int) int {
	sum := 0
	for i := 0; i < m && i < 12; i++ {
		sum += t.Months[i]
	}
	return sum
}

func monthAttr(m int) string { return fmt.Sprintf("m%02d", m) }
