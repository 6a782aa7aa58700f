package decode

import (
	"math"

	"github.com/makiuchi-d/gozxing"
)

// twoLevelPixels is a picture of two colours, dark and light, that pure
// can read: a bit matrix, or a 1-bit image as its file packs it.
type twoLevelPixels interface {
	// darkBox returns the bounding box of the dark pixels, inclusive, or
	// ok=false if there is none.
	darkBox() (left, top, right, bottom int, ok bool)
	dark(x, y int) bool
}

// scratchMatrix is the matrix of a scratch, whose builder noted the box of
// its set (dark) bits.
type scratchMatrix struct{ s *scratch }

func (m scratchMatrix) darkBox() (int, int, int, int, bool) { return m.s.darkBox() }
func (m scratchMatrix) dark(x, y int) bool                  { return m.s.matrix.Get(x, y) }

// pure reads a clean, axis-aligned code by sampling the grid straight
// from the bounding box of the dark pixels, skipping the finder search. Any
// doubt returns false and the normal passes run.
//
// With exact set, the reading also has to need no error correction at all.
// The search then runs it on every two-tone image before the finder search:
// a rendered code decodes here in a fraction of the time, and since the
// symbol it read fills the whole bounding box of the dark pixels, exactly
// as sampled, there is no room for a second code: the result is complete.
// Without exact (the Pure option) the caller vouches for the image.
func (s *search) pure(m twoLevelPixels, toImage affine, exact bool) (found bool) {
	defer func() {
		if recover() != nil {
			found = false
		}
	}()
	// The bounding box of every dark pixel (the last dark pixel in reading
	// order need not be a corner: a symbol's bottom-right module may be
	// light).
	left, top, right, bottom, ok := m.darkBox()
	if !ok {
		return false
	}
	if right-left != bottom-top || right-left < 20 {
		return false
	}
	// The top-left finder pattern is 7 modules wide (ISO/IEC 18004:2015
	// clause 6.3.3): walk its diagonal through dark-light-dark-light-dark
	// to its far edge.
	x, y, inDark, edges := left, top, true, 0
	for x <= right && y <= bottom {
		if m.dark(x, y) != inDark {
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
			if m.dark(left+int((float64(i)+0.5)*module), py) {
				bits.Set(i, j)
			}
		}
	}
	at := func(i, j float64) gozxing.ResultPoint {
		return gozxing.NewResultPoint(float64(left)+i*module, float64(top)+j*module)
	}
	d := float64(dim)
	points := []gozxing.ResultPoint{at(3.5, d-3.5), at(3.5, 3.5), at(d-3.5, 3.5)}
	var r Result
	if exact {
		r, ok = readExact(bits, points, toImage)
	} else {
		r, _, ok = readSymbol(bits, points, toImage, 0)
	}
	if ok {
		s.results = append(s.results, r)
	}
	return ok
}
