package qrhttp_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

// requireKey is a middleware of the kind a server puts in front of the
// endpoints it mounts: it refuses requests without the key and marks the
// answers it lets through.
func requireKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Api-Key") != "secret" {
			http.Error(w, "missing API key", http.StatusUnauthorized)
			return
		}
		w.Header().Set("X-Middleware", "requireKey")
		next.ServeHTTP(w, r)
	})
}

// customMux mounts the endpoints of api one by one on paths of its own,
// generate and decode behind requireKey.
func customMux(api *qrhttp.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/v2/codes", requireKey(api.Generate()))
	mux.Handle("/v2/codes/read", requireKey(api.Decode()))
	mux.Handle("/probe/live", api.Liveness())
	mux.Handle("/probe/ready", api.Readiness())
	mux.Handle("GET /internal/metrics", api.Metrics())
	return mux
}

// TestMountPieceByPiece serves every endpoint from a custom path behind
// the server's own middleware, and checks each answers as it does under New's
// routes.
func TestMountPieceByPiece(t *testing.T) {
	api := qrhttp.New(qrhttp.Options{})
	mux := customMux(api)
	key := []string{"X-Api-Key", "secret"}
	tests := []struct {
		name, method, target string
		body                 []byte
		header               []string
		status               int
		ctype                string // prefix of the Content-Type
		middleware           bool   // the answer went through requireKey
		want                 []byte // the exact body, if not nil
	}{
		{"generate POST", "POST", "/v2/codes", []byte(`{"text":"` + w1 + `"}`), key, 200, "image/png", true, w1PNG(t)},
		{"generate GET", "GET", "/v2/codes?text=" + url.QueryEscape(w1), nil, key, 200, "image/png", true, w1PNG(t)},
		{"generate without key", "POST", "/v2/codes", []byte(`{"text":"x"}`), nil, 401, "text/plain", false, nil},
		{"generate wrong method", "PUT", "/v2/codes", nil, key, 405, "application/json", true, nil},
		{"generate bad request", "POST", "/v2/codes", []byte(`{"text":""}`), key, 400, "application/json", true, nil},
		{"decode", "POST", "/v2/codes/read", w1PNG(t), key, 200, "application/json", true, nil},
		{"decode without key", "POST", "/v2/codes/read", w1PNG(t), nil, 401, "text/plain", false, nil},
		{"liveness", "GET", "/probe/live", nil, nil, 200, "application/json", false, []byte(`{"status":"ok"}` + "\n")},
		{"readiness", "GET", "/probe/ready", nil, nil, 200, "application/json", false, []byte(`{"status":"ready"}` + "\n")},
		{"readiness wrong method", "POST", "/probe/ready", nil, nil, 405, "application/json", false, nil},
		{"standard path not mounted", "POST", "/api/generate", []byte(`{"text":"x"}`), nil, 404, "text/plain", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(mux, tt.method, tt.target, bytes.NewReader(tt.body), tt.header...)
			if rec.Code != tt.status || !strings.HasPrefix(rec.Header().Get("Content-Type"), tt.ctype) {
				t.Fatalf("status %d, Content-Type %q; want %d, %s: %s", rec.Code, rec.Header().Get("Content-Type"), tt.status, tt.ctype, rec.Body)
			}
			if got := rec.Header().Get("X-Middleware") != ""; got != tt.middleware {
				t.Errorf("went through the middleware: %v, want %v", got, tt.middleware)
			}
			if tt.want != nil && !bytes.Equal(rec.Body.Bytes(), tt.want) {
				t.Errorf("body differs from the answer of New's route (%d bytes, want %d)", rec.Body.Len(), len(tt.want))
			}
			if tt.name == "decode" {
				var ans decodeAnswer
				if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil || len(ans.Codes) != 1 || ans.Codes[0].Text != w1 {
					t.Errorf("decode answer %s (%v)", rec.Body, err)
				}
			}
		})
	}

	// Every request that reached an endpoint is counted under the
	// endpoint's name, whatever its path; those the middleware refused are not.
	metrics := serve(mux, "GET", "/internal/metrics", nil).Body.String()
	for _, line := range []string{
		`qrhttp_requests_total{endpoint="generate",code="200"} 2`,
		`qrhttp_requests_total{endpoint="generate",code="400"} 1`,
		`qrhttp_requests_total{endpoint="generate",code="405"} 1`,
		`qrhttp_requests_total{endpoint="decode",code="200"} 1`,
		`qrhttp_requests_total{endpoint="healthz",code="200"} 1`,
		`qrhttp_requests_total{endpoint="readyz",code="200"} 1`,
		`qrhttp_requests_total{endpoint="readyz",code="405"} 1`,
	} {
		if !strings.Contains(metrics, line+"\n") {
			t.Errorf("metrics lack %s", line)
		}
	}
	if strings.Contains(metrics, `code="401"`) || strings.Contains(metrics, `qrhttp_requests_total{endpoint="other"`) {
		t.Error("metrics count requests that never reached an endpoint")
	}

	api.SetReady(false)
	errorAnswer(t, serve(mux, "GET", "/probe/ready", nil), 503, "not_ready")
	if rec := serve(mux, "GET", "/probe/live", nil); rec.Code != 200 {
		t.Errorf("liveness while not ready: status %d", rec.Code)
	}
}

