package decode

import (
	"image"
	"math"
	"slices"

	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// Reading Micro QR and rMQR symbols: gozxing has no reader for either.
// Each has one finder pattern at its top-left corner, with timing patterns
// running from it along the symbol's edges: Micro QR's along the top row
// and the left column (ISO/IEC 18004:2015 §6.3.5), rMQR's along all four
// edges (ISO/IEC 23941:2022 §6.3.5). The reading of one finder pattern:
//
//  1. its four corners (finderQuad) and, for each corner as the symbol's
//     top-left and each handedness (a mirrored symbol reads transposed),
//     the map from the finder's modules;
//  2. the orientation: the timing pattern that continues the finder's top
//     row, and the light quiet zone above it and left of the finder,
//     sampled through that map (orientationScore);
//  3. the format information beside the finder, decoded to the nearest
//     valid word: version, level and, for Micro QR, the mask; the
//     orientations with the nearest words are read first;
//  4. the symbol located anchor by anchor along its timing patterns (and
//     rMQR's alignment and sub-finder patterns) with the layout of that
//     version (locate.go);
//  5. the modules sampled, unmasked and read into codewords in the
//     standard's order, corrected, and the data bit stream parsed.

// smallFamily describes how one family is read from its finder pattern.
type smallFamily struct {
	family qrspec.Family
	format Format
	// orient lists the modules, relative to the finder's top-left corner,
	// whose colours every version shares beyond the finder: the timing
	// pattern continuing its top row (and, in Micro QR, its left column)
	// and the quiet zone.
	orient []templateModule
	// readFormat reads the format information through h and returns the
	// version, level and mask of the nearest valid word and its distance;
	// formatBits and formatWords are the length of that word and how
	// many valid words there are.
	readFormat              func(m *gozxing.BitMatrix, h *projective) (v int, l qrspec.Level, mask, distance int)
	formatBits, formatWords int
	// confirm, if set, checks the located symbol further and returns
	// log10 of the chance that random modules would pass the check.
	confirm func(loc *locator, t *orientedTry) (float64, bool)
	// anchors lists the anchors of version v in the order the locator
	// walks them.
	anchors func(l *smallLayout) [][2]int
	// maskPattern maps the format's mask number to QR's pattern.
	maskPattern func(mask int) int
}

// templateModule is one module of known colour.
type templateModule struct {
	x, y int
	dark bool
}

// Thresholds of the reading.
const (
	// minOrientNum/minOrientDen is the share of the orientation modules
	// that must match: a wrong corner or clutter matches about half.
	minOrientNum, minOrientDen = 4, 5
	// maxFormatDistance is the most bit errors a format word may have: the
	// BCH codes correct three (minimum distances 7 and 8).
	maxFormatDistance = 3
	// minAnchorsNum/minAnchorsDen is the share of the anchors that must be
	// found for the symbol's map to hold.
	minAnchorsNum, minAnchorsDen = 3, 4
)

// timingRow returns the orientation modules of a finder whose top row
// continues as a timing pattern from x = 7 (the separator, light) to
// lastX, dark on even x (ISO/IEC 18004:2015 §6.3.5), with the quiet zone
// above it from x = −1 and left of the finder down to y = lastY.
func timingRow(lastX, lastY int) []templateModule {
	var t []templateModule
	for x := finderSide; x <= lastX; x++ {
		t = append(t, templateModule{x, 0, x%2 == 0})
	}
	for x := -1; x <= lastX; x++ {
		t = append(t, templateModule{x, -1, false})
	}
	for y := 0; y <= lastY; y++ {
		t = append(t, templateModule{-1, y, false})
	}
	return t
}

// orientationScore counts the modules of t that match through h.
func orientationScore(m *gozxing.BitMatrix, h *projective, t []templateModule) int {
	score := 0
	for _, c := range t {
		px, py := h.at(float64(c.x)+0.5, float64(c.y)+0.5)
		if darkAt(m, px, py) == c.dark {
			score++
		}
	}
	return score
}

// smallReading is a Micro QR or rMQR symbol read from a matrix.
type smallReading struct {
	reading
	format  Format
	corners [4][2]float64 // in the matrix
}

// readSmall reads the symbol of family f whose finder pattern has the
// outline q in m: each corner as the top-left, in either handedness, if
// the orientation modules match, the nearest format words first.
func readSmall(m *gozxing.BitMatrix, q quad, f *smallFamily, tr *smallTrace) (smallReading, bool) {
	var tries [8]orientedTry
	n := 0
	for k := range 4 {
		for _, mirrored := range [2]bool{false, true} {
			h, o, ok := finderMap(q, k, mirrored)
			if !ok || orientationScore(m, &h, f.orient)*minOrientDen < len(f.orient)*minOrientNum {
				continue
			}
			tr.add(stageOriented)
			t := orientedTry{h: h, o: o, mirrored: mirrored}
			if t.v, t.level, t.mask, t.distance = f.readFormat(m, &h); t.distance <= maxFormatDistance {
				tries[n] = t
				n++
			}
		}
	}
	slices.SortStableFunc(tries[:n], func(a, b orientedTry) int { return a.distance - b.distance })
	for i := range tries[:n] {
		tr.add(stageFormat)
		if r, ok := readTry(m, &tries[i], f, tr); ok {
			return r, true
		}
	}
	return smallReading{}, false
}

// orientedTry is one orientation and handedness of a finder pattern: its
// map, its corners from the top-left, and the format information read.
type orientedTry struct {
	h                 projective
	o                 quad
	v, mask, distance int
	level             qrspec.Level
	mirrored          bool
}

// readTry locates, samples and decodes the symbol of one orientation and
// handedness, and applies the acceptance rule (acceptance.go).
func readTry(m *gozxing.BitMatrix, t *orientedTry, f *smallFamily, tr *smallTrace) (smallReading, bool) {
	l := layoutOf(f.family, t.v)
	loc := newLocator(m, l, t.h, t.o)
	anchors := f.anchors(l)
	// Give up as soon as too many anchors are missed for the share
	// minAnchorsNum/minAnchorsDen to be reached: most candidates of a
	// cluttered photo are not symbols and miss from the first anchors on.
	maxMissed := len(anchors) * (minAnchorsDen - minAnchorsNum) / minAnchorsDen
	for _, a := range anchors {
		if loc.anchor(a[0], a[1]); loc.missed > maxMissed {
			return smallReading{}, false
		}
	}
	tr.add(stageLocated)
	evidence := formatChanceLog10(f.formatBits, f.formatWords, t.distance)
	if f.confirm != nil {
		more, ok := f.confirm(loc, t)
		if !ok {
			return smallReading{}, false
		}
		evidence += more
	}
	c := l.codewords(loc.sample(), f.maskPattern(t.mask), t.level)
	c.mask = t.mask
	r, ok := c.decode()
	if !ok || exactOnly(&c) && r.corrected > 0 {
		return smallReading{}, false
	}
	r.chance += evidence + fillChanceLog10(r.payload.fillBits)
	tr.decodedAt(r.chance)
	if r.chance > smallMaxChanceLog10 {
		return smallReading{}, false
	}
	r.mirrored = t.mirrored
	return smallReading{reading: r, format: f.format, corners: loc.corners()}, true
}

// smallFamilies are the families read from one finder pattern, in the
// order they are tried.
// rMQR comes first: its reading checks far more modules (anchors along
// both long edges, two format words), so a symbol that is one is never
// taken for a Micro QR read from its finder and top-left corner.
var smallFamilies = [...]*smallFamily{&rmqrFamily, &microFamily}

// detectSmall reads the Micro QR and rMQR symbols whose finder patterns m
// shows, of the formats searched for, and reports whether it added a
// result. Finder patterns inside a symbol already read (a QR Code's three
// among them) are skipped.
func (s *search) detectSmall(m *gozxing.BitMatrix, toImage affine) bool {
	if !s.formats.has(MicroQR) && !s.formats.has(RMQR) || s.spent() {
		return false
	}
	found := false
	for _, c := range findFinders(m) {
		if s.claimed(toImage.apply(c.x, c.y)) {
			continue
		}
		s.trace.add(stageCandidate)
		q, ok := finderQuad(m, c)
		if !ok {
			continue
		}
		for _, f := range smallFamilies {
			if !s.formats.has(f.format) {
				continue
			}
			if r, ok := readSmall(m, q, f, s.trace); ok {
				found = s.addSmall(r, toImage) || found
				break
			}
		}
	}
	return found
}

// claimed reports whether image point (x, y) lies inside a symbol already
// read.
func (s *search) claimed(x, y float64) bool {
	for i := range s.results {
		if insideQuad(&s.results[i].Corners, x, y) {
			return true
		}
	}
	return false
}

// insideQuad reports whether (x, y) lies inside the convex quadrilateral
// c, in either winding.
func insideQuad(c *[4]image.Point, x, y float64) bool {
	sign := 0
	for i := range 4 {
		a, b := c[i], c[(i+1)%4]
		cross := (float64(b.X-a.X))*(y-float64(a.Y)) - (float64(b.Y-a.Y))*(x-float64(a.X))
		switch {
		case cross > 0 && sign < 0, cross < 0 && sign > 0:
			return false
		case cross > 0:
			sign = 1
		case cross < 0:
			sign = -1
		}
	}
	return true
}

// addSmall keeps the symbol read as r unless it repeats a result already
// found at the same place.
func (s *search) addSmall(r smallReading, toImage affine) bool {
	res := r.result()
	for i, p := range r.corners {
		x, y := toImage.apply(p[0], p[1])
		res.Corners[i] = image.Pt(int(math.Round(x)), int(math.Round(y)))
	}
	cx, cy := res.center()
	for i := range s.results {
		o := &s.results[i]
		ox, oy := o.center()
		if o.Text == res.Text && math.Hypot(cx-ox, cy-oy) < max(o.size(), res.size())/2 {
			return false
		}
	}
	s.results = append(s.results, res)
	return true
}
