package quiz

import (
	"testing"
	"time"

	"lms/shared/course"
)

func f(v float64) *float64 { return &v }

func TestGradeEveryType(t *testing.T) {
	opts := []Option{{"a", "Helm"}, {"b", "Sepatu"}, {"c", "Sarung tangan"}}
	pairs := []Pair{{"p1", "APD", "Alat pelindung diri"}, {"p2", "K3", "Keselamatan dan kesehatan kerja"}, {"p3", "JP", "Jam pelajaran"}}
	cases := []struct {
		name  string
		q     Question
		a     Answer
		score float64
		ok    bool
	}{
		{"single right", Question{Type: Single, Points: 2, Options: opts, Correct: []string{"a"}}, Answer{Choices: []string{"a"}}, 2, true},
		{"single wrong", Question{Type: Single, Points: 2, Options: opts, Correct: []string{"a"}}, Answer{Choices: []string{"b"}}, 0, true},
		{"multiple all", Question{Type: Multiple, Points: 3, Options: opts, Correct: []string{"a", "c"}}, Answer{Choices: []string{"c", "a"}}, 3, true},
		{"multiple part is nothing", Question{Type: Multiple, Points: 3, Options: opts, Correct: []string{"a", "c"}}, Answer{Choices: []string{"a"}}, 0, true},
		{"truefalse", Question{Type: TrueFalse, Points: 1, Correct: []string{"false"}}, Answer{Choices: []string{"false"}}, 1, true},
		{"short, case and spaces", Question{Type: Short, Points: 1, Accepted: []string{"Alat Pelindung Diri"}}, Answer{Text: "  alat   pelindung diri "}, 1, true},
		{"short wrong", Question{Type: Short, Points: 1, Accepted: []string{"APD"}}, Answer{Text: "helm"}, 0, true},
		{"short empty", Question{Type: Short, Points: 1, Accepted: []string{"APD"}}, Answer{}, 0, true},
		{"numeric within", Question{Type: Numeric, Points: 1, Value: f(20), Tolerance: 0.5}, Answer{Number: f(20.4)}, 1, true},
		{"numeric outside", Question{Type: Numeric, Points: 1, Value: f(20), Tolerance: 0.5}, Answer{Number: f(20.6)}, 0, true},
		{"matching 2 of 3", Question{Type: Matching, Points: 3, Pairs: pairs}, Answer{Matches: map[string]string{"p1": "p1", "p2": "p2", "p3": "p1"}}, 2, true},
		{"essay", Question{Type: Essay, Points: 5}, Answer{Text: "Uraian"}, 0, false},
	}
	for _, c := range cases {
		score, ok := Grade(c.q, c.a)
		if score != c.score || ok != c.ok {
			t.Errorf("%s: %v %v, want %v %v", c.name, score, ok, c.score, c.ok)
		}
	}
}

func TestCheck(t *testing.T) {
	good := Question{Type: Single, Text: "Apa APD?", Points: 1, Options: []Option{{"a", "x"}, {"b", "y"}}, Correct: []string{"a"}}
	if p := good.Check(); len(p) != 0 {
		t.Fatal(p)
	}
	for name, q := range map[string]Question{
		"no correct":       {Type: Single, Text: "Apa?", Points: 1, Options: good.Options},
		"unknown correct":  {Type: Multiple, Text: "Apa?", Points: 1, Options: good.Options, Correct: []string{"z"}},
		"one option":       {Type: Single, Text: "Apa?", Points: 1, Options: good.Options[:1], Correct: []string{"a"}},
		"zero points":      {Type: Essay, Text: "Apa?", Points: 0},
		"bad truefalse":    {Type: TrueFalse, Text: "Apa?", Points: 1, Correct: []string{"ya"}},
		"no accepted":      {Type: Short, Text: "Apa?", Points: 1},
		"numeric no value": {Type: Numeric, Text: "Apa?", Points: 1},
		"one pair":         {Type: Matching, Text: "Apa?", Points: 1, Pairs: []Pair{{"p", "a", "b"}}},
		"unknown type":     {Type: "drawing", Text: "Apa?", Points: 1},
	} {
		if len(q.Check()) == 0 {
			t.Errorf("%s accepted", name)
		}
	}
}

