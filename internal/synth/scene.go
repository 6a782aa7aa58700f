package synth

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// Grid is a module grid: any 2-D matrix symbol, rectangular or square.
// Dark reports whether the module at column x, row y (0-based, from the
// top-left) is dark; it is called once per module.
type Grid interface {
	Width() int
	Height() int
	Dark(x, y int) bool
}

// Symbol is one printed symbol and where the camera sees it. Lengths are
// in pixels unless said otherwise; angles in degrees.
type Symbol struct {
	Grid   Grid
	Quiet  int     // light margin around the grid, in modules (taken literally: 0 is none)
	Module float64 // pixels per module where the symbol's centre lands; must be > 0

	// Placement. Center is where the symbol's centre lands; the zero point
	// means the canvas centre. Rotate turns the symbol in the image plane
	// (clockwise on screen, as y points down). TiltX tips the sheet about
	// its horizontal axis (positive: the top edge recedes), TiltY about its
	// vertical axis (positive: the right edge recedes), both seen by a
	// pinhole camera Distance sheet diagonals away (quiet zone included;
	// zero means 1.1, a phone held so that a square symbol fills about half
	// its field of view; at least 0.6).
	Center       Point
	Rotate       float64
	TiltX, TiltY float64
	Distance     float64

	// Bending. Cylinder wraps the sheet's width round a cylinder whose
	// axis is the symbol's vertical, spanning that many degrees of its
	// circumference (a label on a bottle; 0 flat, at most 180). Barrel is
	// radial lens distortion about the centre: a point at the corner of
	// the quiet zone moves inwards by that fraction of its distance
	// (negative: pincushion); |Barrel| < maxBarrel.
	Cylinder float64
	Barrel   float64

	// Quad, when set, places the sheet's corners (the quiet zone's outer
	// corners: top-left, top-right, bottom-right, bottom-left as printed)
	// on these four image points through one projective map, instead of
	// Center, Rotate, the tilts, Distance, Cylinder and Barrel (which must
	// then be zero); Module then only sets the supersampling.
	Quad *[4]Point

	// Print. Ink and Paper are the grey levels of dark and light modules
	// (the quiet zone is paper); equal values (the zero Symbol's) mean
	// black on white. Reverse swaps them (reflectance reversal: light
	// modules on a dark ground, quiet zone included). Mirror prints the
	// grid mirrored left to right, as seen through the back of a
	// transparent sheet.
	Ink, Paper uint8
	Reverse    bool
	Mirror     bool

	// Stains are discs drawn over the print, in module coordinates (they
	// follow the sheet's geometry): ink blots, dirt, labels.
	Stains []Stain
}

// Stain is a disc of grey level Grey centred at module coordinates (X, Y)
// (the grid's top-left corner is (0, 0)) with radius R modules.
type Stain struct {
	X, Y, R float64
	Grey    uint8
}

// Point is a position in image pixels: (0, 0) is the top-left corner of
// the top-left pixel, so the centre of pixel (i, j) is (i+0.5, j+0.5).
type Point struct{ X, Y float64 }

// Spot is a glare spot: a reflection whose brightness falls smoothly from
// Strength (0–1, the fraction of the way to white) at its centre to
// nothing at Radius pixels.
type Spot struct {
	X, Y, Radius float64
	Strength     float64
}

// Scene is a whole photograph: a canvas, its background, symbols and the
// camera's defects, all drawn deterministically from Seed.
type Scene struct {
	Width, Height int
	Seed          uint64

	// Background is the grey level of the surface around the symbols;
	// Clutter the number of random shapes drawn on it (0: plain).
	Background uint8
	Clutter    int

	Symbols []Symbol

	// Shade is uneven light: the illumination falls linearly from full at
	// one side of the canvas to 1-Shade at the other (0 ≤ Shade < 1),
	// across the direction ShadeAngle (degrees; 0: from left to right).
	Shade      float64
	ShadeAngle float64
	Glare      []Spot

	// Blur is the standard deviation of a Gaussian blur and Motion the
	// length of a linear motion blur at MotionAngle degrees, both in
	// module units of the first symbol (pixels when there is none).
	Blur        float64
	Motion      float64
	MotionAngle float64

	// Noise is the standard deviation of sensor noise in grey levels;
	// JPEG, when positive, the quality (1–100) the photo is compressed at.
	Noise float64
	JPEG  int
}

