package faults

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"lms/infra/demo"
	"lms/shared/awsclient"
	"lms/shared/faults"
	"lms/shared/ids"
	"lms/shared/lambdahttp"
	"lms/shared/upload"
)

// proxiedStore is the upload store on a DynamoDB client configured as the
// functions' (awsclient), whose requests go through the proxy.
func proxiedStore(t *testing.T) upload.Store {
	t.Helper()
	cfg, err := awsclient.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	db := awsclient.DynamoDB(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = aws.String(proxy.url()) })
	return upload.Store{DB: db, Table: srv.Resources.Tables["LmsTable"]}
}

func newUpload(tenant string, size int64) upload.Upload {
	now := time.Now().UTC()
	id := ids.New(now)
	return upload.Upload{TenantID: tenant, ID: id, Purpose: upload.PurposeMaterial, CourseID: ids.New(now), FileName: "materi.pdf",
		Key: upload.RawKey(tenant, id, "materi.pdf"), ContentType: "application/pdf", Class: upload.ClassPDF, Size: size,
		SHA256: strings.Repeat("ab", 32), Status: upload.Uploading, CreatedBy: "fault-test", CreatedAt: now, UpdatedAt: now, Version: 1}
}

// A store write DynamoDB throttles a few times succeeds once the throttling
// stops: the client retries the same request with growing waits, and the
// write is applied once (an upload and its storage reservation, one
// transaction). Throttled on every attempt, it fails with an error
// classified as throttling, and nothing is written.
func TestThrottledWriteRetriedWithGrowingWaits(t *testing.T) {
	ctx := context.Background()
	st := proxiedStore(t)
	tenant := "throttle" + strings.ToLower(ids.New(time.Now())[20:])
	const size = 1000
	usage := func() int64 {
		u, err := upload.Store{DB: srv.Stack.Clients().DynamoDB, Table: st.Table}.Usage(ctx, tenant)
		if err != nil {
			t.Fatal(err)
		}
		return u.UsedBytes
	}
	exists := func(u upload.Upload) bool {
		_, err := upload.Store{DB: srv.Stack.Clients().DynamoDB, Table: st.Table}.Get(ctx, tenant, u.ID)
		if err != nil && !errors.Is(err, upload.ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil
	}

	throttled := awsclient.DynamoDBMaxAttempts - 1
	proxy.set(throttleFirst, throttled)
	defer proxy.set(off, 0)
	first := newUpload(tenant, size)
	if err := st.Create(ctx, first, upload.DefaultQuota); err != nil {
		t.Fatalf("create after %d throttled attempts: %v", throttled, err)
	}
	seen := proxy.requests()
	if len(seen) != throttled+1 {
		t.Fatalf("%d requests reached DynamoDB, want %d throttled and one forwarded", len(seen), throttled)
	}
	for i, r := range seen {
		if r.Target != "DynamoDB_20120810.TransactWriteItems" || r.Throttled != (i < throttled) {
			t.Fatalf("request %d: %+v", i, r)
		}
	}
	// Wait i (from 1) is a backoff in [Base·2^(i-1)/2, Base·2^(i-1)) plus
	// a round trip. Each lower bound is the previous range's upper one, so
	// waits that meet their lower bounds grow, however loaded the machine
	// (a round trip only lengthens a wait).
	var waits []time.Duration
	for i := 1; i < len(seen); i++ {
		wait := seen[i].At.Sub(seen[i-1].At)
		waits = append(waits, wait)
		step := awsclient.RetryBase << (i - 1)
		if wait < step/2 || wait > step+500*time.Millisecond {
			t.Errorf("wait %d: %s, want in [%s, %s) plus a round trip", i, wait, step/2, step)
		}
	}
	t.Logf("waits between attempts: %v", waits)
	if !exists(first) || usage() != size {
		t.Fatalf("after the retried write: upload stored %v, bytes reserved %d (want %d)", exists(first), usage(), size)
	}

	// Throttled on every attempt: a throttling error, nothing written.
	proxy.set(throttleAll, 0)
	second := newUpload(tenant, size)
	err := st.Create(ctx, second, upload.DefaultQuota)
	if k := faults.Classify(err); k != faults.Throttled {
		t.Fatalf("unending throttling: %v (classified %s)", err, k)
	}
	if n := len(proxy.requests()); n != awsclient.DynamoDBMaxAttempts {
		t.Errorf("%d attempts, want %d", n, awsclient.DynamoDBMaxAttempts)
	}
	proxy.set(off, 0)
	if exists(second) || usage() != size {
		t.Fatalf("a refused write left data: upload stored %v, bytes reserved %d (want %d)", exists(second), usage(), size)
	}
}

// With DynamoDB throttling every request, the API answers 503
// service_unavailable with Retry-After within a few seconds, in the
// caller's language, and logs the cause; a write refused so leaves nothing
// behind (the same course code is free afterwards); once the throttling
// stops the same gateway answers again.
func TestUnendingThrottlingAnswers503(t *testing.T) {
	admin := adminToken(t)
	proxy.set(throttleAll, 0)
	defer proxy.set(off, 0)
	mark := len(functionLog.String())
	for _, lang := range []string{"", "en"} {
		a := call(http.MethodGet, "/me", admin, nil, lang)
		if msg := checkUnavailable(a, lang == "en"); msg != "" {
			t.Fatalf("GET /me while DynamoDB throttles (%q): %s", lang, msg)
		}
		if a.RetryAfter != "2" {
			t.Errorf("Retry-After %q for throttling", a.RetryAfter)
		}
		if a.Took > deadBound {
			t.Errorf("the 503 took %s", a.Took)
		}
	}
	if n := len(proxy.requests()); n < 2*awsclient.DynamoDBMaxAttempts {
		t.Errorf("%d throttled requests for two API calls: the client did not retry", n)
	}
	code := "THR-" + strings.ToUpper(ids.New(time.Now())[20:])
	course := map[string]any{"code": code, "title": "Diklat saat DynamoDB sibuk", "jp": 2}
	a := call(http.MethodPost, "/tenants/"+demo.TenantID+"/courses", admin, course, "")
	if msg := checkUnavailable(a, false); msg != "" {
		t.Fatalf("create course while DynamoDB throttles: %s", msg)
	}
	logged := logSince(mark)
	if !strings.Contains(logged, `"fault":"throttled"`) || !strings.Contains(logged, "ThrottlingException") {
		t.Errorf("the 503s were not logged with their cause:\n%s", logged)
	}

	proxy.set(off, 0)
	must(t, http.StatusOK, http.MethodGet, "/me", admin, nil, nil)
	must(t, http.StatusCreated, http.MethodPost, "/tenants/"+demo.TenantID+"/courses", admin, course, nil)
}

// A DynamoDB that accepts requests and never answers (hung) holds a
// request until its function's deadline, less lambdahttp.DeadlineMargin:
// then the call is cut and the function answers 503 with Retry-After,
// before Lambda would kill it and API Gateway answer without the error
// shape. (No shorter fixed timeout: see the decision record.)
func TestHungDynamoDBAnswers503InTime(t *testing.T) {
	admin := adminToken(t)
	timeout := functionTimeout(t, "CourseFunction")
	proxy.set(hang, 0)
	defer proxy.set(off, 0)
	mark := len(functionLog.String())
	a := call(http.MethodGet, "/tenants/"+demo.TenantID+"/courses", admin, nil, "en")
	if msg := checkUnavailable(a, true); msg != "" {
		t.Fatalf("list courses while DynamoDB hangs: %s", msg)
	}
	if a.Took < timeout-2*lambdahttp.DeadlineMargin || a.Took >= timeout {
		t.Errorf("the 503 came after %s, want just under the function's %s", a.Took, timeout)
	}
	if logged := logSince(mark); !strings.Contains(logged, `"fault":"timeout"`) {
		t.Errorf("not logged as a timeout:\n%s", logged)
	}
	proxy.set(off, 0)
	must(t, http.StatusOK, http.MethodGet, "/tenants/"+demo.TenantID+"/courses", admin, nil, nil)
}
