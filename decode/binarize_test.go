package decode

import (
	"math/rand/v2"
	"testing"

	"github.com/qrworks/qrworks/internal/imagein"
)

// TestBinarizeAt checks the eight-pixels-at-a-time threshold against a
// plain comparison, on two-tone rows of every length modulo 8.
func TestBinarizeAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for w := 21; w < 45; w++ {
		l := imagein.NewLuminance(w, 3)
		for i := range l.Pix {
			l.Pix[i] = [2]byte{17, 230}[rng.IntN(2)]
		}
		th, ok := twoTone(l)
		if !ok || th != 124 {
			t.Fatalf("twoTone: %d %v", th, ok)
		}
		m := binarizeAt(l, th, new(scratch))
		for y := 0; y < 3; y++ {
			for x := 0; x < w; x++ {
				if m.Get(x, y) != (l.Pix[y*w+x] < 124) {
					t.Fatalf("w=%d (%d,%d): bit %v for %d", w, x, y, m.Get(x, y), l.Pix[y*w+x])
				}
			}
		}
		l.Release()
	}
	grey := imagein.NewLuminance(30, 30)
	for i := range grey.Pix {
		grey.Pix[i] = byte(i)
	}
	if _, ok := twoTone(grey); ok {
		t.Error("a gradient passed as two-tone")
	}
}