func TestPublicViewHidesAnswers(t *testing.T) {
	q := Question{ID: "q", Type: Matching, Text: "Pasangkan", Points: 2, Feedback: "rahasia",
		Pairs: []Pair{{"p1", "A", "1"}, {"p2", "B", "2"}}}
	p := PublicView(q, []string{"p2", "p1"})
	if len(p.Rights) != 2 || p.Rights[0].Text != "2" || p.Rights[0].ID != "r0" || p.Lefts[0].ID != "p1" {
		t.Fatalf("%+v", p)
	}
	// The learner pairs A with "1" (token r1) and B with "2" (r0).
	got := Resolve(q, []string{"p2", "p1"}, Answer{Matches: map[string]string{"p1": "r1", "p2": "r0"}})
	if score, _ := Grade(q, got); score != 2 {
		t.Fatalf("resolved %+v scored %v", got, score)
	}
	if CheckAnswer(q, Answer{Matches: map[string]string{"p1": "p1"}}) == nil {
		t.Fatal("a pair id accepted as a right token")
	}
}

func TestScoreAndDeadline(t *testing.T) {
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	closes := now.Add(20 * time.Minute)
	q := course.Quiz{TimeLimitMin: 30, ClosesAt: &closes}
	if d := Deadline(q, now); !d.Equal(closes) {
		t.Fatalf("deadline %v", d)
	}
	bank := map[string]Question{
		"a": {ID: "a", Type: TrueFalse, Points: 1, Correct: []string{"true"}},
		"b": {ID: "b", Type: Essay, Points: 3},
	}
	at := Attempt{QuestionIDs: []string{"a", "b"}, Answers: map[string]Answer{"a": {Choices: []string{"true"}}, "b": {Text: "x"}}}
	Score(&at, bank, 50)
	if at.Status != Submitted || at.Score != 1 || at.MaxScore != 4 || at.Passed {
		t.Fatalf("%+v", at)
	}
	at.Results["b"] = Result{Score: 2, Graded: true}
	Score(&at, bank, 50)
	if at.Status != Graded || at.Score != 3 || at.Percent != 75 || !at.Passed {
		t.Fatalf("after grading %+v", at)
	}
}

func TestBook(t *testing.T) {
	items := []GradedItem{{ItemID: "pre", Kind: course.QuizPre}, {ItemID: "post", Kind: course.QuizPost, Required: true}}
	at := func(u, item string, pct float64, passed bool, st Status) Attempt {
		return Attempt{UserID: u, ItemID: item, Percent: pct, Passed: passed, Status: st}
	}
	rows, sum := Book(items, []string{"u1", "u2", "u3"}, []Attempt{
		at("u1", "pre", 40, false, Graded), at("u1", "post", 70, true, Graded), at("u1", "post", 90, true, Graded),
		at("u2", "pre", 60, false, Graded), at("u2", "post", 50, false, InProgress),
	}, nil)
	if *rows[0].Pre != 40 || *rows[0].Post != 90 || *rows[0].Gain != 50 || !rows[0].Passed || rows[0].Marks["post"].Attempts != 2 || rows[0].Average != 65 {
		t.Fatalf("u1 %+v", rows[0])
	}
	if rows[1].Post != nil || rows[1].Gain != nil || rows[1].Passed {
		t.Fatalf("u2 %+v", rows[1])
	}
	if rows[2].Pre != nil || rows[2].Passed {
		t.Fatalf("u3 %+v", rows[2])
	}
	if sum.Learners != 3 || sum.Passed != 1 || *sum.MeanPre != 50 || *sum.MeanPost != 90 || *sum.MeanGain != 50 {
		t.Fatalf("summary %+v", sum)
	}
}
