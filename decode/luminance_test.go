package decode

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
		l := luminanceOf(img)
		if l.w != r.Dx() || l.h != r.Dy() {
			t.Fatalf("%s: %d×%d", name, l.w, l.h)
		}
		for y := 0; y < l.h; y++ {
			for x := 0; x < l.w; x++ {
				got := int(l.pix[y*l.stride+x])
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
		l.release()
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
		if n := testing.AllocsPerRun(20, func() { luminanceOf(img).release() }); n > 2 {
			t.Errorf("%s: %v allocations per conversion", name, n)
		}
	}
}

func TestParsePayload(t *testing.T) {
	// ECI 26 (UTF-8), then byte mode "é" (C3 A9), then numeric "123", in a
	// version 1 bit stream: 0111 00011010 | 0100 00000010 11000011 10101001 |
	// 0001 0000000011 0001111011 | 0000.
	bits := "0111" + "00011010" + "0100" + "00000010" + "11000011" + "10101001" + "0001" + "0000000011" + "0001111011" + "0000"
	for len(bits)%8 != 0 {
		bits += "0"
	}
	data := make([]byte, len(bits)/8)
	for i, c := range bits {
		if c == '1' {
			data[i/8] |= 0x80 >> (i % 8)
		}
	}
	payload, eci, err := parsePayload(data, 1)
	if err != nil || string(payload) != "é123" || eci != 26 {
		t.Fatalf("got %q, ECI %d, %v", payload, eci, err)
	}
	if _, _, err := parsePayload([]byte{0x40, 0xFF}, 1); err == nil {
		t.Error("a byte segment longer than the data parsed without error")
	}
}

// TestBinarizeAt checks the eight-pixels-at-a-time threshold against a
// plain comparison, on two-tone rows of every length modulo 8.
func TestBinarizeAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for w := 21; w < 45; w++ {
		l := newPlane(w, 3)
		for i := range l.pix {
			l.pix[i] = [2]byte{17, 230}[rng.IntN(2)]
		}
		th, ok := twoTone(l)
		if !ok || th != 124 {
			t.Fatalf("twoTone: %d %v", th, ok)
		}
		m := binarizeAt(l, th, new(scratch))
		for y := 0; y < 3; y++ {
			for x := 0; x < w; x++ {
				if m.Get(x, y) != (l.pix[y*w+x] < 124) {
					t.Fatalf("w=%d (%d,%d): bit %v for %d", w, x, y, m.Get(x, y), l.pix[y*w+x])
				}
			}
		}
		l.release()
	}
	grey := newPlane(30, 30)
	for i := range grey.pix {
		grey.pix[i] = byte(i)
	}
	if _, ok := twoTone(grey); ok {
		t.Error("a gradient passed as two-tone")
	}
}
