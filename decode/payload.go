package decode

import (
	"errors"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// Payload parsing: gozxing returns the text already converted to UTF-8 and
// the corrected data codewords, but not the payload bytes as encoded nor the
// ECI designator. parsePayload walks the data bit stream (ISO/IEC 18004:2015
// clause 7.4) to recover both.

var errPayload = errors.New("decode: malformed data bit stream")

// bitReader reads big-endian bit fields from codewords.
type bitReader struct {
	data []byte
	pos  int // in bits
}

func (r *bitReader) left() int { return 8*len(r.data) - r.pos }

func (r *bitReader) read(n int) (int, error) {
	if n > r.left() {
		return 0, errPayload
	}
	v := 0
	for i := 0; i < n; i++ {
		b := r.data[(r.pos)>>3] >> (7 - uint(r.pos&7)) & 1
		v = v<<1 | int(b)
		r.pos++
	}
	return v, nil
}

// payloadParser walks the segments of one symbol's data bit stream.
type payloadParser struct {
	r       bitReader
	family  qrspec.Family
	version int
	payload []byte
	eci     int // the first ECI assignment number, or −1

	fnc1First, fnc1Second bool     // FNC1 mode indicators seen (§7.4.8)
	aim                   string   // the application indicator after FNC1 in second position
	sequence              Sequence // the structured append header, zero Total if none (clause 8)
}

// parsePayload returns the payload bytes of a QR Code of the given version
// (digits and alphanumerics as ASCII, byte segments verbatim, Kanji as
// Shift JIS and Hanzi as GB 2312 byte pairs) and the first ECI assignment
// number, or -1. The stream ends at the terminator, or where fewer bits are
// left than a mode indicator takes (a full symbol may omit the terminator,
// §7.4.9). A stream that breaks off inside a segment, or holds an unknown
// mode indicator or an invalid value, is an error wrapping errPayload.
func parsePayload(codewords []byte, version int) (payload []byte, eci int, err error) {
	p, err := parseStream(codewords, version)
	if err != nil {
		return nil, -1, err
	}
	return p.payload, p.eci, nil
}

// parseStream walks the data bit stream as parsePayload describes and
// returns the parser with all it read: the payload (in FNC1 mode with the
// GS separators that alphanumeric segments write as '%'), the ECI, the
// FNC1 mode and application indicator, the structured append header.
func parseStream(codewords []byte, version int) (payloadParser, error) {
	p := payloadParser{r: bitReader{data: codewords}, family: qrspec.QR, version: version, eci: -1}
	modeBits := p.family.ModeBits(version)
	for p.r.left() >= modeBits {
		indicator, _ := p.r.read(modeBits)
		mode, ok := p.family.ModeOf(version, uint32(indicator))
		if !ok {
			return payloadParser{}, errPayload
		}
		if mode == qrspec.Terminator {
			break
		}
		if err := p.segment(mode); err != nil {
			return payloadParser{}, err
		}
	}
	return p, nil
}

// segment reads what follows a mode indicator of mode m (Table 2).
func (p *payloadParser) segment(m qrspec.Mode) error {
	switch m {
	case qrspec.FNC1First:
		p.fnc1First = true
		return nil
	case qrspec.FNC1Second:
		return p.readAppIndicator()
	case qrspec.StructuredAppend:
		return p.readStructuredAppend()
	case qrspec.ECI:
		return p.readECI()
	case qrspec.Numeric:
		return p.readNumeric()
	case qrspec.Alphanumeric:
		return p.readAlphanumeric()
	case qrspec.Byte:
		return p.readBytes()
	case qrspec.Kanji:
		return p.readDoubleByte(qrspec.Kanji, qrspec.UnpackKanji)
	case qrspec.Hanzi:
		if err := p.skip(qrspec.HanziSubsetBits); err != nil {
			return err
		}
		return p.readDoubleByte(qrspec.Hanzi, qrspec.UnpackHanzi)
	}
	return errPayload
}

// readAppIndicator reads the application indicator after FNC1 in second
// position (§7.4.8.3): 0–99 stand for two digits, 165–190 and 197–222 for
// the letters A–Z and a–z (their ASCII codes plus 100); any other value is
// an error.
func (p *payloadParser) readAppIndicator() error {
	v, err := p.r.read(qrspec.AppIndicatorBits)
	if err != nil {
		return err
	}
	switch {
	case v < 100:
		p.aim = string([]byte{byte('0' + v/10), byte('0' + v%10)})
	case 'A'+100 <= v && v <= 'Z'+100, 'a'+100 <= v && v <= 'z'+100:
		p.aim = string(rune(v - 100))
	default:
		return errPayload
	}
	p.fnc1Second = true
	return nil
}

// readStructuredAppend reads the header of a symbol in a sequence (clause
// 8): its position and the total less one in 4 bits each, then the parity.
// The first header counts.
func (p *payloadParser) readStructuredAppend() error {
	v, err := p.r.read(qrspec.StructuredAppendBits)
	if err != nil {
		return err
	}
	if p.sequence.Total == 0 {
		p.sequence = Sequence{Index: v >> 12, Total: v>>8&15 + 1, Parity: byte(v)}
	}
	return nil
}

// skip passes over a field of n bits whose value the payload does not use.
func (p *payloadParser) skip(n int) error {
	_, err := p.r.read(n)
	return err
}

// count reads the character count indicator of a segment of mode m (Table
// 3).
func (p *payloadParser) count(m qrspec.Mode) (int, error) {
	return p.r.read(p.family.CountBits(p.version, m))
}

// readECI reads an ECI designator of one, two or three bytes (§7.4.2.2,
// Table 4) and keeps its assignment number if it is the first.
func (p *payloadParser) readECI() error {
	first, err := p.r.read(8)
	if err != nil {
		return err
	}
	n := qrspec.ECIDesignatorLen(byte(first))
	if n == 0 {
		return errPayload
	}
	rest, err := p.r.read(8 * (n - 1))
	if err != nil {
		return err
	}
	if p.eci < 0 {
		p.eci = qrspec.ECIAssignment(uint32(first)<<(8*uint(n-1))|uint32(rest), n)
	}
	return nil
}

// readNumeric reads a numeric segment (§7.4.3): groups of three digits in
// 10 bits, a tail of two in 7, of one in 4. A group's value must have no
// more digits than the group (999, 99, 9 at most).
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
		if v >= [4]int{1, 10, 100, 1000}[k] {
			return errPayload
		}
		var d [3]byte
		for i := k - 1; i >= 0; i-- {
			d[i] = byte('0' + v%10)
			v /= 10
		}
		p.payload = append(p.payload, d[:k]...)
		n -= k
	}
	return nil
}

