package qrhttp

import (
	"bytes"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the latency
// histogram: from half a millisecond (a generate request) to ten seconds
// (the default timeout).
var latencyBuckets = [...]float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Reasons for shedding a request, the label of qrhttp_shed_total.
const (
	shedQueueFull = iota
	shedQueueTimeout
	shedRateLimited
	numShedReasons
)

var shedNames = [numShedReasons]string{"queue_full", "queue_timeout", "rate_limited"}

// Outcomes of the items of a batch or of a multi-file decode, the label of
// qrhttp_items_total.
const (
	itemDone   = iota // in the ZIP; decoded
	itemFailed        // in errors.json; a file with an error
	numItemResults
)

var itemResultNames = [numItemResults]string{"ok", "error"}

// maxStatus is the largest HTTP status code (RFC 9110 §15: three digits,
// the first 1 to 5); out-of-range codes are counted under it.
const maxStatus = 599

// metrics are the counters behind /metrics: lock-free, fixed size.
type metrics struct {
	requests [numEndpoints][maxStatus + 1]atomic.Uint64 // by endpoint and status code
	buckets  [numEndpoints][len(latencyBuckets)]atomic.Uint64
	count    [numEndpoints]atomic.Uint64
	sumNanos [numEndpoints]atomic.Uint64
	shed     [numShedReasons]atomic.Uint64
	items    [numEndpoints][numItemResults]atomic.Uint64 // batch items, decoded files
}

// record counts one request of endpoint ep that answered status after d.
func (m *metrics) record(ep, status int, d time.Duration) {
	if status < 100 || status > maxStatus {
		status = maxStatus
	}
	m.requests[ep][status].Add(1)
	s := d.Seconds()
	// Buckets are cumulative in the exposition format; storing per-bucket
	// counts keeps recording to one increment, and the sums are taken when
	// /metrics is read.
	for i, le := range latencyBuckets {
		if s <= le {
			m.buckets[ep][i].Add(1)
			break
		}
	}
	m.count[ep].Add(1)
	m.sumNanos[ep].Add(uint64(d))
}

// serveMetrics writes the metrics in the Prometheus text exposition format
// (version 0.0.4).
func (h *Handler) serveMetrics(w http.ResponseWriter, r *http.Request, _ time.Time) int {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return serveMethodNotAllowed(w, "GET, HEAD")
	}
	var b bytes.Buffer
	m := &h.metrics

	b.WriteString("# HELP qrhttp_requests_total Requests answered, by endpoint and HTTP status code.\n")
	b.WriteString("# TYPE qrhttp_requests_total counter\n")
	for ep := range numEndpoints {
		for code := range m.requests[ep] {
			if n := m.requests[ep][code].Load(); n > 0 {
				b.WriteString(`qrhttp_requests_total{endpoint="` + endpointNames[ep] + `",code="` + strconv.Itoa(code) + `"} `)
				b.WriteString(strconv.FormatUint(n, 10) + "\n")
			}
		}
	}

	b.WriteString("# HELP qrhttp_request_duration_seconds Time from routing a request to the end of its handler, by endpoint.\n")
	b.WriteString("# TYPE qrhttp_request_duration_seconds histogram\n")
	for ep := range numEndpoints {
		name := endpointNames[ep]
		count := m.count[ep].Load()
		var cum uint64
		for i, le := range latencyBuckets {
			cum += m.buckets[ep][i].Load()
			b.WriteString(`qrhttp_request_duration_seconds_bucket{endpoint="` + name + `",le="` +
				strconv.FormatFloat(le, 'g', -1, 64) + `"} ` + strconv.FormatUint(cum, 10) + "\n")
		}
		// Recording is not atomic across fields: keep +Inf ≥ the last bucket.
		count = max(count, cum)
		b.WriteString(`qrhttp_request_duration_seconds_bucket{endpoint="` + name + `",le="+Inf"} ` + strconv.FormatUint(count, 10) + "\n")
		b.WriteString(`qrhttp_request_duration_seconds_sum{endpoint="` + name + `"} ` +
			strconv.FormatFloat(time.Duration(m.sumNanos[ep].Load()).Seconds(), 'g', -1, 64) + "\n")
		b.WriteString(`qrhttp_request_duration_seconds_count{endpoint="` + name + `"} ` + strconv.FormatUint(count, 10) + "\n")
	}

	b.WriteString("# HELP qrhttp_shed_total Requests refused to protect the service, by reason.\n# TYPE qrhttp_shed_total counter\n")
	for i, name := range shedNames {
		b.WriteString(`qrhttp_shed_total{reason="` + name + `"} ` + strconv.FormatUint(m.shed[i].Load(), 10) + "\n")
	}
	m.writeItems(&b)
	b.WriteString("# HELP qrhttp_cpu_slots_in_use Requests doing CPU work now.\n")
	b.WriteString("# TYPE qrhttp_cpu_slots_in_use gauge\n")
	b.WriteString("qrhttp_cpu_slots_in_use " + strconv.Itoa(h.slots.inUse()) + "\n")
	b.WriteString("# HELP qrhttp_cpu_slots Size of the concurrency limit on CPU work.\n")
	b.WriteString("# TYPE qrhttp_cpu_slots gauge\n")
	b.WriteString("qrhttp_cpu_slots " + strconv.Itoa(cap(h.slots.free)) + "\n")
	b.WriteString("# HELP qrhttp_queued Requests waiting for a CPU slot now.\n")
	b.WriteString("# TYPE qrhttp_queued gauge\n")
	b.WriteString("qrhttp_queued " + strconv.FormatInt(h.slots.waiting.Load(), 10) + "\n")
	if h.cache != nil {
		h.cache.writeMetrics(&b)
	}
	if h.limiter != nil {
		b.WriteString("# HELP qrhttp_rate_limit_clients Clients in the rate limiter's table.\n")
		b.WriteString("# TYPE qrhttp_rate_limit_clients gauge\n")
		b.WriteString("qrhttp_rate_limit_clients " + strconv.Itoa(h.limiter.clients()) + "\n")
	}

	hdr := w.Header()
	hdr["Content-Type"] = ctText
	hdr["Cache-Control"] = noStore
	hdr["X-Content-Type-Options"] = nosniff
	w.WriteHeader(http.StatusOK)
	w.Write(b.Bytes())
	return http.StatusOK
}

