package competencyapi

import (
	"errors"
	"io"
	"net/http"
	"slices"

	"lms/shared/access"
	"lms/shared/employee"
	"lms/shared/hrimport"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/idnumber"
	"lms/shared/ids"
	"lms/shared/spreadsheet"
)

// importLimit bounds an HR export (5,000 rows of CSV are about 1 MB).
const importLimit = 4 << 20

func (a *API) listEmployees(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyView)
	if err != nil {
		return err
	}
	if ok, err := a.holds(r.Context(), c, employee.DutyVerifier); err != nil {
		return err
	} else if !ok {
		if ok, err = a.holds(r.Context(), c, employee.DutyLeader); err != nil {
			return err
		} else if !ok {
			return httpapi.NewError(http.StatusForbidden, "verifier_only")
		}
	}
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	unit := employee.NormalizeCode(r.URL.Query().Get("unit"))
	if unit != "" && !employee.ValidCode(unit) {
		v := httpapi.NewValidation(r)
		v.Add("unit", "unit_code_invalid", nil)
		return v.Err()
	}
	page, err := a.employees.Page(r.Context(), c.Tenant.ID, unit, limit, cursor)
	if err != nil {
		return httpapi.PageError(r, err)
	}
	httpapi.WriteJSON(w, http.StatusOK, page)
	return nil
}

// myEmployee answers the caller's roster record (their unit and duties),
// 404 for members who are not employees.
func (a *API) myEmployee(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyView)
	if err != nil {
		return err
	}
	e, found, err := a.employeeOf(r.Context(), c)
	if err != nil {
		return err
	}
	if !found {
		return httpapi.NewError(http.StatusNotFound, "employee_not_found")
	}
	httpapi.WriteJSON(w, http.StatusOK, e)
	return nil
}

type employeeUpdate struct {
	UnitID  *string          `json:"unitId"`
	Duties  *[]employee.Duty `json:"duties"`
	Version int              `json:"version"`
}

// updateEmployee changes an employee's duties or unit (the HR import keeps
// duties as they are).
func (a *API) updateEmployee(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyManage)
	if err != nil {
		return err
	}
	var in employeeUpdate
	if err := httpapi.DecodeJSON(r, &in, 2<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	v.Check(in.Version > 0, "version", "field_required", nil)
	if in.Duties != nil {
		v.Check(len(*in.Duties) <= 3, "duties", "field_invalid", nil)
		for _, d := range *in.Duties {
			v.Check(d.Valid(), "duties", "field_one_of", map[string]any{"Values": "verifier, coordinator, leader"})
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	nip, nerr := idnumber.Normalize(httpapi.PathParam(r, "nip"))
	if nerr != nil || len(nip) != 18 {
		return httpapi.NewError(http.StatusNotFound, "employee_not_found")
	}
	e, err := a.employees.Get(r.Context(), c.Tenant.ID, nip)
	if errors.Is(err, employee.ErrNotFound) {
		return httpapi.NewError(http.StatusNotFound, "employee_not_found")
	} else if err != nil {
		return err
	}
	if e.Version != in.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	if in.UnitID != nil {
		units, err := a.employees.Units(r.Context(), c.Tenant.ID)
		if err != nil {
			return err
		}
		u, ok := employee.NewUnitIndex(units).ByID(employee.NormalizeCode(*in.UnitID))
		if !ok {
			v.Add("unitId", "unit_not_found", nil)
			return v.Err()
		}
		e.UnitID = u.ID
	}
	if in.Duties != nil {
		duties := slices.Clone(*in.Duties)
		slices.Sort(duties)
		e.Duties = slices.Compact(duties)
	}
	e.UpdatedAt, e.Version = a.now(), e.Version+1
	if err := a.employees.Update(r.Context(), e); errors.Is(err, employee.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, e)
	return nil
}

// importEmployees checks an HR export (CSV/XLSX body) and queues it: the
// answer is 202 with the job, whose progress and report GET
// .../employees/import/{jobId} answers. ?dryRun=true answers the report
// at once instead and writes nothing.
func (a *API) importEmployees(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyManage)
	if err != nil {
		return err
	}
	started := a.now()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, importLimit))
	if err != nil {
		return httpapi.NewError(http.StatusRequestEntityTooLarge, "body_too_large").With("Limit", importLimit)
	}
	if len(body) == 0 {
		return httpapi.NewError(http.StatusBadRequest, "body_required")
	}
	format, err := spreadsheet.DetectFormat(r.Header.Get("Content-Type"), body)
	if err != nil {
		return httpapi.NewError(http.StatusUnsupportedMediaType, "hr_import_format")
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	parsed, err := employee.Parse(body, format, started, lang, employee.Options{})
	if err != nil {
		return fileError(err, lang)
	}
	if r.URL.Query().Get("dryRun") == "true" {
		rep, err := a.importer.Run(r.Context(), c.Tenant.ID, parsed, started, true, lang, nil)
		if err != nil {
			return err
		}
		httpapi.WriteJSON(w, http.StatusOK, rep)
		return nil
	}
	id := ids.New(started)
	j := hrimport.Job{TenantID: c.Tenant.ID, ID: id, Status: hrimport.Queued, FileKey: hrimport.FileKey(c.Tenant.ID, id, string(format)),
		Format: string(format), Lang: string(lang), ActorID: c.Principal.Sub, ActorName: callerName(c), TotalRows: parsed.TotalLines,
		Rows: len(parsed.Rows), CreatedAt: started, UpdatedAt: started}
	if err := a.objects.Put(r.Context(), j.FileKey, body, "application/octet-stream"); err != nil {
		return err
	}
	if err := a.jobs.Put(r.Context(), j); err != nil {
		return err
	}
	if err := a.importQueue.Send(r.Context(), hrimport.Message{TenantID: j.TenantID, JobID: j.ID}); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusAccepted, jobView{Job: j})
	return nil
}

// jobView is a job with, once it is done, its full report.
type jobView struct {
	hrimport.Job
	Report *hrimport.Report `json:"report,omitempty"`
}

func (a *API) importJob(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyManage)
	if err != nil {
		return err
	}
	id := httpapi.PathParam(r, "jobId")
	if !ids.Valid(id) {
		return httpapi.NewError(http.StatusNotFound, "import_job_not_found")
	}
	j, err := a.jobs.Get(r.Context(), c.Tenant.ID, id)
	if errors.Is(err, hrimport.ErrJobNotFound) {
		return httpapi.NewError(http.StatusNotFound, "import_job_not_found")
	} else if err != nil {
		return err
	}
	out := jobView{Job: j}
	if j.Status == hrimport.Done {
		rep, err := hrimport.LoadReport(r.Context(), a.objects, j)
		if err != nil {
			return err
		}
		out.Report = &rep
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

func fileError(err error, lang i18n.Lang) error {
	var fe *employee.FileError
	if errors.As(err, &fe) {
		return (&httpapi.Error{Status: http.StatusBadRequest, Code: "validation_failed", Cause: err}).
			WithDetails([]httpapi.FieldError{{Field: "file", Code: fe.Code, Message: fe.Message(lang)}})
	}
	return err
}
