package imagein

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"testing"
)

// TestLuminanceFastPaths checks every fast path against the generic
// conversion through At, on random colours with random alpha.
func TestLuminanceFastPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	r := image.Rect(3, 5, 40, 33)
	src := image.NewNRGBA(r)
	for i := range src.Pix {
		src.Pix[i] = uint8(rng.IntN(256))
	}
	opaque := image.NewNRGBA(r)
	draw.Draw(opaque, r, src, r.Min, draw.Src)
	for i := 3; i < len(opaque.Pix); i += 4 {
		opaque.Pix[i] = 255
	}
	pal := image.NewPaletted(r, color.Palette{color.Black, color.White, color.NRGBA{200, 30, 60, 255}, color.NRGBA{10, 250, 90, 128}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(rng.IntN(4))
	}
	conv := func(dst draw.Image, from image.Image) image.Image {
		draw.Draw(dst, r, from, r.Min, draw.Src)
		return dst
	}
	ycc := image.NewYCbCr(r, image.YCbCrSubsampleRatio444)
	for i := range ycc.Y {
		ycc.Y[i], ycc.Cb[i], ycc.Cr[i] = uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))
	}
	cases := map[string]image.Image{
		"NRGBA":    src,
		"RGBA":     conv(image.NewRGBA(r), src),
		"Gray":     conv(image.NewGray(r), opaque),
		"Gray16":   conv(image.NewGray16(r), opaque),
		"CMYK":     conv(image.NewCMYK(r), opaque),
		"Paletted": pal,
		"YCbCr":    ycc,
	}
	for name, img := range cases {
		l := LuminanceOf(img)
		if l.W != r.Dx() || l.H != r.Dy() {
			t.Fatalf("%s: %d×%d", name, l.W, l.H)
		}
		for y := 0; y < l.H; y++ {
			for x := 0; x < l.W; x++ {
				got := int(l.Pix[y*l.Stride+x])
				var want int
				if c, ok := img.At(r.Min.X+x, r.Min.Y+y).(color.YCbCr); ok {
					want = int(c.Y) // JPEG luminance is the Y channel itself
				} else {
					want = int(grayOf(img.At(r.Min.X+x, r.Min.Y+y).RGBA()))
				}
				if abs(got-want) > 2 {
					t.Fatalf("%s (%d,%d): luminance %d, generic path %d", name, x, y, got, want)
				}
			}
		}
		l.Release()
	}
}

// TestLuminanceAllocs: Gray and YCbCr are read in place, and the pooled
// paths allocate nothing once warm.
func TestLuminanceAllocs(t *testing.T) {
	r := image.Rect(0, 0, 320, 240)
	for name, img := range map[string]image.Image{
		"Gray":  image.NewGray(r),
		"YCbCr": image.NewYCbCr(r, image.YCbCrSubsampleRatio420),
		"NRGBA": image.NewNRGBA(r),
		"RGBA":  image.NewRGBA(r),
	} {
		if n := testing.AllocsPerRun(20, func() { LuminanceOf(img).Release() }); n > 2 {
			t.Errorf("%s: %v allocations per conversion", name, n)
		}
	}
}
