package decode

import (
	"math"
	"math/bits"
	"sort"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// Finder patterns under foreshortening. A finder pattern is a dark 7×7
// square ring around a dark 3×3 square with a light ring between (ISO/IEC
// 18004:2015 clause 6.3.3): every line through its centre crosses dark,
// light, dark, light, dark in the ratio 1:1:3:1:1. gozxing scans rows for
// that ratio and then wants the column through the centre to show it over
// about as many pixels; a code tilted steeply away from the camera is
// squeezed along the tilt, the column (or row) then spans half or a third
// of the other, and gozxing drops the far finders of the symbol.
//
// scanFinders keeps the ratio test on each axis and lets the two axes
// differ in scale up to maxAnisotropy; moduleAlong then measures each
// finder's module size along the line to another finder, which is what
// the dimension of a foreshortened symbol needs.

const (
	// maxAnisotropy bounds the ratio of a finder's extent along rows to
	// its extent along columns: a square seen 70° off its normal is
	// squeezed to about a third.
	maxAnisotropy = 3
	// runTolerance is how far each of the five runs may stray from its
	// share of the pattern's width, as a fraction of one module (ZXing's
	// is one half; foreshortening within the pattern needs a little
	// more).
	runTolerance = 0.7
	// maxSeenFinders bounds the centres kept, the most often
	// confirmed first: triples are formed from them in O(n³).
	maxSeenFinders = 12
)

// finderSeen is a finder pattern found by scanFinders: its centre, its
// module sizes along rows and columns, and how many rows confirmed it.
type finderSeen struct {
	x, y   float64
	mh, mv float64
	count  int
}

// ratioOK reports whether five runs show the 1:1:3:1:1 of a finder
// pattern; it returns the module size they imply.
func ratioOK(r [5]int) (float64, bool) {
	total := r[0] + r[1] + r[2] + r[3] + r[4]
	if total < finderSide {
		return 0, false
	}
	u := float64(total) / finderSide
	tol := runTolerance * u
	for _, i := range [4]int{0, 1, 3, 4} {
		if math.Abs(float64(r[i])-u) >= tol {
			return 0, false
		}
	}
	return u, math.Abs(float64(r[2])-3*u) < 3*tol
}

// scanFinders returns the finder patterns of m, dark on light, seen on
// every step-th row and confirmed by the column through their centre.
func scanFinders(m *gozxing.BitMatrix, step int) []finderSeen {
	w, h := m.GetWidth(), m.GetHeight()
	var row *gozxing.BitArray
	var found []finderSeen
	for y := 0; y < h; y += step {
		row = m.GetRow(y, row)
		words := row.GetBitArray()
		forEachRun5(words, w, func(r [5]int, end int) {
			mh, ok := ratioOK(r)
			if !ok {
				return
			}
			if c, ok := centreFrom(m, end-r[4]-r[3]-r[2]+r[2]/2, y, mh); ok {
				found = mergeSeen(found, c)
			}
		})
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].count > found[j].count })
	return found[:min(len(found), maxSeenFinders)]
}

// forEachRun5 calls f for every window of five runs of a row of w bits
// that starts with a dark run, with the position just past the window.
func forEachRun5(words []uint32, w int, f func(r [5]int, end int)) {
	var runs [5]int
	n := 0 // runs completed in the window
	x := 0
	for x < w {
		dark := words[x>>5]>>(x&31)&1 == 1
		end := runEnd(words, x, w, dark)
		if n < 5 {
			runs[n] = end - x
			n++
		} else {
			copy(runs[:], runs[1:])
			runs[4] = end - x
		}
		// The window starts dark when its last run is dark.
		if n == 5 && dark {
			f(runs, end)
		}
		x = end
	}
}

