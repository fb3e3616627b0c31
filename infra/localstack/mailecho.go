package localstack

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

var ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// mailEcho watches cognito-local's output for the messages it "delivers"
// (Confirmation Code Delivery boxes) and prints each as one line, so a
// developer sees reset codes and invitations without verbose logs.
type mailEcho struct {
	mu    sync.Mutex
	out   io.Writer
	buf   bytes.Buffer
	block map[string]string
}

func newMailEcho(out io.Writer) *mailEcho { return &mailEcho{out: out} }

func (m *mailEcho) Write(p []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.buf.Write(p)
	for {
		line, err := m.buf.ReadString('\n')
		if err != nil {
			m.buf.WriteString(line) // keep the partial line
			break
		}
		m.line(line)
	}
	return len(p), nil
}

func (m *mailEcho) line(raw string) {
	l := ansi.ReplaceAllString(raw, "")
	if i := strings.Index(l, "│"); i >= 0 { // drop the "[cognito] " tag
		l = l[i:]
	}
	l = strings.Trim(l, " \t\r\n│╭╮╰╯─")
	switch {
	case strings.Contains(l, "Confirmation Code Delivery"):
		m.block = map[string]string{}
	case m.block == nil:
	case strings.Contains(raw, "╰"):
		fmt.Fprintf(m.out, "[surel lokal] untuk %s (%s): kode %s\n", m.block["Username"], m.block["Destination"], m.block["Code"])
		m.block = nil
	default:
		if k, v, ok := strings.Cut(l, ":"); ok {
			m.block[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
}
