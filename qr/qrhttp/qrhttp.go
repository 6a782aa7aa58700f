// Package qrhttp serves QR code generation and decoding over HTTP: handlers
// any Go server can mount, with the limits a public service needs.
//
// A Handler answers
//
//	POST /api/generate   JSON {"text": "...", "level": "H", "scale": 10, "quiet": 4,
//	                     "format": "png"|"svg", "fg": "#000000", "bg": "#ffffff", "eci": true}
//	                     → the image; only text is required, the rest default to the values shown
//	GET  /api/generate   the same with query parameters (?text=...&scale=8), cacheable:
//	                     Cache-Control and ETag, 304 on a matching If-None-Match
//	POST /api/decode     a multipart upload (field "file") or a raw image body
//	                     → {"codes": [{"text", "version", "level", "corners"}]}
//	GET  /healthz        liveness: 200 while the process serves HTTP
//	GET  /readyz         readiness: 503 once SetReady(false) is called (e.g. on SIGTERM)
//	GET  /metrics        request counts and latency histograms per endpoint,
//	                     Prometheus text exposition format 0.0.4
//
// Every error is JSON {"error": "...", "code": "..."} with the status that
// fits: 400 malformed request, 404 unknown path, 405 wrong method, 408 body
// too slow, 413 body, text or image too large, 415 unsupported image, 422 no
// QR code found, 429 per-client rate limit and 503 overload, both with
// Retry-After.
//
// CPU work (encoding, rendering, decoding) runs under a concurrency limit of
// GOMAXPROCS slots by default (see Options.Concurrency). A request that finds no free slot waits at
// most Options.QueueWait (100 ms) in a queue of at most Options.QueueLength
// (1000) requests, then gets 503: overload sheds load in milliseconds instead
// of queueing without bound. Request bodies are read before a slot is taken,
// under a per-request read deadline, so slow clients never hold CPU slots.
//
// POST and GET /api/generate share a response cache: the same normalized
// request (text, level, scale, quiet, format, fg, bg, eci) always yields the
// same image, so finished responses (body, ETag, Content-Type) are kept and
// served again without encoding, rendering or taking a CPU slot. The cache
// is bounded by Options.CacheBytes (16 MiB by default, counting keys, bodies
// and a per-entry overhead; about 17,000 W1 PNGs), evicts the least recently
// used entries approximately (CLOCK), is sharded by key hash so that
// concurrent hits rarely contend, and allocates nothing on a hit. A negative
// CacheBytes disables it. /metrics reports qrhttp_cache_hits_total,
// qrhttp_cache_misses_total, qrhttp_cache_entries and qrhttp_cache_bytes.
//
// The handler keeps no state between requests apart from counters, the
// response cache and the optional per-client rate limiter, so a service built on it scales out by
// running replicas behind any load balancer; /healthz and /readyz serve as
// Kubernetes liveness and readiness probes.
package qrhttp

import (
	"net"
	"net/http"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/qrworks/qrworks/qr"
)

// Options configures a Handler. The zero value of every field selects the
// default given in its comment.
type Options struct {
	// MaxBodyBytes caps the JSON body of POST /api/generate (default 64 KiB).
	MaxBodyBytes int64
	// MaxTextBytes caps the text to encode, in bytes of UTF-8 (default
	// 7089, the most a version 40 symbol holds: numeric digits at level L).
	MaxTextBytes int
	// MaxScale caps the pixels per module of generated images (default 32).
	MaxScale int
	// MaxQuietZone caps the quiet zone of generated images in modules
	// (default 16).
	MaxQuietZone int
	// MaxUploadBytes caps the image uploaded to POST /api/decode (default
	// 8 MiB).
	MaxUploadBytes int64
	// MaxPixels caps the width×height of uploaded images, checked from the
	// image header before any pixel is decoded (default 16 megapixels).
	// Peak memory of decoding is about Concurrency × MaxPixels × 4 bytes.
	MaxPixels int64
	// Timeout bounds the time to read a request body and to wait for a CPU
	// slot (default 10 s). CPU work itself is not interrupted: its cost is
	// bounded by the size limits above.
	Timeout time.Duration
	// Concurrency is the number of requests doing CPU work at once (default
	// GOMAXPROCS). Requests over it wait in a first-in, first-out queue.
	//
	// The tail latency is lowest when CPU work cannot occupy every P of the
	// Go scheduler: a spare P keeps reading new requests into that queue
	// promptly, instead of leaving them in the scheduler's run queues
	// behind the work in progress, where they are served in no fair order.
	// examples/server runs GOMAXPROCS one above the CPU count, with
	// Concurrency at the CPU count: on 2 cores under 100 connections this
	// cut the p99 latency of uncached generate from 71 to 21 ms at the
	// same throughput.
	Concurrency int
	// QueueWait is the longest a request waits for a CPU slot before it is
	// shed with 503 (default 100 ms).
	QueueWait time.Duration
	// QueueLength is the most requests waiting for a CPU slot; more are shed
	// at once with 503 (default 1000).
	QueueLength int
	// RateLimit, if positive, enables a per-client token bucket: each
	// client may make RateLimit API requests per second with bursts of
	// RateBurst; more get 429. Off by default.
	RateLimit rate.Limit
	// RateBurst is the bucket size of the rate limit (default RateLimit
	// rounded up, at least 1).
	RateBurst int
	// MaxClients bounds the rate limiter's table of clients (default
	// 10000); the least recently seen are forgotten first.
	MaxClients int
	// ClientKey names the client of a request for the rate limiter
	// (default: the IP address of r.RemoteAddr). Behind a trusted proxy,
	// return the address it forwards instead.
	ClientKey func(r *http.Request) string
	// CacheMaxAge is the max-age of GET /api/generate responses (default
	// 24 h): the same query always gives the same image.
	CacheMaxAge time.Duration
	// CacheBytes bounds the memory of the response cache of
	// /api/generate (default 16 MiB); a negative value, or one under
	// 16 KiB (too small to be useful), disables the cache.
	CacheBytes int64
}

