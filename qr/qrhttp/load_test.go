package qrhttp_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

// TestPNGBomb: an upload whose header declares 100000×100000 pixels is
// refused from the header, in milliseconds, without a large allocation.
func TestPNGBomb(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	bomb := pngBomb(100000, 100000)
	serve(h, "POST", "/api/decode", bytes.NewReader(bomb)) // warm up pools and lazy set-up
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	rec := serve(h, "POST", "/api/decode", bytes.NewReader(bomb))
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	errorAnswer(t, rec, 413, "image_too_large")
	if elapsed > 50*time.Millisecond {
		t.Errorf("PNG bomb took %v to refuse, want milliseconds", elapsed)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("PNG bomb allocated %d bytes, want under 1 MiB", alloc)
	}
}

// TestSlowLoris: a client that announces a body and trickles it gets 408
// once the per-request timeout passes, and the handler does not wait
// longer.
func TestSlowLoris(t *testing.T) {
	const timeout = 300 * time.Millisecond
	srv := httptest.NewServer(qrhttp.New(qrhttp.Options{Timeout: timeout}))
	defer srv.Close()
	for _, path := range []string{"/api/generate", "/api/decode"} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		start := time.Now()
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"text\":", path)
		// Keep sending a byte every 100 ms, far slower than needed.
		stop := make(chan struct{})
		go func() {
			for {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
					conn.Write([]byte(" "))
				}
			}
		}()
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		close(stop)
		if err != nil {
			t.Fatalf("%s: no answer to a slow body: %v", path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		elapsed := time.Since(start)
		if resp.StatusCode != http.StatusRequestTimeout || !bytes.Contains(body, []byte(`"code":"timeout"`)) {
			t.Errorf("%s: status %d %s, want 408", path, resp.StatusCode, body)
		}
		if elapsed < timeout || elapsed > timeout+time.Second {
			t.Errorf("%s: answered after %v, want about %v", path, elapsed, timeout)
		}
	}
}

// TestBurstOverConcurrencyLimit: far more simultaneous requests than slots
// and queue get some 503s with Retry-After, and every answer is either a
// good image or a well-formed JSON 503: no other 5xx, no broken answer.
func TestBurstOverConcurrencyLimit(t *testing.T) {
	// The cache is off: identical requests would otherwise be served from it
	// without taking a slot.
	h := qrhttp.New(qrhttp.Options{Concurrency: 1, QueueLength: 8, QueueWait: 20 * time.Millisecond, CacheBytes: -1})
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 200}}
	const n = 200
	// Large images keep each slot busy for a while.
	body := `{"text":"` + strings.Repeat("burst ", 100) + `","scale":8}`
	var mu sync.Mutex
	count := map[int]int{}
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := client.Post(srv.URL+"/api/generate", "application/json", strings.NewReader(body))
			if err != nil {
				t.Error(err)
				return
			}
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			switch resp.StatusCode {
			case 200:
				if _, err := png.Decode(bytes.NewReader(data)); err != nil {
					t.Errorf("200 with a broken PNG: %v", err)
				}
			case 503:
				var e struct{ Error, Code string }
				if json.Unmarshal(data, &e) != nil || e.Code != "overloaded" || resp.Header.Get("Retry-After") == "" {
					t.Errorf("malformed 503: %s, Retry-After %q", data, resp.Header.Get("Retry-After"))
				}
			default:
				t.Errorf("status %d: %s", resp.StatusCode, data)
			}
			mu.Lock()
			count[resp.StatusCode]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	t.Logf("statuses: %v", count)
	if count[200] == 0 || count[503] == 0 {
		t.Errorf("statuses %v: want both served and shed requests", count)
	}
	// The metrics account for every request and every shed one.
	rec := serve(h, "GET", "/metrics", nil)
	m := parseMetrics(t, rec.Body.String())
	shed := m[`qrhttp_shed_total{reason="queue_full"}`] + m[`qrhttp_shed_total{reason="queue_timeout"}`]
	if int(shed) != count[503] || int(m[`qrhttp_requests_total{endpoint="generate",code="200"}`]) != count[200] {
		t.Errorf("metrics say %v shed, want %d", shed, count[503])
	}
}

