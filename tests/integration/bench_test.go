package integration

import (
	"io"
	"net/http"
	"testing"

	"lms/infra/demo"
	"lms/shared/userimport"
)

// BenchmarkAuthenticatedRequestThroughGateway measures one authenticated API
// request end to end on loopback: HTTP -> local gateway -> JWT signature and
// claims check against cognito-local's JWKS -> API Gateway v2 event ->
// function handler -> response. Run it with make bench.
func BenchmarkAuthenticatedRequestThroughGateway(b *testing.B) {
	a := demo.Accounts[0]
	access, _ := login(b, a.Username, a.Password)
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/health/auth", nil)
	req.Header.Set("Authorization", "Bearer "+access)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// BenchmarkParallelAuthenticatedRequests is the same under concurrent
// clients (GOMAXPROCS goroutines), reporting requests per second.
func BenchmarkParallelAuthenticatedRequests(b *testing.B) {
	a := demo.Accounts[2]
	access, _ := login(b, a.Username, a.Password)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/health/course", nil)
			req.Header.Set("Authorization", "Bearer "+access)
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkImportUsers imports fresh 200-row files into one tenant and
// reports throughput and the AWS requests each imported row costs.
func BenchmarkImportUsers(b *testing.B) {
	op := demo.Accounts[3]
	opTok := signIn(b, op.Username, op.Password).AccessToken
	var created createdTenant
	st, raw := api(b, http.MethodPost, "/tenants", opTok, map[string]any{"id": "impor-bench", "name": "Balai Impor Bench", "shortName": "BENCH",
		"firstAdmin": map[string]string{"nip": "197606062002121003", "name": "Admin Bench"}}, &created)
	expect(b, "create tenant", st, raw, http.StatusCreated)
	admin := firstSignIn(b, created.FirstAdmin.Username, created.FirstAdmin.TemporaryPassword, "AdminBench2026").AccessToken

	const rows = 200
	rowsDone, dynamo, cognito := 0, 0, 0
	seed := int64(1)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		file := userimport.Generate(rows, 0, seed)
		seed++
		before := awsCalls.snapshot()
		b.StartTimer()
		rep := importFile(b, admin, "impor-bench", file, "text/csv")
		b.StopTimer()
		d, c, _ := awsCalls.since(before)
		rowsDone, dynamo, cognito = rowsDone+rep.TotalRows, dynamo+d, cognito+c
		b.StartTimer()
	}
	b.ReportMetric(float64(rowsDone)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(dynamo)/float64(rowsDone), "dynamodb-req/row")
	b.ReportMetric(float64(cognito)/float64(rowsDone), "cognito-req/row")
}
