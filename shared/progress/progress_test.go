package progress

import (
	"math/rand"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// Whatever the order and repetition of reports from two devices, the final
// state is the same: times add up per device, completion sticks, and the
// resume position is the latest one made.
func TestMergeIsOrderIndependent(t *testing.T) {
	var reports []Report
	for i := 1; i <= 10; i++ {
		reports = append(reports, Report{DeviceID: "hp", SessionSeconds: i * 10, PositionSeconds: i * 10, At: t0.Add(time.Duration(i) * time.Minute)})
		reports = append(reports, Report{DeviceID: "laptop", SessionSeconds: i * 5, PositionSeconds: 500 + i, At: t0.Add(time.Duration(i)*time.Minute + 30*time.Second), Completed: i == 4})
	}
	for seed := int64(0); seed < 50; seed++ {
		rng := rand.New(rand.NewSource(seed))
		shuffled := append([]Report(nil), reports...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		shuffled = append(shuffled, shuffled[:5]...) // repeats
		var it Item
		for _, r := range shuffled {
			it = Merge(it, r, t0)
		}
		if it.TimeSpent != 150 || !it.Completed || it.PositionSeconds != 510 {
			t.Fatalf("seed %d: %+v", seed, it)
		}
	}
}

func TestCompletionNeverUndone(t *testing.T) {
	it := Merge(Item{}, Report{DeviceID: "a", SessionSeconds: 30, Completed: true, At: t0}, t0)
	it = Merge(it, Report{DeviceID: "a", SessionSeconds: 10, Completed: false, At: t0.Add(-time.Hour)}, t0.Add(time.Minute))
	if !it.Completed || it.TimeSpent != 30 || it.CompletedAt != t0 {
		t.Fatalf("%+v", it)
	}
}

func TestManyDevicesKeepTheTotal(t *testing.T) {
	var it Item
	for i := 0; i < MaxDevices+5; i++ {
		it = Merge(it, Report{DeviceID: string(rune('A' + i)), SessionSeconds: 10, At: t0}, t0)
	}
	if len(it.Devices) != MaxDevices || it.TimeSpent < MaxDevices*10 {
		t.Fatalf("devices %d, total %d", len(it.Devices), it.TimeSpent)
	}
}

func TestApplyCountsRequiredItemsOnly(t *testing.T) {
	l := Learning{}
	required := []string{"i1", "i2"}
	done := func(id string) Item { return Item{ItemID: id, Completed: true, TimeSpent: 60} }
	l = Apply(l, Item{ItemID: "i3"}, done("i3"), required, t0)
	if l.Percent != 0 || l.TimeSpent != 60 {
		t.Fatalf("optional item: %+v", l)
	}
	l = Apply(l, Item{ItemID: "i1"}, done("i1"), required, t0)
	l = Apply(l, Item{ItemID: "i1"}, done("i1"), required, t0) // repeated
	if l.Percent != 50 || l.RequiredDone != 1 {
		t.Fatalf("half: %+v", l)
	}
	l = Apply(l, Item{ItemID: "i2"}, done("i2"), required, t0.Add(time.Hour))
	if l.Percent != 100 || !l.CompletedAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("done: %+v", l)
	}
	Recount(&l, []string{"i1", "i2", "i4"}, t0.Add(2*time.Hour)) // the course grew
	if l.Percent != 66 || !l.CompletedAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("after the course grew: %+v", l)
	}
}

func TestAccessFollowsGrantsAndWithdrawals(t *testing.T) {
	cases := []struct {
		granted, revoked []string
		want             bool
	}{
		{[]string{"b1"}, nil, true},
		{[]string{"b1"}, []string{"b1"}, false},
		{[]string{"b1", "b1"}, []string{"b1"}, true}, // withdrew, enrolled again
		{[]string{"b1", "b2"}, []string{"b1"}, true}, // another batch still grants it
		{nil, nil, false},
	}
	for _, c := range cases {
		if got := (Learning{Sources: c.granted, RevokedSources: c.revoked}).HasAccess(); got != c.want {
			t.Errorf("granted %v revoked %v: %v", c.granted, c.revoked, got)
		}
	}
}
