package synth

import (
	"image"
	"math"
	"math/rand/v2"
)

// addNoise adds zero-mean noise of standard deviation sigma grey levels to
// every pixel: the sum of four uniform 16-bit numbers taken from one
// random word, a bell curve close to the sensor's Gaussian (Irwin–Hall),
// computed in integers.
func addNoise(img *image.Gray, sigma float64, rng *rand.Rand) {
	if sigma == 0 {
		return
	}
	// Four uniforms on [0, 2¹⁶) have mean 2¹⁷ and standard deviation
	// 2¹⁶/√3; scale by sigma·√3 in 16-bit fixed point.
	scale := int64(math.Round(float64(sigma*math.Sqrt(3)) * fixedOne))
	for y := 0; y < img.Rect.Dy(); y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+img.Rect.Dx()]
		for x := range row {
			r := rng.Uint64()
			sum := int64(r&0xffff) + int64(r>>16&0xffff) + int64(r>>32&0xffff) + int64(r>>48)
			d := ((sum-1<<17)*scale + 1<<31) >> 32 // (sum-mean)/2¹⁶ · sigma√3, rounded
			row[x] = uint8(min(max(int64(row[x])+d, 0), 255))
		}
	}
}