// withDefaults returns o with every zero field set to its default.
func (o Options) withDefaults() Options {
	def := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	defInt := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.MaxBodyBytes, 64<<10)
	defInt(&o.MaxTextBytes, 7089)
	defInt(&o.MaxScale, 32)
	defInt(&o.MaxQuietZone, 16)
	def(&o.MaxUploadBytes, 8<<20)
	def(&o.MaxPixels, 16<<20)
	defDur(&o.Timeout, 10*time.Second)
	defInt(&o.Concurrency, runtime.GOMAXPROCS(0))
	defDur(&o.QueueWait, 100*time.Millisecond)
	defInt(&o.QueueLength, 1000)
	defInt(&o.RateBurst, max(1, int(o.RateLimit+0.999)))
	defInt(&o.MaxClients, 10000)
	defDur(&o.CacheMaxAge, 24*time.Hour)
	if o.CacheBytes == 0 {
		o.CacheBytes = 16 << 20
	}
	if o.ClientKey == nil {
		o.ClientKey = remoteIP
	}
	return o
}

// remoteIP is the default client key: the host part of r.RemoteAddr.
func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Handler is the QR code service; it implements http.Handler. Create it
// with New. A Handler is safe for concurrent use.
type Handler struct {
	opts    Options
	slots   slots
	limiter *clientLimiter // nil when the rate limit is off
	ready   atomic.Bool
	metrics metrics
	cache   *responseCache // nil when disabled

	// cacheControl is the Cache-Control header value of GET /api/generate.
	cacheControl []string

	// Options built once, so that the common requests build none.
	scaleOpts []qr.Option // scaleOpts[n] is qr.Scale(n)
	quietOpts []qr.Option // quietOpts[n] is qr.QuietZone(n)
	noECI     qr.Option
}

// New returns a Handler with the given limits; it is ready (see SetReady).
func New(opts Options) *Handler {
	o := opts.withDefaults()
	h := &Handler{
		opts:         o,
		slots:        newSlots(o.Concurrency, o.QueueLength),
		scaleOpts:    make([]qr.Option, o.MaxScale+1),
		quietOpts:    make([]qr.Option, o.MaxQuietZone+1),
		noECI:        qr.NoECI(),
		cacheControl: []string{"public, max-age=" + strconv.FormatInt(int64(o.CacheMaxAge/time.Second), 10)},
	}
	if o.CacheBytes > 0 {
		h.cache = newResponseCache(o.CacheBytes)
	}
	for i := 1; i <= o.MaxScale; i++ {
		h.scaleOpts[i] = qr.Scale(i)
	}
	for i := 0; i <= o.MaxQuietZone; i++ {
		h.quietOpts[i] = qr.QuietZone(i)
	}
	if o.RateLimit > 0 {
		h.limiter = newClientLimiter(o.RateLimit, o.RateBurst, o.MaxClients)
	}
	h.ready.Store(true)
	return h
}

// SetReady sets what /readyz answers. Call SetReady(false) when shutdown
// begins, so that load balancers stop sending new requests while in-flight
// ones finish; every other endpoint keeps working.
func (h *Handler) SetReady(ready bool) { h.ready.Store(ready) }

// Endpoints, the label of the metrics.
const (
	epGenerate = iota
	epDecode
	epHealthz
	epReadyz
	epMetrics
	epOther
	numEndpoints
)

var endpointNames = [numEndpoints]string{"generate", "decode", "healthz", "readyz", "metrics", "other"}

// ServeHTTP routes r to its endpoint and records the metrics.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	var ep, status int
	switch r.URL.Path {
	case "/api/generate":
		ep, status = epGenerate, h.generate(w, r, start)
	case "/api/decode":
		ep, status = epDecode, h.decode(w, r, start)
	case "/healthz":
		ep, status = epHealthz, h.health(w, r, true)
	case "/readyz":
		ep, status = epReadyz, h.health(w, r, h.ready.Load())
	case "/metrics":
		ep, status = epMetrics, h.serveMetrics(w, r)
	default:
		ep, status = epOther, serveError(w, errNoRoute)
	}
	h.metrics.record(ep, status, time.Since(start))
}

var (
	jsonOK    = []byte(`{"status":"ok"}` + "\n")
	jsonReady = []byte(`{"status":"ready"}` + "\n")
)

// health answers /healthz and /readyz.
func (h *Handler) health(w http.ResponseWriter, r *http.Request, ok bool) int {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return serveMethodNotAllowed(w, "GET, HEAD")
	}
	if !ok {
		return serveError(w, errNotReady)
	}
	body := jsonOK
	if r.URL.Path == "/readyz" {
		body = jsonReady
	}
	hdr := w.Header()
	hdr["Content-Type"] = ctJSON
	hdr["Cache-Control"] = noStore
	hdr["X-Content-Type-Options"] = nosniff
	w.WriteHeader(http.StatusOK)
	w.Write(body)
	return http.StatusOK
}

// Header values shared by all responses; net/http only reads them. Assigning
// them to the header map directly avoids allocating a slice per request.
var (
	ctJSON  = []string{"application/json; charset=utf-8"}
	ctPNG   = []string{"image/png"}
	ctSVG   = []string{"image/svg+xml"}
	ctText  = []string{"text/plain; version=0.0.4; charset=utf-8"}
	nosniff = []string{"nosniff"}
	noStore = []string{"no-store"}
)
