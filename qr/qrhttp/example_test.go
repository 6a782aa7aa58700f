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
// text and options, by POST or GET) are answered from it. The counters in
// /metrics show how well it works; CacheBytes: -1 turns it off.
func ExampleOptions_cacheBytes() {
	api := qrhttp.New(qrhttp.Options{CacheBytes: 64 << 20})
	for range 3 {
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, httptest.NewRequest("GET", "/api/generate?text=https://example.com/spring-sale", nil))
	}
	rec := httptest.NewRecorder()
	api.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if strings.HasPrefix(line, "qrhttp_cache_hits_total") || strings.HasPrefix(line, "qrhttp_cache_misses_total") {
			fmt.Println(line)
		}
	}
	// Output:
	// qrhttp_cache_hits_total 2
	// qrhttp_cache_misses_total 1
}