// TestMountSharesState: endpoints of one Handler, mounted apart or routed
// by the Handler itself, share the rate limiter, the response cache and the
// metrics.
func TestMountSharesState(t *testing.T) {
	api := qrhttp.New(qrhttp.Options{RateLimit: 1, RateBurst: 2})
	mux := http.NewServeMux()
	mux.Handle("/codes", api.Generate())
	mux.Handle("/", api) // New's routes beside the custom one

	body := `{"text":"shared"}`
	first := serve(mux, "POST", "/codes", strings.NewReader(body))
	second := serve(mux, "POST", "/api/generate", strings.NewReader(body))
	if first.Code != 200 || second.Code != 200 || !bytes.Equal(first.Body.Bytes(), second.Body.Bytes()) {
		t.Fatalf("statuses %d and %d, same image %v", first.Code, second.Code, bytes.Equal(first.Body.Bytes(), second.Body.Bytes()))
	}
	// The burst of 2 is spent across both paths.
	errorAnswer(t, serve(mux, "POST", "/codes", strings.NewReader(body)), 429, "rate_limited")

	rec := serve(mux, "GET", "/metrics", nil)
	metrics, _ := io.ReadAll(rec.Body)
	for _, line := range []string{
		// The first request's key was remembered: the second, on the
		// other path, stored its answer.
		"qrhttp_cache_misses_total 2\n",
		"qrhttp_cache_entries 1\n",
		`qrhttp_requests_total{endpoint="generate",code="200"} 2` + "\n",
		`qrhttp_requests_total{endpoint="generate",code="429"} 1` + "\n",
	} {
		if !bytes.Contains(metrics, []byte(line)) {
			t.Errorf("metrics lack %q", strings.TrimSpace(line))
		}
	}

	// Another Handler shares nothing with the first.
	other := qrhttp.New(qrhttp.Options{RateLimit: 1, RateBurst: 2})
	if rec := serve(other.Generate(), "POST", "/anywhere", strings.NewReader(body)); rec.Code != 200 {
		t.Errorf("a second Handler: status %d, want its own rate limit", rec.Code)
	}
}

// TestMountHandlersAreStable: each method returns the same endpoint every
// time, so mounting costs nothing per call and handlers compare equal.
func TestMountHandlersAreStable(t *testing.T) {
	api := qrhttp.New(qrhttp.Options{})
	for name, get := range map[string]func() http.Handler{
		"Generate": api.Generate, "Decode": api.Decode, "Liveness": api.Liveness,
		"Readiness": api.Readiness, "Metrics": api.Metrics,
	} {
		if get() != get() {
			t.Errorf("%s returns a new handler on each call", name)
		}
	}
	rec := httptest.NewRecorder()
	api.Liveness().ServeHTTP(rec, httptest.NewRequest("HEAD", "/", nil))
	if rec.Code != 200 {
		t.Errorf("HEAD on liveness: status %d", rec.Code)
	}
}
