// Package lambdahttp runs an http.Handler as an API Gateway HTTP API
// (payload 2.0) Lambda function.
package lambdahttp

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"
)

// Invoker is the Lambda handler signature of an HTTP API function. The local
// gateway calls it too, so requests take the same path as in the cloud.
type Invoker func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// NewInvoker adapts h to the Lambda handler signature.
func NewInvoker(h http.Handler) Invoker { return httpadapter.NewV2(h).ProxyWithContext }

// Start hands h to the Lambda runtime; it does not return.
func Start(h http.Handler) { lambda.Start(NewInvoker(h)) }
