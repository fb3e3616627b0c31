package userimport

import (
	"bytes"
	"sort"
	"testing"

	"lms/shared/i18n"
	"lms/shared/idnumber"
)

func problemLines(ps []Problem) map[int]bool {
	lines := map[int]bool{}
	for _, p := range ps {
		lines[p.Line] = true
	}
	return lines
}

func TestGenerate1000With50Bad(t *testing.T) {
	data := Generate(1000, 50, 1)
	res, err := Parse(bytes.NewReader(data), CSV, now, i18n.Indonesian)
	if err != nil {
		t.Fatal(err)
	}
	if res.TotalLines != 1000 || len(res.Rows) != 950 || len(problemLines(res.Problems)) != 50 {
		t.Fatalf("total %d rows %d problem lines %d", res.TotalLines, len(res.Rows), len(problemLines(res.Problems)))
	}
	if len(res.Problems) != 50 {
		t.Errorf("problems = %d, want one per bad row", len(res.Problems))
	}
	byCode := map[string]int{}
	for _, p := range res.Problems {
		byCode[p.Code]++
	}
	for _, c := range []string{idnumber.CodeNIKBirthDate, CodeEmailInvalid, CodeNameRequired, CodeRoleInvalid, CodeDuplicateInFile} {
		if byCode[c] != 10 {
			t.Errorf("%s: %d problems, want 10 (all: %v)", c, byCode[c], byCode)
		}
	}
	kinds := map[idnumber.Kind]int{}
	roles := map[Role]int{}
	phones, emails := 0, 0
	for _, r := range res.Rows {
		kinds[r.Kind]++
		roles[r.Role]++
		if r.Phone != "" {
			phones++
		}
		if r.Email != "" {
			emails++
		}
	}
	if kinds[idnumber.KindNIK] < 600 || kinds[idnumber.KindNIP] < 100 {
		t.Errorf("kinds = %v", kinds)
	}
	if roles[RoleAdmin] == 0 || roles[RoleInstructor] == 0 || roles[RoleLearner] == 0 {
		t.Errorf("roles = %v", roles)
	}
	if phones < 600 || emails < 600 {
		t.Errorf("phones %d emails %d", phones, emails)
	}
}

func TestGenerateDeterministic(t *testing.T) {
	if !bytes.Equal(Generate(200, 20, 7), Generate(200, 20, 7)) {
		t.Fatal("same seed, different output")
	}
	if bytes.Equal(Generate(200, 20, 7), Generate(200, 20, 8)) {
		t.Fatal("different seeds, same output")
	}
}

func TestGenerateSeedsAndSizes(t *testing.T) {
	for _, tc := range []struct {
		n, bad  int
		seed    int64
		wantBad int
	}{
		{0, 0, 1, 0},
		{1, 1, 1, 1}, // a lone duplicate has nothing to copy: becomes another kind
		{10, 0, 2, 0},
		{5, 10, 3, 5}, // bad is capped at n
		{300, 300, 4, 300},
		{2000, 137, 5, 137},
	} {
		for seed := tc.seed; seed < tc.seed+3; seed++ {
			res, err := Parse(bytes.NewReader(Generate(tc.n, tc.bad, seed)), CSV, now, i18n.English)
			if err != nil {
				t.Fatalf("n=%d bad=%d seed=%d: %v", tc.n, tc.bad, seed, err)
			}
			lines := problemLines(res.Problems)
			if res.TotalLines != tc.n || len(lines) != tc.wantBad || len(res.Rows) != tc.n-tc.wantBad {
				keys := make([]int, 0, len(lines))
				for l := range lines {
					keys = append(keys, l)
				}
				sort.Ints(keys)
				t.Fatalf("n=%d bad=%d seed=%d: total %d rows %d problem lines %d: %+v",
					tc.n, tc.bad, seed, res.TotalLines, len(res.Rows), len(lines), res.Problems)
			}
		}
	}
}

func BenchmarkParseCSV1000(b *testing.B) {
	data := Generate(1000, 50, 1)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Parse(bytes.NewReader(data), CSV, now, i18n.Indonesian)
		if err != nil || len(res.Rows) != 950 {
			b.Fatalf("rows %d err %v", len(res.Rows), err)
		}
	}
}
