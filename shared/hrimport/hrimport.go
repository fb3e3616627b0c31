// Package hrimport applies an HR export to a tenant's roster: units named
// in it are created when unknown, every valid row creates or updates its
// employee (with the account and membership a new employee needs), and
// every problem is reported by row. Importing the same file again changes
// nothing; a record a later import wrote is never overwritten.
//
// Creating thousands of accounts takes longer than an API request may
// (Cognito creates about 50 users a second), so the competency function
// checks a file and queues it as a job, and the competency jobs function
// runs it here, saving its progress as it goes (Job).
package hrimport

import (
	"context"
	"errors"
	"log/slog"
	"sort"
	"sync"
	"time"

	"lms/shared/accounts"
	"lms/shared/directory"
	"lms/shared/employee"
	"lms/shared/i18n"
	"lms/shared/tenancy"
)

// Report is what an import did.
type Report struct {
	DryRun       bool               `json:"dryRun"`
	TotalRows    int                `json:"totalRows"`
	Created      int                `json:"created"`   // new employees
	Updated      int                `json:"updated"`   // HR data changed
	Unchanged    int                `json:"unchanged"` // same as stored
	Failed       int                `json:"failed"`    // rows with problems
	UnitsCreated []string           `json:"unitsCreated"`
	Problems     []employee.Problem `json:"problems"`
	// Accounts are the accounts the import created (with a temporary
	// password when no invitation email carried it).
	Accounts []accounts.Account `json:"accounts"`
}

// Importer applies rows.
type Importer struct {
	Employees employee.Store
	Accounts  accounts.Service
	Log       *slog.Logger
	// Workers write rows in parallel (each new employee costs a few
	// Cognito and DynamoDB requests).
	Workers int
}

type outcome int

const (
	created outcome = iota
	updated
	unchanged
)

