package decode_test

import (
	"errors"
	"image"
	"image/color"
	"image/draw"
	"sync"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
)

const w1 = "https://example.com/product/0123456789?batch=42"

// wantOne checks that res holds exactly the texts want, in any order.
func wantTexts(t *testing.T, res []decode.Result, err error, want ...string) {
	t.Helper()
	if err != nil {
		t.Fatalf("error %v, want %q", err, want)
	}
	got := map[string]int{}
	for _, r := range res {
		got[r.Text]++
	}
	for _, w := range want {
		if got[w] == 0 {
			t.Fatalf("texts %v, want %q", got, want)
		}
		got[w]--
	}
	for txt, n := range got {
		if n > 0 {
			t.Fatalf("unexpected extra result %q (all: %v)", txt, res)
		}
	}
}

func TestMetadataAndCorners(t *testing.T) {
	for _, level := range []string{"L", "M", "Q", "H"} {
		s := refSymbol(t, w1, level)
		img := render(s, 6, 4)
		res, err := decode.Image(img)
		wantTexts(t, res, err, w1)
		r := res[0]
		if r.Version != s.version || r.Level != level || r.Mask != s.mask {
			t.Errorf("level %s: got version %d level %s mask %d, want %d %s %d", level, r.Version, r.Level, r.Mask, s.version, level, s.mask)
		}
		if string(r.Bytes) != w1 || r.ECI != -1 || r.Charset != "" || r.Mirrored {
			t.Errorf("level %s: bytes %q eci %d charset %q mirrored %v", level, r.Bytes, r.ECI, r.Charset, r.Mirrored)
		}
		// The symbol spans modules 4 … 4+size at 6 pixels per module.
		lo, hi := 4*6, (4+s.size)*6
		want := [4]image.Point{{lo, lo}, {hi, lo}, {hi, hi}, {lo, hi}}
		for i := range want {
			if d := r.Corners[i].Sub(want[i]); abs(d.X) > 2 || abs(d.Y) > 2 {
				t.Errorf("level %s: corners %v, want %v", level, r.Corners, want)
				break
			}
		}
	}
}

// TestImageTypes feeds the same picture as every fast-path type and the
// generic fallback, placed at a non-zero origin: text and corners must agree.
func TestImageTypes(t *testing.T) {
	gray := render(refSymbol(t, w1, "M"), 4, 4)
	r := gray.Bounds()
	off := image.Pt(13, 7)
	at := r.Add(off)
	conv := func(dst draw.Image) image.Image {
		draw.Draw(dst, at, gray, image.Point{}, draw.Src)
		return dst
	}
	pal := image.NewPaletted(at, color.Palette{color.White, color.Black})
	ycc := image.NewYCbCr(at, image.YCbCrSubsampleRatio420)
	for y := 0; y < r.Dy(); y++ {
		for x := 0; x < r.Dx(); x++ {
			ycc.Y[ycc.YOffset(at.Min.X+x, at.Min.Y+y)] = gray.Pix[y*gray.Stride+x]
		}
	}
	for i := range ycc.Cb {
		ycc.Cb[i], ycc.Cr[i] = 128, 128
	}
	nrgbaTransparent := image.NewNRGBA(at) // dark modules opaque black, the rest transparent
	for y := 0; y < r.Dy(); y++ {
		for x := 0; x < r.Dx(); x++ {
			if gray.Pix[y*gray.Stride+x] == 0 {
				nrgbaTransparent.SetNRGBA(at.Min.X+x, at.Min.Y+y, color.NRGBA{A: 255})
			}
		}
	}
	imgs := map[string]image.Image{
		"Gray":              conv(image.NewGray(at)),
		"Gray16":            conv(image.NewGray16(at)),
		"RGBA":              conv(image.NewRGBA(at)),
		"NRGBA":             conv(image.NewNRGBA(at)),
		"NRGBA transparent": nrgbaTransparent,
		"RGBA64 (generic)":  conv(image.NewRGBA64(at)),
		"CMYK":              conv(image.NewCMYK(at)),
		"Paletted":          conv(pal),
		"PalettedImage":     lazyPaletted{conv(image.NewPaletted(at, color.Palette{color.White, color.Black})).(*image.Paletted)},
		"YCbCr":             ycc,
		"SubImage of Gray":  conv(image.NewGray(at.Inset(-5))).(*image.Gray).SubImage(at),
	}
	var first [4]image.Point
	for name, img := range imgs {
		res, err := decode.Image(img)
		if err != nil || len(res) != 1 || res[0].Text != w1 {
			t.Errorf("%s: %v %v", name, res, err)
			continue
		}
		c := res[0].Corners
		if c[0].X < at.Min.X || c[0].Y < at.Min.Y {
			t.Errorf("%s: corners %v not offset by the image origin %v", name, c, at.Min)
		}
		if first == ([4]image.Point{}) {
			first = c
		} else if c != first {
			t.Errorf("%s: corners %v, other types gave %v", name, c, first)
		}
	}
}

