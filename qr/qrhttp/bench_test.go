package qrhttp_test

import (
	"bytes"
	"image/png"
	"net/http"
	"net/http/httptest"
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
func generateW1(h http.Handler) func() int {
	body := []byte(`{"text":"` + w1 + `"}`)
	rd := bytes.NewReader(body)
	req := httptest.NewRequest("POST", "/api/generate", rd)
	w := &discard{h: http.Header{}}
	rec := &statusRecorder{discard: w}
	return func() int {
		rd.Reset(body)
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

// TestGenerateAllocs bounds the allocations of the hot path, with and
// without the cache. Uncached, the code, the image buffer and the options
// come from pooled scratch and encoding and rendering allocate nothing; a
// cache hit allocates nothing either. What remains is encoding/json's: its
// decoder state, the text string and scanner stack (5 allocations).
func TestGenerateAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("coverage and race instrumentation allocate")
	}
	for _, tc := range []struct {
		name  string
		bytes int64
	}{{"cached", 0}, {"uncached", -1}} {
		serveOne := generateW1(qrhttp.New(qrhttp.Options{CacheBytes: tc.bytes}))
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
