// Package qrhttp serves QR code generation and decoding over HTTP: handlers
// any Go server can mount, with the limits a public service needs.
//
// New returns a Handler that answers
//
//	POST /api/generate   JSON {"text": "...", "level": "H", "scale": 10, "quiet": 4,
//	                     "format": "png"|"svg"|"json", "fg": "#000000", "bg": "#ffffff", "eci": true}
//	                     → the image; only text is required, the rest default to the values shown.
//	                     Styling: "modules" and "finders" ("square", "rounded", "dots"), "gradient"
//	                     ("#from,#to[,angle]" or "radial,#inner,#outer"), "logo" (a data URI) and
//	                     "logo_size" (0.2); or a multipart/form-data body of the same fields with
//	                     the logo as part "logo". A styled image is checked and carries its grade
//	                     in X-QR-Grade (and X-QR-Level, X-QR-Version); one that fails is 422.
//	GET  /api/generate   the same with query parameters (?text=...&scale=8), cacheable:
//	                     Cache-Control and ETag, 304 on a matching If-None-Match; HEAD too
//	                     "gs1": true (text is a GS1 element string), "aim": "37" (AIM data),
//	                     "sequence": {"max_version": N} → a ZIP of a structured append sequence
//	POST /api/generate/batch
//	                     JSON {"items": [{"name": "SKU-1", "text": "..."}, ...], ...the fields above}
//	                     or CSV (name,text header; the fields in the query string)
//	                     → a ZIP streamed as it is made: <name>.png|svg per item, then errors.json
//	POST /api/decode     a raw image body, or multipart parts named "file"
//	                     → {"codes": [{"text", "format", "version", "level", "corners", "symbology_id",
//	                     "gs1", "elements", "aim", "sequence", "parts"}]} for one image,
//	                     {"results": [{"file", "codes", "error"}], "merged": [...]} for several
//	GET  /healthz        liveness: 200 while the process serves HTTP
//	GET  /readyz         readiness: 503 once SetReady(false) is called (e.g. on SIGTERM)
//	GET  /metrics        request counts and latency histograms per endpoint,
//	                     Prometheus text exposition format 0.0.4
//	GET  /openapi.json   the OpenAPI 3.1 description of all of the above
//
// The generate answer is negotiated: "format" chooses when given, else the
// Accept header (image/png, the default; image/svg+xml; application/json for
// {"mime", "data": "data:image/png;base64,…"}); ?download=1 adds a
// Content-Disposition with a file name. Cross-origin requests from browsers
// are refused unless Options.CORSOrigins allows their origin.
//
// # Mounting piece by piece
//
// A Handler is also the service behind each endpoint: Generate, Decode,
// Liveness, Readiness and Metrics return them one by one, to mount on the
// server's own paths behind its own middleware:
//
//	api := qrhttp.New(qrhttp.Options{})
//	mux.Handle("POST /v2/codes", requireKey(api.Generate()))
//	mux.Handle("GET /internal/metrics", api.Metrics())
//
// Endpoints of one Handler share everything: limits, CPU slots and their
// queue, the rate limiter, the response cache and the metrics (counted by
// endpoint name, whatever the path). Endpoints do not look at the path, so
// a prefix needs no http.StripPrefix. Two Handlers share nothing.
//
// # Errors and limits
//
// Every error is JSON {"error": "...", "code": "..."} with the status that
// fits: 400 malformed request, 403 CORS origin not allowed, 404 unknown
// path, 405 wrong method, 406 no acceptable answer type, 408 body too slow,
// 413 body, text, image, items or files over their limits, 414 query string
// too long, 415 unsupported image or batch type, 422 no QR code found or
// text that no code holds at the requested level (code "does_not_fit", with
// a message that gives the capacity and, as fields, the text's length, what
// each level holds and the level that fits), 429 per-client rate limit and
// 503 overload, both with Retry-After. Errors of single items of a batch or
// files of a multi-file decode are reported with the item, in the same
// shape, and do not fail the request.
//
// CPU work (encoding, rendering, decoding) runs under a concurrency limit of
// GOMAXPROCS slots by default (see Options.Concurrency). A request that
// finds no free slot joins a first-in, first-out queue if the wait it can
// expect there — the requests ahead of it, times the recent time a request
// holds a slot, over the number of slots — is within Options.QueueWait
// (100 ms), and fewer than Options.QueueLength (1000) requests wait;
// otherwise it gets 503 at once. So a load the CPU serves is never shed,
// however many connections it comes over, and overload is shed in
// microseconds instead of queueing without bound. A queued request that
// waits ten times QueueWait after all gets 503 too. Request bodies are read
// before a slot is taken, under a per-request read deadline, so slow
// clients never hold CPU slots.
//
// A batch or a multi-file decode is admitted under the same rule, then
// spreads its items over up to Concurrency workers, each taking a slot per
// chunk of items in the same queue, so that single requests are served
// between the chunks.
//
// # Response cache
//
// POST and GET /api/generate share a response cache: the same normalized
// request (text, level, scale, quiet, format, fg, bg, eci) always yields the
// same image, so finished responses (body, ETag, Content-Type) are kept and
// served again without encoding, rendering or taking a CPU slot. A response
// is kept from the second time its request misses within a while: requests
// made once (a new serial number on every label) are never stored, so they
// cost no entry and push no repeated one out. The cache is bounded by
// Options.CacheBytes (16 MiB by default, counting keys, bodies and a
// per-entry overhead), evicts the least recently used entries approximately
// (CLOCK), is sharded by key hash so that concurrent hits rarely contend,
// and allocates nothing on a hit. A negative CacheBytes disables it.
// /metrics reports qrhttp_cache_hits_total, qrhttp_cache_misses_total,
// qrhttp_cache_not_admitted_total, qrhttp_cache_entries and
// qrhttp_cache_bytes.
//
// The handler keeps no state between requests apart from counters, the
// response cache and the optional per-client rate limiter, so a service
// built on it scales out by running replicas behind any load balancer;
// /healthz and /readyz serve as Kubernetes liveness and readiness probes.
// docs/service.md has the measurements behind the defaults.
package qrhttp

