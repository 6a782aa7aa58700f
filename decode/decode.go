package decode

import (
	"context"
	"fmt"
	"image"
	"math"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	"golang.org/x/image/draw"

	"github.com/qrworks/qrworks/internal/imagein"
)

// Image returns every QR Code, Micro QR and rMQR symbol found in img, or
// an error wrapping ErrNotFound if there is none, ErrImageTooLarge if img
// has more pixels than the budget, or ErrInvalidInput if img is nil.
func Image(img image.Image, opts ...Option) ([]Result, error) {
	if isNil(img) {
		return nil, fmt.Errorf("%w: nil image.Image", ErrInvalidInput)
	}
	cfg := newConfig(opts)
	return scanImage(img, &cfg)
}

// Thresholds of the strategy ladder.
const (
	// largePixels: above this the first pass runs on a reduced copy of
	// about reducedPixels, the full-resolution passes come after.
	largePixels   = 8_000_000
	reducedPixels = 2_000_000
	// minReducedSide: reduced copies smaller than this cannot hold a code
	// with modules of a pixel or more around a quiet zone.
	minReducedSide = 60
	// minSide: an image narrower than the smallest symbol at one pixel per
	// module cannot hold a code.
	minSide = minDim
	// maxReduction: the fallback passes read copies reduced by 2 up to this
	// factor; beyond it a code that the full plane shows too blurred or
	// noisy is a few pixels wide.
	maxReduction = 4
	// maxUpscaleSide: images up to this size get an enlarged pass, for
	// codes whose modules are too small for the finder search: by 2, and
	// by 3 up to smallSide, which keeps the copy within 2400 pixels a side.
	maxUpscaleSide = 1200
	smallSide      = maxUpscaleSide / 4
	// tinyEnlarge: a padded plane of at most smallSide is enlarged by this
	// factor, to at most maxUpscaleSide.
	tinyEnlarge = 4
	// turnDegrees: the last pass reads a copy turned by 45°, where a
	// diagonal code's finder patterns meet the rows and columns the finder
	// search scans squarely; skipped for images more than maxTurnAspect
	// times as long as wide, whose turned canvas would be much larger than
	// the image.
	turnDegrees   = 45
	maxTurnAspect = 2
	// workPixels bounds the size of the plane the expensive passes run on.
	workPixels = 2_000_000
	// padDivisor and padPixels size the white margin of the padded pass:
	// an eighth of the shorter side is 2.6 modules of a version 1 code that
	// fills the image, room for the light run the finder search needs
	// beyond a finder pattern (the quiet zone is 4 modules, ISO/IEC
	// 18004:2015 clause 6.3.7); the added pixels are one block of the local
	// binarizer, so that a small image still gets a white block.
	padDivisor = 8
	padPixels  = 1 << localBlockPower
)

// search accumulates the results of the passes over one image.
type search struct {
	results []Result
	formats formatSet
	trace   *smallTrace // nil but in tests
	bound   float64     // log10 chance bound for readings, 0 for none (see margin.go)
	scr     *scratch
	origin  image.Point

	// The budget of the fallback passes (Timeout, Context), checked by
	// spent once limited is set after the first pass.
	limited  bool
	deadline time.Time       // zero: none
	ctx      context.Context // nil: none
	stopped  error           // why the search stopped early, nil if it did not
}

// spent reports whether the budget of the fallback passes is used up, and
// records why.
func (s *search) spent() bool {
	switch {
	case !s.limited:
		return false
	case s.stopped != nil:
		return true
	case s.ctx != nil && s.ctx.Err() != nil:
		s.stopped = s.ctx.Err()
	case !s.deadline.IsZero() && !time.Now().Before(s.deadline):
		s.stopped = context.DeadlineExceeded
	}
	return s.stopped != nil
}

// notFound is the error of a search that found nothing.
func (s *search) notFound() error {
	if s.stopped != nil {
		return fmt.Errorf("%w: search stopped early: %w", ErrNotFound, s.stopped)
	}
	return ErrNotFound
}

// picture is the image searched, and its luminance once computed.
type picture struct {
	img image.Image
	lum *imagein.Luminance
}

// luminance returns the image's luminance, computed on the first call.
func (p *picture) luminance() *imagein.Luminance {
	if p.lum == nil {
		p.lum = imagein.LuminanceOf(p.img)
	}
	return p.lum
}

func (p *picture) release() { p.lum.Release() }

