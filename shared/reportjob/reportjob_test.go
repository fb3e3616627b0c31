package reportjob

import (
	"testing"
	"time"
)

func TestPreviousMonthInWIB(t *testing.T) {
	for _, c := range []struct {
		now         time.Time
		year, month int
	}{
		{time.Date(2026, 12, 1, 0, 30, 0, 0, time.UTC), 2026, 11},
		// 31 December 18:00 UTC is already 1 January in Jakarta.
		{time.Date(2026, 12, 31, 18, 0, 0, 0, time.UTC), 2026, 12},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 2026, 12},
		{time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC), 2026, 2},
	} {
		if y, m := PreviousMonth(c.now); y != c.year || m != c.month {
			t.Errorf("PreviousMonth(%s) = %d-%02d, want %d-%02d", c.now, y, m, c.year, c.month)
		}
	}
}
