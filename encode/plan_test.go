package encode

import (
	"math/bits"
	"testing"
)

// TestPlan checks every version's layout: the data region has exactly
// rawDataModules modules, the placement visits each of them once, and the
// transposed data region is the transpose.
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
		if region != rawDataModules(v) {
			t.Fatalf("version %d: %d data modules, want %d", v, region, rawDataModules(v))
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
		var dt matrix
		transpose(&dt, &p.data, n)
		if dt != p.dataT {
			t.Fatalf("version %d: dataT is not the transpose of data", v)
		}
	}
}