// runEnd returns the first position at or after x, before w, whose bit
// differs from dark (w if none).
func runEnd(words []uint32, x, w int, dark bool) int {
	for x < w {
		word := words[x>>5] >> (x & 31)
		if !dark {
			word = ^word
		}
		// Bits beyond the word's end are not part of this run's test.
		if z := bits.TrailingZeros32(^word); z < 32-(x&31) {
			return min(x+z, w)
		}
		x = (x | 31) + 1
	}
	return w
}

// centreFrom confirms a row pattern centred at (x, y) with module size mh
// and finds its centre: the column through x must show the ratio too (at
// up to maxAnisotropy times or a third of the row's scale), giving the
// centre's row; the row through that gives its column, and the column
// through that its row again, as a pattern seen off its centre line is
// re-centred on both axes; last, the diagonal through the centre must
// show the ratio as well.
func centreFrom(m *gozxing.BitMatrix, x, y int, mh float64) (finderSeen, bool) {
	reach := int(maxAnisotropy * finderSide * mh)
	all := ringReach{reach, reach, reach}
	cy, mv, ok := crossLine(m, x, y, columnReach(mh, reach), false)
	if !ok || mh > maxAnisotropy*mv || mv > maxAnisotropy*mh {
		return finderSeen{}, false
	}
	cx, mh2, ok := crossLine(m, x, int(cy), all, true)
	if !ok {
		return finderSeen{}, false
	}
	cy, mv, ok = crossLine(m, int(cx), int(cy), columnReach(mh2, reach), false)
	if !ok || mh2 > maxAnisotropy*mv || mv > maxAnisotropy*mh2 || !crossDiagonal(m, int(cx), int(cy), all) {
		return finderSeen{}, false
	}
	return finderSeen{x: cx, y: cy, mh: mh2, mv: mv, count: 1}, true
}

// ringReach bounds the runs walkRings follows each way from a centre:
// the centre run's half, the light ring and the dark ring, in pixels.
type ringReach [3]int

// columnReach is the ringReach of a column whose module size, to be kept,
// must be at most maxAnisotropy times the row's mh: ratioOK then accepts
// a ring shorter than (1+runTolerance) such modules and a centre run
// shorter than 3(1+runTolerance), so a run walked further cannot be kept.
// Stopping there spares the column walks through light background, which
// on a large photo without a code are most of the finder scan's cost.
func columnReach(mh float64, reach int) ringReach {
	u := maxAnisotropy * mh
	ring := min(reach, int((1+runTolerance)*u)+1)
	centre := min(reach, int(3*(1+runTolerance)*u)+1)
	return ringReach{centre, ring, ring}
}

// crossLine reads the line through (x, y), a dark pixel, along the row
// (horizontal) or the column: from it, the rest of the centre run, the
// light ring and the dark ring each way, each run within its reach. It
// returns the centre of the middle run along the line (in pixel
// coordinates: the middle of its first and last pixel plus a half) and
// the module size, if the runs show the 1:1:3:1:1 ratio.
func crossLine(m *gozxing.BitMatrix, x, y int, reach ringReach, horizontal bool) (float64, float64, bool) {
	dx, dy, pos := 0, 1, y
	if horizontal {
		dx, dy, pos = 1, 0, x
	}
	back, fwd, ok := walkRings(m, x, y, dx, dy, reach)
	if !ok {
		return 0, 0, false
	}
	r := [5]int{back[2], back[1], back[0] + fwd[0], fwd[1], fwd[2]}
	size, ok := ratioOK(r)
	start := pos - back[0] + 1
	return float64(start) + float64(r[2])/2, size, ok
}

// crossDiagonal checks the diagonal through (x, y) down and to the right:
// a finder pattern shows the 1:1:3:1:1 ratio there too, where bars,
// stripes and the strokes of text do not.
func crossDiagonal(m *gozxing.BitMatrix, x, y int, reach ringReach) bool {
	back, fwd, ok := walkRings(m, x, y, 1, 1, reach)
	if !ok {
		return false
	}
	_, ok = ratioOK([5]int{back[2], back[1], back[0] + fwd[0], fwd[1], fwd[2]})
	return ok
}

