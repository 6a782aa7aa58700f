package decode

import (
	"fmt"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// The segments of the data bit stream, one reader per mode indicator
// (ISO/IEC 18004:2015 §7.4.2 to §7.4.8; GB/T 18284-2000 for hanzi).

// readAppIndicator reads the application indicator after FNC1 in second
// position (§7.4.8.3): 0 to 99 stand for two digits, a letter's ASCII code
// plus 100 for that letter (A–Z, a–z); any other value is an error.
func (p *payloadParser) readAppIndicator() error {
	v, err := p.r.read(qrspec.AppIndicatorBits)
	if err != nil {
		return err
	}
	switch {
	case v < 100:
		p.out.appIndicator = string([]byte{byte('0' + v/10), byte('0' + v%10)})
	case 'A'+100 <= v && v <= 'Z'+100, 'a'+100 <= v && v <= 'z'+100:
		p.out.appIndicator = string(rune(v - 100))
	default:
		return fmt.Errorf("%w: application indicator %d", errPayload, v)
	}
	p.out.fnc1 = fnc1Second
	return nil
}

// readAppendHeader reads a structured append header (clause 8): the
// symbol's position and the number of symbols less one in 4 bits each,
// then the parity byte. The first header counts.
func (p *payloadParser) readAppendHeader() error {
	v, err := p.r.read(qrspec.StructuredAppendBits)
	if err != nil {
		return err
	}
	if p.out.header.Total == 0 {
		p.out.header = Sequence{Index: v >> 12, Total: v>>8&15 + 1, Parity: byte(v)}
	}
	return nil
}

// maxECI is the largest ECI assignment number, Table 4.
const maxECI = 999999

// readECI reads an ECI designator of one, two or three bytes (§7.4.2.2,
// Table 4). The ECI is in force for the byte segments that follow; the
// first one is the symbol's.
func (p *payloadParser) readECI() error {
	first, err := p.r.read(8)
	if err != nil {
		return err
	}
	n := qrspec.ECIDesignatorLen(byte(first))
	if n == 0 {
		return fmt.Errorf("%w: ECI designator %08b", errPayload, first)
	}
	rest, err := p.r.read(8 * (n - 1))
	if err != nil {
		return err
	}
	eci := qrspec.ECIAssignment(uint32(first)<<(8*uint(n-1))|uint32(rest), n)
	if eci > maxECI {
		return fmt.Errorf("%w: ECI %d", errPayload, eci)
	}
	if p.out.eci < 0 {
		p.out.eci = eci
	}
	p.charset = eci
	return nil
}

// numericLimit[k] bounds the value of a group of k digits: it must have no
// more digits than the group (§7.4.3).
var numericLimit = [4]int{1, 10, 100, 1000}

// readNumeric reads a numeric segment (§7.4.3): groups of three digits in
// 10 bits, a tail of two in 7, of one in 4.
func (p *payloadParser) readNumeric() error {
	n, err := p.count(qrspec.Numeric)
	if err != nil {
		return err
	}
	for n > 0 {
		k := min(n, 3)
		v, err := p.r.read(qrspec.NumericBits(k))
		if err != nil {
			return err
		}
		if v >= numericLimit[k] {
			return fmt.Errorf("%w: %d digits valued %d", errPayload, k, v)
		}
		var d [3]byte
		for i := k - 1; i >= 0; i-- {
			d[i] = byte('0' + v%10)
			v /= 10
		}
		p.appendASCII(d[:k])
		n -= k
	}
	return nil
}

// readAlphanumeric reads an alphanumeric segment (§7.4.4): pairs in 11
// bits as 45·first + second, a lone tail in 6, each value a character of
// Table 5. In FNC1 mode (§7.4.8.1) "%%" stands for '%' and a single '%'
// for FNC1, transmitted as GS.
func (p *payloadParser) readAlphanumeric() error {
	n, err := p.count(qrspec.Alphanumeric)
	if err != nil {
		return err
	}
	if n*qrspec.AlphanumericPairBits/2 > p.r.left() {
		return errPayload
	}
	chars := make([]byte, 0, n)
	const set = qrspec.AlphanumericChars
	for ; n >= 2; n -= 2 {
		v, err := p.r.read(qrspec.AlphanumericPairBits)
		if err != nil || v/45 >= len(set) {
			return errPayload
		}
		chars = append(chars, set[v/45], set[v%45])
	}
	if n == 1 {
		v, err := p.r.read(qrspec.AlphanumericCharBits)
		if err != nil || v >= len(set) {
			return errPayload
		}
		chars = append(chars, set[v])
	}
	if p.out.fnc1 != noFNC1 {
		chars = unescapeFNC1(chars)
	}
	p.appendASCII(chars)
	return nil
}

// gsSeparator is GS, ASCII 29: FNC1 as a separator in the data.
const gsSeparator = 0x1D

// unescapeFNC1 turns the characters of an alphanumeric segment in FNC1
// mode into data, in place: "%%" into '%', a lone '%' into GS.
func unescapeFNC1(chars []byte) []byte {
	out := chars[:0]
	for i := 0; i < len(chars); i++ {
		c := chars[i]
		if c == '%' {
			if i+1 < len(chars) && chars[i+1] == '%' {
				i++
			} else {
				c = gsSeparator
			}
		}
		out = append(out, c)
	}
	return out
}

// readBytes reads a byte segment (§7.4.5): 8 bits per byte, verbatim, its
// text in the charset of the ECI in force.
func (p *payloadParser) readBytes() error {
	n, err := p.count(qrspec.Byte)
	if err != nil {
		return err
	}
	if 8*n > p.r.left() {
		return errPayload
	}
	start := len(p.out.bytes)
	for range n {
		v, _ := p.r.read(8)
		p.out.bytes = append(p.out.bytes, byte(v))
	}
	cs := charset(p.charset)
	if p.charset < 0 {
		cs = charsetGuess
	}
	return p.appendText(p.out.bytes[start:], cs)
}

// readDoubleByte reads a segment of a double-byte mode, kanji (§7.4.6) or
// hanzi (GB/T 18284-2000): 13 bits per character, which unpack turns back
// into its two-byte code, high byte first, of charset cs.
func (p *payloadParser) readDoubleByte(m qrspec.Mode, unpack func(uint32) uint16, cs charset) error {
	n, err := p.count(m)
	if err != nil {
		return err
	}
	if n*qrspec.DoubleByteBits > p.r.left() {
		return errPayload
	}
	start := len(p.out.bytes)
	for ; n > 0; n-- {
		v, _ := p.r.read(qrspec.DoubleByteBits)
		c := unpack(uint32(v))
		p.out.bytes = append(p.out.bytes, byte(c>>8), byte(c))
	}
	return p.appendText(p.out.bytes[start:], cs)
}
