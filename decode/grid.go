package decode

import (
	"math"
	"math/bits"
	"slices"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"

	"github.com/qrworks/qrworks/internal/qrspec"
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

const (
	// minPiecewiseVersion is the first version with more than one
	// alignment pattern (Annex E): below it the piecewise map has nothing
	// to add to gozxing's single transform.
	minPiecewiseVersion = 7
	// giveUpMisses and giveUpRatio end the first sweep early once it has
	// missed more than giveUpMisses patterns and more than giveUpRatio per
	// pattern found: most finder triples in a cluttered photo are spurious,
	// and a real symbol shows most of its patterns.
	giveUpMisses = 4
	giveUpRatio  = 2
	// minFoundNum/minFoundDen is the share of the alignment patterns that
	// must be located for the map to hold: predictions carried across
	// several missing patterns drift.
	minFoundNum, minFoundDen = 3, 4
)

// anchor is the image position of one alignment grid point.
type anchor struct {
	x, y  float64
	found bool // located in the image, not only predicted
}

// anchorGrid is the grid of alignment pattern positions of one symbol
// (ISO/IEC 18004:2015 Annex E) as sampleLocal locates them in m: k×k
// points, of which the three at the finder corners lie in the finder
// patterns' neighbourhood and hold no alignment pattern.
type anchorGrid struct {
	m       *gozxing.BitMatrix
	dim     int
	centres []int     // module row/column of each grid line (Annex E)
	k       int       // grid points per side
	t       transform // gozxing's single map of the whole symbol
	points  []anchor  // row-major
	// found counts the alignment patterns located, want those to locate.
	found, want int
}

// alignmentCentres returns the row and column coordinates of the
// alignment patterns of a symbol of dimension dim (ISO/IEC 18004:2015
// Annex E) and its version number; ok is false for a dimension no version
// has.
func alignmentCentres(dst *[7]int, dim int) (centres []int, version int, ok bool) {
	if !validDim(dim) {
		return nil, 0, false
	}
	version = versionOf(dim)
	return qrspec.QRAlignment(dst, version), version, true
}

// sampleLocal samples the symbol of dimension dim whose finder centres are
// tl, tr and bl (and bottom-right alignment pattern ap, or nil) from m
// through a piecewise-perspective map over all its alignment patterns. It
// returns false below minPiecewiseVersion and when too few patterns are
// found for the map to mean anything.
func sampleLocal(m *gozxing.BitMatrix, tl, tr, bl gozxing.ResultPoint, ap *detector.AlignmentPattern, dim int) (*gozxing.BitMatrix, bool) {
	var buf [7]int
	centres, version, ok := alignmentCentres(&buf, dim)
	if !ok || version < minPiecewiseVersion {
		return nil, false
	}
	t, ok := symbolTransform(tl, tr, bl, ap, dim)
	if !ok {
		return nil, false
	}
	k := len(centres)
	g := &anchorGrid{m: m, dim: dim, centres: centres, k: k, t: t, points: make([]anchor, k*k)}
	if !g.locateAnchors() {
		return nil, false
	}
	g.relocateMissing()
	g.refitFinderNeighbours(tl, tr, bl)
	if minFoundDen*g.found < minFoundNum*g.want {
		return nil, false
	}
	return g.sampleCells()
}

func (g *anchorGrid) at(i, j int) *anchor { return &g.points[j*g.k+i] }

// mc returns the module coordinate of grid line i: its modules' centre.
func (g *anchorGrid) mc(i int) float64 { return float64(g.centres[i]) + 0.5 }

// isFinder reports whether grid point (i, j) lies in a finder pattern.
func (g *anchorGrid) isFinder(i, j int) bool {
	last := g.k - 1
	return (i == 0 || i == last) && (j == 0 || j == last) && !(i == last && j == last)
}

// fit returns the affine map through the grid points beside (i, j) in the
// quadrant (di, dj), if the three are placed (and located, with located
// set).
func (g *anchorGrid) fit(i, j, di, dj int, located bool) (affine, bool) {
	if i+di < 0 || i+di >= g.k || j+dj < 0 || j+dj >= g.k {
		return affine{}, false
	}
	p, q, r := g.at(i+di, j), g.at(i, j+dj), g.at(i+di, j+dj)
	if located && !(p.found && q.found && r.found) {
		return affine{}, false
	}
	return affineFrom3(
		[3][2]float64{{g.mc(i + di), g.mc(j)}, {g.mc(i), g.mc(j + dj)}, {g.mc(i + di), g.mc(j + dj)}},
		[3][2]float64{{p.x, p.y}, {q.x, q.y}, {r.x, r.y}})
}

// locateAnchors is the first sweep, row by row: each alignment pattern is
// predicted from its neighbours above and to the left, which follows a
// bend, and searched for there. The finder grid points take the global
// transform, exact at the finder centres (refined by
// refitFinderNeighbours). It reports false when it gives up on a spurious
// triple.
func (g *anchorGrid) locateAnchors() bool {
	misses := 0
	for j := 0; j < g.k; j++ {
		for i := 0; i < g.k; i++ {
			a := g.at(i, j)
			if g.isFinder(i, j) {
				x, y := g.t.at(g.mc(i), g.mc(j))
				*a = anchor{x: x, y: y, found: true}
				continue
			}
			g.want++
			px, py, u, v := g.predictFirst(i, j)
			*a = anchor{x: px, y: py}
			if fx, fy, ok := locateAlignment(g.m, px, py, u, v); ok {
				*a = anchor{x: fx, y: fy, found: true}
				g.found++
			} else if misses++; misses > giveUpMisses && misses > giveUpRatio*g.found {
				return false
			}
		}
	}
	return true
}

// predictFirst predicts the position of grid point (i, j) in the first
// sweep, and the image vectors u and v of one module right and down there:
// through the three neighbours above and to the left; on the first row
// and column, from the global transform shifted as the previous neighbour
// is.
func (g *anchorGrid) predictFirst(i, j int) (px, py float64, u, v [2]float64) {
	mx, my := g.mc(i), g.mc(j)
	px, py = g.t.at(mx, my)
	x1, y1 := g.t.at(mx+1, my)
	x2, y2 := g.t.at(mx, my+1)
	u, v = [2]float64{x1 - px, y1 - py}, [2]float64{x2 - px, y2 - py}
	if f, ok := g.fit(i, j, -1, -1, false); ok && i > 0 && j > 0 {
		px, py = f.apply(mx, my)
		u, v = [2]float64{f.a, f.d}, [2]float64{f.b, f.e}
	} else if i > 0 {
		l := g.at(i-1, j)
		lx, ly := g.t.at(g.mc(i-1), my)
		px, py = px+l.x-lx, py+l.y-ly
	} else if j > 0 {
		o := g.at(i, j-1)
		ox, oy := g.t.at(mx, g.mc(j-1))
		px, py = px+o.x-ox, py+o.y-oy
	}
	return px, py, u, v
}

// relocateMissing runs the later sweeps: a pattern the first sweep missed
// is predicted again from located neighbours on any side (a bent edge row
// is better predicted from the rows below it), until nothing changes.
func (g *anchorGrid) relocateMissing() {
	for progress := true; progress && g.found < g.want; {
		progress = false
		for j := 0; j < g.k; j++ {
			for i := 0; i < g.k; i++ {
				a := g.at(i, j)
				if a.found {
					continue
				}
				px, py, u, v, ok := g.predictAround(i, j)
				if !ok {
					continue
				}
				if fx, fy, ok := locateAlignment(g.m, px, py, u, v); ok {
					*a = anchor{x: fx, y: fy, found: true}
					g.found++
					progress = true
				} else {
					a.x, a.y = px, py
				}
			}
		}
	}
}

// predictAround predicts grid point (i, j) as the mean of the affine maps
// through located neighbours in each quadrant, with the module vectors u
// and v; false if no quadrant has three located neighbours.
func (g *anchorGrid) predictAround(i, j int) (px, py float64, u, v [2]float64, ok bool) {
	var ux, uy, vx, vy, n float64
	for _, q := range [4][2]int{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}} {
		if f, ok := g.fit(i, j, q[0], q[1], true); ok {
			x, y := f.apply(g.mc(i), g.mc(j))
			px, py, ux, uy, vx, vy, n = px+x, py+y, ux+f.a, uy+f.d, vx+f.b, vy+f.e, n+1
		}
	}
	if n == 0 {
		return 0, 0, u, v, false
	}
	return px / n, py / n, [2]float64{ux / n, uy / n}, [2]float64{vx / n, vy / n}, true
}

