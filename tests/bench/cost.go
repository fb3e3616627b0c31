package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"lms/infra/samtemplate"
)

// The cost model: a stated usage profile per active learner a month, the
// requests and DynamoDB capacity units each API operation costs (measured
// by BenchmarkHotOperations), the functions' memory from template.yaml and
// list prices. Edit the profile or the prices here; make bench rewrites
// docs/cost.md from them.

// pricesAsOf says where the prices come from and when.
const pricesAsOf = `US East (N. Virginia), us-east-1, on-demand list prices in USD, as published
on the AWS pricing pages; checked on 2026-11-23 where marked ✓ (through
copies of the pages and AWS documentation), the others as published in 2025
and **to be checked** before a budget is fixed. Jakarta (ap-southeast-3) list
prices for Lambda, API Gateway, DynamoDB and S3 are, as far as we know,
somewhat higher than us-east-1 (check the AWS Pricing Calculator for
ap-southeast-3); CloudFront is priced by where the viewers are (Indonesia),
not by the origin's region, so the dominant line below holds for a Jakarta
deployment as it is.`

var prices = struct {
	lambdaGBs, lambdaReq, apiReq, rru, wru, ddbStorage, ddbPITR, s3Storage, s3Put, s3Get, dataOut float64
	cfTiers                                                                                       []tier // per GB
	cfReq                                                                                         float64
	cognitoEssentials, cognitoLite                                                                float64
}{
	lambdaGBs: 0.0000133334, lambdaReq: 0.20 / 1e6, apiReq: 1.00 / 1e6, rru: 0.125 / 1e6, wru: 0.625 / 1e6,
	ddbStorage: 0.25, ddbPITR: 0.20, s3Storage: 0.023, s3Put: 0.005 / 1000, s3Get: 0.0004 / 1000, dataOut: 0.09,
	cfTiers: []tier{{10_000, 0.120}, {40_000, 0.100}, {100_000, 0.080}, {350_000, 0.070}, {math.Inf(1), 0.060}},
	cfReq:   0.0120 / 10_000, cognitoEssentials: 0.015, cognitoLite: 0.0055,
}

func priceTable() []row {
	p := prices
	return []row{
		{"service", "price (USD)", "free each month", "checked"},
		{"Lambda, arm64", fmt.Sprintf("%.10f per GB-s; %.2f per million requests", p.lambdaGBs, p.lambdaReq*1e6), "400,000 GB-s and 1 million requests", "✓ GB-s"},
		{"API Gateway, HTTP API", fmt.Sprintf("%.2f per million requests (first 300 million)", p.apiReq*1e6), "none after the first 12 months", "✓"},
		{"DynamoDB on demand, Standard", fmt.Sprintf("%.3f per million read units; %.3f per million write units; %.2f per GB-month; PITR %.2f per GB-month", p.rru*1e6, p.wru*1e6, p.ddbStorage, p.ddbPITR), "25 GB storage", ""},
		{"S3 Standard", fmt.Sprintf("%.3f per GB-month; %.3f per 1,000 PUT; %.4f per 1,000 GET", p.s3Storage, p.s3Put*1000, p.s3Get*1000), "none after the first 12 months", ""},
		{"CloudFront to Indonesia (Asia Pacific rate)", "0.120 per GB for the first 10 TB, 0.100 next 40 TB, 0.080 next 100 TB, 0.070 next 350 TB; 0.0120 per 10,000 HTTPS requests", "1 TB out and 10 million requests", ""},
		{"Cognito user pools", fmt.Sprintf("Essentials (the default plan of a new pool) %.3f per MAU; Lite %.4f per MAU (10,001 to 100,000)", p.cognitoEssentials, p.cognitoLite), "10,000 MAU (Lite and Essentials)", "✓"},
		{"data transfer out (API answers)", fmt.Sprintf("%.2f per GB", p.dataOut), "100 GB", ""},
	}
}

type tier struct{ upTo, usd float64 }

// tiered prices quantity over consecutive tiers of the given sizes.
func tiered(q float64, tiers []tier) float64 {
	cost := 0.0
	for _, t := range tiers {
		n := math.Min(q, t.upTo)
		cost += n * t.usd
		q -= n
		if q <= 0 {
			break
		}
	}
	return cost
}

