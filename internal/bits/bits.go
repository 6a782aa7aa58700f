// Package bits is an append-only bit buffer over a caller's byte slice,
// most significant bit first, as QR Code's data bit stream is written
// (ISO/IEC 18004:2015 §7.4).
package bits

// Buffer appends bits to a byte slice the caller provides. The zero value
// has no room: call Reset. Writing past the slice's length does not panic:
// the excess is dropped and Overflow reports it. A Buffer is not safe for
// concurrent use.
type Buffer struct {
	buf      []byte
	n        int // bits written
	overflow bool
}

// Reset empties b and makes it write into buf, which it clears.
func (b *Buffer) Reset(buf []byte) {
	clear(buf)
	*b = Buffer{buf: buf}
}

// Write appends the low n bits of v, most significant first; n is 0..32.
func (b *Buffer) Write(v uint32, n int) {
	if n <= 0 || n > 32 {
		return
	}
	if b.n+n > len(b.buf)*8 {
		b.overflow = true
		return
	}
	// Align the n bits in a 64-bit big-endian window that starts at the
	// byte holding bit b.n; they span at most 5 bytes.
	off := b.n & 7
	x := uint64(v) << (64 - uint(n)) >> uint(off)
	buf := b.buf[b.n>>3:]
	for k := 0; k < (off+n+7)>>3; k++ {
		buf[k] |= byte(x >> (56 - 8*uint(k)))
	}
	b.n += n
}

// WriteBytes appends the 8 bits of each byte of p, as Write(c, 8) would.
func (b *Buffer) WriteBytes(p []byte) {
	if b.n+8*len(p) > len(b.buf)*8 {
		b.overflow = true
		return
	}
	off := uint(b.n & 7)
	buf := b.buf[b.n>>3:]
	if off == 0 {
		copy(buf, p)
	} else {
		_ = buf[len(p)] // the last byte spills into buf[len(p)]
		for i, c := range p {
			buf[i] |= c >> off
			buf[i+1] = c << (8 - off)
		}
	}
	b.n += 8 * len(p)
}

// Len returns the number of bits written.
func (b *Buffer) Len() int { return b.n }

// Cap returns the number of bits the buffer can hold.
func (b *Buffer) Cap() int { return len(b.buf) * 8 }

// Overflow reports whether a Write did not fit and was dropped.
func (b *Buffer) Overflow() bool { return b.overflow }

// Bytes returns the written bytes; a last partial byte is padded with zeros.
// The slice aliases the caller's buffer.
func (b *Buffer) Bytes() []byte { return b.buf[:(b.n+7)/8] }
