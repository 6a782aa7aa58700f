package decode_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/qrworks/qrworks/decode"
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
	rng := rand.New(rand.NewPCG(1, 2))
	sym := refSymbol(t, w1, "H")
	long := refSymbol(t, "The quick brown fox jumps over the lazy dog 0123456789. The quick brown fox jumps over the lazy dog.", "M")
	cases := []struct {
		name string
		img  func() image.Image
		want []string
	}{
		{"clean", func() image.Image { return render(sym, 8, 4) }, []string{w1}},
		{"one pixel per module, no quiet zone", func() image.Image { return render(sym, 1, 0) }, []string{w1}},
		{"two pixels per module", func() image.Image { return render(sym, 2, 4) }, []string{w1}},
		{"rotated 90", func() image.Image { return rotated(render(sym, 6, 4), 90, 0, 255) }, []string{w1}},
		{"rotated 180", func() image.Image { return rotated(render(sym, 6, 4), 180, 0, 255) }, []string{w1}},
		{"rotated 17", func() image.Image { return rotated(render(sym, 6, 4), 17, 60, 255) }, []string{w1}},
		{"rotated 45", func() image.Image { return rotated(render(long, 6, 4), 45, 120, 255) }, []string{long.text(t)}},
		{"rotated 133", func() image.Image { return rotated(render(sym, 6, 4), 133, 80, 255) }, []string{w1}},
		{"perspective tilt", func() image.Image {
			src := render(sym, 8, 4)
			n := float64(src.Rect.Dx())
			// Destination → source homography of a trapezoid (top edge
			// shorter, as a code tilted away from the camera).
			return warp(src, 500, 500, 255, homography(
				[4][2]float64{{100, 100}, {390, 110}, {405, 405}, {90, 395}},
				[4][2]float64{{0, 0}, {n, 0}, {n, n}, {0, n}}))
		}, []string{w1}},
		{"strong perspective", func() image.Image {
			src := render(sym, 8, 4)
			n := float64(src.Rect.Dx())
			return warp(src, 500, 500, 255, homography(
				[4][2]float64{{100, 100}, {390, 115}, {425, 420}, {70, 400}},
				[4][2]float64{{0, 0}, {n, 0}, {n, n}, {0, n}}))
		}, []string{w1}},
		{"blur", func() image.Image { img := render(sym, 8, 4); boxBlur(img, 2, 2); return img }, []string{w1}},
		{"noise and heavy JPEG", func() image.Image {
			img := render(sym, 5, 4)
			noise(img, 60, rng)
			var b bytes.Buffer
			// Encoding to and decoding from memory cannot fail on a valid
			// image: an error here is a bug in the test.
			if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 15}); err != nil {
				panic(err)
			}
			out, err := jpeg.Decode(&b)
			if err != nil {
				panic(err)
			}
			return out
		}, []string{w1}},
		{"low contrast", func() image.Image { img := render(sym, 6, 4); remap(img, 110, 140); return img }, []string{w1}},
		{"uneven light", func() image.Image {
			img := render(sym, 6, 4)
			w := img.Rect.Dx()
			for y := 0; y < img.Rect.Dy(); y++ {
				for x := 0; x < w; x++ {
					// A gradient from bright left to dim right, halving contrast.
					f := 1 - 0.7*float64(x)/float64(w)
					img.Pix[y*img.Stride+x] = uint8(float64(img.Pix[y*img.Stride+x])*f + 20)
				}
			}
			return img
		}, []string{w1}},
		{"inverted", func() image.Image {
			img := render(sym, 6, 4)
			for i := range img.Pix {
				img.Pix[i] = 255 - img.Pix[i]
			}
			return img
		}, []string{w1}},
		{"small code in clutter", func() image.Image {
			bg := clutter(900, 700, rng)
			paste(bg, render(sym, 3, 4), image.Pt(500, 380))
			return bg
		}, []string{w1}},
		{"stain over level H", func() image.Image {
			img := render(sym, 6, 4)
			// A dark blot over about 12% of the data area.
			c := image.Pt(img.Rect.Dx()/2+20, img.Rect.Dy()/2+30)
			for y := -28; y <= 28; y++ {
				for x := -28; x <= 28; x++ {
					if x*x+y*y <= 28*28 {
						img.Pix[(c.Y+y)*img.Stride+c.X+x] = 40
					}
				}
			}
			return img
		}, []string{w1}},
		{"logo over level H", func() image.Image {
			img := render(sym, 6, 4)
			c := img.Rect.Dx() / 2
			for y := c - 24; y < c+24; y++ {
				for x := c - 24; x < c+24; x++ {
					img.Pix[y*img.Stride+x] = 255
				}
			}
			return img
		}, []string{w1}},
		{"two codes", func() image.Image {
			a, b := render(sym, 4, 4), render(long, 4, 4)
			bg := image.NewGray(image.Rect(0, 0, a.Rect.Dx()+b.Rect.Dx()+40, max(a.Rect.Dy(), b.Rect.Dy())+40))
			for i := range bg.Pix {
				bg.Pix[i] = 255
			}
			paste(bg, a, image.Pt(10, 20))
			paste(bg, b, image.Pt(a.Rect.Dx()+30, 10))
			return bg
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
	img := image.NewGray(image.Rect(0, 0, 6000, 4000))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	paste(img, render(refSymbol(t, w1, "Q"), 40, 4), image.Pt(3000, 1500))
	res, err := decode.Image(img)
	wantTexts(t, res, err, w1)
	if c := res[0].Corners[0]; abs(c.X-3160) > 20 || abs(c.Y-1660) > 20 {
		t.Errorf("top-left corner %v, want about (3160,1660)", c)
	}
}

func TestNotFound(t *testing.T) {
	blank := image.NewGray(image.Rect(0, 0, 300, 200))
	noise(blank, 100, rand.New(rand.NewPCG(3, 4)))
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
		img := render(refSymbol(t, s, "M"), 3+i, 4)
		if i%2 == 1 {
			imgs[i] = rotated(img, 30, 40, 255)
		} else {
			imgs[i] = img
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

// homography returns the 3×3 projective map taking the four points from to
// the four points to.
func homography(from, to [4][2]float64) [9]float64 {
	// Solve the 8×8 linear system for h (h[8] = 1) by Gaussian elimination.
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y, u, v := from[i][0], from[i][1], to[i][0], to[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := 0; c < 8; c++ {
		p := c
		for r := c + 1; r < 8; r++ {
			if abs64(a[r][c]) > abs64(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		for r := 0; r < 8; r++ {
			if r != c {
				f := a[r][c] / a[c][c]
				for k := c; k < 9; k++ {
					a[r][k] -= f * a[c][k]
				}
			}
		}
	}
	var h [9]float64
	for i := 0; i < 8; i++ {
		h[i] = a[i][8] / a[i][i]
	}
	h[8] = 1
	return h
}

func abs64(x float64) float64 { return max(x, -x) }

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
	img := render(outer, 8, 4)
	small := render(inner, 2, 2)
	c := img.Rect.Dx()/2 - small.Rect.Dx()/2
	paste(img, small, image.Pt(c, c))
	res, err := decode.Image(img)
	wantTexts(t, res, err, outer.content, inner.content)
}

// TestMixedSizes: codes of very different sizes in one picture.
func TestMixedSizes(t *testing.T) {
	a := refSymbol(t, "large", "M")
	b := refSymbol(t, "small one", "M")
	c := refSymbol(t, "medium", "M")
	big, small, mid := render(a, 12, 4), render(b, 2, 4), render(c, 5, 4)
	img := image.NewGray(image.Rect(0, 0, big.Rect.Dx()+small.Rect.Dx()+mid.Rect.Dx()+60, big.Rect.Dy()+20))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	paste(img, big, image.Pt(10, 10))
	paste(img, small, image.Pt(big.Rect.Dx()+20, 30))
	paste(img, mid, image.Pt(big.Rect.Dx()+small.Rect.Dx()+40, 60))
	res, err := decode.Image(img)
	wantTexts(t, res, err, a.content, b.content, c.content)
}