// The usage profile: what one active learner does in a month.
var profile = []struct {
	op       string // BenchmarkHotOperations sub-benchmark
	perMonth float64
	why      string
}{
	{"login", 8, "two sign-ins a week (a session lasts; refreshes are not logins)"},
	{"my-learning", 12, "the home page, three times a week"},
	{"outline", 16, "a course opened four times a week"},
	{"open-item", 30, "items opened (pages, videos, quizzes)"},
	{"record-progress", 280, "the web app reports every 30 s of study: 240 for 120 minutes of video, 40 for pages"},
	{"enroll", 1, "one batch a month"},
	{"my-batches", 4, "once a week"},
	{"search", 4, "once a week"},
}

const (
	videoMinutes   = 120.0 // per active learner a month
	videoMbps      = 1.5   // average delivered: 720p is 2.6 Mbit/s, 360p 0.8 (docs/media-pipeline.md); a mix on Indonesian mobile networks
	segmentSeconds = 6.0   // HLS segments
	webMBPerLogin  = 0.3   // index.html, the app's JS/CSS and images after browser caching
	webReqPerLogin = 8.0
	apiKBPerAnswer = 4.0  // JSON answers, compressed
	originMiss     = 0.05 // CloudFront requests that reach S3
	materialsGB    = 50.0 // stored per 1,000 learners: raw uploads, HLS renditions, posters, certificates, search snapshots
	dynamoKBPerLrn = 60.0 // summaries and item progress with their index copies, enrollments, attempts
	certsPerLrn    = 0.1  // certificates issued per learner a month
	coldShare      = 0.02 // invocations that start a new execution environment
)

// Billed duration model per request (ms): in AWS a DynamoDB request takes
// single-digit milliseconds, a Cognito login tens; DynamoDB Local on this
// machine is faster, so the local latency is shown beside it, not used.
const (
	msBase    = 5.0
	msDynamo  = 6.0
	msCognito = 60.0
	msS3      = 15.0
)

// opFunction is the function that serves each operation.
var opFunction = map[string]string{"login": "auth", "my-learning": "course", "outline": "course", "open-item": "course",
	"record-progress": "course", "enroll": "batch", "my-batches": "batch", "search": "upload"}

// memoryMB reads each function's MemorySize from template.yaml (Globals
// when the function sets none).
func memoryMB() (map[string]float64, error) {
	tpl, err := samtemplate.Load("template.yaml")
	if err != nil {
		return nil, err
	}
	find := func(n *yaml.Node, key string) string {
		if n == nil || n.Kind != yaml.MappingNode {
			return ""
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1].Value
			}
		}
		return ""
	}
	def, _ := strconv.ParseFloat(find(tpl.GlobalFunction, "MemorySize"), 64)
	out := map[string]float64{}
	for id, r := range tpl.Resources {
		if r.Type != "AWS::Serverless::Function" {
			continue
		}
		mb := def
		if v, err := strconv.ParseFloat(find(r.Properties, "MemorySize"), 64); err == nil {
			mb = v
		}
		out[strings.ToLower(strings.TrimSuffix(id, "Function"))] = mb
	}
	return out, nil
}

func usd(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v < 0.01:
		return "< 0.01"
	case v < 100:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
}

