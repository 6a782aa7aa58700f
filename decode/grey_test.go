package decode

import (
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"

	"github.com/qrworks/qrworks/internal/imagein"
	"github.com/qrworks/qrworks/internal/synth"
)

// bitGrid makes a gozxing matrix a synth.Grid.
type bitGrid struct{ *gozxing.BitMatrix }

func (g bitGrid) Dark(x, y int) bool { return g.Get(x, y) }
func (g bitGrid) Width() int         { return g.GetWidth() }
func (g bitGrid) Height() int        { return g.GetHeight() }

// wrongModules counts the modules of got that differ from want.
func wrongModules(got, want *gozxing.BitMatrix) int {
	n := 0
	for y := 0; y < want.GetHeight(); y++ {
		for x := 0; x < want.GetWidth(); x++ {
			if got.Get(x, y) != want.Get(x, y) {
				n++
			}
		}
	}
	return n
}

// TestSampleGrey: through the true geometry of a blurred, low-contrast,
// turned symbol, grey sampling misreads at most one module in a hundred,
// and a small fraction of what sampling either binarized matrix does.
func TestSampleGrey(t *testing.T) {
	sym := symbolBits(t, "grey sampling reads the luminance, not the bits", decoder.ErrorCorrectionLevel_M)
	dim := sym.GetWidth()
	for _, c := range []struct {
		name       string
		blur       float64
		ink, paper uint8
		reverse    bool
	}{
		{"blur 0.45", 0.45, 0, 0, false},
		{"blur 0.45, contrast 50", 0.45, 120, 170, false},
		{"blur 0.35, contrast 30, reversed", 0.35, 140, 170, true},
	} {
		sc := synth.Scene{Width: 400, Height: 400, Background: 200, Seed: 3, Noise: 2, Blur: c.blur,
			Symbols: []synth.Symbol{{Grid: bitGrid{sym}, Quiet: 4, Module: 6, Rotate: 25, Ink: c.ink, Paper: c.paper, Reverse: c.reverse}}}
		ph, err := sc.Render()
		if err != nil {
			t.Fatal(err)
		}
		l := imagein.LuminanceOf(ph.Image)
		q := ph.Corners[0]
		d := float64(dim)
		tr, ok := quadTransform([8]float64{0, 0, d, 0, d, d, 0, d},
			[8]float64{q[0].X, q[0].Y, q[1].X, q[1].Y, q[2].X, q[2].Y, q[3].X, q[3].Y})
		if !ok {
			t.Fatal("no transform")
		}
		grey, ok := sampleGrey(l, tr, dim, !c.reverse)
		if !ok {
			t.Fatalf("%s: sampleGrey refused", c.name)
		}
		scr := new(scratch)
		best := dim * dim
		for _, m := range []*gozxing.BitMatrix{binarizeLocal(l, scr), binarizeMean(l, scr)} {
			if c.reverse {
				scr.invert(m)
			}
			if b, ok := sampleGrid(m, tr, dim); ok {
				best = min(best, wrongModules(b, sym))
			}
		}
		got := wrongModules(grey, sym)
		t.Logf("%s: grey sampling %d wrong, binarized at best %d", c.name, got, best)
		if got > dim*dim/100 || 4*got > best {
			t.Errorf("%s: grey sampling misread %d of %d modules, binarized sampling %d", c.name, got, dim*dim, best)
		}
	}
}
