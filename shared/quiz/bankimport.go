package quiz

import (
	"fmt"
	"strings"
	"time"
)

// Outcome is what an import does with a row.
type Outcome string

// Outcomes.
const (
	Created Outcome = "created"
	Updated Outcome = "updated"
	Skipped Outcome = "skipped" // nothing to change
	Failed  Outcome = "error"   // a problem: nothing of the row is stored
)

// Planned is what an import does with one row.
type Planned struct {
	Line    int
	Outcome Outcome
	// Question is what to store (created, updated) or the question that
	// already says the same (skipped).
	Question Question
	// Note says why, for created and skipped rows that need saying: a
	// message key and its data ("" for none).
	Note     string
	NoteData map[string]any
	Problems []RowProblem
}

// PlanImport decides what becomes of each row of a bank file against the
// course's bank, without storing anything:
//
//   - a row with problems is an error;
//   - a row whose id is a question of the bank updates it, keeping the
//     ids of the options and pairs whose text it still has (attempts
//     name them), or is skipped when it says what the question says;
//   - a row without an id, or with an id the bank does not have (a file
//     exported from another course), creates a question with a new id,
//     unless a question of the bank or an earlier row of the file already
//     says exactly the same: then it is skipped. Importing a file again
//     therefore creates nothing twice;
//   - the same id on two rows is an error on the second;
//   - new questions past the bank's size limit are errors.
//
// newQuestion makes a new question's identity (tenant, course, id, times,
// version 1).
func PlanImport(rows []ImportRow, bank []Question, now time.Time, newQuestion func() Question) []Planned {
	byID := make(map[string]Question, len(bank))
	same := make(map[string]string, len(bank)) // fingerprint -> question id
	for _, q := range bank {
		byID[q.ID] = q
		if _, ok := same[fingerprint(q)]; !ok {
			same[fingerprint(q)] = q.ID
		}
	}
	room := maxBank - len(bank)
	idLine := map[string]int{}
	newLine := map[string]int{} // fingerprint of a row creating a question -> its line
	out := make([]Planned, 0, len(rows))
	for _, r := range rows {
		p := Planned{Line: r.Line, Problems: r.Problems}
		if r.ID != "" {
			if first, seen := idLine[r.ID]; seen {
				p.Problems = append(p.Problems, RowProblem{Field: colID, Code: "question_import_id_repeated", Data: map[string]any{"Line": first}})
			} else {
				idLine[r.ID] = r.Line
			}
		}
		if len(p.Problems) > 0 {
			p.Outcome = Failed
			out = append(out, p)
			continue
		}
		fp := fingerprint(r.Question)
		if old, ok := byID[r.ID]; ok {
			if fingerprint(old) == fp {
				p.Outcome, p.Question, p.Note = Skipped, old, "question_import_unchanged"
			} else {
				p.Outcome, p.Question = Updated, merge(old, r.Question, now)
			}
			out = append(out, p)
			continue
		}
		if id, ok := same[fp]; ok {
			p.Outcome, p.Question, p.Note = Skipped, byID[id], "question_import_exists"
			out = append(out, p)
			continue
		}
		if first, ok := newLine[fp]; ok {
			p.Outcome, p.Note, p.NoteData = Skipped, "question_import_same_row", map[string]any{"Line": first}
			out = append(out, p)
			continue
		}
		if room <= 0 {
			p.Outcome = Failed
			p.Problems = append(p.Problems, RowProblem{Field: colID, Code: "question_import_bank_full", Data: map[string]any{"Max": maxBank}})
			out = append(out, p)
			continue
		}
		room--
		newLine[fp] = r.Line
		q := newQuestion()
		fill(&q, r.Question)
		p.Outcome, p.Question = Created, q
		if r.ID != "" {
			p.Note = "question_import_new_id"
		}
		out = append(out, p)
	}
	return out
}

// fill copies what a file says of a question onto q.
func fill(q *Question, from Question) {
	q.Type, q.Text, q.Points, q.Feedback, q.Tags = from.Type, from.Text, from.Points, from.Feedback, from.Tags
	q.Options, q.Correct, q.Accepted = from.Options, from.Correct, from.Accepted
	q.Value, q.Tolerance, q.Pairs, q.Image = from.Value, from.Tolerance, from.Pairs, from.Image
}

