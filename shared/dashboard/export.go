package dashboard

import (
	"strconv"

	"lms/shared/spreadsheet"
)

// Tables are the dashboard's exportable tables, by name (the CSV export
// names one; the XLSX workbook holds them all, one sheet each).
var Tables = []string{"ringkasan", "unit", "bulan", "distribusi", "pelatihan"}

var monthNames = [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// percent shows a share as a spreadsheet number with one decimal (45.5).
func percent(share float64) float64 { return float64(int(share*1000+0.5)) / 10 }

// Sheets turns the dashboard into sheets (headings in Bahasa Indonesia,
// the language of the reports leaders receive). Numbers stay numbers.
func Sheets(d Dashboard) []spreadsheet.Sheet {
	summary := [][]any{
		{"Indikator", "Nilai"},
		{"Tahun", float64(d.Year)},
		{"Dibuat (UTC)", d.GeneratedAt.Format("2006-01-02 15:04")},
		{"Kewajiban JP per tahun", float64(d.Duty)},
		{"Jumlah pegawai", float64(d.Employees)},
		{"Pegawai mencapai " + strconv.Itoa(d.Duty) + " JP", float64(d.Reached)},
		{"Persentase mencapai (%)", percent(d.Share)},
		{"Rata-rata JP per pegawai", d.MeanJP},
		{"Pelatihan (angkatan)", float64(d.Trainings.Batches)},
		{"Pelatihan selesai", float64(d.Trainings.Held)},
		{"Peserta", float64(d.Trainings.Participants)},
		{"Peserta lulus", float64(d.Trainings.Completed)},
		{"Tingkat kelulusan (%)", percent(d.Trainings.CompletionRate)},
		{"Rata-rata nilai evaluasi (1-5)", d.Trainings.EvaluationMean},
		{"Jumlah responden evaluasi", float64(d.Trainings.EvaluationResponses)},
		{"Pengajuan menunggu verifikasi", float64(d.ClaimsPending)},
	}
	units := [][]any{{"Kode unit", "Unit kerja", "Pegawai", "Mencapai " + strconv.Itoa(d.Duty) + " JP", "Persentase (%)", "Rata-rata JP"}}
	for _, u := range d.Units {
		name := u.Name
		if u.UnitID == NoUnit {
			name = "(tanpa unit)"
		}
		units = append(units, []any{u.UnitID, name, float64(u.Employees), float64(u.Reached), percent(u.Share), u.MeanJP})
	}
	months := [][]any{{"Bulan", "Mencapai " + strconv.Itoa(d.Duty) + " JP (akhir bulan)", "Persentase (%)", "JP diperoleh dalam bulan"}}
	for _, m := range d.Months {
		months = append(months, []any{monthNames[m.Month-1], float64(m.Reached), percent(m.Share), float64(m.EarnedJP)})
	}
	dist := [][]any{{"Rentang JP", "Pegawai"}}
	for _, b := range d.Distribution {
		dist = append(dist, []any{b.Label, float64(b.Employees)})
	}
	trainings := [][]any{{"ID angkatan", "Nama", "Mulai", "Selesai", "Status", "JP", "Peserta", "Lulus", "Tingkat kelulusan (%)", "Rata-rata evaluasi", "Responden"}}
	for _, t := range d.TrainingRows {
		trainings = append(trainings, []any{t.BatchID, t.Name, t.StartDate, t.EndDate, t.Status, float64(t.JP), float64(t.Participants),
			float64(t.Completed), percent(t.CompletionRate), t.EvaluationMean, float64(t.Responses)})
	}
	return []spreadsheet.Sheet{{Name: "ringkasan", Rows: summary}, {Name: "unit", Rows: units}, {Name: "bulan", Rows: months},
		{Name: "distribusi", Rows: dist}, {Name: "pelatihan", Rows: trainings}}
}
