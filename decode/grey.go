package decode

import (
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"

	"github.com/qrworks/qrworks/internal/imagein"
)

// Grey sampling. gozxing samples a symbol from the binarized matrix, one
// pixel per module: whatever the binarizer decided there. Under blur of
// half a module, a lone dark module among light ones keeps less than half
// its darkness and a pixel threshold set for the whole neighbourhood
// loses it; low contrast and glare shift the thresholds the same way.
// sampleGrey reads the luminance at each module's centre instead and
// compares each module with its own neighbours: the threshold then lies
// between the symbol's dark and light modules wherever they are, and a
// blurred lone module still stands out against the modules around it.

// greyMargin is the radius, in modules, of the wider neighbourhood whose
// mean is the threshold where the nearest 3×3 modules are all alike: 5×5
// modules of masked data hold both colours almost always (ISO/IEC
// 18004:2015 clause 7.8). It is also the margin of quiet zone sampled.
const greyMargin = 2

// sampleGrey samples the dim×dim modules of a symbol from the luminance l
// through t (module coordinates to l's plane), at each module's centre,
// interpolated; dark is the polarity of the search, false for
// light-on-dark symbols read as inverted. It samples greyMargin modules
// of the quiet zone around the symbol too, so that the
// outermost modules are compared with the margin beside them as every
// other module is with its neighbours (the quiet zone is clamped at the
// image's edge; the symbol itself must lie inside the image).
func sampleGrey(l *imagein.Luminance, t transform, dim int, dark bool) (*gozxing.BitMatrix, bool) {
	const g = greyMargin
	n := dim + 2*g
	pts := make([]float64, 0, 2*n*n)
	for j := -g; j < dim+g; j++ {
		for i := -g; i < dim+g; i++ {
			pts = append(pts, float64(i)+0.5, float64(j)+0.5)
		}
	}
	t.apply(pts)
	grey := make([]int32, n*n)
	for k := range grey {
		i, j := k%n-g, k/n-g
		x, y := pts[2*k], pts[2*k+1]
		if !(x >= 0 && y >= 0 && x < float64(l.W) && y < float64(l.H)) {
			if (i >= 0 && j >= 0 && i < dim && j < dim) || x != x || y != y {
				return nil, false // a cut symbol, or a wrong geometry
			}
			x, y = min(max(x, 0), float64(l.W-1)), min(max(y, 0), float64(l.H-1))
		}
		grey[k] = bilinear(l, x, y)
	}
	return thresholdModules(grey, dim, dark), true
}

// thresholdModules sets the module bits of the dim×dim symbol inside the
// (dim+2·greyMargin)² greys: dark when a module's grey lies below the
// mean of the 3×3 modules around it (above, for an inverted search); where
// those nine span less than a third of the symbol's contrast (inside a
// finder pattern, a run of equal modules), the mean of the wider
// greyMargin neighbourhood decides instead.
func thresholdModules(grey []int32, dim int, dark bool) *gozxing.BitMatrix {
	const g = greyMargin
	n := dim + 2*g
	sat := summedArea(grey, n)
	span := contrast(grey)
	bits, _ := gozxing.NewBitMatrix(dim, dim)
	for j := 0; j < dim; j++ {
		for i := 0; i < dim; i++ {
			x, y := i+g, j+g
			v := int64(grey[y*n+x])
			lo, hi := v, v
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					u := int64(grey[(y+dy)*n+x+dx])
					lo, hi = min(lo, u), max(hi, u)
				}
			}
			r := 1
			if 3*(hi-lo) < span {
				r = g
			}
			sum := boxSum(sat, n, x-r, y-r, x+r+1, y+r+1)
			if (v*int64((2*r+1)*(2*r+1)) < sum) == dark {
				bits.Set(i, j)
			}
		}
	}
	return bits
}

// summedArea returns the summed-area table of the n×n greys, with a first
// row and column of zeros: entry (x, y) of the (n+1)² table is the sum of
// the greys above and left of (x, y).
func summedArea(grey []int32, n int) []int64 {
	w := n + 1
	sat := make([]int64, w*w)
	for j := 0; j < n; j++ {
		var row int64
		for i := 0; i < n; i++ {
			row += int64(grey[j*n+i])
			sat[(j+1)*w+i+1] = sat[j*w+i+1] + row
		}
	}
	return sat
}

// boxSum returns the sum of the greys in [x0, x1) × [y0, y1).
func boxSum(sat []int64, n, x0, y0, x1, y1 int) int64 {
	w := n + 1
	return sat[y1*w+x1] - sat[y0*w+x1] - sat[y1*w+x0] + sat[y0*w+x0]
}

