package pngenc

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// naiveScanline builds a scanline pixel by pixel, the obvious way, for
// comparison with expandRow's 64 pixels at a time.
func naiveScanline(l *layout, g *grid, y int) []byte {
	dst := make([]byte, l.stride) // filter byte 0
	for px := 0; px < (l.stride-1)*8; px++ {
		x := px/l.scale - l.quiet
		if px >= l.pixelWidth() || !g.dark(x, y) {
			dst[1+px/8] |= 0x80 >> (px % 8) // light, or padding
		}
	}
	return dst
}

// TestExpandRow checks both ways of building a scanline, run by run and
// from a spreadTable, against naiveScanline, at every scale up to 10 and a
// few up to the table's limit and past it.
func TestExpandRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 5))
	scales := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 31, maxSpreadScale, maxSpreadScale + 1}
	var table []byte
	for _, w := range []int{1, 7, 11, 21, 43, 63, 64, 65, 127, 128, 139, 177} {
		g := randomGrid(rng, w, 2)
		for _, scale := range scales {
			for _, quiet := range []int{0, 1, 2, 4} {
				o := g.options(scale, quiet, blackWhite)
				l, err := newLayout(&o)
				if err != nil {
					t.Fatal(err)
				}
				for _, spread := range []bool{false, true} {
					if spread {
						if l.useSpread(&table); l.spread == nil {
							continue // no table for this layout
						}
					}
					got := make([]byte, l.stride)
					for y := -1; y < g.h; y++ { // -1: a quiet-zone row
						var row []uint64
						if y >= 0 {
							row = g.Row(y)
						}
						l.expandRow(got, row)
						if want := naiveScanline(&l, g, y); !bytes.Equal(got, want) {
							t.Fatalf("width %d scale %d quiet %d row %d, table %v:\n got %x\nwant %x", w, scale, quiet, y, spread, got, want)
						}
					}
				}
			}
		}
	}
}
