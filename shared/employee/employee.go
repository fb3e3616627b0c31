// Package employee holds a tenant's organisation as its HR system knows it:
// work units (satuan kerja) and the civil servants (pegawai) in them, by
// NIP, with position and rank, plus the duties the competency-development
// office gives some of them (verifier of claims, unit coordinator, leader
// who receives the dashboard). The roster is what the 20 JP duty is
// measured against: learners who are not employees (non-ASN) are not in it.
package employee

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Duty is a task in competency development someone holds in a tenant,
// beside their role.
type Duty string

// Duties.
const (
	// DutyVerifier checks external training claims (PSPKM) and
	// unit-organised trainings (PSPKU).
	DutyVerifier Duty = "verifier"
	// DutyCoordinator files the unit-organised trainings of their unit.
	DutyCoordinator Duty = "coordinator"
	// DutyLeader receives the dashboard and its monthly report.
	DutyLeader Duty = "leader"
)

// Valid reports whether d is a known duty.
func (d Duty) Valid() bool { return d == DutyVerifier || d == DutyCoordinator || d == DutyLeader }

// Unit is a work unit. Its id is the HR system's unit code (upper case),
// so that every HR export names the same unit the same way; an export that
// carries only names gets codes made from them (CodeFromName).
type Unit struct {
	TenantID  string    `dynamodbav:"tenantId" json:"-"`
	ID        string    `dynamodbav:"id" json:"id"`
	Name      string    `dynamodbav:"name" json:"name"`
	CreatedAt time.Time `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt time.Time `dynamodbav:"updatedAt" json:"updatedAt"`
	Version   int       `dynamodbav:"version" json:"version"`
}

// Employee is one civil servant in a tenant's roster.
type Employee struct {
	TenantID string `dynamodbav:"tenantId" json:"-"`
	NIP      string `dynamodbav:"nip" json:"nip"`
	// UserID is the person's platform account (created by the HR import
	// when missing), so their JP ledger and claims find them.
	UserID   string `dynamodbav:"userId" json:"userId"`
	Name     string `dynamodbav:"name" json:"name"`
	UnitID   string `dynamodbav:"unitId" json:"unitId"`
	Position string `dynamodbav:"position" json:"position"` // jabatan
	Rank     string `dynamodbav:"rank" json:"rank"`         // pangkat/golongan
	Duties   []Duty `dynamodbav:"duties" json:"duties"`
	// ImportedAt is the start of the HR import that last wrote the
	// record: an import never overwrites a record a later import wrote.
	ImportedAt time.Time `dynamodbav:"importedAt" json:"importedAt"`
	UpdatedAt  time.Time `dynamodbav:"updatedAt" json:"updatedAt"`
	Version    int       `dynamodbav:"version" json:"version"`
}

// Has reports whether the employee holds a duty.
func (e Employee) Has(d Duty) bool { return slices.Contains(e.Duties, d) }

// SameHRData reports whether two records carry the same HR fields (what an
// import writes), so a re-import of the same file changes nothing.
func (e Employee) SameHRData(o Employee) bool {
	return e.Name == o.Name && e.UnitID == o.UnitID && e.Position == o.Position && e.Rank == o.Rank && e.UserID == o.UserID
}

// Errors.
var (
	ErrNotFound = errors.New("employee: not found")
	ErrConflict = errors.New("employee: changed meanwhile")
	ErrExists   = errors.New("employee: exists")
	// ErrStale means a later import already wrote the record.
	ErrStale = errors.New("employee: a later import wrote this record")
)

var unitCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._-]{0,31}$`)

// NormalizeCode upper-cases and trims a unit code.
func NormalizeCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// ValidCode reports whether a normalised unit code is acceptable.
func ValidCode(s string) bool { return unitCode.MatchString(s) }

// nameKey folds a unit name for matching ("Biro  Umum" = "biro umum").
func nameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// CodeFromName makes a unit code from a unit's name ("Biro Umum" ->
// "BIRO-UMUM"), cut to the code's length limit.
func CodeFromName(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	code := b.String()
	if len(code) > 32 {
		code = strings.TrimRight(code[:32], "-")
	}
	return code
}

// UnitIndex finds units by code or by name, as an HR export may carry
// either in its unit column.
type UnitIndex struct {
	byID   map[string]Unit
	byName map[string]Unit
}

// NewUnitIndex indexes units.
func NewUnitIndex(units []Unit) *UnitIndex {
	x := &UnitIndex{byID: map[string]Unit{}, byName: map[string]Unit{}}
	for _, u := range units {
		x.Add(u)
	}
	return x
}

// Add indexes one more unit.
func (x *UnitIndex) Add(u Unit) {
	x.byID[u.ID] = u
	x.byName[nameKey(u.Name)] = u
}

// Find looks a cell up by code first, then by name.
func (x *UnitIndex) Find(cell string) (Unit, bool) {
	if u, ok := x.byID[NormalizeCode(cell)]; ok {
		return u, true
	}
	u, ok := x.byName[nameKey(cell)]
	return u, ok
}

// ByID finds a unit by its code.
func (x *UnitIndex) ByID(id string) (Unit, bool) {
	u, ok := x.byID[id]
	return u, ok
}
