// Command load is a bounded load test of the learner journey through the
// whole local stack (gateway, DynamoDB Local, cognito-local, versitygw),
// started in process on free loopback ports as the integration tests do.
//
//	make load                          # 200 learners for 60 s
//	go run ./tests/load -learners 50 -duration 20s -login-every 5 -think 2s
//
// Setup (not measured), through the API as the demo admin: a published
// course with three text items (two required), a batch holding it with
// policy admin, and the learners imported into it from a NIK;Nama file
// with create=true; each learner then completes the first login (new
// password challenge). The measured phase runs every learner concurrently,
// each looping: login, my learning, open the course, open an item, report
// progress. One table is printed at the end (per step: count, errors,
// throughput, p50/p90/p99/max latency); any error (transport error or a
// non-2xx answer) makes the command exit non-zero.
//
// Pacing: by default none. Each learner sends its next request as soon as
// the last one answered, a closed loop far busier than people (the web app
// reports progress every 30 s of study; a learner reads for minutes), so
// the whole machine is saturated and latencies are queueing behind the
// slowest local stand-in (cognito-local's logins, DynamoDB Local's
// writes), not what one request costs. -think adds a pause between a
// learner's steps for a gentler, closer-to-life load.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"lms/infra/demo"
	"lms/infra/devserver"
)

const (
	newPassword = "PesertaBeban2026"
	tenant      = demo.TenantID
)

var (
	learners   = flag.Int("learners", 200, "concurrent virtual learners (and accounts imported)")
	duration   = flag.Duration("duration", 60*time.Second, "length of the measured phase")
	loginEvery = flag.Int("login-every", 1, "a real login every N iterations of a learner's journey (1: every iteration)")
	think      = flag.Duration("think", 0, "a learner's pause after each answer before the next step, jittered ±50% (0: none, a closed loop)")
	verbose    = flag.Bool("v", false, "show the services' and functions' logs")
)

func main() {
	flag.Parse()
	os.Exit(run())
}

func run() int {
	began := time.Now()
	if *learners < 1 || *duration <= 0 || *loginEvery < 1 || *think < 0 {
		fmt.Fprintln(os.Stderr, "load: -learners, -duration and -login-every must be positive, -think not negative")
		return 2
	}
	vgw := os.Getenv("LMS_VERSITYGW")
	if vgw == "" {
		fmt.Fprintln(os.Stderr, "load: LMS_VERSITYGW is not set: run it with make load (it installs the local stack)")
		return 2
	}
	root, err := repoRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		return 2
	}
	data, err := os.MkdirTemp("", "lms-load-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		return 1
	}
	defer os.RemoveAll(data)

	// Ctrl-C ends the run early but still tears the stack down.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var services io.Writer = io.Discard
	if *verbose {
		services = os.Stderr
	}
	backend := newBackendLog()
	web := filepath.Join(root, "web", "dist")
	if _, err := os.Stat(web); err != nil {
		web = "" // the API needs no web app
	}
	fmt.Printf("starting the local stack (data in %s)\n", data)
	startCtx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	srv, err := devserver.Start(startCtx, devserver.Options{
		Root: root, DataDir: data, VersityGW: vgw, WebDir: web,
		Addr: "127.0.0.1:0", Log: services, FunctionLog: io.MultiWriter(backend, services), Seed: true,
		RetryDelay: 20 * time.Millisecond, AWSConfig: backend.configure,
	})
	cancel()
	if err != nil {
		if srv != nil {
			srv.Close()
		}
		fmt.Fprintln(os.Stderr, "load: starting the local stack:", err)
		return 1
	}
	defer func() {
		t := time.Now()
		srv.Close()
		fmt.Printf("stack stopped in %s; wall time %s\n", time.Since(t).Round(time.Millisecond), time.Since(began).Round(time.Millisecond))
	}()
	fmt.Printf("stack up at %s in %s\n", srv.URL, time.Since(began).Round(time.Millisecond))

	c := newClient(srv.URL+"/api", *learners)
	t := time.Now()
	fx, err := setup(ctx, c, *learners)
	if err != nil {
		fmt.Fprintln(os.Stderr, "load: setup:", err)
		return 1
	}
	fmt.Printf("setup done in %s: course %s (%d text items, %d required), batch %s, %d learners imported and signed in\n",
		time.Since(t).Round(time.Millisecond), fx.courseID, len(fx.items), fx.required, fx.batchID, len(fx.users))

	if *loginEvery == 1 {
		fmt.Printf("journey: a real login (POST /auth/login) every iteration\n")
	} else {
		fmt.Printf("journey: a real login (POST /auth/login) every %d iterations\n", *loginEvery)
	}
	if *think == 0 {
		fmt.Printf("pacing: none; each learner sends its next request as soon as the last one answered (a closed loop: far busier than people)\n")
	} else {
		fmt.Printf("pacing: %s (±50%%) between a learner's steps\n", *think)
	}
	fmt.Printf("running %d learners for %s\n", *learners, *duration)
	res := journey(ctx, c, fx, *duration, *loginEvery, *think)
	errs := res.print(os.Stdout)
	lost, cerr := checkCompletions(ctx, c, fx, res)
	backend.print(os.Stdout)
	if ctx.Err() != nil {
		fmt.Println("interrupted")
		return 1
	}
	fail := false
	if errs > 0 {
		fmt.Printf("FAIL: %d errors (the goal is zero)\n", errs)
		fail = true
	}
	if cerr != nil {
		fmt.Println("FAIL: checking completions:", cerr)
		fail = true
	} else if lost > 0 {
		fmt.Printf("FAIL: %d learners finished every required item but their enrollment is not completed\n", lost)
		fail = true
	}
	if fail {
		return 1
	}
	fmt.Println("ok: no errors")
	return 0
}

