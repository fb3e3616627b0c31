package localgw

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/ids"
)

// serveWebhook receives the S3 stand-in's bucket events, answers at once
// (S3 does not wait for the functions) and delivers each record the way the
// template routes it: bucket notification -> SNS topic -> subscribed
// functions, invoked asynchronously.
func (g *Gateway) serveWebhook(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || subtle.ConstantTimeCompare([]byte(r.URL.Query().Get("token")), []byte(g.webhookToken)) != 1 {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	recs, err := parseWebhook(body)
	if err != nil {
		g.opts.Log.Warn("S3 webhook body refused", "error", err.Error())
		http.Error(w, "not an S3 event", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
	for _, rec := range recs {
		g.deliver(awsShaped(rec))
	}
}

// parseWebhook reads the S3 stand-in's event document. It differs from what
// S3 sends in one way that breaks decoding: an empty Glacier restore expiry
// time (""), which is dropped here since no restore happened.
func parseWebhook(body []byte) ([]events.S3EventRecord, error) {
	var doc struct {
		Records []map[string]json.RawMessage `json:"Records"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, err
	}
	out := make([]events.S3EventRecord, 0, len(doc.Records))
	for _, raw := range doc.Records {
		var glacier struct {
			RestoreEventData struct {
				LifecycleRestorationExpiryTime string `json:"lifecycleRestorationExpiryTime"`
			} `json:"restoreEventData"`
		}
		if g, ok := raw["glacierEventData"]; ok && json.Unmarshal(g, &glacier) == nil &&
			glacier.RestoreEventData.LifecycleRestorationExpiryTime == "" {
			delete(raw, "glacierEventData")
		}
		b, _ := json.Marshal(raw)
		var rec events.S3EventRecord
		if err := json.Unmarshal(b, &rec); err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// awsShaped rewrites a record as S3 itself sends it: the event name without
// the "s3:" prefix, the key URL-encoded (spaces as "+"), the bucket ARN.
func awsShaped(rec events.S3EventRecord) events.S3EventRecord {
	rec.EventName = strings.TrimPrefix(rec.EventName, "s3:")
	segs := strings.Split(rec.S3.Object.Key, "/")
	for i, s := range segs {
		segs[i] = url.QueryEscape(s)
	}
	rec.S3.Object.URLDecodedKey = rec.S3.Object.Key
	rec.S3.Object.Key = strings.Join(segs, "/")
	rec.S3.Bucket.Arn = "arn:aws:s3:::" + rec.S3.Bucket.Name
	return rec
}

func (g *Gateway) deliver(rec events.S3EventRecord) {
	bucketID := g.bucketIDs[rec.S3.Bucket.Name]
	key := rec.S3.Object.URLDecodedKey
	for _, n := range g.notes {
		if n.Bucket != bucketID || !n.Matches(rec.EventName, key) {
			continue
		}
		msg, _ := json.Marshal(map[string]any{"Records": []events.S3EventRecord{rec}})
		topicArn := g.opts.Resources.Context.Refs[n.Topic]
		for _, ef := range g.subscribers[n.Topic] {
			now := time.Now().UTC()
			ev := events.SNSEvent{Records: []events.SNSEventRecord{{
				EventVersion: "1.0", EventSource: "aws:sns",
				EventSubscriptionArn: topicArn + ":" + ef.fn.LogicalID,
				SNS: events.SNSEntity{Type: "Notification", MessageID: ids.New(now), TopicArn: topicArn,
					Subject: "Amazon S3 Notification", Message: string(msg), Timestamp: now},
			}}}
			g.inflight.Add(1)
			go g.invokeAsync(ef, ev)
		}
	}
}

// invokeAsync runs one asynchronous invocation with Lambda's semantics: the
// first attempt, then MaximumRetryAttempts retries with growing delays, then
// the dead-letter queue.
func (g *Gateway) invokeAsync(ef *eventFunction, ev events.SNSEvent) {
	defer g.inflight.Done()
	delay := g.opts.RetryDelay
	attempts := 1 + ef.fn.MaxRetries
	for attempt := 1; attempt <= attempts; attempt++ {
		err := g.invokeEvent(ef, ev)
		last := err != nil && attempt == attempts
		if g.opts.OnEvent != nil {
			g.opts.OnEvent(Invocation{Function: ef.fn.LogicalID, Attempt: attempt, Event: ev, Err: err, DeadLettered: last})
		}
		if err == nil {
			return
		}
		g.opts.Log.Warn("event invocation failed", "function", ef.fn.LogicalID, "attempt", attempt, "error", err.Error())
		if last {
			g.deadLetter(ef, ev, err)
			return
		}
		time.Sleep(delay)
		delay *= 2
	}
}

func (g *Gateway) invokeEvent(ef *eventFunction, ev events.SNSEvent) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("function panicked: %v", p)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(ef.fn.TimeoutSeconds)*time.Second)
	defer cancel()
	return ef.handler(ctx, ev)
}

// deadLetter appends the failed event to the function's dead-letter log,
// named after the template's queue.
func (g *Gateway) deadLetter(ef *eventFunction, ev events.SNSEvent, cause error) {
	queue := ef.fn.DeadLetterQueue
	if queue == "" {
		queue = ef.fn.LogicalID + "-dlq"
	}
	g.appendDeadLetter(queue, map[string]any{"time": time.Now().UTC(), "function": ef.fn.LogicalID, "error": cause.Error(), "event": ev})
}

// appendDeadLetter writes one JSON line to the named queue's log.
func (g *Gateway) appendDeadLetter(queue string, entry map[string]any) {
	if g.opts.DeadLetterDir == "" {
		return
	}
	line, _ := json.Marshal(entry)
	g.dlqMu.Lock()
	defer g.dlqMu.Unlock()
	if err := os.MkdirAll(g.opts.DeadLetterDir, 0o755); err != nil {
		g.opts.Log.Error("dead-letter dir", "error", err.Error())
		return
	}
	f, err := os.OpenFile(filepath.Join(g.opts.DeadLetterDir, queue+".jsonl"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		g.opts.Log.Error("dead-letter file", "error", err.Error())
		return
	}
	defer f.Close()
	_, _ = f.Write(append(line, '\n'))
}
