package imagein

import (
	"encoding/binary"
	"image"
	"image/color"
)

// Packed is a 1-bit image kept as PNG stores its rows (PNG spec §7.2):
// eight pixels a byte, the leftmost in the high bit. Rendered codes are
// usually uploaded this way and are binarized already, so a reader can
// take them straight into a bit matrix with no byte per pixel in between;
// LuminanceOf expands them when it has to.
//
// It is what Decode returns for a 1-bit PNG. Its colours are image/png's
// for the same file: greyscale sample 0 black and 1 white, or the palette,
// lengthened with opaque black when a sample lies past its end.
type Packed struct {
	W, H   int
	Stride int // bytes per row, (W+7)/8
	// Bits holds H rows of Stride bytes; the padding bits after pixel W-1
	// of a row are zero (see LastByteMask).
	Bits []byte
	// Palette gives the colours of samples 0 and 1, or is nil for
	// greyscale.
	Palette color.Palette
}

var _ image.Image = (*Packed)(nil)

// Bounds returns the image's rectangle, at the origin.
func (p *Packed) Bounds() image.Rectangle { return image.Rect(0, 0, p.W, p.H) }

// ColorModel returns the palette, or color.GrayModel for greyscale.
func (p *Packed) ColorModel() color.Model {
	if p.Palette == nil {
		return color.GrayModel
	}
	return p.Palette
}

// At returns the colour of pixel (x, y); outside the bounds, the colour
// image.Paletted and image.Gray answer there.
func (p *Packed) At(x, y int) color.Color {
	if x < 0 || y < 0 || x >= p.W || y >= p.H {
		if p.Palette == nil {
			return color.Gray{}
		}
		return p.Palette[0]
	}
	return p.colour(int(p.Bits[y*p.Stride+x>>3]>>(7-x&7)) & 1)
}

func (p *Packed) colour(sample int) color.Color {
	if p.Palette == nil {
		return color.Gray{Y: byte(-sample)} // 0 or 0xff
	}
	return p.Palette[sample]
}

// Levels returns the luminance of samples 0 and 1, as LuminanceOf gives
// them.
func (p *Packed) Levels() [2]byte {
	if p.Palette == nil {
		return [2]byte{0, 0xff}
	}
	// A palette of one colour repeats it for sample 1.
	return [2]byte{ColorLuminance(p.Palette[0]), ColorLuminance(p.Palette[min(1, len(p.Palette)-1)])}
}

// LastByteMask returns the bits of a packed row's last byte that hold
// pixels of a w-pixel row; the rest are padding (PNG spec §7.2).
func LastByteMask(w int) byte { return 0xff << ((8 - w%8) % 8) }

// expandBits holds, for every byte, its eight bits as bytes 0 or 1, the
// high bit first (in the lowest byte of the little-endian word).
var expandBits = func() (t [256]uint64) {
	for v := range t {
		for i := range 8 {
			t[v] |= uint64(v>>(7-i)&1) << (8 * i)
		}
	}
	return t
}()

// luminance expands the image into a pooled plane, eight pixels a step.
func (p *Packed) luminance() *Luminance {
	lum := p.Levels()
	const ones = 0x0101010101010101
	l := NewLuminance(p.W, p.H)
	var last [8]byte
	for y := 0; y < p.H; y++ {
		row, dst := p.Bits[y*p.Stride:(y+1)*p.Stride], l.Row(y)
		x := 0
		for _, b := range row {
			e := expandBits[b]
			v := e*uint64(lum[1]) + (e^ones)*uint64(lum[0]) // no lane carries: each is at most 0xff
			if x+8 <= len(dst) {
				binary.LittleEndian.PutUint64(dst[x:], v)
			} else {
				binary.LittleEndian.PutUint64(last[:], v)
				copy(dst[x:], last[:])
			}
			x += 8
		}
	}
	return l
}
