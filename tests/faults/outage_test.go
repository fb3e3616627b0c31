package faults

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/infra/demo"
	"lms/infra/localstack"
)

// deadBound bounds a 503 for a dead dependency: it refuses connections
// and costs a request a few quick retries (well under a second when the
// machine is not loaded). Any other answer must come before its function's
// timeout (a dependency starting up may accept connections before it
// answers; the request's deadline cuts such a call, see shared/lambdahttp).
const deadBound = 5 * time.Second

// functionOf names the function serving each kind of request of the stream.
var functionOf = map[string]string{"enroll": "BatchFunction", "progress": "CourseFunction", "item": "CourseFunction",
	"upload": "UploadFunction", "login": "AuthFunction"}

// result is one request of the stream.
type result struct {
	op      string
	learner int // enroll and progress
	at      time.Time
	phase   string
	answer
}

// recorder keeps the stream's results and the phase they fall in.
type recorder struct {
	mu      sync.Mutex
	phase   string
	results []result
}

func (r *recorder) setPhase(p string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.phase = p
}

func (r *recorder) add(op string, learner int, start time.Time, a answer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.results = append(r.results, result{op: op, learner: learner, at: start, phase: r.phase, answer: a})
}

func (r *recorder) snapshot() []result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]result(nil), r.results...)
}

// learnerState is what the stream knows of one learner's enrollment.
type learnerState struct {
	id, token  string
	enrollment string // "" until an answer said; enrolled, reserve, or "known" (409 after an unanswered try)
	unanswered bool   // an enrollment request got no definite answer (503)
}

