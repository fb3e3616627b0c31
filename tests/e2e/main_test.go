// Package e2e drives the web app in a real browser (Debian's chromium via
// playwright-core) against the whole local stack: TestMain starts it as
// make dev does (seeded, serving web/dist), the tests set up data through
// the API in Go, then run the Node scripts under web/e2e with the base URL
// and the ids in environment variables.
package e2e

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"lms/infra/devserver"
)

var (
	srv  *devserver.Server
	root string
)

func TestMain(m *testing.M) {
	_, file, _, _ := runtime.Caller(0)
	root = filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
	os.Exit(run(m))
}

func run(m *testing.M) int {
	vgw := os.Getenv("LMS_VERSITYGW")
	if vgw == "" {
		// Not under make (go test ./... or make unit): nothing to drive.
		fmt.Println("skipping the end-to-end tests: LMS_VERSITYGW is not set (make test runs them with the local stack)")
		return 0
	}
	if _, err := os.Stat(filepath.Join(root, "web", "dist", "index.html")); err != nil {
		fmt.Fprintln(os.Stderr, "web/dist is not built: run make build-web")
		return 1
	}
	data, err := os.MkdirTemp("", "lms-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(data)
	var services io.Writer = io.Discard
	if os.Getenv("LMS_TEST_VERBOSE") != "" {
		services = os.Stderr
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	srv, err = devserver.Start(ctx, devserver.Options{
		Root: root, DataDir: data, VersityGW: vgw, WebDir: filepath.Join(root, "web", "dist"),
		Addr: "127.0.0.1:0", Log: services, FunctionLog: services, Seed: true,
		RetryDelay: 20 * time.Millisecond,
	})
	if err != nil {
		if srv != nil {
			srv.Close()
		}
		fmt.Fprintln(os.Stderr, "starting the local stack:", err)
		return 1
	}
	defer srv.Close()
	return m.Run()
}

// browserReady skips when the browser or Node is missing outside make test
// (make deps-system installs chromium); under CI it fails instead.
func browserReady(t *testing.T) {
	t.Helper()
	for _, bin := range []string{"/usr/bin/chromium", "node"} {
		if _, err := exec.LookPath(bin); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing: run make deps-system", bin)
			}
			t.Skipf("%s is missing: run make deps-system", bin)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "web", "node_modules", "playwright-core")); err != nil {
		t.Fatalf("playwright-core is not installed in web/: run make deps-node")
	}
}

// runSpec runs web/e2e/<spec> with node and env; the test fails when node
// exits non-zero. Its output is streamed to the test log.
func runSpec(t *testing.T, spec string, env map[string]string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("e2e", spec))
	cmd.Dir = filepath.Join(root, "web")
	cmd.Env = append(os.Environ(), "BASE_URL="+srv.URL, "ARTIFACTS="+filepath.Join(root, "web", "e2e", "artifacts"))
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	w := &testWriter{t: t}
	cmd.Stdout, cmd.Stderr = w, w
	start := time.Now()
	err := cmd.Run()
	w.flush()
	if err != nil {
		t.Fatalf("node e2e/%s: %v (after %s)", spec, err, time.Since(start).Round(time.Millisecond))
	}
	t.Logf("node e2e/%s passed in %s", spec, time.Since(start).Round(time.Millisecond))
}

// testWriter sends a process's output to t.Log line by line.
type testWriter struct {
	t   *testing.T
	buf []byte
}

func (w *testWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		i := indexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.t.Log(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
}

func (w *testWriter) flush() {
	if len(w.buf) > 0 {
		w.t.Log(string(w.buf))
		w.buf = nil
	}
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}
