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

// TestColumnReach: bounding the column walks by columnReach keeps every
// finder centreFrom found with the full reach and finds no other. Each
// row window that passes ratioOK, on scenes with symbols tilted and
// squeezed along either axis among clutter, in both polarities, is
// confirmed both ways and the results compared.
func TestColumnReach(t *testing.T) {
	sym := symbolBits(t, "walks bounded by the ratio", decoder.ErrorCorrectionLevel_M)
	kept := 0
	for i, c := range []struct{ tiltX, tiltY, rotate float64 }{{0, 0, 10}, {65, 0, 0}, {0, 65, 30}, {45, 45, 100}} {
		sc := synth.Scene{Width: 700, Height: 500, Background: 180, Clutter: 120, Seed: uint64(i + 1), Noise: 2,
			Symbols: []synth.Symbol{{Grid: bitGrid{sym}, Quiet: 4, Module: 5, TiltX: c.tiltX, TiltY: c.tiltY, Rotate: c.rotate}}}
		ph, err := sc.Render()
		if err != nil {
			t.Fatal(err)
		}
		scr := new(scratch)
		m := binarizeLocal(imagein.LuminanceOf(ph.Image), scr)
		for _, inverted := range []bool{false, true} {
			if inverted {
				scr.invert(m)
			}
			kept += compareReach(t, m)
		}
	}
	// The comparison must have seen finders kept, not only rejections.
	if kept < 20 {
		t.Errorf("only %d row windows confirmed as finders: the scenes do not exercise the bound", kept)
	}
}

// compareReach compares centreFrom with centreFromFullReach on every row
// window of m that passes ratioOK; it returns how many both confirmed.
func compareReach(t *testing.T, m *gozxing.BitMatrix) int {
	t.Helper()
	kept := 0
	var row *gozxing.BitArray
	for y := 0; y < m.GetHeight(); y++ {
		row = m.GetRow(y, row)
		forEachRun5(row.GetBitArray(), m.GetWidth(), func(r [5]int, end int) {
			mh, ok := ratioOK(r)
			if !ok {
				return
			}
			x := end - r[4] - r[3] - r[2] + r[2]/2
			got, gotOK := centreFrom(m, x, y, mh)
			want, wantOK := centreFromFullReach(m, x, y, mh)
			if got != want || gotOK != wantOK {
				t.Errorf("row window at (%d, %d): bounded %+v %v, full reach %+v %v", x, y, got, gotOK, want, wantOK)
			}
			if gotOK {
				kept++
			}
		})
	}
	return kept
}

// centreFromFullReach is centreFrom with every walk bounded by the reach
// alone.
func centreFromFullReach(m *gozxing.BitMatrix, x, y int, mh float64) (finderSeen, bool) {
	reach := int(maxAnisotropy * finderSide * mh)
	all := ringReach{reach, reach, reach}
	cy, mv, ok := crossLine(m, x, y, all, false)
	if !ok || mh > maxAnisotropy*mv || mv > maxAnisotropy*mh {
		return finderSeen{}, false
	}
	cx, mh2, ok := crossLine(m, x, int(cy), all, true)
	if !ok {
		return finderSeen{}, false
	}
	cy, mv, ok = crossLine(m, int(cx), int(cy), all, false)
	if !ok || mh2 > maxAnisotropy*mv || mv > maxAnisotropy*mh2 || !crossDiagonal(m, int(cx), int(cy), all) {
		return finderSeen{}, false
	}
	return finderSeen{x: cx, y: cy, mh: mh2, mv: mv, count: 1}, true
}