// walkRings walks from the dark pixel (x, y) in steps of (dx, dy) both
// ways through dark, light and dark, and returns the three run lengths
// each way (the centre run's shared pixel counted backwards), each within
// its reach.
func walkRings(m *gozxing.BitMatrix, x, y, dx, dy int, reach ringReach) (back, fwd [3]int, ok bool) {
	w, h := m.GetWidth(), m.GetHeight()
	if !m.Get(x, y) {
		return back, fwd, false
	}
	for _, dir := range [2]int{-1, 1} {
		runs := &back
		px, py := x, y
		if dir > 0 {
			runs, px, py = &fwd, x+dx, y+dy
		}
		for i, dark := 0, true; i < 3; i, dark = i+1, !dark {
			for px >= 0 && py >= 0 && px < w && py < h && m.Get(px, py) == dark && runs[i] <= reach[i] {
				runs[i]++
				px, py = px+dir*dx, py+dir*dy
			}
			if px < 0 || py < 0 || px >= w || py >= h || runs[i] > reach[i] {
				return back, fwd, false
			}
		}
	}
	return back, fwd, true
}

// mergeSeen adds c to the centres found, averaging it into one within a
// module and a half of it.
func mergeSeen(found []finderSeen, c finderSeen) []finderSeen {
	for i := range found {
		f := &found[i]
		reach := 1.5 * max(f.mh, f.mv, c.mh, c.mv)
		if math.Abs(f.x-c.x) <= reach && math.Abs(f.y-c.y) <= reach {
			n := float64(f.count)
			f.x = (f.x*n + c.x) / (n + 1)
			f.y = (f.y*n + c.y) / (n + 1)
			f.mh = (f.mh*n + c.mh) / (n + 1)
			f.mv = (f.mv*n + c.mv) / (n + 1)
			f.count++
			return found
		}
	}
	return append(found, c)
}

// patterns returns the centres as gozxing finder patterns, their module
// size the geometric mean of the two axes', for the loose triples.
func patterns(seen []finderSeen) []*detector.FinderPattern {
	out := make([]*detector.FinderPattern, len(seen))
	for i, f := range seen {
		out[i] = detector.NewFinderPattern(f.x, f.y, math.Sqrt(f.mh*f.mv), f.count)
	}
	return out
}

// moduleAlong measures the module size of the finder pattern centred at
// (x, y) along the line toward (tx, ty): from the centre, the line leaves
// the dark centre square, crosses the light ring and the dark ring, and
// the edge of the dark ring lies 3.5 modules out. It walks both ways and
// returns 7 modules' worth of distance over 7, or ok=false if the line
// does not show the pattern within reach pixels.
func moduleAlong(m *gozxing.BitMatrix, x, y, tx, ty, reach float64) (float64, bool) {
	dx, dy := tx-x, ty-y
	d := math.Hypot(dx, dy)
	if d == 0 {
		return 0, false
	}
	dx, dy = dx/d, dy/d
	out := 0.0
	for _, sign := range [2]float64{1, -1} {
		t, ok := ringEdge(m, x, y, sign*dx, sign*dy, reach)
		if !ok {
			return 0, false
		}
		out += t
	}
	return out / finderSide, true
}

// ringEdge walks from (x, y) in unit steps along (dx, dy) through dark,
// light and dark, and returns the distance to where the second dark run
// ends.
func ringEdge(m *gozxing.BitMatrix, x, y, dx, dy, reach float64) (float64, bool) {
	w, h := m.GetWidth(), m.GetHeight()
	want, changes := true, 0
	for t := 0.0; t <= reach; t += 0.5 {
		px, py := int(x+t*dx), int(y+t*dy)
		if px < 0 || py < 0 || px >= w || py >= h {
			return 0, false
		}
		if m.Get(px, py) != want {
			if changes++; changes == 3 {
				return t, true
			}
			want = !want
		}
	}
	return 0, false
}
