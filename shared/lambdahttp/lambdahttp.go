// Package lambdahttp runs an http.Handler as an API Gateway HTTP API
// (payload 2.0) Lambda function.
package lambdahttp

import (
	"context"
	"net/http"
	"strings"

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
		return proxy(ctx, ev)
	}
}

// Start hands h to the Lambda runtime; it does not return.
func Start(h http.Handler) { lambda.Start(NewInvoker(h)) }
