package decode

import (
	"math"

	"github.com/makiuchi-d/gozxing"
)

// Locating a Micro QR or rMQR symbol module by module. The finder pattern's
// four corners give a first projective map from module coordinates to the
// matrix; it holds near the finder and drifts with distance under
// perspective and blur. locator walks outwards along the timing patterns
// (and, in rMQR, to the alignment and sub-finder patterns), locating each
// anchor by matching the function modules around it (a template, with the
// quiet zone beyond the symbol's edge as light modules) at small offsets
// from its prediction, and refits the map to every anchor found so far, so
// that each prediction is a short step from the last fit.

const (
	// anchorStep is the search step for an anchor, in modules.
	anchorStep = 0.25
	// anchorReach is how far an anchor is searched from its prediction, in
	// modules: less than one module, since a timing pattern repeats every
	// two and a larger reach could lock onto the next period.
	anchorReach = 0.75
	// anchorWindow is the half-width, in modules, of an anchor's template.
	anchorWindow = 2
	// minTemplateNum/minTemplateDen is the share of a template's modules
	// that must match for an anchor to count as found: a data region or
	// clutter matches about half.
	minTemplateNum, minTemplateDen = 7, 8
	// minTemplateCells is the fewest known modules a template needs.
	minTemplateCells = 6
)

// locator fits the projective map of one symbol of a given layout in m.
type locator struct {
	m      *gozxing.BitMatrix
	l      *smallLayout
	pts    []correspondence
	h      projective
	missed int // anchors not found
	found  int
}

// newLocator starts from the finder pattern's corners: module (0, 0), (7,
// 0), (7, 7), (0, 7) at q[0..3].
func newLocator(m *gozxing.BitMatrix, l *smallLayout, h projective, q quad) *locator {
	loc := &locator{m: m, l: l, h: h}
	for i, c := range [4][2]float64{{0, 0}, {finderSide, 0}, {finderSide, finderSide}, {0, finderSide}} {
		loc.pts = append(loc.pts, correspondence{c[0], c[1], q[i][0], q[i][1]})
	}
	return loc
}

// dark samples module (x, y) of the symbol through the current map.
func (loc *locator) dark(x, y float64) bool {
	px, py := loc.h.at(x, y)
	return darkAt(loc.m, px, py)
}

// anchor locates the module centred on (x+0.5, y+0.5) by the known modules
// within anchorWindow of it, adds it to the correspondences and refits the
// map. It reports whether the anchor was found.
func (loc *locator) anchor(x, y int) bool {
	type cell struct {
		px, py float64 // predicted pixel
		dark   bool
	}
	var cells [(2*anchorWindow + 1) * (2*anchorWindow + 1)]cell
	n := 0
	darks := 0
	for dy := -anchorWindow; dy <= anchorWindow; dy++ {
		for dx := -anchorWindow; dx <= anchorWindow; dx++ {
			d, ok := loc.l.known(x+dx, y+dy)
			if !ok {
				continue
			}
			px, py := loc.h.at(float64(x+dx)+0.5, float64(y+dy)+0.5)
			cells[n] = cell{px, py, d}
			n++
			if d {
				darks++
			}
		}
	}
	if n < minTemplateCells || darks == 0 || darks == n {
		return true // nothing to match here: not an anchor, not a miss
	}
	cx, cy := float64(x)+0.5, float64(y)+0.5
	ox, oy := loc.h.at(cx, cy)
	u, v := loc.moduleVectors(cx, cy)
	best, hits := -1, 0
	var sx, sy float64
	steps := int(anchorReach / anchorStep)
	for j := -steps; j <= steps; j++ {
		for i := -steps; i <= steps; i++ {
			fx := float64(i)*anchorStep*u[0] + float64(j)*anchorStep*v[0]
			fy := float64(i)*anchorStep*u[1] + float64(j)*anchorStep*v[1]
			score := 0
			for _, c := range cells[:n] {
				if darkAt(loc.m, c.px+fx, c.py+fy) == c.dark {
					score++
				}
			}
			switch {
			case score > best:
				best, hits, sx, sy = score, 1, fx, fy
			case score == best:
				hits++
				sx += fx
				sy += fy
			}
		}
	}
	if best*minTemplateDen < n*minTemplateNum {
		loc.missed++
		return false
	}
	loc.found++
	loc.pts = append(loc.pts, correspondence{cx, cy, ox + sx/float64(hits), oy + sy/float64(hits)})
	if h, ok := fitProjective(loc.pts); ok {
		loc.h = h
	}
	return true
}

// moduleVectors returns the pixel vectors of one module right and one
// module down at module point (x, y).
func (loc *locator) moduleVectors(x, y float64) (u, v [2]float64) {
	x0, y0 := loc.h.at(x, y)
	x1, y1 := loc.h.at(x+1, y)
	x2, y2 := loc.h.at(x, y+1)
	return [2]float64{x1 - x0, y1 - y0}, [2]float64{x2 - x0, y2 - y0}
}

// sample reads every module of the symbol through the map, true for dark.
func (loc *locator) sample() []bool {
	l := loc.l
	out := make([]bool, l.w*l.h)
	for y := range l.h {
		for x := range l.w {
			out[y*l.w+x] = loc.dark(float64(x)+0.5, float64(y)+0.5)
		}
	}
	return out
}

// corners returns the symbol's outer corners in the matrix: top-left,
// top-right, bottom-right, bottom-left.
func (loc *locator) corners() [4][2]float64 {
	w, h := float64(loc.l.w), float64(loc.l.h)
	var out [4][2]float64
	for i, p := range [4][2]float64{{0, 0}, {w, 0}, {w, h}, {0, h}} {
		out[i][0], out[i][1] = loc.h.at(p[0], p[1])
	}
	return out
}

// finderMap returns the projective map that takes the finder pattern's
// module corners (0, 0), (7, 0), (7, 7), (0, 7) to the corners of q, q[k]
// being the top-left: clockwise from it as the image shows them, or
// anticlockwise for a mirrored symbol. It also returns the corners in that
// order.
func finderMap(q quad, k int, mirrored bool) (projective, quad, bool) {
	var o quad
	for i := range 4 {
		j := k + i
		if mirrored {
			j = k - i + 4
		}
		o[i] = q[j%4]
	}
	var cs [4]correspondence
	for i, c := range [4][2]float64{{0, 0}, {finderSide, 0}, {finderSide, finderSide}, {0, finderSide}} {
		cs[i] = correspondence{c[0], c[1], o[i][0], o[i][1]}
	}
	h, ok := fitProjective(cs[:])
	return h, o, ok && !math.IsNaN(h[0])
}
