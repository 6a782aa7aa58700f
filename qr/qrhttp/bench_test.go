package qrhttp_test

import (
	"bufio"
	"bytes"
	"fmt"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// discard is a ResponseWriter that keeps nothing, so that benchmarks and
// allocation counts measure the handler alone. Like the http.Server's
// writer, it accepts read deadlines.
type discard struct{ h http.Header }

func (d *discard) SetReadDeadline(time.Time) error { return nil }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

// generateW1 returns a function that serves one POST /api/generate of W1
// (the load test's request) and reports its status.
func generateW1(h http.Handler) func() int { return generateTexts(h, 1) }

// generateTexts is generateW1 with n texts in turn: W1 itself for n = 1,
// otherwise W1 with its product number replaced by a counter (the same
// length and segments), as the load test's generate-unique.lua sends them.
func generateTexts(h http.Handler, n int) func() int {
	bodies := make([][]byte, n)
	for i := range bodies {
		text := w1
		if n > 1 {
			text = fmt.Sprintf("https://example.com/product/%010d?batch=42", i)
		}
		bodies[i] = []byte(`{"text":"` + text + `"}`)
	}
	rd := bytes.NewReader(nil)
	req := httptest.NewRequest("POST", "/api/generate", rd)
	w := &discard{h: http.Header{}}
	rec := &statusRecorder{discard: w}
	next := 0
	return func() int {
		rd.Reset(bodies[next%n])
		req.ContentLength = int64(rd.Len())
		next++
		req.Body = readCloser{rd}
		clear(w.h)
		rec.status = 0
		h.ServeHTTP(rec, req)
		return rec.status
	}
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

type statusRecorder struct {
	*discard
	status int
}

func (s *statusRecorder) WriteHeader(code int) { s.status = code }

// BenchmarkGenerate is the handler's share of the load test's generate
// request: JSON in, W1 PNG out. Cached is the default (every request after
// the first is a cache hit), Uncached encodes and renders every time.
func BenchmarkGenerate(b *testing.B) {
	for _, bc := range []struct {
		name  string
		bytes int64
	}{{"Cached", 0}, {"Uncached", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			serveOne := generateW1(qrhttp.New(qrhttp.Options{CacheBytes: bc.bytes}))
			b.ReportAllocs()
			for b.Loop() {
				if s := serveOne(); s != 200 {
					b.Fatal(s)
				}
			}
		})
	}
}

// BenchmarkGenerateGET is GET /api/generate?text=W1, the <img src> path.
func BenchmarkGenerateGET(b *testing.B) {
	h := qrhttp.New(qrhttp.Options{})
	req := httptest.NewRequest("GET", "/api/generate?text="+strings.ReplaceAll(w1, "?", "%3F"), nil)
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		h.ServeHTTP(w, req)
	}
}

// BenchmarkDecode is POST /api/decode of the W1 PNG.
func BenchmarkDecode(b *testing.B) {
	h := qrhttp.New(qrhttp.Options{})
	img := w1PNG(b)
	rd := bytes.NewReader(img)
	req := httptest.NewRequest("POST", "/api/decode", rd)
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		rd.Reset(img)
		req.Body = readCloser{rd}
		clear(w.h)
		rec := statusRecorder{discard: w}
		h.ServeHTTP(&rec, req)
		if rec.status != 200 {
			b.Fatal(rec.status)
		}
	}
}

// TestGenerateAllocs bounds the allocations of the hot path: the same text
// with and without the cache, and a new text in every request with the
// cache on (the label printer's load, which the cache's doorkeeper keeps
// out of it). Uncached, the code, the image buffer and the options come
// from pooled scratch and encoding and rendering allocate nothing; a cache
// hit allocates nothing either. What remains is encoding/json's: its
// decoder state, the text string and scanner stack (5 allocations).
func TestGenerateAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("coverage and race instrumentation allocate")
	}
	for _, tc := range []struct {
		name  string
		bytes int64
		texts int
	}{{"cached", 0, 1}, {"uncached", -1, 1}, {"new texts", 0, 1000}} {
		serveOne := generateTexts(qrhttp.New(qrhttp.Options{CacheBytes: tc.bytes}), tc.texts)
		serveOne()
		allocs := testing.AllocsPerRun(200, func() { serveOne() })
		t.Logf("%s: %.1f allocs per generate request", tc.name, allocs)
		if allocs > 5 {
			t.Errorf("%s: %.1f allocs per generate request, want at most 5", tc.name, allocs)
		}
	}
}

