package qrspec

import "math/bits"

// bch is a binary BCH code as the QR family protects its format and
// version information with: n-bit words whose k high bits are the data and
// whose n−k low bits are the remainder of data·x^(n−k) divided by the
// generator polynomial, XORed with a fixed mask. Polynomials over GF(2)
// are bit patterns, bit i the coefficient of x^i.
type bch struct {
	n, k uint
	gen  uint32 // generator polynomial, of degree n−k
	mask uint32
}

// encode returns the masked code word of data, whose k bits are its high
// bits.
func (c *bch) encode(data uint32) uint32 {
	shifted := data << (c.n - c.k)
	return (shifted | polyMod(shifted, c.gen)) ^ c.mask
}

// nearest returns the data value in lo..hi whose code word is nearest to
// word in Hamming distance, and that distance; the lowest such value on
// ties. A distance up to (d−1)/2, for the code's minimum distance d, is a
// correction the code guarantees: no other code word is as near.
func (c *bch) nearest(word uint32, lo, hi uint32) (data uint32, distance int) {
	distance = int(c.n) + 1
	for d := lo; d <= hi; d++ {
		if e := bits.OnesCount32(word ^ c.encode(d)); e < distance {
			data, distance = d, e
		}
	}
	return data, distance
}

// polyMod returns the remainder of p divided by gen, polynomials over
// GF(2).
func polyMod(p, gen uint32) uint32 {
	deg := bits.Len32(gen) - 1
	for i := bits.Len32(p) - 1; i >= deg; i-- {
		if p>>uint(i)&1 != 0 {
			p ^= gen << uint(i-deg)
		}
	}
	return p
}
