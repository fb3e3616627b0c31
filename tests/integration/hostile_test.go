package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"gopkg.in/yaml.v3"

	"lms/infra/demo"
	"lms/shared/httpapi"
)

// Hostile requests to every route of template.yaml that takes a body (the
// body and its limit come from docs/openapi.yaml), each as a caller allowed
// to use it, aimed at real resources of a tenant made for the test:
//
//  1. an oversized body, a wrong content type, an unknown field, and for
//     the routes that take a file name or a file, path traversal (../,
//     ..\, absolute paths, NUL bytes) in it: refused with a 4xx in the
//     error shape, and nothing stored anywhere (the table, the buckets,
//     the user pool, counted before and after all of them);
//  2. a body with an injection string (SQL, script, template, JNDI) in
//     every string field the OpenAPI schema names: refused the same way,
//     or, where every such field is free text, accepted and stored as
//     inert text: answered JSON-escaped, never as markup;
//  3. injection strings in the free-text fields of real edits (titles,
//     Markdown, answers): accepted, read back exactly as sent, and the
//     Markdown rendered without script, event handlers or javascript:
//     links.
//
// "Nothing stored" leaves out two records that exist because of refusals:
// the failed-login counter (LOGINFAIL#, keyed by a hash of the username)
// and the revocation list (REVOKED#, a hash of the token a logout names,
// which answers the same for any token by design); and the search index
// (SEARCH# items, search/ objects), which the index function rebuilds in
// the background from the courses, whose items are counted.

var hostileRuns int

// The injection strings of part 2 and 3.
var hostileInjections = []string{
	`' OR 1=1 --`,
	`<script>alert(1)</script>`,
	`{{7*7}}`,
	`${jndi:ldap://127.0.0.1:1389/a}`,
}

// hostileRoute is a body route of the template with what the OpenAPI
// document says of its body.
type hostileRoute struct {
	method, path string
	public       bool
	json         bool  // the body is JSON (else a file: CSV or XLSX)
	optional     bool  // the body may be left out
	limit        int64 // bytes
	schema       any   // the JSON body's schema
}

func (r hostileRoute) key() string { return r.method + " " + r.path }

// hostileWorld is the tenant made for the test and what is in it.
type hostileWorld struct {
	tenant                         string
	admin, learner, operator       string // access tokens
	learnerPassword                string
	learnerID, learnerNIK          string
	courseID, sectionID            string
	textItem, quizItem, assignItem string
	pdfItem, questionID, attemptID string
	batchID, registrationID        string
	uploadID                       string
}

func TestHostileRequests(t *testing.T) {
	start := time.Now()
	hostileRuns++
	routes := hostileBodyRoutes(t)
	w := hostileSetup(t)

	// Learner routes first, then the admin's, then the ones that end
	// something (withdraw, reject, archive...): an edit accepted in part 2
	// must not take a later route's resource away.
	sort.SliceStable(routes, func(i, j int) bool { return hostileOrder(routes[i]) < hostileOrder(routes[j]) })

	hostileSettle(t)
	before := hostileCount(t)
	reached := map[string]bool{}
	for _, rt := range routes {
		hostileRefusals(t, w, rt, reached)
	}
	hostileSettle(t)
	if after := hostileCount(t); !after.same(before) {
		t.Errorf("refused requests stored something: %s", before.diff(after))
	}
	var notReached, unknownPath []string
	for _, rt := range routes {
		if reached[rt.key()] {
			continue
		}
		notReached = append(notReached, rt.key())
		_, known := w.hostilePath(rt.path)
		_, excused := hostileUnreached[rt.key()]
		switch {
		case !known:
			unknownPath = append(unknownPath, rt.key())
		case !excused:
			t.Errorf("%s: the oversized body was refused before the body check; aim it at a real resource, or say why in hostileUnreached", rt.key())
		}
	}
	t.Logf("part 1: %d body routes; the oversized body reached the body check on %d; refused before it on: %s",
		len(routes), len(routes)-len(notReached), strings.Join(notReached, "; "))
	if len(unknownPath) > 0 {
		t.Logf("part 1: these routes name resources the test does not make (only 4xx and nothing stored were checked): %s", strings.Join(unknownPath, "; "))
	}

	var accepted []string
	prev := hostileCount(t)
	counted := time.Now()
	for _, rt := range routes {
		if !rt.json {
			continue
		}
		got := hostileInjectEveryString(t, w, rt)
		cur := hostileCount(t)
		if len(got) == 0 && !cur.same(prev) {
			t.Errorf("%s: injection bodies were refused, yet something was stored: %s", rt.key(), prev.diff(cur))
		}
		accepted, prev = append(accepted, got...), cur
	}
	t.Logf("part 2: %d counts (last: %d items, %d objects, %d users) took %s", len(routes), prev.Items, prev.Objects, prev.Users, time.Since(counted).Round(time.Millisecond))
	sort.Strings(accepted)
	t.Logf("part 2: accepted with injection strings in every string field, stored as inert text: %s", strings.Join(accepted, "; "))

	hostileFreeText(t, w)
	t.Logf("hostile requests: %s", time.Since(start).Round(time.Millisecond))
}