// TestConcurrentClients runs generate and decode clients at once; with
// -race it checks the pooled scratch is never shared.
func TestConcurrentClients(t *testing.T) {
	// A generous queue wait: this test is about sharing, not shedding, and
	// the race detector slows decoding down tenfold.
	srv := httptest.NewServer(qrhttp.New(qrhttp.Options{QueueWait: time.Minute, Timeout: time.Minute}))
	defer srv.Close()
	img := w1PNG(t)
	rounds := 20
	if testing.Short() {
		rounds = 5
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				var resp *http.Response
				var err error
				text := fmt.Sprintf("client %d request %d", g, i)
				if g%2 == 0 {
					resp, err = http.Post(srv.URL+"/api/generate", "application/json",
						strings.NewReader(`{"text":"`+text+`","scale":`+strconv.Itoa(1+i%5)+`}`))
				} else {
					resp, err = http.Post(srv.URL+"/api/decode", "image/png", bytes.NewReader(img))
				}
				if err != nil {
					t.Error(err)
					return
				}
				data, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("status %d: %s", resp.StatusCode, data)
					return
				}
				if g%2 == 0 {
					// Round trip through the decode endpoint checks that
					// the image holds this request's text, not another's.
					r2, err := http.Post(srv.URL+"/api/decode", "image/png", bytes.NewReader(data))
					if err != nil {
						t.Error(err)
						return
					}
					var ans decodeAnswer
					json.NewDecoder(r2.Body).Decode(&ans)
					r2.Body.Close()
					if r2.StatusCode != 200 || len(ans.Codes) != 1 || ans.Codes[0].Text != text {
						t.Errorf("generated %q, decoded %+v", text, ans)
					}
				} else if !bytes.Contains(data, []byte(`"text":"`+strings.ReplaceAll(w1, "&", `\u0026`)+`"`)) {
					t.Errorf("decode answer %s lacks W1", data)
				}
			}
		}()
	}
	wg.Wait()
}

var metricLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})?) (\S+)$`)

// parseMetrics checks the Prometheus text format line by line and returns
// each series' value.
func parseMetrics(t *testing.T, text string) map[string]float64 {
	t.Helper()
	m := map[string]float64{}
	typed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if f, ok := strings.CutPrefix(line, "# TYPE "); ok {
			name, kind, _ := strings.Cut(f, " ")
			if kind != "counter" && kind != "gauge" && kind != "histogram" {
				t.Fatalf("bad TYPE line %q", line)
			}
			typed[name] = true
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		g := metricLine.FindStringSubmatch(line)
		if g == nil {
			t.Fatalf("malformed metrics line %q", line)
		}
		v, err := strconv.ParseFloat(g[4], 64)
		if err != nil {
			t.Fatalf("bad value in %q", line)
		}
		name, _, _ := strings.Cut(g[1], "{")
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
		if !typed[name] && !typed[base] {
			t.Fatalf("series %q before its TYPE line", line)
		}
		m[g[1]] = v
	}
	return m
}

func TestMetrics(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	for range 3 {
		serve(h, "POST", "/api/generate", strings.NewReader(`{"text":"m"}`))
	}
	serve(h, "POST", "/api/generate", strings.NewReader(`{`))
	serve(h, "GET", "/healthz", nil)
	rec := serve(h, "GET", "/metrics", nil)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	m := parseMetrics(t, rec.Body.String())
	for series, want := range map[string]float64{
		`qrhttp_requests_total{endpoint="generate",code="200"}`:                 3,
		`qrhttp_requests_total{endpoint="generate",code="400"}`:                 1,
		`qrhttp_requests_total{endpoint="healthz",code="200"}`:                  1,
		`qrhttp_request_duration_seconds_count{endpoint="generate"}`:            4,
		`qrhttp_request_duration_seconds_bucket{endpoint="generate",le="+Inf"}`: 4,
		`qrhttp_request_duration_seconds_count{endpoint="decode"}`:              0,
		`qrhttp_cpu_slots`: float64(runtime.GOMAXPROCS(0)),
		// The same request three times: two misses (the second stores
		// the answer), then a hit; the malformed one never reaches the
		// cache.
		`qrhttp_cache_misses_total`:       2,
		`qrhttp_cache_not_admitted_total`: 1,
		`qrhttp_cache_hits_total`:         1,
		`qrhttp_cache_entries`:            1,
	} {
		if m[series] != want {
			t.Errorf("%s = %v, want %v", series, m[series], want)
		}
	}
	// Buckets are cumulative and end at the count.
	prev := 0.0
	for _, le := range []string{"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"} {
		v, ok := m[`qrhttp_request_duration_seconds_bucket{endpoint="generate",le="`+le+`"}`]
		if !ok || v < prev {
			t.Errorf("bucket le=%s: %v after %v", le, v, prev)
		}
		prev = v
	}
}
