package qrhttp

import (
	"net/http"
	"strings"
)

// Cross-origin resource sharing (the Fetch standard's CORS protocol), for
// pages on other origins that call the API from the browser. It is off
// unless Options.CORSOrigins names origins: without it browsers keep other
// origins' pages from reading the answers (and from sending JSON at all),
// which is the safe default for a service that may sit on an internal
// network.

// corsMaxAge is how long, in seconds, a browser may reuse a preflight
// answer: an hour (Chromium caps it at two, Firefox at 24).
const corsMaxAge = "3600"

// maxCORSRequestHeaders bounds the Access-Control-Request-Headers value
// echoed back: the few headers a client sends are far shorter.
const maxCORSRequestHeaders = 1024

var (
	corsAnyOrigin     = []string{"*"}
	varyOrigin        = []string{"Origin"}
	corsMaxAgeValue   = []string{corsMaxAge}
	corsExposeHeaders = []string{"Content-Disposition, ETag, Retry-After, X-QR-Grade, X-QR-Level, X-QR-Version"} // the grades of styled codes (style.go) too
	errOriginRefused  = &apiError{http.StatusForbidden, "origin_not_allowed", "cross-origin requests from this origin are not allowed", 0}
)

// corsPolicy is the set of origins allowed to call the API.
type corsPolicy struct {
	anyOrigin bool            // "*": every origin
	origins   map[string]bool // serialized origins, "https://example.com", lower case
}

// newCORSPolicy returns the policy allowing origins ("*" for all), or nil
// when origins is empty.
func newCORSPolicy(origins []string) *corsPolicy {
	if len(origins) == 0 {
		return nil
	}
	c := &corsPolicy{origins: make(map[string]bool, len(origins))}
	for _, o := range origins {
		o = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(o)), "/")
		if o == "*" {
			c.anyOrigin = true
		}
		c.origins[o] = true
	}
	return c
}

// allowed reports whether origin may read the answers.
func (c *corsPolicy) allowed(origin string) bool {
	return c.anyOrigin || c.origins[strings.ToLower(origin)]
}

// handle applies the policy to r, a request to an endpoint that answers
// methods. It answers a preflight request itself (done is true, with the
// status): 204 with the permissions, or 403 for an origin not allowed. For
// any other request it adds the headers that let an allowed origin read the
// answer, and leaves the answer to the endpoint.
func (c *corsPolicy) handle(w http.ResponseWriter, r *http.Request, methods string) (status int, done bool) {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return 0, false // not a cross-origin request from a browser
	}
	hdr := w.Header()
	if !c.anyOrigin {
		addVary(hdr, varyOrigin)
	}
	preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
	if !c.allowed(origin) {
		if preflight {
			return serveError(w, errOriginRefused), true
		}
		return 0, false // answered without permission: the browser hides it
	}
	if c.anyOrigin {
		hdr["Access-Control-Allow-Origin"] = corsAnyOrigin
	} else {
		hdr["Access-Control-Allow-Origin"] = []string{origin}
	}
	if !preflight {
		hdr["Access-Control-Expose-Headers"] = corsExposeHeaders
		return 0, false
	}
	hdr["Access-Control-Allow-Methods"] = []string{methods}
	if rh := r.Header.Get("Access-Control-Request-Headers"); rh != "" && len(rh) <= maxCORSRequestHeaders {
		hdr["Access-Control-Allow-Headers"] = []string{rh}
	}
	hdr["Access-Control-Max-Age"] = corsMaxAgeValue
	w.WriteHeader(http.StatusNoContent)
	return http.StatusNoContent, true
}
