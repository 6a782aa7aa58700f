package decode

import (
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// Evidence. On a large photo without a code, most of the cost is the
// fallback passes: gozxing's finder search and triple selection, and the
// sampling and decoding of every triple it proposes, pass after pass.
// The large-photo ladder (large.go) asks a cheap question before its
// expensive passes: does the matrix hold three finder patterns
// (scanFinders: runs counted word by word, several times cheaper than
// gozxing's search, and more tolerant) placed as a symbol's are, with a
// timing pattern between them and format information beside them whose
// two copies decode, within evidenceInfoErrors bits, to the same level
// and mask (infoPlausible)? Those are the symbol's own signature (ISO/IEC
// 18004:2015 clauses 6.3.5, 7.9.1); text, tiles and checkerboards give
// finder-like patterns, rarely three in that shape with alternation
// between them, and those rarely pass the format check. The passes of
// images up to largePixels do not ask: there a fallback can read codes
// whose format information is damaged.

// largeEvidenceStep is the row step of the evidence scan of a matrix of
// more than largePixels: a finder pattern's 3-module centre run (§6.3.3)
// spans at least 3 rows wherever modules are a pixel or more, so no
// finder is missed.
const largeEvidenceStep = 3

// evidence reports whether m shows a symbol (see above). The answer for
// the scratch matrix is kept until it changes, as several passes search
// the same matrix.
func (s *search) evidence(m *gozxing.BitMatrix) bool {
	step := 1
	if m.GetWidth()*m.GetHeight() > largePixels {
		step = largeEvidenceStep
	}
	if m != s.scr.matrix {
		return s.evidenceIn(m, scanFinders(m, step))
	}
	if s.scr.evidenceGen != s.scr.gen {
		s.scr.evidenceOK = s.evidenceIn(m, scanFinders(m, step))
		s.scr.evidenceGen = s.scr.gen
	}
	return s.scr.evidenceOK
}

// evidenceIn is evidence given the finder patterns seen in m.
func (s *search) evidenceIn(m *gozxing.BitMatrix, seen []finderSeen) bool {
	if len(seen) < 3 {
		return false
	}
	all := patterns(seen)
	for _, info := range tripleShapes(all) {
		if s.timingSomewhere(m, info) {
			return true
		}
	}
	return false
}

// tripleShapes returns every triple of the patterns, each corner tried,
// whose shape a symbol could have (plausibleTriple).
func tripleShapes(ps []*detector.FinderPattern) []*detector.FinderPatternInfo {
	var out []*detector.FinderPatternInfo
	for i := 0; i < len(ps); i++ {
		for j := i + 1; j < len(ps); j++ {
			for k := j + 1; k < len(ps); k++ {
				for _, o := range [3][3]*detector.FinderPattern{{ps[i], ps[j], ps[k]}, {ps[j], ps[i], ps[k]}, {ps[i], ps[k], ps[j]}} {
					bl, tl, tr := o[0], o[1], o[2]
					if cross(tl, tr, bl) < 0 {
						bl, tr = tr, bl
					}
					if plausibleTriple(bl, tl, tr) {
						out = append(out, detector.NewFinderPatternInfo(bl, tl, tr))
					}
				}
			}
		}
	}
	return out
}

// cross is the z component of (tr - tl) × (bl - tl): positive when tr
// lies clockwise of bl seen from tl on screen, the reading order of a
// symbol (not mirrored).
func cross(tl, tr, bl *detector.FinderPattern) float64 {
	return (tr.GetX()-tl.GetX())*(bl.GetY()-tl.GetY()) - (tr.GetY()-tl.GetY())*(bl.GetX()-tl.GetX())
}

// timingSomewhere reports whether a timing pattern shows between the
// finders of info, for the dimension their spacing implies or a version
// either side, through the geometries the perspective search starts from
// (the parallelogram and the perspectives the finders' sizes imply), on
// the matrix or the luminance it came from, with format information that
// agrees (read as printed or mirrored: the finders of a mirrored symbol
// form the same triple with its corners swapped).
func (s *search) timingSomewhere(m *gozxing.BitMatrix, info *detector.FinderPatternInfo) bool {
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	dim := estimateDim(m, tl, tr, bl)
	for _, d := range [3]int{dim, dim - 4, dim + 4} {
		if !validDim(d) {
			continue
		}
		n := float64(d - finderSide)
		k := (n - (alignCentre - finderCentre)) / n
		for _, e := range depthExponents {
			px, py := projectiveAt(tl, tr, bl, k, k, e)
			ap := detector.NewAlignmentPattern(px, py, tl.GetEstimatedModuleSize())
			t, ok := symbolTransform(tl, tr, bl, ap, d)
			if ok && (timingPlausible(m, t, d) || s.scr.src != nil && timingGrey(s.scr.src, t, d)) &&
				(s.infoPlausible(m, t, d, false, evidenceInfoErrors) || s.infoPlausible(m, t, d, true, evidenceInfoErrors)) {
				return true
			}
		}
	}
	return false
}
