package bench

// formatMask is XORed onto the format information so that it is never all
// light (ISO/IEC 18004:2015 §7.9.1).
const formatMask = 0x5412

// formatGenerator is the BCH(15,5) generator polynomial
// x^10 + x^8 + x^5 + x^4 + x^2 + x + 1 (ISO/IEC 18004:2015 Annex C).
const formatGenerator = 0x537

// levelBits are the error correction level indicators of Table 12, indexed
// by Level: L = 01, M = 00, Q = 11, H = 10.
var levelBits = [4]int{L: 1, M: 0, Q: 3, H: 2}

// formatCode returns the 15-bit format information for a level and mask:
// 5 data bits, 10 BCH bits, then the XOR mask (§7.9.1).
func formatCode(l Level, mask int) int {
	data := levelBits[l]<<3 | mask
	rem := data << 10
	for i := 14; i >= 10; i-- {
		if rem&(1<<i) != 0 {
			rem ^= formatGenerator << (i - 10)
		}
	}
	return (data<<10 | rem) ^ formatMask
}

// FormatInfo reads the copy of the format information around the top-left
// finder pattern (§7.9.1, Figure 25) and returns the level and mask it
// names. ok is false when the bits are not a valid format code: the harness
// reads encoders' output, which must match a code exactly.
func (m *Matrix) FormatInfo() (level Level, mask int, ok bool) {
	if m.Size < 21 {
		return 0, 0, false
	}
	// Bit 14 first: row 8, columns 0-5, 7, 8; then column 8, rows 7, 5-0
	// (row 6 and column 6 are timing patterns).
	var got int
	read := func(x, y int) {
		got <<= 1
		if m.Dark(x, y) {
			got |= 1
		}
	}
	for x := 0; x <= 5; x++ {
		read(x, 8)
	}
	read(7, 8)
	read(8, 8)
	read(8, 7)
	for y := 5; y >= 0; y-- {
		read(8, y)
	}
	for l := L; l <= H; l++ {
		for k := 0; k < 8; k++ {
			if got == formatCode(l, k) {
				return l, k, true
			}
		}
	}
	return 0, 0, false
}
