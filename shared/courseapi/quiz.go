package courseapi

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"lms/shared/access"
	"lms/shared/course"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/progress"
	"lms/shared/quiz"
	"lms/shared/tenancy"
)

// ---------------------------------------------------------------- bank

type questionRequest struct {
	Type      *quiz.Type     `json:"type"`
	Text      *string        `json:"text"`
	Points    *float64       `json:"points"`
	Feedback  *string        `json:"feedback"`
	Tags      *[]string      `json:"tags"`
	Options   *[]quiz.Option `json:"options"`
	Correct   *[]string      `json:"correct"`
	Accepted  *[]string      `json:"accepted"`
	Value     *float64       `json:"value"`
	Tolerance *float64       `json:"tolerance"`
	Pairs     *[]quiz.Pair   `json:"pairs"`
	// Image: absent leaves it, null removes it, {uploadId, alt} sets it.
	Image   json.RawMessage `json:"image"`
	Version *int            `json:"version"`
}

// imageRequest is a question's image as an editor sets it.
type imageRequest struct {
	UploadID string `json:"uploadId"`
	Alt      string `json:"alt"`
}

func applyQuestion(q *quiz.Question, in questionRequest, v *httpapi.Validation) {
	if in.Type != nil {
		q.Type = *in.Type
	}
	if in.Text != nil {
		q.Text = strings.TrimSpace(*in.Text)
	}
	if in.Points != nil {
		q.Points = *in.Points
	}
	if in.Feedback != nil {
		q.Feedback = strings.TrimSpace(*in.Feedback)
	}
	v.Length("feedback", q.Feedback, 0, 5000, false)
	if in.Tags != nil {
		q.Tags = checkTags(v, *in.Tags)
	}
	if in.Options != nil {
		q.Options = *in.Options
	}
	if in.Correct != nil {
		q.Correct = *in.Correct
	}
	if in.Accepted != nil {
		q.Accepted = *in.Accepted
	}
	if in.Value != nil {
		q.Value = in.Value
	}
	if in.Tolerance != nil {
		q.Tolerance = *in.Tolerance
	}
	if in.Pairs != nil {
		q.Pairs = *in.Pairs
	}
	applyImage(q, in.Image, v)
	for _, p := range q.Check() {
		v.Add(p.Field, p.Code, nil)
	}
}

// editableCourse authorises the course's editors for the path course (its
// bank, its answers; editable adds the version bump of a course write).
func (a *API) editableCourse(r *http.Request) (access.Caller, course.Outline, error) {
	c, err := a.guard.Request(r, a.clientID, access.CourseEdit)
	if err != nil {
		return c, course.Outline{}, err
	}
	o, err := a.loadOutline(r, c)
	if err != nil {
		return c, o, err
	}
	if !canEdit(c, o.Course) {
		return c, o, httpapi.ErrForbidden()
	}
	return c, o, nil
}