import (
	"math"
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
	// Set it below GOMAXPROCS (examples/server runs GOMAXPROCS one above
	// the CPU count, Concurrency at the CPU count) for a lower tail
	// latency: a spare P keeps reading new requests into the queue instead
	// of leaving them in the scheduler's run queues, where they are served
	// in no fair order. docs/service.md has the measurement.
	Concurrency int
	// QueueWait is the longest wait for a CPU slot a request may expect,
	// judging by the queue ahead of it and the recent time per request,
	// to be queued; one that would wait longer is shed with 503 at once
	// (default 100 ms). A queued request is shed after ten times QueueWait.
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

	// MaxQueryBytes caps the query string of every request (default
	// 32 KiB); longer ones get 414 in JSON. Keep it below the server's
	// http.Server.MaxHeaderBytes, or net/http answers first, in plain
	// text.
	MaxQueryBytes int
	// CORSOrigins lists the origins ("https://example.com") whose pages
	// may call the API from the browser; "*" allows every origin. Empty,
	// the default, turns cross-origin resource sharing off.
	CORSOrigins []string

	// MaxBatchBytes caps the body of POST /api/generate/batch (default
	// 4 MiB).
	MaxBatchBytes int64
	// MaxBatchItems caps the items of one batch (default 10,000).
	MaxBatchItems int
	// BatchTimeout bounds the time a batch computes (default 5 min): items
	// not done by then are listed in its errors.json with code "timeout".
	BatchTimeout time.Duration
	// MaxDecodeFiles caps the images of one POST /api/decode (default 16).
	MaxDecodeFiles int
	// MaxDecodeBytes caps the total size of the images of one POST
	// /api/decode (default 4 × MaxUploadBytes); each is also held to
	// MaxUploadBytes.
	MaxDecodeBytes int64
}

