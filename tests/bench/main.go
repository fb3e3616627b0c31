// Command bench runs the benchmarks of issue 11, prints one table of every
// figure and writes docs/performance.md (machine, date, commands, figures)
// and docs/cost.md (the cost model fed by the measured requests per
// operation). make bench runs it from the repository root:
//
//	make bench                      # all of it (several minutes)
//	go run ./tests/bench -no-docs   # print the table only
//
// Each figure comes from one of three commands, printed as they run and
// written into docs/performance.md so that anyone can rerun one alone:
// make build-functions (binary sizes), a go test of the unit benchmarks
// (transcoding, indexing, search) and a go test of the benchmarks through
// the local stack (hot operations, cold starts, bulk import,
// certificates). The benchmarks report their figures with b.ReportMetric;
// this program reads them from go test's output.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

var (
	noDocs = flag.Bool("no-docs", false, "print the table without writing docs/performance.md and docs/cost.md")
	only   = flag.String("only", "", "run only the steps whose names contain this (sizes, unit, stack); implies -no-docs")
	costOf = flag.String("cost-from", "", "run nothing: rewrite docs/cost.md from a saved output of make bench (after changing a price or the profile)")
)

// step is one command whose output holds figures.
type step struct {
	name string
	cmd  []string
	env  []string
}

func steps(vgw string) []step {
	return []step{
		{name: "sizes", cmd: []string{"make", "--no-print-directory", "build-functions"}},
		{name: "unit", cmd: []string{"go", "test", "-run", "^$", "-bench", "Transcode720p/one-ffmpeg|Search10k|IndexThroughput",
			"-benchtime", "1x", "-count", "1", "./shared/media", "./shared/search"}},
		{name: "stack", cmd: []string{"go", "test", "-run", "^$", "-bench", "HotOperations|ColdStart|ImportUsers|Certificates1000",
			"-benchtime", "1x", "-count", "1", "-timeout", "40m", "./tests/integration/"}, env: []string{"LMS_VERSITYGW=" + vgw}},
	}
}

func main() {
	flag.Parse()
	os.Exit(run())
}

func run() int {
	began := time.Now()
	if *costOf != "" {
		out, err := os.ReadFile(*costOf)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 2
		}
		res := results{}
		res.parse(out)
		m := machine()
		if err := os.WriteFile(filepath.Join("docs", "cost.md"), []byte(costDoc(m, res, "the figures saved in "+filepath.Base(*costOf))), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
		fmt.Println("wrote docs/cost.md")
		return 0
	}
	vgw := os.Getenv("LMS_VERSITYGW")
	if vgw == "" {
		fmt.Fprintln(os.Stderr, "bench: LMS_VERSITYGW is not set: run it with make bench (it installs the local stack)")
		return 2
	}
	if _, err := os.Stat("go.mod"); err != nil {
		fmt.Fprintln(os.Stderr, "bench: run it from the repository root (make bench does)")
		return 2
	}
	m := machine()
	m.loadBefore = loadavg()
	res := results{}
	var ran []step
	failed := false
	for _, s := range steps(vgw) {
		if *only != "" && !strings.Contains(s.name, *only) {
			continue
		}
		ran = append(ran, s)
		fmt.Printf("\n== %s\n", strings.Join(s.cmd, " "))
		out, err := runStep(s)
		res.parse(out)
		if err != nil {
			fmt.Fprintf(os.Stderr, "bench: %s: %v\n", s.name, err)
			failed = true
		}
	}
	m.loadAfter = loadavg()
	m.duration = time.Since(began)
	sizes := binarySizes()

	fmt.Println()
	printTable(os.Stdout, res, sizes)
	fmt.Printf("\n%s; %s; load average before %s, after %s; %s\n", m.date.Format("2006-01-02 15:04 MST"), m.short(), m.loadBefore, m.loadAfter,
		m.duration.Round(time.Second))

	if !*noDocs && *only == "" {
		if err := os.WriteFile(filepath.Join("docs", "performance.md"), []byte(performanceDoc(m, ran, res, sizes)), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
		if err := os.WriteFile(filepath.Join("docs", "cost.md"), []byte(costDoc(m, res, "the requests and DynamoDB capacity units per operation measured in that run")), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
		fmt.Println("wrote docs/performance.md and docs/cost.md")
	}
	if failed {
		fmt.Println("FAIL: a benchmark step failed (figures above may be missing)")
		return 1
	}
	return 0
}

// runStep runs a command, showing its output as it comes, and returns it.
func runStep(s step) ([]byte, error) {
	cmd := exec.Command(s.cmd[0], s.cmd[1:]...)
	cmd.Env = append(os.Environ(), s.env...)
	var buf bytes.Buffer
	w := io.MultiWriter(os.Stdout, &buf)
	cmd.Stdout, cmd.Stderr = w, w
	err := cmd.Run()
	return buf.Bytes(), err
}

// results maps a benchmark (without "Benchmark" and the -GOMAXPROCS
// suffix) to its metrics by unit.
type results map[string]map[string]float64

var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func (r results) parse(out []byte) {
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		f := strings.Fields(m[2])
		metrics := map[string]float64{}
		for i := 0; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				metrics[f[i+1]] = v
			}
		}
		r[m[1]] = metrics
	}
}

