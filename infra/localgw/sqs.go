package localgw

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"lms/infra/localstack"
	"lms/infra/samtemplate"
	"lms/shared/ids"
)

// QueuePath is where the gateway answers the SQS API (AWS JSON 1.0
// protocol, as the Go SDK speaks it): the local stand-in for the template's
// queues. Functions send with the real SDK client; the gateway delivers to
// the functions the template subscribes to the queue, with SQS's
// semantics: at-least-once, a failed message comes back after a delay, and
// after the redrive policy's maxReceiveCount it goes to the dead-letter
// log. Messages live in memory: a restart drops what is queued (the
// certificate job it named becomes stale and can be started again).
const QueuePath = "/_local/sqs"

type sqsMessage struct {
	id       string
	body     string
	sentAt   time.Time
	received int
}

type localQueue struct {
	name string
	cfg  samtemplate.Queue
	arn  string
	mu   sync.Mutex
	msgs []*sqsMessage
	wake chan struct{}
}

type queueConsumer struct {
	fn      samtemplate.Function
	src     samtemplate.QueueSource
	handler func(context.Context, events.SQSEvent) (events.SQSEventResponse, error)
}

func (q *localQueue) push(m *sqsMessage) {
	q.mu.Lock()
	q.msgs = append(q.msgs, m)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *localQueue) take(n int) []*sqsMessage {
	q.mu.Lock()
	defer q.mu.Unlock()
	n = min(n, len(q.msgs))
	out := q.msgs[:n:n]
	q.msgs = q.msgs[n:]
	return out
}

