package integration

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"lms/infra/demo"
)

// authzClass is what a caller should get from a route.
type authzClass int

const (
	authzAllowed authzClass = iota + 1 // the handler acts: never 401/403 or 5xx
	authzRefused                       // 401 without a token, 403 (or 404) otherwise
)

func (c authzClass) String() string {
	if c == authzAllowed {
		return "allowed"
	}
	return "refused"
}

// authzCaller is one identity the matrix tries.
type authzCaller struct {
	name   string
	token  string
	role   string // anonymous, learner, instructor, admin, operator
	tenant string // the tenant the caller belongs to; "" for anonymous and the operator
}

// authzVariant is one way of filling a route's path parameters.
type authzVariant struct {
	tenant   string // {tenantId}; "" when the route has none
	userID   string // {userId}
	regID    string // {registrationId}
	freshReg bool   // {registrationId} is a pending registration made for this very request
	cross    bool   // the id in the path belongs to the other tenant
	label    string
}

// authzRule is the expectation of one route.
type authzRule struct {
	who  func(c authzCaller, pathTenant string) authzClass
	body func(v authzVariant) any // the JSON body; nil (or returning nil) sends none
	want int                      // the status an allowed caller gets; 0: any that is not a refusal or a server error
}

func authzAnyone(authzCaller, string) authzClass { return authzAllowed }

func authzSignedIn(c authzCaller, _ string) authzClass {
	if c.role == "anonymous" {
		return authzRefused
	}
	return authzAllowed
}

func authzOperatorOnly(c authzCaller, _ string) authzClass {
	if c.role == "operator" {
		return authzAllowed
	}
	return authzRefused
}

// authzTenantAdmin: the admin of the path's tenant, and the operator.
func authzTenantAdmin(c authzCaller, pathTenant string) authzClass {
	if c.role == "operator" || (c.role == "admin" && c.tenant == pathTenant) {
		return authzAllowed
	}
	return authzRefused
}

func authzEmpty(authzVariant) any { return map[string]any{} }

