// Package quiz holds a course's question bank, quizzes (pre-tests,
// post-tests and quizzes inside a course) and the learners' attempts, with
// automatic grading of every question type but essays, which staff grade.
//
// The correct answers never leave the server before the quiz's review
// setting allows it; the server's clock rules the time limit; an attempt
// is submitted once.
package quiz

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"lms/shared/markdown"
)

// Type is a question type.
type Type string

// Question types.
const (
	Single    Type = "single"    // multiple choice, one correct option
	Multiple  Type = "multiple"  // multiple choice, several correct options
	TrueFalse Type = "truefalse" // benar/salah
	Short     Type = "short"     // short answer: accepted answers, case and space insensitive
	Numeric   Type = "numeric"   // a number within a tolerance
	Matching  Type = "matching"  // pair each left item with a right item
	Essay     Type = "essay"     // graded by staff
)

// Option is one choice of a multiple-choice question.
type Option struct {
	ID   string `dynamodbav:"id" json:"id"`
	Text string `dynamodbav:"text" json:"text"`
}

// Pair is one left item of a matching question and its right item.
type Pair struct {
	ID    string `dynamodbav:"id" json:"id"`
	Left  string `dynamodbav:"left" json:"left"`
	Right string `dynamodbav:"right" json:"right"`
}

