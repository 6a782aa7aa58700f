package decode

import "errors"

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

// readDoubleByte reads n 13-bit characters of a double-byte mode (kanji,
// hanzi) and appends their two-byte codes to payload. Each value v packs a
// code as (high byte)·div + low byte after an offset was subtracted: lowBase
// for codes below split, highBase for the rest (the two ranges of the
// character set).
func (r *bitReader) readDoubleByte(payload []byte, n, div, split, lowBase, highBase int) ([]byte, error) {
	for ; n > 0; n-- {
		v, err := r.read(13)
		if err != nil {
			return nil, err
		}
		c := (v/div)<<8 | v%div
		if c < split {
			c += lowBase
		} else {
			c += highBase
		}
		payload = append(payload, byte(c>>8), byte(c))
	}
	return payload, nil
}

// Mode indicators, ISO/IEC 18004:2015 Table 2 (Hanzi from GB/T 18284).
const (
	modeTerminator = 0x0
	modeNumeric    = 0x1
	modeAlnum      = 0x2
	modeStructured = 0x3
	modeByte       = 0x4
	modeFNC1First  = 0x5
	modeECI        = 0x7
	modeKanji      = 0x8
	modeFNC1Second = 0x9
	modeHanzi      = 0xD
)

// countBits returns the width of the character count indicator, ISO/IEC
// 18004:2015 Table 3, for versions 1–9, 10–26 and 27–40.
func countBits(mode, version int) int {
	col := 0
	switch {
	case version >= 27:
		col = 2
	case version >= 10:
		col = 1
	}
	switch mode {
	case modeNumeric:
		return [3]int{10, 12, 14}[col]
	case modeAlnum:
		return [3]int{9, 11, 13}[col]
	case modeByte:
		return [3]int{8, 16, 16}[col]
	default: // Kanji and Hanzi
		return [3]int{8, 10, 12}[col]
	}
}

// alnumChars is the alphanumeric mode character set, ISO/IEC 18004:2015
// Table 5.
const alnumChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// parsePayload returns the payload bytes (digits and alphanumerics as ASCII,
// byte segments verbatim, Kanji as Shift JIS and Hanzi as GB 2312 byte pairs)
// and the first ECI assignment number, or -1.
func parsePayload(codewords []byte, version int) (payload []byte, eci int, err error) {
	r := bitReader{data: codewords}
	eci = -1
	for r.left() >= 4 {
		mode, _ := r.read(4)
		switch mode {
		case modeTerminator:
			return payload, eci, nil
		case modeFNC1First:
		case modeFNC1Second:
			if _, err := r.read(8); err != nil { // application indicator
				return nil, -1, err
			}
		case modeStructured:
			if _, err := r.read(16); err != nil { // position, total, parity
				return nil, -1, err
			}
		case modeECI:
			v, err := readECI(&r)
			if err != nil {
				return nil, -1, err
			}
			if eci < 0 {
				eci = v
			}
		case modeNumeric:
			n, err := r.read(countBits(mode, version))
			if err != nil {
				return nil, -1, err
			}
			for n > 0 {
				// Groups of three digits in 10 bits, a tail of two in 7, one in 4.
				k := min(n, 3)
				v, err := r.read([4]int{0, 4, 7, 10}[k])
				if err != nil {
					return nil, -1, err
				}
				var d [3]byte
				for i := k - 1; i >= 0; i-- {
					d[i] = byte('0' + v%10)
					v /= 10
				}
				payload = append(payload, d[:k]...)
				n -= k
			}
		case modeAlnum:
			n, err := r.read(countBits(mode, version))
			if err != nil {
				return nil, -1, err
			}
			for n > 0 {
				// Pairs in 11 bits (45×first + second), a lone tail in 6.
				if n >= 2 {
					v, err := r.read(11)
					if err != nil || v/45 >= 45 {
						return nil, -1, errPayload
					}
					payload = append(payload, alnumChars[v/45], alnumChars[v%45])
					n -= 2
				} else {
					v, err := r.read(6)
					if err != nil || v >= 45 {
						return nil, -1, errPayload
					}
					payload = append(payload, alnumChars[v])
					n--
				}
			}
		case modeByte:
			n, err := r.read(countBits(mode, version))
			if err != nil {
				return nil, -1, err
			}
			for ; n > 0; n-- {
				v, err := r.read(8)
				if err != nil {
					return nil, -1, err
				}
				payload = append(payload, byte(v))
			}
		case modeKanji:
			n, err := r.read(countBits(mode, version))
			if err != nil {
				return nil, -1, err
			}
			// 13 bits back to Shift JIS, ISO/IEC 18004:2015 clause 7.4.6.
			if payload, err = r.readDoubleByte(payload, n, 0xC0, 0x1F00, 0x8140, 0xC140); err != nil {
				return nil, -1, err
			}
		case modeHanzi:
			if _, err := r.read(4); err != nil { // subset indicator
				return nil, -1, err
			}
			n, err := r.read(countBits(mode, version))
			if err != nil {
				return nil, -1, err
			}
			// 13 bits back to GB 2312 (GB/T 18284-2000 clause 8.4.6).
			if payload, err = r.readDoubleByte(payload, n, 0x60, 0x0A00, 0xA1A1, 0xA6A1); err != nil {
				return nil, -1, err
			}
		default:
			return nil, -1, errPayload
		}
	}
	return payload, eci, nil
}

// readECI reads an ECI designator of one, two or three bytes, ISO/IEC
// 18004:2015 clause 7.4.2.2 (after the mode indicator).
func readECI(r *bitReader) (int, error) {
	b, err := r.read(8)
	if err != nil {
		return 0, err
	}
	switch {
	case b&0x80 == 0:
		return b & 0x7F, nil
	case b&0xC0 == 0x80:
		v, err := r.read(8)
		return (b&0x3F)<<8 | v, err
	case b&0xE0 == 0xC0:
		v, err := r.read(16)
		return (b&0x1F)<<16 | v, err
	}
	return 0, errPayload
}