// serveSQS answers SendMessage and GetQueueUrl.
func (g *Gateway) serveSQS(w http.ResponseWriter, r *http.Request) {
	target := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonSQS.")
	body, err := io.ReadAll(io.LimitReader(r.Body, 300<<10))
	if err != nil || r.Method != http.MethodPost {
		sqsError(w, "InvalidParameterValue", "bad request")
		return
	}
	var in struct {
		QueueURL    string `json:"QueueUrl"`
		QueueName   string `json:"QueueName"`
		MessageBody string `json:"MessageBody"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		sqsError(w, "InvalidParameterValue", "body is not JSON")
		return
	}
	switch target {
	case "GetQueueUrl":
		if _, ok := g.queues[in.QueueName]; !ok {
			sqsError(w, "QueueDoesNotExist", "no queue "+in.QueueName)
			return
		}
		writeSQS(w, map[string]string{"QueueUrl": localstack.QueueURL(g.queueEndpoint, in.QueueName)})
	case "SendMessage":
		name := in.QueueURL[strings.LastIndex(in.QueueURL, "/")+1:]
		q, ok := g.queues[name]
		if !ok {
			sqsError(w, "QueueDoesNotExist", "no queue "+name)
			return
		}
		if in.MessageBody == "" || len(in.MessageBody) > 256<<10 {
			sqsError(w, "InvalidParameterValue", "message body must be 1 byte to 256 KiB")
			return
		}
		m := &sqsMessage{id: ids.New(time.Now()), body: in.MessageBody, sentAt: time.Now().UTC()}
		q.push(m)
		sum := md5.Sum([]byte(in.MessageBody))
		writeSQS(w, map[string]string{"MessageId": m.id, "MD5OfMessageBody": hex.EncodeToString(sum[:])})
	default:
		sqsError(w, "UnsupportedOperation", "the local queue answers SendMessage and GetQueueUrl")
	}
}

func writeSQS(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	_ = json.NewEncoder(w).Encode(v)
}

func sqsError(w http.ResponseWriter, code, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("x-amzn-query-error", "AWS.SimpleQueueService."+code+";Sender")
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": "com.amazonaws.sqs#" + code, "message": msg})
}

// setupQueues creates the template's queues and their consumers.
func (g *Gateway) setupQueues(tpl *samtemplate.Template) error {
	g.queues = map[string]*localQueue{}
	g.queueIDs = map[string]*localQueue{}
	for _, r := range tpl.OfType("AWS::SQS::Queue") {
		cfg, err := tpl.Queue(r.LogicalID)
		if err != nil {
			return err
		}
		name := g.opts.Resources.Context.Attrs[r.LogicalID+".QueueName"]
		q := &localQueue{name: name, cfg: cfg, arn: g.opts.Resources.Context.Attrs[r.LogicalID+".Arn"], wake: make(chan struct{}, 1)}
		g.queues[name], g.queueIDs[r.LogicalID] = q, q
	}
	return nil
}

// consume delivers a queue's messages to one function until the gateway
// closes.
func (g *Gateway) consume(c *queueConsumer) {
	q := g.queueIDs[c.src.Queue]
	defer g.pollers.Done()
	for {
		msgs := q.take(max(1, c.src.BatchSize))
		if n := len(msgs); n > 0 && n < c.src.BatchSize && c.src.BatchingWindow > 0 {
			// As Lambda's batching window: gather more before invoking.
			select {
			case <-g.stop:
			case <-time.After(time.Duration(c.src.BatchingWindow) * time.Second):
			}
			msgs = append(msgs, q.take(c.src.BatchSize-n)...)
		}
		if len(msgs) == 0 {
			select {
			case <-g.stop:
				return
			case <-q.wake:
			case <-time.After(200 * time.Millisecond):
			}
			continue
		}
		g.deliverMessages(c, q, msgs)
	}
}

func (g *Gateway) deliverMessages(c *queueConsumer, q *localQueue, msgs []*sqsMessage) {
	ev := events.SQSEvent{}
	for _, m := range msgs {
		m.received++
		sum := md5.Sum([]byte(m.body))
		ev.Records = append(ev.Records, events.SQSMessage{MessageId: m.id, ReceiptHandle: m.id + "#" + strconv.Itoa(m.received),
			Body: m.body, Md5OfBody: hex.EncodeToString(sum[:]), EventSource: "aws:sqs", EventSourceARN: q.arn,
			AWSRegion: localstack.Region, Attributes: map[string]string{"ApproximateReceiveCount": strconv.Itoa(m.received),
				"SentTimestamp": strconv.FormatInt(m.sentAt.UnixMilli(), 10)}})
	}
	resp, err := g.invokeQueue(c, ev)
	failed := map[string]bool{}
	if err != nil {
		for _, m := range msgs {
			failed[m.id] = true
		}
		g.opts.Log.Warn("queue invocation failed", "function", c.fn.LogicalID, "error", err.Error())
	} else if c.src.ReportFailures {
		for _, f := range resp.BatchItemFailures {
			failed[f.ItemIdentifier] = true
		}
	}
	for _, m := range msgs {
		if !failed[m.id] {
			continue
		}
		if q.cfg.MaxReceiveCount > 0 && m.received >= q.cfg.MaxReceiveCount {
			g.queueDeadLetter(c, q, m, err)
			continue
		}
		// SQS would wait out the visibility timeout (minutes); locally the
		// retry delay keeps the loop short.
		g.inflight.Add(1)
		time.AfterFunc(g.opts.RetryDelay, func() { defer g.inflight.Done(); q.push(m) })
	}
}

func (g *Gateway) invokeQueue(c *queueConsumer, ev events.SQSEvent) (resp events.SQSEventResponse, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("function panicked: %v", p)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(c.fn.TimeoutSeconds)*time.Second)
	defer cancel()
	return c.handler(ctx, ev)
}

// queueDeadLetter moves a message to its queue's dead-letter log.
func (g *Gateway) queueDeadLetter(c *queueConsumer, q *localQueue, m *sqsMessage, cause error) {
	reason := "reported as failed"
	if cause != nil {
		reason = cause.Error()
	}
	g.opts.Log.Warn("queue message dead-lettered", "queue", q.cfg.LogicalID, "function", c.fn.LogicalID, "receives", m.received)
	target := q.cfg.DeadLetter
	if target == "" {
		target = q.cfg.LogicalID + "-dlq"
	}
	g.appendDeadLetter(target, map[string]any{"time": time.Now().UTC(), "function": c.fn.LogicalID, "error": reason,
		"queue": q.cfg.LogicalID, "messageId": m.id, "body": m.body, "receives": m.received})
}
