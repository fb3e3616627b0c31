package integration

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"lms/infra/demo"
)

// The hot operations of issue 11, as a learner calls them through the
// local gateway (JWT check, API Gateway v2 event, function) against
// DynamoDB Local, cognito-local and versitygw.
//
//	LMS_VERSITYGW=... go test -run '^$' -bench HotOperations -benchtime 1x ./tests/integration/
//
// One op of a sub-benchmark is a round of hotRound requests, spread over
// 1 or 32 concurrent learners (32 distinct accounts). It reports latency
// p50/p99 (ms) over every request of the rounds, the 32-caller throughput,
// and, at 1 caller (requests one at a time, so each is bracketed exactly),
// the AWS requests the API functions made per request: DynamoDB, Cognito
// and S3, and the DynamoDB read and write units they consumed
// (bench_capacity_test.go). Make bench (tests/bench) prints them in its
// table.
const (
	hotLearners = 32
	hotRound    = 256
	hotPassword = "PesertaPanas2026"
)

type hotFixture struct {
	course  publishedCourse
	batch   string
	tokens  []string
	userIDs []string
	names   []string
}

var (
	hotOnce sync.Once
	hot     hotFixture
	// hotClient keeps a connection per caller, as browsers do.
	hotClient = &http.Client{Transport: &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 128}, Timeout: 60 * time.Second}
	// hotSeconds grows across every progress report of the benchmark, so
	// each learner's device always reports a larger running total.
	hotSeconds atomic.Int64
)

// hotSetup makes 32 learners with access to a published course, an open
// batch they may enroll in, and waits until search finds the course.
// Nothing here is timed.
func hotSetup(b *testing.B) {
	hotOnce.Do(func() {
		admin := adminToken(b)
		hot.course = publishCourse(b, admin, "PANAS-1")
		var bv batchView
		st, raw := api(b, http.MethodPost, "/tenants/"+demo.TenantID+"/batches", admin, map[string]any{
			"name": "Angkatan Panas", "code": "PANAS-B", "courseIds": []string{hot.course.ID}, "startDate": "2026-12-01", "endDate": "2026-12-12",
			"mode": "non-klasikal", "capacity": 4 * hotLearners, "enrollmentPolicy": "open"}, &bv)
		expect(b, "create batch", st, raw, http.StatusCreated)
		hot.batch = bv.ID
		st, raw = api(b, http.MethodPatch, "/tenants/"+demo.TenantID+"/batches/"+hot.batch, admin, map[string]any{"status": "open"}, nil)
		expect(b, "open batch", st, raw, http.StatusOK)
		for i := range hotLearners {
			nik := fmt.Sprintf("327301010188%04d", 7000+i)
			var created struct {
				Membership struct {
					UserID string `json:"userId"`
				} `json:"membership"`
				Account struct {
					TemporaryPassword string `json:"temporaryPassword"`
				} `json:"account"`
			}
			st, raw := api(b, http.MethodPost, "/tenants/"+demo.TenantID+"/users", admin,
				map[string]string{"username": nik, "name": "Peserta Panas " + letters(i), "role": "learner"}, &created)
			expect(b, "create learner", st, raw, http.StatusCreated)
			tk := firstSignIn(b, nik, created.Account.TemporaryPassword, hotPassword)
			grantCourse(b, demo.TenantID, created.Membership.UserID, hot.course.ID, "01JDZ3K8W9X4T5Y6Z7A8B9C0PA")
			hot.tokens = append(hot.tokens, tk.AccessToken)
			hot.userIDs = append(hot.userIDs, created.Membership.UserID)
			hot.names = append(hot.names, nik)
			// The first report of a course starts its per-item count (a
			// transaction); the benchmark measures the reports after it.
			hotCall(b, http.MethodPut, hot.course.base+"/items/"+hot.course.Required1+"/progress", tk.AccessToken,
				map[string]any{"deviceId": "bench", "sessionSeconds": hotSeconds.Add(1)}, http.StatusOK)
		}
		// Publishing told the index function; wait for the course to be
		// searchable (bounded: a bound on the wait, not a measurement).
		deadline := time.Now().Add(90 * time.Second)
		for {
			var res struct {
				Total int `json:"total"`
			}
			st, raw := api(b, http.MethodGet, "/tenants/"+demo.TenantID+"/search?q=tambang", hot.tokens[0], nil, &res)
			if st == http.StatusOK && res.Total > 0 {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("search never found the course: %d %s", st, raw)
			}
			time.Sleep(500 * time.Millisecond)
		}
	})
	if len(hot.tokens) != hotLearners {
		b.Fatal("hot setup failed earlier")
	}
}

// hotCall makes one request and fails unless it answered want.
func hotCall(b testing.TB, method, path, token string, body any, want int) {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			b.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, srv.URL+"/api"+path, rd)
	if err != nil {
		b.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := hotClient.Do(req)
	if err != nil {
		b.Error(err)
		return
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != want {
		b.Errorf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, want, strings.TrimSpace(string(raw)))
	}
}

