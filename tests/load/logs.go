package main

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/logging"
)

// backendLog keeps what the functions reported as errors (their JSON logs
// at level ERROR) and the AWS SDK's warnings inside them, grouped, so the
// run can say precisely what failed behind a 5xx or a slow answer.
type backendLog struct {
	mu      sync.Mutex
	partial []byte
	errors  map[string]int
	samples []string
	sdk     map[string]int
}

func newBackendLog() *backendLog {
	return &backendLog{errors: map[string]int{}, sdk: map[string]int{}}
}

// ids hides the numbers that differ between otherwise equal messages.
var ids = regexp.MustCompile(`\b[0-9A-HJKMNP-TV-Z]{26}\b|\b[0-9a-f]{8}-[0-9a-f-]{27}\b|\b\d{4,}\b`)

func (l *backendLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		i := strings.IndexByte(string(l.partial), '\n')
		if i < 0 {
			break
		}
		l.line(l.partial[:i])
		l.partial = l.partial[i+1:]
	}
	return len(p), nil
}

func (l *backendLog) line(b []byte) {
	var e map[string]any
	if json.Unmarshal(b, &e) != nil || e["level"] != "ERROR" {
		return
	}
	key := fmt.Sprintf("%v: %v", e["function"], e["msg"])
	for _, k := range []string{"route", "method", "path", "code", "batchId"} {
		if v, ok := e[k]; ok && k != "batchId" {
			key += fmt.Sprintf(" %s=%v", k, v)
		}
	}
	if v, ok := e["error"]; ok {
		key += ": " + ids.ReplaceAllString(fmt.Sprint(v), "…")
	}
	l.errors[key]++
	if len(l.samples) < 5 {
		l.samples = append(l.samples, string(b))
	}
}

// configure routes the SDK's own log (warnings such as a response body
// closed before its checksum could be checked: a call cut short) here.
func (l *backendLog) configure(function string, cfg *aws.Config) {
	cfg.Logger = logging.LoggerFunc(func(c logging.Classification, format string, v ...any) {
		msg := ids.ReplaceAllString(fmt.Sprintf(format, v...), "…")
		l.mu.Lock()
		l.sdk[fmt.Sprintf("%s: %s %s", function, c, msg)]++
		l.mu.Unlock()
	})
}

func (l *backendLog) print(w io.Writer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.errors) == 0 && len(l.sdk) == 0 {
		fmt.Fprintln(w, "\nbackend log: no errors")
		return
	}
	show := func(title string, m map[string]int) {
		if len(m) == 0 {
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
		fmt.Fprintf(w, "\n%s:\n", title)
		for _, k := range keys {
			fmt.Fprintf(w, "  %5d  %s\n", m[k], k)
		}
	}
	show("backend errors (function log, level ERROR)", l.errors)
	show("AWS SDK messages inside the functions", l.sdk)
	if len(l.samples) > 0 {
		fmt.Fprintln(w, "\nfirst backend error lines:")
		for _, s := range l.samples {
			fmt.Fprintln(w, "  "+s)
		}
	}
}