// hostileUnreached: body routes whose hostile requests are refused before
// the body is read, and why; anything else must reach the body check.
var hostileUnreached = map[string]string{}

func hostileOrder(rt hostileRoute) int {
	for _, end := range []string{"/withdraw", "/reject", "/approve", "/complete", "/archive", "/publish", "/submit", "/grade", "/revoke", "/certificates"} {
		if strings.HasSuffix(rt.path, end) {
			return 3
		}
	}
	if hostileCaller(rt) == "learner" {
		return 1
	}
	return 2
}

// hostileCaller is who sends a route's requests: anonymous for public
// routes, the learner for what participants do, the operator for tenants,
// the tenant's admin otherwise.
func hostileCaller(rt hostileRoute) string {
	p := rt.path
	switch {
	case rt.public:
		return "anonymous"
	case p == "/auth/password/change":
		return "learner"
	case p == "/tenants":
		return "operator"
	case rt.method == http.MethodPost && strings.HasSuffix(p, "/batches/{batchId}/enrollments"),
		strings.Contains(p, "/attempts") && !strings.HasSuffix(p, "/grade"),
		strings.HasSuffix(p, "/progress"), strings.HasSuffix(p, "/submission"),
		strings.HasSuffix(p, "/evaluation/responses"):
		return "learner"
	}
	return "admin"
}

func (w *hostileWorld) token(who string) string {
	switch who {
	case "learner":
		return w.learner
	case "operator":
		return w.operator
	case "admin":
		return w.admin
	}
	return ""
}

// hostilePath fills a route's parameters with the world's resources; known
// is false when a parameter names something the world does not have (it
// gets an id nothing has).
func (w *hostileWorld) hostilePath(p string) (path string, known bool) {
	segs := strings.Split(p, "/")
	known = true
	for i, s := range segs {
		if !strings.HasPrefix(s, "{") {
			continue
		}
		v := "01JDZ3K8W9X4T5Y6Z7A8B9C0D1"
		switch strings.Trim(s, "{}+") {
		case "tenantId":
			v = w.tenant
		case "courseId":
			v = w.courseID
		case "sectionId":
			v = w.sectionID
		case "itemId":
			switch {
			case strings.Contains(p, "/attempts"):
				v = w.quizItem
			case strings.Contains(p, "/submission"):
				v = w.assignItem
			default:
				v = w.textItem
			}
		case "questionId":
			v = w.questionID
		case "attemptId":
			v = w.attemptID
		case "batchId":
			v = w.batchID
		case "userId":
			v = w.learnerID
		case "registrationId":
			v = w.registrationID
		case "uploadId":
			v = w.uploadID
		case "number":
			v = "BDT-2026-000001"
		default:
			known = false
		}
		segs[i] = v
	}
	return strings.Join(segs, "/"), known
}

// hostileSend sends a raw body and returns the status and body.
func hostileSend(t *testing.T, method, path, token, contentType string, body []byte, headers map[string]string) (int, []byte) {
	t.Helper()
	h := map[string]string{"Content-Type": contentType}
	for k, v := range headers {
		h[k] = v
	}
	if contentType == "" {
		delete(h, "Content-Type")
	}
	resp, raw := call(t, method, "/api"+path, token, body, h)
	return resp.StatusCode, raw
}

// hostileRefused fails unless the answer is a 4xx in the error shape, and
// returns its code.
func hostileRefused(t *testing.T, what string, status int, raw []byte) string {
	t.Helper()
	var top map[string]json.RawMessage
	var e errorBody
	if status < 400 || status >= 500 || json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &e) != nil ||
		e.Error.Code == "" || e.Error.Message == "" {
		t.Errorf("%s: %d %.300s, want a 4xx in the error shape", what, status, raw)
		return ""
	}
	for k := range top {
		if k != "error" && k != "message" { // "message": the gateway's own field, as API Gateway's
			t.Errorf("%s: key %q beside the error object: %.300s", what, k, raw)
		}
	}
	return e.Error.Code
}

