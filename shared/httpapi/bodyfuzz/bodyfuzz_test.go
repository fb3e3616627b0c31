package bodyfuzz

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestDecodedTypesFindsEveryCall(t *testing.T) {
	got, err := DecodedTypes("testdata/handlers")
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i].Pos = ""
	}
	want := []Decoded{
		{Type: "loginRequest", Limit: 4 << 10},
		{Type: "noteRequest", Optional: true, Limit: 2048},
		{Type: "struct{}", Optional: true, Limit: 1 << 10},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DecodedTypes = %+v, want %+v", got, want)
	}
	if _, err := DecodedTypes("testdata/unresolved"); err == nil || !strings.Contains(err.Error(), "cannot tell") {
		t.Errorf("an unresolvable call: %v", err)
	}
}

type loginRequest struct {
	Username string `json:"username"`
}

type noteRequest struct {
	Text string `json:"text"`
}

// RequireListed fails on a missing type, a wrong limit, a missing Optional
// and a stale entry; it passes on the exact list.
func TestRequireListed(t *testing.T) {
	exact := []Body{
		{New: func() any { return new(loginRequest) }, Limit: 4 << 10},
		{New: func() any { return new(noteRequest) }, Limit: 2048, Optional: true},
		{New: func() any { return new(struct{}) }, Limit: 1 << 10, Optional: true},
	}
	if failed(exact) {
		t.Error("the exact list failed")
	}
	type stale struct{ X int }
	for name, bodies := range map[string][]Body{
		"missing":  exact[:2],
		"limit":    {exact[0], {New: exact[1].New, Limit: 4096, Optional: true}, exact[2]},
		"optional": {exact[0], {New: exact[1].New, Limit: 2048}, exact[2]},
		"stale":    append(append([]Body{}, exact...), Body{New: func() any { return new(stale) }, Limit: 1}),
	} {
		if !failed(bodies) {
			t.Errorf("%s: the list passed", name)
		}
	}
}

// recorder is a Reporter that only remembers a failure.
type recorder struct{ failed bool }

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }

func failed(bodies []Body) bool {
	var r recorder
	RequireListed(&r, "testdata/handlers", bodies)
	return r.failed
}

type nested struct {
	Name  string            `json:"name"`
	Items []struct{ A int } `json:"items"`
	Skip  string            `json:"-"`
	Map   map[string]struct {
		B string `json:"b"`
	} `json:"map"`
}

func TestUnknownKey(t *testing.T) {
	typ := reflect.TypeFor[nested]()
	for _, c := range []struct {
		in   any
		path string
	}{
		{map[string]any{"name": "x", "NAME": "y"}, ""},
		{map[string]any{"items": []any{map[string]any{"A": 1.0, "a": 2.0}}}, ""},
		{map[string]any{"map": map[string]any{"k": map[string]any{"b": "x"}}}, ""},
		{map[string]any{"Skip": "x"}, ".Skip"},
		{map[string]any{"items": []any{map[string]any{"C": 1.0}}}, ".items[0].C"},
		{map[string]any{"map": map[string]any{"k": map[string]any{"c": "x"}}}, ".map.k.c"},
	} {
		path, ok := unknownKey(typ, c.in, "")
		if ok != (c.path == "") || path != c.path {
			t.Errorf("unknownKey(%v) = %q, %v; want %q", c.in, path, ok, c.path)
		}
	}
}

func TestNameOfAnonymousStructs(t *testing.T) {
	for want, b := range map[string]Body{
		"struct{}": {New: func() any { return new(struct{}) }},
		"struct{Versionint}": {New: func() any {
			return new(struct {
				Version int `json:"version"`
			})
		}},
		"struct{Yearint;Monthint}": {New: func() any { return new(struct{ Year, Month int }) }},
		"loginRequest":             {New: func() any { return new(loginRequest) }},
	} {
		if got := b.Name(); got != want {
			t.Errorf("Name() = %q, want %q", got, want)
		}
	}
}

// Every package whose handlers decode JSON bodies has a FuzzRequestBodies
// target whose list RequireListed keeps complete: a new API package cannot
// go unfuzzed.
func TestEveryAPIPackageIsFuzzed(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "*"))
	if err != nil {
		t.Fatal(err)
	}
	fuzzed := 0
	for _, dir := range dirs {
		found, err := DecodedTypes(dir)
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		if len(found) == 0 {
			continue
		}
		tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		ok := false
		for _, f := range tests {
			src, _ := os.ReadFile(f)
			if strings.Contains(string(src), "func FuzzRequestBodies(") && strings.Contains(string(src), "bodyfuzz.RequireListed(") {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s decodes request bodies (%s, ...) but has no FuzzRequestBodies target with bodyfuzz.RequireListed: copy shared/authapi/fuzz_test.go", dir, found[0].Pos)
		}
		fuzzed++
	}
	if fuzzed < 4 {
		t.Errorf("only %d API packages found", fuzzed)
	}
}
