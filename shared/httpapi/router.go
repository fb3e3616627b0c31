package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/awslabs/aws-lambda-go-api-proxy/core"
	"github.com/go-chi/chi/v5"

	"lms/shared/ids"
	"lms/shared/logging"
)

// HandlerFunc is an HTTP handler that returns its error instead of writing
// it, so every error leaves through WriteError in the one shape.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Route is a method and path pattern as written in template.yaml.
type Route struct {
	Method string
	Path   string
}

// Router is an API function's routing table wrapped in the shared middleware.
type Router struct {
	mux      chi.Router
	log      *slog.Logger
	routes   []Route
	function string
}

// ForFunction names the function that owns the router; responses then carry
// it in X-Lms-Function, which lets operators and the route tests see which
// function answered a route.
func (rt *Router) ForFunction(name string) *Router {
	rt.function = name
	return rt
}

// NewRouter returns an empty router that answers unknown routes and methods
// in the error shape.
func NewRouter(log *slog.Logger) *Router {
	mux := chi.NewRouter()
	mux.NotFound(func(w http.ResponseWriter, r *http.Request) { WriteError(w, r, ErrRouteNotFound()) })
	mux.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		WriteError(w, r, NewError(http.StatusMethodNotAllowed, "method_not_allowed").With("Method", r.Method))
	})
	return &Router{mux: mux, log: log}
}

// Handle registers h for method and a template-style path ("/tenants/{tenantId}").
// A last segment "{name+}" is greedy, as in API Gateway: it takes the rest
// of the path, slashes included (PathParam(r, "name")).
func (rt *Router) Handle(method, path string, h HandlerFunc) {
	rt.routes = append(rt.routes, Route{Method: method, Path: path})
	pattern := path
	if i := strings.LastIndex(path, "/{"); i >= 0 && strings.HasSuffix(path, "+}") {
		pattern = path[:i] + "/*"
	}
	rt.mux.Method(method, pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			WriteError(w, r, err)
		}
	}))
}

// Routes lists the registered routes, sorted, for the test that compares
// them with template.yaml and the OpenAPI document.
func (rt *Router) Routes() []Route {
	out := append([]Route(nil), rt.routes...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// PathParam returns a path parameter of the matched route (a greedy one,
// "{name+}", by its name too).
func PathParam(r *http.Request, name string) string {
	if v := chi.URLParam(r, name); v != "" {
		return v
	}
	return chi.URLParam(r, "*")
}

type loggerKey struct{}

func loggerFrom(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// Logger returns the request's logger (it stamps the request id, tenant and user).
func Logger(r *http.Request) *slog.Logger { return loggerFrom(r.Context()) }

// ServeHTTP runs the middleware chain: request id, logger, panic recovery,
// security headers, access log, then the route.
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestID := r.Header.Get("X-Request-Id")
	if gw, ok := core.GetAPIGatewayV2ContextFromContext(r.Context()); ok && gw.RequestID != "" {
		requestID = gw.RequestID
	}
	if requestID == "" || len(requestID) > 128 {
		requestID = newRequestID()
	}
	ctx := logging.WithFields(r.Context(), logging.Fields{RequestID: requestID})
	ctx = context.WithValue(ctx, loggerKey{}, rt.log)
	r = r.WithContext(ctx)

	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	sw.Header().Set("X-Request-Id", requestID)
	SecurityHeaders(sw.Header())
	if rt.function != "" {
		sw.Header().Set("X-Lms-Function", rt.function)
	}
	defer func() {
		if p := recover(); p != nil {
			rt.log.ErrorContext(ctx, "panic in handler", "panic", p)
			if !sw.wrote {
				WriteError(sw, r, errors.New("panic"))
			}
		}
		rt.log.InfoContext(ctx, "request",
			"method", r.Method, "path", r.URL.Path, "status", sw.status,
			"durationMs", time.Since(start).Milliseconds())
	}()
	rt.mux.ServeHTTP(sw, r)
}

type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusWriter) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}

func newRequestID() string { return ids.New(time.Now()) }
