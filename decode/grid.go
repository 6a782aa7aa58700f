package decode

import (
	"math"
	"slices"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// Piecewise grid sampling. gozxing samples a whole symbol through one
// perspective transform fixed by the three finder centres and at most one
// alignment pattern. That is exact for a flat symbol seen by a pinhole
// camera; a large symbol printed on curved or wavy paper, or seen through a
// lens that bends lines, drifts away from any single transform by several
// modules in its middle, and is misread although every module is visible.
//
// From version 7 on, a symbol carries a grid of alignment patterns every 16
// to 28 modules (ISO/IEC 18004:2015 clause 6.3.6, Annex E). sampleLocal
// locates every one of them, each predicted from neighbours already located
// so that the prediction follows the bend, and samples each cell of that
// grid through its own transform fixed by the cell's four corners: a
// piecewise-perspective map that follows a smooth bend as far as a cell is
// nearly flat.

const (
	// alignReach is how far, in modules, an alignment pattern is searched
	// for around its prediction.
	alignReach = 3
	// alignStep is the search step, in modules.
	alignStep = 0.25
	// alignMinScore is how many of the 25 modules of an alignment pattern
	// (5×5: dark ring, light ring, dark centre; clause 6.3.6) must match for
	// a position to count as found: a data region matches about half.
	alignMinScore = 22
	// maxVersionDims bounds the dimensions tried for one finder triple.
	maxVersionDims = 3
)

// alignModel is the 5×5 alignment pattern, true for dark (clause 6.3.6).
var alignModel = func() (m [5][5]bool) {
	for y := -2; y <= 2; y++ {
		for x := -2; x <= 2; x++ {
			r := max(abs(x), abs(y))
			m[y+2][x+2] = r != 1
		}
	}
	return m
}()

// anchor is the image position of one alignment grid point.
type anchor struct {
	x, y  float64
	found bool // located in the image, not only predicted
}

// sampleLocal samples the symbol of dimension dim whose finder centres are
// tl, tr and bl (and bottom-right alignment pattern ap, or nil) from m
// through a piecewise-perspective map over all its alignment patterns. It
// returns false for versions below 7 (one alignment pattern: nothing to gain
// over gozxing's own sampling) and when too few patterns are found for the
// map to mean anything.
func sampleLocal(m *gozxing.BitMatrix, tl, tr, bl gozxing.ResultPoint, ap *detector.AlignmentPattern, dim int) (*gozxing.BitMatrix, bool) {
	ver, err := decoder.Version_GetProvisionalVersionForDimension(dim)
	if err != nil || ver.GetVersionNumber() < 7 {
		return nil, false
	}
	centres := ver.GetAlignmentPatternCenters()
	k := len(centres)
	t := detector.Detector_createTransform(tl, tr, bl, ap, dim)
	grid := make([]anchor, k*k)
	at := func(i, j int) *anchor { return &grid[j*k+i] }
	mc := func(i int) float64 { return float64(centres[i]) + 0.5 } // module coordinate of grid line i
	isFinder := func(i, j int) bool { return (i == 0 || i == k-1) && (j == 0 || j == k-1) && !(i == k-1 && j == k-1) }
	// fit returns the affine map through the grid points beside (i, j) in
	// the quadrant (di, dj), if the three are placed (and located, with
	// located set).
	fit := func(i, j, di, dj int, located bool) (affine, bool) {
		if i+di < 0 || i+di >= k || j+dj < 0 || j+dj >= k {
			return affine{}, false
		}
		p, q, r := at(i+di, j), at(i, j+dj), at(i+di, j+dj)
		if located && !(p.found && q.found && r.found) {
			return affine{}, false
		}
		return affineFrom3(
			[3][2]float64{{mc(i + di), mc(j)}, {mc(i), mc(j + dj)}, {mc(i + di), mc(j + dj)}},
			[3][2]float64{{p.x, p.y}, {q.x, q.y}, {r.x, r.y}})
	}
	// First sweep, row by row: each pattern predicted from the three
	// neighbours above and to the left, which follows a bend; on the first
	// row and column, from the global transform shifted as the previous
	// neighbour is.
	found, want, misses := 0, 0, 0
	for j := 0; j < k; j++ {
		for i := 0; i < k; i++ {
			mx, my := mc(i), mc(j)
			px, py := transform(t, mx, my)
			a := at(i, j)
			if isFinder(i, j) {
				// A finder pattern sits there: no alignment pattern, and
				// the global transform is exact three modules away (refined
				// below).
				*a = anchor{x: px, y: py, found: true}
				continue
			}
			want++
			x1, y1 := transform(t, mx+1, my)
			x2, y2 := transform(t, mx, my+1)
			u, v := [2]float64{x1 - px, y1 - py}, [2]float64{x2 - px, y2 - py}
			if f, ok := fit(i, j, -1, -1, false); ok && i > 0 && j > 0 {
				px, py = f.apply(mx, my)
				u, v = [2]float64{f.a, f.d}, [2]float64{f.b, f.e}
			} else if i > 0 {
				l := at(i-1, j)
				lx, ly := transform(t, mc(i-1), my)
				px, py = px+l.x-lx, py+l.y-ly
			} else if j > 0 {
				o := at(i, j-1)
				ox, oy := transform(t, mx, mc(j-1))
				px, py = px+o.x-ox, py+o.y-oy
			}
			*a = anchor{x: px, y: py}
			if fx, fy, ok := locateAlignment(m, px, py, u, v); ok {
				*a = anchor{x: fx, y: fy, found: true}
				found++
			} else if misses++; misses > 4 && misses > 2*found {
				// Most finder triples in a cluttered photo are
				// spurious: give up on them early.
				return nil, false
			}
		}
	}
	// Later sweeps: a pattern the first sweep missed is predicted again
	// from located neighbours on any side (a bent edge row is better
	// predicted from the rows below it), until nothing changes.
	for progress := true; progress && found < want; {
		progress = false
		for j := 0; j < k; j++ {
			for i := 0; i < k; i++ {
				a := at(i, j)
				if a.found {
					continue
				}
				var px, py, ux, uy, vx, vy, n float64
				for _, q := range [4][2]int{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}} {
					if f, ok := fit(i, j, q[0], q[1], true); ok {
						x, y := f.apply(mc(i), mc(j))
						px, py, ux, uy, vx, vy, n = px+x, py+y, ux+f.a, uy+f.d, vx+f.b, vy+f.e, n+1
					}
				}
				if n == 0 {
					continue
				}
				px, py = px/n, py/n
				if fx, fy, ok := locateAlignment(m, px, py, [2]float64{ux / n, uy / n}, [2]float64{vx / n, vy / n}); ok {
					*a = anchor{x: fx, y: fy, found: true}
					found++
					progress = true
				} else {
					a.x, a.y = px, py
				}
			}
		}
	}
	// Predictions carried across several missing patterns drift: require
	// most of them found.
	// The grid points beside the finders came from the global transform,
	// which is exact at the finder centres but not three modules away on a
	// bent sheet. Refit each from its finder centre and the two nearest
	// alignment patterns: three points fix an affine map, local enough to
	// follow the bend.
	last := float64(dim) - 3.5
	for _, c := range [3]struct {
		i, j, ni, nj, mi, mj int
		finder               gozxing.ResultPoint
		fx, fy               float64
	}{
		{0, 0, 1, 0, 0, 1, tl, 3.5, 3.5},
		{k - 1, 0, k - 2, 0, k - 1, 1, tr, last, 3.5},
		{0, k - 1, 0, k - 2, 1, k - 1, bl, 3.5, last},
	} {
		n, o := at(c.ni, c.nj), at(c.mi, c.mj)
		if !n.found || !o.found {
			continue
		}
		fit, ok := affineFrom3(
			[3][2]float64{{c.fx, c.fy}, {float64(centres[c.ni]) + 0.5, float64(centres[c.nj]) + 0.5}, {float64(centres[c.mi]) + 0.5, float64(centres[c.mj]) + 0.5}},
			[3][2]float64{{c.finder.GetX(), c.finder.GetY()}, {n.x, n.y}, {o.x, o.y}})
		if ok {
			x, y := fit.apply(float64(centres[c.i])+0.5, float64(centres[c.j])+0.5)
			*at(c.i, c.j) = anchor{x: x, y: y, found: true}
		}
	}
	if 4*found < 3*want {
		return nil, false
	}
	bits, err := gozxing.NewSquareBitMatrix(dim)
	if err != nil {
		return nil, false
	}
	for cj := 0; cj+1 < k; cj++ {
		y0, y1 := centres[cj], centres[cj+1]
		if cj == 0 {
			y0 = 0
		}
		if cj+2 == k {
			y1 = dim
		}
		for ci := 0; ci+1 < k; ci++ {
			x0, x1 := centres[ci], centres[ci+1]
			if ci == 0 {
				x0 = 0
			}
			if ci+2 == k {
				x1 = dim
			}
			a, b, c, d := at(ci, cj), at(ci+1, cj), at(ci+1, cj+1), at(ci, cj+1)
			sx0, sy0 := float64(centres[ci])+0.5, float64(centres[cj])+0.5
			sx1, sy1 := float64(centres[ci+1])+0.5, float64(centres[cj+1])+0.5
			// Bilinear between the four corners: on a bent sheet the
			// cell edges are not the images of straight lines through a
			// common vanishing point, and a perspective map through four
			// such corners distorts the cell's interior more than the
			// bend itself does.
			sx, sy := sx1-sx0, sy1-sy0
			for y := y0; y < y1; y++ {
				tv := (float64(y) + 0.5 - sy0) / sy
				for x := x0; x < x1; x++ {
					tu := (float64(x) + 0.5 - sx0) / sx
					px := (1-tu)*(1-tv)*a.x + tu*(1-tv)*b.x + tu*tv*c.x + (1-tu)*tv*d.x
					py := (1-tu)*(1-tv)*a.y + tu*(1-tv)*b.y + tu*tv*c.y + (1-tu)*tv*d.y
					ix, iy := int(math.Floor(px)), int(math.Floor(py))
					if ix < -1 || iy < -1 || ix > m.GetWidth() || iy > m.GetHeight() {
						return nil, false
					}
					ix, iy = min(max(ix, 0), m.GetWidth()-1), min(max(iy, 0), m.GetHeight()-1)
					if m.Get(ix, iy) {
						bits.Set(x, y)
					}
				}
			}
		}
	}
	return bits, true
}