// repoRoot finds the module's root from the working directory (make runs
// from it), falling back to this file's location.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err == nil {
		for d := dir; ; d = filepath.Dir(d) {
			if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && strings.HasPrefix(string(b), "module lms\n") {
				return d, nil
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..")), nil
	}
	return "", errors.New("cannot find the repository root (run from inside it)")
}

// ------------------------------------------------------------------ client

type client struct {
	base string
	http *http.Client
}

// newClient shares one transport across all learners, with an idle
// connection kept for each of them.
func newClient(base string, n int) *client {
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        n + 32,
		MaxIdleConnsPerHost: n + 32,
		IdleConnTimeout:     90 * time.Second,
	}
	return &client{base: base, http: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

// call sends a request (body: nil, []byte with contentType, or JSON) and
// returns the status and the body; a transport error is status 0.
func (c *client) call(ctx context.Context, method, path, token string, body any, contentType string) (int, []byte, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return 0, nil, err
		}
		rd, contentType = bytes.NewReader(raw), "application/json"
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, raw, err
	}
	return resp.StatusCode, raw, nil
}

// must calls and decodes a 2xx answer into out, or reports what came back.
func (c *client) must(ctx context.Context, what, method, path, token string, body, out any, contentType string) error {
	st, raw, err := c.call(ctx, method, path, token, body, contentType)
	if err != nil {
		return fmt.Errorf("%s: %s %s: %w", what, method, path, err)
	}
	if st < 200 || st > 299 {
		return fmt.Errorf("%s: %s %s: status %d: %s", what, method, path, st, clip(raw))
	}
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("%s: decoding %s: %w", what, clip(raw), err)
		}
	}
	return nil
}

func clip(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 400 {
		s = s[:400] + "..."
	}
	return s
}

type tokens struct {
	AccessToken string `json:"accessToken"`
	Challenge   string `json:"challenge"`
	Session     string `json:"session"`
}

// ------------------------------------------------------------------- setup

type learner struct {
	username string
	temp     string
}

type fixture struct {
	courseID, batchID string
	admin             string
	base              string   // /tenants/{t}/courses/{c}
	items             []string // text items, in order
	requiredItem      map[string]bool
	required          int
	users             []learner
}

