package decode_test

import (
	"fmt"
	"image"
	"math"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
)

// bend draws src into a canvas of the same size plus margin on each side
// through a smooth non-projective map: a sheet bowed along both axes, as a
// page lying curved on a table, amp pixels at most. No single perspective
// transform fits it.
func bend(src *image.Gray, margin int, amp float64) *image.Gray {
	w := src.Rect.Dx() + 2*margin
	dst := image.NewGray(image.Rect(0, 0, w, w))
	sw := float64(src.Rect.Dx())
	for y := 0; y < w; y++ {
		for x := 0; x < w; x++ {
			u, v := float64(x-margin), float64(y-margin)
			// destination → source: shift each row and column by a sine
			// bow across the sheet.
			sx := u + amp*math.Sin(math.Pi*v/sw)
			sy := v + amp*math.Sin(math.Pi*u/sw)
			ix, iy := int(math.Floor(sx)), int(math.Floor(sy))
			if ix < 0 || iy < 0 || ix >= src.Rect.Dx() || iy >= src.Rect.Dy() {
				dst.Pix[y*dst.Stride+x] = 255
				continue
			}
			dst.Pix[y*dst.Stride+x] = src.Pix[iy*src.Stride+ix]
		}
	}
	return dst
}

// TestBentLargeSymbol reads large symbols on a bowed sheet, which need the
// piecewise sampling over all alignment patterns: gozxing alone, with its
// single transform, reads none of them.
func TestBentLargeSymbol(t *testing.T) {
	for _, c := range []struct {
		version int
		level   qr.Level
		scale   int
		amp     float64 // in modules
	}{
		{25, qr.M, 4, 4},
		{32, qr.L, 3, 4},
		{40, qr.Q, 3, 5},
		{10, qr.H, 5, 2},
	} {
		t.Run(fmt.Sprintf("v%d", c.version), func(t *testing.T) {
			text := strings.Repeat(fmt.Sprintf("bent v%d ", c.version), 4)
			s := ourSymbol(t, text, c.level, qr.MinVersion(c.version))
			img := bend(render(s, c.scale, 4), 20, c.amp*float64(c.scale))
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
