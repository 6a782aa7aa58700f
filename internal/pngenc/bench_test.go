package pngenc

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkAppend writes, with a reused Encoder into a reused buffer: the
// W4 image (version 5-H, 450×450 pixels, the image of qr's
// BenchmarkWritePNG), a version 40 symbol, and a grid of the largest rMQR
// shape (139×17), each reporting the file size.
func BenchmarkAppend(b *testing.B) {
	rmqr := randomGrid(rand.New(rand.NewPCG(12, 8)), 139, 17)
	benchmarks := []struct {
		name string
		g    *grid
		o    func(*grid) Options
	}{
		{"W4", readGrid(b, "w4"), func(g *grid) Options { return g.options(10, 4, blackWhite) }},
		{"W4-palette", readGrid(b, "w4"), func(g *grid) Options { return g.options(10, 4, colourSets[1]) }},
		{"v40-s4", readGrid(b, "v40"), func(g *grid) Options { return g.options(4, 4, blackWhite) }},
		{"139x17-s10", rmqr, func(g *grid) Options { return g.options(10, 2, blackWhite) }},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			var e Encoder
			var out []byte
			o := bm.o(bm.g)
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if out, err = e.Append(out[:0], bm.g, o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out)), "bytes")
		})
	}
}

// BenchmarkAdler is the checksum of the W4 image's scanlines: one line of
// 58 bytes summed, then extended over its 9 repeats in closed form.
func BenchmarkAdler(b *testing.B) {
	line := make([]byte, 58)
	for i := range line {
		line[i] = byte(i * 37)
	}
	for b.Loop() {
		var a adler
		for range 45 {
			a.addRepeated(line, 10)
		}
		_ = a.sum()
	}
}