// Question is one question of a course's bank.
type Question struct {
	TenantID string   `dynamodbav:"tenantId" json:"-"`
	CourseID string   `dynamodbav:"courseId" json:"courseId"`
	ID       string   `dynamodbav:"questionId" json:"id"`
	Type     Type     `dynamodbav:"type" json:"type"`
	Text     string   `dynamodbav:"text" json:"text"` // Markdown
	Points   float64  `dynamodbav:"points" json:"points"`
	Feedback string   `dynamodbav:"feedback,omitempty" json:"feedback,omitempty"`
	Tags     []string `dynamodbav:"tags" json:"tags"`
	// Options and Correct (option ids) for single and multiple choice;
	// Correct is ["true"] or ["false"] for true/false.
	Options []Option `dynamodbav:"options,omitempty" json:"options,omitempty"`
	Correct []string `dynamodbav:"correct,omitempty" json:"correct,omitempty"`
	// Accepted answers of a short-answer question.
	Accepted []string `dynamodbav:"accepted,omitempty" json:"accepted,omitempty"`
	// Value and Tolerance of a numeric question.
	Value     *float64 `dynamodbav:"value,omitempty" json:"value,omitempty"`
	Tolerance float64  `dynamodbav:"tolerance,omitempty" json:"tolerance,omitempty"`
	// Pairs of a matching question.
	Pairs []Pair `dynamodbav:"pairs,omitempty" json:"pairs,omitempty"`
	// Image shown with the question, if any.
	Image     *Image    `dynamodbav:"image,omitempty" json:"image,omitempty"`
	CreatedAt time.Time `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt time.Time `dynamodbav:"updatedAt" json:"updatedAt"`
	Version   int       `dynamodbav:"version" json:"version"`
}

// Problem is one thing wrong with a question, by field and message key.
type Problem struct {
	Field, Code string
}

// Check lists what is wrong with q (nothing: it can be asked).
func (q Question) Check() []Problem {
	var out []Problem
	add := func(f, c string) { out = append(out, Problem{f, c}) }
	if n := utf8.RuneCountInString(strings.TrimSpace(q.Text)); n < 3 || n > 10000 {
		add("text", "question_text")
	}
	if q.Points <= 0 || q.Points > 1000 {
		add("points", "question_points")
	}
	optionIDs := map[string]bool{}
	for _, o := range q.Options {
		if o.ID == "" || optionIDs[o.ID] || strings.TrimSpace(o.Text) == "" {
			add("options", "question_options")
			break
		}
		optionIDs[o.ID] = true
	}
	switch q.Type {
	case Single, Multiple:
		if len(q.Options) < 2 || len(q.Options) > 10 {
			add("options", "question_options")
		}
		if (q.Type == Single && len(q.Correct) != 1) || (q.Type == Multiple && len(q.Correct) < 1) {
			add("correct", "question_correct")
		}
		for _, c := range q.Correct {
			if !optionIDs[c] {
				add("correct", "question_correct")
				break
			}
		}
	case TrueFalse:
		if len(q.Correct) != 1 || (q.Correct[0] != "true" && q.Correct[0] != "false") || len(q.Options) > 0 {
			add("correct", "question_correct")
		}
	case Short:
		if len(q.Accepted) < 1 || len(q.Accepted) > 20 {
			add("accepted", "question_accepted")
		}
		for _, a := range q.Accepted {
			if normalise(a) == "" {
				add("accepted", "question_accepted")
				break
			}
		}
	case Numeric:
		if q.Value == nil || math.IsNaN(*q.Value) || math.IsInf(*q.Value, 0) || q.Tolerance < 0 || math.IsNaN(q.Tolerance) {
			add("value", "question_numeric")
		}
	case Matching:
		if len(q.Pairs) < 2 || len(q.Pairs) > 12 {
			add("pairs", "question_pairs")
		}
		seen := map[string]bool{}
		for _, p := range q.Pairs {
			if p.ID == "" || seen[p.ID] || strings.TrimSpace(p.Left) == "" || strings.TrimSpace(p.Right) == "" {
				add("pairs", "question_pairs")
				break
			}
			seen[p.ID] = true
		}
	case Essay:
	default:
		add("type", "question_type")
	}
	checkImage(q.Image, add)
	return out
}

// Answer is a learner's answer to one question.
type Answer struct {
	// Choices: option ids (single, multiple) or "true"/"false".
	Choices []string `dynamodbav:"choices,omitempty" json:"choices,omitempty"`
	// Text: short answer or essay.
	Text string `dynamodbav:"text,omitempty" json:"text,omitempty"`
	// Number: numeric.
	Number *float64 `dynamodbav:"number,omitempty" json:"number,omitempty"`
	// Matches: left pair id -> the pair id whose right item was chosen.
	Matches map[string]string `dynamodbav:"matches,omitempty" json:"matches,omitempty"`
}

// MaxAnswerText bounds an essay or short answer.
const MaxAnswerText = 20000

// ErrAnswer marks an answer that does not fit its question.
var ErrAnswer = errors.New("quiz: answer does not fit the question")

// CheckAnswer tells whether a fits q's shape (not whether it is right).
func CheckAnswer(q Question, a Answer) error {
	switch {
	case len(a.Text) > MaxAnswerText || len(a.Choices) > 20 || len(a.Matches) > 20:
		return fmt.Errorf("%w: too long", ErrAnswer)
	case a.Number != nil && (math.IsNaN(*a.Number) || math.IsInf(*a.Number, 0)):
		return fmt.Errorf("%w: not a number", ErrAnswer)
	}
	valid := map[string]bool{}
	for _, o := range q.Options {
		valid[o.ID] = true
	}
	switch q.Type {
	case Single, Multiple:
		if q.Type == Single && len(a.Choices) > 1 {
			return fmt.Errorf("%w: one choice", ErrAnswer)
		}
		for _, c := range a.Choices {
			if !valid[c] {
				return fmt.Errorf("%w: unknown option", ErrAnswer)
			}
		}
	case TrueFalse:
		if len(a.Choices) > 1 || (len(a.Choices) == 1 && a.Choices[0] != "true" && a.Choices[0] != "false") {
			return fmt.Errorf("%w: true or false", ErrAnswer)
		}
	case Matching:
		pairs, tokens := map[string]bool{}, map[string]bool{}
		for i, p := range q.Pairs {
			pairs[p.ID], tokens[RightToken(i)] = true, true
		}
		for l, r := range a.Matches {
			if !pairs[l] || !tokens[r] {
				return fmt.Errorf("%w: unknown pair", ErrAnswer)
			}
		}
	}
	return nil
}

// normalise compares short answers: case and spaces do not count.
func normalise(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Grade scores a against q. graded is false for essays (staff grade them).
// Multiple choice with several correct options is all or nothing; a
// matching question earns its points in proportion to the right pairs.
func Grade(q Question, a Answer) (score float64, graded bool) {
	switch q.Type {
	case Single, Multiple, TrueFalse:
		if sameSet(a.Choices, q.Correct) {
			return q.Points, true
		}
		return 0, true
	case Short:
		got := normalise(a.Text)
		for _, acc := range q.Accepted {
			if got != "" && got == normalise(acc) {
				return q.Points, true
			}
		}
		return 0, true
	case Numeric:
		if a.Number != nil && q.Value != nil && math.Abs(*a.Number-*q.Value) <= q.Tolerance+1e-9 {
			return q.Points, true
		}
		return 0, true
	case Matching:
		right := 0
		for _, p := range q.Pairs {
			if a.Matches[p.ID] == p.ID {
				right++
			}
		}
		return roundScore(q.Points * float64(right) / float64(len(q.Pairs))), true
	}
	return 0, false
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

func roundScore(v float64) float64 { return math.Round(v*100) / 100 }

// Public is a question as a learner sees it during an attempt: no correct
// options, accepted answers, value or feedback; a matching question's
// right items in the attempt's order, without saying which left they
// belong to.
type Public struct {
	ID   string `json:"id"`
	Type Type   `json:"type"`
	Text string `json:"text"` // Markdown as written
	// TextHTML is Text rendered and sanitised, ready to show.
	TextHTML string   `json:"textHtml"`
	Points   float64  `json:"points"`
	Options  []Option `json:"options,omitempty"`
	// Lefts and Rights of a matching question. A right's id is a token of
	// the attempt ("r0", "r1", ...), not its pair's id, which would give
	// the answer away; answers name rights by these tokens.
	Lefts  []Option `json:"lefts,omitempty"`
	Rights []Option `json:"rights,omitempty"`
	// Image: the link (the caller signs it), alt text and size.
	Image *Image `json:"image,omitempty"`
}

// PublicView returns q for an attempt, options (and matching rights) in the
// order the attempt fixed.
func PublicView(q Question, order []string) Public {
	p := Public{ID: q.ID, Type: q.Type, Text: q.Text, TextHTML: markdown.HTML(q.Text), Points: q.Points, Image: PublicImage(q.Image)}
	switch q.Type {
	case Single, Multiple:
		p.Options = ordered(q.Options, order)
	case Matching:
		var lefts, rights []Option
		for _, pr := range q.Pairs {
			lefts = append(lefts, Option{ID: pr.ID, Text: pr.Left})
			rights = append(rights, Option{ID: pr.ID, Text: pr.Right})
		}
		p.Lefts, p.Rights = lefts, ordered(rights, order)
		for i := range p.Rights {
			p.Rights[i].ID = RightToken(i)
		}
	}
	return p
}

// RightToken names the i-th right item of a matching question as an
// attempt shows it.
func RightToken(i int) string { return "r" + strconv.Itoa(i) }

// Resolve turns an answer given with an attempt's tokens back into pair
// ids (matching rights: token i is the pair at order[i]); other answers
// pass through. A token that names nothing is dropped.
func Resolve(q Question, order []string, a Answer) Answer {
	if q.Type != Matching || len(a.Matches) == 0 {
		return a
	}
	out := a
	out.Matches = map[string]string{}
	for left, token := range a.Matches {
		for i, pairID := range order {
			if RightToken(i) == token {
				out.Matches[left] = pairID
			}
		}
	}
	return out
}

// ordered puts opts in the order of ids (ids it does not name keep theirs,
// after the named ones).
func ordered(opts []Option, ids []string) []Option {
	if len(ids) == 0 {
		return opts
	}
	pos := map[string]int{}
	for i, id := range ids {
		pos[id] = i
	}
	out := append([]Option(nil), opts...)
	rank := func(o Option) int {
		if i, ok := pos[o.ID]; ok {
			return i
		}
		return len(ids)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && rank(out[j]) < rank(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
