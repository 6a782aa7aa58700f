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

// Micro QR's format information (ISO/IEC 18004:2015 §7.9.2): the symbol
// number (MicroSymbolNumber) and the mask, 2 bits, protected by the same
// BCH(15,5) code as QR's but masked with 100010001000101. One copy only,
// around the finder pattern (MicroFormatPosition).
var microFormatCode = bch{n: 15, k: 5, gen: 0x537, mask: 0x4445}

// microMasks is the number of Micro QR data mask patterns (§7.8.2).
const microMasks = 4

// MicroFormatInfo returns the 15-bit format information of Micro QR
// version v at level l with data mask mask, 0 to 3 in Micro QR's numbering
// (§7.9.2): the symbol number's 3 bits, the mask's 2 bits, the BCH(15,5)
// remainder, XORed with 100010001000101. Bit 14 is the most significant.
// The level must be one the version has. M1 with mask 0 gives the mask
// itself, 100010001000101.
func MicroFormatInfo(v int, l Level, mask int) uint32 {
	n, _ := MicroSymbolNumber(v, l)
	return microFormatCode.encode(uint32(n)<<2 | uint32(mask&3))
}

// DecodeMicroFormatInfo returns the version, level and mask of the Micro
// QR format information word nearest to word, a 15-bit reading (bit 14
// first), and the number of bits in which they differ. The code's minimum
// distance is 7: up to 3 differing bits are a correction it guarantees,
// more mean the reading is not to be trusted. All 32 data values are
// valid words (8 symbol numbers × 4 masks).
func DecodeMicroFormatInfo(word uint32) (v int, l Level, mask, distance int) {
	data, distance := microFormatCode.nearest(word, 0, 1<<5-1)
	v, l = MicroVersionOf(int(data >> 2))
	return v, l, int(data & 3), distance
}

// rMQR's format information (ISO/IEC 23941:2022 §7.9): the level bit (0
// for M, 1 for H) and the version less one, 5 bits, protected by the
// BCH(18,6) code of QR's version information (generator 0x1F25). The copy
// beside the finder pattern is masked with 011111101010110010, the copy
// beside the finder sub-pattern with 100000101001111011, so that the two
// are told apart.
var rmqrFormatCodes = [RMQRSides]bch{
	RMQRFinderSide:    {n: 18, k: 6, gen: 0x1F25, mask: 0x1FAB2},
	RMQRSubFinderSide: {n: 18, k: 6, gen: 0x1F25, mask: 0x20A7B},
}

// RMQRFormatInfo returns the 18-bit format information of rMQR version v,
// 1 to 32, at level l (M or H) for the given copy (§7.9): bit 17, the most
// significant, is the level bit, bits 16 to 12 the version less one, bits
// 11 to 0 the BCH(18,6) remainder, all XORed with the side's mask.
func RMQRFormatInfo(side RMQRSide, v int, l Level) uint32 {
	return rmqrFormatCodes[side&1].encode(rmqrFormatData(v, l))
}

// rmqrFormatData returns the 6 data bits of the format information.
func rmqrFormatData(v int, l Level) uint32 {
	var h uint32
	if l == H {
		h = 1
	}
	return h<<5 | uint32(v-1)&31
}

// DecodeRMQRFormatInfo returns the version and level of the rMQR format
// information word of the given copy nearest to word, an 18-bit reading
// (bit 17 first), and the number of bits in which they differ. The code's
// minimum distance is 8: up to 3 differing bits are a correction it
// guarantees, more mean the reading is not to be trusted. All 64 data
// values are valid words (32 versions × 2 levels).
func DecodeRMQRFormatInfo(side RMQRSide, word uint32) (v int, l Level, distance int) {
	data, distance := rmqrFormatCodes[side&1].nearest(word, 0, 1<<6-1)
	return int(data&31) + 1, rmqrLevels[data>>5], distance
}