// TestCategories renders the situations users meet. Each case is a general
// kind of damage, not a particular image.
func TestCategories(t *testing.T) {
	sym := refSymbol(t, w1, "H")
	long := refSymbol(t, "The quick brown fox jumps over the lazy dog 0123456789. The quick brown fox jumps over the lazy dog.", "M")
	// alone is sym at scale, centred on a white canvas of its size, with
	// the changes of f.
	alone := func(scale int, f func(*synth.Scene, *synth.Symbol)) func() image.Image {
		return func() image.Image {
			n := side(sym, scale, 4)
			sc := synth.Scene{Width: n, Height: n, Background: 255, Seed: 1}
			y := synth.Symbol{Grid: sym, Quiet: 4, Module: float64(scale)}
			f(&sc, &y)
			sc.Symbols = []synth.Symbol{y}
			return shoot(sc)
		}
	}
	// tilted is sym at 8 pixels per module with its sheet's corners on
	// quad in a 500×500 picture (top edge shorter: tilted away).
	tilted := func(quad [4]synth.Point) func() image.Image {
		return func() image.Image {
			return shoot(synth.Scene{Width: 500, Height: 500, Background: 255, Symbols: []synth.Symbol{{Grid: sym, Quiet: 4, Module: 8, Quad: &quad}}})
		}
	}
	cases := []struct {
		name string
		img  func() image.Image
		want []string
	}{
		{"clean", func() image.Image { return render(sym, 8, 4) }, []string{w1}},
		{"one pixel per module, no quiet zone", func() image.Image { return render(sym, 1, 0) }, []string{w1}},
		{"two pixels per module", func() image.Image { return render(sym, 2, 4) }, []string{w1}},
		{"rotated 90", func() image.Image { return rotated(sym, 6, 90, 0) }, []string{w1}},
		{"rotated 180", func() image.Image { return rotated(sym, 6, 180, 0) }, []string{w1}},
		{"rotated 17", func() image.Image { return rotated(sym, 6, 17, 60) }, []string{w1}},
		{"rotated 45", func() image.Image { return rotated(long, 6, 45, 120) }, []string{long.text(t)}},
		{"rotated 133", func() image.Image { return rotated(sym, 6, 133, 80) }, []string{w1}},
		{"perspective tilt", tilted(quad(100, 100, 390, 110, 405, 405, 90, 395)), []string{w1}},
		{"strong perspective", tilted(quad(100, 100, 390, 115, 425, 420, 70, 400)), []string{w1}},
		{"blur", alone(8, func(sc *synth.Scene, _ *synth.Symbol) { sc.Blur = 0.25 }), []string{w1}},
		{"noise and heavy JPEG", alone(5, func(sc *synth.Scene, _ *synth.Symbol) { sc.Noise, sc.JPEG = 35, 15 }), []string{w1}},
		{"low contrast", alone(6, func(_ *synth.Scene, y *synth.Symbol) { y.Ink, y.Paper = 110, 140 }), []string{w1}},
		{"uneven light", alone(6, func(sc *synth.Scene, _ *synth.Symbol) { sc.Shade = 0.7 }), []string{w1}},
		{"inverted", alone(6, func(_ *synth.Scene, y *synth.Symbol) { y.Reverse = true }), []string{w1}},
		{"small code in clutter", func() image.Image {
			return shoot(synth.Scene{Width: 900, Height: 700, Seed: 1, Background: 180, Clutter: 60,
				Symbols: []synth.Symbol{at(sym, 3, image.Pt(500, 380))}})
		}, []string{w1}},
		{"stain over level H", alone(6, func(_ *synth.Scene, y *synth.Symbol) {
			// A dark blot over about 12% of the data area.
			c := float64(sym.size) / 2
			y.Stains = []synth.Stain{{X: c + 3.3, Y: c + 5, R: 4.7, Grey: 40}}
		}), []string{w1}},
		{"logo over level H", alone(6, func(_ *synth.Scene, y *synth.Symbol) {
			c := float64(sym.size) / 2
			y.Stains = []synth.Stain{{X: c, Y: c, R: 4.5, Grey: 255}}
		}), []string{w1}},
		{"two codes", func() image.Image {
			a, b := side(sym, 4, 4), side(long, 4, 4)
			return shoot(synth.Scene{Width: a + b + 40, Height: max(a, b) + 40, Background: 255,
				Symbols: []synth.Symbol{at(sym, 4, image.Pt(10, 20)), at(long, 4, image.Pt(a+30, 10))}})
		}, []string{w1, long.text(t)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := decode.Image(c.img())
			wantTexts(t, res, err, c.want...)
		})
	}
}