// readAlphanumeric reads an alphanumeric segment (§7.4.4): pairs in 11
// bits as 45·first + second, a lone tail in 6, each value a character of
// Table 5. In FNC1 mode (§7.4.8) "%%" stands for '%' and a single '%' for
// FNC1, the GS separator.
func (p *payloadParser) readAlphanumeric() error {
	start := len(p.payload)
	if err := p.readAlphanumericChars(); err != nil {
		return err
	}
	if p.fnc1First || p.fnc1Second {
		p.payload = append(p.payload[:start], unescapeFNC1(p.payload[start:])...)
	}
	return nil
}

// unescapeFNC1 turns the characters of an alphanumeric segment in FNC1
// mode into data, in place: "%%" into '%', '%' into GS.
func unescapeFNC1(chars []byte) []byte {
	out := chars[:0]
	for i := 0; i < len(chars); i++ {
		c := chars[i]
		if c == '%' {
			if i+1 < len(chars) && chars[i+1] == '%' {
				i++
			} else {
				c = gs1Separator
			}
		}
		out = append(out, c)
	}
	return out
}

// gs1Separator is GS, ASCII 29, the FNC1 separator in the data.
const gs1Separator = 0x1D

// readAlphanumericChars reads the characters of an alphanumeric segment.
func (p *payloadParser) readAlphanumericChars() error {
	n, err := p.count(qrspec.Alphanumeric)
	if err != nil {
		return err
	}
	const chars = qrspec.AlphanumericChars
	for ; n >= 2; n -= 2 {
		v, err := p.r.read(qrspec.AlphanumericPairBits)
		if err != nil || v/45 >= len(chars) {
			return errPayload
		}
		p.payload = append(p.payload, chars[v/45], chars[v%45])
	}
	if n == 1 {
		v, err := p.r.read(qrspec.AlphanumericCharBits)
		if err != nil || v >= len(chars) {
			return errPayload
		}
		p.payload = append(p.payload, chars[v])
	}
	return nil
}

// readBytes reads a byte segment (§7.4.5): 8 bits per byte, verbatim.
func (p *payloadParser) readBytes() error {
	n, err := p.count(qrspec.Byte)
	if err != nil {
		return err
	}
	for ; n > 0; n-- {
		v, err := p.r.read(8)
		if err != nil {
			return err
		}
		p.payload = append(p.payload, byte(v))
	}
	return nil
}

// readDoubleByte reads a segment of a double-byte mode, kanji (§7.4.6) or
// hanzi (GB/T 18284-2000): 13 bits per character, which unpack turns back
// into its two-byte code, appended high byte first.
func (p *payloadParser) readDoubleByte(m qrspec.Mode, unpack func(uint32) uint16) error {
	n, err := p.count(m)
	if err != nil {
		return err
	}
	for ; n > 0; n-- {
		v, err := p.r.read(qrspec.DoubleByteBits)
		if err != nil {
			return err
		}
		c := unpack(uint32(v))
		p.payload = append(p.payload, byte(c>>8), byte(c))
	}
	return nil
}
