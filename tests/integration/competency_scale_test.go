package integration

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"lms/infra/demo"
	"lms/shared/clock"
)

// organisation is a generated tenant of employees in units, with JP
// credited through approved unit trainings (PSPKU).
type organisation struct {
	tenant   string
	admin    string // token
	verifier string // token
	leader   string // token
	units    []string
	nips     map[string][]string // unit -> NIPs in file order
	docs     []map[string]string
}

// newOrganisation creates a tenant and imports employees (perUnit in each
// of units units) through the HR import, timing it.
func newOrganisation(t testing.TB, id string, seed, units, perUnit int) *organisation {
	t.Helper()
	op := demo.Accounts[3]
	opTok := signIn(t, op.Username, op.Password).AccessToken
	var created createdTenant
	adminNIP := genNIP(seed, 9000)
	st, raw := api(t, http.MethodPost, "/tenants", opTok, map[string]any{"id": id, "name": "Kementerian Uji " + id, "shortName": "KU",
		"firstAdmin": map[string]string{"nip": adminNIP, "name": "Admin Kepegawaian"}}, &created)
	expect(t, "create tenant", st, raw, http.StatusCreated)
	o := &organisation{tenant: id, nips: map[string][]string{}}
	o.admin = firstSignIn(t, created.FirstAdmin.Username, created.FirstAdmin.TemporaryPassword, "AdminPionir2026").AccessToken
	var b strings.Builder
	b.WriteString("NIP,Nama,Kode Unit,Jabatan,Golongan\n")
	for u := range units {
		code := fmt.Sprintf("U%02d", u+1)
		o.units = append(o.units, code)
		for i := range perUnit {
			nip := genNIP(seed, u*perUnit+i)
			o.nips[code] = append(o.nips[code], nip)
			fmt.Fprintf(&b, "%s,Pegawai %s-%d,%s,Analis,III-b\n", nip, code, i, code)
		}
	}
	began := time.Now()
	st, rep, raw := importEmployees(t, o.admin, id, []byte(b.String()), "")
	expect(t, "HR import", st, raw, http.StatusOK)
	if rep.Created != units*perUnit || rep.Failed != 0 {
		t.Fatalf("HR import of %d: created %d, failed %d", units*perUnit, rep.Created, rep.Failed)
	}
	t.Logf("HR import: %d employees (accounts created) in %s", rep.Created, time.Since(began).Round(time.Millisecond))
	first := o.nips[o.units[0]]
	accounts := map[string]string{}
	for _, a := range rep.Accounts {
		accounts[a.Username] = a.TemporaryPassword
	}
	o.verifier = firstSignIn(t, first[0], accounts[first[0]], "Verifikator2026").AccessToken
	o.leader = firstSignIn(t, first[1], accounts[first[1]], "Pimpinan20261").AccessToken
	for nip, duty := range map[string]string{first[0]: "verifier", first[1]: "leader"} {
		st, raw := api(t, http.MethodPatch, "/tenants/"+id+"/employees/"+nip, o.admin, map[string]any{"duties": []string{duty}, "version": 1}, nil)
		expect(t, "duty", st, raw, http.StatusOK)
	}
	letter, _ := claimDocument(t, o.admin, id, "surat-tugas")
	curr, _ := claimDocument(t, o.admin, id, "kurikulum")
	o.docs = []map[string]string{{"kind": "assignment_letter", "uploadId": letter}, {"kind": "curriculum", "uploadId": curr}}
	return o
}