func setup(ctx context.Context, c *client, n int) (*fixture, error) {
	a := demo.Accounts[0]
	var tk tokens
	if err := c.must(ctx, "admin login", http.MethodPost, "/auth/login", "", map[string]string{"username": a.Username, "password": a.Password}, &tk, ""); err != nil {
		return nil, err
	}
	if tk.AccessToken == "" {
		return nil, fmt.Errorf("admin login: no tokens (challenge %q)", tk.Challenge)
	}
	admin := tk.AccessToken
	code := fmt.Sprintf("BEBAN-%d", time.Now().Unix()%100000)

	// A published course: three text pages, two of them required.
	var o struct {
		Course struct {
			ID string `json:"id"`
		} `json:"course"`
	}
	courses := "/tenants/" + tenant + "/courses"
	if err := c.must(ctx, "create course", http.MethodPost, courses, admin, map[string]any{"code": code, "title": "Uji Beban " + code, "jp": 4}, &o, ""); err != nil {
		return nil, err
	}
	fx := &fixture{courseID: o.Course.ID, admin: admin, base: courses + "/" + o.Course.ID, requiredItem: map[string]bool{}}
	var s struct {
		ID string `json:"id"`
	}
	if err := c.must(ctx, "create section", http.MethodPost, fx.base+"/sections", admin, map[string]string{"title": "Bab 1"}, &s, ""); err != nil {
		return nil, err
	}
	for _, it := range []struct {
		title, body string
		required    bool
	}{
		{"Sejarah tambang", "Tambang batu bara Ombilin dibuka **1892** di Sawahlunto.", true},
		{"Bahaya gas metana", "Metana mudah meledak pada kadar 5 sampai 15 persen di udara.", true},
		{"Bacaan tambahan", "Alat pelindung diri: helm, sepatu bot, lampu kepala, *self-rescuer*.", false},
	} {
		var iv struct {
			ID string `json:"id"`
		}
		if err := c.must(ctx, "create item", http.MethodPost, fx.base+"/items", admin,
			map[string]any{"sectionId": s.ID, "kind": "text", "title": it.title, "body": it.body, "required": it.required}, &iv, ""); err != nil {
			return nil, err
		}
		fx.items = append(fx.items, iv.ID)
		if it.required {
			fx.requiredItem[iv.ID] = true
			fx.required++
		}
	}
	if err := c.must(ctx, "publish", http.MethodPost, fx.base+"/publish", admin, nil, nil, ""); err != nil {
		return nil, err
	}

	// A batch holding the course, one seat per learner at least.
	var b struct {
		ID string `json:"id"`
	}
	if err := c.must(ctx, "create batch", http.MethodPost, "/tenants/"+tenant+"/batches", admin, map[string]any{
		"name": "Angkatan Uji Beban", "code": code, "courseIds": []string{fx.courseID}, "startDate": "2026-12-01", "endDate": "2026-12-12",
		"mode": "non-klasikal", "capacity": max(n, 200), "enrollmentPolicy": "admin"}, &b, ""); err != nil {
		return nil, err
	}
	fx.batchID = b.ID

	// The learners, imported with create=true: NIKs of Bandung (327301),
	// born 1 Jan 1991 (010191), serials 0001..; names in letters only.
	if n > 9999 {
		return nil, errors.New("at most 9999 learners")
	}
	var file strings.Builder
	file.WriteString("NIK;Nama\n")
	for i := range n {
		fmt.Fprintf(&file, "3273010101%02d%04d;Peserta Beban %s\n", 91, i+1, letters(i))
	}
	var rep struct {
		TotalRows int `json:"totalRows"`
		Enrolled  int `json:"enrolled"`
		Reserve   int `json:"reserve"`
		Created   []struct {
			Username          string `json:"username"`
			TemporaryPassword string `json:"temporaryPassword"`
		} `json:"created"`
		Failed   int             `json:"failed"`
		Problems json.RawMessage `json:"problems"`
	}
	t := time.Now()
	if err := c.must(ctx, "import learners", http.MethodPost, "/tenants/"+tenant+"/batches/"+fx.batchID+"/enrollments/import?create=true", admin,
		[]byte(file.String()), &rep, "text/csv"); err != nil {
		return nil, err
	}
	if rep.Enrolled != n || rep.Reserve != 0 || rep.Failed != 0 || len(rep.Created) != n {
		return nil, fmt.Errorf("import: %d rows, %d enrolled, %d reserve, %d created, %d failed: %s",
			rep.TotalRows, rep.Enrolled, rep.Reserve, len(rep.Created), rep.Failed, clip(rep.Problems))
	}
	for _, cr := range rep.Created {
		if cr.TemporaryPassword == "" {
			return nil, fmt.Errorf("import: no temporary password for %s in the report", cr.Username)
		}
		fx.users = append(fx.users, learner{username: cr.Username, temp: cr.TemporaryPassword})
	}
	fmt.Printf("imported %d learners (temporary passwords from the import report) in %s\n", n, time.Since(t).Round(time.Millisecond))

	// First logins: the temporary password, then the new-password challenge.
	t = time.Now()
	work := make(chan learner)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	var first string // a learner's access token, to check the course opened
	for range 8 {
		wg.Go(func() {
			for u := range work {
				tok, err := firstLogin(ctx, c, u)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if first == "" {
					first = tok
				}
				mu.Unlock()
			}
		})
	}
	for _, u := range fx.users {
		work <- u
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	fmt.Printf("first logins (new password) of %d learners in %s\n", n, time.Since(t).Round(time.Millisecond))

	var mine struct {
		Items []struct {
			CourseID string `json:"courseId"`
		} `json:"items"`
	}
	if err := c.must(ctx, "my learning", http.MethodGet, "/tenants/"+tenant+"/me/learning", first, nil, &mine, ""); err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(mine.Items, func(it struct {
		CourseID string `json:"courseId"`
	}) bool {
		return it.CourseID == fx.courseID
	}) {
		return nil, errors.New("the imported learners do not see the batch's course in my learning")
	}
	return fx, nil
}

func firstLogin(ctx context.Context, c *client, u learner) (string, error) {
	var ch tokens
	if err := c.must(ctx, "first login "+u.username, http.MethodPost, "/auth/login", "", map[string]string{"username": u.username, "password": u.temp}, &ch, ""); err != nil {
		return "", err
	}
	if ch.Challenge != "NEW_PASSWORD_REQUIRED" || ch.Session == "" {
		return "", fmt.Errorf("first login %s: no new-password challenge (challenge %q)", u.username, ch.Challenge)
	}
	var tk tokens
	if err := c.must(ctx, "challenge "+u.username, http.MethodPost, "/auth/challenge", "",
		map[string]string{"username": u.username, "session": ch.Session, "newPassword": newPassword}, &tk, ""); err != nil {
		return "", err
	}
	if tk.AccessToken == "" {
		return "", fmt.Errorf("challenge %s: no tokens", u.username)
	}
	return tk.AccessToken, nil
}

// letters spells i in the letters a person's name may hold: 0 -> "Aaa".
func letters(i int) string {
	out := []byte{'A', 'a', 'a'}
	for p := 2; p > 0; p-- {
		out[p] += byte(i % 26)
		i /= 26
	}
	out[0] += byte(i % 26)
	return string(out)
}

// ----------------------------------------------------------------- journey

// The operations of the journey, in order.
var ops = []string{"login", "my learning", "open course", "open item", "report progress"}

var routes = map[string]string{
	"login":           "POST /auth/login",
	"my learning":     "GET /tenants/{t}/me/learning",
	"open course":     "GET /tenants/{t}/courses/{c}",
	"open item":       "GET /tenants/{t}/courses/{c}/items/{i}/content",
	"report progress": "PUT /tenants/{t}/courses/{c}/items/{i}/progress",
}

type sample struct {
	op  int
	d   time.Duration
	bad bool
}

type failure struct {
	op      int
	request string
	status  int
	body    string
}

type results struct {
	elapsed   time.Duration
	lat       [][]time.Duration // per operation, successes and failures alike
	errs      []int
	failures  []failure // the first few
	nFailures int
	iters     int64
	learners  int
	finished  int // learners whose course reached 100% during the run
}

func journey(ctx context.Context, c *client, fx *fixture, d time.Duration, loginEvery int, think time.Duration) *results {
	res := &results{lat: make([][]time.Duration, len(ops)), errs: make([]int, len(ops)), learners: len(fx.users)}
	var mu sync.Mutex
	var iters atomic.Int64
	record := func(f failure) {
		mu.Lock()
		defer mu.Unlock()
		res.nFailures++
		if len(res.failures) < 20 {
			res.failures = append(res.failures, f)
		}
	}
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	perWorker := make([][]sample, len(fx.users))
	for w, u := range fx.users {
		wg.Go(func() {
			samples := make([]sample, 0, 4096)
			done := false
			device := fmt.Sprintf("beban-%d", w)
			token := ""
			rng := rand.New(rand.NewPCG(uint64(w), 11))
			first := true
			do := func(op int, method, path string, body any, out any) bool {
				if think > 0 && !first {
					pause(ctx, time.Duration(float64(think)*(0.5+rng.Float64())))
					if !time.Now().Before(deadline) {
						return false // the run ended during the pause: nothing sent
					}
				}
				first = false
				t := time.Now()
				st, raw, err := c.call(ctx, method, path, token, body, "")
				el := time.Since(t)
				bad := err != nil || st < 200 || st > 299
				if !bad && out != nil {
					if jerr := json.Unmarshal(raw, out); jerr != nil {
						bad, err = true, jerr
					}
				}
				if ctx.Err() != nil { // interrupted: not the backend's fault
					return false
				}
				samples = append(samples, sample{op: op, d: el, bad: bad})
				if bad {
					req := method + " " + path
					if body != nil {
						if m, ok := body.(map[string]string); ok && m["password"] != "" {
							body = map[string]string{"username": m["username"], "password": "***"}
						}
						b, _ := json.Marshal(body)
						req += " " + string(b)
					}
					msg := clip(raw)
					if err != nil {
						msg = err.Error() + " " + msg
					}
					record(failure{op: op, request: req, status: st, body: msg})
				}
				return !bad
			}
			for it := 0; time.Now().Before(deadline) && ctx.Err() == nil; it++ {
				iters.Add(1)
				if token == "" || it%loginEvery == 0 {
					var tk tokens
					saved := token
					token = ""
					if !do(0, http.MethodPost, "/auth/login", map[string]string{"username": u.username, "password": newPassword}, &tk) || tk.AccessToken == "" {
						token = saved
						if token == "" {
							time.Sleep(100 * time.Millisecond) // no token to go on with
							continue
						}
					} else {
						token = tk.AccessToken
					}
				}
				if !time.Now().Before(deadline) {
					break
				}
				do(1, http.MethodGet, "/tenants/"+tenant+"/me/learning", nil, nil)
				if !time.Now().Before(deadline) {
					break
				}
				do(2, http.MethodGet, fx.base, nil, nil)
				if !time.Now().Before(deadline) {
					break
				}
				item := fx.items[(w+it)%len(fx.items)]
				do(3, http.MethodGet, fx.base+"/items/"+item+"/content", nil, nil)
				if !time.Now().Before(deadline) {
					break
				}
				// The device's running total grows by 30 s per visit; a
				// required item is marked done from its second visit on, the
				// optional one never: every learner ends up completing the
				// course during the run, as a cohort would.
				visits := (it + 1) / len(fx.items)
				body := map[string]any{"deviceId": device, "sessionSeconds": 30 * (it + 1), "positionSeconds": 0,
					"completed": fx.requiredItem[item] && visits >= 1}
				var pr struct {
					Learning struct {
						Percent int `json:"percent"`
					} `json:"learning"`
				}
				if do(4, http.MethodPut, fx.base+"/items/"+item+"/progress", body, &pr) && pr.Learning.Percent == 100 {
					done = true
				}
			}
			perWorker[w] = samples
			if done {
				mu.Lock()
				res.finished++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.iters = iters.Load()
	for _, ss := range perWorker {
		for _, s := range ss {
			res.lat[s.op] = append(res.lat[s.op], s.d)
			if s.bad {
				res.errs[s.op]++
			}
		}
	}
	return res
}

// pause sleeps for d or until the run is interrupted.
func pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

// print writes the table and the first failures; it returns the errors.
func (r *results) print(w io.Writer) int {
	fmt.Fprintf(w, "\n%d journeys started in %s (%d learners)\n\n", r.iters, r.elapsed.Round(time.Millisecond), r.learners)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "operation \tcount\terrors\treq/s\tp50 ms\tp90 ms\tp99 ms\tmax ms\t")
	var all []time.Duration
	total, errs := 0, 0
	row := func(name string, lat []time.Duration, e int) {
		slices.Sort(lat)
		var mx time.Duration
		if len(lat) > 0 {
			mx = lat[len(lat)-1]
		}
		fmt.Fprintf(tw, "%-16s\t%d\t%d\t%.1f\t%s\t%s\t%s\t%s\t\n", name, len(lat), e, float64(len(lat))/r.elapsed.Seconds(),
			ms(pct(lat, .50)), ms(pct(lat, .90)), ms(pct(lat, .99)), ms(mx))
	}
	for i, op := range ops {
		row(op, r.lat[i], r.errs[i])
		all = append(all, r.lat[i]...)
		total += len(r.lat[i])
		errs += r.errs[i]
	}
	row("total", all, errs)
	tw.Flush()
	if r.nFailures > 0 {
		fmt.Fprintf(w, "\nerrors (%d; first %d):\n", r.nFailures, len(r.failures))
		for _, f := range r.failures {
			fmt.Fprintf(w, "  %s [%s]: %s -> %d %s\n", ops[f.op], routes[ops[f.op]], f.request, f.status, f.body)
		}
	}
	return errs
}

// checkCompletions reads the batch's roster as the admin: every learner
// whose course reached 100% should have been completed automatically (the
// progress report that finished the course does it). It returns how many
// were not.
func checkCompletions(ctx context.Context, c *client, fx *fixture, res *results) (int, error) {
	completed := 0
	for cursor := ""; ; {
		var page struct {
			Items []struct {
				Completed bool `json:"completed"`
			} `json:"items"`
			NextCursor string `json:"nextCursor"`
		}
		if err := c.must(ctx, "roster", http.MethodGet, "/tenants/"+tenant+"/batches/"+fx.batchID+"/enrollments?cursor="+cursor, fx.admin, nil, &page, ""); err != nil {
			return 0, err
		}
		for _, e := range page.Items {
			if e.Completed {
				completed++
			}
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	fmt.Printf("\ncompletion: %d of %d learners reached 100%% during the run; %d enrollments completed in the roster\n", res.finished, res.learners, completed)
	return max(res.finished-completed, 0), nil
}
