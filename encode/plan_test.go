package encode

import (
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// TestPlan checks every version's layout: the data region has exactly as
// many modules as the tables' formula says, the placement visits each of
// them once, and dataT holds, module by module, the data region with rows
// and columns exchanged.
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
				if x < n && y < n && p.data.get(x, y) != p.dataT.get(y, x) {
					t.Fatalf("version %d: data (%d,%d) is %v, dataT (%d,%d) is %v", v, x, y, p.data.get(x, y), y, x, p.dataT.get(y, x))
				}
				if (x >= n || y >= n) && (p.data.get(x, y) || p.dataT.get(x, y)) {
					t.Fatalf("version %d: module (%d,%d) outside the %d×%d symbol is set", v, x, y, n, n)
				}
			}
		}
	}
}

// TestTranspose compares transpose with a module-by-module transpose on
// random squares of sizes around the word boundaries, with stray bits
// outside the square in the source and stale rows in the destination that
// transpose must not copy or keep.
func TestTranspose(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 2, 21, 63, 64, 65, 100, 127, 128, 129, 176, 177} {
		for range 4 {
			var src, dst matrix
			for y := range src {
				for w := range src[y] {
					src[y][w] = rng.Uint64()
					dst[y][w] = rng.Uint64()
				}
			}
			transpose(&dst, &src, n)
			for y := 0; y < n; y++ {
				for x := 0; x < wordsPerRow*64; x++ {
					want := x < n && src.get(y, x)
					if dst.get(x, y) != want {
						t.Fatalf("n=%d: dst (%d,%d) = %v, want %v", n, x, y, dst.get(x, y), want)
					}
				}
			}
		}
	}
}
