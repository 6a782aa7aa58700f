//go:build unix

package qrhttp_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

// BenchmarkBatch serves one batch of 1,000 product links (W1-sized texts,
// the defaults: PNG, level H, scale 10) per iteration, on every CPU slot,
// and reports items per second and the process's CPU time per item (user
// and system, from getrusage), which contention for the cores changes less.
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
	cpu0 := cpuTime()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/generate/batch", bytes.NewReader(data))
		clear(w.h)
		h.ServeHTTP(w, req)
	}
	b.ReportMetric(float64(items*b.N)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64((cpuTime()-cpu0)/time.Microsecond)/float64(items*b.N), "cpu-µs/item")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
