package decode

import "image"

// PureExact runs the search's first step alone (pureFirst, the exact pure
// reading of an image of two tones) on img, and reports whether it read a
// code.
func PureExact(img image.Image) ([]Result, bool) {
	s := search{scr: new(scratch), formats: allFormats}
	pic := picture{img: img}
	defer pic.release()
	_, done := s.pureFirst(&pic, identity, true)
	return s.results, done
}

// SmallTrace is what the Micro QR and rMQR search did on one image: how
// many finder candidates, orientations, format words, located symbols and
// decoded readings it reached, and the lowest log10 chance (acceptance.go)
// among those readings, 0 if none.
type SmallTrace struct {
	Stages [5]int
	Best   float64
}

// TraceSmall decodes img as Image does, tracing the Micro QR and rMQR
// search.
func TraceSmall(img image.Image, opts ...Option) ([]Result, SmallTrace, error) {
	var t smallTrace
	opts = append(opts, func(c *config) { c.trace = &t })
	res, err := Image(img, opts...)
	return res, SmallTrace{Stages: t.counts, Best: t.best}, err
}

// SmallMaxChanceLog10 is the acceptance bound of Micro QR and rMQR.
const SmallMaxChanceLog10 = smallMaxChanceLog10
