package competencyapi

import (
	"errors"
	"net/http"

	"lms/shared/access"
	"lms/shared/employee"
	"lms/shared/httpapi"
)

type unitRequest struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Version int    `json:"version"`
}

// listUnits answers every unit of the tenant (a few hundred at most).
func (a *API) listUnits(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyView)
	if err != nil {
		return err
	}
	units, err := a.employees.Units(r.Context(), c.Tenant.ID)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"items": units})
	return nil
}

func (a *API) createUnit(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyManage)
	if err != nil {
		return err
	}
	var in unitRequest
	if err := httpapi.DecodeJSON(r, &in, 2<<10); err != nil {
		return err
	}
	in.ID, in.Name = employee.NormalizeCode(in.ID), httpapi.CleanText(in.Name)
	v := httpapi.NewValidation(r)
	v.Check(employee.ValidCode(in.ID), "id", "unit_code_invalid", nil)
	v.Length("name", in.Name, 2, 150, true)
	v.Check(in.Version == 0, "version", "field_invalid", nil)
	if err := v.Err(); err != nil {
		return err
	}
	now := a.now()
	u := employee.Unit{TenantID: c.Tenant.ID, ID: in.ID, Name: in.Name, CreatedAt: now, UpdatedAt: now, Version: 1}
	if err := a.employees.CreateUnit(r.Context(), u); errors.Is(err, employee.ErrExists) {
		return httpapi.NewError(http.StatusConflict, "unit_exists")
	} else if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusCreated, u)
	return nil
}

func (a *API) updateUnit(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyManage)
	if err != nil {
		return err
	}
	var in unitRequest
	if err := httpapi.DecodeJSON(r, &in, 2<<10); err != nil {
		return err
	}
	in.Name = httpapi.CleanText(in.Name)
	v := httpapi.NewValidation(r)
	v.Check(in.ID == "", "id", "field_invalid", nil)
	v.Length("name", in.Name, 2, 150, true)
	v.Check(in.Version > 0, "version", "field_required", nil)
	if err := v.Err(); err != nil {
		return err
	}
	id := employee.NormalizeCode(httpapi.PathParam(r, "unitId"))
	units, err := a.employees.Units(r.Context(), c.Tenant.ID)
	if err != nil {
		return err
	}
	u, ok := employee.NewUnitIndex(units).ByID(id)
	if !ok {
		return httpapi.NewError(http.StatusNotFound, "unit_not_found")
	}
	if u.Version != in.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	u.Name, u.UpdatedAt, u.Version = in.Name, a.now(), u.Version+1
	if err := a.employees.UpdateUnit(r.Context(), u); errors.Is(err, employee.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, u)
	return nil
}