// writeItems writes the item counters of the endpoints that have items:
// the texts of a batch, the images of a multi-file decode.
func (m *metrics) writeItems(b *bytes.Buffer) {
	b.WriteString("# HELP qrhttp_items_total Items of batch requests (texts encoded into a ZIP) and files of multi-file decodes, by endpoint and result.\n")
	b.WriteString("# TYPE qrhttp_items_total counter\n")
	for _, ep := range [...]int{epBatch, epDecode} {
		for res, name := range itemResultNames {
			b.WriteString(`qrhttp_items_total{endpoint="` + endpointNames[ep] + `",result="` + name + `"} `)
			b.WriteString(strconv.FormatUint(m.items[ep][res].Load(), 10) + "\n")
		}
	}
}

// writeMetrics writes the response cache's counters and gauges.
func (c *responseCache) writeMetrics(b *bytes.Buffer) {
	entries, bytes := c.stats()
	b.WriteString("# HELP qrhttp_cache_hits_total Generate requests answered from the response cache.\n")
	b.WriteString("# TYPE qrhttp_cache_hits_total counter\n")
	b.WriteString("qrhttp_cache_hits_total " + strconv.FormatUint(c.hits.Load(), 10) + "\n")
	b.WriteString("# HELP qrhttp_cache_misses_total Valid generate requests not found in the response cache.\n")
	b.WriteString("# TYPE qrhttp_cache_misses_total counter\n")
	b.WriteString("qrhttp_cache_misses_total " + strconv.FormatUint(c.misses.Load(), 10) + "\n")
	b.WriteString("# HELP qrhttp_cache_not_admitted_total Misses not stored: the first of their request within a while.\n")
	b.WriteString("# TYPE qrhttp_cache_not_admitted_total counter\n")
	b.WriteString("qrhttp_cache_not_admitted_total " + strconv.FormatUint(c.refused.Load(), 10) + "\n")
	b.WriteString("# HELP qrhttp_cache_entries Responses held in the response cache.\n")
	b.WriteString("# TYPE qrhttp_cache_entries gauge\n")
	b.WriteString("qrhttp_cache_entries " + strconv.Itoa(entries) + "\n")
	b.WriteString("# HELP qrhttp_cache_bytes Memory charged to the response cache, in bytes.\n")
	b.WriteString("# TYPE qrhttp_cache_bytes gauge\n")
	b.WriteString("qrhttp_cache_bytes " + strconv.FormatInt(bytes, 10) + "\n")
}
