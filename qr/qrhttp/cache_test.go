package qrhttp_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

// cacheHeaders are the headers a cached answer must repeat exactly.
var cacheHeaders = []string{"Content-Type", "Content-Length", "Etag", "Cache-Control", "X-Content-Type-Options"}

// sameAnswer fails unless a and b carry the same status, body and headers.
func sameAnswer(t *testing.T, what string, a, b *http.Response, abody, bbody []byte) {
	t.Helper()
	if a.StatusCode != b.StatusCode || !bytes.Equal(abody, bbody) {
		t.Errorf("%s: status %d/%d, %d/%d body bytes, equal %v", what, a.StatusCode, b.StatusCode,
			len(abody), len(bbody), bytes.Equal(abody, bbody))
	}
	for _, k := range cacheHeaders {
		if av, bv := a.Header.Values(k), b.Header.Values(k); strings.Join(av, "|") != strings.Join(bv, "|") {
			t.Errorf("%s: header %s %q vs %q", what, k, av, bv)
		}
	}
}

// generateVariants are generate requests that differ in one parameter that
// affects the image each, as GET query strings and POST bodies.
var generateVariants = []struct{ query, json string }{
	{"", `{}`},
	{"&level=M", `{"level":"M"}`},
	{"&scale=3", `{"scale":3}`},
	{"&quiet=0", `{"quiet":0}`},
	{"&format=svg", `{"format":"svg"}`},
	{"&fg=%23102030", `{"fg":"#102030"}`},
	{"&bg=%23fffff0", `{"bg":"#fffff0"}`},
	{"&eci=false", `{"eci":false}`},
	{"&scale=40", `{"scale":40}`}, // large enough for a Content-Length header
}

// request serves one request through h and returns the answer.
func request(h http.Handler, method, target, body string) (*http.Response, []byte) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	rec := serve(h, method, target, rd)
	return rec.Result(), rec.Body.Bytes()
}

// TestCacheHit: a request made a second time is stored, and from the third
// time on, by GET or POST, it is answered from the cache with the same
// bytes and headers as the first, and as a handler without a cache; each
// variant of the options is its own entry.
func TestCacheHit(t *testing.T) {
	cached := qrhttp.New(qrhttp.Options{MaxScale: 40})
	uncached := qrhttp.New(qrhttp.Options{MaxScale: 40, CacheBytes: -1})
	text := "cache " + w1
	for i, v := range generateVariants {
		get := "/api/generate?text=" + url.QueryEscape(text) + v.query
		post := `{"text":` + fmt.Sprintf("%q", text) + "," + strings.TrimPrefix(v.json, "{")
		if v.json == "{}" {
			post = fmt.Sprintf(`{"text":%q}`, text)
		}
		for _, m := range []struct{ method, target, body string }{
			{"GET", get, ""}, {"POST", "/api/generate", post},
		} {
			want, wantBody := request(uncached, m.method, m.target, m.body)
			if want.StatusCode != 200 {
				t.Fatalf("%s %s %s: status %d: %s", m.method, m.target, m.body, want.StatusCode, wantBody)
			}
			first, firstBody := request(cached, m.method, m.target, m.body)
			second, secondBody := request(cached, m.method, m.target, m.body)
			what := m.method + " " + m.target + " " + m.body
			sameAnswer(t, what+" (first vs uncached)", first, want, firstBody, wantBody)
			sameAnswer(t, what+" (second vs first)", second, first, secondBody, firstBody)
		}
		// GET and POST of one variant share an entry: the two GETs miss
		// (the second stores the answer), the two POSTs hit.
		m := metricsOf(t, cached)
		if m["qrhttp_cache_misses_total"] != float64(2*(i+1)) || m["qrhttp_cache_hits_total"] != float64(2*(i+1)) ||
			m["qrhttp_cache_not_admitted_total"] != float64(i+1) || m["qrhttp_cache_entries"] != float64(i+1) {
			t.Fatalf("after variant %d: misses %v, hits %v, not admitted %v, entries %v; want %d, %d, %d, %d", i,
				m["qrhttp_cache_misses_total"], m["qrhttp_cache_hits_total"], m["qrhttp_cache_not_admitted_total"],
				m["qrhttp_cache_entries"], 2*(i+1), 2*(i+1), i+1, i+1)
		}
	}
	// A conditional GET of a cached entry still answers 304.
	target := "/api/generate?text=" + url.QueryEscape(text)
	etag := serve(cached, "GET", target, nil).Header().Get("ETag")
	if rec := serve(cached, "GET", target, nil, "If-None-Match", etag); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match on a cached entry: status %d", rec.Code)
	}
}