// hostileRefusals is part 1 for one route.
func hostileRefusals(t *testing.T, w *hostileWorld, rt hostileRoute, reached map[string]bool) {
	t.Helper()
	path, _ := w.hostilePath(rt.path)
	tok := w.token(hostileCaller(rt))
	name := rt.key()

	// Oversized: one byte over the documented limit.
	big := hostileOversized(rt)
	st, raw := hostileSend(t, rt.method, path, tok, hostileContentType(rt), big, nil)
	if code := hostileRefused(t, name+" oversized", st, raw); code == "body_too_large" && st == http.StatusRequestEntityTooLarge {
		reached[name] = true
	}

	if rt.json {
		// A JSON body under another content type.
		st, raw = hostileSend(t, rt.method, path, tok, "text/plain", []byte(`{}`), nil)
		if code := hostileRefused(t, name+" as text/plain", st, raw); reached[name] && code != "unsupported_media_type" {
			t.Errorf("%s as text/plain: code %s, want unsupported_media_type", name, code)
		}
		st, raw = hostileSend(t, rt.method, path, tok, "application/x-www-form-urlencoded", []byte(`a=1`), nil)
		hostileRefused(t, name+" as a form", st, raw)
		// An unknown field.
		st, raw = hostileSend(t, rt.method, path, tok, "application/json", []byte(`{"hostileUnknownField":"x"}`), nil)
		if code := hostileRefused(t, name+" with an unknown field", st, raw); reached[name] && code != "unknown_field" {
			t.Errorf("%s with an unknown field: code %s, want unknown_field", name, code)
		}
		// Not JSON at all, and two values.
		for _, b := range []string{`{"a":`, `{}{}`, "\x00\xff"} {
			st, raw = hostileSend(t, rt.method, path, tok, "application/json", []byte(b), nil)
			hostileRefused(t, fmt.Sprintf("%s with body %q", name, b), st, raw)
		}
	} else {
		// A file route: a PDF declared as a PDF, CSV text declared as an
		// image, and a CSV without the columns it needs whose cells and
		// declared file name are path traversal.
		st, raw = hostileSend(t, rt.method, path, tok, "application/pdf", []byte("%PDF-1.4\n%%EOF\n"), nil)
		hostileRefused(t, name+" with a PDF", st, raw)
		st, raw = hostileSend(t, rt.method, path, tok, "image/png", []byte("NIK,Nama\n3273011508950001,Budi\n"), nil)
		hostileRefused(t, name+" with CSV as image/png", st, raw)
		for _, fn := range hostileTraversals {
			csv := []byte("hostileUnknownColumn\n" + strings.ReplaceAll(fn, "\x00", "") + "\n")
			st, raw = hostileSend(t, rt.method, path, tok, "text/csv", csv,
				map[string]string{"Content-Disposition": "attachment; filename=" + strconv.Quote(strings.ReplaceAll(fn, "\x00", "%00"))})
			hostileRefused(t, fmt.Sprintf("%s with file name %q", name, fn), st, raw)
		}
	}

	// The upload route takes a file name: traversal in it is refused.
	if rt.method == http.MethodPost && strings.HasSuffix(rt.path, "/uploads") {
		for _, fn := range hostileTraversals {
			body, _ := json.Marshal(map[string]any{"purpose": "material", "courseId": w.courseID, "itemId": w.pdfItem,
				"fileName": fn, "contentType": "application/pdf", "size": 1024, "sha256": strings.Repeat("ab", 32)})
			st, raw = hostileSend(t, rt.method, path, tok, "application/json", body, nil)
			hostileRefused(t, fmt.Sprintf("%s with file name %q", name, fn), st, raw)
		}
	}
}

// hostileTraversals are file names that try to leave their folder.
var hostileTraversals = []string{
	"../../etc/passwd",
	"../../etc/passwd.pdf",
	`..\..\win.ini`,
	`..\..\materi.pdf`,
	"/etc/passwd.pdf",
	`C:\Windows\win.ini.pdf`,
	"materi.pdf\x00.exe",
	"materi\x00/../../x.pdf",
}

func hostileContentType(rt hostileRoute) string {
	if rt.json {
		return "application/json"
	}
	return "text/csv"
}

// hostileOversized is a body one byte over the route's limit, shaped as
// the route expects (JSON, or CSV text).
func hostileOversized(rt hostileRoute) []byte {
	n := int(rt.limit) + 1
	if !rt.json {
		b := bytes.Repeat([]byte("3273011508950001,Budi\n"), n/22+1)
		return append([]byte("NIK,Nama\n"), b[:n-9]...)
	}
	b := bytes.Repeat([]byte("a"), n)
	copy(b, `{"x":"`)
	copy(b[n-2:], `"}`)
	return b
}