// Photo is a rendered Scene.
type Photo struct {
	Image *image.Gray
	// JPEG holds the compressed photo when Scene.JPEG is set; Image is
	// then its decoding.
	JPEG []byte
	// Corners holds, for each symbol in Scene order, where the grid's
	// corners (0,0), (W,0), (W,H), (0,H) land (before blur): the symbol's
	// top-left, top-right, bottom-right and bottom-left as printed, which
	// a mirror or a turn moves elsewhere on screen.
	Corners [][4]Point
}

// Limits of a Scene: they keep a test's memory and time bounded.
const (
	maxPixels     = 1 << 26 // 64 megapixels
	maxGridSide   = 1024    // modules a side; QR's largest is 177
	maxSymbols    = 1024
	maxStains     = 64
	maxClutter    = 100_000
	maxBarrel     = 0.3 // beyond, a pincushion's radial map folds inside the sheet
	maxBlurPixels = 256 // Gaussian σ and motion length, in pixels
)

// ErrInvalid reports a Scene that cannot be drawn.
var ErrInvalid = errors.New("synth: invalid scene")

// Render draws the scene.
func (s Scene) Render() (Photo, error) {
	if err := s.check(); err != nil {
		return Photo{}, err
	}
	img := image.NewGray(image.Rect(0, 0, s.Width, s.Height))
	drawBackground(img, s.Background, s.Clutter, s.stream(streamClutter))
	ph := Photo{Image: img, Corners: make([][4]Point, len(s.Symbols))}
	for i := range s.Symbols {
		y := &s.Symbols[i]
		p, err := newPlacement(y, s.Width, s.Height)
		if err != nil {
			return Photo{}, fmt.Errorf("%w: symbol %d: %v", ErrInvalid, i, err)
		}
		drawSymbol(img, y, p)
		ph.Corners[i] = p.corners(y.Mirror)
	}
	shade(img, s.Shade, s.ShadeAngle)
	for _, g := range s.Glare {
		glare(img, g)
	}
	unit := s.unit()
	gaussianBlur(img, s.Blur*unit)
	motionBlur(img, s.Motion*unit, s.MotionAngle)
	addNoise(img, s.Noise, s.stream(streamNoise))
	if s.JPEG > 0 {
		var b bytes.Buffer
		// Encoding and decoding an in-memory image/Gray cannot fail for a
		// valid quality; an error here is a bug in image/jpeg.
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: s.JPEG}); err != nil {
			return Photo{}, fmt.Errorf("synth: jpeg: %w", err)
		}
		dec, err := jpeg.Decode(bytes.NewReader(b.Bytes()))
		if err != nil {
			return Photo{}, fmt.Errorf("synth: jpeg: %w", err)
		}
		ph.Image, ph.JPEG = dec.(*image.Gray), b.Bytes()
	}
	return ph, nil
}

// unit is the scene's length unit for blur, in pixels: the first symbol's
// module size.
func (s *Scene) unit() float64 {
	if len(s.Symbols) == 0 {
		return 1
	}
	return s.Symbols[0].Module
}

// Random streams: each effect draws from its own, so that changing one
// (more noise) leaves the others (the clutter's layout) as they were.
const (
	streamClutter = 0x636c7574746572 // "clutter"
	streamNoise   = 0x6e6f697365     // "noise"
)

func (s *Scene) stream(id uint64) *rand.Rand {
	return rand.New(rand.NewPCG(s.Seed, id))
}