func (a *API) listQuestions(w http.ResponseWriter, r *http.Request) error {
	c, o, err := a.editableCourse(r)
	if err != nil {
		return err
	}
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	page, err := a.quizzes.Questions(r.Context(), c.Tenant.ID, o.Course.ID, limit, cursor)
	if err != nil {
		return httpapi.PageError(r, err)
	}
	for i := range page.Items {
		if err := a.signImage(r.Context(), page.Items[i].Image); err != nil {
			return err
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, page)
	return nil
}

func (a *API) createQuestion(w http.ResponseWriter, r *http.Request) error {
	c, o, err := a.editableCourse(r)
	if err != nil {
		return err
	}
	var in questionRequest
	if err := httpapi.DecodeJSON(r, &in, 64<<10); err != nil {
		return err
	}
	now := a.env.Clock.Now()
	q := quiz.Question{TenantID: c.Tenant.ID, CourseID: o.Course.ID, ID: ids.New(now), Tags: []string{}, CreatedAt: now, UpdatedAt: now, Version: 1}
	v := httpapi.NewValidation(r)
	applyQuestion(&q, in, v)
	if err := v.Err(); err != nil {
		return err
	}
	if err := a.resolveImage(r.Context(), &q, v); err != nil {
		return err
	}
	if err := a.quizzes.PutQuestion(r.Context(), q); err != nil {
		return quizError(err)
	}
	return a.writeQuestion(w, r, http.StatusCreated, q)
}

func (a *API) loadQuestion(r *http.Request, c access.Caller, o course.Outline) (quiz.Question, error) {
	id := httpapi.PathParam(r, "questionId")
	if !ids.Valid(id) {
		return quiz.Question{}, httpapi.NewError(http.StatusNotFound, "question_not_found")
	}
	q, err := a.quizzes.GetQuestion(r.Context(), c.Tenant.ID, o.Course.ID, id)
	if errors.Is(err, quiz.ErrNotFound) {
		return q, httpapi.NewError(http.StatusNotFound, "question_not_found")
	}
	return q, err
}

func (a *API) getQuestion(w http.ResponseWriter, r *http.Request) error {
	c, o, err := a.editableCourse(r)
	if err != nil {
		return err
	}
	q, err := a.loadQuestion(r, c, o)
	if err != nil {
		return err
	}
	return a.writeQuestion(w, r, http.StatusOK, q)
}

func (a *API) updateQuestion(w http.ResponseWriter, r *http.Request) error {
	c, o, err := a.editableCourse(r)
	if err != nil {
		return err
	}
	var in questionRequest
	if err := httpapi.DecodeJSON(r, &in, 64<<10); err != nil {
		return err
	}
	q, err := a.loadQuestion(r, c, o)
	if err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	v.Check(in.Version != nil, "version", "field_required", nil)
	if in.Version != nil && *in.Version != q.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	applyQuestion(&q, in, v)
	if err := v.Err(); err != nil {
		return err
	}
	if err := a.resolveImage(r.Context(), &q, v); err != nil {
		return err
	}
	q.Version++
	q.UpdatedAt = a.env.Clock.Now()
	if err := a.quizzes.PutQuestion(r.Context(), q); err != nil {
		return quizError(err)
	}
	return a.writeQuestion(w, r, http.StatusOK, q)
}

func (a *API) deleteQuestion(w http.ResponseWriter, r *http.Request) error {
	c, o, err := a.editableCourse(r)
	if err != nil {
		return err
	}
	q, err := a.loadQuestion(r, c, o)
	if err != nil {
		return err
	}
	if err := a.quizzes.DeleteQuestion(r.Context(), c.Tenant.ID, o.Course.ID, q.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func quizError(err error) error {
	switch {
	case errors.Is(err, quiz.ErrConflict):
		return httpapi.NewError(http.StatusConflict, "conflict")
	case errors.Is(err, quiz.ErrNotFound):
		return httpapi.NewError(http.StatusNotFound, "attempt_not_found")
	case errors.Is(err, quiz.ErrNoAttempt):
		return httpapi.NewError(http.StatusConflict, "quiz_no_attempt_left")
	}
	return err
}

// ------------------------------------------------------------ attempts

// quizCaller is who takes or follows a quiz: a learner with access to the
// course (and the item available), or the course's staff.
type quizCaller struct {
	c        access.Caller
	o        course.Outline
	item     course.Item
	staff    bool // edits the course: sees every attempt and the answers
	learning progress.Learning
	items    map[string]progress.Item
}

func (a *API) quizContext(r *http.Request) (quizCaller, error) {
	qc, err := a.itemContext(r, course.KindQuiz)
	if err == nil && qc.item.Quiz == nil {
		return qc, httpapi.ErrNotFound()
	}
	return qc, err
}

// itemContext authorises the path's item of a kind for a learner with
// access (the item available to them) or the course's staff.
func (a *API) itemContext(r *http.Request, kind course.Kind) (quizCaller, error) {
	c, err := a.guard.Request(r, a.clientID, access.CourseStudy)
	if err != nil {
		return quizCaller{}, err
	}
	qc := quizCaller{c: c}
	if c.Is(tenancy.RoleAdmin, tenancy.RoleInstructor) {
		if qc.o, err = a.loadOutline(r, c); err != nil {
			return qc, err
		}
		qc.staff = canEdit(c, qc.o.Course)
	}
	if !qc.staff {
		if qc.o, qc.learning, qc.items, err = a.learnerOutline(r, c); err != nil {
			return qc, err
		}
	}
	it, err := findItem(r, qc.o)
	if err != nil || it.Kind != kind {
		return qc, httpapi.ErrNotFound()
	}
	qc.item = it
	return qc, nil
}

// attemptView is an attempt as its reader sees it: the questions without
// answers; after submission, the correct answers and feedback when the
// quiz's review setting allows.
type attemptView struct {
	quiz.Attempt
	Questions       []quiz.Public          `json:"questions"`
	SecondsLeft     *int                   `json:"secondsLeft,omitempty"`
	Review          map[string]reviewEntry `json:"review,omitempty"`
	PassPercent     int                    `json:"passPercent"`
	ReviewAvailable bool                   `json:"reviewAvailable"`
}

type reviewEntry struct {
	Correct  []string    `json:"correct,omitempty"`
	Accepted []string    `json:"accepted,omitempty"`
	Value    *float64    `json:"value,omitempty"`
	Pairs    []quiz.Pair `json:"pairs,omitempty"`
	Feedback string      `json:"feedback,omitempty"`
}

func (a *API) bankOf(ctx context.Context, t, courseID string) (map[string]quiz.Question, error) {
	all, err := a.quizzes.Bank(ctx, t, courseID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]quiz.Question, len(all))
	for _, q := range all {
		// Every view of an attempt shows its questions' pictures.
		if err := a.signImage(ctx, q.Image); err != nil {
			return nil, err
		}
		out[q.ID] = q
	}
	return out, nil
}

func (a *API) view(qc quizCaller, at quiz.Attempt, bank map[string]quiz.Question) attemptView {
	now := a.env.Clock.Now()
	v := attemptView{Attempt: at, Questions: []quiz.Public{}, PassPercent: qc.item.Quiz.PassPercent}
	for _, id := range at.QuestionIDs {
		if q, ok := bank[id]; ok {
			v.Questions = append(v.Questions, quiz.PublicView(q, at.Orders[id]))
		}
	}
	if at.Status == quiz.InProgress && !at.Deadline.IsZero() {
		left := max(0, int(math.Ceil(at.Deadline.Sub(now).Seconds())))
		v.SecondsLeft = &left
	}
	review := qc.item.Quiz.Review
	v.ReviewAvailable = at.Status != quiz.InProgress && (qc.staff || review == course.ReviewAfterSubmit ||
		(review == course.ReviewAfterClose && qc.item.Quiz.ClosesAt != nil && now.After(*qc.item.Quiz.ClosesAt)))
	if v.ReviewAvailable {
		v.Review = map[string]reviewEntry{}
		for _, id := range at.QuestionIDs {
			if q, ok := bank[id]; ok {
				v.Review[id] = reviewEntry{Correct: q.Correct, Accepted: q.Accepted, Value: q.Value, Pairs: q.Pairs, Feedback: q.Feedback}
			}
		}
	} else if at.Status != quiz.InProgress && !qc.staff {
		// Without review a learner sees the score, not which answers were right.
		v.Results = nil
	}
	return v
}

// startAttempt starts an attempt, or returns the one in progress (a reload
// or a second device resumes it).
func (a *API) startAttempt(w http.ResponseWriter, r *http.Request) error {
	qc, err := a.quizContext(r)
	if err != nil {
		return err
	}
	if err := httpapi.DecodeOptionalJSON(r, &struct{}{}, 1<<10); err != nil {
		return err
	}
	ctx := r.Context()
	settings := *qc.item.Quiz
	bank, err := a.bankOf(ctx, qc.c.Tenant.ID, qc.o.Course.ID)
	if err != nil {
		return err
	}
	now := a.env.Clock.Now()
	previous, err := a.quizzes.Mine(ctx, qc.c.Tenant.ID, qc.item.ID, qc.c.Principal.Sub)
	if err != nil {
		return err
	}
	for _, p := range previous {
		if p.Status != quiz.InProgress {
			continue
		}
		if !p.Expired(now) {
			httpapi.WriteJSON(w, http.StatusOK, a.view(qc, p, bank))
			return nil
		}
		// Time ran out while away: it is submitted as it was saved.
		if _, err := a.finish(r, qc, p, bank); err != nil && !errors.Is(err, quiz.ErrConflict) {
			return err
		}
	}
	if !quiz.Open(settings, now) {
		return httpapi.NewError(http.StatusConflict, "quiz_closed")
	}
	if settings.MaxAttempts > 0 && len(previous) >= settings.MaxAttempts {
		return httpapi.NewError(http.StatusConflict, "quiz_no_attempt_left")
	}
	qids, orders := quiz.Pick(settings, slices.Collect(mapValues(bank)))
	if len(qids) == 0 {
		return httpapi.NewError(http.StatusConflict, "quiz_empty")
	}
	at := quiz.Attempt{TenantID: qc.c.Tenant.ID, ID: ids.New(now), CourseID: qc.o.Course.ID, ItemID: qc.item.ID, UserID: qc.c.Principal.Sub,
		Number: len(previous) + 1, Kind: string(settings.Kind), QuestionIDs: qids, Orders: orders, Answers: map[string]quiz.Answer{},
		Status: quiz.InProgress, StartedAt: now, Deadline: quiz.Deadline(settings, now), Version: 1}
	if err := a.quizzes.Start(ctx, at, settings.MaxAttempts); err != nil {
		return quizError(err)
	}
	httpapi.WriteJSON(w, http.StatusCreated, a.view(qc, at, bank))
	return nil
}

func mapValues(m map[string]quiz.Question) func(func(quiz.Question) bool) {
	return func(yield func(quiz.Question) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

// listAttempts lists the caller's attempts (staff: every learner's).
func (a *API) listAttempts(w http.ResponseWriter, r *http.Request) error {
	qc, err := a.quizContext(r)
	if err != nil {
		return err
	}
	if qc.staff {
		limit, cursor, err := httpapi.PageParams(r)
		if err != nil {
			return err
		}
		page, err := a.quizzes.OfQuiz(r.Context(), qc.c.Tenant.ID, qc.item.ID, limit, cursor)
		if err != nil {
			return httpapi.PageError(r, err)
		}
		httpapi.WriteJSON(w, http.StatusOK, page)
		return nil
	}
	mine, err := a.quizzes.Mine(r.Context(), qc.c.Tenant.ID, qc.item.ID, qc.c.Principal.Sub)
	if err != nil {
		return err
	}
	for i := range mine {
		mine[i].Answers, mine[i].Results = nil, nil
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"items": mine})
	return nil
}

// loadAttempt reads the path's attempt for its owner or the course's staff;
// to anyone else it does not exist.
func (a *API) loadAttempt(r *http.Request, qc quizCaller) (quiz.Attempt, error) {
	id := httpapi.PathParam(r, "attemptId")
	if !ids.Valid(id) {
		return quiz.Attempt{}, httpapi.NewError(http.StatusNotFound, "attempt_not_found")
	}
	at, err := a.quizzes.Get(r.Context(), qc.c.Tenant.ID, id)
	if errors.Is(err, quiz.ErrNotFound) || (err == nil && (at.ItemID != qc.item.ID || (!qc.staff && at.UserID != qc.c.Principal.Sub))) {
		return quiz.Attempt{}, httpapi.NewError(http.StatusNotFound, "attempt_not_found")
	}
	return at, err
}

func (a *API) getAttempt(w http.ResponseWriter, r *http.Request) error {
	qc, err := a.quizContext(r)
	if err != nil {
		return err
	}
	at, err := a.loadAttempt(r, qc)
	if err != nil {
		return err
	}
	bank, err := a.bankOf(r.Context(), qc.c.Tenant.ID, qc.o.Course.ID)
	if err != nil {
		return err
	}
	if at.Status == quiz.InProgress && at.Expired(a.env.Clock.Now()) && at.UserID == qc.c.Principal.Sub {
		if at, err = a.finish(r, qc, at, bank); err != nil && !errors.Is(err, quiz.ErrConflict) {
			return err
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, a.view(qc, at, bank))
	return nil
}

type answersRequest struct {
	Answers map[string]quiz.Answer `json:"answers"`
}

// saveAnswers merges answers into the caller's attempt in progress; after
// the deadline (and its grace) nothing is taken.
func (a *API) saveAnswers(w http.ResponseWriter, r *http.Request) error {
	qc, err := a.quizContext(r)
	if err != nil {
		return err
	}
	var in answersRequest
	if err := httpapi.DecodeJSON(r, &in, 256<<10); err != nil {
		return err
	}
	at, err := a.loadAttempt(r, qc)
	if err != nil {
		return err
	}
	if at.UserID != qc.c.Principal.Sub {
		return httpapi.NewError(http.StatusNotFound, "attempt_not_found")
	}
	if at.Status != quiz.InProgress {
		return httpapi.NewError(http.StatusConflict, "attempt_submitted")
	}
	if at.Expired(a.env.Clock.Now()) {
		return httpapi.NewError(http.StatusConflict, "attempt_time_up")
	}
	bank, err := a.bankOf(r.Context(), qc.c.Tenant.ID, qc.o.Course.ID)
	if err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	for qid, ans := range in.Answers {
		q, ok := bank[qid]
		if !ok || !slices.Contains(at.QuestionIDs, qid) {
			v.Add("answers."+qid, "attempt_unknown_question", nil)
			continue
		}
		if err := quiz.CheckAnswer(q, ans); err != nil {
			v.Add("answers."+qid, "attempt_answer_invalid", nil)
			continue
		}
		at.Answers[qid] = ans
	}
	if err := v.Err(); err != nil {
		return err
	}
	at.Version++
	if err := a.quizzes.Save(r.Context(), at); err != nil {
		return quizError(err)
	}
	httpapi.WriteJSON(w, http.StatusOK, a.view(qc, at, bank))
	return nil
}

// submitAttempt grades the caller's attempt once; a passed quiz completes
// its item in the learner's progress.
func (a *API) submitAttempt(w http.ResponseWriter, r *http.Request) error {
	qc, err := a.quizContext(r)
	if err != nil {
		return err
	}
	at, err := a.loadAttempt(r, qc)
	if err != nil {
		return err
	}
	if at.UserID != qc.c.Principal.Sub {
		return httpapi.NewError(http.StatusNotFound, "attempt_not_found")
	}
	if at.Status != quiz.InProgress {
		return httpapi.NewError(http.StatusConflict, "attempt_submitted")
	}
	bank, err := a.bankOf(r.Context(), qc.c.Tenant.ID, qc.o.Course.ID)
	if err != nil {
		return err
	}
	at, err = a.finish(r, qc, at, bank)
	if errors.Is(err, quiz.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "attempt_submitted")
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, a.view(qc, at, bank))
	return nil
}

// finish scores and stores an attempt, then records a pass as the item's
// completion.
func (a *API) finish(r *http.Request, qc quizCaller, at quiz.Attempt, bank map[string]quiz.Question) (quiz.Attempt, error) {
	now := a.env.Clock.Now()
	at.SubmittedAt = now
	if !at.Deadline.IsZero() && now.After(at.Deadline) {
		at.SubmittedAt = at.Deadline
	}
	quiz.Score(&at, bank, qc.item.Quiz.PassPercent)
	at.Version++
	if err := a.quizzes.Finish(r.Context(), at); err != nil {
		return at, err
	}
	if at.Passed {
		a.quizPassed(r, qc, at.UserID)
	}
	return at, nil
}

// quizPassed completes the quiz item in its learner's progress. A learner
// without a learning record (staff trying their own quiz) has nothing to
// complete. Failures are logged: the attempt stands, and the next passed
// attempt or progress report tries again.
func (a *API) quizPassed(r *http.Request, qc quizCaller, userID string) {
	ctx := r.Context()
	l, items, found, err := a.progress.CourseState(ctx, qc.c.Tenant.ID, userID, qc.o.Course.ID)
	if err == nil && found && l.HasAccess() {
		_, err = a.saveProgress(r, qc.c.Tenant.ID, userID, qc.o, l, items, qc.item,
			progress.Report{DeviceID: "quiz", Completed: true, At: a.env.Clock.Now()}, true)
	}
	if err != nil {
		a.env.Log.ErrorContext(ctx, "quiz pass not recorded in progress", "itemId", qc.item.ID, "error", err.Error())
	}
}

type gradeRequest struct {
	Results map[string]struct {
		Score    float64 `json:"score"`
		Feedback string  `json:"feedback"`
	} `json:"results"`
}

// gradeAttempt lets the course's staff grade essays (and comment on any
// answer); a grading that completes a passing attempt completes the item.
func (a *API) gradeAttempt(w http.ResponseWriter, r *http.Request) error {
	qc, err := a.quizContext(r)
	if err != nil {
		return err
	}
	if !qc.staff {
		return httpapi.ErrForbidden()
	}
	var in gradeRequest
	if err := httpapi.DecodeJSON(r, &in, 64<<10); err != nil {
		return err
	}
	at, err := a.loadAttempt(r, qc)
	if err != nil {
		return err
	}
	if at.Status == quiz.InProgress {
		return httpapi.NewError(http.StatusConflict, "attempt_not_submitted")
	}
	bank, err := a.bankOf(r.Context(), qc.c.Tenant.ID, qc.o.Course.ID)
	if err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	for qid, g := range in.Results {
		q, ok := bank[qid]
		switch {
		case !ok || !slices.Contains(at.QuestionIDs, qid):
			v.Add("results."+qid, "attempt_unknown_question", nil)
		case g.Score < 0 || g.Score > q.Points || math.IsNaN(g.Score):
			v.Add("results."+qid, "grade_range", map[string]any{"Max": q.Points})
		case len(g.Feedback) > 5000:
			v.Add("results."+qid, "field_too_long", map[string]any{"Max": 5000})
		default:
			res := at.Results[qid]
			res.Feedback = strings.TrimSpace(g.Feedback)
			if q.Type == quiz.Essay {
				res.Score, res.Graded = g.Score, true
			}
			at.Results[qid] = res
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	wasPassed := at.Passed
	quiz.Score(&at, bank, qc.item.Quiz.PassPercent)
	at.Version++
	if err := a.quizzes.Regrade(r.Context(), at); err != nil {
		return quizError(err)
	}
	if at.Passed && !wasPassed {
		a.quizPassed(r, qc, at.UserID)
	}
	httpapi.WriteJSON(w, http.StatusOK, a.view(qc, at, bank))
	return nil
}

// checkQuiz validates a quiz item's settings.
func checkQuiz(q *course.Quiz, v *httpapi.Validation) {
	if q == nil {
		v.Add("quiz", "field_required", nil)
		return
	}
	switch q.Kind {
	case course.QuizPractice, course.QuizPre, course.QuizPost:
	default:
		v.Add("quiz.kind", "field_one_of", map[string]any{"Values": "quiz, pretest, posttest"})
	}
	switch q.Review {
	case course.ReviewAfterSubmit, course.ReviewAfterClose, course.ReviewNever:
	case "":
		q.Review = course.ReviewAfterSubmit
	default:
		v.Add("quiz.review", "field_one_of", map[string]any{"Values": "after-submit, after-close, never"})
	}
	v.Check(len(q.QuestionIDs) > 0 || q.RandomCount > 0, "quiz.questionIds", "quiz_questions", nil)
	v.Check(len(q.QuestionIDs) <= 200 && q.RandomCount >= 0 && q.RandomCount <= 200, "quiz.questionIds", "quiz_questions", nil)
	for _, id := range q.QuestionIDs {
		if !ids.Valid(id) {
			v.Add("quiz.questionIds", "field_invalid", nil)
			break
		}
	}
	v.Check(q.TimeLimitMin >= 0 && q.TimeLimitMin <= 24*60, "quiz.timeLimitMinutes", "field_invalid", nil)
	v.Check(q.MaxAttempts >= 0 && q.MaxAttempts <= 100, "quiz.maxAttempts", "field_invalid", nil)
	v.Check(q.PassPercent >= 0 && q.PassPercent <= 100, "quiz.passPercent", "field_invalid", nil)
	v.Check(q.OpensAt == nil || q.ClosesAt == nil || q.OpensAt.Before(*q.ClosesAt), "quiz.closesAt", "quiz_dates", nil)
	if q.ClosesAt != nil {
		t := q.ClosesAt.UTC().Truncate(time.Second)
		q.ClosesAt = &t
	}
}

func init() {
	i18n.Register(
		i18n.Message{Key: "question_text", Indonesian: "Teks soal 3 sampai 10.000 karakter.", English: "The question text is 3 to 10,000 characters."},
		i18n.Message{Key: "question_points", Indonesian: "Bobot nilai lebih dari 0 dan paling besar 1000.", English: "Points are above 0 and at most 1000."},
		i18n.Message{Key: "question_options", Indonesian: "Pilihan jawaban 2 sampai 10, masing-masing dengan id unik dan teks.", English: "2 to 10 options, each with a unique id and text."},
		i18n.Message{Key: "question_correct", Indonesian: "Kunci jawaban harus menunjuk pilihan yang ada (satu untuk pilihan tunggal; true atau false untuk benar/salah).", English: "The key must name existing options (one for single choice; true or false for true/false)."},
		i18n.Message{Key: "question_accepted", Indonesian: "Isi 1 sampai 20 jawaban yang diterima.", English: "Give 1 to 20 accepted answers."},
		i18n.Message{Key: "question_numeric", Indonesian: "Isi nilai jawaban dan toleransi (tidak negatif).", English: "Give the answer's value and a non-negative tolerance."},
		i18n.Message{Key: "question_pairs", Indonesian: "Pasangan 2 sampai 12, masing-masing dengan id unik, sisi kiri dan kanan.", English: "2 to 12 pairs, each with a unique id, a left and a right."},
		i18n.Message{Key: "question_type", Indonesian: "Jenis soal: single, multiple, truefalse, short, numeric, matching atau essay.", English: "Question types: single, multiple, truefalse, short, numeric, matching or essay."},
		i18n.Message{Key: "question_not_found", Indonesian: "Soal tidak ditemukan.", English: "Question not found."},
		i18n.Message{Key: "attempt_not_found", Indonesian: "Percobaan tidak ditemukan.", English: "Attempt not found."},
		i18n.Message{Key: "quiz_no_attempt_left", Indonesian: "Kesempatan mengerjakan kuis ini sudah habis.", English: "No attempts left for this quiz."},
		i18n.Message{Key: "quiz_closed", Indonesian: "Kuis ini sedang tidak dibuka.", English: "This quiz is not open."},
		i18n.Message{Key: "quiz_empty", Indonesian: "Kuis ini belum berisi soal.", English: "This quiz has no questions yet."},
		i18n.Message{Key: "quiz_questions", Indonesian: "Pilih soal dari bank soal (1 sampai 200) atau jumlah soal acak.", English: "Pick questions from the bank (1 to 200) or a number of random ones."},
		i18n.Message{Key: "quiz_dates", Indonesian: "Waktu tutup harus setelah waktu buka.", English: "The quiz must close after it opens."},
		i18n.Message{Key: "attempt_submitted", Indonesian: "Percobaan ini sudah dikumpulkan.", English: "This attempt has already been submitted."},
		i18n.Message{Key: "attempt_time_up", Indonesian: "Waktu mengerjakan sudah habis; jawaban tidak dapat diubah lagi.", English: "Time is up; answers can no longer change."},
		i18n.Message{Key: "attempt_not_submitted", Indonesian: "Percobaan ini belum dikumpulkan.", English: "This attempt has not been submitted yet."},
		i18n.Message{Key: "attempt_unknown_question", Indonesian: "Soal ini tidak ada dalam percobaan.", English: "This question is not in the attempt."},
		i18n.Message{Key: "attempt_answer_invalid", Indonesian: "Jawaban tidak sesuai dengan jenis soalnya.", English: "The answer does not fit the question."},
		i18n.Message{Key: "grade_range", Indonesian: "Nilai antara 0 dan {{.Max}}.", English: "The score is between 0 and {{.Max}}."},
	)
}
