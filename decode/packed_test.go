package decode

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"testing"

	"github.com/qrworks/qrworks/internal/imagein"
)

// randomPacked returns a w×h packed image of random bits, padding bits
// zero, as the image input makes them.
func randomPacked(rng *rand.Rand, w, h int, palette color.Palette) *imagein.Packed {
	p := &imagein.Packed{W: w, H: h, Stride: (w + 7) / 8, Palette: palette}
	p.Bits = make([]byte, p.Stride*h)
	for i := range p.Bits {
		p.Bits[i] = byte(rng.IntN(256))
	}
	for y := range h {
		p.Bits[y*p.Stride+p.Stride-1] &= imagein.LastByteMask(w)
	}
	return p
}

// checkPackedDark asserts that the dark view of p, its bit matrix and both
// dark boxes mark exactly the pixels of p's darker luminance level, and
// that p counts as two-level exactly when its levels are far apart.
func checkPackedDark(t *testing.T, p *imagein.Packed) {
	t.Helper()
	v, ok := twoLevel(p)
	lum := p.Levels()
	if ok != (abs(int(lum[0])-int(lum[1])) > minDynamicRange) {
		t.Fatalf("two levels ok=%v for levels %v", ok, lum)
	}
	if !ok {
		return
	}
	var s scratch
	m := v.bitMatrix(&s)
	l := imagein.LuminanceOf(p)
	defer l.Release()
	dark := min(lum[0], lum[1])
	box := [4]int{p.W, p.H, -1, -1} // left, top, right, bottom of the dark pixels
	for y := 0; y < p.H; y++ {
		for x := 0; x < p.W; x++ {
			want := l.Row(y)[x] == dark
			if m.Get(x, y) != want || v.dark(x, y) != want {
				t.Fatalf("pixel (%d, %d): matrix %v, packed %v, luminance %d (levels %v)", x, y, m.Get(x, y), v.dark(x, y), l.Row(y)[x], lum)
			}
			if want {
				box = [4]int{min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)}
			}
		}
	}
	left, top, right, bottom, found := v.darkBox()
	if found != (box[2] >= 0) || found && [4]int{left, top, right, bottom} != box {
		t.Fatalf("packed dark box %v (found %v), want %v", [4]int{left, top, right, bottom}, found, box)
	}
	left, top, right, bottom, found = s.darkBox()
	if found != (box[2] >= 0) || found && [4]int{left, top, right, bottom} != box {
		t.Fatalf("matrix dark box %v (found %v), want %v", [4]int{left, top, right, bottom}, found, box)
	}
}

// TestPackedDark checks the dark view of random packed images against
// their luminance, at every width from 1 to 80 (all tail lengths of the
// eight- and four-byte loads), for greyscale and for palettes of one and
// two colours, either one dark, or too close to tell.
func TestPackedDark(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	navy, cream := color.RGBA{0x20, 0x30, 0x90, 0xff}, color.RGBA{0xff, 0xf0, 0xc0, 0xff}
	palettes := []color.Palette{
		nil,
		{color.White, color.Black},
		{navy, cream},
		{cream, color.NRGBA{0, 0, 0, 0x80}}, // half-transparent black over white
		{color.Black},
		{color.Gray{Y: 0x80}, color.Gray{Y: 0x88}},
	}
	for w := 1; w <= 80; w++ {
		for i, pal := range palettes {
			t.Run(fmt.Sprintf("w%d/palette%d", w, i), func(t *testing.T) {
				checkPackedDark(t, randomPacked(rng, w, 1+rng.IntN(9), pal))
			})
		}
	}
}

// TestPackedDarkBox checks the dark box of packed images holding a few dark
// pixels, at every width from 1 to 80, with either sample dark.
func TestPackedDarkBox(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for w := 1; w <= 80; w++ {
		for _, palette := range []color.Palette{nil, {color.White, color.Black}} {
			p := &imagein.Packed{W: w, H: 7, Stride: (w + 7) / 8, Palette: palette}
			p.Bits = make([]byte, p.Stride*p.H)
			v, ok := twoLevel(p)
			if !ok {
				t.Fatal("two levels declined")
			}
			light := 1 - v.darkBit
			for i := range p.Bits {
				p.Bits[i] = -light // all light: 0x00 or 0xff
			}
			for y := range p.H { // keep the padding bits zero, as the image input does
				p.Bits[y*p.Stride+p.Stride-1] &= v.lastMask
			}
			want := [4]int{w, p.H, -1, -1}
			for range rng.IntN(4) {
				x, y := rng.IntN(w), rng.IntN(p.H)
				if bit := byte(0x80) >> (x % 8); v.darkBit == 1 {
					p.Bits[y*p.Stride+x/8] |= bit
				} else {
					p.Bits[y*p.Stride+x/8] &^= bit
				}
				want = [4]int{min(want[0], x), min(want[1], y), max(want[2], x), max(want[3], y)}
			}
			left, top, right, bottom, found := v.darkBox()
			if found != (want[2] >= 0) || found && [4]int{left, top, right, bottom} != want {
				t.Fatalf("width %d, palette %v: box %v (found %v), want %v", w, palette, [4]int{left, top, right, bottom}, found, want)
			}
			checkPackedDark(t, p)
		}
	}
}