// Run applies parsed rows to tenant t as an import started at started.
// With dryRun nothing is written (no unit, account or employee) and the
// report says what would happen. progress, if set, is called after every
// row with the number of rows done.
func (im Importer) Run(ctx context.Context, t string, parsed employee.Parsed, started time.Time, dryRun bool, lang i18n.Lang,
	progress func(done int)) (Report, error) {
	rep := Report{DryRun: dryRun, TotalRows: parsed.TotalLines, Problems: append([]employee.Problem{}, parsed.Problems...),
		UnitsCreated: []string{}, Accounts: []accounts.Account{}}
	units, err := im.Employees.Units(ctx, t)
	if err != nil {
		return rep, err
	}
	index := employee.NewUnitIndex(units)
	unitOf := map[int]string{} // row line -> unit id
	for _, row := range parsed.Rows {
		u, ok := index.Find(row.Unit)
		if !ok {
			code := employee.NormalizeCode(row.Unit)
			if !employee.ValidCode(code) {
				code = employee.CodeFromName(row.Unit)
			}
			if !employee.ValidCode(code) {
				rep.Problems = append(rep.Problems, employee.Problem{Line: row.Line, Field: employee.FieldUnit, Code: "import_unit_unknown",
					Message: i18n.Text(lang, "import_unit_unknown", nil)})
				continue
			}
			u = employee.Unit{TenantID: t, ID: code, Name: row.Unit, CreatedAt: started, UpdatedAt: started, Version: 1}
			if !dryRun {
				if err := im.Employees.CreateUnit(ctx, u); err != nil && !errors.Is(err, employee.ErrExists) {
					return rep, err
				}
			}
			index.Add(u)
			rep.UnitsCreated = append(rep.UnitsCreated, code)
		}
		unitOf[row.Line] = u.ID
	}
	existing := map[string]employee.Employee{}
	all, err := im.Employees.All(ctx, t)
	if err != nil {
		return rep, err
	}
	for _, e := range all {
		existing[e.NIP] = e
	}

	var mu sync.Mutex
	done := 0
	jobs := make(chan employee.Row)
	var wg sync.WaitGroup
	for range max(1, im.Workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for row := range jobs {
				out, acc, err := im.row(ctx, t, row, unitOf[row.Line], existing[row.NIP], started, dryRun)
				mu.Lock()
				switch {
				case errors.Is(err, employee.ErrStale):
					rep.Problems = append(rep.Problems, employee.Problem{Line: row.Line, Field: employee.FieldNIP, Code: "import_stale",
						Message: i18n.Text(lang, "import_stale", nil)})
				case err != nil:
					im.Log.ErrorContext(ctx, "employee import row failed", "tenant", t, "row", row.Line, "error", err.Error())
					rep.Problems = append(rep.Problems, employee.Problem{Line: row.Line, Code: "hr_import_row_failed",
						Message: i18n.Text(lang, "hr_import_row_failed", nil)})
				case out == created:
					rep.Created++
				case out == updated:
					rep.Updated++
				default:
					rep.Unchanged++
				}
				if acc.NewAccount {
					rep.Accounts = append(rep.Accounts, acc)
				}
				done++
				if progress != nil {
					progress(done)
				}
				mu.Unlock()
			}
		}()
	}
	for _, row := range parsed.Rows {
		if _, ok := unitOf[row.Line]; ok {
			select {
			case jobs <- row:
			case <-ctx.Done():
			}
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	sort.SliceStable(rep.Problems, func(i, j int) bool { return rep.Problems[i].Line < rep.Problems[j].Line })
	lines := map[int]bool{}
	for _, p := range rep.Problems {
		lines[p.Line] = true
	}
	rep.Failed = len(lines)
	sort.Slice(rep.Accounts, func(i, j int) bool { return rep.Accounts[i].Username < rep.Accounts[j].Username })
	return rep, nil
}

// row writes one employee: the account and membership when the person
// has none in the tenant, then the roster record, unless it holds the
// same HR data already.
func (im Importer) row(ctx context.Context, t string, row employee.Row, unitID string, prev employee.Employee,
	started time.Time, dryRun bool) (outcome, accounts.Account, error) {
	next := employee.Employee{TenantID: t, NIP: row.NIP, UserID: prev.UserID, Name: row.Name, UnitID: unitID,
		Position: row.Position, Rank: row.Rank, Duties: prev.Duties, ImportedAt: started, UpdatedAt: started, Version: prev.Version + 1}
	if next.Duties == nil {
		next.Duties = []employee.Duty{}
	}
	out := updated
	if prev.Version == 0 {
		out = created
	} else if prev.SameHRData(next) {
		return unchanged, accounts.Account{}, nil
	}
	if dryRun {
		return out, accounts.Account{}, nil
	}
	var acc accounts.Account
	if next.UserID == "" {
		var err error
		_, acc, err = im.Accounts.AddMember(ctx, t, directory.NewUser{Username: row.NIP, Name: row.Name}, "asn", tenancy.RoleLearner, nil)
		if err != nil && !errors.Is(err, tenancy.ErrExists) {
			return out, acc, err
		}
		next.UserID = acc.UserID
	}
	for attempt := 0; ; attempt++ {
		err := im.Employees.PutImported(ctx, next, prev.Version)
		if !errors.Is(err, employee.ErrConflict) {
			return out, acc, err
		}
		// Someone wrote the record meanwhile: a later import wins; an
		// earlier one (or an admin's duty change) is read and built on.
		cur, gerr := im.Employees.Get(ctx, t, row.NIP)
		if gerr != nil {
			return out, acc, gerr
		}
		if cur.ImportedAt.After(started) {
			return out, acc, employee.ErrStale
		}
		if attempt == 3 {
			return out, acc, err
		}
		prev = cur
		next.Duties, next.Version = cur.Duties, cur.Version+1
		if next.UserID == "" {
			next.UserID = cur.UserID
		}
		if cur.SameHRData(next) {
			return unchanged, acc, nil
		}
		out = updated
	}
}

func init() {
	i18n.Register(
		i18n.Message{Key: "hr_import_row_failed", Indonesian: "Baris ini gagal diproses. Coba impor ulang berkas yang sama.", English: "This row could not be processed. Import the same file again."},
	)
}
