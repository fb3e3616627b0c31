// Package dashboard computes the leadership dashboard of competency
// development from a tenant's roster, its JP totals of a year, its batches
// and its claims queue: the share of employees at or above the 20 JP duty
// (overall, per unit, at the end of each month), the JP distribution, the
// trainings held with participants, completion and evaluation scores, and
// the claims waiting for a verifier. It knows nothing of storage: callers
// read the inputs and hand them over, so the figures are tested as pure
// arithmetic.
package dashboard

import (
	"math"
	"sort"
	"time"

	"lms/shared/batch"
	"lms/shared/employee"
	"lms/shared/jp"
)

// Input is everything the dashboard is computed from.
type Input struct {
	Year      int
	Now       time.Time
	Units     []employee.Unit
	Employees []employee.Employee
	Totals    map[string]jp.Total // by user id
	Trainings []Training
	// ClaimsPending counts claims (external and unit) waiting for a verifier.
	ClaimsPending int
}

// Training is one batch of the year with its figures.
type Training struct {
	Batch batch.Batch
	Stats batch.Stats
}

// Dashboard is the computed view.
type Dashboard struct {
	Year          int            `json:"year"`
	GeneratedAt   time.Time      `json:"generatedAt"`
	Duty          int            `json:"duty"`
	Employees     int            `json:"employees"`
	Reached       int            `json:"reached"` // at or above the duty
	Share         float64        `json:"share"`   // Reached / Employees, 0..1 (0 without employees)
	MeanJP        float64        `json:"meanJp"`
	Units         []UnitRow      `json:"units"`
	Months        []MonthRow     `json:"months"`
	Distribution  []Bucket       `json:"distribution"`
	Trainings     TrainingTotals `json:"trainings"`
	TrainingRows  []TrainingRow  `json:"trainingRows"`
	ClaimsPending int            `json:"claimsPending"`
}

// UnitRow is one unit's figures.
type UnitRow struct {
	UnitID    string  `json:"unitId"`
	Name      string  `json:"name"`
	Employees int     `json:"employees"`
	Reached   int     `json:"reached"`
	Share     float64 `json:"share"`
	MeanJP    float64 `json:"meanJp"`
}

// MonthRow is the state at the end of a month: how many employees had
// reached the duty by then, and the JP earned in the month.
type MonthRow struct {
	Month    int     `json:"month"` // 1-12
	Reached  int     `json:"reached"`
	Share    float64 `json:"share"`
	EarnedJP int     `json:"earnedJp"`
}

// Bucket is a band of the JP distribution.
type Bucket struct {
	Label     string `json:"label"`
	Min       int    `json:"min"`
	Max       int    `json:"max"` // -1: no upper bound
	Employees int    `json:"employees"`
}

// TrainingTotals adds up the year's batches.
type TrainingTotals struct {
	Batches        int     `json:"batches"`
	Held           int     `json:"held"` // finished or archived
	Participants   int     `json:"participants"`
	Completed      int     `json:"completed"`
	CompletionRate float64 `json:"completionRate"`
	// EvaluationMean is the mean of every scale answer (1-5) of the
	// year's evaluation forms (0 without answers).
	EvaluationMean      float64 `json:"evaluationMean"`
	EvaluationResponses int     `json:"evaluationResponses"`
}

// TrainingRow is one batch's figures.
type TrainingRow struct {
	BatchID        string  `json:"batchId"`
	Name           string  `json:"name"`
	StartDate      string  `json:"startDate"`
	EndDate        string  `json:"endDate"`
	Status         string  `json:"status"`
	JP             int     `json:"jp"`
	Participants   int     `json:"participants"`
	Completed      int     `json:"completed"`
	CompletionRate float64 `json:"completionRate"`
	EvaluationMean float64 `json:"evaluationMean"`
	Responses      int     `json:"responses"`
}

// bands of the distribution: nothing, under half the duty, under the
// duty, the duty, and twice it or more.
var bands = []Bucket{
	{Label: "0", Min: 0, Max: 0},
	{Label: "1-9", Min: 1, Max: 9},
	{Label: "10-19", Min: 10, Max: 19},
	{Label: "20-39", Min: 20, Max: 39},
	{Label: "40+", Min: 40, Max: -1},
}

// NoUnit is the row of employees whose unit is unknown.
const NoUnit = "-"