// The defaults of Options, with the reason for each.
const (
	// defaultMaxTextBytes is the most a version 40 symbol holds: 7089
	// numeric digits at level L (ISO/IEC 18004:2015 Table 7).
	defaultMaxTextBytes = 7089
	// defaultMaxBodyBytes holds the longest text even with every byte
	// escaped in JSON as \u00XX (6 × 7089 = 42,534 bytes), plus the other
	// fields.
	defaultMaxBodyBytes = 64 << 10
	// defaultMaxScale and defaultMaxQuietZone keep the largest image,
	// version 40, at (177 + 2·16)·32 = 6688 pixels a side: a print-quality
	// code, and well under qr.MaxImageSide.
	defaultMaxScale     = 32
	defaultMaxQuietZone = 16 // four times the minimum of ISO/IEC 18004:2015 §6.3.8
	// defaultMaxUploadBytes and defaultMaxPixels admit a phone photo (12
	// megapixels, a few MB as JPEG) with room to spare.
	defaultMaxUploadBytes = 8 << 20
	defaultMaxPixels      = 16 << 20
	// defaultTimeout is ample for a body on a slow mobile link; a client
	// slower than that is holding a connection, not sending a request.
	defaultTimeout = 10 * time.Second
	// defaultQueueWait admits into the queue what the slots serve within a
	// tenth of a second, a delay a client barely notices; a queue longer
	// than that means overload.
	defaultQueueWait = 100 * time.Millisecond
	// defaultQueueLength is more requests than a few cores serve within
	// the queue wait, so a full queue means overload: further requests are
	// shed at once instead of waiting for a slot they would not get.
	defaultQueueLength = 1000
	// defaultMaxClients bounds the rate limiter's table whatever the
	// number of addresses seen, above the clients one replica serves at
	// once.
	defaultMaxClients = 10000
	// defaultCacheMaxAge: a response never changes for the same query, and
	// a day lets browsers and CDNs keep it without holding it for ever.
	defaultCacheMaxAge = 24 * time.Hour
	// defaultCacheBytes holds thousands of typical PNGs (about 1 KiB each
	// with the entry's overhead) in a small share of a replica's memory.
	defaultCacheBytes = 16 << 20
	// defaultMaxQueryBytes holds the longest text percent-encoded (3 ×
	// 7089 = 21,267 bytes) and the other parameters, and stays below the
	// 64 KiB header limit of examples/server.
	defaultMaxQueryBytes = 32 << 10
	// defaultMaxBatchBytes holds 10,000 items of a product link and a name
	// (about 80 bytes each in JSON) five times over.
	defaultMaxBatchBytes = 4 << 20
	// defaultMaxBatchItems is a print run of a production line's shift:
	// about 4 s of work on two cores for product links at the defaults.
	defaultMaxBatchItems = 10000
	// defaultBatchTimeout bounds a batch of the largest symbols at the
	// largest scale (tens of ms each), so that one request cannot hold
	// the CPU slots for ever.
	defaultBatchTimeout = 5 * time.Minute
	// defaultMaxDecodeFiles is a burst of photos from one station; more go
	// in further requests.
	defaultMaxDecodeFiles = 16
	// defaultDecodeFilesPerUpload sets the default total of a multi-file
	// decode to four full-size uploads: 32 MiB with the default
	// MaxUploadBytes.
	defaultDecodeFilesPerUpload = 4
)

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
	def(&o.MaxBodyBytes, defaultMaxBodyBytes)
	defInt(&o.MaxTextBytes, defaultMaxTextBytes)
	defInt(&o.MaxScale, defaultMaxScale)
	defInt(&o.MaxQuietZone, defaultMaxQuietZone)
	def(&o.MaxUploadBytes, defaultMaxUploadBytes)
	def(&o.MaxPixels, defaultMaxPixels)
	defDur(&o.Timeout, defaultTimeout)
	defInt(&o.Concurrency, runtime.GOMAXPROCS(0))
	defDur(&o.QueueWait, defaultQueueWait)
	defInt(&o.QueueLength, defaultQueueLength)
	defInt(&o.RateBurst, max(1, int(math.Ceil(float64(o.RateLimit)))))
	defInt(&o.MaxClients, defaultMaxClients)
	defDur(&o.CacheMaxAge, defaultCacheMaxAge)
	if o.CacheBytes == 0 {
		o.CacheBytes = defaultCacheBytes
	}
	defInt(&o.MaxQueryBytes, defaultMaxQueryBytes)
	def(&o.MaxBatchBytes, defaultMaxBatchBytes)
	defInt(&o.MaxBatchItems, defaultMaxBatchItems)
	defDur(&o.BatchTimeout, defaultBatchTimeout)
	defInt(&o.MaxDecodeFiles, defaultMaxDecodeFiles)
	def(&o.MaxDecodeBytes, defaultDecodeFilesPerUpload*o.MaxUploadBytes)
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