// refitFinderNeighbours refits the grid points at the finder corners. They
// came from the global transform, which is exact at the finder centres but
// not three modules away on a bent sheet: each is refitted from its finder
// centre and the two nearest alignment patterns, three points that fix an
// affine map local enough to follow the bend.
func (g *anchorGrid) refitFinderNeighbours(tl, tr, bl gozxing.ResultPoint) {
	k := g.k
	near, far := finderCentre, float64(g.dim)-finderCentre
	for _, c := range [3]struct {
		i, j, ni, nj, mi, mj int // the point, and its two neighbours
		finder               gozxing.ResultPoint
		fx, fy               float64 // the finder centre in modules
	}{
		{0, 0, 1, 0, 0, 1, tl, near, near},
		{k - 1, 0, k - 2, 0, k - 1, 1, tr, far, near},
		{0, k - 1, 0, k - 2, 1, k - 1, bl, near, far},
	} {
		n, o := g.at(c.ni, c.nj), g.at(c.mi, c.mj)
		if !n.found || !o.found {
			continue
		}
		fit, ok := affineFrom3(
			[3][2]float64{{c.fx, c.fy}, {g.mc(c.ni), g.mc(c.nj)}, {g.mc(c.mi), g.mc(c.mj)}},
			[3][2]float64{{c.finder.GetX(), c.finder.GetY()}, {n.x, n.y}, {o.x, o.y}})
		if ok {
			x, y := fit.apply(g.mc(c.i), g.mc(c.j))
			*g.at(c.i, c.j) = anchor{x: x, y: y, found: true}
		}
	}
}

