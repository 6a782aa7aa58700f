package decode_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
	"github.com/qrworks/qrworks/qr"
)

// TestStrongTilt reads codes seen at a steep angle (gozxing alone reads
// only the second), where the near finder pattern looks much larger than
// the far ones: the fourth point of the perspective lies far from the
// parallelogram corner (the last ones need the prediction from the
// finders' apparent sizes, see projectiveAt).
func TestStrongTilt(t *testing.T) {
	small := ourSymbol(t, w1, qr.H)
	v15 := ourSymbol(t, strings.Repeat("tilted v15 ", 4), qr.M, qr.MinVersion(15))
	v25 := ourSymbol(t, strings.Repeat("tilted v25 ", 4), qr.M, qr.MinVersion(25))
	for i, c := range []struct {
		sym        symbol
		scale, out int
		quad       [4]synth.Point
	}{
		{small, 6, 400, quad(140, 30, 330, 120, 250, 300, 30, 150)},
		{small, 6, 400, quad(60, 40, 300, 60, 360, 330, 20, 300)},
		{small, 6, 400, quad(200, 20, 380, 200, 190, 380, 60, 180)},
		{small, 6, 400, quad(40, 100, 340, 20, 340, 380, 40, 300)},
		{small, 6, 400, quad(30, 160, 150, 30, 390, 90, 290, 330)},
		{small, 6, 400, quad(30, 170, 170, 40, 390, 110, 280, 360)},
		{small, 6, 400, quad(20, 150, 140, 40, 380, 70, 300, 380)},
		{small, 6, 400, quad(40, 200, 160, 40, 395, 100, 300, 390)},
		{v15, 4, 600, quad(40, 100, 560, 20, 560, 580, 40, 480)},
		{v25, 4, 600, quad(100, 100, 500, 100, 580, 560, 20, 560)},
	} {
		t.Run(fmt.Sprintf("%d v%d", i, c.sym.version), func(t *testing.T) {
			img := shoot(synth.Scene{Width: c.out, Height: c.out, Background: 255,
				Symbols: []synth.Symbol{{Grid: c.sym, Quiet: 4, Module: float64(c.scale), Quad: &c.quad}}})
			res, err := decode.Image(img)
			wantTexts(t, res, err, c.sym.content)
		})
	}
}
