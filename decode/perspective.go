package decode

import (
	"math"
	"sort"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// Perspective search. gozxing maps module space to the image from the three
// finder pattern centres and one fourth point: the bottom-right alignment
// pattern if it finds one near where a parallelogram predicts it, else the
// parallelogram corner itself. Under a strong camera tilt, or for version 1
// which has no alignment pattern, that fourth point is wrong by a few modules
// and every module sampled far from the finders is misread.
//
// perspective keeps the finder triples but tries fourth points on a grid of
// half-module offsets around the prediction, nearest first, and the
// neighbouring dimensions; the Reed–Solomon check decides, and a reading is
// kept only if the corrections it needed make a chance acceptance of garbage
// negligible (see chanceLog10). A cheap look at the timing patterns skips
// most candidates before the costly sampling and decoding.

const (
	// perspectiveReach is how far, in modules, the fourth point may be off.
	perspectiveReach = 5
	// maxTriples bounds the finder triples tried per matrix.
	maxTriples = 6
)

// offsets lists displacements, in half modules, within perspectiveReach,
// nearest first.
var offsets = func() [][2]int {
	var o [][2]int
	for dy := -2 * perspectiveReach; dy <= 2*perspectiveReach; dy++ {
		for dx := -2 * perspectiveReach; dx <= 2*perspectiveReach; dx++ {
			o = append(o, [2]int{dx, dy})
		}
	}
	sort.SliceStable(o, func(i, j int) bool {
		return o[i][0]*o[i][0]+o[i][1]*o[i][1] < o[j][0]*o[j][0]+o[j][1]*o[j][1]
	})
	return o
}()

// timingNum/timingDen is the share of the n-1 changes of a timing pattern
// that a plausible geometry must show on one of the two: a right geometry
// loses a few to blur and sampling at the module edges, a wrong one shows
// about half.
const timingNum, timingDen = 7, 10

// fineDim is the largest dimension searched in half-module steps; larger
// symbols have more modules between the finders and an alignment pattern
// to lock on, and whole-module steps do.
const fineDim = 41

// perspective runs the perspective search on the finder triples of m:
// gozxing's, then the loose ones.
func (s *search) perspective(m *gozxing.BitMatrix, toImage affine) (found bool) {
	if !s.formats.has(QR) {
		return false
	}
	var triples []*detector.FinderPatternInfo
	if multi, ok := finderTriples(m); ok {
		triples = multi
	}
	if triple, centres, ok := finderTriple(m); ok {
		if triple != nil {
			triples = append(triples, triple)
		}
		triples = append(triples, looseTriples(centres, triples)...)
	}
	for i, info := range triples {
		if i == maxTriples || s.spent() {
			break
		}
		if s.warpSearch(m, info, toImage) {
			found = true
		}
	}
	return found
}

// warpSearch tries fourth points and dimensions for one finder triple.
func (s *search) warpSearch(m *gozxing.BitMatrix, info *detector.FinderPatternInfo, toImage affine) bool {
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	module := (tl.GetEstimatedModuleSize() + tr.GetEstimatedModuleSize() + bl.GetEstimatedModuleSize()) / 3
	if module < 1 {
		return false
	}
	dTop := math.Hypot(tr.GetX()-tl.GetX(), tr.GetY()-tl.GetY())
	dLeft := math.Hypot(bl.GetX()-tl.GetX(), bl.GetY()-tl.GetY())
	// Dimension as ZXing estimates it: centre distances in modules plus the
	// 7 modules of one finder, rounded to the form 4k+1 (ISO/IEC
	// 18004:2015 clause 5.3.1).
	// Under a tilt the finders differ in size: measure each side with the
	// module size of its own two ends.
	mt := (tl.GetEstimatedModuleSize() + tr.GetEstimatedModuleSize()) / 2
	ml := (tl.GetEstimatedModuleSize() + bl.GetEstimatedModuleSize()) / 2
	dim := int(math.Round(dTop/mt)+math.Round(dLeft/ml))/2 + finderSide
	switch dim & 3 {
	case 0:
		dim++
	case 2:
		dim--
	case 3:
		dim -= 2
	}
	// The estimate, then one and two versions either way.
	for _, d := range [5]int{dim, dim - 4, dim + 4, dim - 8, dim + 8} {
		if !validDim(d) || s.spent() {
			continue
		}
		n := float64(d - finderSide) // modules between finder centres
		ux, uy := (tr.GetX()-tl.GetX())/n, (tr.GetY()-tl.GetY())/n
		vx, vy := (bl.GetX()-tl.GetX())/n, (bl.GetY()-tl.GetY())/n
		// The point at module (d-6.5, d-6.5), where the bottom-right
		// alignment pattern sits from version 2 on (clause 6.3.6):
		// predicted as the parallelogram corner, and where the finders
		// differ in apparent size, also under the perspectives that
		// implies (see projectiveAt), which under a strong tilt lie many
		// modules away.
		k := (n - (alignCentre - finderCentre)) / n
		var guesses [len(depthExponents)][2]float64
		tries := 0
	guess:
		for _, e := range depthExponents {
			px, py := projectiveAt(tl, tr, bl, k, k, e)
			for _, g := range guesses[:tries] {
				if math.Hypot(px-g[0], py-g[1]) <= perspectiveReach*module {
					continue guess
				}
			}
			guesses[tries] = [2]float64{px, py}
			tries++
		}
		for _, g := range guesses[:tries] {
			if s.searchFourth(m, tl, tr, bl, g, [2]float64{ux, uy}, [2]float64{vx, vy}, module, d, toImage) {
				return true
			}
		}
	}
	return false
}

// searchFourth tries fourth points on the offsets grid around guess, with
// u and v the module vectors, for dimension d.
func (s *search) searchFourth(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, guess, u, v [2]float64, module float64, d int, toImage affine) bool {
	for _, o := range offsets {
		if d > fineDim && (o[0]|o[1])&1 != 0 {
			continue
		}
		fx, fy := float64(o[0])/2, float64(o[1])/2
		px := guess[0] + fx*u[0] + fy*v[0]
		py := guess[1] + fx*u[1] + fy*v[1]
		ap := detector.NewAlignmentPattern(px, py, module)
		t, ok := symbolTransform(tl, tr, bl, ap, d)
		if !ok || !timingPlausible(m, t, d) {
			continue
		}
		bits, ok := sampleGrid(m, t, d)
		if !ok {
			continue
		}
		if s.addBits(bits, []gozxing.ResultPoint{bl, tl, tr, ap}, toImage, maxChanceLog10) {
			return true
		}
	}
	return false
}

// timingPlausible samples the two timing patterns (ISO/IEC 18004:2015
// clause 6.3.5: row and column 6 alternate dark and light between the
// finders) through the candidate geometry t and counts the changes between
// neighbouring samples: a right geometry alternates almost everywhere on at
// least one of the two, while data modules, a spurious triple or a wrong d
// change about half the time. It costs 2(d-16) samples, where sampling and
// decoding the whole symbol costs d² and a Reed–Solomon decode.
func timingPlausible(m *gozxing.BitMatrix, t transform, d int) bool {
	const (
		line  = 6.5 // the centre of row and column 6
		first = 8   // the first timing module past the top-left separator
	)
	last := d - 9 // the last before the other separator
	n := last - first + 1
	best := 0
	for axis := 0; axis < 2; axis++ {
		pts := make([]float64, 0, 2*n)
		for i := first; i <= last; i++ {
			if axis == 0 {
				pts = append(pts, float64(i)+0.5, line)
			} else {
				pts = append(pts, line, float64(i)+0.5)
			}
		}
		t.apply(pts)
		// Samples outside the image (a code cut by the edge, or a wrong
		// geometry) count as no change.
		changes, prev, inside := 0, false, false
		for k := 0; k < len(pts); k += 2 {
			x, y := int(pts[k]), int(pts[k+1])
			if x < 0 || y < 0 || x >= m.GetWidth() || y >= m.GetHeight() {
				inside = false
				continue
			}
			v := m.Get(x, y)
			if inside && v != prev {
				changes++
			}
			prev, inside = v, true
		}
		best = max(best, changes)
	}
	return timingDen*best >= timingNum*(n-1)
}

// Loose triples. gozxing's finder selection wants the three finder patterns
// of a symbol to show about the same module size; under a strong tilt the
// near one looks half again or twice as large as the far one, and the
// triple is rejected ("module size is too different") although every
// pattern was seen. looseTriples forms triples from the candidate centres
// the finder kept, with a wider tolerance, for the perspective search to
// try; the fourth-point search and the chance bound sort out the spurious
// ones.
const (
	// maxModuleRatio bounds the ratio of the largest to the smallest
	// module size within a loose triple.
	maxModuleRatio = 2.5
	// looseCandidates bounds the candidate centres combined (the most
	// often confirmed first): C(8,3) = 56 triples at most.
	looseCandidates = 8
)

// looseTriples returns the plausible triples of candidate centres, leaving
// out those already in have.
func looseTriples(centres []*detector.FinderPattern, have []*detector.FinderPatternInfo) []*detector.FinderPatternInfo {
	var cs []*detector.FinderPattern
	for _, c := range centres {
		if c.GetCount() >= 2 { // confirmed on at least two scan lines
			cs = append(cs, c)
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].GetCount() > cs[j].GetCount() })
	cs = cs[:min(len(cs), looseCandidates)]
	same := func(a, b gozxing.ResultPoint) bool { return a.GetX() == b.GetX() && a.GetY() == b.GetY() }
	var out []*detector.FinderPatternInfo
	for i := 0; i < len(cs); i++ {
		for j := i + 1; j < len(cs); j++ {
			for k := j + 1; k < len(cs); k++ {
				a, b, c := cs[i], cs[j], cs[k]
				lo := min(a.GetEstimatedModuleSize(), b.GetEstimatedModuleSize(), c.GetEstimatedModuleSize())
				hi := max(a.GetEstimatedModuleSize(), b.GetEstimatedModuleSize(), c.GetEstimatedModuleSize())
				if hi > maxModuleRatio*lo {
					continue
				}
				// gozxing takes the corner pattern to be the one
				// opposite the longest side, which a strong tilt can
				// make wrong: try each as the corner.
			corner:
				for _, o := range [3][3]*detector.FinderPattern{{a, b, c}, {b, a, c}, {a, c, b}} {
					bl, tl, tr := o[0], o[1], o[2]
					// Reading order: top-left → top-right is clockwise
					// from top-left → bottom-left on screen.
					if (tr.GetX()-tl.GetX())*(bl.GetY()-tl.GetY())-(tr.GetY()-tl.GetY())*(bl.GetX()-tl.GetX()) < 0 {
						bl, tr = tr, bl
					}
					if !plausibleTriple(bl, tl, tr) {
						continue
					}
					for _, h := range have {
						if same(h.GetBottomLeft(), bl) && same(h.GetTopLeft(), tl) && same(h.GetTopRight(), tr) {
							continue corner
						}
					}
					out = append(out, detector.NewFinderPatternInfo(bl, tl, tr))
				}
			}
		}
	}
	return out
}

