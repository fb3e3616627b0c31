package httpapi

import (
	"net/http"
	"strings"
)

// The security headers of every answer, in one place: the API functions
// (Router.ServeHTTP), the local gateway's own errors and its web server use
// these, and template.yaml's CloudFront ResponseHeadersPolicy repeats the
// web ones (a test in infra/localgw compares them).
const (
	// HSTS keeps browsers on HTTPS for two years, subdomains included.
	// Browsers ignore it on plain-HTTP answers (the local stack), so it is
	// sent everywhere rather than only where TLS is known.
	HSTS = "max-age=63072000; includeSubDomains"

	// APIContentSecurityPolicy is for answers that are data, never pages:
	// a JSON body (or a CSV/XLSX download) opened directly in a browser
	// loads nothing, runs nothing and cannot be framed.
	APIContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

	// APIReferrerPolicy: an API answer has no links worth a referrer.
	APIReferrerPolicy = "no-referrer"

	// WebReferrerPolicy: links from the app to other sites (a course's link
	// items, logos) tell them the origin only, never a path with ids.
	WebReferrerPolicy = "strict-origin-when-cross-origin"

	// PrivateCacheControl is the default for API answers: they are per
	// caller (tokens, personal data), so no cache, shared or private, keeps
	// them. A handler that wants another policy sets its own.
	PrivateCacheControl = "no-store"
)

// SecurityHeaders sets the headers every API answer carries. It is applied
// before the handler runs, so a handler may still replace Cache-Control
// (signed material links are cached privately for a few minutes).
func SecurityHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Strict-Transport-Security", HSTS)
	h.Set("Referrer-Policy", APIReferrerPolicy)
	h.Set("Content-Security-Policy", APIContentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", PrivateCacheControl)
	}
}

// WebOrigins are the origins the web app talks to besides its own.
type WebOrigins struct {
	// API is where the API lives when it is not under the app's origin
	// (API Gateway's execute-api domain in the cloud); empty locally.
	API []string
	// Media are where signed material links, cover images and presigned
	// uploads point: the materials bucket's S3 endpoint (locally the S3
	// stand-in).
	Media []string
}

// WebContentSecurityPolicy is the web app's policy: scripts and styles
// from the app's own origin only (the Vite build has no inline script or
// style), data from the API and the materials bucket, media from the bucket
// and from blob: (hls.js feeds the player through Media Source buffers and
// runs its transmuxer in a blob: worker), PDFs framed from the bucket, and
// images also from any https: address (tenant logos and images in Markdown
// pages are links an admin or instructor typed). Nothing may frame the app.
func WebContentSecurityPolicy(o WebOrigins) string {
	src := func(fixed string, extra ...[]string) string {
		parts := []string{fixed}
		for _, e := range extra {
			parts = append(parts, e...)
		}
		return strings.Join(parts, " ")
	}
	directives := []string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src " + src("'self' data: blob: https:", o.Media),
		"media-src " + src("'self' blob:", o.Media),
		"connect-src " + src("'self'", o.API, o.Media),
		"frame-src " + src("'self'", o.Media),
		"worker-src 'self' blob:",
		"font-src 'self'",
		"manifest-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}
	return strings.Join(directives, "; ")
}

// WebSecurityHeaders sets the headers of the web app's files and index
// page (the local gateway's static server; CloudFront's response headers
// policy in the cloud).
func WebSecurityHeaders(h http.Header, o WebOrigins) {
	h.Set("Content-Security-Policy", WebContentSecurityPolicy(o))
	h.Set("Strict-Transport-Security", HSTS)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", WebReferrerPolicy)
	h.Set("X-Frame-Options", "DENY")
}
