package decode_test

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"reflect"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/imagein"
	"github.com/qrworks/qrworks/qr"
)

// pureExact runs the search's first step alone on an encoded image, as
// decode.Bytes decodes it.
func pureExact(t *testing.T, data []byte) ([]decode.Result, bool) {
	t.Helper()
	in, err := imagein.Decode(data, imagein.Limits{MaxBytes: decode.DefaultMaxBytes, MaxPixels: decode.DefaultMaxPixels})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Release()
	return decode.PureExact(in.Image)
}

// pngOf encodes img with image/png (1-bit for two-colour palettes, 8-bit
// greyscale for *image.Gray).
func pngOf(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPureExact checks when the search's first reading, the exact pure one,
// answers alone: for a rendered code in any of the PNG layouts and as a
// two-colour paletted image, with the same result as the finder search; and
// never for an image that holds more than the one code or a code that needs
// correcting, which the full search still reads completely.
func TestPureExact(t *testing.T) {
	const text = "https://example.com/product/0123456789?batch=42"
	code, err := qr.Encode(text, qr.H)
	if err != nil {
		t.Fatal(err)
	}
	img := code.Image(qr.Scale(4))
	b := img.Bounds()
	gray := image.NewGray(b)
	draw.Draw(gray, b, img, b.Min, draw.Src)
	pal := image.NewPaletted(b, color.Palette{color.White, color.Black}) // light is index 0
	draw.Draw(pal, b, img, b.Min, draw.Src)

	ours := func(opts ...qr.Option) []byte {
		p, err := code.PNG(opts...)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name         string
		data         []byte
		scale, quiet int
	}{
		{"ours scale 10", ours(qr.Scale(10)), 10, 4},
		{"ours scale 1 no margin", ours(qr.Scale(1), qr.QuietZone(0)), 1, 0},
		{"ours colours", ours(qr.Scale(3), qr.Colors(color.RGBA{0x20, 0x30, 0x90, 0xff}, color.RGBA{0xff, 0xf0, 0xc0, 0xff})), 3, 4},
		{"1-bit palette", pngOf(t, pal), 4, 4},
		{"8-bit grey", pngOf(t, gray), 4, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := pureExact(t, tc.data)
			if !ok || len(got) != 1 {
				t.Fatalf("exact pure reading: %v %+v", ok, got)
			}
			r := got[0]
			// The symbol's outer corners, clockwise from top-left.
			lo, hi := tc.quiet*tc.scale, (tc.quiet+code.Size())*tc.scale
			corners := [4]image.Point{{lo, lo}, {hi, lo}, {hi, hi}, {lo, hi}}
			if r.Text != text || r.Level != "H" || r.Version != code.Version() || r.Mask != code.Mask() || r.Corners != corners || r.Mirrored {
				t.Errorf("read %+v, want version %d, mask %d, corners %v", r, code.Version(), code.Mask(), corners)
			}
			if all, err := decode.Bytes(tc.data); err != nil || !reflect.DeepEqual(all, got) {
				t.Fatalf("search gave %+v (%v), pure reading %+v", all, err, got)
			}
		})
	}

	t.Run("paletted image", func(t *testing.T) {
		// A two-colour *image.Paletted (what encoders hand over in memory)
		// is read from its indices, light first or dark first.
		inverse := image.NewPaletted(b, color.Palette{color.Black, color.White})
		draw.Draw(inverse, b, img, b.Min, draw.Src)
		lo, hi := 4*4, (4+code.Size())*4
		for _, p := range []*image.Paletted{pal, inverse} {
			got, ok := decode.PureExact(p)
			if !ok || len(got) != 1 || got[0].Text != text || got[0].Corners != [4]image.Point{{lo, lo}, {hi, lo}, {hi, hi}, {lo, hi}} {
				t.Fatalf("exact pure reading of palette %v: %v %+v", p.Palette, ok, got)
			}
			if all, err := decode.Image(p); err != nil || !reflect.DeepEqual(all, got) {
				t.Fatalf("search gave %+v (%v), pure reading %+v", all, err, got)
			}
		}
	})

	t.Run("one module wrong", func(t *testing.T) {
		bad := image.NewGray(b)
		copy(bad.Pix, gray.Pix)
		// A data module near the centre, flipped: 4×4 pixels.
		c := b.Dx() / 2 / 4 * 4
		for y := c; y < c+4; y++ {
			for x := c; x < c+4; x++ {
				bad.Pix[y*bad.Stride+x] ^= 0xff
			}
		}
		data := pngOf(t, bad)
		if _, ok := pureExact(t, data); ok {
			t.Fatal("exact pure reading accepted a symbol that needs correcting")
		}
		if got, err := decode.Bytes(data); err != nil || len(got) != 1 || got[0].Text != text {
			t.Fatalf("search: %+v, %v", got, err)
		}
	})

	t.Run("two codes", func(t *testing.T) {
		other, err := qr.Encode("second", qr.H)
		if err != nil {
			t.Fatal(err)
		}
		o := other.Image(qr.Scale(4))
		two := image.NewPaletted(image.Rect(0, 0, b.Dx()+o.Bounds().Dx(), b.Dy()), color.Palette{color.White, color.Black})
		draw.Draw(two, two.Bounds(), image.White, image.Point{}, draw.Src)
		draw.Draw(two, b, img, b.Min, draw.Src)
		draw.Draw(two, o.Bounds().Add(image.Pt(b.Dx(), 0)), o, o.Bounds().Min, draw.Src)
		data := pngOf(t, two)
		if _, ok := pureExact(t, data); ok {
			t.Fatal("exact pure reading answered for an image with two codes")
		}
		got, err := decode.Bytes(data)
		if err != nil || len(got) != 2 {
			t.Fatalf("search: %+v, %v", got, err)
		}
	})
}
