package jp

import (
	"testing"
	"time"

	"lms/shared/clock"
)

func TestConversionRoundsDown(t *testing.T) {
	for _, c := range []struct {
		hours float64
		want  int
	}{
		{0, 0}, {-1, 0}, {0.5, 0}, {0.74, 0}, {0.75, 1}, {1, 1}, {1.5, 2}, {7.5, 10}, {9, 12}, {8, 10}, {40, 53},
	} {
		if got := FromHours(c.hours); got != c.want {
			t.Errorf("FromHours(%v) = %d, want %d", c.hours, got, c.want)
		}
	}
	for _, c := range []struct{ minutes, want int }{{44, 0}, {45, 1}, {89, 1}, {90, 2}, {0, 0}, {-45, 0}} {
		if got := FromMinutes(c.minutes); got != c.want {
			t.Errorf("FromMinutes(%d) = %d, want %d", c.minutes, got, c.want)
		}
	}
}

func TestEntryDatesInWIB(t *testing.T) {
	// 31 December 20:00 UTC is 1 January 03:00 WIB: next year's JP.
	e := NewEntry("t", "u", SourceClaim, "c1", "Pelatihan", 5, time.Date(2025, 12, 31, 20, 0, 0, 0, time.UTC))
	if e.Year != 2026 || e.Month() != 1 || e.BatchID != "" {
		t.Fatalf("entry %+v month %d", e, e.Month())
	}
	b := NewEntry("t", "u", SourceBatch, "b1", "Angkatan I", 8, time.Date(2026, 3, 2, 0, 0, 0, 0, clock.Jakarta))
	if b.BatchID != "b1" || b.BatchName != "Angkatan I" || entrySK(b) != "2026#b1" {
		t.Fatalf("batch entry keeps its old key: %+v %s", b, entrySK(b))
	}
	if sk := entrySK(e); sk != "2026#CLAIM#c1" {
		t.Fatalf("claim key %s", sk)
	}
}

func TestTotalUpTo(t *testing.T) {
	tot := Total{JP: 30, Months: [12]int{5, 0, 10, 0, 0, 15}}
	for m, want := range map[int]int{1: 5, 2: 5, 3: 15, 6: 30, 12: 30} {
		if got := tot.UpTo(m); got != want {
			t.Errorf("UpTo(%d) = %d, want %d", m, got, want)
		}
	}
}