// check validates the scene's parameters.
func (s *Scene) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
	}
	switch {
	case s.Width <= 0 || s.Height <= 0 || s.Width > maxPixels/s.Height:
		return bad("canvas %d×%d (at most %d pixels)", s.Width, s.Height, maxPixels)
	case s.Clutter < 0 || s.Clutter > maxClutter:
		return bad("clutter %d (0 to %d)", s.Clutter, maxClutter)
	case len(s.Symbols) > maxSymbols:
		return bad("%d symbols (at most %d)", len(s.Symbols), maxSymbols)
	case !(s.Shade >= 0 && s.Shade < 1):
		return bad("shade %v (0 ≤ shade < 1)", s.Shade)
	case s.JPEG < 0 || s.JPEG > 100:
		return bad("JPEG quality %d (1 to 100, 0 for none)", s.JPEG)
	case !(s.Noise >= 0 && s.Noise <= 255):
		return bad("noise %v (0 to 255)", s.Noise)
	case !finite(s.ShadeAngle, s.MotionAngle):
		return bad("angles must be finite")
	}
	unit := s.unit()
	for _, px := range []float64{s.Blur * unit, s.Motion * unit} {
		if !(px >= 0 && px <= maxBlurPixels) {
			return bad("blur of %v pixels (0 to %d)", px, maxBlurPixels)
		}
	}
	for _, g := range s.Glare {
		if !finite(g.X, g.Y) || !(g.Radius >= 0 && g.Radius <= 4*float64(s.Width+s.Height)) || !(g.Strength >= 0 && g.Strength <= 1) {
			return bad("glare spot %+v", g)
		}
	}
	for i := range s.Symbols {
		if err := s.Symbols[i].check(); err != nil {
			return bad("symbol %d: %v", i, err)
		}
	}
	return nil
}

// check validates one symbol.
func (y *Symbol) check() error {
	if y.Grid == nil {
		return errors.New("no grid")
	}
	w, h := y.Grid.Width(), y.Grid.Height()
	switch {
	case w <= 0 || h <= 0 || w > maxGridSide || h > maxGridSide:
		return fmt.Errorf("grid %d×%d (1 to %d a side)", w, h, maxGridSide)
	case y.Quiet < 0 || y.Quiet > maxGridSide:
		return fmt.Errorf("quiet zone %d", y.Quiet)
	case !(y.Module > 0 && y.Module <= maxPixels):
		return fmt.Errorf("module size %v", y.Module)
	case !finite(y.Center.X, y.Center.Y, y.Rotate, y.TiltX, y.TiltY, y.Distance):
		return errors.New("placement must be finite")
	case math.Abs(y.TiltX) >= 85 || math.Abs(y.TiltY) >= 85:
		return fmt.Errorf("tilt %v, %v (less than 85°)", y.TiltX, y.TiltY)
	case y.Distance != 0 && !(y.Distance >= minDistance):
		return fmt.Errorf("distance %v", y.Distance)
	case !(y.Cylinder >= 0 && y.Cylinder <= 180):
		return fmt.Errorf("cylinder %v (0 to 180°)", y.Cylinder)
	case !(math.Abs(y.Barrel) < maxBarrel):
		return fmt.Errorf("barrel %v (|barrel| < %v)", y.Barrel, maxBarrel)
	case len(y.Stains) > maxStains:
		return fmt.Errorf("%d stains (at most %d)", len(y.Stains), maxStains)
	}
	for _, st := range y.Stains {
		if !finite(st.X, st.Y, st.R) || st.R < 0 {
			return fmt.Errorf("stain %+v", st)
		}
	}
	if y.Quad != nil {
		if y.Center != (Point{}) || y.Rotate != 0 || y.TiltX != 0 || y.TiltY != 0 || y.Distance != 0 || y.Cylinder != 0 || y.Barrel != 0 {
			return errors.New("Quad excludes the other placement fields")
		}
		for _, p := range y.Quad {
			if !finite(p.X, p.Y) {
				return errors.New("quad points must be finite")
			}
		}
	}
	return nil
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
