package integration

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Capacity units as DynamoDB bills them, measured: while capacityOn is set
// (BenchmarkHotOperations, one request at a time), every DynamoDB request
// of the API functions asks for ReturnConsumedCapacity TOTAL (indexes
// included) and the units in the answers are added up, reads and writes
// apart. DynamoDB Local computes them as DynamoDB does (item sizes, strong
// or eventual consistency, transactions at twice the units). The field is
// added to the signed body after signing: DynamoDB Local does not check
// signatures, and nothing else sees the change.
var (
	capacityOn atomic.Bool
	capacity   = &capacityCounter{}
)

type capacityCounter struct {
	mu          sync.Mutex
	read, write float64
}

func (c *capacityCounter) snapshot() (read, write float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.read, c.write
}

// capacityOps are the DynamoDB operations that accept ReturnConsumedCapacity.
var capacityOps = map[string]bool{"GetItem": false, "Query": false, "Scan": false, "BatchGetItem": false, "TransactGetItems": false,
	"PutItem": true, "UpdateItem": true, "DeleteItem": true, "BatchWriteItem": true, "TransactWriteItems": true} // true: a write

// measureCapacity sends a DynamoDB request asking for its consumed
// capacity and counts it.
func measureCapacity(next aws.HTTPClient, r *http.Request, target string) (*http.Response, error) {
	op := strings.TrimPrefix(target, "DynamoDB_20120810.")
	write, known := capacityOps[op]
	if !known || r.Body == nil {
		return next.Do(r)
	}
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, err
	}
	var in map[string]json.RawMessage
	if json.Unmarshal(body, &in) == nil {
		in["ReturnConsumedCapacity"] = json.RawMessage(`"TOTAL"`)
		if b, err := json.Marshal(in); err == nil {
			body = b
		}
	}
	r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	resp, err := next.Do(r)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	if err != nil {
		return resp, nil
	}
	var out struct {
		ConsumedCapacity json.RawMessage
	}
	_ = json.Unmarshal(raw, &out)
	type units struct{ CapacityUnits float64 }
	var one units
	var many []units
	total := 0.0
	if json.Unmarshal(out.ConsumedCapacity, &many) == nil {
		for _, u := range many {
			total += u.CapacityUnits
		}
	} else if json.Unmarshal(out.ConsumedCapacity, &one) == nil {
		total = one.CapacityUnits
	}
	capacity.mu.Lock()
	if write {
		capacity.write += total
	} else {
		capacity.read += total
	}
	capacity.mu.Unlock()
	return resp, nil
}
