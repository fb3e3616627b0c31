package awsclient

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/faults"
)

// Each wait lies in [step/2, step) with step = Base·2^(attempt-1) capped at
// Max, so waits grow strictly until the cap.
func TestBackoffGrows(t *testing.T) {
	b := Backoff{Base: 50 * time.Millisecond, Max: time.Second}
	for range 200 {
		prev := time.Duration(0)
		for attempt := 1; attempt <= 8; attempt++ {
			d, err := b.BackoffDelay(attempt, nil)
			if err != nil {
				t.Fatal(err)
			}
			step := min(50*time.Millisecond<<(attempt-1), time.Second)
			if d < step/2 || d >= step {
				t.Fatalf("attempt %d: wait %s outside [%s, %s)", attempt, d, step/2, step)
			}
			if step < time.Second && d <= prev {
				t.Fatalf("attempt %d: wait %s not longer than %s", attempt, d, prev)
			}
			prev = d
		}
	}
	if d, _ := b.BackoffDelay(1000, nil); d < b.Max/2 || d >= b.Max {
		t.Fatalf("a large attempt number: %s", d)
	}
}

// A DynamoDB endpoint that accepts connections and closes them at once (a
// service dying) gets DynamoDBMaxAttempts attempts with short waits, then
// the call fails quickly with an error classified as unavailable.
func TestDeadEndpointFailsFastAfterBoundedRetries(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var accepted atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	cfg := aws.Config{Region: "ap-southeast-3", Credentials: credentials.NewStaticCredentialsProvider("k", "s", "")}
	Bound(&cfg)
	db := DynamoDB(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = aws.String("http://" + l.Addr().String()) })
	start := time.Now()
	_, err = db.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("t"),
		Key: map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: "x"}}})
	took := time.Since(start)
	if err == nil {
		t.Fatal("a call to a closed endpoint succeeded")
	}
	if k := faults.Classify(err); k != faults.Unavailable {
		t.Errorf("classified %s: %v", k, err)
	}
	if n := accepted.Load(); n != DynamoDBMaxAttempts {
		t.Errorf("%d attempts, want %d", n, DynamoDBMaxAttempts)
	}
	// Three waits of at most 50+100+200 ms, and loopback connections.
	if took > 2*time.Second {
		t.Errorf("the failure took %s", took)
	}
}
