package localgw

import (
	"encoding/json"
	"html/template"
	"mime"
	"net/http"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// MailPath is the local outbox: the notify function writes every email it
// would send through SES as an .eml file into Options.MailDir, and the
// gateway lists them here, newest first (HTML, or JSON with
// ?format=json), and serves each at MailPath/{file}.
const MailPath = "/_local/mail"

// MailMessage is one entry of the outbox list.
type MailMessage struct {
	File    string `json:"file"`
	Date    string `json:"date"`
	From    string `json:"from"`
	To      string `json:"to"`
	Subject string `json:"subject"`
}

var mailFile = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*\.eml$`)

var mailList = template.Must(template.New("mail").Parse(`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Surat keluar lokal</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}</style>
</head><body><h1>Surat keluar lokal</h1>
<p>Email yang akan dikirim lewat Amazon SES di cloud, ditulis sebagai berkas .eml (terbaru di atas).</p>
{{if .}}<table><tr><th>Waktu</th><th>Dari</th><th>Kepada</th><th>Subjek</th></tr>
{{range .}}<tr><td>{{.Date}}</td><td>{{.From}}</td><td>{{.To}}</td><td><a href="{{.File}}">{{.Subject}}</a></td></tr>
{{end}}</table>{{else}}<p>Belum ada email.</p>{{end}}
</body></html>`))

func (g *Gateway) serveMail(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || g.opts.MailDir == "" {
		http.NotFound(w, r)
		return
	}
	name := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, MailPath), "/")
	if name != "" {
		if !mailFile.MatchString(name) {
			http.NotFound(w, r)
			return
		}
		b, err := os.ReadFile(filepath.Join(g.opts.MailDir, name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(b)
		return
	}
	list := g.mailMessages()
	if r.URL.Query().Get("format") == "json" {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"items": list})
		return
	}
	for i := range list {
		list[i].File = MailPath + "/" + list[i].File
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = mailList.Execute(w, list)
}

// mailMessages reads the outbox's headers, newest first (the files are
// named by time).
func (g *Gateway) mailMessages() []MailMessage {
	entries, _ := os.ReadDir(g.opts.MailDir)
	out := []MailMessage{}
	var dec mime.WordDecoder
	for _, e := range entries {
		if e.IsDir() || !mailFile.MatchString(e.Name()) {
			continue
		}
		f, err := os.Open(filepath.Join(g.opts.MailDir, e.Name()))
		if err != nil {
			continue
		}
		m, err := mail.ReadMessage(f)
		if err == nil {
			subject, derr := dec.DecodeHeader(m.Header.Get("Subject"))
			if derr != nil {
				subject = m.Header.Get("Subject")
			}
			from, _ := dec.DecodeHeader(m.Header.Get("From"))
			out = append(out, MailMessage{File: e.Name(), Date: m.Header.Get("Date"), From: from, To: m.Header.Get("To"), Subject: subject})
		}
		f.Close()
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File > out[j].File })
	return out
}

// DeadLetterFile is the file the dead-letter log of the queue (by logical
// id) is written to; "" when the gateway keeps no dead letters.
func (g *Gateway) DeadLetterFile(queue string) string {
	if g.opts.DeadLetterDir == "" {
		return ""
	}
	return filepath.Join(g.opts.DeadLetterDir, queue+".jsonl")
}
