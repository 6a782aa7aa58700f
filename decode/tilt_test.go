package decode_test

import (
	"fmt"
	"image"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing/common"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
)

// project draws src into a w×h canvas so that its corners land on quad
// (top-left, top-right, bottom-right, bottom-left): a camera's perspective
// view of a flat print, sampled bilinearly.
func project(src *image.Gray, w, h int, quad [4][2]float64) *image.Gray {
	n := float64(src.Rect.Dx())
	back := common.PerspectiveTransform_QuadrilateralToQuadrilateral(
		quad[0][0], quad[0][1], quad[1][0], quad[1][1], quad[2][0], quad[2][1], quad[3][0], quad[3][1],
		0, 0, n, 0, n, n, 0, n)
	dst := image.NewGray(image.Rect(0, 0, w, h))
	pts := make([]float64, 2*w)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			pts[2*x], pts[2*x+1] = float64(x)+0.5, float64(y)+0.5
		}
		back.TransformPoints(pts)
		for x := 0; x < w; x++ {
			sx, sy := pts[2*x]-0.5, pts[2*x+1]-0.5
			v := 255.0
			if sx >= 0 && sy >= 0 && sx < n-1 && sy < n-1 {
				x0, y0 := int(sx), int(sy)
				ax, ay := sx-float64(x0), sy-float64(y0)
				p := func(x, y int) float64 { return float64(src.Pix[y*src.Stride+x]) }
				v = (1-ay)*((1-ax)*p(x0, y0)+ax*p(x0+1, y0)) + ay*((1-ax)*p(x0, y0+1)+ax*p(x0+1, y0+1))
			}
			dst.Pix[y*dst.Stride+x] = uint8(v + 0.5)
		}
	}
	return dst
}

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
		quad       [4][2]float64
	}{
		{small, 6, 400, [4][2]float64{{140, 30}, {330, 120}, {250, 300}, {30, 150}}},
		{small, 6, 400, [4][2]float64{{60, 40}, {300, 60}, {360, 330}, {20, 300}}},
		{small, 6, 400, [4][2]float64{{200, 20}, {380, 200}, {190, 380}, {60, 180}}},
		{small, 6, 400, [4][2]float64{{40, 100}, {340, 20}, {340, 380}, {40, 300}}},
		{small, 6, 400, [4][2]float64{{30, 160}, {150, 30}, {390, 90}, {290, 330}}},
		{small, 6, 400, [4][2]float64{{30, 170}, {170, 40}, {390, 110}, {280, 360}}},
		{small, 6, 400, [4][2]float64{{20, 150}, {140, 40}, {380, 70}, {300, 380}}},
		{small, 6, 400, [4][2]float64{{40, 200}, {160, 40}, {395, 100}, {300, 390}}},
		{v15, 4, 600, [4][2]float64{{40, 100}, {560, 20}, {560, 580}, {40, 480}}},
		{v25, 4, 600, [4][2]float64{{100, 100}, {500, 100}, {580, 560}, {20, 560}}},
	} {
		t.Run(fmt.Sprintf("%d v%d", i, c.sym.version), func(t *testing.T) {
			res, err := decode.Image(project(render(c.sym, c.scale, 4), c.out, c.out, c.quad))
			wantTexts(t, res, err, c.sym.content)
		})
	}
}