// BenchmarkDecodeOptions is the decoder alone on the load test's upload
// (the W1 PNG), with the options a service could pass: where the time of
// BenchmarkDecode goes, and what each option saves.
func BenchmarkDecodeOptions(b *testing.B) {
	img := w1PNG(b)
	for _, bc := range []struct {
		name string
		opts []decode.Option
	}{
		{"Default", nil},
		{"Pure", []decode.Option{decode.Pure()}},
		{"Fast", []decode.Option{decode.Fast()}},
		{"PNGOnly", nil},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if bc.name == "PNGOnly" {
					_, err = png.Decode(bytes.NewReader(img))
				} else {
					_, err = decode.Bytes(img, bc.opts...)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestGenerateRequestAllocs is the allocation budget of one whole POST
// /api/generate with a new text, as the load test sends it: over a
// keep-alive connection to an http.Server serving a Handler with the
// default options, counting everything the process allocates per request —
// net/http's request and response, the handler, the cache's doorkeeper
// (which keeps the new texts out of the cache) — but nothing in the client,
// which reuses its buffers. Measured with Go 1.26: 27 to 28 allocations
// and 2.6 KB a request, of which the handler's are encoding/json's 5; the
// budget leaves room for a few more in net/http, not for a cache entry per
// request (6 allocations and 1 KB).
func TestGenerateRequestAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("coverage and race instrumentation allocate")
	}
	const (
		maxAllocs = 31
		maxBytes  = 3 << 10
	)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: qrhttp.New(qrhttp.Options{})}
	go srv.Serve(ln)
	defer srv.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const warm, n = 100, 2000
	reqs := make([][]byte, warm+n)
	for i := range reqs {
		body := fmt.Sprintf(`{"text":"https://example.com/product/%010d?batch=42"}`, i)
		reqs[i] = fmt.Appendf(nil, "POST /api/generate HTTP/1.1\r\nHost: qrworks\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	}
	c := rawClient{conn: conn, r: bufio.NewReaderSize(conn, 1<<16), body: make([]byte, 1<<16)}
	for _, req := range reqs[:warm] {
		c.roundTrip(t, req)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, req := range reqs[warm:] {
		c.roundTrip(t, req)
	}
	runtime.ReadMemStats(&after)
	allocs := float64(after.Mallocs-before.Mallocs) / n
	bytes := float64(after.TotalAlloc-before.TotalAlloc) / n
	t.Logf("%.1f allocations, %.0f bytes per request", allocs, bytes)
	if allocs > maxAllocs || bytes > maxBytes {
		t.Errorf("%.1f allocations and %.0f bytes per request, over the budget of %d and %d", allocs, bytes, maxAllocs, maxBytes)
	}
}

// rawClient sends prepared HTTP/1.1 requests on one connection and reads
// the answers without allocating: the status line must be 200, and the body
// is read by its Content-Length into a reused buffer.
type rawClient struct {
	conn net.Conn
	r    *bufio.Reader
	body []byte
}

func (c *rawClient) roundTrip(t *testing.T, req []byte) {
	if _, err := c.conn.Write(req); err != nil {
		t.Fatal(err)
	}
	length := -1
	for first := true; ; first = false {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			t.Fatal(err)
		}
		if first && !bytes.HasPrefix(line, []byte("HTTP/1.1 200 ")) {
			t.Fatalf("answer %q", line)
		}
		if len(line) <= 2 { // the blank line after the header
			break
		}
		if v, ok := bytes.CutPrefix(line, []byte("Content-Length: ")); ok {
			length = 0
			for _, d := range bytes.TrimSpace(v) {
				length = 10*length + int(d-'0')
			}
		}
	}
	if length < 0 || length > len(c.body) {
		t.Fatalf("Content-Length %d", length)
	}
	if _, err := io.ReadFull(c.r, c.body[:length]); err != nil {
		t.Fatal(err)
	}
}