// authzRules holds every route of template.yaml, keyed "METHOD PATH". Bodies
// are harmless: invalid where the allowed call would change something that
// matters, a wrong current password for the password change.
var authzRules = map[string]authzRule{
	"GET /health":        {who: authzAnyone, want: http.StatusOK},
	"GET /health/auth":   {who: authzSignedIn, want: http.StatusOK},
	"GET /health/batch":  {who: authzSignedIn, want: http.StatusOK},
	"GET /health/course": {who: authzSignedIn, want: http.StatusOK},
	"GET /health/upload": {who: authzSignedIn, want: http.StatusOK},

	"POST /auth/login":           {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/refresh":         {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/logout":          {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/challenge":       {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/password/forgot": {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/password/reset":  {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/password/change": {who: authzSignedIn, want: http.StatusBadRequest, body: func(authzVariant) any {
		return map[string]string{"currentPassword": "BukanSandiIni2026", "newPassword": "TidakBerubah2026"}
	}},
	"GET /me": {who: authzSignedIn, want: http.StatusOK},

	"GET /tenants":              {who: authzAnyone, want: http.StatusOK},
	"POST /tenants":             {who: authzOperatorOnly, body: authzEmpty, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}":   {who: authzAnyone, want: http.StatusOK},
	"PATCH /tenants/{tenantId}": {who: authzTenantAdmin, body: authzEmpty, want: http.StatusOK},

	"POST /tenants/{tenantId}/registrations": {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}/registrations":  {who: authzTenantAdmin, want: http.StatusOK},
	// Approve really decides: every request gets a pending registration of
	// its own, so an allowed caller gets 200.
	"POST /tenants/{tenantId}/registrations/{registrationId}/approve": {who: authzTenantAdmin, want: http.StatusOK},
	// Reject without a reason is invalid (400); with another tenant's
	// registration the reason is valid so the lookup itself must say 404.
	"POST /tenants/{tenantId}/registrations/{registrationId}/reject": {who: authzTenantAdmin, want: http.StatusBadRequest,
		body: func(v authzVariant) any {
			if v.cross {
				return map[string]string{"reason": "Uji otorisasi lintas lembaga"}
			}
			return map[string]any{}
		}},

	"GET /tenants/{tenantId}/users":          {who: authzTenantAdmin, want: http.StatusOK},
	"POST /tenants/{tenantId}/users":         {who: authzTenantAdmin, body: authzEmpty, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}/users/{userId}": {who: authzTenantAdmin, want: http.StatusOK},
	"PATCH /tenants/{tenantId}/users/{userId}": {who: authzTenantAdmin, want: http.StatusBadRequest,
		body: func(authzVariant) any { return map[string]string{"role": "bukan-peran"} }},
	"POST /tenants/{tenantId}/users/import": {who: authzTenantAdmin, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}/audit":         {who: authzTenantAdmin, want: http.StatusOK},
}

// authzRuns makes the ids unique when the test runs more than once in one
// process (-count=N): the stack lives as long as the process.
var authzRuns int

type authzMember struct {
	UserID   string `json:"userId"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Email    string `json:"email"`
}

type authzReg struct {
	tenant, id string
	decided    bool // an allowed caller approved it
}

// Every route of template.yaml, as every kind of caller, in the caller's own
// tenant and in another one: who may act, who is refused, and that refusals
// give nothing away.
func TestAuthorizationMatrix(t *testing.T) {
	authzRuns++
	run := authzRuns
	own := demo.TenantID
	other := "authz-lain"
	if run > 1 {
		other = fmt.Sprintf("authz-lain-r%d", run)
	}
	otherOf := map[string]string{own: other, other: own}
	seq := 0
	nextNIK := func() string { // Surabaya-style region, born 7 March 1996
		seq++
		return fmt.Sprintf("357807070396%04d", run*100+seq)
	}
	var secrets []string // what no refusal may contain
	secret := func(ss ...string) {
		for _, s := range ss {
			if len(s) >= 5 {
				secrets = append(secrets, strings.ToLower(s))
			}
		}
	}
	secret(own, other)

	acct := demo.Accounts
	adminTok := signIn(t, acct[0].Username, acct[0].Password).AccessToken
	instructorTok := signIn(t, acct[1].Username, acct[1].Password).AccessToken
	learnerTok := signIn(t, acct[2].Username, acct[2].Password).AccessToken
	opTok := signIn(t, acct[3].Username, acct[3].Password).AccessToken
	for _, a := range acct {
		secret(a.Username, a.Name)
	}

	// The other tenant, with its first admin and one more member.
	otherAdminNIP := fmt.Sprintf("199305052020121%03d", run)
	var created createdTenant
	st, raw := api(t, http.MethodPost, "/tenants", opTok, map[string]any{
		"id": other, "name": "Balai Uji Otorisasi Lain", "shortName": "BUOL", "registrationPolicy": "approval",
		"contact":    map[string]string{"email": "kontak@" + other + ".example.go.id"},
		"firstAdmin": map[string]string{"nip": otherAdminNIP, "name": "Rahmat Hidayatullah"},
	}, &created)
	expect(t, "create tenant "+other, st, raw, http.StatusCreated)
	secret(created.FirstAdmin.UserID, otherAdminNIP, "Rahmat Hidayatullah", "kontak@"+other+".example.go.id")
	otherAdminTok := firstSignIn(t, created.FirstAdmin.Username, created.FirstAdmin.TemporaryPassword, "AdminLain2026").AccessToken
	otherMemberNIK := nextNIK()
	st, raw = api(t, http.MethodPost, "/tenants/"+other+"/users", otherAdminTok, map[string]string{
		"username": otherMemberNIK, "name": "Rina Kartikasari", "role": "learner", "email": "rina.kartika." + other + "@example.com"}, nil)
	expect(t, "add a member to "+other, st, raw, http.StatusCreated)

	// A real member of each tenant, as its admin sees them.
	findMember := func(tenant, token, username string) authzMember {
		t.Helper()
		var page struct {
			Items []authzMember `json:"items"`
		}
		st, raw := api(t, http.MethodGet, "/tenants/"+tenant+"/users?limit=100&q="+url.QueryEscape(username), token, nil, &page)
		expect(t, "find member of "+tenant, st, raw, http.StatusOK)
		for _, m := range page.Items {
			if m.Username == username {
				secret(m.UserID, m.Username, m.Name, m.Email)
				return m
			}
		}
		t.Fatalf("%s is not a member of %s: %s", username, tenant, raw)
		return authzMember{}
	}
	member := map[string]string{
		own:   findMember(own, adminTok, acct[2].Username).UserID,
		other: findMember(other, otherAdminTok, otherMemberNIK).UserID,
	}
	findMember(own, adminTok, acct[0].Username)
	findMember(own, adminTok, acct[1].Username)
	findMember(other, otherAdminTok, created.FirstAdmin.Username)

	// Pending registrations: one per tenant that stays pending (reject is
	// sent invalid, or aimed at the wrong tenant), plus one per approve
	// request.
	var regs []authzReg
	register := func(tenant string) string {
		t.Helper()
		nik := nextNIK()
		name := fmt.Sprintf("Peserta Otorisasi Nomor %d", seq)
		email := fmt.Sprintf("peserta.%s@example.com", nik)
		var reg registration
		st, raw := api(t, http.MethodPost, "/tenants/"+tenant+"/registrations", "",
			map[string]string{"nik": nik, "name": name, "email": email, "password": "Peserta2026"}, &reg)
		expect(t, "register in "+tenant, st, raw, http.StatusCreated)
		if reg.Status != "pending" {
			t.Fatalf("registration in %s is not pending: %s", tenant, raw)
		}
		secret(nik, name, email, reg.ID)
		regs = append(regs, authzReg{tenant: tenant, id: reg.ID})
		return reg.ID
	}
	stays := map[string]string{own: register(own), other: register(other)}

	callers := []authzCaller{
		{name: "anonymous", role: "anonymous"},
		{name: "learner of " + own, token: learnerTok, role: "learner", tenant: own},
		{name: "instructor of " + own, token: instructorTok, role: "instructor", tenant: own},
		{name: "admin of " + own, token: adminTok, role: "admin", tenant: own},
		{name: "admin of " + other, token: otherAdminTok, role: "admin", tenant: other},
		{name: "operator", token: opTok, role: "operator"},
	}

	// variants fills a route's parameters: the path's tenant is each of the
	// two tenants; an id parameter is one of that tenant's, then one of the
	// other tenant's (which must not be found).
	variants := func(path string) ([]authzVariant, error) {
		params := map[string]bool{}
		for _, seg := range strings.Split(path, "/") {
			if strings.HasPrefix(seg, "{") {
				params[strings.Trim(seg, "{}")] = true
			}
		}
		for p := range params {
			if p != "tenantId" && p != "userId" && p != "registrationId" {
				return nil, fmt.Errorf("no test values for {%s}", p)
			}
		}
		if !params["tenantId"] {
			if len(params) > 0 {
				return nil, fmt.Errorf("an id parameter without {tenantId}")
			}
			return []authzVariant{{label: "-"}}, nil
		}
		var out []authzVariant
		for _, pt := range []string{own, other} {
			switch {
			case params["userId"]:
				out = append(out,
					authzVariant{tenant: pt, userID: member[pt], label: "member of " + pt},
					authzVariant{tenant: pt, userID: member[otherOf[pt]], cross: true, label: "member of " + otherOf[pt]})
			case params["registrationId"] && strings.HasSuffix(path, "/approve"):
				out = append(out,
					authzVariant{tenant: pt, freshReg: true, label: "fresh registration of " + pt},
					authzVariant{tenant: pt, regID: stays[otherOf[pt]], cross: true, label: "registration of " + otherOf[pt]})
			case params["registrationId"]:
				out = append(out,
					authzVariant{tenant: pt, regID: stays[pt], label: "registration of " + pt},
					authzVariant{tenant: pt, regID: stays[otherOf[pt]], cross: true, label: "registration of " + otherOf[pt]})
			default:
				out = append(out, authzVariant{tenant: pt, label: "tenant " + pt})
			}
		}
		return out, nil
	}
	fill := func(path string, v authzVariant) string {
		return strings.NewReplacer("{tenantId}", v.tenant, "{userId}", v.userID, "{registrationId}", v.regID).Replace(path)
	}

	routes, _ := templateRoutes(t)
	seen := map[string]bool{}
	var requests, allowed, refused int
	statuses := map[int]int{}
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		rule, ok := authzRules[key]
		if !ok {
			t.Errorf("route %s has no authorization expectation: add it to authzRules", key)
			continue
		}
		seen[key] = true
		if anon := rule.who(callers[0], own); (anon == authzAllowed) != rt.Public {
			t.Errorf("%s: the template says public=%v, the expectation says %s for anonymous callers", key, rt.Public, anon)
		}
		vs, err := variants(rt.Path)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		t.Run(key, func(t *testing.T) {
			for _, v := range vs {
				for _, c := range callers {
					if v.freshReg {
						v.regID = register(v.tenant)
					}
					class := rule.who(c, v.tenant)
					var body []byte
					headers := map[string]string{}
					if rule.body != nil {
						if b := rule.body(v); b != nil {
							body, _ = json.Marshal(b)
							headers["Content-Type"] = "application/json"
						}
					}
					path := fill(rt.Path, v)
					what := fmt.Sprintf("%s %s (%s) as %s", rt.Method, path, v.label, c.name)
					resp, raw := call(t, rt.Method, "/api"+path, c.token, body, headers)
					requests++
					statuses[resp.StatusCode]++
					if class == authzAllowed && v.freshReg && resp.StatusCode < 300 {
						regs[len(regs)-1].decided = true
					}

					if class == authzAllowed {
						if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden || resp.StatusCode >= 500 {
							t.Errorf("%s: expected allowed, got %d: %s", what, resp.StatusCode, raw)
							continue
						}
						want := rule.want
						if v.cross {
							want = http.StatusNotFound // another tenant's id is unknown here
						}
						if want != 0 && resp.StatusCode != want {
							t.Errorf("%s: status %d, want %d: %s", what, resp.StatusCode, want, raw)
							continue
						}
						if v.cross {
							refused++
							if p := authzRefusalProblem(raw, false, secrets); p != "" {
								t.Errorf("%s: refusal %s: %s", what, p, raw)
							}
						} else {
							allowed++
						}
						continue
					}

					refused++
					if c.role == "anonymous" {
						requireErrorShape(t, what, resp, raw, http.StatusUnauthorized, "unauthorized")
					} else if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
						t.Errorf("%s: expected refused (403/404), got %d: %s", what, resp.StatusCode, raw)
						continue
					}
					if p := authzRefusalProblem(raw, c.role == "anonymous", secrets); p != "" {
						t.Errorf("%s: refusal %s: %s", what, p, raw)
					}
				}
			}
		})
	}
	var stale []string
	for key := range authzRules {
		if !seen[key] {
			stale = append(stale, key)
		}
	}
	sort.Strings(stale)
	for _, key := range stale {
		t.Errorf("authzRules has %s, which template.yaml does not route", key)
	}

	// Every registration nobody was allowed to decide is still pending: the
	// operator can reject it now (a decided one would answer 409). This also
	// leaves no pending requests behind in the demo tenant.
	for _, r := range regs {
		if r.decided {
			continue
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+r.tenant+"/registrations/"+r.id+"/reject", opTok,
			map[string]string{"reason": "Uji otorisasi selesai"}, nil)
		if st != http.StatusOK {
			t.Errorf("registration %s of %s was changed by a refused or invalid request: reject now gives %d: %s", r.id, r.tenant, st, raw)
		}
	}

	codes := make([]int, 0, len(statuses))
	for s := range statuses {
		codes = append(codes, s)
	}
	sort.Ints(codes)
	var parts []string
	for _, s := range codes {
		parts = append(parts, fmt.Sprintf("%d×%d", statuses[s], s))
	}
	t.Logf("authorization matrix: %d routes, %d callers, %d requests: %d allowed, %d refused (statuses %s)",
		len(seen), len(callers), requests, allowed, refused, strings.Join(parts, ", "))
}

// authzRefusalProblem checks a refusal is the bare error shape and mentions
// none of the secrets; it returns what is wrong, or "".
func authzRefusalProblem(raw []byte, gateway bool, secrets []string) string {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return "is not a JSON object"
	}
	for k := range top {
		if k != "error" && (k != "message" || !gateway) {
			return fmt.Sprintf("has the key %q", k)
		}
	}
	var inner map[string]json.RawMessage
	if err := json.Unmarshal(top["error"], &inner); err != nil {
		return "has no error object"
	}
	for k := range inner {
		if k != "code" && k != "message" {
			return fmt.Sprintf("has the error key %q", k)
		}
	}
	var e errorBody
	if err := json.Unmarshal(raw, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		return "lacks a code or a message"
	}
	lower := strings.ToLower(string(raw))
	for _, s := range secrets {
		if strings.Contains(lower, s) {
			return fmt.Sprintf("leaks %q", s)
		}
	}
	return ""
}