// num writes a quantity: millions as "M", whole numbers with thousands
// separators, small fractions with one decimal.
func num(v float64) string {
	switch {
	case v >= 1e9:
		return strconv.FormatFloat(v/1e9, 'f', 2, 64) + " bn"
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 2, 64) + " M"
	case v >= 100 || v == math.Round(v):
		s := strconv.FormatFloat(math.Round(v), 'f', 0, 64)
		for i := len(s) - 3; i > 0; i -= 3 {
			s = s[:i] + "," + s[i:]
		}
		return s
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

var scales = []float64{1_000, 10_000, 100_000}

func costDoc(m machineInfo, r results, source string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# Cost model

Written by `+"`make bench`"+` (`+"`tests/bench/cost.go`"+`) on %s UTC from %s
([performance.md](performance.md)), the usage profile and prices below, and
the functions' memory in template.yaml. To change the profile or a price,
edit tests/bench/cost.go and rerun make bench (or, to keep the measured
figures, save make bench's output and run `+"`go run ./tests/bench -cost-from FILE`"+`).

`, m.date.Format("2006-01-02 15:04"), source)
	mem, err := memoryMB()
	if err != nil {
		fmt.Fprintf(&b, "**Cannot read template.yaml: %v.**\n", err)
		return b.String()
	}
	type opIn struct{ dynamo, cognito, s3, rru, wru, localP50 float64 }
	ops := map[string]opIn{}
	var missing []string
	for _, p := range profile {
		c1 := "HotOperations/" + p.op + "/c1"
		var in opIn
		var errs []error
		var e error
		in.dynamo, e = r.need(c1, "dynamodb/req")
		errs = append(errs, e)
		in.cognito, e = r.need(c1, "cognito/req")
		errs = append(errs, e)
		in.s3, e = r.need(c1, "s3/req")
		errs = append(errs, e)
		in.rru, e = r.need(c1, "rru/req")
		errs = append(errs, e)
		in.wru, e = r.need(c1, "wru/req")
		errs = append(errs, e)
		in.localP50, _ = r.get(c1, "p50-ms")
		for _, e := range errs {
			if e != nil {
				missing = append(missing, e.Error())
			}
		}
		ops[p.op] = in
	}
	if len(missing) > 0 {
		fmt.Fprintf(&b, "**The run did not measure every input (%s): rerun make bench.**\n", strings.Join(missing, "; "))
		return b.String()
	}

	b.WriteString("## Usage profile (one active learner, one month)\n\n")
	rows := []row{{"operation", "per month", "why", "DynamoDB req", "Cognito req", "S3 req", "RRU", "WRU", "function (MB)", "billed ms (model)", "local p50 ms"}}
	var reqs, gbs, rru, wru, s3req float64
	for _, p := range profile {
		in := ops[p.op]
		fn := opFunction[p.op]
		ms := msBase + msDynamo*in.dynamo + msCognito*in.cognito + msS3*in.s3
		rows = append(rows, row{p.op, num(p.perMonth), p.why, fmt.Sprintf("%.2f", in.dynamo), fmt.Sprintf("%.2f", in.cognito), fmt.Sprintf("%.2f", in.s3),
			fmt.Sprintf("%.1f", in.rru), fmt.Sprintf("%.1f", in.wru), fmt.Sprintf("%s (%.0f)", fn, mem[fn]), fmt.Sprintf("%.0f", ms), fmt.Sprintf("%.1f", in.localP50)})
		reqs += p.perMonth
		gbs += p.perMonth * ms / 1000 * mem[fn] / 1024
		rru += p.perMonth * in.rru
		wru += p.perMonth * in.wru
		s3req += p.perMonth * in.s3
	}
	mdTable(&b, rows)
	// Cold starts: a share of invocations also pays the init, taken as the
	// measured cold start of the serving function (host build, local stack).
	var initGBs float64
	for _, p := range profile {
		fn := opFunction[p.op]
		coldMs, ok := r.get("ColdStart/"+fn, "p50-ms")
		if !ok {
			coldMs = 200
		}
		initGBs += p.perMonth * coldShare * coldMs / 1000 * mem[fn] / 1024
	}
	gbs += initGBs
	videoGB := videoMinutes * 60 * videoMbps / 8 / 1000
	segments := videoMinutes * 60 / segmentSeconds * 1.02 // + playlists
	logins := profile[0].perMonth
	cfGB := videoGB + logins*webMBPerLogin/1000
	cfReq := segments + logins*webReqPerLogin
	apiGB := reqs * apiKBPerAnswer / 1e6
	fmt.Fprintf(&b, `Besides the API: **%.0f minutes of video** at %.1f Mbit/s on average (%.2f GB
through CloudFront, %.0f segment and playlist requests of %.0f s), the web app
(%.1f MB and %.0f requests per login after browser caching), %.1f certificates.

Per learner a month this makes **%.0f API requests**, %.0f read and %.0f write
request units, %.1f GB-s of Lambda (%.2f of them cold-start init: %.0f%% of
invocations, each paying the function's measured cold start), %.2f GB through
CloudFront and %.0f CloudFront requests.

The billed duration of a request is modelled as %.0f ms + %.0f ms per DynamoDB
request + %.0f ms per Cognito request + %.0f ms per S3 request (in-region
latencies); DynamoDB Local on loopback is faster, so the local p50 is shown
for comparison, not used. Event functions (transcoding, indexing,
certificates) run per upload, course change or batch, not per learner; they
are left out (transcoding a 720p lesson costs about 0.65 CPU-s per second of
video, see media-pipeline.md).

`, videoMinutes, videoMbps, videoGB, segments, segmentSeconds, webMBPerLogin, webReqPerLogin, certsPerLrn,
		reqs, rru, wru, gbs, initGBs, coldShare*100, cfGB, cfReq, msBase, msDynamo, msCognito, msS3)

	b.WriteString("## Prices\n\n" + pricesAsOf + "\n\n")
	mdTable(&b, priceTable())

	type line struct {
		service string
		how     func(n float64) (qty string, usdTotal float64)
		// math shows the computation at n learners.
		math func(n float64) string
	}
	p := prices
	lines := []line{
		{"Lambda", func(n float64) (string, float64) {
			req, g := n*reqs, n*gbs
			return fmt.Sprintf("%s requests, %s GB-s", num(req), num(g)),
				math.Max(0, req-1e6)*p.lambdaReq + math.Max(0, g-400_000)*p.lambdaGBs
		}, func(n float64) string {
			return fmt.Sprintf("max(0, %s − 1 M free) requests × %.2f/M + max(0, %s − 400,000 free) GB-s × %.10f", num(n*reqs), p.lambdaReq*1e6, num(n*gbs), p.lambdaGBs)
		}},
		{"API Gateway", func(n float64) (string, float64) { return num(n*reqs) + " requests", n * reqs * p.apiReq },
			func(n float64) string { return fmt.Sprintf("%s requests × %.2f/M", num(n*reqs), p.apiReq*1e6) }},
		{"DynamoDB", func(n float64) (string, float64) {
			storage := n * dynamoKBPerLrn / 1e6
			return fmt.Sprintf("%s RRU, %s WRU, %.1f GB", num(n*rru), num(n*wru), storage),
				n*rru*p.rru + n*wru*p.wru + math.Max(0, storage-25)*p.ddbStorage + storage*p.ddbPITR
		}, func(n float64) string {
			storage := n * dynamoKBPerLrn / 1e6
			return fmt.Sprintf("%s RRU × %.3f/M + %s WRU × %.3f/M + max(0, %.1f − 25 free) GB × %.2f + %.1f GB PITR × %.2f (%.0f KB a learner)",
				num(n*rru), p.rru*1e6, num(n*wru), p.wru*1e6, storage, p.ddbStorage, storage, p.ddbPITR, dynamoKBPerLrn)
		}},
		{"S3", func(n float64) (string, float64) {
			gb := n / 1000 * materialsGB
			gets := n * (cfReq*originMiss + s3req)
			puts := n * certsPerLrn
			return fmt.Sprintf("%s GB, %s GET, %s PUT", num(gb), num(gets), num(puts)), gb*p.s3Storage + gets*p.s3Get + puts*p.s3Put
		}, func(n float64) string {
			return fmt.Sprintf("%s GB (%.0f GB of material per 1,000 learners) × %.3f + %s GET (%.0f%% of CloudFront requests miss the cache, + the API's) × %.4f/1,000 + %s PUT (certificates) × %.3f/1,000",
				num(n/1000*materialsGB), materialsGB, p.s3Storage, num(n*(cfReq*originMiss+s3req)), originMiss*100, p.s3Get*1000, num(n*certsPerLrn), p.s3Put*1000)
		}},
		{"CloudFront", func(n float64) (string, float64) {
			gb, rq := n*cfGB, n*cfReq
			return fmt.Sprintf("%s GB, %s requests", num(gb), num(rq)), tiered(math.Max(0, gb-1000), p.cfTiers) + math.Max(0, rq-10e6)*p.cfReq
		}, func(n float64) string {
			return fmt.Sprintf("(%s − 1,000 free) GB at 0.120 up to 10 TB, 0.100 to 50 TB, 0.080 to 150 TB, 0.070 beyond + (%s − 10 M free) requests × %.4f/10,000",
				num(n*cfGB), num(n*cfReq), p.cfReq*10_000)
		}},
		{"Cognito (Essentials)", func(n float64) (string, float64) {
			return num(n) + " MAU", math.Max(0, n-10_000) * p.cognitoEssentials
		}, func(n float64) string {
			return fmt.Sprintf("(%s − 10,000 free) MAU × %.3f", num(n), p.cognitoEssentials)
		}},
		{"data transfer out (API)", func(n float64) (string, float64) {
			return num(n*apiGB) + " GB", math.Max(0, n*apiGB-100) * p.dataOut
		}, func(n float64) string {
			return fmt.Sprintf("(%s − 100 free) GB (%.0f KB an answer) × %.2f", num(n*apiGB), apiKBPerAnswer, p.dataOut)
		}},
	}
	b.WriteString("## Per service\n\nQuantities a month and the cost (USD a month, free allowances taken off).\n\n")
	head := row{"service"}
	for _, n := range scales {
		head = append(head, fmt.Sprintf("%s learners: quantity", num(n)), "USD")
	}
	rows = []row{head}
	totals := make([]float64, len(scales))
	cf := make([]float64, len(scales))
	for _, l := range lines {
		rw := row{l.service}
		for i, n := range scales {
			q, c := l.how(n)
			rw = append(rw, q, usd(c))
			totals[i] += c
			if l.service == "CloudFront" {
				cf[i] = c
			}
		}
		rows = append(rows, rw)
	}
	tot := row{"**total**"}
	for i := range scales {
		tot = append(tot, "", "**"+usd(totals[i])+"**")
	}
	rows = append(rows, tot)
	mdTable(&b, rows)
	b.WriteString("The arithmetic, at 100,000 learners (the same at the other sizes):\n\n")
	rows = []row{{"service", "USD a month at 100,000 learners"}}
	for _, l := range lines {
		_, c := l.how(100_000)
		rows = append(rows, row{l.service, l.math(100_000) + " = **" + usd(c) + "**"})
	}
	mdTable(&b, rows)

	b.WriteString("## Per 1,000 active learners a month\n\n")
	rows = []row{{"active learners", "total USD a month", "USD per 1,000 learners", "of which CloudFront (video, web app)", "without CloudFront"}}
	for i, n := range scales {
		per := totals[i] / (n / 1000)
		rows = append(rows, row{num(n), usd(totals[i]), usd(per), fmt.Sprintf("%s (%.0f%%)", usd(cf[i]/(n/1000)), 100*cf[i]/math.Max(totals[i], 1e-9)),
			usd((totals[i] - cf[i]) / (n / 1000))})
	}
	mdTable(&b, rows)
	lite := func(n float64) float64 { return math.Max(0, n-10_000) * p.cognitoLite }
	fmt.Fprintf(&b, `## What drives it

- **CloudFront video egress dominates** as soon as the free terabyte is used
  up (at 1,000 learners it still covers most of the video, hence the lower
  figure per 1,000 there): %.2f GB per learner a month. It scales with minutes watched and the
  bit rate delivered: halving the average (more 360p on mobile) halves it. A
  learner who watches no video costs about the "without CloudFront" column.
- **Cognito** is free up to 10,000 monthly active users, then %.3f USD per
  MAU on Essentials, the plan a new user pool gets. The product uses only
  password sign-in and the new-password challenge, which the Lite plan
  covers: with `+"`UserPoolTier: LITE`"+` (a template change, not made here) 100,000
  learners would cost %s USD a month instead of %s.
- **DynamoDB**: per learner %.0f read and %.0f write units a month, most of
  them progress reports (one every 30 s of study). A report that only adds
  time writes the item and updates the summary's counters (two single
  writes); completing an item is one transaction. Of the %.0f write units
  of a time-only report, the summary's update costs three: the record and
  its two index copies (GSI1 for monitoring, GSI3 for my learning, both
  projecting every attribute). See data-model.md.
- **Lambda and API Gateway** follow the %.0f API requests per learner; at
  these sizes they cost cents per learner.
- Not included: CloudWatch Logs (JSON logs of every request; set retention),
  X-Ray traces (tracing is active), SQS/SNS for the event functions, the
  event functions themselves, WAF, Route 53, and taxes. Free allowances of
  the first 12 months are not counted.
`, cfGB, p.cognitoEssentials, usd(lite(100_000)), usd(math.Max(0, 100_000-10_000)*p.cognitoEssentials), rru, wru, ops["record-progress"].wru, reqs)
	return b.String()
}