// credit files, fills, submits and approves a unit training of unit giving
// jp to the listed NIPs.
func (o *organisation) credit(t testing.TB, unit, title string, jp int, nips []string) {
	t.Helper()
	base := "/tenants/" + o.tenant
	end := time.Now().In(clock.Jakarta).AddDate(0, 0, -1).Format("2006-01-02")
	var c claimView
	st, raw := api(t, http.MethodPost, base+"/claims", o.admin, map[string]any{"kind": "unit", "unitId": unit, "title": title,
		"organizer": unit, "startDate": end, "endDate": end, "jp": jp, "area": "teknis", "mode": "klasikal", "documents": o.docs}, &c)
	expect(t, "unit training", st, raw, http.StatusCreated)
	st, raw = apiRaw(t, http.MethodPut, base+"/claims/"+c.ID+"/participants", o.admin, []byte("NIP\n"+strings.Join(nips, "\n")+"\n"), "text/csv")
	expect(t, "participants", st, raw, http.StatusOK)
	var rep struct {
		Accepted int `json:"accepted"`
		Version  int `json:"version"`
	}
	_ = json.Unmarshal(raw, &rep)
	if rep.Accepted != len(nips) {
		t.Fatalf("participants accepted %d of %d: %s", rep.Accepted, len(nips), raw)
	}
	st, raw = api(t, http.MethodPost, base+"/claims/"+c.ID+"/submit", o.admin, map[string]any{"version": rep.Version}, &c)
	expect(t, "submit", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, base+"/claims/"+c.ID+"/decision", o.verifier, map[string]any{"decision": "approve", "version": c.Version}, &c)
	expect(t, "approve", st, raw, http.StatusOK)
	if c.CreditedAt == "" {
		t.Fatalf("not credited: %s", raw)
	}
}

type dashboardView struct {
	Employees int     `json:"employees"`
	Reached   int     `json:"reached"`
	Share     float64 `json:"share"`
	Units     []struct {
		UnitID    string  `json:"unitId"`
		Employees int     `json:"employees"`
		Reached   int     `json:"reached"`
		Share     float64 `json:"share"`
	} `json:"units"`
}

// A generated organisation of 2,000 employees in ten units: unit k has
// 20*k employees at 20 JP, the dashboard's share per unit is k/10, and
// approving again or re-importing changes nothing.
func TestDashboardShareOfTwoThousand(t *testing.T) {
	o := newOrganisation(t, "pionir-uji", 33, 10, 200)
	for k, unit := range o.units {
		o.credit(t, unit, "Bimtek "+unit, 20, o.nips[unit][:20*(k+1)])
	}
	var d dashboardView
	st, raw := api(t, http.MethodGet, "/tenants/"+o.tenant+"/dashboard", o.leader, nil, &d)
	expect(t, "dashboard", st, raw, http.StatusOK)
	if d.Employees != 2000 || d.Reached != 1100 || d.Share != 0.55 {
		t.Fatalf("totals: %d employees, %d reached, share %v", d.Employees, d.Reached, d.Share)
	}
	sort.Slice(d.Units, func(i, j int) bool { return d.Units[i].UnitID < d.Units[j].UnitID })
	for k, u := range d.Units {
		if u.UnitID != o.units[k] || u.Employees != 200 || u.Reached != 20*(k+1) || u.Share != float64(k+1)/10 {
			t.Fatalf("unit %d: %+v", k, u)
		}
	}
	// Another tenant's admin sees nothing of it.
	st, raw = api(t, http.MethodGet, "/tenants/"+o.tenant+"/dashboard", adminToken(t), nil, nil)
	expect(t, "another tenant's admin", st, raw, http.StatusForbidden)
}

// BenchmarkDashboard2000 times the leadership dashboard of an
// organisation of 2,000 employees in ten units holding 20,000 ledger
// entries (ten approved unit trainings for everyone), through the gateway.
// Setup (HR import, crediting) is not timed; it takes minutes.
func BenchmarkDashboard2000(b *testing.B) {
	o := newOrganisation(b, "pionir-bench", 44, 10, 200)
	var everyone []string
	for _, u := range o.units {
		everyone = append(everyone, o.nips[u]...)
	}
	began := time.Now()
	for i := range 10 {
		o.credit(b, o.units[i], fmt.Sprintf("Pelatihan %d", i+1), 2+i%3, everyone)
	}
	b.Logf("credited 20,000 ledger entries in %s", time.Since(began).Round(time.Millisecond))
	path := "/tenants/" + o.tenant + "/dashboard"
	var lat []time.Duration
	before := awsCalls.snapshot()
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		var d dashboardView
		st, raw := api(b, http.MethodGet, path, o.leader, nil, &d)
		lat = append(lat, time.Since(start))
		if st != http.StatusOK || d.Employees != 2000 {
			b.Fatalf("dashboard: %d %.200s", st, raw)
		}
	}
	b.StopTimer()
	dynamo, _, _ := awsCalls.since(before)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(float64(dynamo)/float64(len(lat)), "dynamodb-req/op")
}
