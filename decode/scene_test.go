package decode_test

// This file draws the test scenes: reference symbols (from gozxing's
// encoder) rendered, warped, blurred, stained and pasted into clutter.

import (
	"bytes"
	"image"
	"image/color"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"
)

// decodeFile decodes an encoded image with the standard registry (the tests'
// reference path, independent of the package's own sniffing).
func decodeFile(data []byte) (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	return img, err
}

// symbol is a code to draw: its modules and what a decoder should report.
type symbol struct {
	content string
	size    int
	dark    func(x, y int) bool
	version int
	level   string
	mask    int
}

// refSymbol encodes text with gozxing's own encoder, an encoder independent
// of this repository's (round trips through ours live in roundtrip_test.go).
func refSymbol(t testing.TB, text, level string) symbol {
	t.Helper()
	lv := map[string]decoder.ErrorCorrectionLevel{
		"L": decoder.ErrorCorrectionLevel_L, "M": decoder.ErrorCorrectionLevel_M,
		"Q": decoder.ErrorCorrectionLevel_Q, "H": decoder.ErrorCorrectionLevel_H,
	}[level]
	q, err := encoder.Encoder_encodeWithoutHint(text, lv)
	if err != nil {
		t.Fatal(err)
	}
	m := q.GetMatrix()
	return symbol{
		content: text,
		size:    m.GetWidth(),
		dark:    func(x, y int) bool { return m.Get(x, y) == 1 },
		version: q.GetVersion().GetVersionNumber(),
		level:   level,
		mask:    q.GetMaskPattern(),
	}
}

// render draws s at scale pixels per module with a quiet zone of quiet
// modules, dark on light.
func render(s symbol, scale, quiet int) *image.Gray {
	n := (s.size + 2*quiet) * scale
	img := image.NewGray(image.Rect(0, 0, n, n))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := 0; y < s.size; y++ {
		for x := 0; x < s.size; x++ {
			if !s.dark(x, y) {
				continue
			}
			for dy := 0; dy < scale; dy++ {
				row := img.Pix[((quiet+y)*scale+dy)*img.Stride:]
				for dx := 0; dx < scale; dx++ {
					row[(quiet+x)*scale+dx] = 0
				}
			}
		}
	}
	return img
}

// warp draws src into a w×h canvas of colour bg through the projective map
// from destination to source coordinates given by h (row-major 3×3),
// sampling bilinearly.
func warp(src *image.Gray, w, hgt int, bg uint8, h [9]float64) *image.Gray {
	dst := image.NewGray(image.Rect(0, 0, w, hgt))
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	for y := 0; y < hgt; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			d := h[6]*fx + h[7]*fy + h[8]
			sx := (h[0]*fx+h[1]*fy+h[2])/d - 0.5
			sy := (h[3]*fx+h[4]*fy+h[5])/d - 0.5
			if sx < 0 || sy < 0 || sx >= float64(sw-1) || sy >= float64(sh-1) {
				dst.Pix[y*dst.Stride+x] = bg
				continue
			}
			x0, y0 := int(sx), int(sy)
			ax, ay := sx-float64(x0), sy-float64(y0)
			p := func(x, y int) float64 { return float64(src.Pix[y*src.Stride+x]) }
			v := (1-ay)*((1-ax)*p(x0, y0)+ax*p(x0+1, y0)) + ay*((1-ax)*p(x0, y0+1)+ax*p(x0+1, y0+1))
			dst.Pix[y*dst.Stride+x] = uint8(v + 0.5)
		}
	}
	return dst
}

// rotated returns src turned by deg degrees about its centre on a canvas
// of the same size plus margin on each side.
func rotated(src *image.Gray, deg float64, margin int, bg uint8) *image.Gray {
	n := src.Rect.Dx() + 2*margin
	c := float64(n) / 2
	sc := float64(src.Rect.Dx()) / 2
	r := deg * math.Pi / 180
	cos, sin := math.Cos(r), math.Sin(r)
	// destination → source: rotate back about the centres.
	return warp(src, n, n, bg, [9]float64{
		cos, -sin, sc - cos*c + sin*c,
		sin, cos, sc - sin*c - cos*c,
		0, 0, 1,
	})
}

// boxBlur blurs img in place with a (2r+1)² box, n times.
func boxBlur(img *image.Gray, r, n int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	tmp := make([]uint8, len(img.Pix))
	for ; n > 0; n-- {
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				s, c := 0, 0
				for dy := -r; dy <= r; dy++ {
					for dx := -r; dx <= r; dx++ {
						xx, yy := x+dx, y+dy
						if xx >= 0 && yy >= 0 && xx < w && yy < h {
							s += int(img.Pix[yy*img.Stride+xx])
							c++
						}
					}
				}
				tmp[y*img.Stride+x] = uint8(s / c)
			}
		}
		copy(img.Pix, tmp)
	}
}

// noise adds uniform noise of ±amp to every pixel.
func noise(img *image.Gray, amp int, rng *rand.Rand) {
	for i, v := range img.Pix {
		img.Pix[i] = uint8(min(max(int(v)+rng.IntN(2*amp+1)-amp, 0), 255))
	}
}

// remap maps every pixel v to lo + v*(hi-lo)/255 (contrast reduction).
func remap(img *image.Gray, lo, hi int) {
	for i, v := range img.Pix {
		img.Pix[i] = uint8(lo + int(v)*(hi-lo)/255)
	}
}

// paste copies src into dst at p.
func paste(dst, src *image.Gray, p image.Point) {
	for y := 0; y < src.Rect.Dy(); y++ {
		copy(dst.Pix[(p.Y+y)*dst.Stride+p.X:], src.Pix[y*src.Stride:y*src.Stride+src.Rect.Dx()])
	}
}

// clutter returns a w×h image of random grey rectangles and lines.
func clutter(w, h int, rng *rand.Rand) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 180
	}
	for i := 0; i < 60; i++ {
		x0, y0 := rng.IntN(w), rng.IntN(h)
		x1, y1 := min(x0+rng.IntN(w/4)+2, w), min(y0+rng.IntN(h/4)+2, h)
		c := color.Gray{uint8(rng.IntN(256))}
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.SetGray(x, y, c)
			}
		}
	}
	return img
}

func (s symbol) text(testing.TB) string { return s.content }
