package decode_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
	"github.com/qrworks/qrworks/qr"
)

// TestBentLargeSymbol reads large symbols on a bent sheet (wrapped round a
// cylinder, or through a lens's barrel or pincushion distortion), which
// need the piecewise sampling over all alignment patterns: gozxing alone,
// with its single transform, reads none of them.
func TestBentLargeSymbol(t *testing.T) {
	for _, c := range []struct {
		version  int
		level    qr.Level
		scale    int
		cylinder float64 // degrees of a cylinder the sheet wraps
		barrel   float64
	}{
		{25, qr.M, 4, 30, 0},
		{32, qr.L, 3, 0, -0.08},
		{40, qr.Q, 3, 0, 0.04},
		{10, qr.H, 5, 0, 0.08},
	} {
		t.Run(fmt.Sprintf("v%d", c.version), func(t *testing.T) {
			text := strings.Repeat(fmt.Sprintf("bent v%d ", c.version), 4)
			s := ourSymbol(t, text, c.level, qr.MinVersion(c.version))
			n := side(s, c.scale, 4) + 40
			img := shoot(synth.Scene{Width: n, Height: n, Background: 255, Symbols: []synth.Symbol{
				{Grid: s, Quiet: 4, Module: float64(c.scale), Cylinder: c.cylinder, Barrel: c.barrel}}})
			if got, ok := gozxingAlone(img); ok && got == text {
				t.Errorf("gozxing alone reads it: the test does not need the piecewise sampling")
			}
			res, err := decode.Image(img)
			wantTexts(t, res, err, text)
			if err == nil && res[0].Version != c.version {
				t.Errorf("version %d, want %d", res[0].Version, c.version)
			}
		})
	}
}