// TestLargePhoto: a code in a 9000×5000 picture goes through the reduced
// first pass and is reported in full-resolution coordinates.
func TestLargePhoto(t *testing.T) {
	if testing.Short() {
		t.Skip("45-megapixel-class allocation; skipped in -short")
	}
	img := shoot(synth.Scene{Width: 6000, Height: 4000, Background: 200,
		Symbols: []synth.Symbol{at(refSymbol(t, w1, "Q"), 40, image.Pt(3000, 1500))}})
	res, err := decode.Image(img)
	wantTexts(t, res, err, w1)
	if c := res[0].Corners[0]; abs(c.X-3160) > 20 || abs(c.Y-1660) > 20 {
		t.Errorf("top-left corner %v, want about (3160,1660)", c)
	}
}

func TestNotFound(t *testing.T) {
	blank := shoot(synth.Scene{Width: 300, Height: 200, Background: 128, Noise: 58, Seed: 3})
	for name, img := range map[string]image.Image{
		"noise":      blank,
		"zero size":  image.NewGray(image.Rect(0, 0, 0, 0)),
		"one pixel":  image.NewGray(image.Rect(5, 5, 6, 6)),
		"thin strip": image.NewGray(image.Rect(0, 0, 1000, 1)),
	} {
		if res, err := decode.Image(img); !errors.Is(err, decode.ErrNotFound) {
			t.Errorf("%s: %v, %v; want ErrNotFound", name, res, err)
		}
	}
	if _, err := decode.Image(nil); !errors.Is(err, decode.ErrInvalidInput) {
		t.Errorf("nil image: %v, want ErrInvalidInput", err)
	}
}

func TestMaxPixelsOnImage(t *testing.T) {
	img := render(refSymbol(t, w1, "M"), 4, 4)
	if _, err := decode.Image(img, decode.MaxPixels(1000)); !errors.Is(err, decode.ErrImageTooLarge) {
		t.Fatalf("got %v, want ErrImageTooLarge", err)
	}
}