// sampleCells samples every module, each cell of the grid through the map
// fixed by its four corners; the outer cells reach to the symbol's edges.
// It reports false when a module falls outside m.
func (g *anchorGrid) sampleCells() (*gozxing.BitMatrix, bool) {
	bits, err := gozxing.NewSquareBitMatrix(g.dim)
	if err != nil {
		return nil, false
	}
	for cj := 0; cj+1 < g.k; cj++ {
		for ci := 0; ci+1 < g.k; ci++ {
			if !g.sampleCell(bits, ci, cj) {
				return nil, false
			}
		}
	}
	return bits, true
}

// sampleCell samples the modules of cell (ci, cj) into bits.
func (g *anchorGrid) sampleCell(bits *gozxing.BitMatrix, ci, cj int) bool {
	y0, y1 := g.centres[cj], g.centres[cj+1]
	if cj == 0 {
		y0 = 0
	}
	if cj+2 == g.k {
		y1 = g.dim
	}
	x0, x1 := g.centres[ci], g.centres[ci+1]
	if ci == 0 {
		x0 = 0
	}
	if ci+2 == g.k {
		x1 = g.dim
	}
	a, b, c, d := g.at(ci, cj), g.at(ci+1, cj), g.at(ci+1, cj+1), g.at(ci, cj+1)
	sx0, sy0 := g.mc(ci), g.mc(cj)
	sx, sy := g.mc(ci+1)-sx0, g.mc(cj+1)-sy0
	w, h := g.m.GetWidth(), g.m.GetHeight()
	// Bilinear between the four corners: on a bent sheet the cell edges
	// are not the images of straight lines through a common vanishing
	// point, and a perspective map through four such corners distorts the
	// cell's interior more than the bend itself does.
	for y := y0; y < y1; y++ {
		tv := (float64(y) + 0.5 - sy0) / sy
		for x := x0; x < x1; x++ {
			tu := (float64(x) + 0.5 - sx0) / sx
			px := (1-tu)*(1-tv)*a.x + tu*(1-tv)*b.x + tu*tv*c.x + (1-tu)*tv*d.x
			py := (1-tu)*(1-tv)*a.y + tu*(1-tv)*b.y + tu*tv*c.y + (1-tu)*tv*d.y
			ix, iy := int(math.Floor(px)), int(math.Floor(py))
			// A pixel of slack beyond the edges, clamped: rounding at a
			// code that touches the image border.
			if ix < -1 || iy < -1 || ix > w || iy > h {
				return false
			}
			ix, iy = min(max(ix, 0), w-1), min(max(iy, 0), h-1)
			if g.m.Get(ix, iy) {
				bits.Set(x, y)
			}
		}
	}
	return true
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
		// dimReach: blur or a bend can put the estimate off by several
		// versions; a third of it bounds the dimensions tried.
		dimReach = 3
		// maxVersionErrors: a block corrects three errors (clause 7.10,
		// Annex D).
		maxVersionErrors = 3
		firstDim         = 17 + 4*minVersionInfo
	)
	type match struct{ d, errs int }
	var found []match
	for k := 0; 4*k <= est/dimReach; k++ {
		for _, d := range [2]int{est + 4*k, est - 4*k} {
			if d < firstDim || d > maxDim || (k == 0 && d != est+4*k) {
				continue
			}
			if e := versionErrors(m, tl, tr, bl, d); e <= maxVersionErrors {
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

// versionErrors samples the two version information blocks of a symbol of
// dimension d (version 7 or more) with finder centres tl, tr and bl, and
// returns how many bits the better one differs from the word of d's
// version.
func versionErrors(m *gozxing.BitMatrix, tl, tr, bl gozxing.ResultPoint, d int) int {
	n := float64(d - finderSide) // modules between finder centres
	u := [2]float64{(tr.GetX() - tl.GetX()) / n, (tr.GetY() - tl.GetY()) / n}
	v := [2]float64{(bl.GetX() - tl.GetX()) / n, (bl.GetY() - tl.GetY()) / n}
	// Module (i, j) relative to a finder centre at (ci, cj).
	bit := func(o gozxing.ResultPoint, ci, cj float64, i, j int) uint {
		fx, fy := float64(i)+0.5-ci, float64(j)+0.5-cj
		x := o.GetX() + fx*u[0] + fy*v[0]
		y := o.GetY() + fx*u[1] + fy*v[1]
		if m.Get(int(math.Floor(x)), int(math.Floor(y))) {
			return 1
		}
		return 0
	}
	near, far := finderCentre, float64(d)-finderCentre
	// The blocks lie in columns (rows) d-11 … d-9 and rows (columns) 0 … 5,
	// read in the decoder's order (clause 7.10, Figure 27).
	var tr6, bl6 uint
	for j := 5; j >= 0; j-- {
		for i := d - 9; i >= d-11; i-- {
			tr6 = tr6<<1 | bit(tr, far, near, i, j)
		}
	}
	for i := 5; i >= 0; i-- {
		for j := d - 9; j >= d-11; j-- {
			bl6 = bl6<<1 | bit(bl, near, far, i, j)
		}
	}
	want := uint(qrspec.QRVersionInfo(versionOf(d)))
	return min(bits.OnesCount(tr6^want), bits.OnesCount(bl6^want))
}
