package competencyapi

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"lms/shared/access"
	"lms/shared/clock"
	"lms/shared/dashboard"
	"lms/shared/employee"
	"lms/shared/httpapi"
	"lms/shared/spreadsheet"
)

func (a *API) service() dashboard.Service {
	return dashboard.Service{Employees: a.employees, Ledger: a.ledger, Batches: a.batches, Claims: a.claims,
		Reports: a.reports, Objects: a.objects}
}

// leader authorises the dashboard: admins and employees with the leader
// duty.
func (a *API) leader(r *http.Request) (access.Caller, error) {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyView)
	if err != nil {
		return c, err
	}
	ok, err := a.holds(r.Context(), c, employee.DutyLeader)
	if err != nil {
		return c, err
	}
	if !ok {
		return c, httpapi.NewError(http.StatusForbidden, "leader_only")
	}
	return c, nil
}

// dashboard answers the year's dashboard as JSON, or one table as CSV
// (?format=csv&table=unit) or every table as an XLSX workbook.
func (a *API) dashboard(w http.ResponseWriter, r *http.Request) error {
	c, err := a.leader(r)
	if err != nil {
		return err
	}
	year, err := a.yearParam(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	format, table := q.Get("format"), q.Get("table")
	v := httpapi.NewValidation(r)
	v.Check(format == "" || format == "json" || format == "csv" || format == "xlsx", "format", "field_one_of", map[string]any{"Values": "json, csv, xlsx"})
	if format == "csv" {
		if table == "" {
			table = dashboard.Tables[0]
		}
		v.Check(slices.Contains(dashboard.Tables, table), "table", "field_one_of", map[string]any{"Values": strings.Join(dashboard.Tables, ", ")})
	} else {
		v.Check(table == "", "table", "field_invalid", nil)
	}
	if err := v.Err(); err != nil {
		return err
	}
	d, err := a.service().Compute(r.Context(), c.Tenant.ID, year, a.now())
	if err != nil {
		return err
	}
	name := "dasbor-jp-" + c.Tenant.ID + "-" + strconv.Itoa(year)
	var buf bytes.Buffer
	switch format {
	case "csv":
		for _, s := range dashboard.Sheets(d) {
			if s.Name == table {
				if err := spreadsheet.Write(&buf, spreadsheet.CSV, s.Name, s.Rows); err != nil {
					return err
				}
			}
		}
		w.Header().Set("Content-Type", spreadsheet.CSVType)
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+"-"+table+`.csv"`)
	case "xlsx":
		if err := spreadsheet.WriteBook(&buf, dashboard.Sheets(d)); err != nil {
			return err
		}
		w.Header().Set("Content-Type", spreadsheet.XLSXType)
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
	default:
		httpapi.WriteJSON(w, http.StatusOK, d)
		return nil
	}
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(buf.Bytes())
	return err
}

type reportView struct {
	dashboard.Report
	URL string `json:"url"`
}

func (a *API) listReports(w http.ResponseWriter, r *http.Request) error {
	c, err := a.leader(r)
	if err != nil {
		return err
	}
	reports, err := a.reports.List(r.Context(), c.Tenant.ID)
	if err != nil {
		return err
	}
	out := make([]reportView, 0, len(reports))
	for _, rep := range reports {
		link, err := a.objects.DownloadURL(r.Context(), rep.Key, linkTTL, "laporan-jp-"+c.Tenant.ID+"-"+rep.Period+".xlsx")
		if err != nil {
			return err
		}
		out = append(out, reportView{Report: rep, URL: link})
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"items": out})
	return nil
}

// createReport generates (or regenerates) a month's report now; the
// monthly schedule does the same for the month just ended.
func (a *API) createReport(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyManage)
	if err != nil {
		return err
	}
	var in struct {
		Year  int `json:"year"`
		Month int `json:"month"`
	}
	if err := httpapi.DecodeOptionalJSON(r, &in, 1<<10); err != nil {
		return err
	}
	now := a.now().In(clock.Jakarta)
	if in.Year == 0 && in.Month == 0 {
		in.Year, in.Month = now.Year(), int(now.Month())
	}
	v := httpapi.NewValidation(r)
	current := dashboard.Period(now.Year(), int(now.Month()))
	v.Check(in.Year >= 2000 && in.Month >= 1 && in.Month <= 12 && dashboard.Period(in.Year, in.Month) <= current,
		"month", "report_month_invalid", nil)
	if err := v.Err(); err != nil {
		return err
	}
	rep, err := a.service().Generate(r.Context(), c.Tenant.ID, in.Year, in.Month, c.Principal.Sub, false, a.now())
	if err != nil {
		return err
	}
	link, err := a.objects.DownloadURL(r.Context(), rep.Key, linkTTL, "laporan-jp-"+c.Tenant.ID+"-"+rep.Period+".xlsx")
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusCreated, reportView{Report: rep, URL: link})
	return nil
}
