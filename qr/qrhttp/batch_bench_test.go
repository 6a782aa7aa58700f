package qrhttp_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

// BenchmarkBatch serves one batch of 1,000 product links (W1-sized texts,
// the defaults: PNG, level H, scale 10) per iteration, on every CPU slot,
// and reports items per second.
//
//	go test -run '^$' -bench BenchmarkBatch -count 6 ./qr/qrhttp
func BenchmarkBatch(b *testing.B) {
	const items = 1000
	var body strings.Builder
	body.WriteString(`{"items":[`)
	for i := range items {
		if i > 0 {
			body.WriteByte(',')
		}
		fmt.Fprintf(&body, `{"name":"SKU-%d","text":"https://example.com/product/%010d?batch=42"}`, i, i)
	}
	body.WriteString("]}")
	data := []byte(body.String())
	h := qrhttp.New(qrhttp.Options{})
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/generate/batch", bytes.NewReader(data))
		clear(w.h)
		h.ServeHTTP(w, req)
	}
	b.ReportMetric(float64(items*b.N)/b.Elapsed().Seconds(), "items/s")
}
