package decode

import (
	"errors"
	"fmt"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// The data bit stream of a symbol, after error correction: segments, each
// a mode indicator and what that mode carries (ISO/IEC 18004:2015 clause
// 7.4; ISO/IEC 23941:2022 clause 7.4 for rMQR), ending at the terminator or
// where the data runs out. The widths of mode indicators, character counts
// and terminators, and which modes exist, depend on the family and version
// and come from internal/qrspec; the rest is the same in all three
// families.

var errPayload = errors.New("decode: malformed data bit stream")

// fnc1Position is the FNC1 mode of a symbol (§7.4.8): none, first position
// (GS1 data), or second position (data of an AIM-registered application,
// named by the application indicator).
type fnc1Position uint8

const (
	noFNC1 fnc1Position = iota
	fnc1First
	fnc1Second
)

// payload is what one symbol's data bit stream holds.
type payload struct {
	// bytes is the data as encoded, segments concatenated: digits and
	// alphanumerics as ASCII (in FNC1 mode '%' as the GS separator 0x1D
	// and "%%" as '%', §7.4.8.1), byte segments verbatim, kanji as Shift
	// JIS and hanzi as GB 2312 byte pairs. It is never nil.
	bytes []byte
	// text is the data as UTF-8: each byte segment converted from the
	// charset of the ECI in force, or without one from the charset
	// gozxing guesses for it; kanji from Shift JIS, hanzi from GB 2312.
	text string
	// eci is the first ECI assignment number, or −1 when there is none.
	eci int
	// fnc1 is the FNC1 mode, and appIndicator the application indicator
	// that follows FNC1 in second position (§7.4.8.3): two digits, or a
	// letter.
	fnc1         fnc1Position
	appIndicator string
	// header is the first structured append header (ISO/IEC 18004:2015
	// clause 8), zero Total when there is none.
	header Sequence
	// fillBits counts the bits after the data that are as the standard
	// fills them (§7.4.9, §7.4.10): the terminator's zeros, zeros to the
	// codeword boundary, then the pad codewords 11101100 and 00010001 in
	// turn (a 4-bit last codeword 0000), up to the first bit that is not.
	// Random bits match that far with a chance of 2^−fillBits: evidence
	// for the acceptance of short symbols (acceptance.go).
	fillBits int
}

// bitReader reads big-endian bit fields from the first end bits of data.
type bitReader struct {
	data     []byte
	pos, end int // in bits
}

func (r *bitReader) left() int { return r.end - r.pos }

// read returns the next n bits, 0 ≤ n ≤ 24, as an int.
func (r *bitReader) read(n int) (int, error) {
	if n > r.left() {
		return 0, errPayload
	}
	v := 0
	for range n {
		v = v<<1 | int(r.data[r.pos>>3]>>(7-uint(r.pos&7))&1)
		r.pos++
	}
	return v, nil
}

// payloadParser walks the segments of one symbol's data bit stream.
type payloadParser struct {
	r       bitReader
	family  qrspec.Family
	version int
	out     payload
	text    []byte
	charset int // the ECI in force for byte segments, or −1
}

// parsePayload reads the data bit stream of a symbol of family fam and
// version v: the first dataBits bits of data, the corrected data codewords
// in order (Micro QR's M1 and M3 end in a 4-bit codeword, whose bits are
// the high half of the last byte; qrspec.Family.DataBits gives the length).
//
// The stream ends at the terminator (TerminatorBits zero bits, §7.4.9), or
// where fewer bits are left than a terminator takes: a full symbol may
// omit it. A stream that breaks off inside a segment, holds a mode
// indicator the version does not have or a value the standard does not
// allow, or whose text a charset cannot convert, is an error wrapping
// errPayload.
func parsePayload(data []byte, dataBits int, fam qrspec.Family, v int) (payload, error) {
	if dataBits > 8*len(data) {
		return payload{}, fmt.Errorf("%w: %d bits in %d codewords", errPayload, dataBits, len(data))
	}
	// Most symbols hold about a byte per codeword: one allocation each
	// for the bytes and the text.
	p := payloadParser{
		r:      bitReader{data: data, end: dataBits},
		family: fam, version: v,
		out:     payload{bytes: make([]byte, 0, dataBits/8), eci: -1},
		text:    make([]byte, 0, dataBits/8),
		charset: -1,
	}
	if err := p.segments(); err != nil {
		return payload{}, err
	}
	p.out.text = string(p.text)
	return p.out, nil
}

// segments reads segment after segment up to the end of the stream.
func (p *payloadParser) segments() error {
	term := p.family.TerminatorBits(p.version)
	modeBits := p.family.ModeBits(p.version)
	for p.r.left() >= term {
		// Micro QR's terminator is longer than its mode indicators (and
		// M1 has none): look for it before reading an indicator.
		save := p.r.pos
		if zeros, _ := p.r.read(term); zeros == 0 {
			p.out.fillBits = term + p.fill()
			return nil
		}
		p.r.pos = save
		indicator, err := p.r.read(modeBits)
		if err != nil {
			return err
		}
		mode, ok := p.family.ModeOf(p.version, uint32(indicator))
		if !ok || mode == qrspec.Terminator {
			return fmt.Errorf("%w: no mode has indicator %0*b in %v version %d", errPayload, modeBits, indicator, p.family, p.version)
		}
		if err := p.segment(mode); err != nil {
			return err
		}
	}
	return nil
}

// segment reads what follows a mode indicator of mode m (Table 2).
func (p *payloadParser) segment(m qrspec.Mode) error {
	switch m {
	case qrspec.FNC1First:
		p.out.fnc1 = fnc1First
		return nil
	case qrspec.FNC1Second:
		return p.readAppIndicator()
	case qrspec.StructuredAppend:
		return p.readAppendHeader()
	case qrspec.ECI:
		return p.readECI()
	case qrspec.Numeric:
		return p.readNumeric()
	case qrspec.Alphanumeric:
		return p.readAlphanumeric()
	case qrspec.Byte:
		return p.readBytes()
	case qrspec.Kanji:
		return p.readDoubleByte(qrspec.Kanji, qrspec.UnpackKanji, charsetShiftJIS)
	case qrspec.Hanzi:
		// GB/T 18284-2000 defines one subset, 0001: GB 2312.
		if subset, err := p.r.read(qrspec.HanziSubsetBits); err != nil || subset != gb2312Subset {
			return errPayload
		}
		return p.readDoubleByte(qrspec.Hanzi, qrspec.UnpackHanzi, charsetGB2312)
	}
	return errPayload
}

// padCodewords are the pad codewords that fill the data capacity after the
// terminator, in turn (§7.4.10).
var padCodewords = [2]byte{0b11101100, 0b00010001}

// fill counts the bits after the terminator that match the standard
// filling, up to the first that does not: zeros to the codeword boundary,
// then pad codewords, of which a last codeword of 4 bits (Micro QR's M1 and
// M3) is 0000.
func (p *payloadParser) fill() int {
	r := &p.r
	start := r.pos
	for r.pos%8 != 0 && r.left() > 0 {
		if b, _ := r.read(1); b != 0 {
			return r.pos - 1 - start
		}
	}
	for i := 0; r.pos < r.end; i++ {
		n := min(8, r.left())
		want := int(padCodewords[i%2])
		if n < 8 {
			want = 0
		}
		for k := n - 1; k >= 0; k-- {
			if b, _ := r.read(1); b != want>>(k+8-n)&1 {
				return r.pos - 1 - start
			}
		}
	}
	return r.pos - start
}

// gb2312Subset is the Hanzi subset indicator of GB 2312 (GB/T 18284-2000).
const gb2312Subset = 0b0001

// count reads the character count indicator of a segment of mode m (Table
// 3).
func (p *payloadParser) count(m qrspec.Mode) (int, error) {
	return p.r.read(p.family.CountBits(p.version, m))
}

// appendText adds the text of one segment's data, converted from cs.
func (p *payloadParser) appendText(data []byte, cs charset) error {
	text, ok := appendDecoded(p.text, data, cs)
	if !ok {
		return fmt.Errorf("%w: text not in its charset", errPayload)
	}
	p.text = text
	return nil
}

// appendASCII adds characters that are their own text: digits and the
// alphanumeric set (and GS).
func (p *payloadParser) appendASCII(chars []byte) {
	p.out.bytes = append(p.out.bytes, chars...)
	p.text = append(p.text, chars...)
}