// contrast returns the spread of the greys (4× luminance, 0 to 1020)
// between their 5th and 95th percentiles: a symbol's ink against its
// paper, ignoring specks.
func contrast(grey []int32) int64 {
	var hist [4*255 + 1]int
	for _, v := range grey {
		hist[v]++
	}
	lo, hi := percentile(&hist, len(grey)*5/100), percentile(&hist, len(grey)*95/100)
	return int64(hi - lo)
}

// percentile returns the grey below which fewer than rank+1 of the
// histogram's values lie.
func percentile(hist *[4*255 + 1]int, rank int) int {
	n := 0
	for v, c := range hist {
		if n += c; n > rank {
			return v
		}
	}
	return len(hist) - 1
}

// addGrey samples the symbol at points (gozxing's bottom-left, top-left,
// top-right finder centres and the alignment pattern if any) from the
// luminance the current matrix was made of, and decodes it under the
// chance bound. gozxing's dimension comes from the finders' apparent
// module size, which blur and low contrast distort: a version either side
// is tried too (without the alignment pattern, which gozxing looked for
// where its own dimension put it), each only if its timing patterns show.
func (s *search) addGrey(points []gozxing.ResultPoint, dim int, toImage affine, bound float64) bool {
	if s.scr.src == nil || len(points) < 3 {
		return false
	}
	var ap *detector.AlignmentPattern
	if len(points) > 3 {
		ap, _ = points[3].(*detector.AlignmentPattern)
	}
	for _, d := range [3]int{dim, dim + 4, dim - 4} {
		a := ap
		if d != dim {
			a = nil
		}
		if !validDim(d) {
			continue
		}
		t, ok := symbolTransform(points[1], points[2], points[0], a, d)
		if !ok || !timingGrey(s.scr.src, t, d) {
			continue // finders of different symbols, or a wrong dimension
		}
		if bits, ok := sampleGrey(s.scr.src, t, d, !s.scr.inverted); ok && s.addBits(bits, points[:3], toImage, bound) {
			return true
		}
	}
	return false
}

// bilinear returns 4× the luminance at (x, y), interpolated between the
// four pixel centres around it (clamped at the edges).
func bilinear(l *imagein.Luminance, x, y float64) int32 {
	x, y = x-0.5, y-0.5
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	px := func(i, j int) float64 {
		return float64(l.Pix[min(max(j, 0), l.H-1)*l.Stride+min(max(i, 0), l.W-1)])
	}
	v := (1-fy)*((1-fx)*px(x0, y0)+fx*px(x0+1, y0)) + fy*((1-fx)*px(x0, y0+1)+fx*px(x0+1, y0+1))
	return int32(4*v + 0.5)
}

// timingGrey is timingPlausible on the luminance: it samples the two
// timing patterns' module centres (row and column 6, clause 6.3.5) and
// counts a change wherever a module and the next lie on opposite sides of
// the mean of the three around the pair's midpoint, which a blurred
// alternation still shows.
func timingGrey(l *imagein.Luminance, t transform, d int) bool {
	const line, first = 6.5, 8
	last := d - 9
	n := last - first + 1
	if n < 3 {
		return false
	}
	best := 0
	pts := make([]float64, 0, 2*n)
	vals := make([]int32, n)
	for axis := 0; axis < 2; axis++ {
		pts = pts[:0]
		for i := first; i <= last; i++ {
			if axis == 0 {
				pts = append(pts, float64(i)+0.5, line)
			} else {
				pts = append(pts, line, float64(i)+0.5)
			}
		}
		t.apply(pts)
		inside := true
		for k := range vals {
			x, y := pts[2*k], pts[2*k+1]
			if !(x >= 0 && y >= 0 && x < float64(l.W) && y < float64(l.H)) {
				inside = false
				break
			}
			vals[k] = bilinear(l, x, y)
		}
		if !inside {
			continue
		}
		changes := 0
		for k := 0; k+1 < n; k++ {
			lo, hi := max(k-1, 0), min(k+2, n-1)
			mean := int64(0)
			for _, v := range vals[lo : hi+1] {
				mean += int64(v)
			}
			cnt := int64(hi - lo + 1)
			if (int64(vals[k])*cnt < mean) != (int64(vals[k+1])*cnt < mean) {
				changes++
			}
		}
		best = max(best, changes)
	}
	return timingDen*best >= timingNum*(n-1)
}
