package competencyapi

import (
	"errors"
	"net/http"
	"slices"

	"lms/shared/access"
	"lms/shared/batch"
	"lms/shared/calendar"
	"lms/shared/claim"
	"lms/shared/employee"
	"lms/shared/httpapi"
	"lms/shared/ids"
	"lms/shared/tenancy"
)

type planRequest struct {
	Title       string          `json:"title"`
	Description string          `json:"description"`
	StartDate   string          `json:"startDate"`
	EndDate     string          `json:"endDate"`
	JP          int             `json:"jp"`
	Quota       int             `json:"quota"`
	TargetUnits []string        `json:"targetUnits"`
	Mode        string          `json:"mode"`
	Public      bool            `json:"public"`
	Status      calendar.Status `json:"status"`
	BatchID     string          `json:"batchId"`
	Version     int             `json:"version"`
}

// checkPlan validates a plan's fields against the tenant's units and
// batches and returns the plan to store.
func (a *API) checkPlan(r *http.Request, c access.Caller, in planRequest, p calendar.Plan) (calendar.Plan, error) {
	in.Title, in.Description = httpapi.CleanText(in.Title), httpapi.CleanText(in.Description)
	v := httpapi.NewValidation(r)
	v.Length("title", in.Title, 3, 200, true)
	v.Length("description", in.Description, 0, 2000, false)
	v.Check(validDate(in.StartDate), "startDate", "field_invalid", nil)
	v.Check(validDate(in.EndDate), "endDate", "field_invalid", nil)
	if validDate(in.StartDate) && validDate(in.EndDate) {
		v.Check(in.StartDate <= in.EndDate, "endDate", "field_invalid", nil)
	}
	v.Check(in.JP >= 0 && in.JP <= 500, "jp", "field_invalid", nil)
	v.Check(in.Quota >= 0 && in.Quota <= 100000, "quota", "field_invalid", nil)
	v.Check(len(in.TargetUnits) <= 200, "targetUnits", "field_invalid", nil)
	v.Check(in.Mode == "" || slices.Contains(claim.Modes, claim.Mode(in.Mode)), "mode", "field_one_of", map[string]any{"Values": "klasikal, nonklasikal, blended"})
	if in.Status == "" {
		in.Status = calendar.Planned
	}
	v.Check(slices.Contains(calendar.Statuses, in.Status), "status", "field_one_of", map[string]any{"Values": "planned, open, held, cancelled"})
	if in.BatchID != "" && !ids.Valid(in.BatchID) {
		v.Add("batchId", "batch_not_found", nil)
	}
	if err := v.Err(); err != nil {
		return p, err
	}
	if len(in.TargetUnits) > 0 {
		units, err := a.employees.Units(r.Context(), c.Tenant.ID)
		if err != nil {
			return p, err
		}
		index := employee.NewUnitIndex(units)
		targets := make([]string, 0, len(in.TargetUnits))
		for _, id := range in.TargetUnits {
			u, ok := index.ByID(employee.NormalizeCode(id))
			if !ok {
				v.Add("targetUnits", "unit_not_found", nil)
				return p, v.Err()
			}
			targets = append(targets, u.ID)
		}
		slices.Sort(targets)
		in.TargetUnits = slices.Compact(targets)
	}
	if in.BatchID != "" {
		if _, err := a.batches.Get(r.Context(), c.Tenant.ID, in.BatchID); errors.Is(err, batch.ErrNotFound) {
			v.Add("batchId", "batch_not_found", nil)
			return p, v.Err()
		} else if err != nil {
			return p, err
		}
	}
	p.Title, p.Description, p.StartDate, p.EndDate, p.JP, p.Quota = in.Title, in.Description, in.StartDate, in.EndDate, in.JP, in.Quota
	p.TargetUnits, p.Mode, p.Public, p.Status, p.BatchID = in.TargetUnits, in.Mode, in.Public, in.Status, in.BatchID
	if p.TargetUnits == nil {
		p.TargetUnits = []string{}
	}
	p.Year = mustYear(in.StartDate)
	return p, nil
}

