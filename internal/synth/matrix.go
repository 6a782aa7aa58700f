package synth

import "math"

// Small linear algebra for the placements: 3×3 matrices row-major, and the
// homography through four point pairs. Products feeding sums are rounded
// explicitly (see geometry.go).

func mul3(a, b [9]float64) [9]float64 {
	var c [9]float64
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			c[3*i+j] = float64(a[3*i]*b[j]) + float64(a[3*i+1]*b[3+j]) + float64(a[3*i+2]*b[6+j])
		}
	}
	return c
}

// mul3v returns a·v.
func mul3v(a [9]float64, v [3]float64) [3]float64 {
	return [3]float64{
		float64(a[0]*v[0]) + float64(a[1]*v[1]) + float64(a[2]*v[2]),
		float64(a[3]*v[0]) + float64(a[4]*v[1]) + float64(a[5]*v[2]),
		float64(a[6]*v[0]) + float64(a[7]*v[1]) + float64(a[8]*v[2]),
	}
}

// mulT3 returns aᵀ·v (the inverse of a rotation).
func mulT3(a [9]float64, v [3]float64) [3]float64 {
	return [3]float64{
		float64(a[0]*v[0]) + float64(a[3]*v[1]) + float64(a[6]*v[2]),
		float64(a[1]*v[0]) + float64(a[4]*v[1]) + float64(a[7]*v[2]),
		float64(a[2]*v[0]) + float64(a[5]*v[1]) + float64(a[8]*v[2]),
	}
}

// project applies the homography h to (x, y); ok is false for points on or
// beyond its horizon.
func project(h [9]float64, x, y float64) (u, v float64, ok bool) {
	w := float64(h[6]*x) + float64(h[7]*y) + h[8]
	if w <= 0 {
		return 0, 0, false
	}
	u = (float64(h[0]*x) + float64(h[1]*y) + h[2]) / w
	v = (float64(h[3]*x) + float64(h[4]*y) + h[5]) / w
	return u, v, true
}

// homography returns the projective map taking from[i] to to[i], scaled so
// that points inside the quadrilateral have a positive third coordinate;
// ok is false when three of the points are collinear.
func homography(from, to [4]Point) ([9]float64, bool) {
	// Solve the 8×8 system for h0…h7 with h8 = 1, by Gaussian elimination
	// with partial pivoting.
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y, u, v := from[i].X, from[i].Y, to[i].X, to[i].Y
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := 0; c < 8; c++ {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return [9]float64{}, false
		}
		a[c], a[p] = a[p], a[c]
		for r := 0; r < 8; r++ {
			if r == c {
				continue
			}
			f := a[r][c] / a[c][c]
			for k := c; k < 9; k++ {
				a[r][k] -= float64(f * a[c][k])
			}
		}
	}
	var h [9]float64
	for i := 0; i < 8; i++ {
		h[i] = a[i][8] / a[i][i]
	}
	h[8] = 1
	// The centre of from must map with a positive w: flip the sign if not.
	cx := (from[0].X + from[1].X + from[2].X + from[3].X) / 4
	cy := (from[0].Y + from[1].Y + from[2].Y + from[3].Y) / 4
	if float64(h[6]*cx)+float64(h[7]*cy)+h[8] < 0 {
		for i := range h {
			h[i] = -h[i]
		}
	}
	return h, true
}

// invert3 returns the inverse of a (by its adjugate), scaled so that a
// point with a positive third coordinate under a keeps one under the
// inverse; ok is false when a is singular.
func invert3(a [9]float64) ([9]float64, bool) {
	c := [9]float64{
		float64(a[4]*a[8]) - float64(a[5]*a[7]), float64(a[2]*a[7]) - float64(a[1]*a[8]), float64(a[1]*a[5]) - float64(a[2]*a[4]),
		float64(a[5]*a[6]) - float64(a[3]*a[8]), float64(a[0]*a[8]) - float64(a[2]*a[6]), float64(a[2]*a[3]) - float64(a[0]*a[5]),
		float64(a[3]*a[7]) - float64(a[4]*a[6]), float64(a[1]*a[6]) - float64(a[0]*a[7]), float64(a[0]*a[4]) - float64(a[1]*a[3]),
	}
	det := float64(a[0]*c[0]) + float64(a[1]*c[3]) + float64(a[2]*c[6])
	if math.Abs(det) < 1e-300 {
		return c, false
	}
	for i := range c {
		c[i] /= det
	}
	return c, true
}
