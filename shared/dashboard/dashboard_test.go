package dashboard

import (
	"testing"
	"time"

	"lms/shared/batch"
	"lms/shared/employee"
	"lms/shared/jp"
)

func total(u string, months map[int]int) jp.Total {
	t := jp.Total{UserID: u}
	for m, v := range months {
		t.Months[m-1] = v
		t.JP += v
	}
	return t
}

func TestCompute(t *testing.T) {
	in := Input{Year: 2026, Now: time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC),
		Units: []employee.Unit{{ID: "A", Name: "Biro A"}, {ID: "B", Name: "Biro B"}, {ID: "C", Name: "Biro Kosong"}},
		Employees: []employee.Employee{
			{NIP: "1", UserID: "u1", UnitID: "A"}, {NIP: "2", UserID: "u2", UnitID: "A"},
			{NIP: "3", UserID: "u3", UnitID: "B"}, {NIP: "4", UserID: "u4", UnitID: "GONE"},
		},
		Totals: map[string]jp.Total{
			"u1": total("u1", map[int]int{2: 12, 5: 10}), // 22: reached in May
			"u2": total("u2", map[int]int{3: 8}),         // 8
			"u3": total("u3", map[int]int{1: 45}),        // 45: reached in January
			"u9": total("u9", map[int]int{1: 40}),        // not an employee: ignored
		},
		Trainings: []Training{
			{Batch: batch.Batch{ID: "b1", Status: batch.StatusFinished, TotalJP: 8}, Stats: batch.Stats{Enrolled: 10, Completed: 8, Responses: 4, ScaleSum: 36, ScaleCount: 8}},
			{Batch: batch.Batch{ID: "b2", Status: batch.StatusRunning}, Stats: batch.Stats{Enrolled: 10, Completed: 2, Responses: 2, ScaleSum: 6, ScaleCount: 2}},
			{Batch: batch.Batch{ID: "b3", Status: batch.StatusDraft}, Stats: batch.Stats{Enrolled: 99}},
		},
		ClaimsPending: 3,
	}
	d := Compute(in)
	if d.Employees != 4 || d.Reached != 2 || d.Share != 0.5 || d.MeanJP != 18.75 || d.ClaimsPending != 3 {
		t.Fatalf("totals: %+v", d)
	}
	want := map[string]UnitRow{
		"A":    {UnitID: "A", Name: "Biro A", Employees: 2, Reached: 1, Share: 0.5, MeanJP: 15},
		"B":    {UnitID: "B", Name: "Biro B", Employees: 1, Reached: 1, Share: 1, MeanJP: 45},
		"C":    {UnitID: "C", Name: "Biro Kosong"},
		NoUnit: {UnitID: NoUnit, Employees: 1},
	}
	if len(d.Units) != 4 {
		t.Fatalf("units: %+v", d.Units)
	}
	for _, u := range d.Units {
		if u != want[u.UnitID] {
			t.Errorf("unit %s: %+v, want %+v", u.UnitID, u, want[u.UnitID])
		}
	}
	for m, reached := range map[int]int{1: 1, 4: 1, 5: 2, 12: 2} {
		if got := d.Months[m-1]; got.Reached != reached || got.Month != m {
			t.Errorf("month %d: %+v, want %d reached", m, got, reached)
		}
	}
	if d.Months[1].EarnedJP != 12 || d.Months[0].EarnedJP != 45 {
		t.Errorf("earned per month: %+v", d.Months[:3])
	}
	counts := map[string]int{}
	for _, b := range d.Distribution {
		counts[b.Label] = b.Employees
	}
	if counts["0"] != 1 || counts["1-9"] != 1 || counts["20-39"] != 1 || counts["40+"] != 1 || counts["10-19"] != 0 {
		t.Errorf("distribution: %+v", d.Distribution)
	}
	tr := d.Trainings
	if tr.Batches != 2 || tr.Held != 1 || tr.Participants != 20 || tr.Completed != 10 || tr.CompletionRate != 0.5 ||
		tr.EvaluationMean != 4.2 || tr.EvaluationResponses != 6 || len(d.TrainingRows) != 2 || d.TrainingRows[0].EvaluationMean != 4.5 {
		t.Errorf("trainings: %+v rows %+v", tr, d.TrainingRows)
	}
}

func TestComputeEmpty(t *testing.T) {
	d := Compute(Input{Year: 2026})
	if d.Employees != 0 || d.Share != 0 || d.MeanJP != 0 || len(d.Months) != 12 || len(d.Units) != 0 || d.Trainings.CompletionRate != 0 {
		t.Fatalf("empty dashboard: %+v", d)
	}
	sheets := Sheets(d)
	if len(sheets) != len(Tables) {
		t.Fatalf("sheets %d, tables %d", len(sheets), len(Tables))
	}
	for i, s := range sheets {
		if s.Name != Tables[i] || len(s.Rows) == 0 {
			t.Fatalf("sheet %d: %+v", i, s)
		}
	}
}
