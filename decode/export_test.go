package decode

import "github.com/qrworks/qrworks/internal/imagein"

// PureExact runs the search's first step alone (pureFirst, the exact pure
// reading of an image of two tones) on an encoded image, and reports
// whether it read a code.
func PureExact(data []byte) ([]Result, bool) {
	cfg := newConfig(nil)
	in, err := imagein.Decode(data, cfg.limits)
	if err != nil {
		return nil, false
	}
	defer in.Release()
	s := search{scr: new(scratch)}
	pic := picture{img: in.Image}
	defer pic.release()
	_, done := s.pureFirst(&pic, identity, true)
	return s.results, done
}
