package qrspec

// ECI designators, ISO/IEC 18004:2015 §7.4.2.2, Table 4: an ECI assignment
// number of 0 to 999999 written in one, two or three bytes, the leading
// bits of the first byte saying how many:
//
//	0–127           0bbbbbbb
//	128–16383       10bbbbbb bbbbbbbb
//	16384–999999    110bbbbb bbbbbbbb bbbbbbbb
const maxECI = 999999

// ECIDesignator returns the designator of ECI assignment number n and its
// width in bits (8, 16 or 24), and false if n is outside 0 to 999999.
func ECIDesignator(n int) (designator uint32, width int, ok bool) {
	switch {
	case n < 0 || n > maxECI:
		return 0, 0, false
	case n < 1<<7:
		return uint32(n), 8, true
	case n < 1<<14:
		return 0b10<<14 | uint32(n), 16, true
	}
	return 0b110<<21 | uint32(n), 24, true
}

// ECIDesignatorLen returns the length in bytes of the designator whose first
// byte is first, read from its leading bits, or 0 if no designator starts
// with that byte (111xxxxx).
func ECIDesignatorLen(first byte) int {
	switch {
	case first&0x80 == 0:
		return 1
	case first&0xC0 == 0x80:
		return 2
	case first&0xE0 == 0xC0:
		return 3
	}
	return 0
}

// ECIAssignment returns the assignment number of the designator d of n
// bytes (ECIDesignatorLen of its first byte): its low 7·n bits, the bits
// after the length prefix. It does not check the range: a three-byte
// designator can hold numbers up to 2097151, beyond the 999999 of Table 4.
func ECIAssignment(d uint32, n int) int { return int(d & (1<<(7*uint(n)) - 1)) }
