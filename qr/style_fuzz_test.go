package qr

import (
	"errors"
	"image/color"
	"math"
	"testing"

	"github.com/qrworks/qrworks/decode"
)

// FuzzStyled encodes arbitrary text with arbitrary styling: Encode either
// returns a Code whose render defaults pass the check and whose image
// decodes to the text, or an error matching one of the package's
// sentinels; it never panics.
func FuzzStyled(f *testing.F) {
	f.Add("https://example.com", uint8(1), uint8(2), uint32(0x1a237e), uint32(0x6a1b9a), 45.0, 0.2, uint8(4))
	f.Add("a", uint8(2), uint8(0), uint32(0xffeb3b), uint32(0xffffff), 0.0, 0.5, uint8(1))
	f.Add("0123456789", uint8(0), uint8(1), uint32(0), uint32(0), math.NaN(), 0.0, uint8(8))
	logo := noiseLogo(16, 16, 3)
	f.Fuzz(func(t *testing.T, text string, modules, finders uint8, from, to uint32, angle, ratio float64, scale uint8) {
		if len(text) > 200 {
			return // the check's cost grows with the version: keep inputs fast
		}
		rgb := func(v uint32) color.Color { return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff} }
		opts := []Option{Modules(Shape(modules % 4)), Finders(Shape(finders % 4)), Scale(int(scale%12) + 1)}
		if from != to {
			opts = append(opts, Gradient(rgb(from), rgb(to), angle))
		}
		if ratio != 0 {
			opts = append(opts, Logo(logo, ratio))
		}
		code, err := Encode(text, M, opts...)
		if err != nil {
			if !errors.Is(err, ErrNotScannable) && !errors.Is(err, ErrInvalidOption) && !errors.Is(err, ErrTooLong) {
				t.Fatalf("error matching no sentinel: %v", err)
			}
			return
		}
		img, err := code.Raster()
		if err != nil {
			t.Fatalf("the render defaults of an encoded Code fail: %v", err)
		}
		if rep, ok := code.Report(); ok && !rep.OK() {
			t.Fatalf("Encode kept a report that fails: %v", rep)
		}
		res, err := decode.Image(img)
		if err != nil || len(res) != 1 || payloadHash(res[0].Bytes) != code.payload {
			t.Fatalf("the image of an encoded Code reads as %v, %v", res, err)
		}
	})
}