// The shape of a plausible triple, its sides measured in modules with the
// module size of each side's own two ends.
const (
	// minSideModules: the finder centres of version 1 are 14 modules
	// apart (ISO/IEC 18004:2015 clause 6.3.3); one module less allows for
	// module sizes misjudged under a tilt.
	minSideModules = minDim - finderSide - 1
	// maxSideRatio: the two sides of a square symbol span as many modules
	// as each other; under a strong tilt the measured counts still agree
	// within this ratio.
	maxSideRatio = 1.6
	// maxCornerCos bounds the cosine of the angle at the corner pattern:
	// between about 45° and 135°, a right angle as a camera can skew it.
	maxCornerCos = 0.7
)

// plausibleTriple checks the shape of a triple: both sides at least
// minSideModules long, about as many modules long as each other, and at an
// angle a camera could make of a right one.
func plausibleTriple(bl, tl, tr *detector.FinderPattern) bool {
	mt := (tl.GetEstimatedModuleSize() + tr.GetEstimatedModuleSize()) / 2
	ml := (tl.GetEstimatedModuleSize() + bl.GetEstimatedModuleSize()) / 2
	ux, uy := tr.GetX()-tl.GetX(), tr.GetY()-tl.GetY()
	vx, vy := bl.GetX()-tl.GetX(), bl.GetY()-tl.GetY()
	nt, nl := math.Hypot(ux, uy)/mt, math.Hypot(vx, vy)/ml
	if nt < minSideModules || nl < minSideModules || nt > maxSideRatio*nl || nl > maxSideRatio*nt {
		return false
	}
	cos := (ux*vx + uy*vy) / (math.Hypot(ux, uy) * math.Hypot(vx, vy))
	return math.Abs(cos) < maxCornerCos
}

