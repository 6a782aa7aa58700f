package decode

import (
	"math"

	"github.com/makiuchi-d/gozxing"
)

// The outline of a finder pattern. Micro QR and rMQR symbols have one
// finder pattern, so its four corners, rather than the centres of three,
// fix the symbol's position, rotation and first guess of perspective.
// finderQuad casts rays from the centre through the dark centre, the light
// ring and the dark ring to the outer edge of the 7×7 square, finds the
// four corners as the farthest points of that outline, fits a line to each
// side between them and intersects neighbouring sides.

// Rays cast per finder pattern, and the share of them that must reach the
// outer edge.
const (
	finderRays      = 64
	minRaysNum      = 3 // of every 4 rays
	minRaysDen      = 4
	cornerSpacing   = finderRays / 8 // rays between two corners at least
	cornerSkip      = 2              // rays next to a corner left out of a side's fit
	minSidePoints   = 3
	raySteps        = 4   // samples per module along a ray
	finderHalfWidth = 3.5 // modules from the centre to a side (§6.3.3)
	// maxRayReach is how far, in modules, a ray looks for the outer edge:
	// a corner lies 3.5·√2 ≈ 4.95 modules from the centre, more under a
	// strong tilt.
	maxRayReach = 7.5
)

// quad is four points, in order around a quadrilateral: clockwise as an
// image shows them (y grows downwards).
type quad [4][2]float64

// finderQuad returns the outer corners of the finder pattern around
// candidate c in m, clockwise as the image shows them, starting anywhere.
func finderQuad(m *gozxing.BitMatrix, c finderCandidate) (quad, bool) {
	var edge [finderRays][2]float64
	var dist [finderRays]float64
	valid := 0
	for k := range finderRays {
		a := 2 * math.Pi * float64(k) / finderRays
		dx, dy := math.Cos(a), math.Sin(a)
		r, ok := rayToEdge(m, c, dx, dy)
		if !ok {
			dist[k] = math.NaN()
			continue
		}
		edge[k] = [2]float64{c.x + r*dx, c.y + r*dy}
		dist[k] = r
		valid++
	}
	if valid*minRaysDen < finderRays*minRaysNum {
		return quad{}, false
	}
	corners, ok := farthestFour(&dist)
	if !ok {
		return quad{}, false
	}
	var lines [4][3]float64 // a·x + b·y = c, (a, b) a unit normal
	for i := range 4 {
		from, to := corners[i], corners[(i+1)%4]
		if to < from {
			to += finderRays
		}
		var pts [][2]float64
		for k := from + cornerSkip + 1; k < to-cornerSkip; k++ {
			if !math.IsNaN(dist[k%finderRays]) {
				pts = append(pts, edge[k%finderRays])
			}
		}
		if len(pts) < minSidePoints {
			return quad{}, false
		}
		lines[i] = fitLine(pts)
	}
	var q quad
	for i := range 4 {
		p, ok := intersect(lines[(i+3)%4], lines[i])
		if !ok || math.Hypot(p[0]-c.x, p[1]-c.y) > maxRayReach*c.module {
			return quad{}, false
		}
		q[i] = p
	}
	return q, true
}

// rayToEdge walks from c along (dx, dy) through the dark centre, the light
// ring and the dark ring, and returns the distance of the outer edge of
// the dark ring: midway between its last dark sample and the first light
// one after it.
func rayToEdge(m *gozxing.BitMatrix, c finderCandidate, dx, dy float64) (float64, bool) {
	step := c.module / raySteps
	reach := maxRayReach * c.module
	state := 0 // 0 centre, 1 light ring, 2 dark ring
	lastDark := 0.0
	for t := 0.0; t <= reach; t += step {
		dark := darkAt(m, c.x+t*dx, c.y+t*dy)
		switch {
		case state == 0 && !dark:
			state = 1
		case state == 1 && dark:
			state = 2
		case state == 2 && !dark:
			r := (lastDark + t) / 2
			// The outer edge lies between 3.5 modules (a side's middle)
			// and about 5 (a corner), give or take the tilt.
			return r, r >= 2*c.module
		}
		if dark {
			lastDark = t
		}
		if state == 0 && t > 2.5*c.module {
			return 0, false // the centre is not a 3×3 square
		}
	}
	return 0, false
}

// darkAt reports whether the pixel under (x, y) is dark; outside the
// matrix everything is light.
func darkAt(m *gozxing.BitMatrix, x, y float64) bool {
	ix, iy := int(math.Floor(x)), int(math.Floor(y))
	return ix >= 0 && iy >= 0 && ix < m.GetWidth() && iy < m.GetHeight() && m.Get(ix, iy)
}

// farthestFour returns the rays of the four corners: the local maxima of
// the distance to the outline, smoothed over three rays, the four largest
// at least cornerSpacing rays apart, in ray order.
func farthestFour(dist *[finderRays]float64) ([4]int, bool) {
	var smooth [finderRays]float64
	for k := range finderRays {
		s, n := 0.0, 0
		for d := -1; d <= 1; d++ {
			if v := dist[(k+d+finderRays)%finderRays]; !math.IsNaN(v) {
				s += v
				n++
			}
		}
		smooth[k] = math.NaN()
		if n > 0 {
			smooth[k] = s / float64(n)
		}
	}
	var picked [4]int
	count := 0
	for count < 4 {
		best := -1
		for k := range finderRays {
			if math.IsNaN(smooth[k]) || tooClose(k, picked[:count]) {
				continue
			}
			if best < 0 || smooth[k] > smooth[best] {
				best = k
			}
		}
		if best < 0 {
			return picked, false
		}
		picked[count] = best
		count++
	}
	sortInts4(&picked)
	return picked, true
}

// tooClose reports whether ray k is within cornerSpacing rays of one of
// picked, around the circle.
func tooClose(k int, picked []int) bool {
	for _, p := range picked {
		d := abs(k - p)
		if min(d, finderRays-d) < cornerSpacing {
			return true
		}
	}
	return false
}

func sortInts4(a *[4]int) {
	for i := 1; i < 4; i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// fitLine returns the line through pts that minimises the squared
// perpendicular distances: through their centroid, along the principal
// axis of their scatter. It returns (a, b, c) with a·x + b·y = c and (a,
// b) a unit normal.
func fitLine(pts [][2]float64) [3]float64 {
	var mx, my float64
	for _, p := range pts {
		mx += p[0]
		my += p[1]
	}
	n := float64(len(pts))
	mx /= n
	my /= n
	var sxx, sxy, syy float64
	for _, p := range pts {
		dx, dy := p[0]-mx, p[1]-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	// The principal direction's angle; the normal is perpendicular.
	theta := 0.5 * math.Atan2(2*sxy, sxx-syy)
	a, b := -math.Sin(theta), math.Cos(theta)
	return [3]float64{a, b, a*mx + b*my}
}

// minCornerSine bounds the sine of the angle between neighbouring sides of
// a finder outline: even a 60° tilt keeps them more than 25° apart.
const minCornerSine = 0.4

// intersect returns the crossing of two lines a·x + b·y = c, which must
// meet at an angle of more than asin(minCornerSine).
func intersect(l, k [3]float64) ([2]float64, bool) {
	det := l[0]*k[1] - l[1]*k[0] // the sine of the angle between the normals
	if math.Abs(det) < minCornerSine {
		return [2]float64{}, false
	}
	return [2]float64{(l[2]*k[1] - l[1]*k[2]) / det, (l[0]*k[2] - l[2]*k[0]) / det}, true
}
