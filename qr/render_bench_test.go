package qr

import (
	"bytes"
	"testing"
)

// W4: the W1 text at scale 10, quiet zone 4, black on white, text → PNG
// bytes end to end, as a server does per request.
const w4Text = w1

func BenchmarkW4PNG(b *testing.B) {
	var buf bytes.Buffer
	opts := []Option{Scale(10), QuietZone(4)}
	b.ReportAllocs()
	for b.Loop() {
		c, err := Encode(w4Text, H)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := c.WritePNG(&buf, opts...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// BenchmarkW4PNGReuse is W4 with the Code and buffer reused across
// requests: re-encoding into an existing Code, then WritePNG.
func BenchmarkW4PNGReuse(b *testing.B) {
	var buf bytes.Buffer
	var c Code
	opts := []Option{Scale(10), QuietZone(4)}
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Encode(w4Text, H, opts...); err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := c.WritePNG(&buf, opts...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// BenchmarkW4Encode is the encoding half of W4 alone, to separate the
// renderer's share.
func BenchmarkW4Encode(b *testing.B) {
	var c Code
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Encode(w4Text, H); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWritePNG is the rendering half of W4 alone.
func BenchmarkWritePNG(b *testing.B) {
	c, err := Encode(w4Text, H)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	opts := []Option{Scale(10), QuietZone(4)}
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := c.WritePNG(&buf, opts...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}