// Handler is the QR code service: one set of limits, CPU slots, response
// cache, rate limiter and metrics, with its endpoints on top. It implements
// http.Handler, routing the standard paths (see the package documentation);
// Generate, Batch, Decode, Liveness, Readiness, Metrics and OpenAPI return
// the endpoints one by one, to mount on other paths. Create it with New. A Handler is safe for
// concurrent use.
type Handler struct {
	opts    Options
	slots   slots
	limiter *clientLimiter // nil when the rate limit is off
	ready   atomic.Bool
	metrics metrics
	cache   *responseCache // nil when disabled
	cors    *corsPolicy    // nil when CORS is off

	// endpoints[ep] serves endpoint ep, built once so that routing a request
	// allocates nothing; endpoints[epOther] answers 404.
	endpoints [numEndpoints]endpoint

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
		slots:        newSlots(o.Concurrency, o.QueueLength, o.QueueWait),
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
	h.cors = newCORSPolicy(o.CORSOrigins)
	h.endpoints = [numEndpoints]endpoint{
		epGenerate: {h, epGenerate, h.generate},
		epBatch:    {h, epBatch, h.batch},
		epDecode:   {h, epDecode, h.decode},
		epHealthz:  {h, epHealthz, h.liveness},
		epReadyz:   {h, epReadyz, h.readiness},
		epMetrics:  {h, epMetrics, h.serveMetrics},
		epOpenAPI:  {h, epOpenAPI, serveOpenAPI},
		epOther:    {h, epOther, noRoute},
	}
	h.ready.Store(true)
	return h
}

// SetReady sets what /readyz (the Readiness endpoint) answers. Call
// SetReady(false) when shutdown begins, so that load balancers stop sending
// new requests while in-flight ones finish; every other endpoint keeps
// working.
func (h *Handler) SetReady(ready bool) { h.ready.Store(ready) }

// Endpoints, the label of the metrics.
const (
	epGenerate = iota
	epBatch
	epDecode
	epHealthz
	epReadyz
	epMetrics
	epOpenAPI
	epOther
	numEndpoints
)

var endpointNames = [numEndpoints]string{"generate", "batch", "decode", "healthz", "readyz", "metrics", "openapi", "other"}

// corsMethods are the methods each endpoint allows to other origins when
// CORS is on; endpoints without any (probes, metrics) answer no CORS.
var corsMethods = [numEndpoints]string{
	epGenerate: "GET, HEAD, POST",
	epBatch:    "POST",
	epDecode:   "POST",
	epOpenAPI:  "GET, HEAD",
}

// endpoint is one endpoint of a Handler as an http.Handler: it answers on
// whatever path it is mounted and records each request in the Handler's
// metrics under its own label.
type endpoint struct {
	h     *Handler
	label int // epGenerate, …
	// serve answers r, which arrived at start, and returns the status.
	serve func(w http.ResponseWriter, r *http.Request, start time.Time) int
}

