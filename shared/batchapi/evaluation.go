package batchapi

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"lms/shared/access"
	"lms/shared/batch"
	"lms/shared/httpapi"
	"lms/shared/ids"
)

type evaluationView struct {
	batch.Form
	// Results are shown to admins and the batch's instructors and PICs.
	Results []batch.QuestionResult `json:"results,omitempty"`
}

// getEvaluation answers the batch's form; those who follow the batch also
// get the aggregated results.
func (a *API) getEvaluation(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchView)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	// Who may read comes first, so a refusal says nothing about the form.
	following := follows(c, b)
	if !following {
		e, err := a.batches.GetEnrollment(r.Context(), c.Tenant.ID, b.ID, c.Principal.Sub)
		if err != nil || e.Status != batch.Enrolled {
			return httpapi.ErrForbidden()
		}
	}
	f, err := a.batches.GetForm(r.Context(), c.Tenant.ID, b.ID)
	if errors.Is(err, batch.ErrNotFound) {
		return httpapi.NewError(http.StatusNotFound, "evaluation_not_defined")
	}
	if err != nil {
		return err
	}
	view := evaluationView{Form: f}
	if following {
		responses, err := a.batches.Responses(r.Context(), c.Tenant.ID, b.ID)
		if err != nil {
			return err
		}
		view.Results = batch.Aggregate(f, responses)
	} else {
		view.Responses = 0 // how many answered is a result, for organisers
	}
	httpapi.WriteJSON(w, http.StatusOK, view)
	return nil
}

type formRequest struct {
	Questions []batch.Question `json:"questions"`
}

// putEvaluation (admins) defines the form; it is locked once answered.
func (a *API) putEvaluation(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	var in formRequest
	if err := httpapi.DecodeJSON(r, &in, 32<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	if len(in.Questions) == 0 || len(in.Questions) > 30 {
		v.Add("questions", "evaluation_questions_count", nil)
	}
	now := a.env.Clock.Now()
	seen := map[string]bool{}
	for i := range in.Questions {
		q := &in.Questions[i]
		field := "questions[" + strconv.Itoa(i) + "]"
		if q.ID == "" {
			q.ID = ids.New(now)
		}
		if !ids.Valid(q.ID) || seen[q.ID] {
			v.Add(field+".id", "field_invalid", nil)
		}
		seen[q.ID] = true
		q.Text = httpapi.CleanText(q.Text)
		v.Length(field+".text", q.Text, 3, 300, true)
		switch q.Kind {
		case batch.QuestionScale, batch.QuestionText:
			v.Check(len(q.Options) == 0, field+".options", "field_invalid", nil)
		case batch.QuestionChoice:
			for j := range q.Options {
				q.Options[j] = httpapi.CleanText(q.Options[j])
			}
			opts := dedupe(q.Options)
			v.Check(len(opts) >= 2 && len(opts) <= 10 && len(opts) == len(q.Options), field+".options", "evaluation_options", nil)
			for _, o := range opts {
				v.Length(field+".options", o, 1, 100, true)
			}
		default:
			v.Add(field+".kind", "field_one_of", map[string]any{"Values": "scale, choice, text"})
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	f := batch.Form{TenantID: c.Tenant.ID, BatchID: b.ID, Questions: in.Questions, UpdatedAt: now}
	if err := a.batches.PutForm(r.Context(), f); errors.Is(err, batch.ErrLocked) {
		return httpapi.NewError(http.StatusConflict, "evaluation_locked")
	} else if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, evaluationView{Form: f})
	return nil
}

type responseRequest struct {
	Answers map[string]string `json:"answers"`
}

// respond stores an enrolled participant's answers, once.
func (a *API) respond(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchEnroll)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	e, err := a.batches.GetEnrollment(r.Context(), c.Tenant.ID, b.ID, c.Principal.Sub)
	if err != nil || e.Status != batch.Enrolled {
		return httpapi.ErrForbidden()
	}
	f, err := a.batches.GetForm(r.Context(), c.Tenant.ID, b.ID)
	if errors.Is(err, batch.ErrNotFound) {
		return httpapi.NewError(http.StatusNotFound, "evaluation_not_defined")
	}
	if err != nil {
		return err
	}
	var in responseRequest
	if err := httpapi.DecodeJSON(r, &in, 32<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	known := map[string]bool{}
	answers := map[string]string{}
	for _, q := range f.Questions {
		known[q.ID] = true
		a, ok := in.Answers[q.ID]
		field := "answers." + q.ID
		if !ok || a == "" {
			v.Check(!q.Required, field, "field_required", nil)
			continue
		}
		switch q.Kind {
		case batch.QuestionScale:
			n, err := strconv.Atoi(strings.TrimSpace(a))
			v.Check(err == nil && n >= 1 && n <= 5, field, "evaluation_scale", nil)
			a = strconv.Itoa(n) // "05" and "+5" count as "5"
		case batch.QuestionChoice:
			v.Check(slices.Contains(q.Options, a), field, "field_one_of", map[string]any{"Values": strings.Join(q.Options, ", ")})
		case batch.QuestionText:
			a = httpapi.CleanText(a)
			v.Length(field, a, 1, 2000, q.Required)
		}
		answers[q.ID] = a
	}
	for id := range in.Answers {
		if !known[id] {
			v.Add("answers."+id, "unknown_question", nil)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	err = a.batches.Respond(r.Context(), batch.Response{TenantID: c.Tenant.ID, BatchID: b.ID, UserID: c.Principal.Sub, Answers: answers, At: a.env.Clock.Now()})
	if errors.Is(err, batch.ErrExists) {
		return httpapi.NewError(http.StatusConflict, "evaluation_answered")
	}
	if err != nil {
		return storeError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
