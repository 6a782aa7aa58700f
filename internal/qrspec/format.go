package qrspec

// QR Code's format information (§7.9.1, Annex C) and version information
// (§7.10, Annex D).
var (
	// qrFormatCode is the (15,5) BCH code of the format information: the
	// generator x^10+x^8+x^5+x^4+x^2+x+1 (Annex C) and the mask
	// 101010000010010, so that no format word is all zeros (§7.9.1). Its
	// minimum distance is 7: three bit errors are corrected.
	qrFormatCode = bch{n: 15, k: 5, gen: 0x537, mask: 0x5412}
	// qrVersionCode is the (18,6) BCH code of the version information,
	// versions 7 to 40: the generator x^12+x^11+x^10+x^9+x^8+x^5+x^2+1
	// (Annex D), no mask. Its minimum distance is 8: three bit errors are
	// corrected.
	qrVersionCode = bch{n: 18, k: 6, gen: 0x1F25}
)

// qrLevelBits are the two error correction level bits of the format
// information, Table 12: L 01, M 00, Q 11, H 10.
var qrLevelBits = [levels]uint32{L: 0b01, M: 0b00, Q: 0b11, H: 0b10}

// qrFormatWords[level][mask] caches the 32 format information words.
var qrFormatWords = func() (w [levels][8]uint16) {
	for l := L; l < levels; l++ {
		for m := range 8 {
			w[l][m] = uint16(qrFormatCode.encode(qrLevelBits[l]<<3 | uint32(m)))
		}
	}
	return w
}()

// QRFormatInfo returns the 15-bit format information of level l and data
// mask pattern mask, 0 to 7 (§7.9.1, Annex C): the level's two bits (Table
// 12) and the three mask bits, the BCH(15,5) remainder, XORed with
// 101010000010010. Bit 14 is the most significant. For level M and mask 2
// it is 101111001111100 (Annex I).
func QRFormatInfo(l Level, mask int) uint32 { return uint32(qrFormatWords[l][mask&7]) }

// DecodeQRFormatInfo returns the level and mask of the format information
// word nearest to word, a 15-bit reading (bit 14 first), and the number of
// bits in which they differ. Up to 3 differing bits are a correction the
// code guarantees (§7.9.1); more mean the reading is not to be trusted.
func DecodeQRFormatInfo(word uint32) (l Level, mask, distance int) {
	data, distance := qrFormatCode.nearest(word, 0, 1<<5-1)
	return qrLevelOfBits[data>>3], int(data & 7), distance
}

// qrLevelOfBits inverts qrLevelBits.
var qrLevelOfBits = [4]Level{0b01: L, 0b00: M, 0b11: Q, 0b10: H}

// QRVersionInfo returns the 18-bit version information of version v, 7 to
// 40 (§7.10, Annex D): six version bits and the BCH(18,6) remainder, bit
// 17 the most significant. Version 7 gives 000111110010010100 (Table D.1).
func QRVersionInfo(v int) uint32 { return qrVersionCode.encode(uint32(v)) }

// DecodeQRVersionInfo returns the version 7 to 40 whose version
// information word is nearest to word, an 18-bit reading (bit 17 first),
// and the number of bits in which they differ. Up to 3 differing bits are a
// correction the code guarantees (§7.10); more mean the reading is not to
// be trusted.
func DecodeQRVersionInfo(word uint32) (v, distance int) {
	data, distance := qrVersionCode.nearest(word, 7, qrVersions)
	return int(data), distance
}
