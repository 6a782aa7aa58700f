package qr

import (
	"image/color"
	"math"
)

// Contrast here is ISO/IEC 15415's symbol contrast, SC = Rmax − Rmin: the
// difference between the reflectance of the light and the dark colour, on a
// scale of 0 (none) to 1 (black on white). A colour on screen or paper has no
// reflectance of its own, so this file takes its relative luminance instead:
// the sRGB components decoded to linear light (IEC 61966-2-1) and weighted
// as the eye and a camera's green-heavy sensor weigh them (ITU-R BT.709).
// This is luminance, not RGB distance: pure red and pure green differ by the
// whole range in RGB but only by 0.50 in luminance, and a scanner sees grey.

// MinContrast is the smallest symbol contrast (see Contrast) of a dark and a
// light colour that the styled renderers accept. It is the lower bound of
// grade C in ISO/IEC 15415's symbol contrast grading (A ≥ 0.70, B ≥ 0.55,
// C ≥ 0.40, D ≥ 0.20), grade C being the least that GS1's General
// Specifications require of a 2D symbol (grade 1.5). White against a colour
// of luminance 0.60, the worst pair at this bound as a camera sees it, still
// differs by a fifth of the 8-bit range after gamma encoding: about twice
// the smallest step a scanner's local binariser takes for an edge.
const MinContrast = 0.40

// Contrast returns the symbol contrast of two colours in the sense of
// ISO/IEC 15415: the difference of their relative luminances, from 0 (the
// same luminance) to 1 (black and white). The order of the arguments does
// not matter. A colour that is not opaque is taken as drawn over white,
// where a transparent background usually ends up; a fully transparent
// colour is white. A nil colour has contrast 0 with anything.
//
// Contrast does not allocate and is safe for concurrent use.
func Contrast(a, b color.Color) float64 {
	if a == nil || b == nil {
		return 0
	}
	return math.Abs(luminance(a) - luminance(b))
}

// luminance returns the relative luminance of c over white, 0 to 1.
func luminance(c color.Color) float64 {
	r, g, b, a := c.RGBA() // alpha-premultiplied, 16 bits
	// Over white: each component gains the white that shows through.
	under := 0xffff - a
	// ITU-R BT.709 luminance weights of the linear components.
	return 0.2126*linear(r+under) + 0.7152*linear(g+under) + 0.0722*linear(b+under)
}

// linear decodes a 16-bit sRGB component to linear light, 0 to 1, by the
// sRGB transfer function of IEC 61966-2-1: a straight segment below 0.04045
// and a 2.4 power curve above.
func linear(v uint32) float64 {
	s := float64(v) / 0xffff
	if s <= 0.04045 {
		return s / 12.92
	}
	return math.Pow((s+0.055)/1.055, 2.4)
}

// MaxLumaRatio is the largest ratio of the dark colour's luma to the light
// colour's (see LumaRatio) that the styled renderers accept. Readers of the
// ZXing family, the most common on phones, binarise in blocks of 8×8
// pixels and take a block of nearly uniform colour for light unless it is
// darker than about half the light colour around it; inside a large dark
// area, such as the centre of a finder pattern, a mid-tone dark colour then
// reads as light. Measured with ZXingReader (zxing-cpp 1.4) at 8 pixels a
// module: grey 124 on white (0.49) reads, grey 128 (0.50) does not, nor
// orange #ff6d00 (0.55), whose symbol contrast is 0.68. 0.45 keeps a margin
// below that edge.
const MaxLumaRatio = 0.45

// LumaRatio returns the luma of dark over the luma of light, where luma is
// Y′ = 0.299 R′ + 0.587 G′ + 0.114 B′ of the gamma-encoded components
// (ITU-R BT.601): the grey that camera images (YCbCr) and decoders work on.
// It is 0 for a black dark colour, 1 for two colours of the same luma, and
// above 1 when the dark colour is the lighter one; a black light colour
// gives +Inf, or NaN with a black dark one. Colours are taken over white
// as in Contrast; a nil colour gives NaN.
//
// LumaRatio does not allocate and is safe for concurrent use.
func LumaRatio(dark, light color.Color) float64 {
	if dark == nil || light == nil {
		return math.NaN()
	}
	return luma(dark) / luma(light)
}

// luma returns the BT.601 luma of c over white, 0 to 1.
func luma(c color.Color) float64 {
	r, g, b, a := c.RGBA()
	under := 0xffff - a
	return (0.299*float64(r+under) + 0.587*float64(g+under) + 0.114*float64(b+under)) / 0xffff
}
