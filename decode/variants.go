package decode

import (
	"image"
	"math"

	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"github.com/qrworks/qrworks/internal/imagein"
)

// Variants: copies of a luminance plane transformed for the harder passes
// of the search (reduced, enlarged, contrast-stretched, padded, smoothed,
// turned), each in a pooled plane the caller releases.

// shrink returns l reduced by the integer factor f, each output pixel the
// mean of an f×f box (a proper low-pass filter, unlike point sampling),
// rounded down. On a photo above largePixels it runs three times over
// every pixel, so the box sums are unrolled for the factors the ladders
// use and the division is a multiplication (boxDivider).
func shrink(l *imagein.Luminance, f int) *imagein.Luminance {
	w, h := l.W/f, l.H/f
	out := imagein.NewLuminance(w, h)
	acc := make([]uint32, w)
	div := newBoxDivider(uint32(f * f))
	for y := 0; y < h; y++ {
		clear(acc)
		for yy := y * f; yy < y*f+f; yy++ {
			addBoxRow(acc, l.Row(yy)[:w*f], f)
		}
		dst := out.Row(y)[:w]
		for x, v := range acc {
			dst[x] = byte(div.quotient(v))
		}
	}
	return out
}

// addBoxRow adds to each acc[x] the f pixels row[x*f : x*f+f].
func addBoxRow(acc []uint32, row []byte, f int) {
	switch f {
	case 2:
		for x := range acc {
			p := row[2*x : 2*x+2 : 2*x+2]
			acc[x] += uint32(p[0]) + uint32(p[1])
		}
	case 3:
		for x := range acc {
			p := row[3*x : 3*x+3 : 3*x+3]
			acc[x] += uint32(p[0]) + uint32(p[1]) + uint32(p[2])
		}
	default:
		for x := range acc {
			for _, v := range row[x*f : x*f+f] {
				acc[x] += uint32(v)
			}
		}
	}
}

// boxDivider divides the sum of a box of n bytes by n, rounding down.
// With mul = ⌈2³²/n⌉ and e = mul·n − 2³² < n, (v·mul) >> 32 equals ⌊v/n⌋
// whenever v·e < 2³², which holds for every sum v ≤ 255·n while
// 255·n² < 2³² (boxes up to 64×64); larger boxes divide.
type boxDivider struct {
	n   uint32
	mul uint64 // 0: divide
}

// newBoxDivider returns the divider for boxes of n pixels.
func newBoxDivider(n uint32) boxDivider {
	if 255*uint64(n)*uint64(n) >= 1<<32 {
		return boxDivider{n: n}
	}
	return boxDivider{n: n, mul: (1<<32 + uint64(n) - 1) / uint64(n)}
}

// quotient returns ⌊v/n⌋ for a box sum v.
func (d boxDivider) quotient(v uint32) uint32 {
	if d.mul == 0 {
		return v / d.n
	}
	return uint32(uint64(v) * d.mul >> 32)
}

// enlarge returns l scaled up by k with Catmull-Rom interpolation, which
// keeps module edges sharp enough to threshold.
func enlarge(l *imagein.Luminance, k int) *imagein.Luminance {
	return enlargeWith(l, k, draw.CatmullRom)
}

// enlargeWith scales l up by k with the given interpolator.
func enlargeWith(l *imagein.Luminance, k int, scaler draw.Scaler) *imagein.Luminance {
	out := imagein.NewLuminance(l.W*k, l.H*k)
	src := &image.Gray{Pix: l.Pix, Stride: l.Stride, Rect: image.Rect(0, 0, l.W, l.H)}
	dst := &image.Gray{Pix: out.Pix, Stride: out.Stride, Rect: image.Rect(0, 0, out.W, out.H)}
	scaler.Scale(dst, dst.Rect, src, src.Rect, draw.Src, nil)
	return out
}

// stretch ignores stretchTailPercent of the pixels at either end of the
// histogram (specks, glare) and stretches what lies between when it spans
// less than stretchSpan levels, half the range: a low-contrast code then
// thresholds like a crisp one.
const (
	stretchTailPercent = 1
	stretchSpan        = 128
)

