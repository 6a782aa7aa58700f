package qr

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"sync"
)

// Styling: module and finder shapes, a gradient for the dark modules and a
// logo in the middle. These are render options like Colors: given to
// Encode they become the Code's render defaults, given to a render call
// they override them. A styled image is never returned unchecked: see
// Code.Check for the check and Encode for the level it raises.

// Shape is the form in which modules or finder patterns are drawn.
type Shape uint8

// The shapes. Each one keeps the middle half of every module (the area a
// scanner samples) in its colour, which Code.Check verifies.
const (
	// Square draws the standard's squares: the default.
	Square Shape = iota
	// Rounded draws modules as squares whose outer corners are rounded
	// where no dark neighbour touches them, so that runs of modules join
	// into smooth blobs; finder patterns get rounded corners.
	Rounded
	// Dots draws modules as separate circles, and finder patterns as
	// circular eyes: a ring around a disc.
	Dots

	numShapes
)

// String returns "square", "rounded" or "dots".
func (s Shape) String() string {
	switch s {
	case Square:
		return "square"
	case Rounded:
		return "rounded"
	case Dots:
		return "dots"
	}
	return "Shape(" + strconv.Itoa(int(s)) + ")"
}

// ParseShape returns the Shape named "square", "rounded" or "dots"; ok is
// false for any other name.
func ParseShape(name string) (s Shape, ok bool) {
	for s := Square; s < numShapes; s++ {
		if s.String() == name {
			return s, true
		}
	}
	return 0, false
}

// style is the styling part of a rendering. The zero value is a plain code.
type style struct {
	modules, finders Shape
	grad             gradient
	logo             *logoSource // nil: no logo
}

// styled reports whether s asks for anything but the plain squares in two
// colours.
func (s *style) styled() bool {
	return s.modules != Square || s.finders != Square || s.grad.kind != noGradient || s.logo != nil
}

// gradientKind says how the dark colour varies over the symbol.
type gradientKind uint8

const (
	noGradient gradientKind = iota
	linearGradient
	radialGradient
)

// gradient is a colour ramp for the dark modules, from one colour to
// another, interpolated in sRGB as SVG and CSS do by default.
type gradient struct {
	kind     gradientKind
	from, to color.Color
	angle    float64 // linear: degrees counter-clockwise from the +x axis
}

// Modules sets the shape of the modules: Square (the default), Rounded or
// Dots. Timing and alignment patterns are drawn in it too; finder patterns
// take the shape of Finders. It applies to WritePNG, PNG, WriteSVG, Raster
// and WriteFile, and given to Encode it becomes the Code's default (Encode
// then checks the styled symbol: see Encode). Text renderers and Image
// ignore it.
func Modules(s Shape) Option {
	return func(c *config) {
		if s >= numShapes {
			c.fail("module shape %d is not Square, Rounded or Dots", int(s))
			return
		}
		c.style.modules = s
	}
}

// Finders sets the shape of the three finder patterns: Square (the
// default), Rounded (rounded squares) or Dots (circular eyes). It applies
// where Modules does.
func Finders(s Shape) Option {
	return func(c *config) {
		if s >= numShapes {
			c.fail("finder shape %d is not Square, Rounded or Dots", int(s))
			return
		}
		c.style.finders = s
	}
}

// Gradient paints the dark modules with a linear gradient from one colour
// to the other across the symbol (quiet zone excluded), replacing the dark
// colour of Colors; light modules keep the light colour. The angle is in
// degrees counter-clockwise from the positive x axis: 0 runs from left
// (from) to right (to), 90 from bottom to top, 45 from the bottom-left
// corner to the top-right one. Gradient(nil, nil, 0) removes a gradient,
// for example one that a Code has as its render default; any other nil
// colour, or an angle that is not finite, is an invalid option.
//
// Every colour of the gradient must contrast with the light colour (see
// Contrast and MinContrast), or the render is refused with
// ErrNotScannable. It applies where Modules does.
func Gradient(from, to color.Color, angleDegrees float64) Option {
	return func(c *config) {
		switch {
		case from == nil && to == nil && angleDegrees == 0:
			c.style.grad = gradient{}
		case from == nil || to == nil:
			c.fail("nil gradient colour")
		case math.IsNaN(angleDegrees) || math.IsInf(angleDegrees, 0):
			c.fail("gradient angle %v is not finite", angleDegrees)
		default:
			c.style.grad = gradient{kind: linearGradient, from: from, to: to, angle: angleDegrees}
		}
	}
}

