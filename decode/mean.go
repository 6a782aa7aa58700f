package decode

import (
	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/internal/imagein"
)

// Local-mean thresholding: the third binarizer, for low contrast.
//
// ZXing's local method takes a block whose luminance spans less than
// minDynamicRange to be flat background and gives it a black point of half
// its minimum; inside a code printed in two close greys (ink 160 on paper
// 215) most blocks are that flat, their black points drag the 5×5 means
// below the ink, and dark modules come out light. binarizeMean instead
// thresholds every pixel against the plain mean of the 5×5 blocks around
// it, which inside a code lies between ink and paper whatever their
// contrast; only a window whose whole span is below meanFlatRange counts as
// flat (light), and pixels must lie a small margin below the mean, so that
// sensor noise on plain paper does not turn into specks.
const (
	// meanFlatRange: a 5×5-block window spanning fewer grey levels holds
	// no edge worth reading (noise of σ 2 to 3 spans about 12 to 18).
	meanFlatRange = 16
	// meanMarginDiv: a pixel is dark when below the window mean by more
	// than its block's span divided by this (an eighth keeps codes of 25
	// levels' contrast: the margin is 3 of their 12 levels to the mean).
	meanMarginDiv = 8
)

// binarizeMean thresholds l against local means into s's matrix.
func binarizeMean(l *imagein.Luminance, s *scratch) *gozxing.BitMatrix {
	const blockPower = localBlockPower
	block := 1 << blockPower
	if l.W < block*minLocalBlocks || l.H < block*minLocalBlocks {
		return binarizeGlobal(l, s)
	}
	subW := (l.W + block - 1) >> blockPower
	subH := (l.H + block - 1) >> blockPower
	n := subW * subH
	s.points = grow(s.points, 3*n) // block means, minima, maxima
	s.thresh = grow(s.thresh, n)
	means, lows, highs := s.points[:n], s.points[n:2*n], s.points[2*n:]
	for by := 0; by < subH; by++ {
		y0 := min(by<<blockPower, l.H-block)
		for bx := 0; bx < subW; bx++ {
			sum, lo, hi := blockStats(l, min(bx<<blockPower, l.W-block), y0, block)
			i := by*subW + bx
			means[i], lows[i], highs[i] = int32(sum>>(2*blockPower)), int32(lo), int32(hi)
		}
	}
	meanThresholds(s.thresh, means, lows, highs, subW, subH)
	return thresholdBlocks(l, s, subW)
}

// meanThresholds sets each block's threshold from the 5×5 blocks around
// it (clamped at the edges): their mean less a margin of the block's own
// span over meanMarginDiv (noise on flat paper spans little; a window
// that reaches a black-on-white text beside a faint code spans much more
// than the code), or 0 (all light) where the window spans less than
// meanFlatRange. A pixel is dark strictly below its threshold; thresh holds
// the threshold less one, the greatest dark value, as thresholdBlocks reads it.
func meanThresholds(thresh, means, lows, highs []int32, subW, subH int) {
	for by := 0; by < subH; by++ {
		top := min(max(by, 2), subH-3)
		for bx := 0; bx < subW; bx++ {
			left := min(max(bx, 2), subW-3)
			sum, lo, hi := int32(0), int32(255), int32(0)
			for y := top - 2; y <= top+2; y++ {
				for i := y*subW + left - 2; i <= y*subW+left+2; i++ {
					sum += means[i]
					lo, hi = min(lo, lows[i]), max(hi, highs[i])
				}
			}
			t, b := int32(0), by*subW+bx
			if hi-lo >= meanFlatRange {
				t = sum/25 - (highs[b]-lows[b])/meanMarginDiv
			}
			thresh[b] = t - 1
		}
	}
}
