package decode

import (
	"context"
	"fmt"
	"image"
	"math"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	multidetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
	"golang.org/x/image/draw"
)

// Image returns every QR code found in img, or an error wrapping ErrNotFound
// if there is none, or ErrImageTooLarge if img has more pixels than the
// budget.
func Image(img image.Image, opts ...Option) ([]Result, error) {
	cfg := newConfig(opts)
	return scanImage(img, &cfg)
}

// hints given to gozxing. Maps that are only read are safe to share.
var (
	hintsNormal    map[gozxing.DecodeHintType]any
	hintsTryHarder = map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
)

// Thresholds of the strategy ladder.
const (
	// largePixels: above this the first pass runs on a reduced copy of
	// about reducedPixels, the full-resolution passes come after.
	largePixels   = 8_000_000
	reducedPixels = 2_000_000
	// minReducedSide: reduced copies smaller than this cannot hold a code
	// with modules of a pixel or more around a quiet zone.
	minReducedSide = 60
	// minSide: the smallest symbol, version 1, is 21 modules wide (ISO/IEC
	// 18004:2015 clause 5.3.1); an image narrower than that at one pixel
	// per module cannot hold a code.
	minSide = 21
	// maxUpscaleSide: images up to this size get an enlarged pass, for
	// codes whose modules are too small for the finder search.
	maxUpscaleSide = 1200
	// workPixels bounds the size of the plane the expensive passes run on.
	workPixels = 2_000_000
)

