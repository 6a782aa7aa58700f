package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/bench"
)

func TestMarkdown(t *testing.T) {
	b, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{
		Command:  "cmd",
		Header:   "header.",
		Bench:    b,
		Checks:   map[string]bench.Check{},
		Decodes:  map[string]bench.DecodeCheck{},
		Versions: map[string]string{"rsc.io/qr": "v0.2.0"},
	}
	for _, w := range bench.Workloads() {
		for _, l := range bench.Libraries() {
			r.Checks[w.ID+"/"+l.Name] = bench.Check{Version: 6, Level: bench.H, Mask: 2}
		}
	}
	r.Checks["W4/qrworks"] = bench.Check{Err: fmt.Errorf("%w: no PNG | yet", bench.ErrNotAvailable)}
	var md bytes.Buffer
	r.Markdown(&md)
	out := md.String()
	for _, want := range []string{
		"| W1 `url` | **qrworks** | 21.0 µs ±2% | 4.77 KiB | 2 | — | 6-H, mask 2 |",
		"|  | skip2 | 1.00 ms ±0% | 114 KiB | 4412 | 47.6× |",
		"not timed: not available: no PNG \\| yet",
		"| rsc | v0.2.0 |",
		"| **qrworks** | ? | version 6-H, mask 2 | — | not W4 |",
		"Medians of 3 runs",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}
