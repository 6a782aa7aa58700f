package qrhttp_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

// Mount the service in an existing server, under /qr/, with a per-client
// rate limit.
func Example() {
	api := qrhttp.New(qrhttp.Options{
		RateLimit: 20, // requests per second per client address
		RateBurst: 40,
		Timeout:   5 * time.Second,
	})
	mux := http.NewServeMux()
	mux.Handle("/qr/", http.StripPrefix("/qr", api))

	req := httptest.NewRequest("POST", "/qr/api/generate", strings.NewReader(`{"text":"https://example.com","scale":4}`))
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))

	req = httptest.NewRequest("POST", "/qr/api/generate", strings.NewReader(`{"text":"x","fg":"blue"}`))
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Print(rec.Code, " ", rec.Body)
	// Output:
	// 200 image/png
	// 400 {"error":"fg and bg must be colours \"#rgb\", \"#rrggbb\" or \"#rrggbbaa\"","code":"bad_color"}
}

// On SIGTERM, turn readiness off first so that load balancers stop sending
// requests, then call http.Server.Shutdown, which lets in-flight requests
// finish (examples/server does both).
func ExampleHandler_SetReady() {
	api := qrhttp.New(qrhttp.Options{})
	api.SetReady(false)
	for _, path := range []string{"/readyz", "/healthz"} {
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		fmt.Println(path, rec.Code)
	}
	// Output:
	// /readyz 503
	// /healthz 200
}

// Size the response cache of /api/generate: repeated requests (the same
// text and options, by POST or GET) are answered from it. A request is
// stored the second time it comes, so that texts asked for once take no
// room. The counters in /metrics show how well it works; CacheBytes: -1
// turns it off.
func ExampleOptions_cacheBytes() {
	api := qrhttp.New(qrhttp.Options{CacheBytes: 64 << 20})
	for range 3 {
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, httptest.NewRequest("GET", "/api/generate?text=https://example.com/spring-sale", nil))
	}
	rec := httptest.NewRecorder()
	api.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if strings.HasPrefix(line, "qrhttp_cache_") && !strings.HasPrefix(line, "qrhttp_cache_bytes") {
			fmt.Println(line)
		}
	}
	// Output:
	// qrhttp_cache_hits_total 1
	// qrhttp_cache_misses_total 2
	// qrhttp_cache_not_admitted_total 1
	// qrhttp_cache_entries 1
}

// Mount only the endpoints a server wants, on its own paths and behind its
// own middleware. Endpoints of one Handler share its limits, CPU slots,
// cache and metrics, so /internal/metrics counts the requests to /v2/codes
// under "generate".
func ExampleHandler_Generate() {
	api := qrhttp.New(qrhttp.Options{})
	requireKey := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Api-Key") != "secret" {
				http.Error(w, "missing API key", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	mux := http.NewServeMux()
	mux.Handle("POST /v2/codes", requireKey(api.Generate()))
	mux.Handle("GET /internal/metrics", api.Metrics())

	for _, key := range []string{"", "secret"} {
		req := httptest.NewRequest("POST", "/v2/codes", strings.NewReader(`{"text":"https://example.com"}`))
		req.Header.Set("X-Api-Key", key)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	}

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/internal/metrics", nil))
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if strings.HasPrefix(line, "qrhttp_requests_total") {
			fmt.Println(line)
		}
	}
	// Output:
	// 401 text/plain; charset=utf-8
	// 200 image/png
	// qrhttp_requests_total{endpoint="generate",code="200"} 1
}
