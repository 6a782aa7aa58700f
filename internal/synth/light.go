package synth

import (
	"image"
	"math"
)

// fixedOne is 1.0 in the 16-bit fixed point of the light factors.
const fixedOne = 1 << 16

// shade darkens img linearly from full light at one side to 1-strength at
// the other, across the direction angle (degrees, 0: left to right).
func shade(img *image.Gray, strength, angle float64) {
	if strength == 0 {
		return
	}
	a := angle * math.Pi / 180
	dx, dy := math.Cos(a), math.Sin(a)
	w, h := float64(img.Rect.Dx()), float64(img.Rect.Dy())
	// The projections of the canvas's corners on the direction bound the
	// ramp.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range [4][2]float64{{0, 0}, {w, 0}, {0, h}, {w, h}} {
		d := float64(c[0]*dx) + float64(c[1]*dy)
		lo, hi = min(lo, d), max(hi, d)
	}
	span := max(hi-lo, 1)
	for y := 0; y < img.Rect.Dy(); y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+img.Rect.Dx()]
		for x := range row {
			d := float64((float64(x)+0.5)*dx) + float64((float64(y)+0.5)*dy)
			f := uint32(float64(strength*(d-lo)/span) * fixedOne)
			row[x] = uint8((uint32(row[x])*(fixedOne-f) + fixedOne/2) >> 16)
		}
	}
}

// glare brightens img towards white around a spot, by s.Strength at its
// centre, falling as (1 - d²/r²)² to nothing at its radius: a smooth
// highlight without the cost of an exponential.
func glare(img *image.Gray, s Spot) {
	if s.Radius <= 0 || s.Strength == 0 {
		return
	}
	box := image.Rect(int(math.Floor(s.X-s.Radius)), int(math.Floor(s.Y-s.Radius)),
		int(math.Ceil(s.X+s.Radius))+1, int(math.Ceil(s.Y+s.Radius))+1).Intersect(img.Rect)
	r2 := float64(s.Radius * s.Radius)
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			dx, dy := float64(x)+0.5-s.X, float64(y)+0.5-s.Y
			q := 1 - (float64(dx*dx)+float64(dy*dy))/r2
			if q <= 0 {
				continue
			}
			f := uint32(float64(s.Strength*float64(q*q)) * fixedOne)
			i := y*img.Stride + x
			v := uint32(img.Pix[i])
			img.Pix[i] = uint8(v + ((255-v)*f+fixedOne/2)>>16)
		}
	}
}