// hostileInjectEveryString is part 2 for one route: one request per
// injection string, that string in every string field of the schema. It
// returns the requests that were accepted.
func hostileInjectEveryString(t *testing.T, w *hostileWorld, rt hostileRoute) (accepted []string) {
	t.Helper()
	path, _ := w.hostilePath(rt.path)
	tok := w.token(hostileCaller(rt))
	for _, inj := range hostileInjections {
		body, err := json.Marshal(hostileFill(rt.schema, inj, 0))
		if err != nil {
			t.Fatal(err)
		}
		st, raw := hostileSend(t, rt.method, path, tok, "application/json", body, nil)
		what := fmt.Sprintf("%s with %q in every string", rt.key(), inj)
		if st >= 200 && st < 300 {
			accepted = append(accepted, fmt.Sprintf("%s (%q)", rt.key(), inj))
			hostileInert(t, what, raw)
			continue
		}
		hostileRefused(t, what, st, raw)
	}
	return accepted
}

// hostileInert fails if an accepted answer carries markup a browser would
// act on: the API answers JSON, whose encoder escapes <, > and &, so a raw
// tag in it means a string escaped the encoder; and every rendered HTML
// field must be sanitised (the text fields may say "javascript:" as text:
// the web app shows them as text).
func hostileInert(t *testing.T, what string, raw []byte) {
	t.Helper()
	lower := strings.ToLower(string(raw))
	for _, bad := range []string{"<script", "<img", "<svg", "<a "} {
		if strings.Contains(lower, bad) {
			t.Errorf("%s: the answer carries %q: %.400s", what, bad, raw)
		}
	}
	var v any
	if len(bytes.TrimSpace(raw)) > 0 && json.Unmarshal(raw, &v) != nil {
		t.Errorf("%s: an accepted answer is not JSON: %.300s", what, raw)
	}
	hostileHTMLFieldsSafe(t, what, v)
}

// hostileHTMLFieldsSafe checks every field named *Html (rendered Markdown
// the web app inserts as HTML) for script, event handlers and javascript:.
func hostileHTMLFieldsSafe(t *testing.T, what string, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && strings.HasSuffix(strings.ToLower(k), "html") {
				low := strings.ToLower(s)
				if strings.Contains(low, "<script") || strings.Contains(low, "javascript:") || hostileHandlerAttr.MatchString(low) {
					t.Errorf("%s: %s is not safe HTML: %q", what, k, s)
				}
			}
			hostileHTMLFieldsSafe(t, what, val)
		}
	case []any:
		for _, val := range x {
			hostileHTMLFieldsSafe(t, what, val)
		}
	}
}

var hostileHandlerAttr = regexp.MustCompile(`<[^>]*\son[a-z]+\s*=`)

// hostileFill builds a value of a schema with inj in every string.
func hostileFill(schema any, inj string, depth int) any {
	s := hostileResolve(schema)
	if s == nil || depth > 8 {
		return inj
	}
	for _, key := range []string{"oneOf", "anyOf"} {
		if alts, ok := s[key].([]any); ok && len(alts) > 0 {
			return hostileFill(alts[0], inj, depth+1)
		}
	}
	if parts, ok := s["allOf"].([]any); ok {
		merged := map[string]any{}
		for _, p := range parts {
			if m, ok := hostileFill(p, inj, depth+1).(map[string]any); ok {
				for k, v := range m {
					merged[k] = v
				}
			}
		}
		return merged
	}
	typ := s["type"]
	if list, ok := typ.([]any); ok && len(list) > 0 {
		typ = list[0]
	}
	switch typ {
	case "object", nil:
		props, _ := s["properties"].(map[string]any)
		out := map[string]any{}
		for k, p := range props {
			out[k] = hostileFill(p, inj, depth+1)
		}
		if len(props) == 0 {
			if ap, ok := s["additionalProperties"].(map[string]any); ok {
				out["hostile"] = hostileFill(ap, inj, depth+1)
			}
		}
		if typ == nil && len(out) == 0 {
			return inj
		}
		return out
	case "array":
		return []any{hostileFill(s["items"], inj, depth+1)}
	case "integer", "number":
		if m, ok := s["minimum"]; ok {
			return m
		}
		return 1
	case "boolean":
		return false
	}
	return inj
}

// hostileDoc is docs/openapi.yaml, for $ref resolution.
var hostileDoc map[string]any

func hostileResolve(schema any) map[string]any {
	s, _ := schema.(map[string]any)
	for i := 0; s != nil && i < 10; i++ {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		var cur any = hostileDoc
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			m, _ := cur.(map[string]any)
			cur = m[part]
		}
		s, _ = cur.(map[string]any)
	}
	return s
}

var hostileLimit = regexp.MustCompile(`\(([0-9,]+) bytes\)|at most ([0-9]+) KiB`)