type hotOp struct {
	name string
	// call makes learner w's timed request; after, if any, puts things
	// back untimed (a withdrawal after an enrollment).
	call, after func(b *testing.B, w int)
}

func hotOps() []hotOp {
	t := "/tenants/" + demo.TenantID
	get := func(path string) func(*testing.B, int) {
		return func(b *testing.B, w int) { hotCall(b, http.MethodGet, path, hot.tokens[w], nil, http.StatusOK) }
	}
	enrollments := t + "/batches/" + hot.batch + "/enrollments"
	return []hotOp{
		{name: "login", call: func(b *testing.B, w int) {
			hotCall(b, http.MethodPost, "/auth/login", "", map[string]string{"username": hot.names[w], "password": hotPassword}, http.StatusOK)
		}},
		{name: "my-learning", call: get(t + "/me/learning")},
		{name: "outline", call: get(hot.course.base)},
		// Not in the list, but every item a learner opens costs
		// it: the cost model (docs/cost.md) needs it.
		{name: "open-item", call: get(hot.course.base + "/items/" + hot.course.Required1 + "/content")},
		{name: "record-progress", call: func(b *testing.B, w int) {
			hotCall(b, http.MethodPut, hot.course.base+"/items/"+hot.course.Required1+"/progress", hot.tokens[w],
				map[string]any{"deviceId": "bench", "sessionSeconds": hotSeconds.Add(1)}, http.StatusOK)
		}},
		{name: "enroll", call: func(b *testing.B, w int) {
			hotCall(b, http.MethodPost, enrollments, hot.tokens[w], nil, http.StatusCreated)
		}, after: func(b *testing.B, w int) {
			hotCall(b, http.MethodPost, enrollments+"/"+hot.userIDs[w]+"/withdraw", hot.tokens[w], nil, http.StatusOK)
		}},
		{name: "my-batches", call: get(t + "/me/batches")},
		{name: "search", call: get(t + "/search?q=tambang")},
	}
}

// BenchmarkHotOperations: see the comment on hotLearners.
func BenchmarkHotOperations(b *testing.B) {
	hotSetup(b)
	for _, op := range hotOps() {
		for _, conc := range []int{1, hotLearners} {
			b.Run(fmt.Sprintf("%s/c%d", op.name, conc), func(b *testing.B) {
				var lat []time.Duration
				var spent time.Duration
				dynamo, cognito, s3, requests := 0, 0, 0, 0
				var rru, wru float64
				for b.Loop() {
					if conc == 1 {
						capacityOn.Store(true)
						for i := range hotRound {
							before := awsCalls.snapshot()
							r0, w0 := capacity.snapshot()
							start := time.Now()
							op.call(b, i%hotLearners)
							d := time.Since(start)
							d1, c1, ops := awsCalls.since(before)
							r1, w1 := capacity.snapshot()
							rru, wru = rru+r1-r0, wru+w1-w0
							lat, spent = append(lat, d), spent+d
							dynamo, cognito, requests = dynamo+d1, cognito+c1, requests+1
							for k, v := range ops {
								if strings.HasPrefix(k, "S3.") {
									s3 += v
								}
							}
							if op.after != nil {
								op.after(b, i%hotLearners)
							}
						}
						capacityOn.Store(false)
						continue
					}
					// 32 learners, each its own share of the round.
					var mu sync.Mutex
					var wg sync.WaitGroup
					start := time.Now()
					for w := range conc {
						wg.Go(func() {
							var mine []time.Duration
							for range hotRound / conc {
								s := time.Now()
								op.call(b, w)
								mine = append(mine, time.Since(s))
								if op.after != nil {
									op.after(b, w)
								}
							}
							mu.Lock()
							lat = append(lat, mine...)
							mu.Unlock()
						})
					}
					wg.Wait()
					spent += time.Since(start)
				}
				b.StopTimer()
				slices.Sort(lat)
				pct := func(p float64) float64 {
					return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
				}
				b.ReportMetric(pct(0.50), "p50-ms")
				b.ReportMetric(pct(0.99), "p99-ms")
				// With 32 callers the round's time includes the untimed
				// withdrawals after enrollments: no throughput figure then.
				if op.after == nil || conc == 1 {
					b.ReportMetric(float64(len(lat))/spent.Seconds(), "req/s")
				}
				if requests > 0 {
					b.ReportMetric(float64(dynamo)/float64(requests), "dynamodb/req")
					b.ReportMetric(float64(cognito)/float64(requests), "cognito/req")
					b.ReportMetric(float64(s3)/float64(requests), "s3/req")
					b.ReportMetric(rru/float64(requests), "rru/req")
					b.ReportMetric(wru/float64(requests), "wru/req")
				}
			})
		}
	}
}
