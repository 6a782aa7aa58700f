package decode

import (
	"math/rand/v2"
	"testing"

	"github.com/qrworks/qrworks/internal/imagein"
)

// TestShrink: shrink's unrolled sums and multiplied division give the
// rounded-down box mean, pixel for pixel, for the factors the ladders use
// and for boxes on either side of the largest boxDivider multiplies for,
// on random pixels and on the extremes (all black, all white).
func TestShrink(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 1))
	for _, f := range []int{1, 2, 3, 4, 5, 6, 7, 64, 65} {
		for _, fill := range []int{-1, 0, 255} {
			l := imagein.NewLuminance(3*f+f/2, 2*f+1)
			for y := 0; y < l.H; y++ {
				for x, row := 0, l.Row(y); x < l.W; x++ {
					row[x] = byte(fill)
					if fill < 0 {
						row[x] = byte(rng.IntN(256))
					}
				}
			}
			got := shrink(l, f)
			if got.W != l.W/f || got.H != l.H/f {
				t.Fatalf("f=%d: %d×%d from %d×%d", f, got.W, got.H, l.W, l.H)
			}
			for y := 0; y < got.H; y++ {
				for x := 0; x < got.W; x++ {
					if want := boxMean(l, x*f, y*f, f); got.Row(y)[x] != want {
						t.Errorf("f=%d fill %d: (%d, %d) = %d, want %d", f, fill, x, y, got.Row(y)[x], want)
					}
				}
			}
		}
	}
}

// boxMean is the rounded-down mean of the f×f box at (x0, y0).
func boxMean(l *imagein.Luminance, x0, y0, f int) byte {
	sum := 0
	for y := y0; y < y0+f; y++ {
		for _, v := range l.Row(y)[x0 : x0+f] {
			sum += int(v)
		}
	}
	return byte(sum / (f * f))
}
