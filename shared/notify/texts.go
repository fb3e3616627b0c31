package notify

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"text/template"
)

// Content is what a notification says, in Bahasa Indonesia (first) and
// English, with the tenant's name in both.
type Content struct {
	Title, Body     string
	TitleEn, BodyEn string
	Link            string
}

// text is one event's templates. The data are the message's Data plus
// "tenant" (the tenant's name).
type text struct {
	title, body, titleEn, bodyEn string
}

var texts = map[Event]text{
	RegistrationApproved: {
		"Pendaftaran Anda di {{.tenant}} disetujui",
		"Selamat, pendaftaran Anda di {{.tenant}} telah disetujui. Anda sekarang dapat masuk dan mengikuti pelatihan.",
		"Your registration at {{.tenant}} was approved",
		"Your registration at {{.tenant}} was approved. You can now sign in and join trainings.",
	},
	RegistrationRejected: {
		"Pendaftaran Anda di {{.tenant}} ditolak",
		"Mohon maaf, pendaftaran Anda di {{.tenant}} tidak dapat disetujui.{{if .reason}} Alasan: {{.reason}}{{end}}",
		"Your registration at {{.tenant}} was declined",
		"We are sorry, your registration at {{.tenant}} could not be approved.{{if .reason}} Reason: {{.reason}}{{end}}",
	},
	Enrolled: {
		"Anda terdaftar di {{or .batchName \"angkatan\"}}",
		"Anda telah terdaftar sebagai peserta {{or .batchName \"angkatan\"}} di {{.tenant}}.{{if .startDate}} Pelatihan dimulai {{.startDate}}.{{end}}",
		"You are enrolled in {{or .batchName \"a batch\"}}",
		"You are enrolled as a participant of {{or .batchName \"a batch\"}} at {{.tenant}}.{{if .startDate}} The training starts on {{.startDate}}.{{end}}",
	},
	PromotedFromReserve: {
		"Anda mendapat kursi di {{or .batchName \"angkatan\"}}",
		"Kabar baik: Anda naik dari daftar cadangan dan kini terdaftar sebagai peserta {{or .batchName \"angkatan\"}} di {{.tenant}}.{{if .startDate}} Pelatihan dimulai {{.startDate}}.{{end}}",
		"You got a seat in {{or .batchName \"a batch\"}}",
		"Good news: you moved up from the reserve list and are now enrolled in {{or .batchName \"a batch\"}} at {{.tenant}}.{{if .startDate}} The training starts on {{.startDate}}.{{end}}",
	},
	BatchStartsTomorrow: {
		"{{or .batchName \"Pelatihan\"}} dimulai besok",
		"Pengingat dari {{.tenant}}: {{or .batchName \"pelatihan Anda\"}} dimulai besok{{if .startDate}} ({{.startDate}}){{end}}.{{if .location}} Lokasi: {{.location}}.{{end}}",
		"{{or .batchName \"Your training\"}} starts tomorrow",
		"A reminder from {{.tenant}}: {{or .batchName \"your training\"}} starts tomorrow{{if .startDate}} ({{.startDate}}){{end}}.{{if .location}} Location: {{.location}}.{{end}}",
	},
	EvaluationOpen: {
		"Evaluasi {{or .batchName \"pelatihan\"}} sudah dibuka",
		"Formulir evaluasi {{or .batchName \"pelatihan\"}} di {{.tenant}} sudah dapat diisi. Pendapat Anda membantu kami memperbaiki pelatihan.",
		"The evaluation of {{or .batchName \"your training\"}} is open",
		"The evaluation form of {{or .batchName \"your training\"}} at {{.tenant}} is open. Your opinion helps improve the training.",
	},
	EvaluationReminder: {
		"Pengingat: isi evaluasi {{or .batchName \"pelatihan\"}}",
		"Anda belum mengisi formulir evaluasi {{or .batchName \"pelatihan\"}} di {{.tenant}}. Mohon luangkan beberapa menit untuk mengisinya.",
		"Reminder: answer the evaluation of {{or .batchName \"your training\"}}",
		"You have not answered the evaluation form of {{or .batchName \"your training\"}} at {{.tenant}} yet. Please take a few minutes to answer it.",
	},
	CertificateReady: {
		"Sertifikat {{or .batchName \"pelatihan\"}} sudah terbit",
		"Sertifikat Anda untuk {{or .batchName \"pelatihan\"}} dari {{.tenant}} sudah terbit{{if .number}} dengan nomor {{.number}}{{end}} dan dapat diunduh.",
		"Your certificate for {{or .batchName \"the training\"}} is ready",
		"Your certificate for {{or .batchName \"the training\"}} from {{.tenant}} was issued{{if .number}} with number {{.number}}{{end}} and can be downloaded.",
	},
	ThreadReply: {
		"Balasan baru: {{or .threadTitle \"diskusi Anda\"}}",
		"{{or .authorName \"Seseorang\"}} membalas {{or .threadTitle \"diskusi Anda\"}} di forum {{.tenant}}.{{if .excerpt}} \"{{.excerpt}}\"{{end}}",
		"New reply: {{or .threadTitle \"your thread\"}}",
		"{{or .authorName \"Someone\"}} replied to {{or .threadTitle \"your thread\"}} in the {{.tenant}} forum.{{if .excerpt}} \"{{.excerpt}}\"{{end}}",
	},
	Announcement: {
		"Pengumuman: {{or .title \"dari penyelenggara\"}}",
		"Pengumuman dari {{.tenant}}{{if .batchName}} untuk {{.batchName}}{{end}}: {{or .title \"\"}}{{if .excerpt}} - {{.excerpt}}{{end}}",
		"Announcement: {{or .title \"from the organisers\"}}",
		"An announcement from {{.tenant}}{{if .batchName}} for {{.batchName}}{{end}}: {{or .title \"\"}}{{if .excerpt}} - {{.excerpt}}{{end}}",
	},
}

var parsed = map[Event][4]*template.Template{}

func init() {
	for ev, t := range texts {
		var ts [4]*template.Template
		for i, src := range []string{t.title, t.body, t.titleEn, t.bodyEn} {
			ts[i] = template.Must(template.New(string(ev)).Option("missingkey=zero").Parse(src))
		}
		parsed[ev] = ts
	}
}

// ErrUnknownEvent is returned for an event without texts.
var ErrUnknownEvent = errors.New("notify: unknown event")

// Known reports whether ev is one of Events.
func Known(ev Event) bool { _, ok := texts[ev]; return ok }

// Render writes the texts of m for the tenant named tenantName. Values
// are flattened to one line and capped, so a title cannot break a mail
// header nor flood a message.
func Render(m Message, tenantName string) (Content, error) {
	ts, ok := parsed[m.Event]
	if !ok {
		return Content{}, fmt.Errorf("%w: %q", ErrUnknownEvent, m.Event)
	}
	data := map[string]string{}
	for k, v := range m.Data {
		data[k] = clip(oneLine(v), 300)
	}
	data["tenant"] = clip(oneLine(tenantName), 150)
	var out [4]string
	for i, t := range ts {
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			return Content{}, err
		}
		out[i] = strings.TrimSpace(b.String())
	}
	return Content{Title: out[0], Body: out[1], TitleEn: out[2], BodyEn: out[3], Link: safeLink(m.Data["link"])}, nil
}

// safeLink keeps a link only when it is a path of the web app.
func safeLink(l string) string {
	if !strings.HasPrefix(l, "/") || strings.HasPrefix(l, "//") || strings.ContainsAny(l, "\\ \r\n\t") || len(l) > 300 {
		return ""
	}
	return l
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
