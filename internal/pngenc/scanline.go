package pngenc

import (
	"encoding/binary"
	"math/bits"
)

// layout is the geometry of one image: the grid, the scale and quiet zone,
// and the scanline length they give.
type layout struct {
	width, height int // the grid, in modules
	scale, quiet  int
	stride        int // bytes per scanline: filter byte + packed pixels
	// spread, if not nil, is the spreadTable of the scale, and the modules
	// start on a byte boundary: expandRow then copies bytes.
	spread []byte
}

func (l *layout) pixelWidth() int  { return (l.width + 2*l.quiet) * l.scale }
func (l *layout) pixelHeight() int { return (l.height + 2*l.quiet) * l.scale }

// expandRow writes the scanline of a module row (nil for a quiet-zone row)
// into dst, which is l.stride bytes long: filter type 0 (None), then each
// module as scale bits, light = 1, the quiet zone on both sides, and the
// last byte padded with light bits (decoders ignore padding, and light
// padding continues the quiet zone's run of 0xFF bytes).
func (l *layout) expandRow(dst []byte, row []uint64) {
	if l.spread != nil {
		l.spreadRow(dst, row)
		return
	}
	dst[0] = 0
	lb := lineBits{dst: dst, i: 1}
	if row == nil {
		lb.put(true, l.pixelWidth())
	} else {
		lb.put(true, l.quiet*l.scale)
		for x := 0; x < l.width; {
			dark := darkAt(row, x)
			end := runEnd(row, x, l.width, dark)
			lb.put(!dark, (end-x)*l.scale)
			x = end
		}
		lb.put(true, l.quiet*l.scale)
	}
	lb.finish()
}

// darkAt reports whether module x of a packed row (see Modules) is dark.
func darkAt(row []uint64, x int) bool { return row[x>>6]>>(63-uint(x&63))&1 != 0 }

// runEnd returns the end of the run of modules equal to dark (module x's
// colour) that starts at module x of row, at most n: a word at a time, by
// counting the leading bits equal to the first.
func runEnd(row []uint64, x, n int, dark bool) int {
	for {
		off := x & 63
		w := row[x>>6] << off // the bits shifted in are 0: light
		if dark {
			w = ^w
		}
		k := min(bits.LeadingZeros64(w), 64-off)
		x += k
		if x >= n {
			return n
		}
		if k < 64-off {
			return x
		}
	}
}

// lineBits packs pixels MSB first into dst, 64 at a time: a scanline is a
// few dozen runs of equal pixels, and filling words instead of bits keeps
// building it cheap next to parsing it.
type lineBits struct {
	dst []byte
	i   int
	acc uint64 // pending pixels, the oldest in the highest bit
	n   uint   // number of pending pixels, < 64
}

// put appends count pixels, all light or all dark.
func (l *lineBits) put(light bool, count int) {
	var fill uint64
	if light {
		fill = ^uint64(0)
	}
	for count > 0 {
		k := min(uint(count), 64-l.n)
		// k pixels of fill below the l.n pending ones; k ≥ 1.
		l.acc |= fill >> (64 - k) << (64 - l.n - k)
		l.n += k
		count -= int(k)
		if l.n == 64 {
			// 64 real pixels: they lie within the scanline.
			binary.BigEndian.PutUint64(l.dst[l.i:], l.acc)
			l.i += 8
			l.acc, l.n = 0, 0
		}
	}
}

// finish writes the pending pixels, padding the last byte with light bits.
func (l *lineBits) finish() {
	acc := l.acc | ^uint64(0)>>l.n
	for k := uint(0); k < l.n; k += 8 {
		l.dst[l.i] = byte(acc >> 56)
		acc <<= 8
		l.i++
	}
	l.acc, l.n = 0, 0
}

// maxSpreadScale bounds the scales that get a spreadTable: 256 entries of
// scale bytes, 8 KiB at most.
const maxSpreadScale = 32

// spreadTable returns, in buf (grown as needed), the scanline bytes of
// every byte of a packed module row at the given scale: entry b, scale bytes
// long at b·scale, is the 8·scale pixels of the eight modules whose dark
// bits are those of b, most significant first, light = 1.
func spreadTable(buf []byte, scale int) []byte {
	n := 256 * scale
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	for b := 0; b < 256; b++ {
		lb := lineBits{dst: buf[b*scale : (b+1)*scale]}
		for k := 7; k >= 0; k-- {
			lb.put(b>>k&1 == 0, scale)
		}
		lb.finish()
	}
	return buf
}

// useSpread sets l.spread to the table of l's scale, built into *buf if
// it holds another scale's, when the modules start on a byte boundary of
// the scanline and the scale is small enough for a table.
func (l *layout) useSpread(buf *[]byte) {
	l.spread = nil
	if l.scale > maxSpreadScale || l.quiet*l.scale%8 != 0 {
		return
	}
	if len(*buf) != 256*l.scale {
		*buf = spreadTable(*buf, l.scale)
	}
	l.spread = *buf
}

// spreadRow is expandRow for a layout with a spreadTable: the left quiet
// zone is whole bytes, and each byte of the module row becomes scale bytes
// of the table.
func (l *layout) spreadRow(dst []byte, row []uint64) {
	dst[0] = 0
	o := 1 + l.quiet*l.scale/8
	if row == nil {
		fillLight(dst[1:])
		return
	}
	fillLight(dst[1:o])
	s := l.scale
	nb := (l.width + 7) / 8
	for k := 0; k < nb; k++ {
		b := int(byte(row[k>>3] >> (56 - 8*uint(k&7))))
		if k == nb-1 && l.width%8 != 0 {
			b &= 0xff << (8 - l.width%8) // modules past the grid: light
		}
		// The last byte's entry may run past the scanline, into the
		// padding of a narrow quiet zone: copy truncates it.
		copy(dst[o+k*s:], l.spread[b*s:(b+1)*s])
	}
	if end := o + nb*s; end < len(dst) {
		fillLight(dst[end:])
	}
}

// fillLight sets every pixel of p light.
func fillLight(p []byte) {
	for i := range p {
		p[i] = 0xff
	}
}
