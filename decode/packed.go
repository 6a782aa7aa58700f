package decode

import (
	"encoding/binary"
	"math/bits"

	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/internal/imagein"
)

// A packed 1-bit image (imagein.Packed, what a 1-bit PNG decodes to) is
// binarized already: the search reads it as dark and light pixels straight
// from its bits, with no byte per pixel in between.

// packedDark is a packed image seen as dark and light pixels.
type packedDark struct {
	p        *imagein.Packed
	darkBit  byte // the sample value that is dark
	lastMask byte // the pixels of a row's last byte
}

// twoLevel returns p seen as dark and light pixels. It reports false when
// both colours have about the same luminance, so that no side can be
// called dark.
func twoLevel(p *imagein.Packed) (packedDark, bool) {
	dark, ok := darkIndex(p.Levels())
	return packedDark{p: p, darkBit: dark, lastMask: imagein.LastByteMask(p.W)}, ok
}

func (v packedDark) dark(x, y int) bool {
	return v.p.Bits[y*v.p.Stride+x>>3]>>(7-x&7)&1 == v.darkBit
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
	full := (p.Stride - 1) / 8
	var tail [8]byte
	binary.LittleEndian.PutUint64(tail[:], light)
	clear(tail[p.Stride-8*full:])
	tail[p.Stride-8*full-1] &= v.lastMask
	tailLight := binary.LittleEndian.Uint64(tail[:])

	var small [128]uint64 // rows up to 8192 pixels need no allocation
	or := small[:0]
	if full+1 <= len(small) {
		or = small[:full+1]
	} else {
		or = make([]uint64, full+1)
	}
	top, bottom = -1, -1
	for y := 0; y < p.H; y++ {
		row := p.Bits[y*p.Stride : (y+1)*p.Stride]
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
	tail := uint32(1)<<(p.W&31) - 1 // the last word's pixels
	if p.W&31 == 0 {
		tail = ^uint32(0)
	}
	m := s.bitMatrix(p.W, p.H)
	words := s.row.GetBitArray()
	var pad [4]byte
	for y := 0; y < p.H; y++ {
		row := p.Bits[y*p.Stride : (y+1)*p.Stride]
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
