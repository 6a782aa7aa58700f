package qr

import (
	"hash/maphash"
	"image"
	"math"
	"sync"

	"github.com/qrworks/qrworks/decode"
)

// The check's two readings (see Report.Decoded).
const (
	// fullReadScale bounds the pixels a module of the first reading: a
	// finer image is box-filtered down to it first, since more pixels show
	// the decoder nothing new and cost it time.
	fullReadScale = 8
	// smallReadScale is the pixels a module of the second reading, about
	// what a phone sees of a code across a room or on a small label. At 3
	// the decoder's first pass reads plain, rounded and dotted codes of
	// every version tried; at 2 its whole search still reads them all, but
	// the first pass misses rounded codes at 5 versions in 14, and the
	// harder passes cost tens of milliseconds more per check (measured in
	// docs/styling.md, TestStyleSmallReading). On every code measured, 3
	// gave the verdicts of 2 at a fraction of the cost.
	smallReadScale = 3
)

// payloadSeed keys payloadHash for this process.
var payloadSeed = maphash.MakeSeed()

// payloadHash is the hash a Code keeps of the data it encodes, so that the
// check can tell the exact payload from a misreading without keeping the
// data (which would cost an allocation per encoding). A 64-bit hash
// mistakes another payload for it with probability 2⁻⁶⁴.
func payloadHash(data []byte) uint64 { return maphash.Bytes(payloadSeed, data) }

// decodes reads the image whose luminance plane is lum with this package's
// decoder, at up to fullReadScale pixels a module and reduced to
// smallReadScale and lightly blurred, and reports whether each reading found the
// payload whose hash is payload. The small reading, the harder one, runs
// first: when it fails the other is not tried.
func decodes(lum []float32, cv *canvas, payload uint64) (full, small bool) {
	modules := cv.n + 2*cv.q
	side := min(cv.side, modules*smallReadScale)
	small = readsPayload(grayImage(blur(boxResample(lum, cv.side, side), side), side), payload)
	if !small {
		return false, false
	}
	side = min(cv.side, modules*fullReadScale)
	full = readsPayload(grayImage(boxResample(lum, cv.side, side), side), payload)
	return full, small
}

// readsPayload decodes img with the decoder's first pass only (decode.Fast),
// the pass a phone runs on each camera frame, and reports whether a code in it
// holds the payload: its bytes as encoded, or its text (the data of a Code encoded
// with Kanji is UTF-8, which the decoder returns as Text). The first pass has no
// wall-time budget, so a verdict does not depend on how loaded the machine is;
// an image that only the harder passes read is not one to ship.
func readsPayload(img *image.Gray, payload uint64) bool {
	res, err := decode.Image(img, decode.Fast())
	if err != nil {
		return false
	}
	for _, r := range res {
		if payloadHash(r.Bytes) == payload || maphash.String(payloadSeed, r.Text) == payload {
			return true
		}
	}
	return false
}

// boxResample returns the side×side plane src reduced to out×out (out ≤
// side), each pixel the mean of the area of src it covers, as a camera's
// sensor integrates light. src itself is returned when out == side.
func boxResample(src []float32, side, out int) []float32 {
	if out >= side {
		return src
	}
	rows := make([]float32, side*out) // side rows of out pixels
	for y := 0; y < side; y++ {
		resampleLine(rows[y*out:(y+1)*out], src[y*side:(y+1)*side])
	}
	dst := make([]float32, out*out)
	col, res := make([]float32, side), make([]float32, out)
	for x := 0; x < out; x++ {
		for y := range col {
			col[y] = rows[y*out+x]
		}
		resampleLine(res, col)
		for y, v := range res {
			dst[y*out+x] = v
		}
	}
	return dst
}

// resampleLine sets each element of dst to the mean of its share of src,
// weighting the elements of src it covers in part by the part.
func resampleLine(dst, src []float32) {
	ratio := float64(len(src)) / float64(len(dst))
	for j := range dst {
		a, b := float64(j)*ratio, float64(j+1)*ratio
		var sum float64
		for i := int(a); float64(i) < b && i < len(src); i++ {
			sum += float64(src[i]) * (min(b, float64(i+1)) - max(a, float64(i)))
		}
		dst[j] = float32(sum / ratio)
	}
}

// blurWeights is the kernel of blur, (1 6 1)/8 in each direction: a
// standard deviation of half a pixel, a sixth of a module at
// smallReadScale, about the softness of a phone's image of a code in
// focus.
var blurWeights = [3]float32{1.0 / 8, 6.0 / 8, 1.0 / 8}

// blur returns the side×side plane p smoothed by blurWeights in both
// directions, edges repeated.
func blur(p []float32, side int) []float32 {
	at := func(x, y int) float32 {
		return p[min(max(y, 0), side-1)*side+min(max(x, 0), side-1)]
	}
	out := make([]float32, len(p))
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			var sum float32
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					sum += at(x+dx, y+dy) * blurWeights[dx+1] * blurWeights[dy+1]
				}
			}
			out[y*side+x] = sum
		}
	}
	return out
}

// grayImage returns the side×side linear luminance plane p as an 8-bit
// grey image, sRGB-encoded as a camera's image is.
func grayImage(p []float32, side int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, side, side))
	enc := srgbTable()
	for i, v := range p {
		img.Pix[i] = enc[min(max(int(v*(srgbSteps-1)+0.5), 0), srgbSteps-1)]
	}
	return img
}

// srgbSteps is the resolution of srgbTable: 4096 steps of linear light
// keep even the steepest part of the sRGB curve, near black, under one
// 8-bit level a step.
const srgbSteps = 4096

// srgbTable returns the 8-bit sRGB encoding (IEC 61966-2-1) of linear
// light i/(srgbSteps−1).
var srgbTable = sync.OnceValue(func() *[srgbSteps]uint8 {
	var t [srgbSteps]uint8
	for i := range t {
		l := float64(i) / (srgbSteps - 1)
		s := 12.92 * l
		if l > 0.0031308 {
			s = 1.055*math.Pow(l, 1/2.4) - 0.055
		}
		t[i] = uint8(math.Round(s * 255))
	}
	return &t
})
