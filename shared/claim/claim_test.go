package claim

import (
	"testing"
	"time"
)

func TestDecide(t *testing.T) {
	now := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	c := Claim{ID: "c1", TenantID: "t", UserID: "u", Kind: KindExternal, Title: "Pelatihan", EndDate: "2026-11-20", Hours: 7.5,
		Status: Submitted, Version: 3, History: []Event{{Action: ActSubmitted}}}
	if c.ProposedJP() != 10 {
		t.Fatalf("7.5 h: %d", c.ProposedJP())
	}
	a := Decide(c, Approve, "v", "Verifikator", "", 0, now)
	if a.Status != Approved || a.CreditedJP != 10 || a.Version != 4 || len(a.History) != 2 || a.History[1].JP != 10 || len(c.History) != 1 {
		t.Fatalf("approve: %+v", a)
	}
	if o := Decide(c, Approve, "v", "V", "", 12, now); o.CreditedJP != 12 {
		t.Fatalf("override: %+v", o)
	}
	if r := Decide(c, Revise, "v", "V", "Perbaiki", 0, now); r.Status != Revision || r.History[1].Action != ActRevision || !r.Editable() {
		t.Fatalf("revise: %+v", r)
	}
	if r := Decide(c, Reject, "v", "V", "Bukan pelatihan", 0, now); r.Status != Rejected || r.Editable() {
		t.Fatalf("reject: %+v", r)
	}
	entries, err := a.Entries()
	if err != nil || len(entries) != 1 || entries[0].UserID != "u" || entries[0].Year != 2026 || entries[0].JP != 10 || entries[0].Month() != 11 {
		t.Fatalf("entries: %+v %v", entries, err)
	}
	u := Claim{ID: "c2", TenantID: "t", Kind: KindUnit, EndDate: "2026-01-01", StatedJP: 8, CreditedJP: 8,
		Participants: []Participant{{UserID: "a"}, {UserID: "b"}}}
	entries, err = u.Entries()
	if err != nil || len(entries) != 2 || entries[1].UserID != "b" || entries[0].Source != "unit" || entries[0].Month() != 1 {
		t.Fatalf("unit entries: %+v %v", entries, err)
	}
	if len(Required(KindExternal)) != 3 || len(Required(KindUnit)) != 2 {
		t.Fatal("required documents")
	}
}
