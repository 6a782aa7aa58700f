package pngenc

import (
	"testing"

	"github.com/qrworks/qrworks/internal/deflate"
)

// TestDistanceCosts checks the tabulated distance costs against the cost
// computed from each distance's own code, for every distance: the spans of
// 1<<farShift must never straddle two codes.
func TestDistanceCosts(t *testing.T) {
	for _, stride := range []int{2, 58, 300, 2049} {
		var c costModel
		c.estimateCopies(stride)
		for d := 1; d <= deflate.MaxDistance; d++ {
			if got, want := c.distance(d), c.distanceWithExtra(d); got != want {
				t.Fatalf("stride %d, distance %d: cost %d, want %d", stride, d, got, want)
			}
		}
		if c.distance(stride) != costUnit*aboveBits+costUnit*int32(extraBits(stride)) {
			t.Errorf("stride %d: the row above is not priced as the commonest distance", stride)
		}
	}
}

func extraBits(d int) int { _, x := deflate.DistanceCode(d); return x }

// TestLiteralCosts: on the W4 image, a byte value that is commoner in the
// image's scanlines costs no more than a rarer one, and absent values cost
// the most.
func TestLiteralCosts(t *testing.T) {
	g := readGrid(t, "w4")
	o := g.options(10, 4, blackWhite)
	l, _ := newLayout(&o)
	var hist [256]int
	line := make([]byte, l.stride)
	for y := 0; y < g.h; y++ {
		l.expandRow(line, g.Row(y))
		for _, b := range line {
			hist[b]++
		}
	}
	var c costModel
	c.estimateLiterals(g, &l, make([]byte, l.stride))
	for a := range 256 {
		for b := range 256 {
			if hist[a] > 0 && hist[a] > 4*hist[b] && c.lit[a] > c.lit[b] {
				t.Errorf("byte %#x (%d times) costs %d, more than %#x (%d times) at %d", a, hist[a], c.lit[a], b, hist[b], c.lit[b])
			}
		}
		if hist[a] == 0 && c.lit[a] != costUnit*unseenLiteralBits {
			t.Errorf("absent byte %#x costs %d, want %d", a, c.lit[a], costUnit*unseenLiteralBits)
		}
	}
}
