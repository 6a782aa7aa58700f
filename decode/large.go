package decode

import (
	"math"

	"github.com/qrworks/qrworks/internal/imagein"
)

// The ladder of a large photo. Above largePixels a code that fills a
// useful part of the frame reads at a fraction of the resolution, and the
// cost of a pass grows with the pixels it binarizes and scans: a photo
// without a code must not cost much more than one with a code (issue 17:
// at most twice, a 12-megapixel photo). So the passes run on the work
// copy, reduced to about reducedPixels; the full resolution gets ZXing's
// local threshold, for codes with modules of a few pixels; and the
// expensive passes (exhaustive and inverted at full resolution, a copy
// reduced by 2, the perspective search and the variants) run only where
// their matrix shows evidence of a symbol (evidence.go).

// largeLadder runs the passes of a photo of more than largePixels.
func (s *search) largeLadder(base *imagein.Luminance, cfg *config, toImage affine) {
	f := int(math.Ceil(math.Sqrt(float64(base.W*base.H) / reducedPixels)))
	work := shrink(base, f)
	defer work.Release()
	workToImage := affine{a: float64(f), e: float64(f)}.then(toImage)
	// The reduced first pass: both thresholds, both polarities (only the
	// local, normal search with Fast).
	if cfg.fast {
		if s.detect(binarizeLocal(work, s.scr), hintsNormal, workToImage) {
			return
		}
	} else if s.both(binarizeLocal(work, s.scr), workToImage) || s.both(binarizeGlobal(work, s.scr), workToImage) {
		return
	}
	// Full resolution, for small modules: the local threshold, normal
	// search, then (past Fast, within the budget, and where the matrix
	// shows evidence of a symbol) exhaustive and inverted.
	m := binarizeLocal(base, s.scr)
	if s.detect(m, hintsNormal, toImage) || cfg.fast {
		return
	}
	s.limited = s.ctx != nil || !s.deadline.IsZero()
	if s.evidence(m) && s.detect(m, hintsTryHarder, toImage) {
		return
	}
	s.scr.invert(m)
	if s.evidence(m) && s.detect(m, hintsTryHarder, toImage) {
		return
	}
	s.bound = fallbackMaxChanceLog10
	// The work copy: local means (low contrast), both polarities; then a
	// copy reduced twice as far, for large blurred modules.
	if s.both(binarizeMean(work, s.scr), workToImage) || s.reduced(base, 2*f, toImage, false) {
		return
	}
	// A copy reduced by 2, for modules blurred over more pixels than the
	// work copy's binarizer separates, where it shows a symbol.
	if f > 2 && s.evidentHalf(base, toImage) {
		return
	}
	// The hard passes, the perspective search first, where the work copy
	// shows a symbol.
	if s.spent() || !s.evidence(binarizeLocal(work, s.scr)) && !s.evidence(binarizeGlobal(work, s.scr)) {
		return
	}
	s.hardPasses(work, workToImage)
}

// evidentHalf runs the passes of a reduced copy on base reduced by 2, if
// either threshold of it shows evidence of a symbol.
func (s *search) evidentHalf(base *imagein.Luminance, toImage affine) bool {
	if s.spent() {
		return false
	}
	half := shrink(base, 2)
	defer half.Release()
	if !s.evidence(binarizeLocal(half, s.scr)) && !s.evidence(binarizeGlobal(half, s.scr)) {
		return false
	}
	return s.reducedPasses(half, affine{a: 2, e: 2}.then(toImage), false)
}
