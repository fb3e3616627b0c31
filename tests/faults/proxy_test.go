package faults

import (
	"fmt"
	"hash/crc32"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// dynamoProxy is a small HTTP proxy in front of DynamoDB Local. Engaged,
// it answers the first throttle requests with DynamoDB's throttling error
// (HTTP 400, the JSON error document, x-amzn-ErrorType, a correct
// x-amz-crc32) and forwards the rest, or holds every request unanswered
// (a hung endpoint). It records every request it sees.
type dynamoProxy struct {
	ln  net.Listener
	srv *http.Server

	mu       sync.Mutex
	mode     proxyMode
	throttle int // requests still to throttle (mode throttleFirst)
	seen     []proxied
	release  chan struct{} // closed to free hung requests
}

type proxyMode int

const (
	off           proxyMode = iota // not engaged: the functions bypass it
	throttleFirst                  // throttle the next n requests, then forward
	throttleAll                    // throttle every request
	hang                           // never answer
)

type proxied struct {
	At        time.Time
	Target    string // X-Amz-Target: the operation
	Throttled bool
}

func newDynamoProxy() *dynamoProxy { return &dynamoProxy{release: make(chan struct{})} }

func (p *dynamoProxy) start() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	p.ln = ln
	forward := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(&url.URL{Scheme: "http", Host: dynamoHost()})
		r.Out.Host = r.In.Host
	}}
	p.srv = &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		mode, release := p.mode, p.release
		throttled := mode == throttleAll || mode == throttleFirst && p.throttle > 0
		if mode == throttleFirst && p.throttle > 0 {
			p.throttle--
		}
		p.seen = append(p.seen, proxied{At: time.Now(), Target: r.Header.Get("X-Amz-Target"), Throttled: throttled})
		p.mu.Unlock()
		switch {
		case mode == hang:
			select {
			case <-r.Context().Done():
			case <-release:
			}
		case throttled:
			writeThrottling(w)
		default:
			forward.ServeHTTP(w, r)
		}
	})}
	go func() { _ = p.srv.Serve(ln) }()
	return nil
}

// writeThrottling answers as DynamoDB does when a request exceeds the
// table's throughput.
func writeThrottling(w http.ResponseWriter) {
	body := []byte(`{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}`)
	h := w.Header()
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("x-amzn-ErrorType", "ThrottlingException")
	h.Set("x-amzn-RequestId", fmt.Sprintf("FAULTTEST%d", time.Now().UnixNano()))
	h.Set("x-amz-crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10))
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write(body)
}

func (p *dynamoProxy) close() {
	if p.srv != nil {
		p.set(off, 0)
		_ = p.srv.Close()
	}
}

func (p *dynamoProxy) host() string { return p.ln.Addr().String() }

func (p *dynamoProxy) url() string { return "http://" + p.host() }

func (p *dynamoProxy) engaged() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.mode != off
}

// set changes the mode and forgets what was seen; leaving hang frees the
// requests it holds.
func (p *dynamoProxy) set(mode proxyMode, throttle int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.mode == hang && mode != hang {
		close(p.release)
		p.release = make(chan struct{})
	}
	p.mode, p.throttle, p.seen = mode, throttle, nil
}

func (p *dynamoProxy) requests() []proxied {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]proxied(nil), p.seen...)
}