func TestFastAndPure(t *testing.T) {
	img := render(refSymbol(t, w1, "H"), 10, 4)
	for name, opts := range map[string][]decode.Option{"Fast": {decode.Fast()}, "Pure": {decode.Pure()}, "both": {decode.Fast(), decode.Pure()}} {
		res, err := decode.Image(img, opts...)
		wantTexts(t, res, err, w1)
		if res[0].Corners[0] != image.Pt(40, 40) && name == "Pure" {
			t.Errorf("Pure: corners %v", res[0].Corners)
		}
	}
	// Fast stops after the first pass: an inverted code needs a later one.
	inv := render(refSymbol(t, w1, "H"), 10, 4)
	for i := range inv.Pix {
		inv.Pix[i] = 255 - inv.Pix[i]
	}
	if _, err := decode.Image(inv, decode.Fast()); !errors.Is(err, decode.ErrNotFound) {
		t.Errorf("Fast on an inverted code: %v, want ErrNotFound", err)
	}
}

// TestConcurrent decodes different images from many goroutines at once (run
// with -race).
func TestConcurrent(t *testing.T) {
	texts := []string{"alpha", "bravo 12345", w1, "DELTA-4"}
	imgs := make([]image.Image, len(texts))
	for i, s := range texts {
		if i%2 == 1 {
			imgs[i] = rotated(refSymbol(t, s, "M"), 3+i, 30, 40)
		} else {
			imgs[i] = render(refSymbol(t, s, "M"), 3+i, 4)
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Go(func() {
			for i := 0; i < 6; i++ {
				k := (g + i) % len(texts)
				res, err := decode.Image(imgs[k])
				if err != nil || len(res) != 1 || res[0].Text != texts[k] {
					t.Errorf("goroutine %d: %v %v, want %q", g, res, err, texts[k])
				}
			}
		})
	}
	wg.Wait()
}

// lazyPaletted hides *image.Paletted behind the image.PalettedImage
// interface, as a renderer's lazily drawn image would.
type lazyPaletted struct{ p *image.Paletted }

func (l lazyPaletted) ColorModel() color.Model     { return l.p.ColorModel() }
func (l lazyPaletted) Bounds() image.Rectangle     { return l.p.Bounds() }
func (l lazyPaletted) At(x, y int) color.Color     { return l.p.At(x, y) }
func (l lazyPaletted) ColorIndexAt(x, y int) uint8 { return l.p.ColorIndexAt(x, y) }

func abs(x int) int { return max(x, -x) }

// TestNestedCode: a small code printed inside a large level-H code (whose
// error correction absorbs the overlay) is found too.
func TestNestedCode(t *testing.T) {
	outer := refSymbol(t, "OUTER: https://example.com/a/long/enough/address/for/version/six", "H")
	inner := refSymbol(t, "inner", "L")
	n := side(outer, 8, 4)
	img := shoot(synth.Scene{Width: n, Height: n, Background: 255, Symbols: []synth.Symbol{
		{Grid: outer, Quiet: 4, Module: 8},
		{Grid: inner, Quiet: 2, Module: 2},
	}})
	res, err := decode.Image(img)
	wantTexts(t, res, err, outer.content, inner.content)
}

// TestMixedSizes: codes of very different sizes in one picture.
func TestMixedSizes(t *testing.T) {
	a := refSymbol(t, "large", "M")
	b := refSymbol(t, "small one", "M")
	c := refSymbol(t, "medium", "M")
	big, small, mid := side(a, 12, 4), side(b, 2, 4), side(c, 5, 4)
	img := shoot(synth.Scene{Width: big + small + mid + 60, Height: big + 20, Background: 255, Symbols: []synth.Symbol{
		at(a, 12, image.Pt(10, 10)), at(b, 2, image.Pt(big+20, 30)), at(c, 5, image.Pt(big+small+40, 60)),
	}})
	res, err := decode.Image(img)
	wantTexts(t, res, err, a.content, b.content, c.content)
}
