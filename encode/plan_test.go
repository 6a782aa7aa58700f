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
		for _, o := range p.steps {
			for _, yc := range stepModules(o) {
				y, w, s, c := yc.y, yc.w, yc.s, yc.mask
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

// stepModule is one module of a placement step.
type stepModule struct {
	y, w, s int
	mask    uint64
}

// stepModules returns the modules of the placement step o in the order
// placement fills them (see placementSteps).
func stepModules(o uint32) []stepModule {
	y, w, s := int(o>>8&0xFF), int(o>>6&3), int(o&63)
	rows := []int{y}
	if o&stepQuad != 0 {
		d := 1
		if o&stepUp != 0 {
			d = -1
		}
		rows = []int{y, y + d, y + 2*d, y + 3*d}
	}
	var mods []stepModule
	for _, r := range rows {
		mods = append(mods, stepModule{r, w, s, 1 << s})
		if o&stepPair != 0 {
			mods = append(mods, stepModule{r, w, s + 1, 1 << (s + 1)})
		}
	}
	return mods
}
