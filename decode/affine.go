package decode

import "math"

// affine maps plane coordinates back to image coordinates:
// x' = a*x + b*y + c, y' = d*x + e*y + f. Every plane the search reads (a
// reduced, enlarged, padded or turned copy of the image) carries the map
// back to the image, so that results report image coordinates.
type affine struct{ a, b, c, d, e, f float64 }

var identity = affine{a: 1, e: 1}

func (t affine) apply(x, y float64) (float64, float64) {
	return t.a*x + t.b*y + t.c, t.d*x + t.e*y + t.f
}

// then returns the map that applies t and then u.
func (t affine) then(u affine) affine {
	return affine{
		a: u.a*t.a + u.b*t.d, b: u.a*t.b + u.b*t.e, c: u.a*t.c + u.b*t.f + u.c,
		d: u.d*t.a + u.e*t.d, e: u.d*t.b + u.e*t.e, f: u.d*t.c + u.e*t.f + u.f,
	}
}

// collinearDet is the determinant below which three points count as
// collinear: far below any triangle of grid points a module or more apart.
const collinearDet = 1e-9

// affineFrom3 returns the affine map taking the three points src to dst, or
// false if src are collinear.
func affineFrom3(src, dst [3][2]float64) (affine, bool) {
	// Solve in coordinates relative to the first point.
	ax, ay := src[1][0]-src[0][0], src[1][1]-src[0][1]
	bx, by := src[2][0]-src[0][0], src[2][1]-src[0][1]
	det := ax*by - ay*bx
	if math.Abs(det) < collinearDet {
		return affine{}, false
	}
	var t affine
	for row := 0; row < 2; row++ {
		da, db := dst[1][row]-dst[0][row], dst[2][row]-dst[0][row]
		// Coefficients p, q with p*ax + q*ay = da and p*bx + q*by = db.
		p := (da*by - db*ay) / det
		q := (ax*db - bx*da) / det
		r := dst[0][row] - p*src[0][0] - q*src[0][1]
		if row == 0 {
			t.a, t.b, t.c = p, q, r
		} else {
			t.d, t.e, t.f = p, q, r
		}
	}
	return t, true
}
