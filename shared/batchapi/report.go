package batchapi

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"lms/shared/access"
	"lms/shared/batch"
	"lms/shared/clock"
	"lms/shared/httpapi"
	"lms/shared/progress"
)

// ReportRow is one participant of a batch report.
type ReportRow struct {
	UserID      string         `json:"userId"`
	Username    string         `json:"username"`
	Name        string         `json:"name"`
	Status      string         `json:"status"`
	Progress    int            `json:"progress"` // mean of the batch's courses, percent
	Courses     map[string]int `json:"courses"`  // course id -> percent
	TimeSpent   int            `json:"timeSpentSeconds"`
	Completed   bool           `json:"completed"`
	CompletedAt time.Time      `json:"completedAt,omitzero"`
	JP          int            `json:"jp"`
	Certificate string         `json:"certificateNumber"` // issued with certificates
	Evaluated   bool           `json:"evaluated"`
}

// report lists a batch's participants with progress, completion, JP and
// evaluation status, as JSON, CSV or XLSX, for admins and the batch's
// instructors and PICs.
func (a *API) report(w http.ResponseWriter, r *http.Request) error {
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
	enrollments, err := a.allEnrollments(ctx, c.Tenant.ID, b.ID)
	if err != nil {
		return err
	}
	userIDs := make([]string, 0, len(enrollments))
	for _, e := range enrollments {
		userIDs = append(userIDs, e.UserID)
	}
	courseIDs := make([]string, len(b.Courses))
	for i, crs := range b.Courses {
		courseIDs[i] = crs.ID
	}
	summaries, err := a.progress.SummariesOf(ctx, c.Tenant.ID, userIDs, courseIDs)
	if err != nil {
		return err
	}
	// Count against each course as it is now, as course monitoring does:
	// a course may have gained required items since a learner's last report.
	required := map[string][]string{}
	for _, id := range courseIDs {
		o, err := a.courses.Outline(ctx, c.Tenant.ID, id)
		if err != nil {
			return err
		}
		for _, s := range o.Sections {
			for _, it := range s.Items {
				if it.Required {
					required[id] = append(required[id], it.ID)
				}
			}
		}
	}
	now := a.env.Clock.Now()
	responses, err := a.batches.Responses(ctx, c.Tenant.ID, b.ID)
	if err != nil {
		return err
	}
	answered := map[string]bool{}
	for _, resp := range responses {
		answered[resp.UserID] = true
	}
	rows := make([]ReportRow, 0, len(enrollments))
	for _, e := range enrollments {
		row := ReportRow{UserID: e.UserID, Username: e.Username, Name: e.Name, Status: string(e.Status), Courses: map[string]int{},
			Completed: e.Completed, CompletedAt: e.CompletedAt, JP: e.JPEarned, Certificate: e.CertificateNumber, Evaluated: answered[e.UserID]}
		sum := 0
		for _, id := range courseIDs {
			l, ok := summaries[e.UserID][id]
			if ok {
				progress.Recount(&l, required[id], now)
			}
			row.Courses[id] = l.Percent
			row.TimeSpent += l.TimeSpent
			sum += l.Percent
		}
		if len(courseIDs) > 0 {
			row.Progress = sum / len(courseIDs)
		}
		rows = append(rows, row)
	}
	if format != "json" {
		return writeTable(w, format, "laporan-"+b.Code, "Laporan", reportTable(b, rows))
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"batch": b, "participants": rows})
	return nil
}

// reportTable is the report as a spreadsheet sees it: Indonesian headings,
// one column per course, times in WIB.
func reportTable(b batch.Batch, rows []ReportRow) [][]string {
	head := []string{"NIK/NIP", "Nama", "Status", "Kemajuan (%)"}
	for _, crs := range b.Courses {
		head = append(head, crs.Code+" (%)")
	}
	head = append(head, "Waktu belajar (menit)", "Lulus", "Tanggal lulus (WIB)", "JP", "Nomor sertifikat", "Evaluasi")
	table := [][]string{head}
	yesNo := func(v bool, yes, no string) string {
		if v {
			return yes
		}
		return no
	}
	for _, r := range rows {
		line := []string{r.Username, r.Name, r.Status, strconv.Itoa(r.Progress)}
		for _, crs := range b.Courses {
			line = append(line, strconv.Itoa(r.Courses[crs.ID]))
		}
		done := ""
		if !r.CompletedAt.IsZero() {
			done = r.CompletedAt.In(clock.Jakarta).Format("2006-01-02 15:04")
		}
		line = append(line, strconv.FormatFloat(float64(r.TimeSpent)/60, 'f', 1, 64), yesNo(r.Completed, "ya", "tidak"), done,
			strconv.Itoa(r.JP), r.Certificate, yesNo(r.Evaluated, "sudah", "belum"))
		table = append(table, line)
	}
	return table
}

// exportFormat reads ?format= (json, csv or xlsx; json by default).
func exportFormat(r *http.Request) (string, error) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "json"
	}
	if format != "json" && format != "csv" && format != "xlsx" {
		v := httpapi.NewValidation(r)
		v.Add("format", "field_one_of", map[string]any{"Values": "json, csv, xlsx"})
		return "", v.Err()
	}
	return format, nil
}

// allEnrollments reads every enrollment of a batch.
func (a *API) allEnrollments(ctx context.Context, t, b string) ([]batch.Enrollment, error) {
	var out []batch.Enrollment
	for cursor := ""; ; {
		page, err := a.batches.Enrollments(ctx, t, b, 100, cursor)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if cursor = page.NextCursor; cursor == "" {
			return out, nil
		}
	}
}

// writeTable answers a table as CSV or XLSX (text cells everywhere, so a
// NIK/NIP keeps every digit), named name.csv or name.xlsx.
func writeTable(w http.ResponseWriter, format, name, sheet string, table [][]string) error {
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.csv"`, name))
		cw := csv.NewWriter(w)
		if err := cw.WriteAll(table); err != nil {
			return err
		}
		return cw.Error()
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	for i, line := range table {
		cells := make([]any, len(line))
		for j, v := range line {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.xlsx"`, name))
	_, err := w.Write(buf.Bytes())
	return err
}
