package integration

import (
	"fmt"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"

	"lms/infra/demo"
)

// benchLearners creates n learners in the demo tenant with access to the
// course, once per process, and returns their tokens.
var (
	benchOnce   sync.Once
	benchTokens []string
	benchCourse publishedCourse
)

func benchSetup(b *testing.B, n int) {
	benchOnce.Do(func() {
		a := demo.Accounts[0]
		admin := signIn(b, a.Username, a.Password).AccessToken
		benchCourse = publishCourse(b, admin, "BENCH-LEARN")
		for i := 0; i < n; i++ {
			nik := fmt.Sprintf("327301010190%04d", 9000+i)
			var created struct {
				Membership struct {
					UserID string `json:"userId"`
				} `json:"membership"`
				Account struct {
					TemporaryPassword string `json:"temporaryPassword"`
				} `json:"account"`
			}
			st, raw := api(b, http.MethodPost, "/tenants/"+demo.TenantID+"/users", admin,
				map[string]string{"username": nik, "name": fmt.Sprintf("Peserta Bench %d", i), "role": "learner"}, &created)
			expect(b, "create learner", st, raw, http.StatusCreated)
			tk := firstSignIn(b, nik, created.Account.TemporaryPassword, "PesertaBench2026")
			grantCourse(b, demo.TenantID, created.Membership.UserID, benchCourse.ID, "01JDZ3K8W9X4T5Y6Z7A8B9C0BE")
			benchTokens = append(benchTokens, tk.AccessToken)
		}
	})
}

// BenchmarkLearnerHotPaths reports p50/p99 latency (ms) of my learning,
// course outline with my progress and record progress, through the local
// gateway against DynamoDB Local, at 1 and 32 concurrent learners.
func BenchmarkLearnerHotPaths(b *testing.B) {
	benchSetup(b, 32)
	paths := []struct {
		name, method string
		path         func(i int) string
		body         func(i, n int) map[string]any
	}{
		{"MyLearning", http.MethodGet, func(int) string { return "/tenants/" + demo.TenantID + "/me/learning" }, nil},
		{"OutlineWithProgress", http.MethodGet, func(int) string { return benchCourse.base }, nil},
		{"RecordProgress", http.MethodPut, func(int) string { return benchCourse.base + "/items/" + benchCourse.Required1 + "/progress" },
			func(i, n int) map[string]any { return map[string]any{"deviceId": "bench", "sessionSeconds": n} }},
	}
	for _, p := range paths {
		for _, conc := range []int{1, 32} {
			b.Run(fmt.Sprintf("%s/c%d", p.name, conc), func(b *testing.B) {
				var mu sync.Mutex
				var lat []time.Duration
				next := make(chan int)
				var wg sync.WaitGroup
				for w := 0; w < conc; w++ {
					wg.Add(1)
					go func(w int) {
						defer wg.Done()
						for n := range next {
							var body map[string]any
							if p.body != nil {
								body = p.body(w, n+1)
							}
							start := time.Now()
							st, raw := api(b, p.method, p.path(w), benchTokens[w], body, nil)
							d := time.Since(start)
							if st != http.StatusOK {
								b.Errorf("%s: %d %s", p.name, st, raw)
								return
							}
							mu.Lock()
							lat = append(lat, d)
							mu.Unlock()
						}
					}(w)
				}
				b.ResetTimer()
				for i := 0; b.Loop(); i++ {
					next <- i
				}
				close(next)
				wg.Wait()
				b.StopTimer()
				sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
				if len(lat) > 0 {
					b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
					b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
					b.ReportMetric(float64(len(lat))/b.Elapsed().Seconds(), "req/s")
				}
			})
		}
	}
}
