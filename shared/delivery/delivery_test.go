package delivery

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestRewritePlaylist(t *testing.T) {
	master := "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=426x240\n240p/index.m3u8\n\n#EXT-X-STREAM-INF:BANDWIDTH=900000\n360p/index.m3u8\n"
	got, err := RewritePlaylist(master, ".", func(rel string) (string, error) { return "media/" + rel, nil })
	if err != nil {
		t.Fatal(err)
	}
	want := "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=426x240\nmedia/240p/index.m3u8\n\n#EXT-X-STREAM-INF:BANDWIDTH=900000\nmedia/360p/index.m3u8\n"
	if got != want {
		t.Fatalf("got %q", got)
	}
	variant := "#EXTM3U\n#EXTINF:4.0,\nseg_0000.ts\n#EXTINF:4.0,\nseg_0001.ts\n#EXT-X-ENDLIST\n"
	got, _ = RewritePlaylist(variant, "240p", func(rel string) (string, error) { return "https://s3/" + rel + "?sig", nil })
	if !strings.Contains(got, "https://s3/240p/seg_0000.ts?sig\n") || !strings.Contains(got, "#EXT-X-ENDLIST") {
		t.Fatalf("variant %q", got)
	}
	for _, bad := range []string{"../../other/seg.ts", "/etc/passwd", "http://evil/x.ts", "../../../x.ts"} {
		if _, err := RewritePlaylist("#EXTM3U\n"+bad+"\n", "240p", func(rel string) (string, error) { return rel, nil }); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestCloudFrontSigner(t *testing.T) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	for name, block := range map[string]*pem.Block{
		"pkcs1": {Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)},
		"pkcs8": func() *pem.Block {
			b, _ := x509.MarshalPKCS8PrivateKey(k)
			return &pem.Block{Type: "PRIVATE KEY", Bytes: b}
		}(),
	} {
		s, err := NewCloudFront("https://d1.cloudfront.net/", "K2ABC", string(pem.EncodeToMemory(block)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		raw, err := s.URL(context.Background(), "derived/t/u/poster.jpg", 10*time.Minute, "")
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(raw)
		q := u.Query()
		if u.Host != "d1.cloudfront.net" || u.Path != "/derived/t/u/poster.jpg" || q.Get("Key-Pair-Id") != "K2ABC" || q.Get("Signature") == "" || q.Get("Expires") == "" {
			t.Fatalf("%s: %s", name, raw)
		}
	}
	if _, err := NewCloudFront("d", "K", "not a key"); err == nil {
		t.Fatal("garbage key accepted")
	}
}
