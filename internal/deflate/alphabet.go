package deflate

import "math/bits"

// The alphabets of RFC 1951 §3.2.5: what a literal, a length and a distance
// become on the wire, before Huffman coding. The Writer codes with them, and
// a caller that chooses its own tokens prices them with LengthCode and
// DistanceCode: these are facts of the format, not of this Writer, so they
// live here once rather than copied into each cost model.

// Alphabet sizes (RFC 1951 §3.2.5): 256 literals, end of block and 29 length
// codes; 30 distance codes; 19 code-length codes (§3.2.7).
const (
	numLitLen  = 286
	numDist    = 30
	numCodeLen = 19
	endOfBlock = 256
)

// lengthCode maps a match length, 3..258, to its length code minus 257
// (§3.2.5): lengths 3..10 have a code each, then every code covers twice the
// span of the four before it, and 258 has code 285 to itself.
func lengthCode(n int) int {
	if n == MaxMatch {
		return 28
	}
	v := n - 3
	if v < 8 {
		return v
	}
	l := bits.Len(uint(v)) - 1 // v ≥ 8, so l ≥ 3
	return 4*(l-1) + (v>>(l-2))&3
}

// lengthExtra returns the extra bits of length code c (minus 257) and the
// length the code stands for when they are zero.
func lengthExtra(c int) (nbits uint, base int) {
	switch {
	case c == 28:
		return 0, MaxMatch
	case c < 8:
		return 0, 3 + c
	}
	return uint(c/4 - 1), 3 + (4+c%4)<<(c/4-1)
}

// distCode maps a distance, 1..32768, to its distance code (§3.2.5): 1..4
// have a code each, then each pair of codes doubles the span.
func distCode(d int) int {
	v := d - 1
	if v < 4 {
		return v
	}
	l := bits.Len(uint(v)) - 1 // v ≥ 4, so l ≥ 2
	return 2*l + (v>>(l-1))&1
}

// distExtra returns the extra bits of distance code c and its base distance.
func distExtra(c int) (nbits uint, base int) {
	if c < 4 {
		return 0, c + 1
	}
	return uint(c/2 - 1), 1 + (2+c%2)<<(c/2-1)
}

// codeLenOrder is the order in which the code-length code's lengths are
// sent (§3.2.7).
var codeLenOrder = [numCodeLen]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// fixedLitLen returns the length of literal/length code s in the fixed code
// (§3.2.6); fixed distance codes are all 5 bits.
func fixedLitLen(s int) uint8 {
	switch {
	case s < 144:
		return 8
	case s < 256:
		return 9
	case s < 280:
		return 7
	}
	return 8
}

// LengthCode returns the literal/length symbol, 257..285, that codes a copy
// of n bytes, MinMatch ≤ n ≤ MaxMatch, and the number of extra bits that
// follow it (§3.2.5).
func LengthCode(n int) (symbol, extra int) {
	c := lengthCode(n)
	nb, _ := lengthExtra(c)
	return 257 + c, int(nb)
}

// DistanceCode returns the distance symbol, 0..29, that codes distance d,
// 1 ≤ d ≤ MaxDistance, and the number of extra bits that follow it
// (§3.2.5).
func DistanceCode(d int) (symbol, extra int) {
	c := distCode(d)
	nb, _ := distExtra(c)
	return c, int(nb)
}
