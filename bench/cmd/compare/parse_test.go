package main

import (
	"math"
	"strings"
	"testing"
)

const sample = `goos: linux
goarch: amd64
pkg: github.com/qrworks/qrworks/bench
cpu: Example CPU @ 2.0GHz
BenchmarkW1_qrworks-2   	   60000	     20000 ns/op	    4880 B/op	       2 allocs/op
BenchmarkW1_qrworks-2   	   60000	     22000 ns/op	    4880 B/op	       2 allocs/op
BenchmarkW1_qrworks-2   	   60000	     21000 ns/op	    4880 B/op	       2 allocs/op
BenchmarkW1_skip2-2     	    1000	   1000000 ns/op	  116640 B/op	    4412 allocs/op
BenchmarkW4_skip2-2     	     300	   3526529 ns/op	       706.0 png-bytes	 1172160 B/op	    4451 allocs/op
--- SKIP: BenchmarkW4_qrworks
    bench_test.go:29: qrworks W4 not timed
BenchmarkD2_gozxing     	     500	   5523589 ns/op	  508072 B/op	  111119 allocs/op
PASS
ok  	github.com/qrworks/qrworks/bench	1.432s
`

func TestParse(t *testing.T) {
	b, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if b.CPU != "Example CPU @ 2.0GHz" {
		t.Errorf("CPU %q", b.CPU)
	}
	if len(b.Results) != 4 {
		t.Errorf("%d results, want 4: %v", len(b.Results), b.Results)
	}
	tests := []struct {
		group, lib, unit string
		median           float64
		n                int
	}{
		{"W1", "qrworks", "ns/op", 21000, 3},
		{"W1", "qrworks", "allocs/op", 2, 3},
		{"W1", "skip2", "B/op", 116640, 1},
		{"W4", "skip2", "png-bytes", 706, 1},
		{"D2", "gozxing", "ns/op", 5523589, 1},
	}
	for _, tc := range tests {
		r := b.Get(tc.group, tc.lib)
		if r == nil {
			t.Errorf("%s/%s missing", tc.group, tc.lib)
			continue
		}
		if s := r.Stat(tc.unit); s.Median != tc.median || s.N != tc.n {
			t.Errorf("%s/%s %s: %+v, want median %v over %d", tc.group, tc.lib, tc.unit, s, tc.median, tc.n)
		}
	}
	if s := b.Get("W1", "qrworks").Stat("ns/op"); math.Abs(s.Spread-500.0/21000) > 1e-12 {
		t.Errorf("spread %v, want ±%v", s.Spread, 500.0/21000)
	}
	if b.Get("W4", "qrworks") != nil {
		t.Error("a skipped benchmark has a result")
	}
}

func TestParseBadValue(t *testing.T) {
	if _, err := Parse(strings.NewReader("BenchmarkW1_x-2 10 abc ns/op\n")); err == nil {
		t.Error("no error for a non-numeric value")
	}
}

func TestSplitName(t *testing.T) {
	tests := []struct {
		in, group, lib string
		ok             bool
	}{
		{"BenchmarkW1_skip2-2", "W1", "skip2", true},
		{"BenchmarkD1_qrworks", "D1", "qrworks", true},
		{"BenchmarkW1_skip2-16", "W1", "skip2", true},
		{"BenchmarkEncode-2", "", "", false},
		{"Benchmark_x", "", "", false},
	}
	for _, tc := range tests {
		g, l, ok := splitName(tc.in)
		if ok != tc.ok || (ok && (g != tc.group || l != tc.lib)) {
			t.Errorf("splitName(%q) = %q, %q, %v", tc.in, g, l, ok)
		}
	}
}

func TestStatEvenCount(t *testing.T) {
	r := &Result{Samples: map[string][]float64{"ns/op": {4, 1, 3, 2}}}
	if s := r.Stat("ns/op"); s.Median != 2.5 || s.N != 4 {
		t.Errorf("%+v", s)
	}
	if s := r.Stat("B/op"); s.N != 0 {
		t.Errorf("missing unit: %+v", s)
	}
}

func TestQuantile(t *testing.T) {
	v := []float64{1, 2, 3, 4, 100}
	for _, tc := range []struct{ q, want float64 }{{0, 1}, {0.25, 2}, {0.5, 3}, {0.75, 4}, {1, 100}, {0.125, 1.5}} {
		if got := quantile(v, tc.q); got != tc.want {
			t.Errorf("quantile(%v) = %v, want %v", tc.q, got, tc.want)
		}
	}
}