// transform maps one point through t.
func transform(t *common.PerspectiveTransform, x, y float64) (float64, float64) {
	p := [2]float64{x, y}
	t.TransformPoints(p[:])
	return p[0], p[1]
}

// locateAlignment searches for an alignment pattern around (px, py), with
// u and v the image vectors of one module right and one module down. It
// tries centres on a grid of alignStep modules within alignReach, scores
// each by the modules of the 5×5 pattern it matches, and returns the mean
// of the best-scoring centres (a plateau of equal scores spans the
// pattern's quantization slack), if the best score is alignMinScore or more.
func locateAlignment(m *gozxing.BitMatrix, px, py float64, u, v [2]float64) (float64, float64, bool) {
	best, n := -1, 0
	var sx, sy float64
	steps := int(alignReach / alignStep)
	for dj := -steps; dj <= steps; dj++ {
		for di := -steps; di <= steps; di++ {
			fi, fj := float64(di)*alignStep, float64(dj)*alignStep
			cx := px + fi*u[0] + fj*v[0]
			cy := py + fi*u[1] + fj*v[1]
			// Count mismatches and give up on a position as soon as it
			// cannot reach alignMinScore: most positions fail within a
			// few samples.
			miss := 0
			for q := 0; q < 25 && miss <= 25-alignMinScore; q++ {
				x, y := q%5-2, q/5-2
				qx := cx + float64(x)*u[0] + float64(y)*v[0]
				qy := cy + float64(x)*u[1] + float64(y)*v[1]
				if m.Get(int(math.Floor(qx)), int(math.Floor(qy))) != alignModel[y+2][x+2] {
					miss++
				}
			}
			score := 25 - miss
			if score < alignMinScore {
				continue
			}
			switch {
			case score > best:
				best, n, sx, sy = score, 1, cx, cy
			case score == best:
				n++
				sx += cx
				sy += cy
			}
		}
	}
	if best < alignMinScore {
		return 0, 0, false
	}
	return sx / float64(n), sy / float64(n), true
}

