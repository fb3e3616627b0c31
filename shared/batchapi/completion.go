package batchapi

import (
	"errors"
	"net/http"
	"strconv"

	"lms/shared/access"
	"lms/shared/batch"
	"lms/shared/clock"
	"lms/shared/httpapi"
	"lms/shared/jp"
)

type completeRequest struct {
	Completed *bool  `json:"completed"`
	Reason    string `json:"reason"`
}

// complete lets an admin mark a participant complete or incomplete by hand,
// with a reason; completing records the batch's JP in their ledger for the
// year, taking it back removes it.
func (a *API) complete(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	var in completeRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	in.Reason = httpapi.CleanText(in.Reason)
	v := httpapi.NewValidation(r)
	v.Check(in.Completed != nil, "completed", "field_required", nil)
	v.Length("reason", in.Reason, 3, 500, true)
	if err := v.Err(); err != nil {
		return err
	}
	b, e, err := a.enrollmentFromPath(r, c)
	if err != nil {
		return err
	}
	if e.Status != batch.Enrolled {
		return httpapi.NewError(http.StatusConflict, "enrollment_state")
	}
	e.CompletedBy, e.CompletionReason = c.Principal.Sub, in.Reason
	if *in.Completed {
		e.CompletedAt = a.env.Clock.Now()
	}
	if err := a.batches.SetCompletion(r.Context(), e, b, *in.Completed); errors.Is(err, batch.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "completion_unchanged")
	} else if err != nil {
		return err
	}
	e, err = a.batches.GetEnrollment(r.Context(), c.Tenant.ID, b.ID, e.UserID)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, e)
	return nil
}

type jpResponse struct {
	Year      int        `json:"year"`
	TotalJP   int        `json:"totalJp"`
	Duty      int        `json:"duty"`
	Remaining int        `json:"remaining"`
	Entries   []jp.Entry `json:"entries"`
}

// myJP answers the caller's JP of a year (default: this year, WIB) against
// the 20 JP every civil servant owes.
func (a *API) myJP(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchView)
	if err != nil {
		return err
	}
	year := a.env.Clock.Now().In(clock.Jakarta).Year()
	if s := r.URL.Query().Get("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 2000 || y > 2100 {
			v := httpapi.NewValidation(r)
			v.Add("year", "field_invalid", nil)
			return v.Err()
		}
		year = y
	}
	entries, err := a.ledger.Ledger(r.Context(), c.Tenant.ID, c.Principal.Sub, year)
	if err != nil {
		return err
	}
	out := jpResponse{Year: year, Duty: jp.Duty, Entries: entries}
	for _, e := range entries {
		out.TotalJP += e.JP
	}
	out.Remaining = max(0, jp.Duty-out.TotalJP)
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}