// depthExponents are the exponents e of depthAt tried, the parallelogram
// (e = 0) first.
var depthExponents = [3]float64{0, -0.5, -1}

// projectiveAt returns the image point at fractions (s, t) of the way from
// the top-left finder centre toward the top-right and bottom-left ones,
// under the perspective implied by the finders' apparent module sizes m.
// A perspective map is linear in homogeneous coordinates (x·w, y·w, w),
// where w is the depth. Seen at depth w, a length across the line of sight
// looks ∝ 1/w and one along the tilt ∝ 1/w²; gozxing measures a finder's
// module size along its scan row, which is either, depending on the
// direction of the tilt: so w ∝ m^e with e = -1 or -1/2 (tried both). e = 0
// gives the parallelogram.
func projectiveAt(tl, tr, bl *detector.FinderPattern, s, t, e float64) (float64, float64) {
	w0 := math.Pow(tl.GetEstimatedModuleSize(), e)
	w1 := math.Pow(tr.GetEstimatedModuleSize(), e)
	w2 := math.Pow(bl.GetEstimatedModuleSize(), e)
	w := w0 + s*(w1-w0) + t*(w2-w0)
	x := w0*tl.GetX() + s*(w1*tr.GetX()-w0*tl.GetX()) + t*(w2*bl.GetX()-w0*tl.GetX())
	y := w0*tl.GetY() + s*(w1*tr.GetY()-w0*tl.GetY()) + t*(w2*bl.GetY()-w0*tl.GetY())
	if w <= 0 {
		// Sizes no perspective can give: fall back to the parallelogram.
		return tl.GetX() + s*(tr.GetX()-tl.GetX()) + t*(bl.GetX()-tl.GetX()),
			tl.GetY() + s*(tr.GetY()-tl.GetY()) + t*(bl.GetY()-tl.GetY())
	}
	return x / w, y / w
}
