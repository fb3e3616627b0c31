package version

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func TestCurrent(t *testing.T) {
	defer func(v, c, b string) { Version, Commit, BuiltAt = v, c, b }(Version, Commit, BuiltAt)

	tests := []struct {
		name                     string
		version, commit, builtAt string
	}{
		{"unstamped", "dev", "unknown", "unknown"},
		{"stamped", "v1.4.0", "3f2a9c1", "2025-03-14T09:26:53Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			Version, Commit, BuiltAt = tc.version, tc.commit, tc.builtAt
			want := Info{Version: tc.version, Commit: tc.commit, BuiltAt: tc.builtAt, GoVersion: runtime.Version()}
			if got := Current(); got != want {
				t.Errorf("Current() = %+v, want %+v", got, want)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	// Tests run unstamped (go test sets no -ldflags -X).
	if Version != "dev" || Commit != "unknown" || BuiltAt != "unknown" {
		t.Errorf("defaults = %q %q %q", Version, Commit, BuiltAt)
	}
}

func TestInfoJSON(t *testing.T) {
	b, err := json.Marshal(Info{Version: "v", Commit: "c", BuiltAt: "b", GoVersion: "g"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"version":"v","commit":"c","builtAt":"b","goVersion":"g"}`; string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
}

func TestFunctionsWellFormed(t *testing.T) {
	if len(Functions) == 0 {
		t.Fatal("no functions")
	}
	name := regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	seen := map[string]bool{}
	for _, f := range Functions {
		if !name.MatchString(f) {
			t.Errorf("function name %q is not a lower-case word", f)
		}
		if seen[f] {
			t.Errorf("function %q listed twice", f)
		}
		seen[f] = true
	}
}

// Every listed function has its main package, and every main package is listed.
func TestFunctionsMatchFunctionsDir(t *testing.T) {
	dir := filepath.Join("..", "..", "functions")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("no functions directory: %v", err)
	}
	var onDisk []string
	for _, e := range entries {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join(dir, e.Name(), "main.go")); err == nil {
				onDisk = append(onDisk, e.Name())
			}
		}
	}
	listed := map[string]bool{}
	for _, f := range Functions {
		listed[f] = true
		if _, err := os.Stat(filepath.Join(dir, f, "main.go")); err != nil {
			t.Errorf("function %q has no functions/%s/main.go", f, f)
		}
	}
	for _, d := range onDisk {
		if !listed[d] {
			t.Errorf("functions/%s is not in version.Functions", d)
		}
	}
}

// Functions is in template order: the resources "<Name>Function" of type
// AWS::Serverless::Function in template.yaml, lower-cased.
func TestFunctionsMatchTemplate(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "template.yaml"))
	if err != nil {
		t.Skipf("no template.yaml: %v", err)
	}
	defer f.Close()

	resource := regexp.MustCompile(`^  ([A-Z][A-Za-z0-9]*)Function:\s*$`)
	var inTemplate []string
	pending := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m := resource.FindStringSubmatch(line); m != nil {
			pending = m[1]
			continue
		}
		if pending != "" && strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			if strings.TrimSpace(line) == "Type: AWS::Serverless::Function" {
				inTemplate = append(inTemplate, strings.ToLower(pending))
			}
			pending = ""
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(inTemplate, ",") != strings.Join(Functions, ",") {
		t.Errorf("template.yaml functions %v, version.Functions %v", inTemplate, Functions)
	}
}
