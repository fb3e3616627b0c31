package integration

import (
	"io"
	"net/http"
	"testing"

	"lms/infra/demo"
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