// scanSymbols checks img against the limits, then reads its symbols: an
// image of two tones as a rendered code first, then by the ladder of
// passes. scanImage merges the sequences among them.
func scanSymbols(img image.Image, cfg *config) ([]Result, error) {
	if img == nil {
		return nil, fmt.Errorf("%w: nil image", ErrNotFound)
	}
	b := img.Bounds()
	if b.Empty() {
		return nil, fmt.Errorf("%w: empty image", ErrNotFound)
	}
	if px := int64(b.Dx()) * int64(b.Dy()); px > cfg.limits.MaxPixels {
		return nil, fmt.Errorf("%w: %d×%d pixels, limit %d", ErrImageTooLarge, b.Dx(), b.Dy(), cfg.limits.MaxPixels)
	}
	if min(b.Dx(), b.Dy()) < minSide {
		return nil, fmt.Errorf("%w: %d×%d pixels is smaller than any code", ErrNotFound, b.Dx(), b.Dy())
	}
	s := search{scr: scratchPool.Get().(*scratch), origin: b.Min, ctx: cfg.ctx, formats: cfg.formats, trace: cfg.trace}
	defer scratchPool.Put(s.scr)
	if cfg.timeout > 0 {
		s.deadline = time.Now().Add(cfg.timeout)
	}
	pic := picture{img: img}
	defer pic.release()
	toImage := affine{a: 1, e: 1, c: float64(b.Min.X), f: float64(b.Min.Y)}
	if m, done := s.pureFirst(&pic, toImage, !cfg.pure); done || (m != nil && s.detect(m, hintsNormal, toImage)) {
		return s.results, nil
	}
	if s.ladder(pic.luminance(), cfg); len(s.results) == 0 {
		return nil, s.notFound()
	}
	return s.results, nil
}

// ladder runs the passes from cheapest to most expensive and stops after the
// first that finds anything.
func (s *search) ladder(base *imagein.Luminance, cfg *config) {
	toImage := affine{a: 1, e: 1, c: float64(s.origin.X), f: float64(s.origin.Y)}
	px := base.W * base.H

	if cfg.pure {
		binarizeGlobal(base, s.scr)
		if s.pure(scratchMatrix{s.scr}, toImage, false) {
			return
		}
	}
	if px > largePixels {
		f := int(math.Ceil(math.Sqrt(float64(px) / reducedPixels)))
		if s.reduced(base, f, toImage, cfg.fast) {
			return
		}
	}
	// First pass: ZXing's local threshold and normal finder search.
	m := binarizeLocal(base, s.scr)
	if s.detect(m, hintsNormal, toImage) || cfg.fast {
		return
	}
	// From here on the budget applies.
	s.limited = s.ctx != nil || !s.deadline.IsZero()
	// The same matrix, searched exhaustively, then inverted (light on dark).
	if s.detect(m, hintsTryHarder, toImage) {
		return
	}
	s.scr.invert(m)
	if s.detect(m, hintsTryHarder, toImage) {
		return
	}
	// From here on many more symbols are sampled, most from spurious
	// finder triples: readings must clear a chance bound.
	s.bound = fallbackMaxChanceLog10
	// A global threshold, both polarities.
	if s.both(binarizeGlobal(base, s.scr), toImage) {
		return
	}
	// Reduced copies: averaging removes noise and JPEG blocking, and brings
	// large blurred modules into the binarizer's window.
	for f := 2; f <= maxReduction; f++ {
		if s.reduced(base, f, toImage, false) {
			return
		}
	}
	// The remaining passes are the expensive ones. On a large photo they run
	// on a copy reduced to about workPixels, which bounds the time an image
	// without any code can take.
	if s.spent() {
		return
	}
	work, workToImage := base, toImage
	if px > workPixels {
		f := int(math.Ceil(math.Sqrt(float64(px) / workPixels)))
		work, workToImage = shrink(base, f), affine{a: float64(f), e: float64(f)}.then(toImage)
		defer work.Release()
	}
	s.hardPasses(work, workToImage)
}

// hardPasses runs the expensive strategies on base.
func (s *search) hardPasses(base *imagein.Luminance, toImage affine) {
	// Strong tilt: search the perspective around each finder triple.
	if s.perspective(binarizeLocal(base, s.scr), toImage) || s.perspective(binarizeGlobal(base, s.scr), toImage) {
		return
	}
	// Low contrast: stretch the histogram so flat-looking blocks separate.
	if s.spent() {
		return
	}
	if st := stretch(base); st != nil {
		if s.variant(st, toImage) {
			return
		}
	}
	// Enlarged copy for tiny modules.
	if max(base.W, base.H) <= maxUpscaleSide && !s.spent() {
		k := 2
		if max(base.W, base.H) <= smallSide {
			k = 3
		}
		if s.variantTilted(enlarge(base, k), affine{a: 1 / float64(k), e: 1 / float64(k)}.then(toImage)) {
			return
		}
	}
	// A white margin for codes that touch the image edge (no quiet zone).
	if s.spent() {
		return
	}
	margin := min(base.W, base.H)/padDivisor + padPixels
	padded, back := pad(base, margin), affine{a: 1, e: 1, c: -float64(margin), f: -float64(margin)}.then(toImage)
	if max(padded.W, padded.H) <= smallSide {
		// Tiny, edge to edge: often one pixel per module, which
		// nearest-neighbour enlargement keeps crisp.
		big := enlargeWith(padded, tinyEnlarge, draw.NearestNeighbor)
		padded.Release()
		padded, back = big, affine{a: 1.0 / tinyEnlarge, e: 1.0 / tinyEnlarge}.then(back)
	}
	if s.variant(padded, back) {
		return
	}
	// Smoothed, for textured, dotted or noisy modules.
	if s.spent() || s.variant(blur(base), toImage) {
		return
	}
	// Turned, for diagonal codes (see turnDegrees).
	if max(base.W, base.H) <= maxTurnAspect*min(base.W, base.H) && !s.spent() {
		if rot, back := rotate(base, turnDegrees); s.variant(rot, back.then(toImage)) {
			return
		}
	}
}

