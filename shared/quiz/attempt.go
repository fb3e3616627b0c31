package quiz

import (
	"crypto/rand"
	"encoding/binary"
	mrand "math/rand/v2"
	"time"

	"lms/shared/course"
)

// Status of an attempt.
type Status string

// Attempt statuses.
const (
	InProgress Status = "in-progress"
	Submitted  Status = "submitted" // graded, except essays awaiting staff
	Graded     Status = "graded"    // every question graded
)

// Attempt is one learner's attempt at a quiz item.
type Attempt struct {
	TenantID    string   `dynamodbav:"tenantId" json:"-"`
	ID          string   `dynamodbav:"attemptId" json:"id"`
	CourseID    string   `dynamodbav:"courseId" json:"courseId"`
	ItemID      string   `dynamodbav:"itemId" json:"itemId"`
	UserID      string   `dynamodbav:"userId" json:"userId"`
	Number      int      `dynamodbav:"number" json:"number"`
	Kind        string   `dynamodbav:"quizKind" json:"quizKind"`
	QuestionIDs []string `dynamodbav:"questionIds" json:"questionIds"`
	// Orders fixes each question's option (or matching right) order.
	Orders      map[string][]string `dynamodbav:"orders" json:"-"`
	Answers     map[string]Answer   `dynamodbav:"answers" json:"answers"`
	Status      Status              `dynamodbav:"status" json:"status"`
	StartedAt   time.Time           `dynamodbav:"startedAt" json:"startedAt"`
	Deadline    time.Time           `dynamodbav:"deadline,omitempty" json:"deadline,omitzero"` // zero: no time limit
	SubmittedAt time.Time           `dynamodbav:"submittedAt,omitempty" json:"submittedAt,omitzero"`
	Results     map[string]Result   `dynamodbav:"results,omitempty" json:"results,omitempty"`
	Score       float64             `dynamodbav:"score" json:"score"`
	MaxScore    float64             `dynamodbav:"maxScore" json:"maxScore"`
	Percent     float64             `dynamodbav:"percent" json:"percent"`
	Passed      bool                `dynamodbav:"passed" json:"passed"`
	Version     int                 `dynamodbav:"version" json:"-"`
}

// Result is how one question of an attempt was graded.
type Result struct {
	Score    float64 `dynamodbav:"score" json:"score"`
	Max      float64 `dynamodbav:"max" json:"max"`
	Graded   bool    `dynamodbav:"graded" json:"graded"`
	Feedback string  `dynamodbav:"feedback,omitempty" json:"feedback,omitempty"` // a grader's comment on an essay
}

// Grace is how long after the deadline answers are still taken: the last
// save a browser sends as the clock reaches zero must not be lost to
// network delay. Nothing saved later counts.
const Grace = 5 * time.Second

// Open reports whether the quiz takes new attempts at now.
func Open(q course.Quiz, now time.Time) bool {
	return (q.OpensAt == nil || !now.Before(*q.OpensAt)) && (q.ClosesAt == nil || now.Before(*q.ClosesAt))
}

// Deadline is when an attempt started at now must be submitted: the time
// limit, but never after the quiz closes (zero: no deadline).
func Deadline(q course.Quiz, now time.Time) time.Time {
	var d time.Time
	if q.TimeLimitMin > 0 {
		d = now.Add(time.Duration(q.TimeLimitMin) * time.Minute)
	}
	if q.ClosesAt != nil && (d.IsZero() || q.ClosesAt.Before(d)) {
		d = *q.ClosesAt
	}
	return d
}

// Expired reports whether an in-progress attempt can no longer take answers.
func (a Attempt) Expired(now time.Time) bool {
	return !a.Deadline.IsZero() && now.After(a.Deadline.Add(Grace))
}

// Pick chooses an attempt's questions: the quiz's fixed list, or RandomCount
// of the bank's questions carrying one of RandomTags (any when none),
// shuffled. Orders holds each question's option order (shuffled when the
// quiz says so; matching rights always are, or the answer would be the
// order itself).
func Pick(q course.Quiz, bank []Question) (ids []string, orders map[string][]string) {
	rng := mrand.New(mrand.NewPCG(seed(), seed()))
	byID := map[string]Question{}
	for _, x := range bank {
		byID[x.ID] = x
	}
	if q.RandomCount > 0 {
		var pool []string
		for _, x := range bank {
			if len(q.RandomTags) == 0 || anyTag(x.Tags, q.RandomTags) {
				pool = append(pool, x.ID)
			}
		}
		rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		ids = pool[:min(q.RandomCount, len(pool))]
	} else {
		for _, id := range q.QuestionIDs {
			if _, ok := byID[id]; ok {
				ids = append(ids, id)
			}
		}
	}
	orders = map[string][]string{}
	for _, id := range ids {
		x := byID[id]
		var opts []string
		switch x.Type {
		case Single, Multiple:
			for _, o := range x.Options {
				opts = append(opts, o.ID)
			}
			if !q.ShuffleOptions {
				continue
			}
		case Matching:
			for _, p := range x.Pairs {
				opts = append(opts, p.ID)
			}
		default:
			continue
		}
		rng.Shuffle(len(opts), func(i, j int) { opts[i], opts[j] = opts[j], opts[i] })
		orders[id] = opts
	}
	return ids, orders
}

func anyTag(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if h == w {
				return true
			}
		}
	}
	return false
}

func seed() uint64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:])
}

// Score grades every question of a and sets its totals; pass is the
// quiz's passing percentage. Essays stay ungraded (Submitted) until staff
// grade them; the others are graded at once.
func Score(a *Attempt, bank map[string]Question, pass int) {
	if a.Results == nil {
		a.Results = map[string]Result{}
	}
	a.Score, a.MaxScore = 0, 0
	all := true
	for _, id := range a.QuestionIDs {
		q, ok := bank[id]
		if !ok {
			continue // removed from the bank since: not counted
		}
		r := a.Results[id]
		if q.Type != Essay || !r.Graded {
			score, graded := Grade(q, Resolve(q, a.Orders[id], a.Answers[id]))
			r = Result{Score: score, Graded: graded, Feedback: r.Feedback}
		}
		r.Max = q.Points
		a.Results[id] = r
		a.Score += r.Score
		a.MaxScore += q.Points
		all = all && r.Graded
	}
	a.Score = roundScore(a.Score)
	if a.MaxScore > 0 {
		a.Percent = roundScore(100 * a.Score / a.MaxScore)
	}
	a.Passed = all && a.Percent >= float64(pass)
	a.Status = Submitted
	if all {
		a.Status = Graded
	}
}
