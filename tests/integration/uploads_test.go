package integration

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"lms/infra/demo"
	"lms/infra/localgw"
)

type presignedView struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
}

type uploadView struct {
	ID            string `json:"id"`
	Status        string `json:"status"`
	Reason        string `json:"reason"`
	ReasonMessage string `json:"reasonMessage"`
	Multipart     bool   `json:"multipart"`
	PartSize      int64  `json:"partSize"`
	PartCount     int    `json:"partCount"`
	Attempts      int    `json:"attempts"`
	Version       int    `json:"version"`
	Result        *struct {
		Kind            string   `json:"kind"`
		DurationSeconds float64  `json:"durationSeconds"`
		Height          int      `json:"height"`
		Pages           int      `json:"pages"`
		Renditions      []string `json:"renditions"`
		Playlist        string   `json:"playlist"`
		Poster          string   `json:"poster"`
		Files           []struct {
			Path string `json:"path"`
		} `json:"files"`
	} `json:"result"`
}

type startedView struct {
	Upload uploadView     `json:"upload"`
	Put    *presignedView `json:"put"`
}

// send makes a presigned request with the headers it was signed with.
func send(t testing.TB, p presignedView, body []byte) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(p.Method, p.URL, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range p.Headers {
		req.Header.Set(k, v)
	}
	req.ContentLength = int64(len(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return resp.StatusCode, resp.Header.Get("ETag"), b.String()
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// waitUpload polls an upload until it leaves uploading/processing (bounded).
func waitUpload(t testing.TB, token, id string) uploadView {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		var u uploadView
		st, raw := api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/uploads/"+id, token, nil, &u)
		expect(t, "upload status", st, raw, http.StatusOK)
		if u.Status == "ready" || u.Status == "failed" {
			return u
		}
		if time.Now().After(deadline) {
			t.Fatalf("upload %s still %s", id, u.Status)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// materialCourse makes a draft course with one item of each material kind.
func materialCourse(t testing.TB, admin, code string) (courseID string, items map[string]string) {
	t.Helper()
	base := "/tenants/" + demo.TenantID + "/courses"
	var o outlineView
	st, raw := api(t, http.MethodPost, base, admin, map[string]any{"code": code, "title": "Materi Unggahan " + code, "jp": 2}, &o)
	expect(t, "create course", st, raw, http.StatusCreated)
	courseID = o.Course.ID
	var s sectionView
	st, raw = api(t, http.MethodPost, base+"/"+courseID+"/sections", admin, map[string]any{"title": "Bab 1"}, &s)
	expect(t, "section", st, raw, http.StatusCreated)
	items = map[string]string{}
	for _, kind := range []string{"video", "pdf", "document", "presentation", "image", "audio"} {
		var it itemView
		st, raw = api(t, http.MethodPost, base+"/"+courseID+"/items", admin, map[string]any{"sectionId": s.ID, "kind": kind, "title": "Materi " + kind}, &it)
		expect(t, "item "+kind, st, raw, http.StatusCreated)
		items[kind] = it.ID
	}
	return courseID, items
}

func ffmpeg(t testing.TB, args ...string) {
	t.Helper()
	if out, err := exec.Command("ffmpeg", append([]string{"-hide_banner", "-loglevel", "error", "-y"}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v %s", args, err, out)
	}
}

// A generated 20-second 720p video goes up with the presigned request and
// ends ready; ffprobe reads every rendition of its HLS output with the
// expected heights; a duplicated S3 event changes nothing.
func TestVideoUploadBecomesHLS(t *testing.T) {
	if _, err := exec.LookPath("ffprobe"); err != nil {
		t.Skip("ffmpeg is not installed")
	}
	admin := adminToken(t)
	courseID, items := materialCourse(t, admin, "UPL-VID")
	dir := t.TempDir()
	src := filepath.Join(dir, "kuliah.mp4")
	ffmpeg(t, "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=20", "-f", "lavfi", "-i", "sine=frequency=440:duration=20",
		"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", src)
	video, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var started startedView
	st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", admin, map[string]any{"purpose": "material", "courseId": courseID,
		"itemId": items["video"], "fileName": "Kuliah Umum K3.mp4", "size": len(video), "contentType": "video/mp4", "sha256": sha(video)}, &started)
	expect(t, "start upload", st, raw, http.StatusCreated)
	if started.Put == nil || started.Upload.Status != "uploading" || started.Upload.Multipart {
		t.Fatalf("start: %s", raw)
	}
	// The item shows the upload as not ready yet.
	var o outlineView
	api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/courses/"+courseID, admin, nil, &o)
	if got := itemStatus(o, items["video"]); got != "uploading" {
		t.Fatalf("item material status %q", got)
	}
	if code, _, body := send(t, *started.Put, video); code != http.StatusOK {
		t.Fatalf("PUT: %d %s", code, body)
	}
	st, raw = api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads/"+started.Upload.ID+"/complete", admin, nil, nil)
	expect(t, "complete", st, raw, http.StatusOK)
	u := waitUpload(t, admin, started.Upload.ID)
	if u.Status != "ready" || u.Result == nil || u.Result.Playlist != "master.m3u8" || u.Result.Poster == "" {
		t.Fatalf("upload: %+v", u)
	}
	if d := u.Result.DurationSeconds; d < 19.5 || d > 20.5 {
		t.Fatalf("duration %v", d)
	}
	api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/courses/"+courseID, admin, nil, &o)
	if got := itemStatus(o, items["video"]); got != "ready" {
		t.Fatalf("item material status %q after processing", got)
	}

	// Every rendition, read back from S3 by ffprobe.
	ctx := context.Background()
	cl := srv.Stack.Clients().S3
	bucket := srv.Resources.Buckets["MaterialsBucket"]
	prefix := "derived/" + demo.TenantID + "/" + u.ID + "/"
	out := filepath.Join(dir, "hls")
	for _, f := range u.Result.Files {
		obj, err := cl.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(prefix + f.Path)})
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		var b bytes.Buffer
		_, _ = b.ReadFrom(obj.Body)
		obj.Body.Close()
		local := filepath.Join(out, filepath.FromSlash(f.Path))
		_ = os.MkdirAll(filepath.Dir(local), 0o755)
		if err := os.WriteFile(local, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var heights []int
	for _, name := range u.Result.Renditions {
		probe, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=height:format=duration",
			"-of", "json", filepath.Join(out, name, "index.m3u8")).Output()
		if err != nil {
			t.Fatalf("ffprobe %s: %v", name, err)
		}
		var p struct {
			Streams []struct {
				Height int `json:"height"`
			} `json:"streams"`
			Format struct {
				Duration string `json:"duration"`
			} `json:"format"`
		}
		if err := json.Unmarshal(probe, &p); err != nil || len(p.Streams) != 1 {
			t.Fatalf("ffprobe %s: %s", name, probe)
		}
		d, _ := strconv.ParseFloat(p.Format.Duration, 64)
		if d < 19 || d > 21 {
			t.Errorf("%s lasts %v s", name, d)
		}
		heights = append(heights, p.Streams[0].Height)
	}
	sort.Ints(heights)
	if fmt.Sprint(heights) != "[240 360 720]" {
		t.Fatalf("rendition heights %v (%v)", heights, u.Result.Renditions)
	}

	// Delivery: the content answer links the poster and the API's master
	// playlist, whose segment links are signed; a player (ffprobe here)
	// reads the stream through them with the caller's token alone.
	var m struct {
		HLS        string   `json:"hls"`
		Poster     string   `json:"poster"`
		Download   string   `json:"download"`
		Renditions []string `json:"renditions"`
	}
	itemBase := "/tenants/" + demo.TenantID + "/courses/" + courseID + "/items/" + items["video"]
	st, raw = api(t, http.MethodGet, itemBase+"/content", admin, nil, &m)
	expect(t, "content", st, raw, http.StatusOK)
	if m.HLS != "/api"+itemBase+"/media/master.m3u8" && m.HLS != itemBase+"/media/master.m3u8" || m.Poster == "" || m.Download != "" || len(m.Renditions) != 3 {
		t.Fatalf("content: %s", raw)
	}
	if resp, err := http.Get(m.Poster); err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("poster: %v %v", err, resp)
	}
	master := srv.URL + "/api" + strings.TrimPrefix(m.HLS, "/api")
	probe, err := exec.Command("ffprobe", "-v", "error", "-headers", "Authorization: Bearer "+admin+"\r\n",
		"-select_streams", "v", "-show_entries", "stream=height", "-of", "csv=p=0", master).CombinedOutput()
	if err != nil || !strings.Contains(string(probe), "720") || !strings.Contains(string(probe), "240") {
		t.Fatalf("ffprobe through the API: %v %s", err, probe)
	}
	req, _ := http.NewRequest(http.MethodGet, master, nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var pl bytes.Buffer
	_, _ = pl.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "application/vnd.apple.mpegurl" || !strings.Contains(pl.String(), "\n720p/index.m3u8\n") {
		t.Fatalf("master playlist: %s", pl.String())
	}
	req, _ = http.NewRequest(http.MethodGet, srv.URL+"/api"+itemBase+"/media/240p/index.m3u8", nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	pl.Reset()
	_, _ = pl.ReadFrom(resp.Body)
	resp.Body.Close()
	if !strings.Contains(pl.String(), "X-Amz-Signature=") || strings.Contains(pl.String(), "\nseg_") {
		t.Fatalf("variant playlist links are not signed: %s", pl.String())
	}
	for _, bad := range []string{"nope.ts", "..%2F..%2Fraw", "master.m3u8%00", "240p/../../x"} {
		if st, _ := api(t, http.MethodGet, itemBase+"/media/"+bad, admin, nil, nil); st != http.StatusNotFound && st != http.StatusBadRequest {
			t.Errorf("media %s: %d", bad, st)
		}
	}
	// A learner without access to the (draft) course gets nothing.
	if st, _ := api(t, http.MethodGet, itemBase+"/media/master.m3u8", demoLearnerToken(t), nil, nil); st != http.StatusNotFound {
		t.Fatalf("learner without access: %d", st)
	}

	// A duplicated S3 event (the same record delivered again) changes
	// nothing: same status, same attempt count, no reprocessing.
	before := u
	resend(t, bucket, "raw/"+demo.TenantID+"/"+u.ID+"/Kuliah_Umum_K3.mp4", len(video))
	after := waitUpload(t, admin, u.ID)
	if after.Version != before.Version || after.Attempts != before.Attempts || after.Status != "ready" {
		t.Fatalf("a duplicated event changed the upload: before %+v after %+v", before, after)
	}
}

func itemStatus(o outlineView, itemID string) string {
	for _, s := range o.Sections {
		for _, it := range s.Items {
			if it.ID == itemID {
				return it.MaterialStatus
			}
		}
	}
	return "?"
}

// resend delivers an object's ObjectCreated event again through the S3
// webhook, as S3 may (at least once), and waits until both functions have
// handled it.
func resend(t *testing.T, bucket, key string, size int) {
	t.Helper()
	obj, err := srv.Stack.Clients().S3.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	marker := fmt.Sprintf("dup-%d", time.Now().UnixNano())
	doc := map[string]any{"Records": []map[string]any{{
		"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "ap-southeast-3", "eventTime": time.Now().UTC().Format(time.RFC3339),
		"eventName": "s3:ObjectCreated:Put",
		"s3": map[string]any{"s3SchemaVersion": "1.0", "configurationId": marker, "bucket": map[string]any{"name": bucket},
			"object": map[string]any{"key": key, "size": size, "eTag": strings.Trim(aws.ToString(obj.ETag), `"`), "sequencer": marker}},
	}}}
	body, _ := json.Marshal(doc)
	resp, err := http.Post(srv.URL+localgw.WebhookPath(srv.WebhookToken), "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("webhook: %d", resp.StatusCode)
	}
	events.waitFor(t, "the duplicate to be handled", func(invs []localgw.Invocation) bool {
		done := map[string]bool{}
		for _, inv := range invs {
			if strings.Contains(inv.Event.Records[0].SNS.Message, marker) && (inv.Err == nil || inv.DeadLettered) {
				done[inv.Function] = true
			}
		}
		return done["TranscodeFunction"] && done["IndexFunction"]
	})
}

// Bad files fail with a clear message and are not retried: a truncated
// MP4, a PDF renamed .mp4, an oversized declaration, a wrong checksum
// (refused by S3 on a single PUT, caught by transcode after a multipart
// upload, whose parts S3 cannot check against the whole file's hash).
func TestUploadFailures(t *testing.T) {
	admin := adminToken(t)
	courseID, items := materialCourse(t, admin, "UPL-BAD")
	dir := t.TempDir()
	start := func(item, name, ctype string, size int, sum string) (startedView, int, []byte) {
		var s startedView
		st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", admin, map[string]any{"purpose": "material", "courseId": courseID,
			"itemId": item, "fileName": name, "size": size, "contentType": ctype, "sha256": sum}, &s)
		return s, st, raw
	}
	put := func(s startedView, body []byte) {
		if code, _, resp := send(t, *s.Put, body); code != http.StatusOK {
			t.Fatalf("PUT: %d %s", code, resp)
		}
	}

	// Oversized: refused before anything is stored.
	if _, st, raw := start(items["video"], "besar.mp4", "video/mp4", 6<<30, strings.Repeat("a", 64)); st != http.StatusBadRequest || !strings.Contains(string(raw), "upload_too_large") {
		t.Fatalf("oversized: %d %s", st, raw)
	}
	// Not on the allowlist, or name and type disagreeing.
	for _, c := range [][2]string{{"skrip.exe", "application/octet-stream"}, {"video.mp4", "application/pdf"}, {"materi.pdf", "video/mp4"}} {
		if _, st, raw := start(items["video"], c[0], c[1], 100, strings.Repeat("a", 64)); st != http.StatusBadRequest || !strings.Contains(string(raw), "upload_type_not_allowed") {
			t.Errorf("%v: %d %s", c, st, raw)
		}
	}
	// A PDF for a video item is refused at once (the item's kind).
	if _, st, raw := start(items["video"], "materi.pdf", "application/pdf", 100, strings.Repeat("a", 64)); st != http.StatusBadRequest || !strings.Contains(string(raw), "upload_item_kind") {
		t.Fatalf("pdf for a video item: %d %s", st, raw)
	}

	// A PDF renamed .mp4: the bytes tell.
	pdf := []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
	s, st, raw := start(items["video"], "video-pelatihan.mp4", "video/mp4", len(pdf), sha(pdf))
	expect(t, "start renamed pdf", st, raw, http.StatusCreated)
	put(s, pdf)
	u := waitUpload(t, admin, s.Upload.ID)
	if u.Status != "failed" || u.Reason != "wrong_content" || !strings.Contains(u.ReasonMessage, "PDF") || !strings.Contains(u.ReasonMessage, "bukan video") {
		t.Fatalf("renamed PDF: %+v", u)
	}

	// A truncated MP4 (cut to 60%: the index at the end is gone).
	src := filepath.Join(dir, "utuh.mp4")
	ffmpeg(t, "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", src)
	whole, _ := os.ReadFile(src)
	cut := whole[:len(whole)*6/10]
	s, st, raw = start(items["video"], "terpotong.mp4", "video/mp4", len(cut), sha(cut))
	expect(t, "start truncated", st, raw, http.StatusCreated)
	put(s, cut)
	u = waitUpload(t, admin, s.Upload.ID)
	if u.Status != "failed" || (u.Reason != "truncated" && u.Reason != "corrupt") || u.ReasonMessage == "" || u.Attempts != 1 {
		t.Fatalf("truncated MP4: %+v", u)
	}

	// Wrong checksum on a single PUT: S3 refuses the bytes.
	s, st, raw = start(items["pdf"], "modul.pdf", "application/pdf", len(pdf), sha([]byte("lain")))
	expect(t, "start wrong checksum", st, raw, http.StatusCreated)
	if code, _, body := send(t, *s.Put, pdf); code != http.StatusBadRequest || !strings.Contains(body, "BadDigest") {
		t.Fatalf("PUT with a wrong checksum: %d %s", code, body)
	}
	st, raw = api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads/"+s.Upload.ID+"/complete", admin, nil, nil)
	if st != http.StatusConflict || errorCode(raw) != "upload_missing" {
		t.Fatalf("complete without the object: %d %s", st, raw)
	}
	// The presigned PUT is bound to the declared length too.
	if code, _, _ := send(t, *s.Put, append(pdf, ' ')); code == http.StatusOK {
		t.Fatal("a longer body was accepted")
	}

	// Multipart (above 100 MB): parts presigned on request, then complete;
	// the declared SHA-256 is wrong, which transcode finds.
	size := 100<<20 + 5<<20
	big := bytes.Repeat([]byte("materi pelatihan "), size/17+1)[:size]
	s, st, raw = start(items["pdf"], "lampiran.pdf", "application/pdf", size, sha([]byte("bukan ini")))
	expect(t, "start multipart", st, raw, http.StatusCreated)
	if !s.Upload.Multipart || s.Put != nil || s.Upload.PartCount != 7 {
		t.Fatalf("multipart start: %s", raw)
	}
	base := "/tenants/" + demo.TenantID + "/uploads/" + s.Upload.ID
	var parts struct {
		Parts []struct {
			PartNumber int   `json:"partNumber"`
			Size       int64 `json:"size"`
			presignedView
		} `json:"parts"`
	}
	st, raw = api(t, http.MethodPost, base+"/parts", admin, map[string]any{"partNumbers": []int{1, 2, 3, 4, 5, 6, 7}}, &parts)
	expect(t, "parts", st, raw, http.StatusOK)
	if st, raw := api(t, http.MethodPost, base+"/parts", admin, map[string]any{"partNumbers": []int{8}}, nil); st != http.StatusBadRequest {
		t.Fatalf("part 8 of 7: %d %s", st, raw)
	}
	var done []map[string]any
	for _, p := range parts.Parts {
		from := int64(p.PartNumber-1) * s.Upload.PartSize
		code, etag, body := send(t, p.presignedView, big[from:from+p.Size])
		if code != http.StatusOK || etag == "" {
			t.Fatalf("part %d: %d %s", p.PartNumber, code, body)
		}
		done = append(done, map[string]any{"partNumber": p.PartNumber, "etag": etag})
	}
	if st, raw := api(t, http.MethodPost, base+"/complete", admin, map[string]any{"parts": done[:6]}, nil); st != http.StatusBadRequest {
		t.Fatalf("complete with a part missing: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodPost, base+"/complete", admin, map[string]any{"parts": done}, nil)
	expect(t, "complete multipart", st, raw, http.StatusOK)
	u = waitUpload(t, admin, s.Upload.ID)
	if u.Status != "failed" || u.Reason != "checksum_mismatch" {
		t.Fatalf("multipart with a wrong checksum: %+v", u)
	}

	// Retry runs processing again (and fails the same way: the file is
	// what it is); abort frees the quota and the item.
	st, raw = api(t, http.MethodPost, base+"/retry", admin, nil, nil)
	expect(t, "retry", st, raw, http.StatusAccepted)
	u = waitUpload(t, admin, s.Upload.ID)
	if u.Status != "failed" || u.Reason != "checksum_mismatch" || u.Attempts != 2 {
		t.Fatalf("after retry: %+v", u)
	}
	// To a learner someone else's upload does not exist.
	if st, raw := api(t, http.MethodPost, base+"/retry", demoLearnerToken(t), nil, nil); st != http.StatusNotFound || errorCode(raw) != "upload_not_found" {
		t.Fatalf("learner retries: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodDelete, base, admin, nil, nil)
	expect(t, "abort", st, raw, http.StatusNoContent)
	var gone uploadView
	api(t, http.MethodGet, base, admin, nil, &gone)
	if gone.Status != "aborted" {
		t.Fatalf("aborted upload: %+v", gone)
	}
}

// A tenant's uploads reserve their declared size against its storage
// quota; an upload that would go over is refused, and aborting gives the
// space back.
func TestStorageQuota(t *testing.T) {
	op := demo.Accounts[3]
	opTok := signIn(t, op.Username, op.Password).AccessToken
	created := createTenant(t, opTok, "kuota-uji", "approval")
	admin := firstSignIn(t, created.FirstAdmin.Username, created.FirstAdmin.TemporaryPassword, "AdminKuota2026").AccessToken
	base := "/tenants/kuota-uji"
	var o outlineView
	st, raw := api(t, http.MethodPost, base+"/courses", admin, map[string]any{"code": "KUOTA", "title": "Kuota", "jp": 1}, &o)
	expect(t, "course", st, raw, http.StatusCreated)
	var s sectionView
	api(t, http.MethodPost, base+"/courses/"+o.Course.ID+"/sections", admin, map[string]any{"title": "Bab"}, &s)
	var it itemView
	st, raw = api(t, http.MethodPost, base+"/courses/"+o.Course.ID+"/items", admin, map[string]any{"sectionId": s.ID, "kind": "pdf", "title": "Modul"}, &it)
	expect(t, "item", st, raw, http.StatusCreated)

	// The operator's quota for this tenant: 1 MB.
	_, err := srv.Stack.Clients().DynamoDB.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String(srv.Resources.Tables["LmsTable"]),
		Item: map[string]ddbtypes.AttributeValue{"PK": &ddbtypes.AttributeValueMemberS{Value: "TENANT#kuota-uji"}, "SK": &ddbtypes.AttributeValueMemberS{Value: "STORAGE"},
			"quotaBytes": &ddbtypes.AttributeValueMemberN{Value: strconv.Itoa(1 << 20)}}})
	if err != nil {
		t.Fatal(err)
	}
	start := func(size int) (startedView, int, []byte) {
		var sv startedView
		st, raw := api(t, http.MethodPost, base+"/uploads", admin, map[string]any{"purpose": "material", "courseId": o.Course.ID, "itemId": it.ID,
			"fileName": "modul.pdf", "size": size, "contentType": "application/pdf", "sha256": strings.Repeat("0", 64)}, &sv)
		return sv, st, raw
	}
	if _, st, raw := start(2 << 20); st != http.StatusConflict || errorCode(raw) != "storage_quota_exceeded" {
		t.Fatalf("2 MB into 1 MB: %d %s", st, raw)
	}
	first, st, raw := start(600 << 10)
	expect(t, "600 KB", st, raw, http.StatusCreated)
	if _, st, raw := start(600 << 10); st != http.StatusConflict {
		t.Fatalf("another 600 KB: %d %s", st, raw)
	}
	st, raw = api(t, http.MethodDelete, base+"/uploads/"+first.Upload.ID, admin, nil, nil)
	expect(t, "abort", st, raw, http.StatusNoContent)
	if _, st, raw := start(600 << 10); st != http.StatusCreated {
		t.Fatalf("600 KB after the abort: %d %s", st, raw)
	}
	// The other tenant's upload is not there for this one.
	if st, raw := api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/uploads/"+first.Upload.ID, adminToken(t), nil, nil); st != http.StatusNotFound {
		t.Fatalf("other tenant's upload: %d %s", st, raw)
	}
}

// A course cover goes up like a material, becomes WebP variants, and the
// course outline links the largest one.
func TestCourseCover(t *testing.T) {
	admin := adminToken(t)
	courseID, _ := materialCourse(t, admin, "SAMPUL")
	img := image.NewRGBA(image.Rect(0, 0, 800, 450))
	for x := range 800 {
		for y := range 450 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 0x80, 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	var s startedView
	st, raw := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", admin, map[string]any{"purpose": "cover", "courseId": courseID,
		"fileName": "sampul.png", "size": b.Len(), "contentType": "image/png", "sha256": sha(b.Bytes())}, &s)
	expect(t, "start cover", st, raw, http.StatusCreated)
	if code, _, body := send(t, *s.Put, b.Bytes()); code != http.StatusOK {
		t.Fatalf("PUT: %d %s", code, body)
	}
	if u := waitUpload(t, admin, s.Upload.ID); u.Status != "ready" {
		t.Fatalf("cover: %+v", u)
	}
	st, raw = api(t, http.MethodPatch, "/tenants/"+demo.TenantID+"/courses/"+courseID, admin, map[string]any{"coverUploadId": s.Upload.ID}, nil)
	expect(t, "set cover", st, raw, http.StatusOK)
	var got struct {
		Course struct {
			CoverURL string `json:"coverUrl"`
		} `json:"course"`
	}
	api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/courses/"+courseID, admin, nil, &got)
	resp, err := http.Get(got.Course.CoverURL)
	if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/webp" {
		t.Fatalf("cover link %q: %v %v", got.Course.CoverURL, err, resp)
	}
	resp.Body.Close()
	// A cover must be an image.
	if _, st := startCover(t, admin, courseID, "sampul.pdf", "application/pdf"); st != http.StatusBadRequest {
		t.Fatalf("a PDF cover: %d", st)
	}
}

func startCover(t *testing.T, admin, courseID, name, ctype string) (startedView, int) {
	var s startedView
	st, _ := api(t, http.MethodPost, "/tenants/"+demo.TenantID+"/uploads", admin, map[string]any{"purpose": "cover", "courseId": courseID,
		"fileName": name, "size": 100, "contentType": ctype, "sha256": strings.Repeat("0", 64)}, &s)
	return s, st
}