// hostileBodyRoutes lists the template's routes whose OpenAPI operation
// has a request body.
func hostileBodyRoutes(t *testing.T) []hostileRoute {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(root, "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(raw, &hostileDoc); err != nil {
		t.Fatal(err)
	}
	paths, _ := hostileDoc["paths"].(map[string]any)
	tplRoutes, _ := templateRoutes(t)
	var out []hostileRoute
	for _, r := range tplRoutes {
		item, _ := paths[r.Path].(map[string]any)
		op, _ := item[strings.ToLower(r.Method)].(map[string]any)
		if op == nil {
			// tests/contract fails on this; the body is unknown here.
			t.Logf("%s %s: no operation in docs/openapi.yaml, left out", r.Method, r.Path)
			continue
		}
		rb, _ := op["requestBody"].(map[string]any)
		if rb == nil {
			continue
		}
		rt := hostileRoute{method: r.Method, path: r.Path, public: r.Public, limit: 1 << 20}
		rt.optional = rb["required"] != true
		desc, _ := rb["description"].(string)
		if m := hostileLimit.FindStringSubmatch(desc); m != nil {
			if m[1] != "" {
				rt.limit, _ = strconv.ParseInt(strings.ReplaceAll(m[1], ",", ""), 10, 64)
			} else {
				kib, _ := strconv.ParseInt(m[2], 10, 64)
				rt.limit = kib << 10
			}
		} else {
			t.Errorf("%s: the request body's description %q gives no size limit (\"at most N KiB\" or \"(N bytes)\")", rt.key(), desc)
		}
		content, _ := rb["content"].(map[string]any)
		if js, ok := content["application/json"].(map[string]any); ok {
			rt.json, rt.schema = true, js["schema"]
		}
		out = append(out, rt)
	}
	if len(out) < 40 {
		t.Fatalf("only %d body routes found in the template and docs/openapi.yaml", len(out))
	}
	return out
}

// hostileSnapshot counts what a request could have stored; keys names
// every item (PK|SK) and object (bucket/key) counted, to say what changed.
type hostileSnapshot struct {
	Items   int // table items, login-failure counters, revocations and the search index left out
	Objects int // objects in every bucket, the search index left out
	Users   int // user pool accounts
	keys    map[string]bool
}

func (s hostileSnapshot) same(o hostileSnapshot) bool {
	return s.Items == o.Items && s.Objects == o.Objects && s.Users == o.Users && maps.Equal(s.keys, o.keys)
}

// diff lists what o has that s has not (+) and the other way round (-).
func (s hostileSnapshot) diff(o hostileSnapshot) string {
	var out []string
	for k := range o.keys {
		if !s.keys[k] {
			out = append(out, "+"+k)
		}
	}
	for k := range s.keys {
		if !o.keys[k] {
			out = append(out, "-"+k)
		}
	}
	sort.Strings(out)
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("... %d more", len(out)-20))
	}
	return fmt.Sprintf("items %d -> %d, objects %d -> %d, users %d -> %d: %s", s.Items, o.Items, s.Objects, o.Objects, s.Users, o.Users, strings.Join(out, " "))
}

// notifyItem reports whether an item is the notify function's (a
// delivery record, an inbox item, an unread counter): it delivers what
// earlier, accepted requests published, asynchronously from the queue, so
// its writes land during later routes' checks without being theirs.
func notifyItem(pk string) bool {
	return strings.Contains(pk, "#NOTIFY#") || strings.HasSuffix(pk, "#INBOX") || strings.HasSuffix(pk, "#UNREAD")
}

func hostileCount(t *testing.T) hostileSnapshot {
	t.Helper()
	ctx := context.Background()
	cl := srv.Stack.Clients()
	s := hostileSnapshot{keys: map[string]bool{}}
	var start map[string]ddbtypes.AttributeValue
	for {
		out, err := cl.DynamoDB.Scan(ctx, &dynamodb.ScanInput{
			TableName: aws.String(srv.Resources.Tables["LmsTable"]), ExclusiveStartKey: start,
			ProjectionExpression: aws.String("PK, SK"),
			FilterExpression:     aws.String("NOT begins_with(PK, :lf) AND NOT begins_with(PK, :rv)"),
			ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{
				":lf": &ddbtypes.AttributeValueMemberS{Value: "LOGINFAIL#"}, ":rv": &ddbtypes.AttributeValueMemberS{Value: "REVOKED#"}},
		})
		if err != nil {
			t.Fatalf("counting items: %v", err)
		}
		for _, it := range out.Items {
			pk, _ := it["PK"].(*ddbtypes.AttributeValueMemberS)
			sk, _ := it["SK"].(*ddbtypes.AttributeValueMemberS)
			if pk != nil && sk != nil && !strings.HasPrefix(sk.Value, "SEARCH#") && !notifyItem(pk.Value) {
				s.keys[pk.Value+"|"+sk.Value] = true
				s.Items++
			}
		}
		if len(out.LastEvaluatedKey) == 0 {
			break
		}
		start = out.LastEvaluatedKey
	}
	for _, bucket := range srv.Resources.Buckets {
		p := s3.NewListObjectsV2Paginator(cl.S3, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatalf("listing %s: %v", bucket, err)
			}
			for _, o := range page.Contents {
				if !strings.HasPrefix(aws.ToString(o.Key), "search/") {
					s.keys[bucket+"/"+aws.ToString(o.Key)] = true
					s.Objects++
				}
			}
		}
	}
	var token *string
	for {
		out, err := cl.Cognito.ListUsers(ctx, &cip.ListUsersInput{UserPoolId: aws.String(srv.Resources.UserPoolID), PaginationToken: token})
		if err != nil {
			t.Fatalf("listing users: %v", err)
		}
		s.Users += len(out.Users)
		if out.PaginationToken == nil || *out.PaginationToken == "" {
			break
		}
		token = out.PaginationToken
	}
	return s
}

