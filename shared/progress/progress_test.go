package progress

import (
	"math/rand"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
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

// The summary counts each item's time once: a new summary counts per
// item, a repeated or smaller item time adds nothing, and a summary from
// before per-item counting keeps adding differences.
func TestApplyCountsTimePerItem(t *testing.T) {
	required := []string{"i1", "i2"}
	l := Apply(Learning{}, Item{ItemID: "i1"}, Item{ItemID: "i1", TimeSpent: 30}, required, t0)
	l = Apply(l, Item{ItemID: "i2"}, Item{ItemID: "i2", TimeSpent: 20}, required, t0)
	l = Apply(l, Item{ItemID: "i1", TimeSpent: 30}, Item{ItemID: "i1", TimeSpent: 50}, required, t0)
	l = Apply(l, Item{ItemID: "i1", TimeSpent: 50}, Item{ItemID: "i1", TimeSpent: 40}, required, t0) // stale read
	if l.TimeSpent != 70 || l.ItemSeconds["i1"] != 50 || l.ItemSeconds["i2"] != 20 {
		t.Fatalf("per item: %+v", l)
	}
	legacy := Learning{TimeSpent: 100}
	legacy = Apply(legacy, Item{ItemID: "i1", TimeSpent: 60}, Item{ItemID: "i1", TimeSpent: 90}, required, t0)
	if legacy.TimeSpent != 130 || legacy.ItemSeconds != nil {
		t.Fatalf("legacy: %+v", legacy)
	}
}

// Only a report that adds time, and changes nothing else of the summary,
// may skip the transaction.
func TestTimeOnlyReportsAreRecognised(t *testing.T) {
	required := []string{"i1", "i2"}
	read := Learning{CourseID: "c", Sources: []string{"b1"}, CompletedItems: []string{}, ItemSeconds: map[string]int{"i1": 30},
		TimeSpent: 30, RequiredTotal: 2, GrantedAt: t0, Version: 4}
	cases := []struct {
		name   string
		before Item
		after  Item
		change func(*Learning)
		want   bool
	}{
		{"more time on a started item", Item{ItemID: "i1", TimeSpent: 30}, Item{ItemID: "i1", TimeSpent: 60}, nil, true},
		{"first time on another item", Item{ItemID: "i2"}, Item{ItemID: "i2", TimeSpent: 10}, nil, true},
		{"an item completed", Item{ItemID: "i1", TimeSpent: 30}, Item{ItemID: "i1", TimeSpent: 60, Completed: true}, nil, false},
		{"the course was renamed", Item{ItemID: "i1", TimeSpent: 30}, Item{ItemID: "i1", TimeSpent: 60},
			func(l *Learning) { l.CourseTitle = "baru" }, false},
	}
	for _, c := range cases {
		l := Apply(read, c.before, c.after, required, t0.Add(time.Minute))
		if c.change != nil {
			c.change(&l)
		}
		if got := l.read != nil && timeOnly(*l.read, l); got != c.want {
			t.Errorf("%s: time only %v, want %v (%+v)", c.name, got, c.want, l)
		}
	}
	// A course that gained a required item recounts: not time only.
	l := Apply(read, Item{ItemID: "i1", TimeSpent: 30}, Item{ItemID: "i1", TimeSpent: 60}, []string{"i1", "i2", "i3"}, t0)
	if timeOnly(*l.read, l) {
		t.Errorf("recount: %+v", l)
	}
}

// A summary as written holds no NULL attribute: a withdrawal appends to
// revokedSources and a second enrollment to sources with
// list_append(if_not_exists(...)), which fails on a NULL.
func TestStoredSummaryHasNoNulls(t *testing.T) {
	l := Apply(Learning{TenantID: "t", UserID: "u", CourseID: "c", Sources: []string{"b1"}}, Item{ItemID: "i1"}, Item{ItemID: "i1", TimeSpent: 5}, nil, t0)
	for _, v := range []Learning{{TenantID: "t", UserID: "u", CourseID: "c"}, l} {
		it, err := learningItem(v)
		if err != nil {
			t.Fatal(err)
		}
		for k, a := range it {
			if _, null := a.(*types.AttributeValueMemberNULL); null {
				t.Errorf("attribute %s is NULL", k)
			}
		}
		if _, ok := it["revokedSources"]; ok {
			t.Errorf("revokedSources written though empty")
		}
	}
	x, err := progressItem(Item{TenantID: "t", UserID: "u", CourseID: "c", ItemID: "i"})
	if err != nil {
		t.Fatal(err)
	}
	for k, a := range x {
		if _, null := a.(*types.AttributeValueMemberNULL); null {
			t.Errorf("item attribute %s is NULL", k)
		}
	}
}
