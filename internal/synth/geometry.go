package synth

import (
	"errors"
	"image"
	"math"
)

// The geometry maps between image points and sheet coordinates: module
// units on the printed sheet, the grid's top-left corner at (0, 0) as
// printed (before mirroring), the quiet zone from -Quiet to W+Quiet.
//
// Every product that feeds a sum is written float64(a*b): the explicit
// conversion rounds it, so no platform fuses it into a multiply-add and
// the pixels are the same everywhere.

// defaultDistance is the camera's distance in sheet diagonals when a
// Symbol does not give one: a phone held so that a square symbol fills
// about half of a 65° field of view. minDistance keeps every point of a
// tilted sheet (at most half a diagonal from its centre) in front of the
// camera.
const (
	defaultDistance = 1.1
	minDistance     = 0.6
)

// placement is one symbol's map, built once per Render.
type placement struct {
	w, h, quiet float64 // grid size and quiet zone, modules
	m           float64 // pixels per module
	quad        bool

	// Quad mode: sheet → image (fwd) and image → sheet (inv) homographies,
	// row-major 3×3.
	fwd, inv [9]float64

	// Camera mode.
	cx, cy     float64    // image centre of the symbol
	cos, sin   float64    // in-plane rotation
	k          float64    // barrel: source = dest·(1 + k·r²)
	foldR2     float64    // squared radius beyond which the barrel map folds (0: none)
	rot        [9]float64 // sheet frame → camera frame (Ry·Rx), row-major
	eye        [3]float64 // the camera, in the sheet's frame
	dist       float64    // camera distance, pixels
	radius     float64    // cylinder radius, pixels (0: flat)
	halfWrap   float64    // half the cylinder's wrap angle, radians
	sheetWidth float64    // quiet zone included, pixels
	sheetDiag  float64    // quiet zone included, pixels
}

func newPlacement(y *Symbol, cw, ch int) (*placement, error) {
	p := &placement{
		w: float64(y.Grid.Width()), h: float64(y.Grid.Height()),
		quiet: float64(y.Quiet), m: y.Module,
	}
	p.sheetWidth = (p.w + 2*p.quiet) * p.m
	p.sheetDiag = dist(Point{}, Point{p.sheetWidth, (p.h + 2*p.quiet) * p.m})
	if y.Quad != nil {
		return p, p.setQuad(y.Quad)
	}
	p.cx, p.cy = y.Center.X, y.Center.Y
	if y.Center == (Point{}) {
		p.cx, p.cy = float64(cw)/2, float64(ch)/2
	}
	r := y.Rotate * math.Pi / 180
	p.cos, p.sin = math.Cos(r), math.Sin(r)
	p.setTilt(y.TiltX, y.TiltY)
	p.dist = defaultDistance * p.sheetDiag
	if y.Distance > 0 {
		p.dist = y.Distance * p.sheetDiag
	}
	p.eye = mulT3(p.rot, [3]float64{0, 0, -p.dist})
	if y.Cylinder > 0 {
		wrap := y.Cylinder * math.Pi / 180
		p.radius, p.halfWrap = p.sheetWidth/wrap, wrap/2
	}
	p.setBarrel(y.Barrel)
	return p, nil
}

// setTilt builds the sheet's rotation: about its horizontal axis by ax
// (the top edge recedes for ax > 0), then about its vertical axis by ay
// (the right edge recedes for ay > 0).
func (p *placement) setTilt(ax, ay float64) {
	a, b := ax*math.Pi/180, ay*math.Pi/180
	ca, sa, cb, sb := math.Cos(a), math.Sin(a), math.Cos(b), math.Sin(b)
	// Rx = [1 0 0; 0 ca sa; 0 -sa ca], Ry = [cb 0 -sb; 0 1 0; sb 0 cb].
	rx := [9]float64{1, 0, 0, 0, ca, sa, 0, -sa, ca}
	ry := [9]float64{cb, 0, -sb, 0, 1, 0, sb, 0, cb}
	p.rot = mul3(ry, rx)
}

