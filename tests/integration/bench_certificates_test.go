package integration

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"lms/infra/demo"
)

// BenchmarkCertificates1000 issues the certificates of a 1,000-graduate
// batch end to end: the API queues the job, the worker (through the local
// SQS stand-in) allocates numbers in DynamoDB Local, renders each PDF and
// stores it in the S3 stand-in; the clock runs from the request until the
// job reports done. Setting up the cohort (accounts, enrollment,
// completion) is not timed.
func BenchmarkCertificates1000(b *testing.B) {
	const n = 1000
	admin := adminToken(b)
	pc := publishCourse(b, admin, "CERT-BENCH")
	var batchID string
	{
		var bv batchView
		st, raw := api(b, http.MethodPost, "/tenants/"+demo.TenantID+"/batches", admin, map[string]any{
			"name": "Angkatan Bench", "code": "CERT-BENCH", "courseIds": []string{pc.ID}, "startDate": "2026-12-01", "endDate": "2026-12-12",
			"mode": "non-klasikal", "capacity": n, "enrollmentPolicy": "admin"}, &bv)
		expect(b, "create batch", st, raw, http.StatusCreated)
		batchID = bv.ID
	}
	base := "/tenants/" + demo.TenantID + "/batches/" + batchID
	var file strings.Builder
	file.WriteString("NIK;Nama\n")
	for i := range n {
		fmt.Fprintf(&file, "3273020101%02d%04d;Peserta %s\n", 90+i/9000, i%9000+1, letters(i))
	}
	var rep enrollImportReport
	st, raw := apiRaw(b, http.MethodPost, base+"/enrollments/import?create=true", admin, []byte(file.String()), "text/csv")
	expect(b, "import cohort", st, raw, http.StatusOK)
	if err := jsonUnmarshal(raw, &rep); err != nil || rep.Enrolled+rep.Unchanged != n {
		b.Fatalf("import: %v %s", err, raw[:min(len(raw), 400)])
	}
	var userIDs []string
	for cursor := ""; ; {
		var page struct {
			Items []struct {
				UserID    string `json:"userId"`
				Completed bool   `json:"completed"`
			} `json:"items"`
			NextCursor string `json:"nextCursor"`
		}
		st, raw := api(b, http.MethodGet, base+"/enrollments?cursor="+cursor, admin, nil, &page)
		expect(b, "roster", st, raw, http.StatusOK)
		for _, e := range page.Items {
			if !e.Completed {
				userIDs = append(userIDs, e.UserID)
			}
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	var wg sync.WaitGroup
	work := make(chan string)
	for range 8 {
		wg.Go(func() {
			for id := range work {
				st, raw := api(b, http.MethodPost, base+"/enrollments/"+id+"/complete", admin, map[string]any{"completed": true, "reason": "Lulus (bench)"}, nil)
				if st != http.StatusOK {
					b.Errorf("complete: %d %s", st, raw)
				}
			}
		})
	}
	for _, id := range userIDs {
		work <- id
	}
	close(work)
	wg.Wait()
	api(b, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
	api(b, http.MethodPatch, base, admin, map[string]any{"status": "running"}, nil)

	// The first run issues every number; later ones (if the framework
	// asks for more) re-render the same certificates.
	runs := 0
	for b.Loop() {
		job := runCertificates(b, admin, base)
		if job.Status != "done" || job.Processed != n || job.Failed != 0 {
			b.Fatalf("job: %+v", job)
		}
		runs++
	}
	b.ReportMetric(float64(n*runs)/b.Elapsed().Seconds(), "certs/s")
}

// letters spells i in the letters a person's name may hold: 0 -> "Aa".
func letters(i int) string {
	out := []byte{'A', 'a', 'a'}
	for p := 2; p > 0; p-- {
		out[p] += byte(i % 26)
		i /= 26
	}
	out[0] += byte(i % 26)
	return string(out)
}
