package integration

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"time"

	"lms/infra/demo"
	"lms/shared/userimport"
)

type member struct {
	UserID   string `json:"userId"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Status   string `json:"status"`
}

type memberPage struct {
	Items      []member `json:"items"`
	NextCursor string   `json:"nextCursor"`
}

func listAll(t testing.TB, token, tenant, query string) []member {
	t.Helper()
	var all []member
	cursor := ""
	for {
		var page memberPage
		st, raw := api(t, http.MethodGet, "/tenants/"+tenant+"/users?limit=100"+query+"&cursor="+cursor, token, nil, &page)
		expect(t, "list users", st, raw, http.StatusOK)
		all = append(all, page.Items...)
		if page.NextCursor == "" {
			return all
		}
		cursor = page.NextCursor
	}
}

// Admins list and search members, page through them, change roles, and
// suspend or ban: a suspended admin's existing token stops working on the
// next request.
func TestUserManagement(t *testing.T) {
	admin := adminToken(t)
	base := "/tenants/" + demo.TenantID + "/users"
	var second struct {
		Membership member `json:"membership"`
		Account    struct {
			TemporaryPassword string `json:"temporaryPassword"`
		} `json:"account"`
	}
	st, raw := api(t, http.MethodPost, base, admin, map[string]string{"username": "198612122011012003", "name": "Maya Kusuma", "role": "admin"}, &second)
	expect(t, "create second admin", st, raw, http.StatusCreated)
	st, raw = api(t, http.MethodPost, base, admin, map[string]string{"username": "198612122011012004", "name": "Nomor Aneh", "phone": "+0812345678"}, nil)
	if st != http.StatusBadRequest || !stringsContains(string(raw), "phone_invalid") {
		t.Fatalf("a phone number Cognito refuses: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, base, admin, map[string]string{"username": "198612122011012003", "name": "Maya Kusuma", "role": "admin"}, nil)
	if st != http.StatusConflict || errorCode(raw) != "member_exists" {
		t.Fatalf("duplicate member: %d %s", st, raw)
	}
	maya := firstSignIn(t, "198612122011012003", second.Account.TemporaryPassword, "AdminKedua2026").AccessToken

	if got := listAll(t, admin, demo.TenantID, "&q=maya"); len(got) != 1 || got[0].Username != "198612122011012003" {
		t.Fatalf("search by name: %+v", got)
	}
	if got := listAll(t, admin, demo.TenantID, "&q=19861212"); len(got) != 1 || got[0].Name != "Maya Kusuma" {
		t.Fatalf("search by NIP prefix: %+v", got)
	}
	for _, m := range listAll(t, admin, demo.TenantID, "&role=learner") {
		if m.Role != "learner" {
			t.Fatalf("role filter let through %+v", m)
		}
	}
	var p1, p2 memberPage
	st, raw = api(t, http.MethodGet, base+"?limit=1", admin, nil, &p1)
	expect(t, "page 1", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, base+"?limit=1&cursor="+p1.NextCursor, admin, nil, &p2)
	expect(t, "page 2", st, raw, http.StatusOK)
	if len(p1.Items) != 1 || len(p2.Items) != 1 || p1.Items[0].UserID == p2.Items[0].UserID {
		t.Fatalf("pages overlap: %+v %+v", p1, p2)
	}
	st, raw = api(t, http.MethodGet, base+"?cursor=bm90LWEtY3Vyc29y", admin, nil, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("forged cursor: %d %s", st, raw)
	}

	st, raw = api(t, http.MethodGet, base, maya, nil, nil)
	expect(t, "second admin lists", st, raw, http.StatusOK)
	id := second.Membership.UserID
	st, raw = api(t, http.MethodPatch, base+"/"+id, admin, map[string]string{"status": "suspended"}, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("suspension without a reason: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPatch, base+"/"+id, admin, map[string]string{"status": "suspended", "reason": "Cuti di luar tanggungan"}, nil)
	expect(t, "suspend", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, base, maya, nil, nil)
	if st != http.StatusForbidden || errorCode(raw) != "membership_inactive" {
		t.Fatalf("suspended admin with an old token: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPatch, base+"/"+id, admin, map[string]string{"status": "banned", "reason": "Penyalahgunaan akun"}, nil)
	expect(t, "ban", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, base, maya, nil, nil)
	if st != http.StatusForbidden || errorCode(raw) != "membership_banned" {
		t.Fatalf("banned admin: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPatch, base+"/"+id, admin, map[string]string{"status": "active", "role": "instructor"}, nil)
	expect(t, "reactivate as instructor", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, base, maya, nil, nil)
	expect(t, "an instructor may not list users", st, raw, http.StatusForbidden)

	countAudit := func() int {
		var page struct {
			Items []struct{} `json:"items"`
		}
		api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/audit?limit=100", admin, nil, &page)
		return len(page.Items)
	}
	n := countAudit()
	st, raw = api(t, http.MethodPatch, base+"/"+id, admin, map[string]string{"role": "instructor"}, nil)
	expect(t, "no-op update", st, raw, http.StatusOK)
	if countAudit() != n {
		t.Error("an update that changed nothing wrote an audit entry")
	}

	var self meView
	api(t, http.MethodGet, "/me", admin, nil, &self)
	st, raw = api(t, http.MethodPatch, base+"/"+self.User.ID, admin, map[string]string{"role": "learner"}, nil)
	if st != http.StatusConflict || errorCode(raw) != "cannot_change_self" {
		t.Fatalf("self-demotion: %d %s", st, raw)
	}

	var audit struct {
		Items []struct {
			Action string         `json:"action"`
			Before map[string]any `json:"before"`
			After  map[string]any `json:"after"`
		} `json:"items"`
	}
	st, raw = api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/audit?limit=100", admin, nil, &audit)
	expect(t, "audit", st, raw, http.StatusOK)
	seen := map[string]bool{}
	for _, e := range audit.Items {
		seen[e.Action] = true
		if e.Action == "user.ban" && (e.Before["status"] != "suspended" || e.After["status"] != "banned") {
			t.Errorf("ban entry before/after: %+v", e)
		}
	}
	for _, a := range []string{"user.create", "user.suspend", "user.ban", "user.reactivate"} {
		if !seen[a] {
			t.Errorf("audit log lacks %s", a)
		}
	}
}

type importReport struct {
	TotalRows int                  `json:"totalRows"`
	Created   int                  `json:"created"`
	Linked    int                  `json:"linked"`
	Unchanged int                  `json:"unchanged"`
	Failed    int                  `json:"failed"`
	Problems  []userimport.Problem `json:"problems"`
}

func importFile(t testing.TB, token, tenant string, file []byte, contentType string) importReport {
	t.Helper()
	var rep importReport
	if err := jsonUnmarshal(importRawTyped(t, token, tenant, file, contentType), &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

func importRawTyped(t testing.TB, token, tenant string, file []byte, contentType string) []byte {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/tenants/"+tenant+"/users/import", bytes.NewReader(file))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", contentType)
	client := &http.Client{Timeout: 5 * time.Minute}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("import: %d %s", resp.StatusCode, raw)
	}
	return raw
}

// Importing 1,000 rows of which 50 are bad yields 950 members and a
// report of 50 rows; importing the same file again changes nothing.
func TestImport1000RowsWith50BadIsIdempotent(t *testing.T) {
	op := demo.Accounts[3]
	opTok := signIn(t, op.Username, op.Password).AccessToken
	var created createdTenant
	st, raw := api(t, http.MethodPost, "/tenants", opTok, map[string]any{"id": "impor-uji", "name": "Balai Impor Uji", "shortName": "IMPOR",
		"firstAdmin": map[string]string{"nip": "197705052003121002", "name": "Admin Impor"}}, &created)
	expect(t, "create tenant", st, raw, http.StatusCreated)
	admin := firstSignIn(t, created.FirstAdmin.Username, created.FirstAdmin.TemporaryPassword, "AdminImpor2026").AccessToken

	file := userimport.Generate(1000, 50, 20261123)
	before := awsCalls.snapshot()
	start := time.Now()
	first := importFile(t, admin, "impor-uji", file, "text/csv")
	elapsed := time.Since(start)
	dynamo, cognito, _ := awsCalls.since(before)
	t.Logf("first import: %d rows in %s (%.0f rows/s); %.2f DynamoDB and %.2f Cognito requests per row",
		first.TotalRows, elapsed.Round(time.Millisecond), float64(first.TotalRows)/elapsed.Seconds(),
		float64(dynamo)/float64(first.TotalRows), float64(cognito)/float64(first.TotalRows))

	rows := map[int]bool{}
	for _, p := range first.Problems {
		rows[p.Line] = true
		if p.Message == "" || p.Field == "" || p.Code == "" {
			t.Errorf("problem without field, code or message: %+v", p)
		}
	}
	if first.TotalRows != 1000 || first.Created+first.Linked != 950 || first.Failed != 50 || len(rows) != 50 {
		t.Fatalf("first import: %+v (problem rows %d)", first, len(rows))
	}
	if got := len(listAll(t, admin, "impor-uji", "")); got != 951 {
		t.Fatalf("%d members after import, want 950 + the admin", got)
	}

	second := importFile(t, admin, "impor-uji", file, "text/csv")
	if second.Created != 0 || second.Linked != 0 || second.Unchanged != 950 || second.Failed != 50 {
		t.Fatalf("re-import: %+v", second)
	}
	if got := len(listAll(t, admin, "impor-uji", "")); got != 951 {
		t.Fatalf("%d members after re-import", got)
	}
}