// addLocal samples the symbol of dimension dim found at points (bottom-left,
// top-left, top-right finder centres, then the bottom-right alignment
// pattern if any) piecewise and keeps it if it decodes. The reading must
// clear the fallback chance bound: a second sampling is a second chance
// for garbage to pass.
func (s *search) addLocal(m *gozxing.BitMatrix, points []gozxing.ResultPoint, dim int, toImage affine) bool {
	if len(points) < 3 {
		return false
	}
	bl, tl, tr := points[0], points[1], points[2]
	var ap *detector.AlignmentPattern
	if len(points) > 3 {
		ap, _ = points[3].(*detector.AlignmentPattern)
	}
	// Under blur or a bend the finders' module size, and so gozxing's
	// dimension, can be off by several versions: try the dimensions the
	// version information read from the symbol names first, then
	// gozxing's. The alignment pattern gozxing found where its dimension
	// predicted it is dropped for the others.
	dims := versionDims(m, tl, tr, bl, dim)
	if !slices.Contains(dims, dim) {
		dims = append(dims, dim)
	}
	for _, d := range dims {
		a := ap
		if d != dim {
			a = nil
		}
		if bits, ok := sampleLocal(m, tl, tr, bl, a, d); ok && s.addBits(bits, points, toImage, fallbackMaxChanceLog10) {
			return true
		}
	}
	return false
}

