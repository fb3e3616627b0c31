package quiz

import (
	"math"

	"lms/shared/course"
)

// GradedItem is a quiz of a batch's courses, as the gradebook lists it.
type GradedItem struct {
	CourseID    string          `json:"courseId"`
	ItemID      string          `json:"itemId"`
	Title       string          `json:"title"`
	Kind        course.QuizKind `json:"kind"`
	Required    bool            `json:"required"`
	PassPercent int             `json:"passPercent"`
}

// Mark is a learner's standing on one graded item: their best submitted
// attempt.
type Mark struct {
	Attempts int     `json:"attempts"`
	Best     float64 `json:"best"` // percent
	Passed   bool    `json:"passed"`
	Pending  bool    `json:"pending"` // an essay awaits grading
}

// Row is one learner of the gradebook.
type Row struct {
	UserID string          `json:"userId"`
	Marks  map[string]Mark `json:"marks"` // item id -> mark
	// Pre and Post are the best pre-test and post-test percentages (nil:
	// not taken); Gain is Post - Pre when both are there.
	Pre  *float64 `json:"pre,omitempty"`
	Post *float64 `json:"post,omitempty"`
	Gain *float64 `json:"gain,omitempty"`
	// Average is the mean of the best percentages over every graded item
	// (an item not taken counts 0); Passed: every required item passed.
	Average float64 `json:"average"`
	Passed  bool    `json:"passed"`
}

// Summary is the batch's pre/post picture.
type Summary struct {
	Learners int      `json:"learners"`
	MeanPre  *float64 `json:"meanPre,omitempty"`
	MeanPost *float64 `json:"meanPost,omitempty"`
	MeanGain *float64 `json:"meanGain,omitempty"` // over learners with both
	Passed   int      `json:"passed"`
}

// AssignmentKind marks a graded item that is an assignment (its marks come
// from staff grading, passed once graded).
const AssignmentKind course.QuizKind = "assignment"

// Book builds the gradebook of users over items from their attempts (any
// order; in-progress ones do not count) and, for assignment items, the
// marks given (user -> item -> mark).
func Book(items []GradedItem, users []string, attempts []Attempt, given map[string]map[string]Mark) ([]Row, Summary) {
	byUser := map[string]map[string][]Attempt{}
	for _, a := range attempts {
		if a.Status == InProgress {
			continue
		}
		if byUser[a.UserID] == nil {
			byUser[a.UserID] = map[string][]Attempt{}
		}
		byUser[a.UserID][a.ItemID] = append(byUser[a.UserID][a.ItemID], a)
	}
	var rows []Row
	var sum Summary
	var pres, posts, gains []float64
	for _, u := range users {
		row := Row{UserID: u, Marks: map[string]Mark{}, Passed: true}
		total := 0.0
		for _, it := range items {
			m := given[u][it.ItemID]
			for _, a := range byUser[u][it.ItemID] {
				m.Attempts++
				m.Best = math.Max(m.Best, a.Percent)
				m.Passed = m.Passed || a.Passed
				m.Pending = m.Pending || a.Status == Submitted
			}
			row.Marks[it.ItemID] = m
			total += m.Best
			if it.Required && !m.Passed {
				row.Passed = false
			}
			if m.Attempts == 0 {
				continue
			}
			best := m.Best
			switch it.Kind {
			case course.QuizPre:
				if row.Pre == nil || best > *row.Pre {
					row.Pre = &best
				}
			case course.QuizPost:
				if row.Post == nil || best > *row.Post {
					row.Post = &best
				}
			}
		}
		if len(items) > 0 {
			row.Average = roundScore(total / float64(len(items)))
		}
		if row.Pre != nil {
			pres = append(pres, *row.Pre)
		}
		if row.Post != nil {
			posts = append(posts, *row.Post)
		}
		if row.Pre != nil && row.Post != nil {
			g := roundScore(*row.Post - *row.Pre)
			row.Gain = &g
			gains = append(gains, g)
		}
		if row.Passed {
			sum.Passed++
		}
		rows = append(rows, row)
	}
	sum.Learners = len(users)
	sum.MeanPre, sum.MeanPost, sum.MeanGain = mean(pres), mean(posts), mean(gains)
	return rows, sum
}

func mean(v []float64) *float64 {
	if len(v) == 0 {
		return nil
	}
	t := 0.0
	for _, x := range v {
		t += x
	}
	m := roundScore(t / float64(len(v)))
	return &m
}