// get returns a metric, ok false when the benchmark did not report it.
func (r results) get(bench, unit string) (float64, bool) {
	v, ok := r[bench][unit]
	return v, ok
}

// fmtv formats a metric with the given decimals, "–" when missing.
func (r results) fmtv(bench, unit string, decimals int) string {
	v, ok := r.get(bench, unit)
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// The hot operations, in the order of the issue, with the benchmark's
// sub-benchmark names.
var hotOps = []struct{ name, bench, route string }{
	{"login", "login", "POST /auth/login"},
	{"my learning", "my-learning", "GET /tenants/{t}/me/learning"},
	{"course outline with my progress", "outline", "GET /tenants/{t}/courses/{c}"},
	{"open an item (text)", "open-item", "GET .../items/{i}/content"},
	{"record progress", "record-progress", "PUT .../items/{i}/progress"},
	{"enroll", "enroll", "POST /tenants/{t}/batches/{b}/enrollments"},
	{"my batches", "my-batches", "GET /tenants/{t}/me/batches"},
	{"search", "search", "GET /tenants/{t}/search?q="},
}

// functions lists functions/*, the Lambda functions.
func functions() []string {
	entries, _ := os.ReadDir("functions")
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// binarySizes reads the arm64 binaries make build-functions left in build/.
func binarySizes() map[string]int64 {
	out := map[string]int64{}
	for _, f := range functions() {
		if st, err := os.Stat(filepath.Join("build", f, "bootstrap")); err == nil {
			out[f] = st.Size()
		}
	}
	return out
}

type row []string

// table is the figures as rows of one table: section rows name the
// columns of the rows below them.
func table(r results, sizes map[string]int64) []row {
	rows := []row{{"HOT OPERATIONS (per request)", "DynamoDB", "Cognito", "S3", "RRU", "WRU", "p50 ms 1", "p99 ms 1", "p50 ms 32", "p99 ms 32", "req/s 32"}}
	for _, op := range hotOps {
		c1, c32 := "HotOperations/"+op.bench+"/c1", "HotOperations/"+op.bench+"/c32"
		rows = append(rows, row{"  " + op.name, r.fmtv(c1, "dynamodb/req", 2), r.fmtv(c1, "cognito/req", 2), r.fmtv(c1, "s3/req", 2),
			r.fmtv(c1, "rru/req", 1), r.fmtv(c1, "wru/req", 1),
			r.fmtv(c1, "p50-ms", 1), r.fmtv(c1, "p99-ms", 1), r.fmtv(c32, "p50-ms", 1), r.fmtv(c32, "p99-ms", 1), r.fmtv(c32, "req/s", 0)})
	}
	rows = append(rows, row{"FUNCTIONS", "arm64 KiB", "cold p50 ms", "cold max ms"})
	for _, f := range functions() {
		size := "–"
		if s, ok := sizes[f]; ok {
			size = strconv.FormatInt(s/1024, 10)
		}
		rows = append(rows, row{"  " + f, size, r.fmtv("ColdStart/"+f, "p50-ms", 0), r.fmtv("ColdStart/"+f, "max-ms", 0)})
	}
	rows = append(rows, row{"PIPELINES", "rate", "unit", "also"})
	rows = append(rows,
		row{"  transcoding 720p -> HLS", r.fmtv("Transcode720p/one-ffmpeg", "video-s/wall-s", 2), "video s per s",
			r.fmtv("Transcode720p/one-ffmpeg", "cpu-s/video-s", 2) + " CPU s per video s"},
		row{"  indexing", r.fmtv("IndexThroughput", "docs/s", 0), "documents/s", ""},
		row{"  search, 10,000 documents", r.fmtv("Search10k", "p95-ms", 2), "ms p95", "p50 " + r.fmtv("Search10k", "p50-ms", 2) + " ms"},
		row{"  certificates (1,000-graduate batch)", r.fmtv("Certificates1000", "certs/s", 1), "certificates/s", "end to end, PDF to S3"},
		row{"  bulk import (users, API)", r.fmtv("ImportUsers", "rows/s", 1), "users/s",
			r.fmtv("ImportUsers", "dynamodb-req/row", 2) + " DynamoDB + " + r.fmtv("ImportUsers", "cognito-req/row", 2) + " Cognito per user"},
	)
	return rows
}

func printTable(w io.Writer, r results, sizes map[string]int64) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, rw := range table(r, sizes) {
		fmt.Fprintln(tw, strings.Join(rw, "\t")+"\t")
	}
	tw.Flush()
	fmt.Fprintln(w, "(1 / 32: concurrent callers; requests and capacity units per request counted at 1 caller;")
	fmt.Fprintln(w, " cold start: host", runtime.GOARCH+" build, process start to first answer; local stack, not AWS)")
}

// ----------------------------------------------------------------- machine

type machineInfo struct {
	cpu, os, kernel, goVersion, commit string
	cores                              int
	ramGiB                             float64
	date                               time.Time
	loadBefore, loadAfter              string
	duration                           time.Duration
}

func (m machineInfo) short() string {
	return fmt.Sprintf("%s, %d cores, %.0f GiB, %s", m.cpu, m.cores, m.ramGiB, m.goVersion)
}

func machine() machineInfo {
	m := machineInfo{cores: runtime.NumCPU(), goVersion: runtime.Version(), date: time.Now().UTC(), cpu: "unknown CPU", os: runtime.GOOS}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "MemTotal:") {
				f := strings.Fields(l)
				if len(f) >= 2 {
					kb, _ := strconv.ParseFloat(f[1], 64)
					m.ramGiB = kb / (1 << 20)
				}
			}
		}
	}
	if b, err := os.ReadFile("/etc/os-release"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "PRETTY_NAME="); ok {
				m.os = strings.Trim(v, `"`)
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = strings.TrimSpace(string(b))
	}
	if out, err := exec.Command("git", "describe", "--always", "--dirty").Output(); err == nil {
		m.commit = strings.TrimSpace(string(out))
	}
	return m
}

// loadavg is the 1, 5 and 15 minute load average (other work on the
// machine slows everything measured here).
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

var errMissing = errors.New("missing")

// need returns a metric for the docs' arithmetic, or errMissing.
func (r results) need(bench, unit string) (float64, error) {
	if v, ok := r.get(bench, unit); ok {
		return v, nil
	}
	return 0, fmt.Errorf("%w: %s %s", errMissing, bench, unit)
}
