package decode

import (
	"image"
	"math"

	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/internal/imagein"
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

// pureFirst is the search's first step: an image of two tones — a rendered
// code, a 1-bit scan — is read by pure before any finder search, exact or
// not as for pure. Packed 1-bit images and two-colour palettes are read
// from their pixels, with no luminance computed; other images when their
// luminance holds exactly two levels far enough apart (twoTone).
//
// It reports done when pure read the code. Otherwise m is the two tones as
// a bit matrix, for the finder search to try next, or nil when the image
// is not of two tones.
func (s *search) pureFirst(p *picture, toImage affine, exact bool) (m *gozxing.BitMatrix, done bool) {
	switch img := p.img.(type) {
	case *imagein.Packed:
		if v, ok := twoLevel(img); ok {
			if s.pure(v, toImage, exact) {
				return nil, true
			}
			// Only now, as the finder search needs them, the bits become a
			// matrix.
			return v.bitMatrix(s.scr), false
		}
	case *image.Paletted:
		if m, ok := binarizeBilevel(img, s.scr); ok {
			return m, s.pure(scratchMatrix{s.scr}, toImage, exact)
		}
	}
	// A clean two-tone picture needs no local thresholds: one global level
	// reads it exactly, for a fraction of the cost.
	if t, ok := twoTone(p.luminance()); ok {
		m := binarizeAt(p.luminance(), t, s.scr)
		return m, s.pure(scratchMatrix{s.scr}, toImage, exact)
	}
	return nil, false
}

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
func (s *search) pure(m twoLevelPixels, toImage affine, exact bool) bool {
	if !s.formats.has(QR) {
		return false
	}
	// The bounding box of every dark pixel (the last dark pixel in reading
	// order need not be a corner: a symbol's bottom-right module may be
	// light).
	left, top, right, bottom, ok := m.darkBox()
	if !ok {
		return false
	}
	// A square of at least one pixel per module of version 1.
	if right-left != bottom-top || right-left+1 < minDim {
		return false
	}
	// The top-left finder pattern is finderSide modules wide (ISO/IEC
	// 18004:2015 clause 6.3.3): walk its diagonal through
	// dark-light-dark-light-dark to its far edge.
	const finderEdges = 5 // changes of colour from its corner to past its far edge
	x, y, inDark, edges := left, top, true, 0
	for x <= right && y <= bottom {
		if m.dark(x, y) != inDark {
			if edges++; edges == finderEdges {
				break
			}
			inDark = !inDark
		}
		x++
		y++
	}
	if edges != finderEdges {
		return false
	}
	module := float64(x-left) / finderSide
	dim := int(math.Round(float64(right-left+1) / module))
	if !validDim(dim) {
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
	near, far := finderCentre, float64(dim)-finderCentre
	points := []gozxing.ResultPoint{at(near, far), at(near, near), at(far, near)}
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
