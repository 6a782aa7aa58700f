package decode

import "image"

// PureExact runs the search's first step alone (pureFirst, the exact pure
// reading of an image of two tones) on img, and reports whether it read a
// code.
func PureExact(img image.Image) ([]Result, bool) {
	s := search{scr: new(scratch)}
	pic := picture{img: img}
	defer pic.release()
	_, done := s.pureFirst(&pic, identity, true)
	return s.results, done
}
