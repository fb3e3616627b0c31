// Package contract checks that the three descriptions of the API agree:
// template.yaml (what API Gateway routes), docs/openapi.yaml (what clients
// are told) and the functions' own routers (what the handlers serve).
package contract

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"lms/infra/localgw"
	"lms/infra/samtemplate"
	"lms/shared/appenv"
	"lms/shared/clock"
	"lms/shared/config"
	"lms/shared/httpapi"
	"lms/shared/logging"
)

type op struct {
	method, path string
	public       bool
}

func (o op) String() string {
	s := o.method + " " + o.path
	if o.public {
		s += " (public)"
	}
	return s
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

func templateOps(t *testing.T) (map[string][]op, []op) {
	tpl, err := samtemplate.Load(filepath.Join(repoRoot(), "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fns, err := tpl.Functions()
	if err != nil {
		t.Fatal(err)
	}
	byFunction := map[string][]op{}
	var all []op
	for _, f := range fns {
		for _, r := range f.Routes {
			o := op{r.Method, r.Path, r.Public}
			byFunction[f.LogicalID] = append(byFunction[f.LogicalID], o)
			all = append(all, o)
		}
	}
	return byFunction, all
}

func openAPIOps(t *testing.T) []op {
	b, err := os.ReadFile(filepath.Join(repoRoot(), "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI  string                               `yaml:"openapi"`
		Security []map[string][]string                `yaml:"security"`
		Paths    map[string]map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Fatalf("openapi version %q, want 3.1.x", doc.OpenAPI)
	}
	if len(doc.Security) == 0 {
		t.Fatal("the document must require authentication by default")
	}
	var out []op
	for path, methods := range doc.Paths {
		for method, body := range methods {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			if _, ok := body["responses"]; !ok {
				t.Errorf("%s %s has no responses", method, path)
			}
			if _, ok := body["operationId"]; !ok {
				t.Errorf("%s %s has no operationId", method, path)
			}
			sec, declared := body["security"]
			public := declared && sec != nil && len(sec.([]any)) == 0
			out = append(out, op{strings.ToUpper(method), path, public})
		}
	}
	return out
}

func sorted(ops []op) []string {
	out := make([]string, len(ops))
	for i, o := range ops {
		out[i] = o.String()
	}
	sort.Strings(out)
	return out
}

func diff(t *testing.T, what string, a, b []string) {
	t.Helper()
	as, bs := map[string]bool{}, map[string]bool{}
	for _, x := range a {
		as[x] = true
	}
	for _, x := range b {
		bs[x] = true
	}
	for _, x := range a {
		if !bs[x] {
			t.Errorf("%s: %s is only on the first side", what, x)
		}
	}
	for _, x := range b {
		if !as[x] {
			t.Errorf("%s: %s is only on the second side", what, x)
		}
	}
}

func TestTemplateAndOpenAPIAgree(t *testing.T) {
	_, tplOps := templateOps(t)
	diff(t, "template.yaml vs docs/openapi.yaml", sorted(tplOps), sorted(openAPIOps(t)))
}

// Each function's router serves exactly the routes the template sends it.
func TestHandlersServeTheirTemplateRoutes(t *testing.T) {
	byFunction, _ := templateOps(t)
	env := appenv.Env{Config: config.Config{UserPoolClientID: "client"}, Log: logging.New(io.Discard, "ERROR", "contract"), Clock: clock.System{}}
	for id, factory := range localgw.Functions {
		if factory.HTTP == nil {
			if len(byFunction[id]) > 0 {
				t.Errorf("%s has HTTP routes in the template but no HTTP handler", id)
			}
			continue
		}
		h, err := factory.HTTP(env)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		lister, ok := h.(interface{ Routes() []httpapi.Route })
		if !ok {
			t.Fatalf("%s's handler does not list its routes", id)
		}
		var served []string
		for _, r := range lister.Routes() {
			served = append(served, r.Method+" "+r.Path)
		}
		var routed []string
		for _, o := range byFunction[id] {
			routed = append(routed, o.method+" "+o.path)
		}
		sort.Strings(served)
		sort.Strings(routed)
		diff(t, id+": template vs handler", routed, served)
		if len(routed) == 0 {
			t.Errorf("%s has no route", id)
		}
	}
}

func TestEveryTemplateFunctionHasAHandler(t *testing.T) {
	tpl, err := samtemplate.Load(filepath.Join(repoRoot(), "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fns, _ := tpl.Functions()
	for _, f := range fns {
		if _, ok := localgw.Functions[f.LogicalID]; !ok {
			t.Errorf("%s has no handler registered for the local gateway", f.LogicalID)
		}
		if _, err := os.Stat(filepath.Join(repoRoot(), "functions", f.Name, "main.go")); err != nil {
			t.Errorf("%s has no functions/%s/main.go", f.LogicalID, f.Name)
		}
	}
	if len(localgw.Functions) != len(fns) {
		t.Errorf("%d handlers registered for %d template functions", len(localgw.Functions), len(fns))
	}
}
