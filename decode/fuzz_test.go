package decode_test

import (
	"errors"
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"github.com/qrworks/qrworks/decode"
)

// fuzzBudget is FuzzDecodeImage's time budget for the fallback passes.
const fuzzBudget = 100 * time.Millisecond

// Pixel layouts of FuzzDecodeImage, chosen by the input's second byte.
const (
	fuzzGray     = iota // the bytes as grey levels: the ladder of passes
	fuzzTwoTone         // thresholded to black and white: the pure reading first
	fuzzPaletted        // thresholded into a two-colour palette: read from its indices
	fuzzLayouts
)

// fuzzImage builds the picture of a FuzzDecodeImage input: its first byte
// is the width, its second the layout, the rest the pixels row by row (an
// incomplete last row is dropped).
func fuzzImage(data []byte) (image.Image, bool) {
	if len(data) < 2 || data[0] == 0 {
		return nil, false
	}
	w, layout, pix := int(data[0]), data[1]%fuzzLayouts, data[2:]
	h := len(pix) / w
	if h == 0 {
		return nil, false
	}
	r := image.Rect(0, 0, w, h)
	if layout == fuzzPaletted {
		p := image.NewPaletted(r, color.Palette{color.White, color.Black})
		for i, v := range pix[:w*h] {
			if v < 0x80 {
				p.Pix[i] = 1
			}
		}
		return p, true
	}
	g := image.NewGray(r)
	copy(g.Pix, pix)
	if layout == fuzzTwoTone {
		for i, v := range g.Pix {
			g.Pix[i] = 0xff * (v >> 7)
		}
	}
	return g, true
}

// fuzzInput is the input that fuzzImage turns back into img.
func fuzzInput(img *image.Gray, layout byte) []byte {
	return append([]byte{byte(img.Rect.Dx()), layout}, img.Pix...)
}

// FuzzDecodeImage feeds Image pictures whose pixels come from the fuzzer,
// seeded with rendered codes up to version 8: mutations reach the pure
// reading, the finder search, the perspective search and the piecewise
// sampler, none of which runs under a recover. Whatever the pixels, Image
// returns results or an error wrapping ErrNotFound, never a panic.
//
// A damaged code that no pass reads costs the whole ladder, half a second
// and many times that under the fuzzer's instrumentation: the budget keeps
// such inputs from starving the fuzzer, and the passes it cuts short are
// reached in full by the inputs that fail fast.
func FuzzDecodeImage(f *testing.F) {
	for _, s := range []symbol{
		refSymbol(f, "fuzz", "L"),
		refSymbol(f, "https://example.com/fuzz", "H"),
		refSymbol(f, strings.Repeat("alignment grid ", 9), "M"), // version 8: six alignment patterns
	} {
		img := render(s, 2, 2)
		for layout := range byte(fuzzLayouts) {
			f.Add(fuzzInput(img, layout))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		img, ok := fuzzImage(data)
		if !ok {
			return
		}
		res, err := decode.Image(img, decode.Timeout(fuzzBudget))
		switch {
		case err == nil && len(res) == 0:
			t.Fatal("nil error without results")
		case err != nil && !errors.Is(err, decode.ErrNotFound):
			t.Fatalf("error %v does not wrap ErrNotFound", err)
		}
	})
}