// ratio rounds a/b to four decimals (0 when b is 0).
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return math.Round(float64(a)/float64(b)*10000) / 10000
}

func mean(sum, n int) float64 {
	if n == 0 {
		return 0
	}
	return math.Round(float64(sum)/float64(n)*100) / 100
}

// Compute builds the dashboard.
func Compute(in Input) Dashboard {
	d := Dashboard{Year: in.Year, GeneratedAt: in.Now.UTC(), Duty: jp.Duty, ClaimsPending: in.ClaimsPending,
		Units: []UnitRow{}, Months: make([]MonthRow, 12), Distribution: append([]Bucket(nil), bands...), TrainingRows: []TrainingRow{}}
	unitNames := map[string]string{}
	for _, u := range in.Units {
		unitNames[u.ID] = u.Name
	}
	type acc struct{ employees, reached, jp int }
	perUnit := map[string]*acc{}
	totalJP := 0
	for _, e := range in.Employees {
		t := in.Totals[e.UserID]
		unit := e.UnitID
		if _, known := unitNames[unit]; !known {
			unit = NoUnit
		}
		a := perUnit[unit]
		if a == nil {
			a = &acc{}
			perUnit[unit] = a
		}
		a.employees++
		a.jp += t.JP
		totalJP += t.JP
		if t.JP >= jp.Duty {
			a.reached++
			d.Reached++
		}
		for i := range d.Distribution {
			b := &d.Distribution[i]
			if t.JP >= b.Min && (b.Max < 0 || t.JP <= b.Max) {
				b.Employees++
				break
			}
		}
		for m := 1; m <= 12; m++ {
			if t.UpTo(m) >= jp.Duty {
				d.Months[m-1].Reached++
			}
			d.Months[m-1].EarnedJP += t.Months[m-1]
		}
	}
	d.Employees = len(in.Employees)
	d.Share = ratio(d.Reached, d.Employees)
	d.MeanJP = mean(totalJP, d.Employees)
	for m := range d.Months {
		d.Months[m].Month = m + 1
		d.Months[m].Share = ratio(d.Months[m].Reached, d.Employees)
	}
	// Every unit appears, with or without employees, so a unit nobody was
	// imported into shows as empty rather than missing.
	for _, u := range in.Units {
		a := perUnit[u.ID]
		if a == nil {
			a = &acc{}
		}
		d.Units = append(d.Units, UnitRow{UnitID: u.ID, Name: u.Name, Employees: a.employees, Reached: a.reached,
			Share: ratio(a.reached, a.employees), MeanJP: mean(a.jp, a.employees)})
	}
	if a := perUnit[NoUnit]; a != nil {
		d.Units = append(d.Units, UnitRow{UnitID: NoUnit, Name: "", Employees: a.employees, Reached: a.reached,
			Share: ratio(a.reached, a.employees), MeanJP: mean(a.jp, a.employees)})
	}
	sort.SliceStable(d.Units, func(i, j int) bool { return d.Units[i].UnitID < d.Units[j].UnitID })

	scaleSum, scaleCount := 0, 0
	for _, t := range in.Trainings {
		b, st := t.Batch, t.Stats
		if b.Status == batch.StatusDraft {
			continue
		}
		d.Trainings.Batches++
		if b.Status == batch.StatusFinished || b.Status == batch.StatusArchived {
			d.Trainings.Held++
		}
		d.Trainings.Participants += st.Enrolled
		d.Trainings.Completed += st.Completed
		d.Trainings.EvaluationResponses += st.Responses
		scaleSum, scaleCount = scaleSum+st.ScaleSum, scaleCount+st.ScaleCount
		d.TrainingRows = append(d.TrainingRows, TrainingRow{BatchID: b.ID, Name: b.Name, StartDate: b.StartDate, EndDate: b.EndDate,
			Status: string(b.Status), JP: b.TotalJP, Participants: st.Enrolled, Completed: st.Completed,
			CompletionRate: ratio(st.Completed, st.Enrolled), EvaluationMean: mean(st.ScaleSum, st.ScaleCount), Responses: st.Responses})
	}
	d.Trainings.CompletionRate = ratio(d.Trainings.Completed, d.Trainings.Participants)
	d.Trainings.EvaluationMean = mean(scaleSum, scaleCount)
	return d
}
