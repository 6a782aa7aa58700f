package qrhttp_test

import (
	"bytes"
	"encoding/json"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/qr"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// TestGenerateSymbols asks for each symbol type by JSON and by query
// string: the image is that of qr.Encode with the symbol's options and
// defaults (level M and a 2-module quiet zone for Micro QR, H and 2 for
// rMQR), module for module.
func TestGenerateSymbols(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	for _, c := range []struct {
		name  string
		post  string // JSON body, or "" for the GET query
		query string
		text  string
		level qr.Level
		opts  []qr.Option
		quiet int
	}{
		{"micro json", `{"text":"12345","symbol":"micro"}`, "", "12345", qr.M, []qr.Option{qr.As(qr.MicroQR)}, 2},
		{"micro level L", `{"text":"12345","symbol":"MICRO","level":"L","quiet":1}`, "", "12345", qr.L, []qr.Option{qr.As(qr.MicroQR)}, 1},
		{"rmqr json", `{"text":"LOT 42","symbol":"rmqr","max_height":9}`, "", "LOT 42", qr.H, []qr.Option{qr.As(qr.RMQR), qr.MaxHeight(9)}, 2},
		{"rmqr tall max height", `{"text":"LOT 42","symbol":"rmqr","max_height":99}`, "", "LOT 42", qr.H, []qr.Option{qr.As(qr.RMQR)}, 2},
		{"rmqr query", "", "text=LOT+42&symbol=rmqr&max_height=7&level=M", "LOT 42", qr.M, []qr.Option{qr.As(qr.RMQR), qr.MaxHeight(7)}, 2},
		{"qr query", "", "text=LOT+42&symbol=qr", "LOT 42", qr.H, nil, 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := serve(h, http.MethodGet, "/api/generate?"+c.query, nil)
			if c.post != "" {
				rec = serve(h, http.MethodPost, "/api/generate", strings.NewReader(c.post), "Content-Type", "application/json")
			}
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			code, err := qr.Encode(c.text, c.level, c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := code.WritePNG(&want, qr.Scale(10), qr.QuietZone(c.quiet)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rec.Body.Bytes(), want.Bytes()) {
				img, err := png.Decode(bytes.NewReader(rec.Body.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				t.Fatalf("image %v differs from %v %d×%d with quiet zone %d", img.Bounds(), code.Format(), code.Width(), code.Height(), c.quiet)
			}
		})
	}
}

// TestGenerateSymbolErrors checks the answers to bad symbol requests.
func TestGenerateSymbolErrors(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	for _, c := range []struct {
		name, body, query, code string
	}{
		{"unknown symbol", `{"text":"1","symbol":"aztec"}`, "", "bad_symbol"},
		{"max height for qr", `{"text":"1","max_height":9}`, "", "bad_max_height"},
		{"max height 5", `{"text":"1","symbol":"rmqr","max_height":5}`, "", "bad_max_height"},
		{"max height not a number", "", "text=1&symbol=rmqr&max_height=x", "bad_max_height"},
		{"micro level H", `{"text":"1","symbol":"micro","level":"H"}`, "", "bad_option"},
		{"rmqr level L", "", "text=1&symbol=rmqr&level=L", "bad_option"},
		{"micro too long", `{"text":"` + strings.Repeat("x", 40) + `","symbol":"micro"}`, "", "does_not_fit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := serve(h, http.MethodGet, "/api/generate?"+c.query, nil)
			if c.body != "" {
				rec = serve(h, http.MethodPost, "/api/generate", strings.NewReader(c.body), "Content-Type", "application/json")
			}
			var e struct{ Code string }
			if rec.Code < 400 || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Code != c.code {
				t.Fatalf("status %d, body %s; want error %q", rec.Code, rec.Body, c.code)
			}
		})
	}
}

// TestGenerateSymbolCacheKey: the same text as QR, Micro QR and rMQR (and
// with two height limits) gives four images and four entity tags from a
// caching handler, each equal to the uncached answer.
func TestGenerateSymbolCacheKey(t *testing.T) {
	cached := qrhttp.New(qrhttp.Options{CacheBytes: 1 << 20})
	plain := qrhttp.New(qrhttp.Options{CacheBytes: -1})
	bodies, tags := map[string]bool{}, map[string]bool{}
	for _, q := range []string{"", "&symbol=micro", "&symbol=rmqr", "&symbol=rmqr&max_height=7"} {
		for range 2 { // the second answer comes from the cache
			rec := serve(cached, http.MethodGet, "/api/generate?text=4711"+q, nil)
			want := serve(plain, http.MethodGet, "/api/generate?text=4711"+q, nil)
			if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), want.Body.Bytes()) || rec.Header().Get("Etag") != want.Header().Get("Etag") {
				t.Fatalf("%q: cached answer %d differs from the uncached one", q, rec.Code)
			}
			bodies[rec.Body.String()] = true
			tags[rec.Header().Get("Etag")] = true
		}
	}
	if len(bodies) != 4 || len(tags) != 4 {
		t.Fatalf("%d images and %d entity tags for 4 symbol requests", len(bodies), len(tags))
	}
}
