package localgw

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
)

// maxPayload is API Gateway's request payload limit for HTTP APIs.
const maxPayload = 10 << 20

func (g *Gateway) serveAPI(w http.ResponseWriter, r *http.Request) {
	// Set first, so the gateway's own answers (no route, refused token, too
	// large, crashed function) carry them too; a function's answer sets
	// the same values.
	httpapi.SecurityHeaders(w.Header())
	path := strings.TrimPrefix(r.URL.Path, g.opts.APIPrefix)
	if path == "" {
		path = "/"
	}
	origin := r.Header.Get("Origin")
	if r.Method == http.MethodOptions && origin != "" && r.Header.Get("Access-Control-Request-Method") != "" {
		g.cors.preflight(w, origin)
		return
	}
	g.cors.decorate(w, origin)

	rt, params := g.match(r.Method, path)
	if rt == nil {
		gatewayError(w, r, http.StatusNotFound, "Not Found", "route_not_found")
		return
	}
	var claims map[string]string
	if !rt.Public {
		c, err := g.auth.check(r.Header.Get("Authorization"))
		if err != nil {
			g.opts.Log.Debug("token refused", "route", rt.Method+" "+rt.Path, "reason", err.Error())
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			gatewayError(w, r, http.StatusUnauthorized, "Unauthorized", "unauthorized")
			return
		}
		claims = c
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxPayload))
	if err != nil {
		gatewayError(w, r, http.StatusRequestEntityTooLarge, "Request Entity Too Large", "body_too_large")
		return
	}
	ev := g.buildEvent(r, rt, path, params, claims, body)

	ctx, cancel := context.WithTimeout(r.Context(), rt.timeout)
	defer cancel()
	resp, err := invokeSafely(ctx, rt, ev)
	if err != nil {
		g.opts.Log.Error("function failed", "function", rt.Function, "route", ev.RouteKey, "error", err.Error())
		status, msg := http.StatusInternalServerError, "Internal Server Error"
		if errors.Is(err, context.DeadlineExceeded) {
			status, msg = http.StatusServiceUnavailable, "Service Unavailable"
		}
		gatewayError(w, r, status, msg, "internal")
		return
	}
	writeResponse(w, resp)
}

// invokeSafely turns a panic into an error, as the Lambda runtime reports a
// crashed invocation.
func invokeSafely(ctx context.Context, rt *route, ev events.APIGatewayV2HTTPRequest) (resp events.APIGatewayV2HTTPResponse, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errors.New("function panicked")
		}
	}()
	return rt.invoke(ctx, ev)
}

func (g *Gateway) buildEvent(r *http.Request, rt *route, path string, params map[string]string, claims map[string]string, body []byte) events.APIGatewayV2HTTPRequest {
	now := time.Now().UTC()
	headers := map[string]string{}
	for k, v := range r.Header {
		lk := strings.ToLower(k)
		if lk == "cookie" {
			continue
		}
		headers[lk] = strings.Join(v, ",")
	}
	query := map[string]string{}
	for k, v := range r.URL.Query() {
		query[k] = strings.Join(v, ",")
	}
	var cookies []string
	for _, c := range r.Cookies() {
		cookies = append(cookies, c.String())
	}
	sourceIP, _, _ := net.SplitHostPort(r.RemoteAddr)
	ev := events.APIGatewayV2HTTPRequest{
		Version:               "2.0",
		RouteKey:              rt.Method + " " + rt.Path,
		RawPath:               path,
		RawQueryString:        r.URL.RawQuery,
		Cookies:               cookies,
		Headers:               headers,
		QueryStringParameters: query,
		PathParameters:        params,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			AccountID:    "000000000000",
			APIID:        "local",
			DomainName:   r.Host,
			DomainPrefix: "local",
			RequestID:    ids.New(now),
			RouteKey:     rt.Method + " " + rt.Path,
			Stage:        "$default",
			Time:         now.Format("02/Jan/2006:15:04:05 -0700"),
			TimeEpoch:    now.UnixMilli(),
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
				Method: r.Method, Path: path, Protocol: r.Proto, SourceIP: sourceIP, UserAgent: r.UserAgent(),
			},
		},
	}
	if claims != nil {
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims, Scopes: nil},
		}
	}
	if len(body) > 0 {
		if utf8.Valid(body) {
			ev.Body = string(body)
		} else {
			ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
		}
	}
	return ev
}

func writeResponse(w http.ResponseWriter, resp events.APIGatewayV2HTTPResponse) {
	for k, v := range resp.Headers {
		w.Header().Set(k, v)
	}
	for k, vs := range resp.MultiValueHeaders {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	for _, c := range resp.Cookies {
		w.Header().Add("Set-Cookie", c)
	}
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		if b, err := base64.StdEncoding.DecodeString(resp.Body); err == nil {
			body = b
		}
	}
	status := resp.StatusCode
	if status == 0 {
		status = http.StatusOK
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// gatewayError answers for API Gateway itself (no route, authorizer refusal,
// crashed function). The cloud's HTTP API answers {"message": "..."} and
// cannot be customised; locally the body carries that field and the
// product's error object, so clients written against either shape work and
// key on the status code (docs/decisions/0003-local-gateway.md).
func gatewayError(w http.ResponseWriter, r *http.Request, status int, gwMessage, code string) {
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	body := map[string]any{
		"message": gwMessage,
		"error":   httpapi.BodyError{Code: code, Message: i18n.Text(lang, code, nil)},
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
