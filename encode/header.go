package encode

import (
	"fmt"

	"github.com/qrworks/qrworks/internal/bits"
	"github.com/qrworks/qrworks/internal/qrspec"
)

// StructuredAppend places a symbol in a sequence of 2 to 16 symbols whose
// data, concatenated in order, is one message (ISO/IEC 18004:2015 clause
// 8). The zero value means a symbol outside any sequence.
type StructuredAppend struct {
	Index  int  // the symbol's position in the sequence, from 0
	Total  int  // the number of symbols in the sequence, 2 to 16; 0 for none
	Parity byte // the XOR of every byte of the whole message (see EncodeSequence)
}

// The bounds of a sequence: the header holds the position and the total
// less one in 4 bits each (clause 8), and one symbol is no sequence.
const (
	minSequence = 2
	maxSequence = 16
)

// valid reports whether s is the zero value or a position in a sequence.
func (s StructuredAppend) valid() bool {
	if s.Total == 0 {
		return s == StructuredAppend{}
	}
	return s.Total >= minSequence && s.Total <= maxSequence && s.Index >= 0 && s.Index < s.Total
}

// fnc1Mode says whether and how a symbol's data is marked as FNC1 data
// (ISO/IEC 18004:2015 §7.4.8).
type fnc1Mode uint8

const (
	fnc1None   fnc1Mode = iota
	fnc1First           // GS1 element strings (§7.4.8.2)
	fnc1Second          // a format registered with AIM, named by an application indicator (§7.4.8.3)
)

// header is what a symbol's bit stream holds before its segments, in the
// order written: the structured append header (clause 8), the ECI
// designator (§7.4.2) and the FNC1 mode indicator with, in second
// position, its application indicator (§7.4.8).
type header struct {
	sa           StructuredAppend
	eci          bool
	fnc1         fnc1Mode
	appIndicator uint8 // the 8-bit value of §7.4.8.3
}

// bits returns the length of h in version v of fam: 4-bit mode indicators
// in QR, 3-bit in rMQR. Options.validate has refused what fam lacks
// (structured append outside QR, FNC1 and ECI in Micro QR).
func (h *header) bits(fam qrspec.Family, v Version) int {
	mode := fam.ModeBits(int(v))
	n := 0
	if h.sa.Total != 0 {
		n += mode + qrspec.StructuredAppendBits
	}
	if h.eci {
		_, width, _ := qrspec.ECIDesignator(eciUTF8)
		n += mode + width
	}
	switch h.fnc1 {
	case fnc1First:
		n += mode
	case fnc1Second:
		n += mode + qrspec.AppIndicatorBits
	}
	return n
}

// write appends h for version v of fam.
func (h *header) write(b *bits.Buffer, fam qrspec.Family, v Version) {
	mode := fam.ModeBits(int(v))
	indicator := func(m qrspec.Mode) uint32 {
		i, _ := fam.ModeIndicator(int(v), m)
		return i
	}
	if h.sa.Total != 0 {
		b.Write(indicator(qrspec.StructuredAppend), mode)
		b.Write(uint32(h.sa.Index), 4)
		b.Write(uint32(h.sa.Total-1), 4)
		b.Write(uint32(h.sa.Parity), 8)
	}
	if h.eci {
		designator, width, _ := qrspec.ECIDesignator(eciUTF8)
		b.Write(indicator(qrspec.ECI), mode)
		b.Write(designator, width)
	}
	switch h.fnc1 {
	case fnc1First:
		b.Write(indicator(qrspec.FNC1First), mode)
	case fnc1Second:
		b.Write(indicator(qrspec.FNC1Second), mode)
		b.Write(uint32(h.appIndicator), qrspec.AppIndicatorBits)
	}
}

// appIndicatorValue returns the 8-bit value of an AIM application
// indicator (§7.4.8.3): two digits "00" to "99" as their number, one
// letter as its ASCII code plus 100.
func appIndicatorValue(s string) (uint8, error) {
	switch {
	case len(s) == 2 && isDigit(s[0]) && isDigit(s[1]):
		return (s[0]-'0')*10 + s[1] - '0', nil
	case len(s) == 1 && ('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z'):
		return s[0] + 100, nil
	}
	return 0, fmt.Errorf("encode: %w: application indicator %q is neither two digits nor a letter", ErrInvalidOption, s)
}