// setBarrel sets the radial distortion so that the quiet zone's corner, at
// radius rc from the centre, moves to rc·(1-b): the destination → source
// map r·(1 + k·r²) takes rc·(1-b) to rc.
func (p *placement) setBarrel(b float64) {
	if b == 0 {
		return
	}
	hw, hh := p.sheetWidth/2, (p.h+2*p.quiet)*p.m/2
	rc2 := float64(hw*hw) + float64(hh*hh)
	p.k = b / (float64((1-b)*(1-b)*(1-b)) * rc2)
	if p.k < 0 {
		// d/dr r(1+kr²) = 1 + 3kr² vanishes at r² = -1/(3k).
		p.foldR2 = -1 / (3 * p.k)
	}
}

// setQuad fits the homography that takes the sheet's corners (the quiet
// zone's outer corners) to q.
func (p *placement) setQuad(q *[4]Point) error {
	lo, r, b := -p.quiet, p.w+p.quiet, p.h+p.quiet
	src := [4]Point{{lo, lo}, {r, lo}, {r, b}, {lo, b}}
	fwd, ok := homography(src, *q)
	if !ok {
		return errors.New("degenerate quad")
	}
	inv, ok := invert3(fwd)
	if !ok {
		return errors.New("degenerate quad")
	}
	p.quad, p.fwd, p.inv = true, fwd, inv
	return nil
}

// toSheet maps an image point to sheet coordinates; ok is false where the
// ray misses the sheet's surface (past a cylinder's edge, behind the
// camera, beyond a fold of the lens map).
func (p *placement) toSheet(x, y float64) (s, t float64, ok bool) {
	if p.quad {
		return project(p.inv, x, y)
	}
	dx, dy := x-p.cx, y-p.cy
	if p.k != 0 {
		r2 := float64(dx*dx) + float64(dy*dy)
		if p.foldR2 > 0 && r2 >= p.foldR2 {
			return 0, 0, false
		}
		f := 1 + float64(p.k*r2)
		dx, dy = float64(dx*f), float64(dy*f)
	}
	rx := float64(p.cos*dx) + float64(p.sin*dy)
	ry := float64(p.cos*dy) - float64(p.sin*dx)
	// The ray from the camera at (0, 0, -dist) through (rx, ry, 0), in the
	// sheet's frame (the inverse rotation is the transpose).
	d := mulT3(p.rot, [3]float64{rx, ry, p.dist})
	a, b, ok := p.hit(p.eye, d)
	if !ok {
		return 0, 0, false
	}
	return a/p.m + p.w/2, b/p.m + p.h/2, true
}

// hit intersects the ray o + t·d with the sheet's surface and returns the
// point in sheet pixels about the sheet's centre.
func (p *placement) hit(o, d [3]float64) (a, b float64, ok bool) {
	if p.radius == 0 {
		// The plane z = 0.
		if d[2] <= 0 {
			return 0, 0, false
		}
		t := -o[2] / d[2]
		return o[0] + float64(t*d[0]), o[1] + float64(t*d[1]), t > 0
	}
	// The cylinder x² + (z-R)² = R² (its front line touches z = 0): the
	// nearer root of a·t² + b·t + c = 0.
	r := p.radius
	oz := o[2] - r
	qa := float64(d[0]*d[0]) + float64(d[2]*d[2])
	qb := 2 * (float64(o[0]*d[0]) + float64(oz*d[2]))
	qc := float64(o[0]*o[0]) + float64(oz*oz) - float64(r*r)
	disc := float64(qb*qb) - float64(4*qa*qc)
	if qa == 0 || disc < 0 {
		return 0, 0, false
	}
	t := (-qb - math.Sqrt(disc)) / (2 * qa)
	x, z := o[0]+float64(t*d[0]), oz+float64(t*d[2])
	theta := math.Atan2(x, -z)
	if t <= 0 || math.Abs(theta) > p.halfWrap {
		return 0, 0, false
	}
	return r * theta, o[1] + float64(t*d[1]), true
}

