package decode

import "image"

// FastPNGTaken reports whether data takes the fast PNG path; for external
// tests.
func FastPNGTaken(data []byte) bool {
	_, pix, ok := fastPNG(data)
	putBytes(pix)
	return ok
}

// PureExact runs the exact pure reading alone on an encoded image, as the
// search would run it first, and reports whether it read a code.
func PureExact(data []byte) ([]Result, bool) {
	cfg := newConfig(nil)
	img, pix, err := decodeImage(data, &cfg)
	if err != nil {
		return nil, false
	}
	defer putBytes(pix)
	s := search{scr: new(scratch)}
	switch p := img.(type) {
	case *packedImage:
		v, ok := p.twoLevel()
		return s.results, ok && s.pure(v, identity, true)
	case *image.Paletted:
		if m, _ := binarizeBilevel(p, s.scr); m == nil {
			return nil, false
		}
	default:
		l := luminanceOf(img)
		defer l.release()
		t, ok := twoTone(l)
		if !ok {
			return nil, false
		}
		binarizeAt(l, t, s.scr)
	}
	ok := s.pure(scratchMatrix{s.scr}, identity, true)
	return s.results, ok
}
