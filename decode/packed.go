package decode

import (
	"encoding/binary"
	"image"
	"image/color"
	"math/bits"

	"github.com/makiuchi-d/gozxing"
)

// packedImage is a 1-bit image kept as PNG stores its rows (PNG spec §7.2):
// eight pixels a byte, the leftmost in the high bit. Rendered codes are
// usually uploaded this way and are binarized already, so the search reads
// them straight into a bit matrix (bitMatrix) with no byte per pixel in
// between; only the fallback passes expand them (luminanceOf).
//
// It is what the fast PNG path returns for bit depth 1. Its colours are
// image/png's for the same file: greyscale 0 black and 1 white, or the
// palette, lengthened with opaque black when a sample lies past its end.
type packedImage struct {
	w, h    int
	stride  int    // bytes per row, (w+7)/8
	bits    []byte // h rows of stride bytes; padding bits after w are zero
	palette color.Palette
}

var _ image.Image = (*packedImage)(nil)

func (p *packedImage) Bounds() image.Rectangle { return image.Rect(0, 0, p.w, p.h) }

func (p *packedImage) ColorModel() color.Model {
	if p.palette == nil {
		return color.GrayModel
	}
	return p.palette
}

func (p *packedImage) At(x, y int) color.Color {
	if x < 0 || y < 0 || x >= p.w || y >= p.h {
		if p.palette == nil {
			return color.Gray{}
		}
		return p.palette[0] // as image.Paletted answers
	}
	return p.colour(int(p.bits[y*p.stride+x>>3]>>(7-x&7)) & 1)
}

func (p *packedImage) colour(sample int) color.Color {
	if p.palette == nil {
		return color.Gray{Y: byte(-sample)} // 0 or 0xff
	}
	return p.palette[sample]
}

// levels returns the luminance of samples 0 and 1, as luminanceOf would
// compute it from the colours.
func (p *packedImage) levels() [2]byte {
	if p.palette == nil {
		return [2]byte{0, 0xff}
	}
	return paletteLevels(p.palette)
}

// lastByteMask returns the bits of a packed row's last byte that hold
// pixels of a w-pixel row; the rest are padding (PNG spec §7.2).
func lastByteMask(w int) byte { return 0xff << ((8 - w%8) % 8) }

// packedDark is a packed image seen as dark and light pixels.
type packedDark struct {
	p        *packedImage
	darkBit  byte // the sample value that is dark
	lastMask byte // the pixels of a row's last byte
}

// twoLevel returns p seen as dark and light pixels. It reports false when
// both colours have about the same luminance, so that no side can be
// called dark.
func (p *packedImage) twoLevel() (packedDark, bool) {
	dark, ok := darkIndex(p.levels())
	return packedDark{p: p, darkBit: dark, lastMask: lastByteMask(p.w)}, ok
}

func (v packedDark) dark(x, y int) bool {
	return v.p.bits[y*v.p.stride+x>>3]>>(7-x&7)&1 == v.darkBit
}

// darkBox ORs the rows together eight bytes at a time, each XORed with an
// all-light row: what is left set are the dark pixels (padding bits are
// zero in both).
func (v packedDark) darkBox() (left, top, right, bottom int, ok bool) {
	p := v.p
	light := uint64(0)
	if v.darkBit == 0 {
		light = ^uint64(0)
	}
	// A row is full words and a tail of 1 to 8 bytes that ends with the
	// row's last byte, whose light pattern covers its pixels only.
	full := (p.stride - 1) / 8
	var tail [8]byte
	binary.LittleEndian.PutUint64(tail[:], light)
	clear(tail[p.stride-8*full:])
	tail[p.stride-8*full-1] &= v.lastMask
	tailLight := binary.LittleEndian.Uint64(tail[:])

	var small [128]uint64
	or := small[:0]
	if full+1 <= len(small) {
		or = small[:full+1]
	} else {
		or = make([]uint64, full+1)
	}
	top, bottom = -1, -1
	for y := 0; y < p.h; y++ {
		row := p.bits[y*p.stride : (y+1)*p.stride]
		set := uint64(0)
		for k := range full {
			w := binary.LittleEndian.Uint64(row[8*k:]) ^ light
			or[k] |= w
			set |= w
		}
		tail = [8]byte{}
		copy(tail[:], row[8*full:])
		w := binary.LittleEndian.Uint64(tail[:]) ^ tailLight
		or[full] |= w
		if set|w != 0 {
			if top < 0 {
				top = y
			}
			bottom = y
		}
	}
	if top < 0 {
		return 0, 0, 0, 0, false
	}
	// Byte i of the row is byte i%8 of word i/8 (little-endian loads).
	first, last := -1, -1
	for k, w := range or {
		if w != 0 {
			if first < 0 {
				first = 8*k + bits.TrailingZeros64(w)/8
			}
			last = 8*k + (63-bits.LeadingZeros64(w))/8
		}
	}
	byteAt := func(i int) byte { return byte(or[i/8] >> (8 * (i % 8))) }
	left = 8*first + bits.LeadingZeros8(byteAt(first))
	right = 8*last + 7 - bits.TrailingZeros8(byteAt(last))
	return left, top, right, bottom, true
}

// bitMatrix reads the image into s's matrix, dark pixels set.
func (v packedDark) bitMatrix(s *scratch) *gozxing.BitMatrix {
	p := v.p
	// A PNG byte holds pixels 8k…8k+7 from its high bit down; a gozxing
	// word holds pixels 32j…32j+31 from its low bit up. Reversing the bits
	// of eight bytes read big-endian turns the one into the other, two
	// words at a time.
	invert := uint32(0)
	if v.darkBit == 0 {
		invert = ^uint32(0)
	}
	tail := uint32(1)<<(p.w&31) - 1 // the last word's pixels
	if p.w&31 == 0 {
		tail = ^uint32(0)
	}
	m := s.bitMatrix(p.w, p.h)
	words := s.row.GetBitArray()
	var pad [4]byte
	for y := 0; y < p.h; y++ {
		row := p.bits[y*p.stride : (y+1)*p.stride]
		j := 0
		for ; 4*j+8 <= len(row); j += 2 {
			pair := bits.Reverse64(binary.BigEndian.Uint64(row[4*j:]))
			words[j], words[j+1] = uint32(pair)^invert, uint32(pair>>32)^invert
		}
		for ; 4*j+4 <= len(row); j++ {
			words[j] = bits.Reverse32(binary.BigEndian.Uint32(row[4*j:])) ^ invert
		}
		if 4*j < len(row) {
			pad = [4]byte{}
			copy(pad[:], row[4*j:])
			words[j] = bits.Reverse32(binary.BigEndian.Uint32(pad[:])) ^ invert
			j++
		}
		words[j-1] &= tail
		s.setRow(y)
	}
	return m
}

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

// luminance expands the image into a pooled plane.
func (p *packedImage) luminance() *luminance {
	lum := p.levels()
	const ones = 0x0101010101010101
	l := newPlane(p.w, p.h)
	var last [8]byte
	for y := 0; y < p.h; y++ {
		row, dst := p.bits[y*p.stride:(y+1)*p.stride], l.row(y)
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