// versionDims reads the dimension of the symbol whose finder centres are
// tl, tr and bl from its version information (ISO/IEC 18004:2015 clause
// 7.10: two 6×3 blocks beside the top-right and bottom-left finders,
// present from version 7 on, each a BCH(18,6) code word). It tries
// dimensions around the estimate est, nearest first, and returns up to
// maxVersionDims whose own version information names them, the cleanest
// readings first: the module vectors depend on the dimension, so a wrong
// one samples the blocks at the wrong places, though not always far enough
// from the right places to read nothing valid (and random bits lie within
// three errors of a given version's word about once in 270); the decoding
// decides between them.
func versionDims(m *gozxing.BitMatrix, tl, tr, bl gozxing.ResultPoint, est int) []int {
	const (
		minDim = 45  // version 7, the first with version information
		maxDim = 177 // version 40, the largest (17 + 4·40)
	)
	type match struct{ d, errs int }
	var found []match
	reach := est / 3
	for k := 0; 4*k <= reach; k++ {
		for _, d := range [2]int{est + 4*k, est - 4*k} {
			if d < minDim || d > maxDim || (k == 0 && d != est+4*k) {
				continue
			}
			n := float64(d - 7) // modules between finder centres
			u := [2]float64{(tr.GetX() - tl.GetX()) / n, (tr.GetY() - tl.GetY()) / n}
			v := [2]float64{(bl.GetX() - tl.GetX()) / n, (bl.GetY() - tl.GetY()) / n}
			// Module (i, j) relative to a finder centre at (ci, cj).
			bit := func(o gozxing.ResultPoint, ci, cj float64, i, j int) int {
				fx, fy := float64(i)+0.5-ci, float64(j)+0.5-cj
				x := o.GetX() + fx*u[0] + fy*v[0]
				y := o.GetY() + fx*u[1] + fy*v[1]
				if m.Get(int(math.Floor(x)), int(math.Floor(y))) {
					return 1
				}
				return 0
			}
			far := float64(d) - 3.5
			// The same reading orders as the decoder's (clause 7.10, Figure 27).
			tr6, bl6 := 0, 0
			for j := 5; j >= 0; j-- {
				for i := d - 9; i >= d-11; i-- {
					tr6 = tr6<<1 | bit(tr, far, 3.5, i, j)
				}
			}
			for i := 5; i >= 0; i-- {
				for j := d - 9; j >= d-11; j-- {
					bl6 = bl6<<1 | bit(bl, 3.5, far, i, j)
				}
			}
			// A block corrects three errors (clause 7.10, Annex D).
			want := uint(decoder.VERSION_DECODE_INFO[(d-17)/4-7])
			e := min(decoder.FormatInformation_NumBitsDiffering(uint(tr6), want),
				decoder.FormatInformation_NumBitsDiffering(uint(bl6), want))
			if e <= 3 {
				found = append(found, match{d, e})
			}
		}
	}
	// The cleanest readings first, the nearest among equals.
	slices.SortStableFunc(found, func(a, b match) int { return a.errs - b.errs })
	var out []int
	for _, f := range found[:min(len(found), maxVersionDims)] {
		out = append(out, f.d)
	}
	return out
}

// affineFrom3 returns the affine map taking the three points src to dst, or
// false if src are collinear.
func affineFrom3(src, dst [3][2]float64) (affine, bool) {
	// Solve in coordinates relative to the first point.
	ax, ay := src[1][0]-src[0][0], src[1][1]-src[0][1]
	bx, by := src[2][0]-src[0][0], src[2][1]-src[0][1]
	det := ax*by - ay*bx
	if math.Abs(det) < 1e-9 {
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
