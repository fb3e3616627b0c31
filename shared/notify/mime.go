package notify

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// Email is one message to one recipient.
type Email struct {
	FromName, FromAddress string
	To                    string
	Subject               string
	Text                  string // plain text body
	HTML                  string // HTML body (already escaped)
	Date                  time.Time
	// MessageID is the id part of the Message-ID header (without <>).
	MessageID string
}

// BuildMIME writes e as a MIME message (RFC 5322 + 2045..2047):
// multipart/alternative with a text and an HTML part, both UTF-8 in
// quoted-printable, and encoded-word headers for non-ASCII names and
// subjects. This is what SES SendEmail takes as raw content and what the
// local stand-in writes as an .eml file.
func BuildMIME(e Email) ([]byte, error) {
	from, err := mail.ParseAddress(e.FromAddress)
	if err != nil {
		return nil, fmt.Errorf("notify: from address: %w", err)
	}
	to, err := mail.ParseAddress(e.To)
	if err != nil {
		return nil, fmt.Errorf("notify: recipient address: %w", err)
	}
	from.Name = oneLine(e.FromName)
	to.Name = ""
	var rb [12]byte
	_, _ = rand.Read(rb[:])
	boundary := "lms-" + hex.EncodeToString(rb[:])
	host := from.Address[strings.LastIndex(from.Address, "@")+1:]
	id := e.MessageID
	if id == "" {
		id = hex.EncodeToString(rb[:])
	}
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", oneLine(e.Subject)))
	header("Date", e.Date.UTC().Format(time.RFC1123Z))
	header("Message-ID", "<"+id+"@"+host+">")
	header("MIME-Version", "1.0")
	header("Content-Type", `multipart/alternative; boundary="`+boundary+`"`)
	b.WriteString("\r\n")
	for _, part := range []struct{ kind, body string }{{"text/plain", e.Text}, {"text/html", e.HTML}} {
		fmt.Fprintf(&b, "--%s\r\nContent-Type: %s; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n", boundary, part.kind)
		w := quotedprintable.NewWriter(&b)
		if _, err := w.Write([]byte(strings.ReplaceAll(part.body, "\n", "\r\n"))); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		b.WriteString("\r\n")
	}
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return b.Bytes(), nil
}

var htmlMail = template.Must(template.New("mail").Parse(`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5">
<p style="font-size:13px;color:#555">{{.Tenant}}</p>
<h1 style="font-size:18px">{{.Title}}</h1>
<p>{{.Body}}</p>
{{if .URL}}<p><a href="{{.URL}}">Buka di LMS</a></p>{{end}}
<hr>
<p lang="en" style="color:#555"><strong>{{.TitleEn}}</strong><br>{{.BodyEn}}{{if .URL}} <a href="{{.URL}}">Open in the LMS</a>{{end}}</p>
<p style="font-size:12px;color:#777">Pesan otomatis dari {{.Tenant}}. Atur notifikasi di menu Profil &gt; Notifikasi.</p>
</body></html>`))

// MailBodies writes the text and HTML bodies of c: Bahasa Indonesia
// first, English after, the link made absolute on the web origin.
func MailBodies(c Content, tenantName, webOrigin string) (text, html string, err error) {
	url := ""
	if c.Link != "" && webOrigin != "" {
		url = strings.TrimRight(webOrigin, "/") + c.Link
	}
	var t strings.Builder
	fmt.Fprintf(&t, "%s\n\n%s\n", c.Title, c.Body)
	if url != "" {
		fmt.Fprintf(&t, "\nBuka: %s\n", url)
	}
	fmt.Fprintf(&t, "\n---\n%s\n\n%s\n", c.TitleEn, c.BodyEn)
	fmt.Fprintf(&t, "\nPesan otomatis dari %s. Atur notifikasi di menu Profil > Notifikasi.\n", tenantName)
	var h bytes.Buffer
	err = htmlMail.Execute(&h, map[string]string{"Tenant": tenantName, "Title": c.Title, "Body": c.Body, "TitleEn": c.TitleEn, "BodyEn": c.BodyEn, "URL": url})
	return t.String(), h.String(), err
}