func metricsOf(t *testing.T, h http.Handler) map[string]float64 {
	t.Helper()
	return parseMetrics(t, serve(h, "GET", "/metrics", nil).Body.String())
}

// TestCacheEviction: many distinct texts through a small cache keep it
// within its byte bound, evict, and every answer stays right.
func TestCacheEviction(t *testing.T) {
	const limit = 64 << 10
	h := qrhttp.New(qrhttp.Options{CacheBytes: limit})
	uncached := qrhttp.New(qrhttp.Options{CacheBytes: -1})
	const n = 400 // about 1 KiB each: several times the bound
	for round := range 2 {
		for i := range n {
			target := fmt.Sprintf("/api/generate?text=evict-%d", i)
			got, gotBody := request(h, "GET", target, "")
			want, wantBody := request(uncached, "GET", target, "")
			sameAnswer(t, target, got, want, gotBody, wantBody)
			if i%50 == 0 {
				if b := metricsOf(t, h)["qrhttp_cache_bytes"]; b > limit {
					t.Fatalf("round %d, request %d: cache holds %v bytes, over its bound %d", round, i, b, limit)
				}
			}
		}
	}
	m := metricsOf(t, h)
	if m["qrhttp_cache_bytes"] > limit || m["qrhttp_cache_entries"] == 0 || m["qrhttp_cache_entries"] >= n {
		t.Errorf("after %d distinct texts: %v entries, %v bytes (bound %d)", n, m["qrhttp_cache_entries"], m["qrhttp_cache_bytes"], limit)
	}
	if m["qrhttp_cache_misses_total"] <= n {
		t.Errorf("%v misses over two rounds of %d texts through a small cache: nothing was evicted", m["qrhttp_cache_misses_total"], n)
	}
}

// TestCacheDisabled: a negative CacheBytes turns the cache off; answers are
// the same and /metrics has no cache series.
func TestCacheDisabled(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{CacheBytes: -1})
	for range 3 {
		if rec := serve(h, "POST", "/api/generate", strings.NewReader(`{"text":"`+w1+`"}`)); rec.Code != 200 ||
			!bytes.Equal(rec.Body.Bytes(), w1PNG(t)) {
			t.Fatalf("status %d, %d bytes", rec.Code, rec.Body.Len())
		}
	}
	if body := serve(h, "GET", "/metrics", nil).Body.String(); strings.Contains(body, "qrhttp_cache_") {
		t.Errorf("disabled cache in /metrics:\n%s", body)
	}
}

// TestCacheConcurrent: many clients asking for overlapping texts through a
// cache small enough to evict all the time get the right images; with
// -race it checks entries are never written after they are shared.
func TestCacheConcurrent(t *testing.T) {
	// Eight workers share the CPU slots: under the race detector on a busy
	// machine a request can wait longer than the default QueueWait and be
	// shed with 503, which is load shedding, not what this test is about.
	h := qrhttp.New(qrhttp.Options{CacheBytes: 32 << 10, QueueWait: time.Minute})
	uncached := qrhttp.New(qrhttp.Options{CacheBytes: -1})
	const texts = 64
	want := make([][]byte, texts)
	for i := range want {
		_, want[i] = request(uncached, "GET", fmt.Sprintf("/api/generate?text=conc-%d", i), "")
	}
	workers, per := 8, 200
	if testing.Short() {
		per = 50
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range per {
				i := (w*7 + j*13) % texts
				var resp *http.Response
				var body []byte
				if j%2 == 0 {
					resp, body = request(h, "GET", fmt.Sprintf("/api/generate?text=conc-%d", i), "")
				} else {
					resp, body = request(h, "POST", "/api/generate", fmt.Sprintf(`{"text":"conc-%d"}`, i))
				}
				if resp.StatusCode != 200 || !bytes.Equal(body, want[i]) {
					t.Errorf("text %d: status %d, wrong image", i, resp.StatusCode)
					return
				}
			}
		}()
	}
	wg.Wait()
	m := metricsOf(t, h)
	if m["qrhttp_cache_hits_total"]+m["qrhttp_cache_misses_total"] != float64(workers*per) || m["qrhttp_cache_bytes"] > 32<<10 {
		t.Errorf("hits %v + misses %v, want %d; %v bytes", m["qrhttp_cache_hits_total"], m["qrhttp_cache_misses_total"],
			workers*per, m["qrhttp_cache_bytes"])
	}
}