// The stream: learners enrolling in a batch and reporting progress on its
// course, an admin adding items to a draft course and starting multipart
// uploads (S3 is called), a learner logging in (Cognito). While it runs,
// DynamoDB Local is stopped, then cognito-local, then the S3 stand-in, each
// started again after a few seconds under the same gateway. Every answer is
// a success or a 503 in the error shape with Retry-After (quickly while the
// service is down, before the function's timeout while it starts), every
// kind of request succeeds again after each restart, and the stored
// items agree with each other: seats taken with enrollments, every
// enrollment with its course access, progress summaries with their item
// rows, the course's item order with its item records, reserved storage
// with the uploads.
func TestServicesStoppedMidRequest(t *testing.T) {
	ctx := context.Background()
	admin := adminToken(t)
	tenant := "/tenants/" + demo.TenantID

	// A published course (for the batch and progress) and two draft
	// courses: items are added to one, uploads started for the other (an
	// upload marks its item, which bumps its course's version).
	var pub struct {
		Course struct {
			ID string `json:"id"`
		} `json:"course"`
	}
	suffix := strings.ToUpper(fmt.Sprint(time.Now().UnixNano() % 1e6))
	must(t, http.StatusCreated, http.MethodPost, tenant+"/courses", admin, map[string]any{"code": "GGN-P" + suffix, "title": "Keselamatan saat gangguan", "jp": 4}, &pub)
	pubBase := tenant + "/courses/" + pub.Course.ID
	var sec struct {
		ID string `json:"id"`
	}
	must(t, http.StatusCreated, http.MethodPost, pubBase+"/sections", admin, map[string]string{"title": "Bab 1"}, &sec)
	var itemIDs []string
	var required []string
	for i, req := range []bool{true, true, false} {
		var it struct {
			ID string `json:"id"`
		}
		must(t, http.StatusCreated, http.MethodPost, pubBase+"/items", admin, map[string]any{"sectionId": sec.ID, "kind": "text",
			"title": fmt.Sprintf("Materi %d", i+1), "body": "Isi materi.", "required": req}, &it)
		itemIDs = append(itemIDs, it.ID)
		if req {
			required = append(required, it.ID)
		}
	}
	must(t, http.StatusOK, http.MethodPost, pubBase+"/publish", admin, nil, nil)

	var draft struct {
		Course struct {
			ID string `json:"id"`
		} `json:"course"`
	}
	must(t, http.StatusCreated, http.MethodPost, tenant+"/courses", admin, map[string]any{"code": "GGN-D" + suffix, "title": "Draf saat gangguan", "jp": 2}, &draft)
	draftBase := tenant + "/courses/" + draft.Course.ID
	var draftSec, mediaSec, video struct {
		ID string `json:"id"`
	}
	must(t, http.StatusCreated, http.MethodPost, draftBase+"/sections", admin, map[string]string{"title": "Bab 1"}, &draftSec)
	var media struct {
		Course struct {
			ID string `json:"id"`
		} `json:"course"`
	}
	must(t, http.StatusCreated, http.MethodPost, tenant+"/courses", admin, map[string]any{"code": "GGN-M" + suffix, "title": "Video saat gangguan", "jp": 2}, &media)
	mediaBase := tenant + "/courses/" + media.Course.ID
	must(t, http.StatusCreated, http.MethodPost, mediaBase+"/sections", admin, map[string]string{"title": "Bab 1"}, &mediaSec)
	must(t, http.StatusCreated, http.MethodPost, mediaBase+"/items", admin, map[string]any{"sectionId": mediaSec.ID, "kind": "video", "title": "Video"}, &video)

	// Twelve learners for eight seats: four end on the reserve list.
	var batch struct {
		ID string `json:"id"`
	}
	must(t, http.StatusCreated, http.MethodPost, tenant+"/batches", admin, map[string]any{"name": "Angkatan Gangguan", "code": "GGN-A" + suffix,
		"courseIds": []string{pub.Course.ID}, "startDate": "2026-12-01", "endDate": "2026-12-12", "mode": "blended", "capacity": 8,
		"enrollmentPolicy": "open"}, &batch)
	batchBase := tenant + "/batches/" + batch.ID
	must(t, http.StatusOK, http.MethodPatch, batchBase, admin, map[string]any{"status": "open"}, nil)
	learners := make([]*learnerState, 12)
	errs := make([]error, len(learners))
	var wg sync.WaitGroup
	for i := range learners {
		wg.Go(func() {
			// NIK: Bandung, born 2 February 1990.
			id, tk, err := newLearner(admin, fmt.Sprintf("327301020290%04d", i+1), fmt.Sprintf("Peserta Gangguan %d", i+1))
			learners[i], errs[i] = &learnerState{id: id, token: tk}, err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	loginAs := demo.Accounts[2]

	bound := map[string]time.Duration{}
	for op, fn := range functionOf {
		bound[op] = functionTimeout(t, fn)
	}
	rec := &recorder{phase: "warm-up"}
	stop := make(chan struct{})
	var workers sync.WaitGroup
	var lmu sync.Mutex // guards learners' enrollment fields
	var seconds atomic.Int64
	// cognitoWrites is held by requests that make cognito-local write its
	// user pool file (a login stores the refresh token): stopping it waits
	// for them. cognito-local rewrites the whole file in place, so a kill in
	// the middle of a write would leave it unreadable; Cognito itself has
	// no such failure. Logins resume the moment it is down.
	var cognitoWrites sync.RWMutex
	loop := func(name string, pause time.Duration, step func() (int, answer, bool)) {
		workers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				learner, a, ok := step()
				if ok {
					rec.add(name, learner, start, a)
				}
				time.Sleep(pause)
			}
		})
	}
	// Slow enough that enrollments go on into DynamoDB's outage.
	loop("enroll", 250*time.Millisecond, func() (int, answer, bool) {
		lmu.Lock()
		var pending []int
		for i, l := range learners {
			if l.enrollment == "" {
				pending = append(pending, i)
			}
		}
		lmu.Unlock()
		if len(pending) == 0 {
			return 0, answer{}, false
		}
		i := pending[rand.IntN(len(pending))]
		a := call(http.MethodPost, batchBase+"/enrollments", learners[i].token, nil, "")
		lmu.Lock()
		defer lmu.Unlock()
		switch {
		case a.Status == http.StatusCreated:
			var e struct {
				Status string `json:"status"`
			}
			_ = json.Unmarshal(a.Body, &e)
			learners[i].enrollment = e.Status
		case a.Status == http.StatusConflict && a.code() == "already_enrolled" && learners[i].unanswered:
			learners[i].enrollment = "known"
		case a.Status == http.StatusServiceUnavailable:
			learners[i].unanswered = true
		}
		return i, a, true
	})
	// Two reporters, each for half of the learners: one learner's reports
	// come one at a time, as from one browser.
	for w := range 2 {
		loop("progress", 20*time.Millisecond, func() (int, answer, bool) {
			lmu.Lock()
			var enrolled []int
			for i, l := range learners {
				if l.enrollment == "enrolled" && i%2 == w {
					enrolled = append(enrolled, i)
				}
			}
			lmu.Unlock()
			if len(enrolled) == 0 {
				return 0, answer{}, false
			}
			i := enrolled[rand.IntN(len(enrolled))]
			item := itemIDs[rand.IntN(len(itemIDs))]
			a := call(http.MethodPut, pubBase+"/items/"+item+"/progress", learners[i].token, map[string]any{
				"deviceId": fmt.Sprintf("hp-%d", rand.IntN(2)), "sessionSeconds": int(seconds.Add(1)), "completed": rand.IntN(3) == 0}, "")
			return i, a, true
		})
	}
	loop("item", 30*time.Millisecond, func() (int, answer, bool) {
		return 0, call(http.MethodPost, draftBase+"/items", admin, map[string]any{"sectionId": draftSec.ID, "kind": "text",
			"title": "Halaman tambahan", "body": "Isi."}, ""), true
	})
	loop("upload", 50*time.Millisecond, func() (int, answer, bool) {
		// Above the single-PUT limit: the start creates a multipart upload in S3.
		return 0, call(http.MethodPost, tenant+"/uploads", admin, map[string]any{"purpose": "material", "courseId": media.Course.ID,
			"itemId": video.ID, "fileName": "kuliah.mp4", "size": 150 << 20, "contentType": "video/mp4",
			"sha256": strings.Repeat("c3", 32)}, ""), true
	})
	loop("login", 30*time.Millisecond, func() (int, answer, bool) {
		cognitoWrites.RLock()
		defer cognitoWrites.RUnlock()
		return 0, call(http.MethodPost, "/auth/login", "", map[string]string{"username": loginAs.Username, "password": loginAs.Password}, ""), true
	})

	// uses tells which requests need which service.
	uses := map[string][]string{
		localstack.ServiceDynamoDB: {"enroll", "progress", "item", "upload", "login"},
		localstack.ServiceCognito:  {"login"},
		localstack.ServiceS3:       {"upload"},
	}
	stopped := map[string]time.Time{}
	for _, svc := range []string{localstack.ServiceDynamoDB, localstack.ServiceCognito, localstack.ServiceS3} {
		rec.setPhase(svc + " up")
		time.Sleep(1500 * time.Millisecond)
		// SIGTERM, as a host shutting a service down: requests in flight
		// lose their connection, new ones are refused. Not SIGKILL:
		// DynamoDB Local 3.3.1 acknowledges a transaction before it is on
		// disk, so a kill right after loses it (measured: the last of five
		// transactions), which DynamoDB itself never does; after SIGTERM
		// every acknowledged write is there.
		if svc == localstack.ServiceCognito {
			cognitoWrites.Lock()
		}
		stopAt := time.Now()
		if err := srv.Stack.StopService(svc, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		stopped[svc] = stopAt
		if svc == localstack.ServiceCognito {
			cognitoWrites.Unlock()
		}
		down := time.Now()
		rec.setPhase(svc + " down")
		time.Sleep(2 * time.Second)
		rec.setPhase(svc + " starting") // listening before it serves: calls may hang
		if err := srv.Stack.StartService(ctx, svc); err != nil {
			t.Fatalf("starting %s again: %v", svc, err)
		}
		restarted := time.Now()
		rec.setPhase(svc + " restarted")
		// Each kind of request it serves succeeds again (bounded wait).
		deadline := time.Now().Add(90 * time.Second)
		for {
			ok := map[string]bool{}
			failedDown := map[string]bool{}
			for _, r := range rec.snapshot() {
				if r.at.After(restarted) && r.Status >= 200 && r.Status < 300 {
					ok[r.op] = true
				}
				if r.at.After(down) && r.at.Before(restarted) && r.Status == http.StatusServiceUnavailable {
					failedDown[r.op] = true
				}
			}
			missing := ""
			for _, op := range uses[localstack.ServiceDynamoDB] {
				if !ok[op] && (op != "enroll" || pendingEnrollments(learners, &lmu)) {
					missing += " " + op
				}
			}
			if missing == "" {
				for _, op := range uses[svc] {
					if !failedDown[op] && (op != "enroll" || pendingEnrollments(learners, &lmu)) {
						// The outage must have been felt, or the phase proved nothing.
						t.Errorf("%s down: no request of kind %s answered 503", svc, op)
					}
				}
				first := map[string]string{}
				for _, r := range rec.snapshot() {
					if _, seen := first[r.op]; !seen && r.at.After(restarted) && r.Status >= 200 && r.Status < 300 {
						first[r.op] = r.at.Add(r.Took).Sub(restarted).Round(time.Millisecond).String()
					}
				}
				t.Logf("%s: down %s (restart included), then first successes after %v", svc,
					restarted.Sub(down).Round(time.Millisecond), first)
				break
			}
			if time.Now().After(deadline) {
				close(stop)
				workers.Wait()
				t.Fatalf("after %s restarted, still no success for:%s", svc, missing)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	// The last enrollments go through before the stream stops.
	for deadline := time.Now().Add(30 * time.Second); pendingEnrollments(learners, &lmu) && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	close(stop)
	workers.Wait()

	// Every answer: a success or a 503 as it should be, in bounded time.
	results := rec.snapshot()
	counts := map[string]map[int]int{}
	var slowest time.Duration
	bad := 0
	for _, r := range results {
		if counts[r.phase] == nil {
			counts[r.phase] = map[int]int{}
		}
		counts[r.phase][r.Status]++
		slowest = max(slowest, r.Took)
		problem := ""
		switch {
		case r.Err != nil:
			problem = r.answer.String()
		case r.Took >= bound[r.op]:
			problem = "took " + r.Took.String() + ", the function's timeout"
		case r.Status >= 200 && r.Status < 300:
		case r.Status == http.StatusServiceUnavailable:
			problem = checkUnavailable(r.answer, false)
			if problem == "" && strings.HasSuffix(r.phase, " down") && r.Took > deadBound {
				problem = "a 503 for a dead dependency took " + r.Took.String()
			}
		case r.op == "enroll" && r.Status == http.StatusConflict && r.code() == "already_enrolled":
			// Only after a 503 for the same learner: the first request
			// was applied but its answer lost with the connection.
			if !earlierUnanswered(results, r) {
				problem = "already enrolled without an earlier unanswered request"
			}
		default:
			problem = "unexpected answer"
		}
		if problem != "" {
			bad++
			if bad <= 20 {
				t.Errorf("%s (%s, at %s): %s: %s", r.op, r.phase, r.at.Format("15:04:05.000"), problem, r.answer)
			}
		}
	}
	phases := make([]string, 0, len(counts))
	for p := range counts {
		phases = append(phases, p)
	}
	sort.Strings(phases)
	for _, p := range phases {
		t.Logf("%-20s %v", p, counts[p])
	}
	t.Logf("%d requests, slowest answer %s", len(results), slowest.Round(time.Millisecond))
	for svc, at := range stopped {
		inFlight := map[string]int{}
		for _, r := range results {
			if r.at.Before(at) && r.at.Add(r.Took).After(at) {
				inFlight[r.op]++
			}
		}
		t.Logf("in flight when %s stopped: %v", svc, inFlight)
	}
	sort.Slice(results, func(i, j int) bool { return results[i].Took > results[j].Took })
	for _, r := range results[:min(5, len(results))] {
		t.Logf("slow: %s (%s, at %s): %d %s after %s", r.op, r.phase, r.at.Format("15:04:05.000"), r.Status, r.code(), r.Took.Round(time.Millisecond))
	}

	checkConsistency(t, batch.ID, pub.Course.ID, draft.Course.ID, learners, required, itemIDs)
}

func pendingEnrollments(learners []*learnerState, mu *sync.Mutex) bool {
	mu.Lock()
	defer mu.Unlock()
	for _, l := range learners {
		if l.enrollment == "" {
			return true
		}
	}
	return false
}

func earlierUnanswered(results []result, r result) bool {
	for _, e := range results {
		if e.op == "enroll" && e.learner == r.learner && e.at.Before(r.at) && (e.Status == http.StatusServiceUnavailable || e.Err != nil) {
			return true
		}
	}
	return false
}

// items reads a partition (and a sort key prefix) straight from DynamoDB.
func items(t *testing.T, pk, skPrefix string) []map[string]ddbtypes.AttributeValue {
	t.Helper()
	db := srv.Stack.Clients().DynamoDB
	in := &dynamodb.QueryInput{TableName: aws.String(srv.Resources.Tables["LmsTable"]), ConsistentRead: aws.Bool(true),
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":pk": &ddbtypes.AttributeValueMemberS{Value: pk}, ":sk": &ddbtypes.AttributeValueMemberS{Value: skPrefix}}}
	var out []map[string]ddbtypes.AttributeValue
	for {
		page, err := db.Query(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Items...)
		if page.LastEvaluatedKey == nil {
			return out
		}
		in.ExclusiveStartKey = page.LastEvaluatedKey
	}
}

func unmarshal(t *testing.T, it map[string]ddbtypes.AttributeValue, out any) {
	t.Helper()
	if err := attributevalue.UnmarshalMap(it, out); err != nil {
		t.Fatal(err)
	}
}

// checkConsistency reads the stored items directly and checks that what
// must hold together does.
func checkConsistency(t *testing.T, batchID, courseID, draftID string, learners []*learnerState, required, itemIDs []string) {
	t.Helper()
	p := "TENANT#" + demo.TenantID

	// Seats taken and the reserve list equal the enrollments stored, and
	// each enrolled participant has the course opened by this batch.
	var b struct {
		Enrolled int `dynamodbav:"enrolled"`
		Reserve  int `dynamodbav:"reserve"`
		Capacity int `dynamodbav:"capacity"`
	}
	batchItems := items(t, p+"#BATCH#"+batchID, "BATCH")
	if len(batchItems) != 1 {
		t.Fatalf("batch items: %d", len(batchItems))
	}
	unmarshal(t, batchItems[0], &b)
	status := map[string]string{}
	count := map[string]int{}
	for _, it := range items(t, p+"#BATCH#"+batchID, "ENROLL#") {
		var e struct {
			UserID string `dynamodbav:"userId"`
			Status string `dynamodbav:"status"`
		}
		unmarshal(t, it, &e)
		status[e.UserID] = e.Status
		count[e.Status]++
	}
	if b.Enrolled != count["enrolled"] || b.Reserve != count["reserve"] || b.Enrolled > b.Capacity {
		t.Errorf("batch counters enrolled %d, reserve %d (capacity %d); enrollments stored %v", b.Enrolled, b.Reserve, b.Capacity, count)
	}
	if len(status) != len(learners) {
		t.Errorf("%d enrollments stored for %d learners who all enrolled in the end", len(status), len(learners))
	}
	for i, l := range learners {
		if l.enrollment != "known" && l.enrollment != "" && status[l.id] != l.enrollment {
			t.Errorf("learner %d was told %q, stored %q", i, l.enrollment, status[l.id])
		}
		summaries := items(t, p+"#LEARNER#"+l.id, "LEARNING#"+courseID)
		var sum struct {
			Sources        []string       `dynamodbav:"sources"`
			CompletedItems []string       `dynamodbav:"completedItems"`
			RequiredDone   int            `dynamodbav:"requiredDone"`
			RequiredTotal  int            `dynamodbav:"requiredTotal"`
			Percent        int            `dynamodbav:"percent"`
			TimeSpent      int            `dynamodbav:"timeSpentSeconds"`
			ItemSeconds    map[string]int `dynamodbav:"itemSeconds"`
		}
		rows := map[string]struct {
			TimeSpent int
			Completed bool
		}{}
		found := false
		for _, it := range summaries {
			sk := it["SK"].(*ddbtypes.AttributeValueMemberS).Value
			if sk == "LEARNING#"+courseID {
				unmarshal(t, it, &sum)
				found = true
				continue
			}
			var row struct {
				ItemID    string `dynamodbav:"itemId"`
				TimeSpent int    `dynamodbav:"timeSpentSeconds"`
				Completed bool   `dynamodbav:"completed"`
			}
			unmarshal(t, it, &row)
			rows[row.ItemID] = struct {
				TimeSpent int
				Completed bool
			}{row.TimeSpent, row.Completed}
		}
		grants := 0
		for _, s := range sum.Sources {
			if s == batchID {
				grants++
			}
		}
		switch {
		case status[l.id] == "enrolled" && (!found || grants != 1):
			t.Errorf("learner %d is enrolled; course access found %v, granted by this batch %d times", i, found, grants)
			continue
		case status[l.id] != "enrolled" && grants != 0:
			t.Errorf("learner %d is %q but the batch granted the course %d times", i, status[l.id], grants)
		}
		if !found {
			if len(rows) > 0 {
				t.Errorf("learner %d has progress rows without a course summary", i)
			}
			continue
		}
		// The summary counts each item's time (a report that only adds
		// time may leave it short until the next report on the item, never
		// over), the completions of its item rows, and the required share.
		total := 0
		for item, secs := range sum.ItemSeconds {
			total += secs
			if r, ok := rows[item]; !ok || secs > r.TimeSpent {
				t.Errorf("learner %d, item %s: the summary counts %d s, the item row has %v", i, item, secs, r)
			}
		}
		if total != sum.TimeSpent {
			t.Errorf("learner %d: summary time %d, its per-item counts sum to %d", i, sum.TimeSpent, total)
		}
		var done []string
		for item, r := range rows {
			if r.Completed {
				done = append(done, item)
			}
		}
		sort.Strings(done)
		got := append([]string(nil), sum.CompletedItems...)
		sort.Strings(got)
		if !slices.Equal(done, got) {
			t.Errorf("learner %d: completed item rows %v, the summary says %v", i, done, got)
		}
		if len(rows) == 0 {
			continue // no report yet: the summary is as the grant wrote it
		}
		req := 0
		for _, id := range required {
			if slices.Contains(got, id) {
				req++
			}
		}
		if sum.RequiredDone != req || sum.RequiredTotal != len(required) || sum.Percent != req*100/len(required) {
			t.Errorf("learner %d: required %d/%d (%d%%) but %d of %d done", i, sum.RequiredDone, sum.RequiredTotal, sum.Percent, req, len(required))
		}
	}

	// The draft course's order lists exactly its item records.
	var c struct {
		Order []struct {
			ItemIDs []string `dynamodbav:"itemIds"`
		} `dynamodbav:"order"`
	}
	course := items(t, p+"#COURSE#"+draftID, "COURSE")
	if len(course) != 1 {
		t.Fatalf("course items: %d", len(course))
	}
	unmarshal(t, course[0], &c)
	var ordered, stored []string
	for _, s := range c.Order {
		ordered = append(ordered, s.ItemIDs...)
	}
	for _, it := range items(t, p+"#COURSE#"+draftID, "ITEM#") {
		stored = append(stored, strings.TrimPrefix(it["SK"].(*ddbtypes.AttributeValueMemberS).Value, "ITEM#"))
	}
	sort.Strings(ordered)
	sort.Strings(stored)
	if !slices.Equal(ordered, stored) {
		t.Errorf("the draft course orders %d items but %d item records exist", len(ordered), len(stored))
	}

	// Storage reserved equals the sizes of the tenant's uploads.
	var usage struct {
		UsedBytes int64 `dynamodbav:"usedBytes"`
	}
	if st := items(t, p, "STORAGE"); len(st) == 1 {
		unmarshal(t, st[0], &usage)
	}
	var sum int64
	n := 0
	in := &dynamodb.ScanInput{TableName: aws.String(srv.Resources.Tables["LmsTable"]), ConsistentRead: aws.Bool(true),
		FilterExpression:          aws.String("begins_with(PK, :p) AND SK = :sk"),
		ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":p": &ddbtypes.AttributeValueMemberS{Value: p + "#UPLOAD#"}, ":sk": &ddbtypes.AttributeValueMemberS{Value: "UPLOAD"}}}
	for {
		page, err := srv.Stack.Clients().DynamoDB.Scan(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			var u struct {
				Size   int64  `dynamodbav:"size"`
				Status string `dynamodbav:"status"`
			}
			unmarshal(t, it, &u)
			if u.Status != "aborted" {
				sum += u.Size
				n++
			}
		}
		if page.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = page.LastEvaluatedKey
	}
	if usage.UsedBytes != sum {
		t.Errorf("storage reserved %d bytes, the tenant's %d uploads hold %d", usage.UsedBytes, n, sum)
	}
}