// search accumulates the results of the passes over one image.
type search struct {
	results []Result
	bound   float64 // log10 chance bound for readings, 0 for none (see margin.go)
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

func scanSymbols(img image.Image, cfg *config) ([]Result, error) {
	if img == nil {
		return nil, fmt.Errorf("%w: nil image", ErrNotFound)
	}
	b := img.Bounds()
	if b.Empty() {
		return nil, fmt.Errorf("%w: empty image", ErrNotFound)
	}
	if px := int64(b.Dx()) * int64(b.Dy()); px > cfg.maxPixels {
		return nil, fmt.Errorf("%w: %d×%d pixels, limit %d", ErrImageTooLarge, b.Dx(), b.Dy(), cfg.maxPixels)
	}
	if min(b.Dx(), b.Dy()) < minSide {
		return nil, fmt.Errorf("%w: %d×%d pixels is smaller than any code", ErrNotFound, b.Dx(), b.Dy())
	}
	s := search{scr: scratchPool.Get().(*scratch), origin: b.Min, ctx: cfg.ctx}
	defer scratchPool.Put(s.scr)
	if cfg.timeout > 0 {
		s.deadline = time.Now().Add(cfg.timeout)
	}
	toImage := affine{a: 1, e: 1, c: float64(b.Min.X), f: float64(b.Min.Y)}
	// Two-colour images are binarized already: read them without computing
	// luminance at all; the ladder only runs if that finds nothing.
	var m *gozxing.BitMatrix
	switch p := img.(type) {
	case *packedImage:
		// Read as a rendered code straight from the packed bits; the
		// finder search needs them as a matrix.
		if v, ok := p.twoLevel(); ok {
			if s.pure(v, toImage, !cfg.pure) {
				return s.results, nil
			}
			m = v.bitMatrix(s.scr)
		}
	case *image.Paletted:
		if m, _ = binarizeBilevel(p, s.scr); m != nil && s.pure(scratchMatrix{s.scr}, toImage, !cfg.pure) {
			return s.results, nil
		}
	}
	if m != nil && s.detect(m, hintsNormal, toImage) {
		return s.results, nil
	}
	base := luminanceOf(img)
	defer base.release()

	if s.ladder(base, cfg); len(s.results) == 0 {
		return nil, s.notFound()
	}
	return s.results, nil
}

// ladder runs the passes from cheapest to most expensive and stops after the
// first that finds anything.
func (s *search) ladder(base *luminance, cfg *config) {
	toImage := affine{a: 1, e: 1, c: float64(s.origin.X), f: float64(s.origin.Y)}
	px := base.w * base.h

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
	// A clean two-tone picture needs no local thresholds: one global level
	// reads it exactly, for a fraction of the cost.
	if t, ok := twoTone(base); ok {
		m := binarizeAt(base, t, s.scr)
		if s.pure(scratchMatrix{s.scr}, toImage, !cfg.pure) || s.detect(m, hintsNormal, toImage) {
			return
		}
	}
	// First pass: ZXing's local threshold and normal finder search.
	m := binarizeLocal(base, s.scr, 3)
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
	for f := 2; f <= 4; f++ {
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
		defer work.release()
	}
	s.hardPasses(work, workToImage)
}

// hardPasses runs the expensive strategies on base.
func (s *search) hardPasses(base *luminance, toImage affine) {
	// Strong tilt: search the perspective around each finder triple.
	if s.perspective(binarizeLocal(base, s.scr, 3), toImage) || s.perspective(binarizeGlobal(base, s.scr), toImage) {
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
	if max(base.w, base.h) <= maxUpscaleSide && !s.spent() {
		k := 2
		if max(base.w, base.h) <= maxUpscaleSide/4 {
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
	margin := min(base.w, base.h)/8 + 8
	padded, back := pad(base, margin), affine{a: 1, e: 1, c: -float64(margin), f: -float64(margin)}.then(toImage)
	if max(padded.w, padded.h) <= maxUpscaleSide/4 {
		// Tiny, edge to edge: often one pixel per module, which
		// nearest-neighbour enlargement keeps crisp.
		big := enlargeWith(padded, 4, draw.NearestNeighbor)
		padded.release()
		padded, back = big, affine{a: 0.25, e: 0.25}.then(back)
	}
	if s.variant(padded, back) {
		return
	}
	// Smoothed, for textured, dotted or noisy modules.
	if s.spent() || s.variant(blur(base), toImage) {
		return
	}
	// Turned by 45°: the finder search scans rows and columns, and a
	// diagonal code shows it finder patterns at their least favourable.
	// Skipped for elongated images, whose turned canvas would be much
	// larger than the image.
	if max(base.w, base.h) <= 2*min(base.w, base.h) && !s.spent() {
		if rot, back := rotate(base, 45); s.variant(rot, back.then(toImage)) {
			return
		}
	}
}

// variant runs both binarizers in both polarities on l, then releases l.
func (s *search) variant(l *luminance, toImage affine) bool {
	defer l.release()
	if s.spent() {
		return false
	}
	return s.both(binarizeLocal(l, s.scr, 3), toImage) || s.both(binarizeGlobal(l, s.scr), toImage)
}

// variantTilted is variant followed by the perspective search.
func (s *search) variantTilted(l *luminance, toImage affine) bool {
	defer l.release()
	if s.spent() {
		return false
	}
	return s.both(binarizeLocal(l, s.scr, 3), toImage) || s.both(binarizeGlobal(l, s.scr), toImage) ||
		s.perspective(binarizeLocal(l, s.scr, 3), toImage) || s.perspective(binarizeGlobal(l, s.scr), toImage)
}

// reduced runs passes on base shrunk by factor f.
func (s *search) reduced(base *luminance, f int, toImage affine, fast bool) bool {
	if base.w/f < minReducedSide || base.h/f < minReducedSide || s.spent() {
		return false
	}
	small := shrink(base, f)
	defer small.release()
	back := affine{a: float64(f), e: float64(f)}.then(toImage)
	if fast {
		return s.detect(binarizeLocal(small, s.scr, 3), hintsNormal, back)
	}
	return s.both(binarizeLocal(small, s.scr, 3), back) || s.both(binarizeGlobal(small, s.scr), back) ||
		s.perspective(binarizeLocal(small, s.scr, 3), back) || s.perspective(binarizeGlobal(small, s.scr), back)
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
// a result. A panic inside gozxing ends this pass only.
func (s *search) detect(m *gozxing.BitMatrix, hints map[gozxing.DecodeHintType]any, toImage affine) (found bool) {
	if s.spent() {
		return false
	}
	defer func() { _ = recover() }() // keep what was found before a panic
	if drs, err := multidetector.NewMultiDetector(m).DetectMulti(hints); err == nil {
		for _, dr := range drs {
			found = s.add(m, dr, toImage) || found
		}
	}
	if found {
		return true
	}
	if dr, err := detector.NewDetector(m).Detect(hints); err == nil {
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