// variant runs both binarizers in both polarities on l, then releases l.
func (s *search) variant(l *imagein.Luminance, toImage affine) bool {
	defer l.Release()
	if s.spent() {
		return false
	}
	return s.both(binarizeLocal(l, s.scr), toImage) || s.both(binarizeGlobal(l, s.scr), toImage)
}

// variantTilted is variant followed by the perspective search.
func (s *search) variantTilted(l *imagein.Luminance, toImage affine) bool {
	defer l.Release()
	if s.spent() {
		return false
	}
	return s.both(binarizeLocal(l, s.scr), toImage) || s.both(binarizeGlobal(l, s.scr), toImage) ||
		s.perspective(binarizeLocal(l, s.scr), toImage) || s.perspective(binarizeGlobal(l, s.scr), toImage)
}

// reduced runs passes on base shrunk by factor f.
func (s *search) reduced(base *imagein.Luminance, f int, toImage affine, fast bool) bool {
	if base.W/f < minReducedSide || base.H/f < minReducedSide || s.spent() {
		return false
	}
	small := shrink(base, f)
	defer small.Release()
	back := affine{a: float64(f), e: float64(f)}.then(toImage)
	if fast {
		return s.detect(binarizeLocal(small, s.scr), hintsNormal, back)
	}
	return s.both(binarizeLocal(small, s.scr), back) || s.both(binarizeGlobal(small, s.scr), back) ||
		s.perspective(binarizeLocal(small, s.scr), back) || s.perspective(binarizeGlobal(small, s.scr), back)
}

// both searches m exhaustively, then its inverse.
func (s *search) both(m *gozxing.BitMatrix, toImage affine) bool {
	if s.detect(m, hintsTryHarder, toImage) {
		return true
	}
	s.scr.invert(m)
	return s.detect(m, hintsTryHarder, toImage)
}

// detect looks for symbols in m, first with the multi-symbol finder, then
// with the single-symbol one, and decodes them. It reports whether it added
// a result.
func (s *search) detect(m *gozxing.BitMatrix, hints map[gozxing.DecodeHintType]any, toImage affine) bool {
	if s.spent() {
		return false
	}
	found := false
	if s.formats.has(QR) {
		found = s.detectQR(m, hints, toImage)
	}
	// Micro QR and rMQR, beside any QR Code found: the one hook of their
	// search into the ladder (small.go).
	return s.detectSmall(m, toImage) || found
}

// detectQR looks for QR Codes in m, first with gozxing's multi-symbol
// detector, then with its single-symbol one, and decodes them.
func (s *search) detectQR(m *gozxing.BitMatrix, hints map[gozxing.DecodeHintType]any, toImage affine) bool {
	found := false
	if drs, ok := detectMulti(m, hints); ok {
		for _, dr := range drs {
			found = s.add(m, dr, toImage) || found
		}
	}
	if found {
		return true
	}
	if dr, ok := detectOne(m, hints); ok {
		found = s.add(m, dr, toImage)
	}
	return found
}

// add decodes one detected symbol and keeps it unless it repeats a result
// already found at the same place. When gozxing's sampling of a large
// symbol does not decode, it samples again piecewise (see grid.go).
func (s *search) add(m *gozxing.BitMatrix, dr *common.DetectorResult, toImage affine) bool {
	return s.addBits(dr.GetBits(), dr.GetPoints(), toImage, 0) ||
		s.addLocal(m, dr.GetPoints(), dr.GetBits().GetHeight(), toImage)
}

func (s *search) addBits(bits *gozxing.BitMatrix, points []gozxing.ResultPoint, toImage affine, bound float64) bool {
	r, _, ok := readSymbol(bits, points, toImage, min(bound, s.bound))
	if !ok {
		return false
	}
	cx, cy := r.center()
	for i := range s.results {
		o := &s.results[i]
		ox, oy := o.center()
		if o.Text == r.Text && math.Hypot(cx-ox, cy-oy) < max(o.size(), r.size())/2 {
			return false
		}
	}
	s.results = append(s.results, r)
	return true
}
