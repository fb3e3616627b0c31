package httpapi_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/httpapi"
	"lms/shared/lambdahttp"
	"lms/shared/logging"
)

// BenchmarkDecodeJSON measures strict decoding of a typical small body.
func BenchmarkDecodeJSON(b *testing.B) {
	body := `{"name":"Angkatan VI","code":"K3-2026-06","capacity":30,"courses":["01JDZ3K8W9X4T5Y6Z7A8B9C0D1"]}`
	var dst struct {
		Name     string   `json:"name"`
		Code     string   `json:"code"`
		Capacity int      `json:"capacity"`
		Courses  []string `json:"courses"`
	}
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		if err := httpapi.DecodeJSON(r, &dst, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRouterThroughLambdaAdapter measures what every API request pays
// in-process: API Gateway v2 event -> http.Request (api-proxy adapter) ->
// middleware -> route -> JSON response -> event response.
func BenchmarkRouterThroughLambdaAdapter(b *testing.B) {
	rt := httpapi.NewRouter(logging.New(io.Discard, "ERROR", "bench")).ForFunction("bench")
	rt.Handle(http.MethodGet, "/tenants/{tenantId}", func(w http.ResponseWriter, r *http.Request) error {
		httpapi.WriteJSON(w, http.StatusOK, map[string]string{"id": httpapi.PathParam(r, "tenantId")})
		return nil
	})
	invoke := lambdahttp.NewInvoker(rt)
	ev := events.APIGatewayV2HTTPRequest{Version: "2.0", RawPath: "/tenants/bdtbt", Headers: map[string]string{"accept": "application/json"},
		RequestContext: events.APIGatewayV2HTTPRequestContext{RequestID: "r1", HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "GET", Path: "/tenants/bdtbt"}}}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := invoke(context.Background(), ev)
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatal(resp.StatusCode, err)
		}
	}
}