func mustYear(date string) int {
	y := 0
	for _, ch := range date[:4] {
		y = y*10 + int(ch-'0')
	}
	return y
}

func (a *API) listPlans(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyView)
	if err != nil {
		return err
	}
	year, err := a.yearParam(r)
	if err != nil {
		return err
	}
	plans, err := a.plans.Year(r.Context(), c.Tenant.ID, year)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"year": year, "items": plans})
	return nil
}

// publicPlans answers the plans marked public to anyone, signed in or not
// (the tenant's published training calendar).
func (a *API) publicPlans(w http.ResponseWriter, r *http.Request) error {
	id := httpapi.PathParam(r, "tenantId")
	if !tenancy.ValidSlug(id) {
		return httpapi.NewError(http.StatusNotFound, "tenant_not_found")
	}
	t, err := a.members.GetTenant(r.Context(), id)
	if errors.Is(err, tenancy.ErrNotFound) || (err == nil && t.Status != tenancy.StatusActive) {
		return httpapi.NewError(http.StatusNotFound, "tenant_not_found")
	} else if err != nil {
		return err
	}
	year, err := a.yearParam(r)
	if err != nil {
		return err
	}
	plans, err := a.plans.Year(r.Context(), id, year)
	if err != nil {
		return err
	}
	public := []calendar.Plan{}
	for _, p := range plans {
		if p.Public && p.Status != calendar.Cancelled {
			p.BatchID = "" // internal links stay internal
			public = append(public, p)
		}
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"year": year, "items": public})
	return nil
}

func (a *API) createPlan(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyManage)
	if err != nil {
		return err
	}
	var in planRequest
	if err := httpapi.DecodeJSON(r, &in, 16<<10); err != nil {
		return err
	}
	if in.Version != 0 {
		v := httpapi.NewValidation(r)
		v.Add("version", "field_invalid", nil)
		return v.Err()
	}
	now := a.now()
	p, err := a.checkPlan(r, c, in, calendar.Plan{TenantID: c.Tenant.ID, ID: ids.New(now), CreatedAt: now, UpdatedAt: now, Version: 1})
	if err != nil {
		return err
	}
	if err := a.plans.Put(r.Context(), p, 0); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusCreated, p)
	return nil
}

func (a *API) loadPlan(r *http.Request, c access.Caller) (calendar.Plan, error) {
	id := httpapi.PathParam(r, "planId")
	if !ids.Valid(id) {
		return calendar.Plan{}, httpapi.NewError(http.StatusNotFound, "plan_not_found")
	}
	p, err := a.plans.Get(r.Context(), c.Tenant.ID, id)
	if errors.Is(err, calendar.ErrNotFound) {
		return p, httpapi.NewError(http.StatusNotFound, "plan_not_found")
	}
	return p, err
}

func (a *API) updatePlan(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyManage)
	if err != nil {
		return err
	}
	var in planRequest
	if err := httpapi.DecodeJSON(r, &in, 16<<10); err != nil {
		return err
	}
	p, err := a.loadPlan(r, c)
	if err != nil {
		return err
	}
	if in.Version != p.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	prev := p.Version
	if p, err = a.checkPlan(r, c, in, p); err != nil {
		return err
	}
	p.UpdatedAt, p.Version = a.now(), prev+1
	if err := a.plans.Put(r.Context(), p, prev); errors.Is(err, calendar.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, p)
	return nil
}

func (a *API) deletePlan(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyManage)
	if err != nil {
		return err
	}
	p, err := a.loadPlan(r, c)
	if err != nil {
		return err
	}
	if err := a.plans.Delete(r.Context(), c.Tenant.ID, p.ID, p.Version); errors.Is(err, calendar.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
