package qrspec

import "fmt"

// Mode is what a mode indicator announces (ISO/IEC 18004:2015 §7.4.1,
// Table 2): a data mode, or ECI, FNC1, structured append or the end of the
// data.
type Mode uint8

// The modes. The data modes come first, in order, so that they can index
// per-mode arrays.
const (
	Numeric      Mode = iota // digits, three in 10 bits (§7.4.3)
	Alphanumeric             // the 45 characters of Table 5, two in 11 bits (§7.4.4)
	Byte                     // any bytes, 8 bits each (§7.4.5)
	Kanji                    // Shift JIS double-byte characters, 13 bits each (§7.4.6)
	// Hanzi is GB 2312 double-byte characters, 13 bits each: not
	// ISO/IEC 18004 but the Chinese national standard GB/T 18284-2000,
	// whose mode indicator 1101 QR decoders read.
	Hanzi
	ECI              // an Extended Channel Interpretation designator follows (§7.4.2)
	FNC1First        // GS1 data follows (§7.4.8.2)
	FNC1Second       // an application indicator and data of an AIM-registered format follow (§7.4.8.3)
	StructuredAppend // the symbol is part of a sequence (clause 8)
	Terminator       // the end of the data (§7.4.9)
	numModes
)

// dataModes is the number of data modes: the modes with a character count.
const dataModes = int(Hanzi) + 1

// noMode marks an indicator value that announces no mode.
const noMode Mode = 0xFF

var modeNames = [numModes]string{"numeric", "alphanumeric", "byte", "kanji", "hanzi", "ECI", "FNC1 first", "FNC1 second", "structured append", "terminator"}

// String returns the mode's name.
func (m Mode) String() string {
	if m < numModes {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// ModeBits returns the width of the mode indicators of version v (Table
// 2): 4 for QR, 0 to 3 for Micro QR's M1 to M4, 3 for rMQR.
func (f Family) ModeBits(v int) int { return int(families[f].modeBits[v]) }

// ModeIndicator returns the mode indicator of mode m in version v, to be
// written in ModeBits(v) bits, and false if version v of f has no such
// mode. Micro QR has no indicator for the Terminator: its terminator is
// TerminatorBits(v) zero bits, longer than a mode indicator, so a reader
// checks for it before reading one.
func (f Family) ModeIndicator(v int, m Mode) (uint32, bool) {
	i := families[f].indicator[v][m]
	return uint32(i), i >= 0
}

// ModeOf returns the mode that the indicator value announces in version v,
// and false if it announces none.
func (f Family) ModeOf(v int, indicator uint32) (Mode, bool) {
	m := families[f].modeOf[v][indicator&15]
	return m, m != noMode && indicator < 16
}

// CountBits returns the width of the character count indicator of data
// mode m in version v (Table 3), or 0 for modes without one (ECI, FNC1,
// structured append, terminator).
func (f Family) CountBits(v int, m Mode) int {
	if int(m) >= dataModes {
		return 0
	}
	return int(families[f].countBits[v][m])
}

// CountRange returns the versions first..last around v whose segment
// headers are the same as v's: the same mode indicators and count widths,
// so that a bit stream has the same length in all of them. For QR these
// are Table 3's ranges 1–9, 10–26 and 27–40.
func (f Family) CountRange(v int) (first, last int) {
	r := &families[f].countRange[v]
	return int(r[0]), int(r[1])
}

// TerminatorBits returns the length of the terminator of version v, the
// zero bits that end the data when the symbol has room for them (§7.4.9):
// 4 for QR, 3, 5, 7 and 9 for Micro QR's M1 to M4, 3 for rMQR.
func (f Family) TerminatorBits(v int) int { return int(families[f].terminator[v]) }

// Fields of fixed width that follow some mode indicators, and the widths
// of the data modes' character groups.
const (
	// AppIndicatorBits is the application indicator after FNC1 in second
	// position, §7.4.8.3.
	AppIndicatorBits = 8
	// StructuredAppendBits is the header after a structured append
	// indicator, clause 8: the symbol's position in the sequence and the
	// number of symbols less one, 4 bits each, then the parity byte.
	StructuredAppendBits = 4 + 4 + 8
	// HanziSubsetBits is the subset indicator after the Hanzi mode indicator
	// and before the count (GB/T 18284-2000): 0001 for GB 2312.
	HanziSubsetBits = 4
	// AlphanumericPairBits holds two alphanumeric characters as
	// 45·first + second, AlphanumericCharBits a last single one (§7.4.4).
	AlphanumericPairBits = 11
	AlphanumericCharBits = 6
	// DoubleByteBits holds one kanji (§7.4.6) or hanzi character.
	DoubleByteBits = 13
)

// NumericBits returns the width of a group of k digits, 1 ≤ k ≤ 3 (§7.4.3):
// three digits in 10 bits, a final two in 7, a final one in 4.
func NumericBits(k int) int { return int(numericBits[k&3]) }

var numericBits = [4]uint8{0, 4, 7, 10}
