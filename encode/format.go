package encode

// bchRemainder returns the remainder of value·x^deg(gen) divided by gen,
// polynomials over GF(2) written as bit patterns.
func bchRemainder(value, gen uint32) uint32 {
	deg := 0
	for g := gen; g > 1; g >>= 1 {
		deg++
	}
	r := value << uint(deg)
	for i := 31; i >= deg; i-- {
		if r>>uint(i)&1 != 0 {
			r ^= gen << uint(i-deg)
		}
	}
	return r
}

// Format and version information constants, §7.9.1 and §7.10.
const (
	formatGenerator  = 0x537  // x^10+x^8+x^5+x^4+x^2+x+1, the (15,5) BCH code of Annex C
	formatXOR        = 0x5412 // 101010000010010, so that no format word is all zeros (§7.9.1)
	versionGenerator = 0x1F25 // x^12+x^11+x^10+x^9+x^8+x^5+x^2+1, the (18,6) BCH code of Annex D
)

// formatBits returns the 15-bit format information of level l and mask
// pattern m (§7.9.1, Annex C): the level's two bits (Table 12) and the
// three mask bits, the BCH(15,5) remainder, XORed with 0x5412. Bit 14 is
// the most significant. For 1-M with mask 2 it is 101111001111100 (Annex I).
func formatBits(l Level, m int) uint32 {
	data := formatLevelBits(l)<<3 | uint32(m)
	return (data<<10 | bchRemainder(data, formatGenerator)) ^ formatXOR
}

// versionBits returns the 18-bit version information of version v ≥ 7
// (§7.10, Annex D): six version bits and the BCH(18,6) remainder. Version
// 7 gives 000111110010010100 (Table D.1).
func versionBits(v Version) uint32 {
	return uint32(v)<<12 | bchRemainder(uint32(v), versionGenerator)
}
