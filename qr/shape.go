package qr

// The outlines of styled modules and finder patterns, in module units
// (module (x, y) is the square [x, x+1] × [y, y+1], y downwards). They are
// traced once, here, for every output: the raster renderer fills them with
// an anti-aliasing rasteriser (styled_raster.go), the SVG renderer writes
// them as path data (svg_style.go). Every outline is a rectangle with
// rounded corners, a circle being the case where the radius is half the
// side.

// pen receives outlines. A closed outline traced clockwise on screen adds
// to the shape, one traced counter-clockwise inside it cuts a hole (the
// non-zero winding rule of both SVG and the rasteriser).
type pen interface {
	moveTo(x, y float64)
	lineTo(x, y float64)
	cubeTo(x1, y1, x2, y2, x, y float64)
	closePath()
}

// kappa places the control points of a cubic Bézier curve that
// approximates a quarter circle of radius 1: 4(√2−1)/3, whose largest
// radial error is 0.027%, far below a pixel at any allowed size.
const kappa = 0.5522847498307936

// radii are the corner radii of a rounded rectangle: top-left, top-right,
// bottom-right, bottom-left. A radius of 0 is a sharp corner.
type radii [4]float64

// all returns radii of r at every corner.
func all(r float64) radii { return radii{r, r, r, r} }

// roundedRect traces [x0, x1] × [y0, y1] with corner radii r (each at most
// half the shorter side), clockwise, or counter-clockwise when hole is set.
func roundedRect(p pen, x0, y0, x1, y1 float64, r radii, hole bool) {
	// Each corner: its point, where the arc meets the horizontal edge (hx,
	// cy) and where it meets the vertical edge (cx, vy).
	type corner struct{ cx, cy, hx, vy float64 }
	cs := [4]corner{
		{x0, y0, x0 + r[0], y0 + r[0]},
		{x1, y0, x1 - r[1], y0 + r[1]},
		{x1, y1, x1 - r[2], y1 - r[2]},
		{x0, y1, x0 + r[3], y1 - r[3]},
	}
	order := [4]int{0, 1, 2, 3}
	if hole {
		order = [4]int{0, 3, 2, 1}
	}
	for i, k := range order {
		c := cs[k]
		// Clockwise, the top-right and bottom-left corners are entered
		// from a horizontal edge, the other two from a vertical one;
		// counter-clockwise the other way round.
		inX, inY, outX, outY := c.cx, c.vy, c.hx, c.cy
		if (k%2 == 1) != hole {
			inX, inY, outX, outY = outX, outY, inX, inY
		}
		if i == 0 {
			p.moveTo(inX, inY)
		} else {
			p.lineTo(inX, inY)
		}
		if r[k] > 0 {
			p.cubeTo(inX+kappa*(c.cx-inX), inY+kappa*(c.cy-inY),
				outX+kappa*(c.cx-outX), outY+kappa*(c.cy-outY), outX, outY)
		}
	}
	p.closePath()
}

// dotDiameter is the diameter of a Dots module, in modules: small enough
// to leave a visible gap between neighbouring dots, large enough that the
// middle half of the module, which Check samples as a scanner would at low
// resolution, lies inside the circle (its corners are 0.354 from the
// centre, the radius is 0.425).
const dotDiameter = 0.85

// neighbours says which of a module's four neighbours are dark, one bit
// each.
type neighbours uint8

const (
	darkUp neighbours = 1 << iota
	darkRight
	darkDown
	darkLeft
)

// moduleOutline traces the dark module at (x, y) in shape s. For Rounded,
// nb says which neighbours are dark: a corner is rounded, with half a
// module of radius, when neither neighbour beside it is dark.
func moduleOutline(p pen, s Shape, x, y float64, nb neighbours) {
	switch s {
	case Dots:
		g := (1 - dotDiameter) / 2
		roundedRect(p, x+g, y+g, x+1-g, y+1-g, all(dotDiameter/2), false)
	case Rounded:
		var r radii
		for i, sides := range [4]neighbours{darkUp | darkLeft, darkUp | darkRight, darkDown | darkRight, darkDown | darkLeft} {
			if nb&sides == 0 {
				r[i] = 0.5
			}
		}
		roundedRect(p, x, y, x+1, y+1, r, false)
	default:
		roundedRect(p, x, y, x+1, y+1, radii{}, false)
	}
}

// finderSide is the side of a finder pattern in modules (ISO/IEC 18004:2015
// §6.3.3): a dark 7×7 ring one module wide, a light ring, a dark 3×3
// centre.
const finderSide = 7

// eyeOutline traces the finder pattern whose top-left module is (x, y) in
// shape s. Every shape keeps the 1:1:3:1:1 proportions along the lines
// through the centre, which is what readers look for (§6.3.3, and §12's
// reference decode algorithm); the rounded and circular ones give up the
// corner modules.
func eyeOutline(p pen, s Shape, x, y float64) {
	// Radii of the outer square, its hole and the centre. The outer and
	// hole arcs share their centres, so that the ring keeps its width
	// around the corners. The circular eye is a disc in a ring that keeps
	// two modules of straight edge on each side. Readers differ in how they
	// confirm a finder: zxing-cpp fits a quadrilateral to its rings, zbar
	// checks scan lines off the centre too. Over the 416 dotted codes of
	// the styling grid, a perfectly round ring (radius 3.5) was missed by
	// ZXingReader 11 times, one of radius 3 by zbarimg in 12 of the 23
	// cases tried, and this one, of radius 2.5, by neither.
	var outer, hole, centre float64
	switch s {
	case Rounded:
		outer, hole, centre = 2, 1, 1
	case Dots:
		outer, hole, centre = 2.5, 1.5, 1.5
	}
	roundedRect(p, x, y, x+7, y+7, all(outer), false)
	roundedRect(p, x+1, y+1, x+6, y+6, all(hole), true)
	roundedRect(p, x+2, y+2, x+5, y+5, all(centre), false)
}
