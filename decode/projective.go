package decode

import "math"

// projective is a plane projective map (a homography), from module
// coordinates of a symbol to the pixels of a matrix: a 3×3 matrix, row
// major, applied to (x, y, 1) and divided by the third coordinate. A flat
// symbol seen by a pinhole camera is exactly such a map.
type projective [9]float64

// at maps (x, y). Points on the map's line at infinity go to NaN.
func (p *projective) at(x, y float64) (float64, float64) {
	w := p[6]*x + p[7]*y + p[8]
	if w == 0 {
		return math.NaN(), math.NaN()
	}
	return (p[0]*x + p[1]*y + p[2]) / w, (p[3]*x + p[4]*y + p[5]) / w
}

// mul returns the map that applies q, then p.
func (p *projective) mul(q *projective) projective {
	var r projective
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				r[3*i+j] += p[3*i+k] * q[3*k+j]
			}
		}
	}
	return r
}

// correspondence pairs a point in module coordinates with its pixel.
type correspondence struct{ mx, my, px, py float64 }

// minCorrespondences is how many pairs a projective map needs: its eight
// degrees of freedom take two equations each.
const minCorrespondences = 4

// fitProjective returns the projective map that best takes the module
// points of cs to their pixels, in the least-squares sense of the direct
// linear transform (each pair gives two equations linear in the map's
// eight free entries, the ninth fixed to 1), after moving both point sets
// to the origin and scaling them to unit spread, which keeps the normal
// equations well conditioned. With four pairs in general position the fit
// is exact. It reports false for fewer pairs or a degenerate set.
func fitProjective(cs []correspondence) (projective, bool) {
	if len(cs) < minCorrespondences {
		return projective{}, false
	}
	src, _ := normalising(cs, func(c correspondence) (float64, float64) { return c.mx, c.my })
	dst, dstInv := normalising(cs, func(c correspondence) (float64, float64) { return c.px, c.py })
	var ata [8][9]float64 // normal equations, augmented with the right side
	for _, c := range cs {
		x, y := src.at(c.mx, c.my)
		u, v := dst.at(c.px, c.py)
		rows := [2][9]float64{
			{x, y, 1, 0, 0, 0, -x * u, -y * u, u},
			{0, 0, 0, x, y, 1, -x * v, -y * v, v},
		}
		for _, r := range rows {
			for i := range 8 {
				for j := range 9 {
					ata[i][j] += r[i] * r[j]
				}
			}
		}
	}
	h, ok := solve8(&ata)
	if !ok {
		return projective{}, false
	}
	fit := projective{h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1}
	tmp := fit.mul(&src)
	return dstInv.mul(&tmp), true
}

// normalising returns the similarity that moves the points get(c) of cs to
// their centroid and scales their mean distance from it to √2, and its
// inverse.
func normalising(cs []correspondence, get func(correspondence) (float64, float64)) (n, inv projective) {
	var cx, cy float64
	for _, c := range cs {
		x, y := get(c)
		cx += x
		cy += y
	}
	cx /= float64(len(cs))
	cy /= float64(len(cs))
	var d float64
	for _, c := range cs {
		x, y := get(c)
		d += math.Hypot(x-cx, y-cy)
	}
	d /= float64(len(cs))
	s := 1.0
	if d > 0 {
		s = math.Sqrt2 / d
	}
	n = projective{s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1}
	inv = projective{1 / s, 0, cx, 0, 1 / s, cy, 0, 0, 1}
	return n, inv
}

// singular is the pivot below which solve8 calls the system singular:
// the normalised equations have entries of order one.
const singular = 1e-12

// solve8 solves the 8×8 system a (augmented with its right side in column
// 8) by Gaussian elimination with partial pivoting.
func solve8(a *[8][9]float64) ([8]float64, bool) {
	var x [8]float64
	for col := range 8 {
		pivot := col
		for r := col + 1; r < 8; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[pivot][col]) {
				pivot = r
			}
		}
		if math.Abs(a[pivot][col]) < singular {
			return x, false
		}
		a[col], a[pivot] = a[pivot], a[col]
		for r := col + 1; r < 8; r++ {
			f := a[r][col] / a[col][col]
			for c := col; c < 9; c++ {
				a[r][c] -= f * a[col][c]
			}
		}
	}
	for r := 7; r >= 0; r-- {
		s := a[r][8]
		for c := r + 1; c < 8; c++ {
			s -= a[r][c] * x[c]
		}
		x[r] = s / a[r][r]
	}
	return x, true
}
