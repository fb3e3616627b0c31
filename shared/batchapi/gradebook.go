package batchapi

import (
	"context"
	"math"
	"net/http"
	"strconv"

	"lms/shared/access"
	"lms/shared/batch"
	"lms/shared/course"
	"lms/shared/httpapi"
	"lms/shared/quiz"
)

// gradebookRow is a participant's line: who they are and their marks.
type gradebookRow struct {
	Username string `json:"username"`
	Name     string `json:"name"`
	quiz.Row
}

// gradebook lists a batch's participants against every quiz of its
// courses (best attempt, passed, pending essays), with the pre-test and
// post-test scores and the gain, per participant and for the batch; as
// JSON, CSV or XLSX, for admins and the batch's instructors and PICs.
func (a *API) gradebook(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchView)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	if !follows(c, b) {
		return httpapi.ErrForbidden()
	}
	format, err := exportFormat(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	var items []quiz.GradedItem
	var attempts []quiz.Attempt
	given := map[string]map[string]quiz.Mark{} // assignments: user -> item -> mark
	for _, ref := range b.Courses {
		o, err := a.courses.Outline(ctx, c.Tenant.ID, ref.ID)
		if err != nil {
			return err
		}
		for _, s := range o.Sections {
			for _, it := range s.Items {
				if it.Kind == course.KindAssignment && it.Assignment != nil {
					items = append(items, quiz.GradedItem{CourseID: ref.ID, ItemID: it.ID, Title: it.Title, Kind: quiz.AssignmentKind, Required: it.Required})
					if err := a.assignmentMarks(ctx, c.Tenant.ID, it, given); err != nil {
						return err
					}
					continue
				}
				if it.Kind != course.KindQuiz || it.Quiz == nil {
					continue
				}
				items = append(items, quiz.GradedItem{CourseID: ref.ID, ItemID: it.ID, Title: it.Title, Kind: it.Quiz.Kind,
					Required: it.Required, PassPercent: it.Quiz.PassPercent})
				for cursor := ""; ; {
					page, err := a.quizzes.OfQuiz(ctx, c.Tenant.ID, it.ID, 100, cursor)
					if err != nil {
						return err
					}
					attempts = append(attempts, page.Items...)
					if cursor = page.NextCursor; cursor == "" {
						break
					}
				}
			}
		}
	}
	enrollments, err := a.allEnrollments(ctx, c.Tenant.ID, b.ID)
	if err != nil {
		return err
	}
	var people []batch.Enrollment
	var users []string
	for _, e := range enrollments {
		if e.Status == batch.Enrolled {
			people = append(people, e)
			users = append(users, e.UserID)
		}
	}
	book, summary := quiz.Book(items, users, attempts, given)
	rows := make([]gradebookRow, len(book))
	for i, row := range book {
		rows[i] = gradebookRow{Username: people[i].Username, Name: people[i].Name, Row: row}
	}
	if format != "json" {
		return writeTable(w, format, "nilai-"+b.Code, "Nilai", gradebookTable(items, rows))
	}
	if items == nil {
		items = []quiz.GradedItem{}
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"batch": b, "items": items, "participants": rows, "summary": summary})
	return nil
}

func gradebookTable(items []quiz.GradedItem, rows []gradebookRow) [][]string {
	head := []string{"NIK/NIP", "Nama"}
	for _, it := range items {
		head = append(head, it.Title+" (%)")
	}
	head = append(head, "Pre-test (%)", "Post-test (%)", "Kenaikan", "Rata-rata (%)", "Lulus")
	table := [][]string{head}
	num := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	for _, r := range rows {
		line := []string{r.Username, r.Name}
		for _, it := range items {
			m := r.Marks[it.ItemID]
			cell := ""
			if m.Attempts > 0 {
				cell = strconv.FormatFloat(m.Best, 'f', -1, 64)
				if m.Pending {
					cell += " (menunggu penilaian)"
				}
			}
			line = append(line, cell)
		}
		passed := "tidak"
		if r.Passed {
			passed = "ya"
		}
		line = append(line, num(r.Pre), num(r.Post), num(r.Gain), strconv.FormatFloat(r.Average, 'f', -1, 64), passed)
		table = append(table, line)
	}
	return table
}

// assignmentMarks adds an assignment's submissions to given: the grade as a
// percentage of the maximum, passed once graded, pending until then.
func (a *API) assignmentMarks(ctx context.Context, t string, it course.Item, given map[string]map[string]quiz.Mark) error {
	for cursor := ""; ; {
		page, err := a.assignments.List(ctx, t, it.ID, 100, cursor)
		if err != nil {
			return err
		}
		for _, s := range page.Items {
			m := quiz.Mark{Attempts: s.Count, Pending: s.Grade == nil}
			if s.Grade != nil && it.Assignment.MaxScore > 0 {
				m.Best = math.Round(10000**s.Grade/float64(it.Assignment.MaxScore)) / 100
				m.Passed = true
			}
			if given[s.UserID] == nil {
				given[s.UserID] = map[string]quiz.Mark{}
			}
			given[s.UserID][it.ID] = m
		}
		if cursor = page.NextCursor; cursor == "" {
			return nil
		}
	}
}