// toImage maps sheet coordinates to the image.
func (p *placement) toImage(s, t float64) Point {
	if p.quad {
		x, y, _ := project(p.fwd, s, t)
		return Point{x, y}
	}
	a, b := (s-p.w/2)*p.m, (t-p.h/2)*p.m
	v := [3]float64{a, b, 0}
	if p.radius > 0 {
		th := a / p.radius
		v = [3]float64{p.radius * math.Sin(th), b, p.radius * (1 - math.Cos(th))}
	}
	c := mul3v(p.rot, v)
	x, y := p.dist*c[0]/(c[2]+p.dist), p.dist*c[1]/(c[2]+p.dist)
	x, y = float64(p.cos*x)-float64(p.sin*y), float64(p.sin*x)+float64(p.cos*y)
	if p.k != 0 {
		f := p.barrelInverse(math.Sqrt(float64(x*x) + float64(y*y)))
		x, y = x*f, y*f
	}
	return Point{p.cx + x, p.cy + y}
}

// barrelInverse returns the factor taking a source radius rs to its
// destination: the root r of r·(1 + k·r²) = rs (below the fold), over rs.
func (p *placement) barrelInverse(rs float64) float64 {
	if rs == 0 {
		return 1
	}
	lo, hi := 0.0, 4*rs
	if p.foldR2 > 0 {
		hi = math.Sqrt(p.foldR2)
	}
	for range 64 {
		mid := (lo + hi) / 2
		if float64(mid*(1+float64(float64(p.k*mid)*mid))) < rs {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo / rs
}

// corners returns where the grid's corners land, mirrored as printed.
func (p *placement) corners(mirror bool) [4]Point {
	var c [4]Point
	for i, g := range [4]Point{{0, 0}, {p.w, 0}, {p.w, p.h}, {0, p.h}} {
		if mirror {
			g.X = p.w - g.X
		}
		c[i] = p.toImage(g.X, g.Y)
	}
	return c
}

// latticeSteps is how many steps a side of the sheet is cut into to find
// its extent on screen: enough that a bent sheet's outline is followed to
// within a fraction of a cell, which the margin covers.
const latticeSteps = 32

// bounds returns the pixels the sheet (quiet zone included) may cover,
// clipped to the canvas: the box of a lattice of its points mapped forward,
// widened by the longest lattice step.
func (p *placement) bounds(canvas image.Rectangle) image.Rectangle {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	step := 0.0
	sw, sh := p.w+2*p.quiet, p.h+2*p.quiet
	above := make([]Point, latticeSteps+1) // the previous row of the lattice
	for j := 0; j <= latticeSteps; j++ {
		var left Point
		for i := 0; i <= latticeSteps; i++ {
			q := p.toImage(-p.quiet+sw*float64(i)/latticeSteps, -p.quiet+sh*float64(j)/latticeSteps)
			if !finite(q.X, q.Y) {
				return canvas
			}
			minX, maxX = min(minX, q.X), max(maxX, q.X)
			minY, maxY = min(minY, q.Y), max(maxY, q.Y)
			if i > 0 {
				step = max(step, dist(q, left))
			}
			if j > 0 {
				step = max(step, dist(q, above[i]))
			}
			left, above[i] = q, q
		}
	}
	pad := step + 2
	r := image.Rect(int(math.Floor(max(minX-pad, -1))), int(math.Floor(max(minY-pad, -1))),
		int(math.Ceil(min(maxX+pad, float64(canvas.Max.X+1)))), int(math.Ceil(min(maxY+pad, float64(canvas.Max.Y+1)))))
	return r.Intersect(canvas)
}

// dist is the distance between two points (math.Hypot has an assembly
// version on amd64: its last bit may differ from other platforms').
func dist(a, b Point) float64 {
	dx, dy := a.X-b.X, a.Y-b.Y
	return math.Sqrt(float64(dx*dx) + float64(dy*dy))
}
