package decode

import (
	"math"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"

	"github.com/qrworks/qrworks/internal/imagein"
	"github.com/qrworks/qrworks/internal/synth"
)

// TestScanFinders: on a symbol tilted so far that gozxing's finder drops
// its far patterns, scanFinders sees all three finder centres, at their
// true places; stripes, checks and text in the background give too few
// for a triple.
func TestScanFinders(t *testing.T) {
	sym := symbolBits(t, "finder patterns seen at a slant", decoder.ErrorCorrectionLevel_M)
	dim := float64(sym.GetWidth())
	for _, c := range []struct {
		name         string
		tiltX, tiltY float64
		rotate       float64
	}{
		{"flat", 0, 0, 10},
		{"tilt 55° about x", 55, 0, 0},
		{"tilt 50° about y, turned", 0, -50, 30},
		{"tilt both", 40, 40, 100},
	} {
		sc := synth.Scene{Width: 420, Height: 420, Background: 255, Symbols: []synth.Symbol{
			{Grid: bitGrid{sym}, Quiet: 4, Module: 6, TiltX: c.tiltX, TiltY: c.tiltY, Rotate: c.rotate}}}
		ph, err := sc.Render()
		if err != nil {
			t.Fatal(err)
		}
		m := binarizeLocal(imagein.LuminanceOf(ph.Image), new(scratch))
		seen := scanFinders(m, 1)
		// The finder centres lie 3.5 modules in from the corners: find
		// each in the image through the symbol's corners (a homography
		// from the grid to the image).
		q := ph.Corners[0]
		tr, _ := quadTransform([8]float64{0, 0, dim, 0, dim, dim, 0, dim},
			[8]float64{q[0].X, q[0].Y, q[1].X, q[1].Y, q[2].X, q[2].Y, q[3].X, q[3].Y})
		for _, f := range [3][2]float64{{3.5, 3.5}, {dim - 3.5, 3.5}, {3.5, dim - 3.5}} {
			x, y := tr.at(f[0], f[1])
			near := false
			for _, s := range seen {
				near = near || math.Hypot(s.x-x, s.y-y) < 2
			}
			if !near {
				t.Errorf("%s: no finder seen within 2 pixels of (%.1f, %.1f); seen %+v", c.name, x, y, seen)
			}
		}
		if len(seen) != 3 {
			t.Errorf("%s: %d centres seen, want 3: %+v", c.name, len(seen), seen)
		}
	}
	noise := synth.Scene{Width: 600, Height: 400, Background: 200, Clutter: 400, Seed: 9}
	ph, _ := noise.Render()
	m := binarizeLocal(imagein.LuminanceOf(ph.Image), new(scratch))
	confirmed := 0
	for _, s := range scanFinders(m, 1) {
		if s.count >= 3 {
			confirmed++
		}
	}
	// A ring drawn over a block can look like a finder pattern; a triple of
	// them is what would cost a search.
	if confirmed >= 3 {
		t.Errorf("clutter: %d finder patterns confirmed on 3 rows or more", confirmed)
	}
}

// TestBinarizeMean: a code printed in greys 30 levels apart next to
// black-on-white clutter comes out of binarizeMean with its modules; the
// local method loses it.
func TestBinarizeMean(t *testing.T) {
	sym := symbolBits(t, "faint ink", decoder.ErrorCorrectionLevel_M)
	dim := sym.GetWidth()
	sc := synth.Scene{Width: 300, Height: 300, Background: 170, Clutter: 30, Seed: 4, Noise: 2,
		Symbols: []synth.Symbol{{Grid: bitGrid{sym}, Quiet: 4, Module: 5, Ink: 150, Paper: 180}}}
	ph, _ := sc.Render()
	l := imagein.LuminanceOf(ph.Image)
	q := ph.Corners[0]
	d := float64(dim)
	tr, _ := quadTransform([8]float64{0, 0, d, 0, d, d, 0, d},
		[8]float64{q[0].X, q[0].Y, q[1].X, q[1].Y, q[2].X, q[2].Y, q[3].X, q[3].Y})
	scr := new(scratch)
	wrong := func(bin func(*imagein.Luminance, *scratch) *gozxing.BitMatrix) int {
		b, ok := sampleGrid(bin(l, scr), tr, dim)
		if !ok {
			return dim * dim
		}
		return wrongModules(b, sym)
	}
	mean, local := wrong(binarizeMean), wrong(binarizeLocal)
	if mean > 2 || local < 10*max(mean, 1) {
		t.Errorf("modules wrong: local-mean %d, ZXing's local %d", mean, local)
	}
}