// merge applies a row to the question it names: the next version, with
// the ids of options and pairs kept where their text is, and the image's
// stored details when it is the same upload.
func merge(old, from Question, now time.Time) Question {
	q := old
	fill(&q, from)
	optIDs := keepIDs(len(from.Options), func(i int) string { return from.Options[i].Text }, old.Options, func(o Option) (string, string) { return o.ID, o.Text },
		func(i int) string { return from.Options[i].ID })
	q.Options = make([]Option, len(from.Options))
	rename := map[string]string{}
	for i, o := range from.Options {
		q.Options[i] = Option{ID: optIDs[i], Text: o.Text}
		rename[o.ID] = optIDs[i]
	}
	if q.Type == Single || q.Type == Multiple {
		q.Correct = make([]string, len(from.Correct))
		for i, c := range from.Correct {
			q.Correct[i] = rename[c]
		}
	}
	pairIDs := keepIDs(len(from.Pairs), func(i int) string { return from.Pairs[i].Left }, old.Pairs, func(p Pair) (string, string) { return p.ID, p.Left },
		func(i int) string { return from.Pairs[i].ID })
	q.Pairs = make([]Pair, len(from.Pairs))
	for i, p := range from.Pairs {
		q.Pairs[i] = Pair{ID: pairIDs[i], Left: p.Left, Right: p.Right}
	}
	if len(q.Options) == 0 {
		q.Options = nil
	}
	if len(q.Pairs) == 0 {
		q.Pairs = nil
	}
	if im := from.Image; im != nil && old.Image != nil && im.UploadID == old.Image.UploadID && im.Key == "" {
		// The same picture, checked when it was set: only the alt text
		// may have changed.
		q.Image = &Image{UploadID: im.UploadID, Alt: im.Alt, Width: old.Image.Width, Height: old.Image.Height, Key: old.Image.Key}
	}
	q.Version++
	q.UpdatedAt = now
	return q
}

// keepIDs gives each of n new entries an id: the id of an old entry with
// the same text (each old entry once), else the entry's own positional id
// when no kept id took it, else a fresh one.
func keepIDs[T any](n int, text func(int) string, old []T, idText func(T) (string, string), own func(int) string) []string {
	out := make([]string, n)
	used := map[string]bool{}
	taken := make([]bool, len(old))
	for i := range n {
		for j, o := range old {
			id, t := idText(o)
			if !taken[j] && strings.TrimSpace(t) == strings.TrimSpace(text(i)) {
				out[i], taken[j], used[id] = id, true, true
				break
			}
		}
	}
	for i := range n {
		if out[i] != "" {
			continue
		}
		id := own(i)
		for k := 1; used[id]; k++ {
			id = fmt.Sprintf("%s%d", own(i), k)
		}
		out[i], used[id] = id, true
	}
	return out
}

// fingerprint is what a question says, as its file row says it (ids and
// surrounding spaces aside): two questions with the same fingerprint are
// the same question.
func fingerprint(q Question) string {
	q = trimmed(q)
	row := questionRow(q)
	var b strings.Builder
	for i, c := range row {
		if layout[i].key == colID {
			continue
		}
		fmt.Fprintf(&b, "%v\x00", c)
	}
	return b.String()
}

// trimmed drops the spaces around every text of q, as a file's cells lose
// them.
func trimmed(q Question) Question {
	t := strings.TrimSpace
	q.Text, q.Feedback = t(q.Text), t(q.Feedback)
	q.Options = append([]Option(nil), q.Options...)
	for i := range q.Options {
		q.Options[i].Text = t(q.Options[i].Text)
	}
	q.Accepted = append([]string(nil), q.Accepted...)
	for i := range q.Accepted {
		q.Accepted[i] = t(q.Accepted[i])
	}
	q.Pairs = append([]Pair(nil), q.Pairs...)
	for i := range q.Pairs {
		q.Pairs[i].Left, q.Pairs[i].Right = t(q.Pairs[i].Left), t(q.Pairs[i].Right)
	}
	if q.Image != nil {
		q.Image = &Image{UploadID: q.Image.UploadID, Alt: t(q.Image.Alt)}
	}
	return q
}
