package course

import (
	"reflect"
	"testing"
)

func ids(o Outline) [][]string {
	var out [][]string
	for _, s := range o.Sections {
		row := []string{s.ID}
		for _, it := range s.Items {
			row = append(row, it.ID)
		}
		out = append(out, row)
	}
	return out
}

func TestArrangeFollowsTheCourseOrder(t *testing.T) {
	c := Course{Order: []SectionOrder{{SectionID: "s2", ItemIDs: []string{"i3", "i1"}}, {SectionID: "s1", ItemIDs: []string{"i2"}}}}
	sections := []Section{{ID: "s1"}, {ID: "s2"}, {ID: "s3"}}
	items := []Item{{ID: "i1", SectionID: "s2"}, {ID: "i2", SectionID: "s1"}, {ID: "i3", SectionID: "s2"}, {ID: "i4", SectionID: "s1"}, {ID: "i5", SectionID: "gone"}}
	got := ids(Arrange(c, sections, items))
	want := [][]string{{"s2", "i3", "i1"}, {"s1", "i2", "i4"}, {"s3"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestItemAvailability(t *testing.T) {
	cases := []struct {
		it   Item
		want bool
	}{
		{Item{Kind: KindText}, true},
		{Item{Kind: KindLink}, true},
		{Item{Kind: KindVideo, MaterialStatus: MaterialProcessing}, false},
		{Item{Kind: KindPDF, MaterialStatus: MaterialReady}, true},
		{Item{Kind: KindPDF}, false},
	}
	for _, c := range cases {
		if c.it.Available() != c.want {
			t.Errorf("%+v available = %v", c.it, !c.want)
		}
	}
	if Kind("spreadsheet").Valid() || !KindPresentation.IsMaterial() || KindText.IsMaterial() {
		t.Error("kind checks")
	}
}