// hostileSettle waits until the background work the setup started
// (search indexing of a published course) has stored what it stores.
func hostileSettle(t *testing.T) {
	t.Helper()
	srv.Gateway.Wait()
	prev := hostileCount(t)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(300 * time.Millisecond)
		srv.Gateway.Wait()
		cur := hostileCount(t)
		if cur.same(prev) {
			return
		}
		prev = cur
	}
	t.Fatalf("the stack did not settle: %d items, %d objects, %d users", prev.Items, prev.Objects, prev.Users)
}

// hostileSetup makes the tenant and everything the routes aim at: its
// admin and a learner, a published course with a text item, a quiz (one
// question, an attempt in progress by the learner), an assignment and a PDF
// item with an upload started for it; an open batch of the course with the
// learner enrolled and an evaluation form; a pending registration.
func hostileSetup(t *testing.T) *hostileWorld {
	t.Helper()
	run := hostileRuns
	w := &hostileWorld{tenant: fmt.Sprintf("uji-hostile-%d", run)}
	w.operator = signIn(t, demo.Accounts[3].Username, demo.Accounts[3].Password).AccessToken

	var created createdTenant
	st, raw := api(t, http.MethodPost, "/tenants", w.operator, map[string]any{
		"id": w.tenant, "name": "Balai Uji Masukan Jahat", "shortName": "BUMJ", "registrationPolicy": "approval",
		"contact":    map[string]string{"email": "kontak@" + w.tenant + ".example.go.id"},
		"firstAdmin": map[string]string{"nip": fmt.Sprintf("199008152015011%03d", 700+run), "name": "Admin Uji Masukan"},
	}, &created)
	expect(t, "create the tenant", st, raw, http.StatusCreated)
	w.admin = firstSignIn(t, created.FirstAdmin.Username, created.FirstAdmin.TemporaryPassword, "AdminHostile2026").AccessToken
	base := "/tenants/" + w.tenant

	w.learnerNIK = fmt.Sprintf("517101150890%04d", 7700+run)
	var member struct {
		Membership struct {
			UserID string `json:"userId"`
		} `json:"membership"`
		Account struct {
			TemporaryPassword string `json:"temporaryPassword"`
		} `json:"account"`
	}
	st, raw = api(t, http.MethodPost, base+"/users", w.admin, map[string]string{"username": w.learnerNIK, "name": "Peserta Uji Masukan", "role": "learner"}, &member)
	expect(t, "create the learner", st, raw, http.StatusCreated)
	w.learnerID, w.learnerPassword = member.Membership.UserID, "PesertaHostile2026"
	w.learner = firstSignIn(t, w.learnerNIK, member.Account.TemporaryPassword, w.learnerPassword).AccessToken

	var id struct {
		ID     string `json:"id"`
		Course struct {
			ID string `json:"id"`
		} `json:"course"`
	}
	st, raw = api(t, http.MethodPost, base+"/courses", w.admin, map[string]any{"code": "HOSTILE-1", "title": "Keselamatan Tambang", "jp": 2}, &id)
	expect(t, "create the course", st, raw, http.StatusCreated)
	w.courseID = id.Course.ID
	c := base + "/courses/" + w.courseID
	st, raw = api(t, http.MethodPost, c+"/sections", w.admin, map[string]string{"title": "Bab 1"}, &id)
	expect(t, "add a section", st, raw, http.StatusCreated)
	w.sectionID = id.ID
	st, raw = api(t, http.MethodPost, c+"/questions", w.admin, map[string]any{"type": "truefalse", "text": "Metana mudah meledak.", "points": 1, "correct": []string{"true"}}, &id)
	expect(t, "add a question", st, raw, http.StatusCreated)
	w.questionID = id.ID
	item := func(body map[string]any) string {
		t.Helper()
		body["sectionId"] = w.sectionID
		st, raw := api(t, http.MethodPost, c+"/items", w.admin, body, &id)
		expect(t, "add a "+body["kind"].(string)+" item", st, raw, http.StatusCreated)
		return id.ID
	}
	w.textItem = item(map[string]any{"kind": "text", "title": "Gas tambang", "body": "Metana mudah meledak.", "required": true})
	w.quizItem = item(map[string]any{"kind": "quiz", "title": "Kuis gas", "required": false,
		"quiz": map[string]any{"kind": "quiz", "questionIds": []string{w.questionID}, "passPercent": 100, "review": "after-submit"}})
	w.assignItem = item(map[string]any{"kind": "assignment", "title": "Laporan", "body": "Tulis laporan.", "required": false,
		"assignment": map[string]any{"allowText": true, "allowFile": true, "fileKinds": []string{"pdf"}, "maxScore": 10}})
	w.pdfItem = item(map[string]any{"kind": "pdf", "title": "Modul"})
	st, raw = api(t, http.MethodPost, c+"/publish", w.admin, nil, nil)
	expect(t, "publish the course", st, raw, http.StatusOK)

	var up struct {
		Upload struct {
			ID string `json:"id"`
		} `json:"upload"`
	}
	st, raw = api(t, http.MethodPost, base+"/uploads", w.admin, map[string]any{"purpose": "material", "courseId": w.courseID, "itemId": w.pdfItem,
		"fileName": "modul.pdf", "contentType": "application/pdf", "size": 1024, "sha256": strings.Repeat("ab", 32)}, &up)
	expect(t, "start an upload", st, raw, http.StatusCreated)
	w.uploadID = up.Upload.ID

	st, raw = api(t, http.MethodPost, base+"/batches", w.admin, map[string]any{
		"name": "Angkatan Uji Masukan", "code": "HOSTILE-B1", "courseIds": []string{w.courseID}, "startDate": "2026-12-01", "endDate": "2026-12-12",
		"mode": "blended", "location": "Sawahlunto", "capacity": 10, "enrollmentPolicy": "open"}, &id)
	expect(t, "create the batch", st, raw, http.StatusCreated)
	w.batchID = id.ID
	b := base + "/batches/" + w.batchID
	st, raw = api(t, http.MethodPatch, b, w.admin, map[string]any{"status": "open"}, nil)
	expect(t, "open the batch", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, b+"/enrollments", w.admin, map[string]any{"userIds": []string{w.learnerID}}, nil)
	if st >= 300 {
		t.Fatalf("enroll the learner: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPut, b+"/evaluation", w.admin, map[string]any{"questions": []map[string]any{{"kind": "scale", "text": "Materi jelas", "required": true}}}, nil)
	expect(t, "set the evaluation form", st, raw, http.StatusOK)

	var attempt struct {
		ID string `json:"id"`
	}
	st, raw = api(t, http.MethodPost, c+"/items/"+w.quizItem+"/attempts", w.learner, nil, &attempt)
	if st >= 300 {
		t.Fatalf("start an attempt: %d %s", st, raw)
	}
	w.attemptID = attempt.ID

	var reg struct {
		ID string `json:"id"`
	}
	st, raw = api(t, http.MethodPost, base+"/registrations", "", map[string]string{"nik": fmt.Sprintf("517101150890%04d", 8800+run),
		"name": "Pendaftar Uji Masukan", "email": "pendaftar.hostile@example.com", "password": "Pendaftar2026"}, &reg)
	expect(t, "register", st, raw, http.StatusCreated)
	w.registrationID = reg.ID
	return w
}

// hostileFreeText is part 3: injection strings in the free-text fields of
// real edits are stored as sent and answered as inert text; Markdown is
// rendered without what would run.
func hostileFreeText(t *testing.T, w *hostileWorld) {
	t.Helper()
	base := "/tenants/" + w.tenant
	c := base + "/courses/" + w.courseID
	xss := hostileInjections[1]
	var question struct {
		Version int `json:"version"`
	}
	st, raw := api(t, http.MethodGet, c+"/questions/"+w.questionID, w.admin, nil, &question)
	expect(t, "read the question", st, raw, http.StatusOK)
	md := "# Judul\n\n" + xss + "\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)> ' OR 1=1 -- {{7*7}} ${jndi:ldap://127.0.0.1:1389/a}"
	for _, cs := range []struct {
		name, method, path, token string
		body                      map[string]any
		read                      string   // GET path that shows the stored values
		want                      []string // strings read back exactly as sent
	}{
		{"course title and description", http.MethodPatch, c, w.admin,
			map[string]any{"title": "Kursus " + xss, "description": md, "category": hostileInjections[0]}, c,
			[]string{"Kursus " + xss, md, hostileInjections[0]}},
		{"section title", http.MethodPatch, c + "/sections/" + w.sectionID, w.admin,
			map[string]any{"title": hostileInjections[2] + " " + hostileInjections[3]}, c,
			[]string{hostileInjections[2] + " " + hostileInjections[3]}},
		{"text page", http.MethodPatch, c + "/items/" + w.textItem, w.admin,
			map[string]any{"title": "Materi " + hostileInjections[0], "body": md}, c + "/items/" + w.textItem + "/content",
			[]string{"Materi " + hostileInjections[0]}},
		{"question text", http.MethodPatch, c + "/questions/" + w.questionID, w.admin,
			map[string]any{"type": "truefalse", "text": md, "points": 1, "correct": []string{"true"}, "feedback": xss, "version": question.Version},
			c + "/questions/" + w.questionID, []string{md, xss}},
		{"batch name and location", http.MethodPatch, base + "/batches/" + w.batchID, w.admin,
			map[string]any{"name": "Angkatan " + hostileInjections[0], "location": xss, "description": md}, base + "/batches/" + w.batchID,
			[]string{"Angkatan " + hostileInjections[0], xss}},
		{"assignment answer", http.MethodPut, c + "/items/" + w.assignItem + "/submission", w.learner,
			map[string]any{"text": md}, c + "/items/" + w.assignItem + "/submissions", []string{md}},
	} {
		body, _ := json.Marshal(cs.body)
		st, raw = hostileSend(t, cs.method, cs.path, cs.token, "application/json", body, nil)
		if st < 200 || st >= 300 {
			t.Errorf("%s: %d %.300s, want the edit accepted", cs.name, st, raw)
			continue
		}
		hostileInert(t, cs.name, raw)
		st, raw = hostileSend(t, http.MethodGet, cs.read, cs.token, "", nil, nil)
		if st != http.StatusOK {
			t.Errorf("%s: reading back: %d %.300s", cs.name, st, raw)
			continue
		}
		hostileInert(t, cs.name+" read back", raw)
		var v any
		_ = json.Unmarshal(raw, &v)
		strs := hostileStrings(v, nil)
		for _, want := range cs.want {
			if !slices.Contains(strs, want) {
				t.Errorf("%s: %q is not read back as sent: %.600s", cs.name, want, raw)
			}
		}
	}
}

// hostileStrings lists every string value in decoded JSON.
func hostileStrings(v any, out []string) []string {
	switch x := v.(type) {
	case string:
		out = append(out, x)
	case map[string]any:
		for _, val := range x {
			out = hostileStrings(val, out)
		}
	case []any:
		for _, val := range x {
			out = hostileStrings(val, out)
		}
	}
	return out
}

// Security headers on an API answer (a function's), on the gateway's own
// error and on the web app's index page.
func TestSecurityHeaders(t *testing.T) {
	check := func(what string, resp *http.Response, want map[string]string) {
		t.Helper()
		for k, v := range want {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", what, k, got, v)
			}
		}
	}
	api := map[string]string{
		"X-Content-Type-Options": "nosniff", "Strict-Transport-Security": httpapi.HSTS, "Referrer-Policy": httpapi.APIReferrerPolicy,
		"Content-Security-Policy": httpapi.APIContentSecurityPolicy, "Cache-Control": "no-store", "X-Frame-Options": "DENY",
	}
	resp, body := call(t, http.MethodGet, "/api/health", "", nil, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("health: %d %s", resp.StatusCode, body)
	}
	check("a function's answer", resp, api)
	resp, body = call(t, http.MethodGet, "/api/health/auth", "", nil, nil)
	requireErrorShape(t, "the gateway's refusal", resp, body, http.StatusUnauthorized, "unauthorized")
	check("the gateway's refusal", resp, api)
	resp, body = call(t, http.MethodGet, "/api/no/such/route", "", nil, nil)
	requireErrorShape(t, "the gateway's unknown route", resp, body, http.StatusNotFound, "route_not_found")
	check("the gateway's unknown route", resp, api)

	// The web server's headers do not depend on the build being there
	// (TestWebAppIsServedOnTheSameOrigin checks the page itself).
	resp, _ = call(t, http.MethodGet, "/", "", nil, nil)
	check("the web index", resp, map[string]string{"X-Content-Type-Options": "nosniff", "Strict-Transport-Security": httpapi.HSTS,
		"Referrer-Policy": httpapi.WebReferrerPolicy, "X-Frame-Options": "DENY"})
	csp := resp.Header.Get("Content-Security-Policy")
	s3 := srv.Stack.SDKEnv()["AWS_ENDPOINT_URL_S3"]
	for _, want := range []string{"script-src 'self';", "frame-ancestors 'none'", "object-src 'none'", "connect-src 'self' " + strings.TrimRight(s3, "/")} {
		if !strings.Contains(csp, want) {
			t.Errorf("web index CSP %q lacks %q", csp, want)
		}
	}
}
