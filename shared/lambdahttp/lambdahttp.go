// Package lambdahttp runs an http.Handler as an API Gateway HTTP API
// (payload 2.0) Lambda function.
package lambdahttp

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
)

// Invoker is the Lambda handler signature of an HTTP API function. The local
// gateway calls it too, so requests take the same path as in the cloud.
type Invoker func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// NewInvoker adapts h to the Lambda handler signature. A request the
// adapter cannot turn into an http.Request (a control character in the
// path) is answered 400 in the API's error shape instead of failing the
// invocation, which API Gateway would report as a 500.
func NewInvoker(h http.Handler) Invoker {
	proxy := httpadapter.NewV2(h).ProxyWithContext
	return func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		if strings.ContainsFunc(ev.RawPath+ev.RequestContext.HTTP.Path, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return events.APIGatewayV2HTTPResponse{StatusCode: http.StatusBadRequest,
				Headers: map[string]string{"Content-Type": "application/json"},
				Body:    `{"error":{"code":"bad_request","message":"Alamat permintaan tidak sah."}}`}, nil
		}
		// Answer before the invocation's deadline: a dependency that hangs
		// then fails the handler's call (context deadline exceeded, a 503
		// with Retry-After, see shared/faults) in time for the answer to
		// leave, instead of Lambda killing the invocation and API Gateway
		// answering without the error shape.
		if deadline, ok := ctx.Deadline(); ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithDeadline(ctx, deadline.Add(-DeadlineMargin))
			defer cancel()
		}
		return proxy(ctx, ev)
	}
}

// DeadlineMargin is the time kept at the end of an invocation to write the
// answer after the handler's calls were cut.
const DeadlineMargin = time.Second

// Start hands h to the Lambda runtime; it does not return.
func Start(h http.Handler) { lambda.Start(NewInvoker(h)) }