// RadialGradient paints the dark modules with a radial gradient from inner,
// at the centre of the symbol, to outer, at its corners. RadialGradient(nil,
// nil) removes a gradient. Otherwise it is as Gradient.
func RadialGradient(inner, outer color.Color) Option {
	return func(c *config) {
		switch {
		case inner == nil && outer == nil:
			c.style.grad = gradient{}
		case inner == nil || outer == nil:
			c.fail("nil gradient colour")
		default:
			c.style.grad = gradient{kind: radialGradient, from: inner, to: outer}
		}
	}
}

// MaxLogoRatio is the largest logo Logo accepts, as a fraction of the
// symbol's width: half the width covers a quarter of the symbol, more than
// level H's 30% recovery can bear once the codewords it cuts are counted.
const MaxLogoRatio = 0.5

// MaxLogoPixels bounds the logo image given to Logo, width × height: 16
// megapixels, more than any camera photo, so that scaling it (a cost in
// proportion to its pixels, paid once per size and Option) stays bounded.
const MaxLogoPixels = 1 << 24

// Logo places img in the middle of the symbol, ratio × the symbol's width
// wide (quiet zone excluded; 0 < ratio ≤ MaxLogoRatio) and as high as its
// aspect ratio says, which must keep it within MaxLogoRatio of the height
// too. The data modules under the logo and a one-module margin around it
// are left light; function patterns (finder, timing, alignment, format and
// version modules) are drawn over it, since readers rely on them. Where img
// is transparent the light colour shows.
//
// The modules the logo covers are lost to the reader, so Encode raises the
// error correction level until they can be corrected (see Encode), and the
// renderers refuse an image that cannot (ErrNotScannable). Logo(nil, 0)
// removes a logo; any other nil or empty image, an image over
// MaxLogoPixels, or a ratio out of range, is an invalid option. The image is read when the code is rendered and must
// not change while it is in use; its scaled copies are cached in the
// Option, so build the Option once and reuse it. It applies where Modules
// does.
func Logo(img image.Image, ratio float64) Option {
	var src *logoSource
	if img != nil && !img.Bounds().Empty() {
		src = &logoSource{img: img, ratio: ratio}
	}
	return func(c *config) {
		switch {
		case img == nil && ratio == 0:
			c.style.logo = nil
		case src == nil:
			c.fail("nil or empty logo image")
		case src.pixels() > MaxLogoPixels:
			c.fail("logo image of %d pixels exceeds %d", src.pixels(), MaxLogoPixels)
		case !(ratio > 0 && ratio <= MaxLogoRatio):
			c.fail("logo ratio %v outside (0, %v]", ratio, MaxLogoRatio)
		case ratio*src.aspect() > MaxLogoRatio:
			c.fail("logo %v of the width is %.3g of the height, over %v", ratio, ratio*src.aspect(), MaxLogoRatio)
		default:
			c.style.logo = src
		}
	}
}

// logoSource is a logo image and its size, with the last scaled copy.
type logoSource struct {
	img   image.Image
	ratio float64

	mu     sync.Mutex
	scaled *image.RGBA // img scaled to scaled.Bounds().Size(), origin (0, 0)
}

// pixels returns the logo's width × height, saturating rather than
// overflowing for an image as large as image.Uniform's bounds.
func (l *logoSource) pixels() int64 {
	b := l.img.Bounds()
	return min(int64(b.Dx()), 1<<31) * min(int64(b.Dy()), 1<<31)
}

// aspect returns the logo's height over its width.
func (l *logoSource) aspect() float64 {
	b := l.img.Bounds()
	return float64(b.Dy()) / float64(b.Dx())
}