// ServeHTTP answers r and records it in the metrics. What every endpoint
// does alike happens here: the query string limit and CORS.
func (e *endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	status, done := 0, false
	if len(r.URL.RawQuery) > e.h.opts.MaxQueryBytes {
		status, done = serveError(w, e.h.queryTooLong()), true
	} else if e.h.cors != nil && corsMethods[e.label] != "" {
		status, done = e.h.cors.handle(w, r, corsMethods[e.label])
	}
	if !done {
		status = e.serve(w, r, start)
	}
	e.h.metrics.record(e.label, status, time.Since(start))
}

// queryTooLong is the answer to a query string over MaxQueryBytes.
func (h *Handler) queryTooLong() *apiError {
	return &apiError{http.StatusRequestURITooLong, "query_too_long",
		"query string over " + strconv.Itoa(h.opts.MaxQueryBytes) + " bytes", 0}
}

// Generate returns the endpoint of /api/generate (POST with JSON, GET and
// HEAD with a query string), to mount on any path. It shares h's limits,
// CPU slots, rate limiter, response cache and metrics (label "generate")
// with every other endpoint of h.
func (h *Handler) Generate() http.Handler { return &h.endpoints[epGenerate] }

// Batch returns the endpoint of /api/generate/batch (POST of many texts,
// answered with a ZIP file), to mount on any path; it shares h's limits,
// slots, rate limiter and metrics (label "batch").
func (h *Handler) Batch() http.Handler { return &h.endpoints[epBatch] }

// Decode returns the endpoint of /api/decode (POST of one or more images),
// to mount on any path; it shares h's limits, slots, rate limiter and
// metrics (label "decode").
func (h *Handler) Decode() http.Handler { return &h.endpoints[epDecode] }

// Liveness returns the endpoint of /healthz: 200 while the process serves
// HTTP. Its requests count in h's metrics under "healthz".
func (h *Handler) Liveness() http.Handler { return &h.endpoints[epHealthz] }

// Readiness returns the endpoint of /readyz: 200 until SetReady(false), then
// 503. Its requests count in h's metrics under "readyz".
func (h *Handler) Readiness() http.Handler { return &h.endpoints[epReadyz] }

// Metrics returns the endpoint of /metrics: the metrics of h in the
// Prometheus text format, whichever paths h's endpoints are mounted on.
func (h *Handler) Metrics() http.Handler { return &h.endpoints[epMetrics] }

// OpenAPI returns the endpoint of /openapi.json: the OpenAPI 3.1
// description of the service's standard paths. Its requests count in h's
// metrics under "openapi".
func (h *Handler) OpenAPI() http.Handler { return &h.endpoints[epOpenAPI] }

// ServeHTTP routes r by its path to the endpoint of that path, or answers 404
// (counted under the label "other").
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ep := epOther
	switch r.URL.Path {
	case "/api/generate":
		ep = epGenerate
	case "/api/generate/batch":
		ep = epBatch
	case "/api/decode":
		ep = epDecode
	case "/healthz":
		ep = epHealthz
	case "/readyz":
		ep = epReadyz
	case "/metrics":
		ep = epMetrics
	case "/openapi.json":
		ep = epOpenAPI
	}
	h.endpoints[ep].ServeHTTP(w, r)
}

// noRoute answers a path that names no endpoint.
func noRoute(w http.ResponseWriter, _ *http.Request, _ time.Time) int {
	return serveError(w, errNoRoute)
}

var (
	jsonOK    = []byte(`{"status":"ok"}` + "\n")
	jsonReady = []byte(`{"status":"ready"}` + "\n")
)

// liveness answers /healthz.
func (h *Handler) liveness(w http.ResponseWriter, r *http.Request, _ time.Time) int {
	return health(w, r, true, jsonOK)
}

// readiness answers /readyz.
func (h *Handler) readiness(w http.ResponseWriter, r *http.Request, _ time.Time) int {
	return health(w, r, h.ready.Load(), jsonReady)
}

// health answers a probe: body if ok, 503 otherwise.
func health(w http.ResponseWriter, r *http.Request, ok bool, body []byte) int {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return serveMethodNotAllowed(w, "GET, HEAD")
	}
	if !ok {
		return serveError(w, errNotReady)
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
