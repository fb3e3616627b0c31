package main

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"lms/shared/clock"
)

// mdTable writes rows as a Markdown table (the first row is the header).
func mdTable(b *strings.Builder, rows []row) {
	for i, r := range rows {
		cells := make([]string, len(r))
		for j, c := range r {
			cells[j] = strings.TrimSpace(c)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", len(r)) + "\n")
		}
	}
	b.WriteString("\n")
}

// sections splits the printed table at its section rows.
func sections(rows []row) [][]row {
	var out [][]row
	for _, r := range rows {
		if !strings.HasPrefix(r[0], "  ") {
			out = append(out, []row{r})
			continue
		}
		out[len(out)-1] = append(out[len(out)-1], r)
	}
	return out
}

func commandLine(s step) string {
	cmd := strings.Join(quoteAll(s.cmd), " ")
	for _, e := range s.env {
		k, _, _ := strings.Cut(e, "=")
		cmd = k + "=$(VERSITYGW) " + cmd
	}
	return cmd
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, "^$|* ") {
			a = "'" + a + "'"
		}
		out[i] = a
	}
	return out
}

func performanceDoc(m machineInfo, ran []step, r results, sizes map[string]int64) string {
	var b strings.Builder
	wib := m.date.In(clock.Jakarta)
	fmt.Fprintf(&b, `# Performance

Written by `+"`make bench`"+` (`+"`tests/bench`"+`) on **%s UTC** (%s WIB); rerun it to refresh
every figure (it rewrites this file and [cost.md](cost.md)). Nothing here is
asserted: the figures describe this machine at that time.

## Machine

| | |
| --- | --- |
| CPU | %s, %d cores (GOMAXPROCS %d) |
| RAM | %.1f GiB |
| OS | %s, Linux %s |
| Go | %s |
| commit | %s |
| load average (1, 5, 15 min) | before %s, after %s |
| duration of make bench | %s (with warm Go build caches; a first run on a clean clone also compiles and installs tools) |

The machine also runs the whole local stack (DynamoDB Local on Java,
cognito-local on Node.js, versitygw, the gateway and the functions in one
process) and, during development sessions, other work: a load average above
the core count means the figures are slower than the code is.

## Commands

Each figure comes from one of these commands, run from the repository root
in this order (`+"`$(VERSITYGW)`"+` is the S3 stand-in `+"`make`"+` installs,
`+"`~/.cache/lms-tools/versitygw-v1.8.0/versitygw`"+`):

`, m.date.Format("2006-01-02 15:04"), wib.Format("2006-01-02 15:04"), m.cpu, m.cores, runtime.GOMAXPROCS(0), m.ramGiB, m.os, m.kernel,
		m.goVersion, m.commit, m.loadBefore, m.loadAfter, m.duration.Round(time.Second))
	b.WriteString("```sh\n")
	for _, s := range ran {
		b.WriteString(commandLine(s) + "\n")
	}
	b.WriteString("```\n\n")

	secs := sections(table(r, sizes))
	b.WriteString("## Hot API operations\n\n")
	b.WriteString(`Through the local gateway (JWT check against cognito-local's keys, API
Gateway v2 event, the function's handler) against DynamoDB Local,
cognito-local and versitygw on loopback. Per operation, a round of 256
requests: at **1** caller one at a time, at **32** callers spread over 32
distinct learner accounts (8 each). DynamoDB, Cognito and S3 are the AWS
requests the API functions made per request, counted by wrapping their SDK
HTTP client, at 1 caller (each request bracketed exactly; authorisation's
membership read included). RRU and WRU are the DynamoDB read and write
request units those requests consumed (ReturnConsumedCapacity TOTAL, indexes
included, as DynamoDB Local computes them): the cost model's input. The
learners are fixtures of ` + "`BenchmarkHotOperations`" + `
(tests/integration/bench_hot_test.go): a published course of 3 text/link
items, an open batch; "record progress" adds time to an item already
started (the common report, two single writes), "enroll" is followed by an
untimed withdrawal (so no throughput figure at 32), "search" finds the
course by a word of its title.

`)
	mdTable(&b, secs[0])
	b.WriteString(`## Functions

**arm64 KiB**: the stripped linux/arm64 ` + "`bootstrap`" + ` of each function from
` + "`make build-functions`" + ` (what Lambda runs). **Cold start**: ` + "`BenchmarkColdStart`" + `
(tests/integration/bench_coldstart_test.go) builds each function the same
way but for **this machine's architecture (` + runtime.GOARCH + `), not arm64**, starts the
process with the environment template.yaml gives it (pointing at the local
stack) against a minimal Lambda Runtime API written in the test, and times
process start to the answer of its first event: a login (auth), my learning
(course), my batches (batch), a search that downloads the tenant's index
snapshot (upload); the event functions (transcode, index, certificate) get
an event with nothing to do. 5 starts per function. Lambda's own sandbox
start and code download are not included; functions without a chosen event
(added later) get a request for an unknown route.

`)
	mdTable(&b, secs[1])
	b.WriteString(`## Pipelines

- **Transcoding**: ` + "`BenchmarkTranscode720p/one-ffmpeg`" + ` (shared/media): the production
  ladder (240p, 360p, 720p HLS + poster) from a 20 s 1280x720 source, in
  seconds of video per second of wall time, and CPU seconds per video second
  (the figure that sizes the Lambda; see media-pipeline.md).
- **Indexing**: ` + "`BenchmarkIndexThroughput`" + ` (shared/search): 2,000 generated
  Indonesian documents (100–300 words) upserted in batches of 500 into a
  fresh index.
- **Search p95**: ` + "`BenchmarkSearch10k`" + `: 200 one- to three-word queries (half
  filtered to five courses) on a 10,000-document index, in process.
- **Certificates**: ` + "`BenchmarkCertificates1000`" + `: a 1,000-graduate batch, from the
  API request to the job reporting done: numbers allocated in DynamoDB
  Local, each PDF rendered and stored in versitygw, through the local SQS
  stand-in.
- **Bulk import**: ` + "`BenchmarkImportUsers`" + `: a 200-row CSV of new users through
  ` + "`POST /tenants/{t}/users/import`" + ` (accounts created in cognito-local), users per
  second and AWS requests per user.

`)
	mdTable(&b, secs[2])
	b.WriteString(`## Reading these figures

- DynamoDB Local is not DynamoDB: one JVM on this machine keeping its
  tables in SQLite on the local disk, so writes queue behind one another
  and an occasional stall of a few seconds (disk, garbage collection) shows
  up as a p99 outlier. Latencies at 32 callers show this machine's
  queueing, not AWS's. The request and capacity-unit counts do carry over:
  they are what the code asks for.
- cognito-local answers a login in far less time than Cognito's
  USER_PASSWORD_AUTH does; in AWS expect tens of milliseconds more.
- The load test (` + "`make load`" + `, tests/load) is the whole learner journey with 200
  virtual learners; it prints its own table.
`)
	return b.String()
}
