package qrspec

// PackKanji returns the 13-bit kanji mode value of the Shift JIS code c
// (§7.4.6), and false if kanji mode cannot hold c: subtract 0x8140 from
// codes 0x8140–0x9FFC or 0xC140 from codes 0xE040–0xEBBF, then the value is
// (high byte)·0xC0 + (low byte).
func PackKanji(c uint16) (uint32, bool) {
	switch {
	case c >= 0x8140 && c <= 0x9FFC:
		c -= 0x8140
	case c >= 0xE040 && c <= 0xEBBF:
		c -= 0xC140
	default:
		return 0, false
	}
	return uint32(c>>8)*0xC0 + uint32(c&0xFF), true
}

// UnpackKanji returns the Shift JIS code of the kanji mode value v (13
// bits), undoing PackKanji: (v / 0xC0)·256 + v % 0xC0, plus 0x8140 below
// 0x1F00 and 0xC140 from there on. Values PackKanji never makes give codes
// outside Shift JIS; the caller's character set conversion rejects them.
func UnpackKanji(v uint32) uint16 { return unpackDoubleByte(v, 0xC0, 0x1F00, 0x8140, 0xC140) }

// UnpackHanzi returns the GB 2312 code of the hanzi mode value v (13 bits,
// GB/T 18284-2000): (v / 0x60)·256 + v % 0x60, plus 0xA1A1 below 0x0A00
// and 0xA6A1 from there on (the two ranges of GB 2312's double-byte
// characters, 0xA1A1–0xAAFE and 0xB0A1–0xFAFE).
func UnpackHanzi(v uint32) uint16 { return unpackDoubleByte(v, 0x60, 0x0A00, 0xA1A1, 0xA6A1) }

// unpackDoubleByte splits v into (v/div)·256 + v%div and adds lowBase
// below split, highBase from there on.
func unpackDoubleByte(v, div, split, lowBase, highBase uint32) uint16 {
	c := (v/div)<<8 | v%div
	if c < split {
		c += lowBase
	} else {
		c += highBase
	}
	return uint16(c)
}
