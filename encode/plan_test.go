package encode

import (
	"math/bits"
	"testing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// TestPlan checks every version's layout: the data region has exactly as
// many modules as the tables' formula says and lies inside the symbol, and
// the placement visits each of its modules once.
func TestPlan(t *testing.T) {
	for v := MinVersion; v <= MaxVersion; v++ {
		p := planFor(v)
		n := p.size
		region := 0
		for y := 0; y < n; y++ {
			for _, w := range p.data[y] {
				region += bits.OnesCount64(w)
			}
		}
		if want := qrspec.QR.RawDataModules(int(v)); region != want {
			t.Fatalf("version %d: %d data modules, want %d", v, region, want)
		}
		var seen matrix
		visits := 0
		for _, o := range p.pairs {
			y, w, s := o>>8&0xFF, o>>6&3, o&63
			cells := []uint64{1 << s}
			if o&pairBoth != 0 {
				cells = append(cells, 1<<(s+1))
			}
			for _, c := range cells {
				if p.data[y][w]&c == 0 || seen[y][w]&c != 0 {
					t.Fatalf("version %d: placement visits row %d word %d bit %d twice or outside the data region", v, y, w, s)
				}
				seen[y][w] |= c
				visits++
			}
		}
		if visits != region {
			t.Fatalf("version %d: placement visits %d of %d data modules", v, visits, region)
		}
		for y := 0; y < len(p.data); y++ {
			for x := 0; x < wordsPerRow*64; x++ {
				if (x >= n || y >= n) && p.data.get(x, y) {
					t.Fatalf("version %d: module (%d,%d) outside the %d×%d symbol is set", v, x, y, n, n)
				}
			}
		}
	}
}