// stretch returns a contrast-stretched copy of l when its central 98% of
// luminance spans less than half the range, or nil when it does not need it.
func stretch(l *imagein.Luminance) *imagein.Luminance {
	var hist [256]int
	for y := 0; y < l.H; y++ {
		for _, v := range l.Row(y) {
			hist[v]++
		}
	}
	total := l.W * l.H
	cut := total * stretchTailPercent / 100
	lo, hi := 0, 255
	for n := 0; lo < 255 && n+hist[lo] <= cut; lo++ {
		n += hist[lo]
	}
	for n := 0; hi > 0 && n+hist[hi] <= cut; hi-- {
		n += hist[hi]
	}
	if hi-lo >= stretchSpan || hi <= lo {
		return nil
	}
	var table [256]byte
	for i := range table {
		v := (i - lo) * 255 / (hi - lo)
		table[i] = byte(min(max(v, 0), 255))
	}
	out := imagein.NewLuminance(l.W, l.H)
	for y := 0; y < l.H; y++ {
		dst := out.Row(y)
		for x, v := range l.Row(y) {
			dst[x] = table[v]
		}
	}
	return out
}

// pad returns l inside a white margin of m pixels on every side: the finder
// search needs light around a code that touches the image edge.
func pad(l *imagein.Luminance, m int) *imagein.Luminance {
	out := imagein.NewLuminance(l.W+2*m, l.H+2*m)
	for i := range out.Pix {
		out.Pix[i] = 0xff
	}
	for y := 0; y < l.H; y++ {
		copy(out.Pix[(y+m)*out.Stride+m:], l.Row(y))
	}
	return out
}

// blur returns l smoothed by a 3×3 box filter, which fills textured or
// noisy modules without moving their edges.
func blur(l *imagein.Luminance) *imagein.Luminance {
	out := imagein.NewLuminance(l.W, l.H)
	for y := 0; y < l.H; y++ {
		up, mid, down := l.Row(max(y-1, 0)), l.Row(y), l.Row(min(y+1, l.H-1))
		dst := out.Row(y)
		for x := range dst {
			x0, x1 := max(x-1, 0), min(x+1, l.W-1)
			s := uint32(up[x0]) + uint32(up[x]) + uint32(up[x1]) +
				uint32(mid[x0]) + uint32(mid[x]) + uint32(mid[x1]) +
				uint32(down[x0]) + uint32(down[x]) + uint32(down[x1])
			dst[x] = byte(s / 9)
		}
	}
	return out
}

// rotate returns l turned by deg degrees (counterclockwise on screen) about
// its centre, on a canvas large enough to hold all of it, the uncovered area
// white; and the map from the rotated plane back to l's coordinates.
func rotate(l *imagein.Luminance, deg float64) (*imagein.Luminance, affine) {
	rad := deg * math.Pi / 180
	sin, cos := math.Sin(rad), math.Cos(rad)
	w := int(math.Ceil(math.Abs(float64(l.W)*cos) + math.Abs(float64(l.H)*sin)))
	h := int(math.Ceil(math.Abs(float64(l.W)*sin) + math.Abs(float64(l.H)*cos)))
	out := imagein.NewLuminance(w, h)
	for i := range out.Pix {
		out.Pix[i] = 0xff
	}
	cx, cy := float64(l.W)/2, float64(l.H)/2
	cu, cv := float64(w)/2, float64(h)/2
	// Screen coordinates have y down, so a counterclockwise turn is
	// u = cos·x + sin·y, v = −sin·x + cos·y about the centres.
	fwd := f64.Aff3{cos, sin, cu - cos*cx - sin*cy, -sin, cos, cv + sin*cx - cos*cy}
	src := &image.Gray{Pix: l.Pix, Stride: l.Stride, Rect: image.Rect(0, 0, l.W, l.H)}
	dst := &image.Gray{Pix: out.Pix, Stride: out.Stride, Rect: image.Rect(0, 0, w, h)}
	draw.BiLinear.Transform(dst, fwd, src, src.Rect, draw.Src, nil)
	back := affine{a: cos, b: -sin, c: cx - cos*cu + sin*cv, d: sin, e: cos, f: cy - sin*cu - cos*cv}
	return out, back
}
