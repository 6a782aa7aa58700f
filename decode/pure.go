package decode

import (
	"math"

	"github.com/makiuchi-d/gozxing"
)

// pure reads a clean, axis-aligned code (Pure option) by sampling the grid
// straight from the bounding box of the dark pixels, skipping the finder
// search. Any doubt returns false and the normal passes run.
func (s *search) pure(base *luminance, toImage affine) (found bool) {
	defer func() {
		if recover() != nil {
			found = false
		}
	}()
	m := binarizeGlobal(base, s.scr)
	tl, br := m.GetTopLeftOnBit(), m.GetBottomRightOnBit()
	if tl == nil || br == nil {
		return false
	}
	left, top, right, bottom := tl[0], tl[1], br[0], br[1]
	if right-left != bottom-top || right-left < 20 {
		return false
	}
	// The top-left finder pattern is 7 modules wide (ISO/IEC 18004:2015
	// clause 6.3.3): walk its diagonal through dark-light-dark-light-dark
	// to its far edge.
	x, y, inDark, edges := left, top, true, 0
	for x <= right && y <= bottom {
		if m.Get(x, y) != inDark {
			if edges++; edges == 5 {
				break
			}
			inDark = !inDark
		}
		x++
		y++
	}
	if edges != 5 {
		return false
	}
	module := float64(x-left) / 7
	dim := int(math.Round(float64(right-left+1) / module))
	if dim < 21 || dim > 177 || dim%4 != 1 {
		return false
	}
	module = float64(right-left+1) / float64(dim)
	bits, err := gozxing.NewSquareBitMatrix(dim)
	if err != nil {
		return false
	}
	for j := 0; j < dim; j++ {
		py := top + int((float64(j)+0.5)*module)
		for i := 0; i < dim; i++ {
			if m.Get(left+int((float64(i)+0.5)*module), py) {
				bits.Set(i, j)
			}
		}
	}
	at := func(i, j float64) gozxing.ResultPoint {
		return gozxing.NewResultPoint(float64(left)+i*module, float64(top)+j*module)
	}
	d := float64(dim)
	points := []gozxing.ResultPoint{at(3.5, d-3.5), at(3.5, 3.5), at(d-3.5, 3.5)}
	r, _, ok := readSymbol(bits, points, toImage, 0)
	if ok {
		s.results = append(s.results, r)
	}
	return ok
}
