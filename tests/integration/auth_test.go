package integration

import (
	"net/http"
	"strings"
	"testing"

	"lms/infra/demo"
)

type membershipView struct {
	TenantID     string `json:"tenantId"`
	Role         string `json:"role"`
	Status       string `json:"status"`
	StatusReason string `json:"statusReason"`
	TenantStatus string `json:"tenantStatus"`
}

type meView struct {
	User struct {
		ID       string `json:"id"`
		Username string `json:"username"`
		Name     string `json:"name"`
	} `json:"user"`
	Operator    bool             `json:"operator"`
	Memberships []membershipView `json:"memberships"`
}

func me(t *testing.T, token string) meView {
	t.Helper()
	var m meView
	status, raw := api(t, http.MethodGet, "/me", token, nil, &m)
	expect(t, "GET /me", status, raw, http.StatusOK)
	return m
}

func membershipIn(m meView, tenant string) *membershipView {
	for i := range m.Memberships {
		if m.Memberships[i].TenantID == tenant {
			return &m.Memberships[i]
		}
	}
	return nil
}

func adminToken(t testing.TB) string {
	t.Helper()
	a := demo.Accounts[0]
	return signIn(t, a.Username, a.Password).AccessToken
}

// A wrong password and an unknown NIK get the same answer; repeated
// failures for one username are refused for a while.
func TestLoginFailuresLookAlikeAndAreSlowed(t *testing.T) {
	st1, raw1 := api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": demo.Accounts[1].Username, "password": "Salah12345"}, nil)
	st2, raw2 := api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": "3171010101900001", "password": "Salah12345"}, nil)
	if st1 != http.StatusUnauthorized || st1 != st2 || string(raw1) != string(raw2) {
		t.Fatalf("wrong password %d %s vs unknown user %d %s", st1, raw1, st2, raw2)
	}
	if errorCode(raw1) != "invalid_credentials" {
		t.Fatalf("code %s", raw1)
	}
	victim := "3171010101900002"
	for i := 0; i < 5; i++ {
		st, raw := api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": victim, "password": "Salah12345"}, nil)
		expect(t, "failure", st, raw, http.StatusUnauthorized)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/auth/login", strings.NewReader(`{"username":"`+victim+`","password":"Salah12345"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("sixth failure: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// Typed with separators, the NIK is still the same username.
	st, raw := api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": "3171 0101 0190 0002", "password": "x"}, nil)
	expect(t, "throttled with separators", st, raw, http.StatusTooManyRequests)
}

// Refresh works until logout; after it the refresh token is refused.
func TestRefreshAndLogout(t *testing.T) {
	a := demo.Accounts[2]
	tk := signIn(t, a.Username, a.Password)
	var fresh tokens
	st, raw := api(t, http.MethodPost, "/auth/refresh", "", map[string]string{"refreshToken": tk.RefreshToken}, &fresh)
	expect(t, "refresh", st, raw, http.StatusOK)
	if fresh.AccessToken == "" {
		t.Fatalf("refresh gave no access token: %s", raw)
	}
	st, raw = api(t, http.MethodPost, "/auth/logout", "", map[string]string{"refreshToken": tk.RefreshToken}, nil)
	expect(t, "logout", st, raw, http.StatusNoContent)
	st, raw = api(t, http.MethodPost, "/auth/refresh", "", map[string]string{"refreshToken": tk.RefreshToken}, nil)
	if st != http.StatusUnauthorized || errorCode(raw) != "session_ended" {
		t.Fatalf("refresh after logout: %d %s", st, raw)
	}
}

// An account an admin creates sets its own password at first login, can
// change it, and can reset it with the code sent to its email.
func TestFirstLoginChangeAndResetPassword(t *testing.T) {
	admin := adminToken(t)
	nip := "199104152019031004"
	var created struct {
		Account struct {
			Username          string `json:"username"`
			TemporaryPassword string `json:"temporaryPassword"`
			NewAccount        bool   `json:"newAccount"`
		} `json:"account"`
	}
	st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/users", admin,
		map[string]string{"username": "19910415 201903 1 004", "name": "Yusuf Hidayat", "role": "instructor", "email": "yusuf@example.go.id"}, &created)
	expect(t, "create user", st, raw, http.StatusCreated)
	if created.Account.Username != nip || !created.Account.NewAccount || created.Account.TemporaryPassword == "" {
		t.Fatalf("created %s", raw)
	}
	tk := firstSignIn(t, nip, created.Account.TemporaryPassword, "Widyaiswara2026")
	if m := membershipIn(me(t, tk.AccessToken), demo.TenantID); m == nil || m.Role != "instructor" || m.Status != "active" {
		t.Fatalf("membership after first login: %+v", m)
	}

	st, raw = api(t, http.MethodPost, "/auth/password/change", tk.AccessToken, map[string]string{"currentPassword": "Salah2026x", "newPassword": "Berubah2026"}, nil)
	if st != http.StatusBadRequest || errorCode(raw) != "current_password_wrong" {
		t.Fatalf("change with a wrong current password: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, "/auth/password/change", tk.AccessToken, map[string]string{"currentPassword": "Widyaiswara2026", "newPassword": "lemah"}, nil)
	if st != http.StatusBadRequest || !strings.Contains(string(raw), "password_weak") {
		t.Fatalf("weak new password: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, "/auth/password/change", tk.AccessToken, map[string]string{"currentPassword": "Widyaiswara2026", "newPassword": "Berubah2026"}, nil)
	expect(t, "change password", st, raw, http.StatusNoContent)
	signIn(t, nip, "Berubah2026")

	st, raw = api(t, http.MethodPost, "/auth/password/forgot", "", map[string]string{"username": nip}, nil)
	expect(t, "forgot", st, raw, http.StatusAccepted)
	stUnknown, rawUnknown := api(t, http.MethodPost, "/auth/password/forgot", "", map[string]string{"username": "3171010101900003"}, nil)
	if stUnknown != st || string(rawUnknown) != string(raw) {
		t.Fatalf("forgot for an unknown user differs: %d %s", stUnknown, rawUnknown)
	}
	code, err := srv.Stack.ConfirmationCode(srv.Resources.UserPoolID, nip)
	if err != nil {
		t.Fatal(err)
	}
	st, raw = api(t, http.MethodPost, "/auth/password/reset", "", map[string]string{"username": nip, "code": "000000", "newPassword": "Pulih2026x"}, nil)
	if st != http.StatusBadRequest || errorCode(raw) != "reset_code_invalid" {
		t.Fatalf("reset with a wrong code: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, "/auth/password/reset", "", map[string]string{"username": nip, "code": code, "newPassword": "Pulih2026x"}, nil)
	expect(t, "reset", st, raw, http.StatusNoContent)
	signIn(t, nip, "Pulih2026x")
}

type registration struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Linked bool   `json:"linked"`
}

// A non-ASN participant registers, waits, and is approved; another is
// rejected with a reason; both see their status; a bad NIK is explained.
func TestSelfRegistrationApprovalAndRejection(t *testing.T) {
	admin := adminToken(t)
	path := "/tenants/" + demo.TenantID + "/registrations"

	st, raw := api(t, http.MethodPost, path, "", map[string]string{"nik": "3273013102950001", "name": "Tono", "email": "tono@example.com", "password": "Peserta2026"}, nil)
	if st != http.StatusBadRequest || !strings.Contains(string(raw), "Tanggal lahir pada NIK tidak valid") {
		t.Fatalf("bad NIK: %d %s", st, raw)
	}

	var reg registration
	st, raw = api(t, http.MethodPost, path, "", map[string]string{"nik": "3374024506980003", "name": "Sari Wulandari", "email": "sari@example.com",
		"phone": "0812-3456-7890", "institution": "PT Tambang Sejahtera", "password": "Peserta2026"}, &reg)
	expect(t, "register", st, raw, http.StatusCreated)
	if reg.Status != "pending" || reg.Linked {
		t.Fatalf("registration %s", raw)
	}
	st, raw = api(t, http.MethodPost, path, "", map[string]string{"nik": "3374024506980003", "name": "Sari Wulandari", "email": "sari@example.com", "password": "Peserta2026"}, nil)
	if st != http.StatusConflict || errorCode(raw) != "already_member" {
		t.Fatalf("second registration: %d %s", st, raw)
	}
	sari := signIn(t, "3374024506980003", "Peserta2026").AccessToken
	if m := membershipIn(me(t, sari), demo.TenantID); m == nil || m.Status != "pending" {
		t.Fatalf("pending membership not shown: %+v", m)
	}

	var pending struct {
		Items []registration `json:"items"`
	}
	st, raw = api(t, http.MethodGet, path+"?status=pending", admin, nil, &pending)
	expect(t, "list pending", st, raw, http.StatusOK)
	found := false
	for _, r := range pending.Items {
		found = found || r.ID == reg.ID
	}
	if !found {
		t.Fatalf("registration not listed: %s", raw)
	}
	st, raw = api(t, http.MethodPost, path+"/"+reg.ID+"/approve", admin, nil, nil)
	expect(t, "approve", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, path+"/"+reg.ID+"/approve", admin, nil, nil)
	if st != http.StatusConflict {
		t.Fatalf("second decision: %d %s", st, raw)
	}
	if m := membershipIn(me(t, sari), demo.TenantID); m == nil || m.Status != "active" || m.Role != "learner" {
		t.Fatalf("approved membership: %+v", m)
	}

	var other registration
	st, raw = api(t, http.MethodPost, path, "", map[string]string{"nik": "1671035003990004", "name": "Budi Hartono", "email": "budi.h@example.com", "password": "Peserta2026"}, &other)
	expect(t, "register second", st, raw, http.StatusCreated)
	st, raw = api(t, http.MethodPost, path+"/"+other.ID+"/reject", admin, map[string]string{}, nil)
	if st != http.StatusBadRequest {
		t.Fatalf("reject without a reason: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, path+"/"+other.ID+"/reject", admin, map[string]string{"reason": "Bukan peserta angkatan ini"}, nil)
	expect(t, "reject", st, raw, http.StatusOK)
	budi := signIn(t, "1671035003990004", "Peserta2026").AccessToken
	if m := membershipIn(me(t, budi), demo.TenantID); m == nil || m.Status != "rejected" || m.StatusReason != "Bukan peserta angkatan ini" {
		t.Fatalf("rejected membership: %+v", m)
	}
}

// Registering an existing NIK elsewhere links the account when the
// password proves it, and is refused otherwise.
func TestRegistrationLinksAnExistingAccount(t *testing.T) {
	op := demo.Accounts[3]
	opTok := signIn(t, op.Username, op.Password).AccessToken
	createTenant(t, opTok, "balai-link", "auto")

	learner := demo.Accounts[2]
	path := "/tenants/balai-link/registrations"
	body := map[string]string{"nik": learner.Username, "name": "Andi Pratama", "email": "andi@example.com", "password": "BukanSandinya1"}
	st, raw := api(t, http.MethodPost, path, "", body, nil)
	if st != http.StatusConflict || errorCode(raw) != "account_exists" {
		t.Fatalf("link with a wrong password: %d %s", st, raw)
	}
	body["password"] = learner.Password
	var reg registration
	st, raw = api(t, http.MethodPost, path, "", body, &reg)
	expect(t, "link", st, raw, http.StatusCreated)
	if !reg.Linked || reg.Status != "approved" {
		t.Fatalf("linked registration under auto-approve: %s", raw)
	}
	m := me(t, signIn(t, learner.Username, learner.Password).AccessToken)
	if membershipIn(m, "balai-link") == nil || membershipIn(m, demo.TenantID) == nil {
		t.Fatalf("one account should now belong to both tenants: %+v", m.Memberships)
	}
}

type createdTenant struct {
	Tenant struct {
		ID string `json:"id"`
	} `json:"tenant"`
	FirstAdmin struct {
		UserID            string `json:"userId"`
		Username          string `json:"username"`
		TemporaryPassword string `json:"temporaryPassword"`
	} `json:"firstAdmin"`
}

var tenantAdmins = map[string]string{"balai-link": "198807082012121001", "bpsdm-jabar": "198909092014022001", "lain": "199201012018011001", "sert-lain": "199005052015031002", "kuota-uji": "198704042010012003", "cari-lain": "198602022011011004"}

// createTenant makes a tenant as the operator and returns its first admin.
func createTenant(t *testing.T, opToken, id, policy string) createdTenant {
	t.Helper()
	var out createdTenant
	st, raw := api(t, http.MethodPost, "/tenants", opToken, map[string]any{
		"id": id, "name": "Balai Uji " + id, "shortName": strings.ToUpper(id[:4]), "registrationPolicy": policy,
		"colors":     map[string]string{"primary": "#0B6E4F", "secondary": "#F2B705", "tertiary": "#222222"},
		"contact":    map[string]string{"email": "kontak@" + id + ".example.go.id"},
		"firstAdmin": map[string]string{"nip": tenantAdmins[id], "name": "Admin " + id},
	}, &out)
	expect(t, "create tenant "+id, st, raw, http.StatusCreated)
	return out
}

// An operator creates a tenant that is usable at once; its admin edits the
// branding; suspension refuses its users everywhere until reactivation.
func TestTenantLifecycle(t *testing.T) {
	op := demo.Accounts[3]
	opTok := signIn(t, op.Username, op.Password).AccessToken
	created := createTenant(t, opTok, "bpsdm-jabar", "approval")
	st, raw := api(t, http.MethodPost, "/tenants", opTok, map[string]any{"id": "bpsdm-jabar", "name": "Lagi", "shortName": "LG",
		"firstAdmin": map[string]string{"nip": tenantAdmins["bpsdm-jabar"], "name": "Admin"}}, nil)
	if st != http.StatusConflict || errorCode(raw) != "tenant_exists" {
		t.Fatalf("duplicate slug: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, "/tenants", adminToken(t), map[string]any{"id": "x-tenant"}, nil)
	if st != http.StatusForbidden {
		t.Fatalf("a tenant admin created a tenant: %d %s", st, raw)
	}

	admin := firstSignIn(t, created.FirstAdmin.Username, created.FirstAdmin.TemporaryPassword, "AdminJabar2026").AccessToken
	st, raw = api(t, http.MethodPatch, "/tenants/bpsdm-jabar", admin, map[string]any{"shortName": "BPSDM Jabar",
		"colors": map[string]string{"primary": "#123456", "secondary": "#ABCDEF", "tertiary": "#000000"}}, nil)
	expect(t, "admin edits branding", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPatch, "/tenants/bpsdm-jabar", admin, map[string]any{"status": "suspended"}, nil)
	if st != http.StatusForbidden || errorCode(raw) != "tenant_status_operator_only" {
		t.Fatalf("admin suspends own tenant: %d %s", st, raw)
	}
	var brand struct {
		ShortName string            `json:"shortName"`
		Colors    map[string]string `json:"colors"`
	}
	st, raw = api(t, http.MethodGet, "/tenants/bpsdm-jabar", "", nil, &brand)
	expect(t, "public branding", st, raw, http.StatusOK)
	if brand.ShortName != "BPSDM Jabar" || brand.Colors["primary"] != "#123456" {
		t.Fatalf("branding %s", raw)
	}
	if !catalogHas(t, "bpsdm-jabar") {
		t.Fatal("new tenant missing from the catalog")
	}

	st, raw = api(t, http.MethodPatch, "/tenants/bpsdm-jabar", opTok, map[string]any{"status": "suspended"}, nil)
	expect(t, "suspend", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, "/tenants/bpsdm-jabar/users", admin, nil, nil)
	if st != http.StatusForbidden || errorCode(raw) != "tenant_suspended" {
		t.Fatalf("suspended tenant's admin: %d %s", st, raw)
	}
	if catalogHas(t, "bpsdm-jabar") {
		t.Fatal("suspended tenant still in the catalog")
	}
	st, raw = api(t, http.MethodPatch, "/tenants/bpsdm-jabar", opTok, map[string]any{"status": "active"}, nil)
	expect(t, "reactivate", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, "/tenants/bpsdm-jabar/users", admin, nil, nil)
	expect(t, "reactivated tenant's admin", st, raw, http.StatusOK)
}

func catalogHas(t *testing.T, id string) bool {
	t.Helper()
	cursor := ""
	for {
		var page struct {
			Items      []struct{ ID string } `json:"items"`
			NextCursor string                `json:"nextCursor"`
		}
		st, raw := api(t, http.MethodGet, "/tenants?limit=100&cursor="+cursor, "", nil, &page)
		expect(t, "catalog", st, raw, http.StatusOK)
		for _, it := range page.Items {
			if it.ID == id {
				return true
			}
		}
		if page.NextCursor == "" {
			return false
		}
		cursor = page.NextCursor
	}
}
