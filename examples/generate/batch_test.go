package main

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/qrworks/qrworks/qr"
)

// w1Lines returns n texts shaped like the project's W1 workload: 47-byte
// URLs that each need a version 5 symbol at level H.
func w1Lines(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("https://example.com/product/%010d?batch=42", i)
	}
	return lines
}

// TestRenderAllocs checks the promise of the worker loop: once a worker's
// Code and buffer have grown, encoding and rendering a PNG allocate nothing.
// (SVG output is not held to this; its allocations are logged.)
func TestRenderAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under the race detector")
	}
	lines := w1Lines(16)
	for _, format := range []string{"png", "svg"} {
		b := &batch{format: format, level: qr.H, opts: []qr.Option{qr.Scale(8)}}
		var code qr.Code
		var buf bytes.Buffer
		if err := b.render(&code, &buf, lines[0]); err != nil {
			t.Fatal(err)
		}
		i := 0
		allocs := testing.AllocsPerRun(100, func() {
			if err := b.render(&code, &buf, lines[i%len(lines)]); err != nil {
				t.Fatal(err)
			}
			i++
		})
		switch {
		case format == "png" && allocs != 0:
			t.Errorf("png: %.1f allocations per code, want 0", allocs)
		case format == "svg":
			t.Logf("svg: %.1f allocations per code", allocs)
		}
	}
}

// BenchmarkRender is the CPU part of a batch line: W1 text to PNG bytes at
// scale 8 in a reused Code and buffer.
func BenchmarkRender(b *testing.B) {
	lines := w1Lines(1024)
	bt := &batch{format: "png", level: qr.H, opts: []qr.Option{qr.Scale(8)}}
	var code qr.Code
	var buf bytes.Buffer
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := bt.render(&code, &buf, lines[i%len(lines)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkWrite is a whole batch line: render and write the file.
func BenchmarkWrite(b *testing.B) {
	lines := w1Lines(1024)
	bt := &batch{dir: b.TempDir(), format: "png", level: qr.H, opts: []qr.Option{qr.Scale(8)}}
	var code qr.Code
	var buf bytes.Buffer
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		j := job{line: i, file: fmt.Sprintf("%07d.png", i), text: lines[i%len(lines)]}
		if err := bt.write(&code, &buf, j); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
