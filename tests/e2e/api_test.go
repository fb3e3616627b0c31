package e2e

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"lms/infra/demo"
	"lms/tests/testkit"
)

const tenant = demo.TenantID

// api calls the API with a JSON body (nil for none) and decodes the answer
// into out (when not nil). It returns the status and the raw body.
func api(t testing.TB, method, path, token string, body any, out any) (int, []byte) {
	t.Helper()
	return testkit.Call(t, srv.URL, method, path, token, body, out)
}

// must fails unless the call answered want.
func must(t testing.TB, what string, want int) func(int, []byte) {
	return func(status int, raw []byte) {
		t.Helper()
		if status != want {
			t.Fatalf("%s: status %d, want %d: %s", what, status, want, raw)
		}
	}
}

func adminToken(t testing.TB) string {
	t.Helper()
	a := demo.Accounts[0]
	var tk struct {
		AccessToken string `json:"accessToken"`
	}
	must(t, "admin login", http.StatusOK)(api(t, http.MethodPost, "/auth/login", "", map[string]string{"username": a.Username, "password": a.Password}, &tk))
	return tk.AccessToken
}

type upload struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Reason string `json:"reasonMessage"`
}

// uploadMaterial sends a file for an item as a browser would (presigned
// PUT with the headers it was signed with) and waits until it is processed.
func uploadMaterial(t *testing.T, admin, courseID, itemID, name, ctype string, data []byte) {
	t.Helper()
	sum := sha256.Sum256(data)
	var started struct {
		Upload upload `json:"upload"`
		Put    struct {
			Method  string            `json:"method"`
			URL     string            `json:"url"`
			Headers map[string]string `json:"headers"`
		} `json:"put"`
	}
	must(t, "start upload "+name, http.StatusCreated)(api(t, http.MethodPost, "/tenants/"+tenant+"/uploads", admin, map[string]any{
		"purpose": "material", "courseId": courseID, "itemId": itemID, "fileName": name, "size": len(data),
		"contentType": ctype, "sha256": hex.EncodeToString(sum[:])}, &started))
	req, err := http.NewRequest(started.Put.Method, started.Put.URL, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range started.Put.Headers {
		req.Header.Set(k, v)
	}
	req.ContentLength = int64(len(data))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT %s: %d", name, resp.StatusCode)
	}
	must(t, "complete upload "+name, http.StatusOK)(api(t, http.MethodPost, "/tenants/"+tenant+"/uploads/"+started.Upload.ID+"/complete", admin, nil, nil))
	deadline := time.Now().Add(3 * time.Minute)
	for {
		var u upload
		must(t, "upload status", http.StatusOK)(api(t, http.MethodGet, "/tenants/"+tenant+"/uploads/"+started.Upload.ID, admin, nil, &u))
		if u.Status == "ready" {
			return
		}
		if u.Status == "failed" {
			t.Fatalf("upload %s failed: %s", name, u.Reason)
		}
		if time.Now().After(deadline) {
			t.Fatalf("upload %s still %s", name, u.Status)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// makeVideo generates a 10-second 640x360 H.264/AAC test video.
func makeVideo(t *testing.T) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "video.mp4")
	cmd := exec.Command("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
		"-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=10", "-f", "lavfi", "-i", "sine=frequency=440:duration=10",
		"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// makePDF writes a one-page PDF whose text is lines.
func makePDF(t *testing.T, lines ...string) []byte { return testkit.PDF(t, lines...) }
