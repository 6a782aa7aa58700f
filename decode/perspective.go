package decode

import (
	"math"
	"sort"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	multidetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
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

// fineDim is the largest dimension searched in half-module steps; larger
// symbols have more modules between the finders and an alignment pattern
// to lock on, and whole-module steps do.
const fineDim = 41

func (s *search) perspective(m *gozxing.BitMatrix, toImage affine) (found bool) {
	defer func() { _ = recover() }() // keep what was found before a panic
	var triples []*detector.FinderPatternInfo
	if infos, err := multidetector.NewMultiFinderPatternFinder(m, nil).FindMulti(hintsTryHarder); err == nil {
		triples = append(triples, infos...)
	}
	if info, err := detector.NewFinderPatternFinder(m, nil).Find(hintsTryHarder); err == nil {
		triples = append(triples, info)
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
	dim := int(math.Round(dTop/mt)+math.Round(dLeft/ml))/2 + 7
	switch dim & 3 {
	case 0:
		dim++
	case 2:
		dim--
	case 3:
		dim -= 2
	}
	for _, d := range [5]int{dim, dim - 4, dim + 4, dim - 8, dim + 8} {
		if d < 21 || d > 177 || s.spent() {
			continue
		}
		n := float64(d - 7) // modules between finder centres
		ux, uy := (tr.GetX()-tl.GetX())/n, (tr.GetY()-tl.GetY())/n
		vx, vy := (bl.GetX()-tl.GetX())/n, (bl.GetY()-tl.GetY())/n
		// The point at module (d-6.5, d-6.5), where the bottom-right
		// alignment pattern sits from version 2 on (clause 6.3.6).
		k := n - 3
		ex, ey := tl.GetX()+k*(ux+vx), tl.GetY()+k*(uy+vy)
		for _, o := range offsets {
			if d > fineDim && (o[0]|o[1])&1 != 0 {
				continue
			}
			fx, fy := float64(o[0])/2, float64(o[1])/2
			px := ex + fx*ux + fy*vx
			py := ey + fx*uy + fy*vy
			ap := detector.NewAlignmentPattern(px, py, module)
			t := detector.Detector_createTransform(tl, tr, bl, ap, d)
			if !timingPlausible(m, t, d) {
				continue
			}
			bits, err := detector.Detector_sampleGrid(m, t, d)
			if err != nil {
				continue
			}
			if s.addBits(bits, []gozxing.ResultPoint{bl, tl, tr, ap}, toImage, maxChanceLog10) {
				return true
			}
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
func timingPlausible(m *gozxing.BitMatrix, t *common.PerspectiveTransform, d int) bool {
	n := d - 16 // modules 8 … d-9
	best := 0
	for axis := 0; axis < 2; axis++ {
		pts := make([]float64, 0, 2*n)
		for i := 8; i <= d-9; i++ {
			if axis == 0 {
				pts = append(pts, float64(i)+0.5, 6.5)
			} else {
				pts = append(pts, 6.5, float64(i)+0.5)
			}
		}
		t.TransformPoints(pts)
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
	return 10*best >= 7*(n-1)
}
