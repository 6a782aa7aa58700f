package synth

import (
	"image"
	"math"
)

// gaussianBlur blurs img by a Gaussian of standard deviation sigma pixels,
// approximated by three successive extended box filters in each direction
// (a box with fractional end weights has any variance; three in a row
// come within a few percent of the Gaussian, by the central limit
// theorem), in integer running sums.
func gaussianBlur(img *image.Gray, sigma float64) {
	if sigma < minSigma {
		return
	}
	b := newBox(float64(sigma*sigma) / 3)
	w, h := img.Rect.Dx(), img.Rect.Dy()
	buf := make([]int32, max(w, h))
	for range 3 {
		for y := 0; y < h; y++ {
			b.line(img.Pix[y*img.Stride:], 1, w, buf)
		}
		for x := 0; x < w; x++ {
			b.line(img.Pix[x:], img.Stride, h, buf)
		}
	}
}

// minSigma is the smallest blur drawn: a tenth of a pixel changes no grey
// level by more than rounding.
const minSigma = 0.1

// box is an extended box filter: weight one over offsets -r…r, alpha (in
// 16-bit fixed point) at ±(r+1).
type box struct {
	r     int
	alpha int64
}

// newBox returns the extended box of variance v: the widest plain box of
// variance r(r+1)/3 at most v, and the end weight α that makes up the rest,
// from v·(2r+1+2α) = r(r+1)(2r+1)/3 + 2α(r+1)².
func newBox(v float64) box {
	r := 0
	for float64((r+1)*(r+2))/3 <= v {
		r++
	}
	fr := float64(r)
	num := float64(v*(2*fr+1)) - fr*(fr+1)*(2*fr+1)/3
	den := 2*(fr+1)*(fr+1) - float64(2*v)
	alpha := min(max(num/den, 0), 1)
	return box{r, int64(math.Round(float64(alpha * fixedOne)))}
}

// line filters the n values at line[0], line[stride], …, the ends extended
// by their edge values.
func (b box) line(line []uint8, stride, n int, buf []int32) {
	for i := 0; i < n; i++ {
		buf[i] = int32(line[i*stride])
	}
	at := func(i int) int64 { return int64(buf[min(max(i, 0), n-1)]) }
	norm := int64(2*b.r+1)*fixedOne + 2*b.alpha
	var sum int64
	for i := -b.r; i <= b.r; i++ {
		sum += at(i)
	}
	for i := 0; i < n; i++ {
		v := sum*fixedOne + b.alpha*(at(i-b.r-1)+at(i+b.r+1))
		line[i*stride] = uint8((v + norm/2) / norm)
		sum += at(i+b.r+1) - at(i-b.r)
	}
}

// motionBlur averages img along a segment of length pixels at angle
// degrees: a camera moving during the exposure. The segment is a fixed
// kernel of taps with integer bilinear weights, so every pixel costs the
// same few loads.
func motionBlur(img *image.Gray, length, angle float64) {
	if length < 0.5 {
		return
	}
	taps := motionTaps(length, angle)
	w, h := img.Rect.Dx(), img.Rect.Dy()
	src := make([]uint8, len(img.Pix))
	copy(src, img.Pix)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var sum int
			for _, t := range taps {
				xx, yy := min(max(x+t.dx, 0), w-1), min(max(y+t.dy, 0), h-1)
				sum += t.weight * int(src[yy*img.Stride+xx])
			}
			img.Pix[y*img.Stride+x] = uint8((sum + fixedOne/2) >> 16)
		}
	}
}

// tap is one pixel offset of a blur kernel and its weight in 16-bit fixed
// point.
type tap struct{ dx, dy, weight int }

// motionTaps rasterises a segment of the given length and angle, centred
// on the origin, into taps: points every half pixel along it, each spread
// bilinearly over its four neighbouring pixels; the weights sum to one.
func motionTaps(length, angle float64) []tap {
	a := angle * math.Pi / 180
	steps := int(math.Ceil(2*length)) + 1
	acc := map[[2]int]float64{}
	for i := 0; i < steps; i++ {
		f := float64(i)/float64(steps-1) - 0.5
		x, y := float64(f*length)*math.Cos(a), float64(f*length)*math.Sin(a)
		x0, y0 := math.Floor(x), math.Floor(y)
		fx, fy := x-x0, y-y0
		for _, c := range [4]struct{ dx, dy, w float64 }{
			{0, 0, (1 - fx) * (1 - fy)}, {1, 0, fx * (1 - fy)}, {0, 1, (1 - fx) * fy}, {1, 1, fx * fy},
		} {
			acc[[2]int{int(x0 + c.dx), int(y0 + c.dy)}] += c.w / float64(steps)
		}
	}
	taps := make([]tap, 0, len(acc))
	total := 0
	for k, v := range acc {
		t := tap{k[0], k[1], int(math.Round(v * fixedOne))}
		total += t.weight
		taps = append(taps, t)
	}
	// Map order is random: sort for a fixed rounding fix-up below.
	sortTaps(taps)
	taps[0].weight += fixedOne - total
	return taps
}

// sortTaps orders taps by offset (insertion sort: a kernel has few).
func sortTaps(t []tap) {
	for i := 1; i < len(t); i++ {
		for j := i; j > 0 && (t[j].dy < t[j-1].dy || t[j].dy == t[j-1].dy && t[j].dx < t[j-1].dx); j-- {
			t[j], t[j-1] = t[j-1], t[j]
		}
	}
}
