package qr

import (
	"strings"
	"testing"
)

// The project's standard encoder workloads (see docs/performance.md): one-shot
// Encode, matrix only.
var benchWorkloads = []struct {
	name  string
	text  string
	level Level
	opts  []Option
}{
	{"W1_url", w1, H, nil},
	{"W2_1k", strings.Repeat("The quick brown fox jumps over the lazy dog 0123456789. ", 20)[:1000], H, nil},
	{"W3_numeric", strings.Repeat("0123456789", 50), M, nil},
	{"W5_max", strings.Repeat("\xa5", 2953), L, []Option{NoECI()}},
}

func BenchmarkEncode(b *testing.B) {
	for _, w := range benchWorkloads {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c, err := Encode(w.text, w.level, w.opts...)
				if err != nil || c.Version() == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCodeEncode re-encodes into one Code: the allocation-free path.
func BenchmarkCodeEncode(b *testing.B) {
	for _, w := range benchWorkloads {
		b.Run(w.name, func(b *testing.B) {
			var c Code
			b.ReportAllocs()
			for b.Loop() {
				if err := c.Encode(w.text, w.level, w.opts...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
