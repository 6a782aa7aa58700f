package encode

import (
	"fmt"
	"math"

	"github.com/qrworks/qrworks/internal/bits"
	"github.com/qrworks/qrworks/internal/qrspec"
	"github.com/qrworks/qrworks/internal/rs"
)

// maxInput bounds the input the segmenter costs exactly. Longer input can
// never fit (the most any symbol holds is 7089 digits) and is reported too
// long with NeededBits a lower bound: 10 bits per 3 bytes, the densest mode.
const maxInput = 1 << 20

// eciUTF8 is the ECI assignment number of UTF-8 (§7.4.2.2; the AIM ECI
// register assigns 000026).
const eciUTF8 = 26

// Encoder holds the scratch space of one encoding: segmentation, bit
// stream, codewords, error correction and the module matrix (about 50 KiB).
// The zero value is ready to use. An Encoder is not safe for concurrent
// use: give each goroutine its own, or keep them in a sync.Pool. The
// tables it shares with other Encoders (per-version layouts, mask patterns,
// Reed–Solomon generators) are built once, on first use, and read-only.
type Encoder struct {
	seg    segmenter
	stream [qrspec.MaxCodewords]byte // data codewords, §7.4.10
	final  [qrspec.MaxCodewords]byte // data and error correction codewords interleaved, §7.6
	ecc    [rs.MaxDegree]byte
	work   matrix     // function patterns and unmasked data
	masked maskedRows // a candidate mask applied, for the penalty rules
	gs1    []byte     // a GS1 element string in transmitted form (Options.GS1)
}

// EncodeTo encodes data into dst according to opts (nil means the zero
// Options: a QR Code at level H, smallest version, best mask, optimal
// segmentation, ECI 26 if data is not ASCII). After warm-up it does not
// allocate, whatever the format, except to read a GS1 element string
// (Options.GS1).
//
// It returns an error wrapping ErrInvalidOption for options out of range or
// a forced Mode that cannot hold data (or a nil dst), ErrInvalidGS1 for a
// GS1 element string that is not valid, and a *TooLongError (which matches
// ErrTooLong) when data does not fit the largest allowed version. On error
// dst is unchanged.
func (e *Encoder) EncodeTo(dst *Symbol, data []byte, opts *Options) error {
	if dst == nil {
		return fmt.Errorf("encode: %w: nil destination Symbol", ErrInvalidOption)
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	if err := o.validate(); err != nil {
		return err
	}
	data, err := e.applicationData(data, &o)
	if err != nil {
		return err
	}
	if o.Format != QR {
		return e.encodeSmall(dst, data, &o)
	}
	f, h := chooseModes(data, &o)
	h.sa = o.Append
	minV, maxV := o.versions()
	return e.encodeSymbol(dst, data, &o, minV, maxV, f, &h)
}

// encodeSymbol encodes data, in the modes f allows and after the header h,
// into dst: the smallest version in minV..maxV that holds it.
func (e *Encoder) encodeSymbol(dst *Symbol, data []byte, o *Options, minV, maxV Version, f segmentFlags, h *header) error {
	level := o.Level.Resolve()
	if len(data) > maxInput {
		return newTooLong(data, len(data)/3*10, o, maxV, level, f, h)
	}
	// Modes and version (§7.4, Table 7): after fitVersion, the segments
	// are chosen (e.seg) and fit version v at the level.
	v, need, err := e.fitVersion(data, minV, maxV, level, f, h)
	if tl, ok := err.(*TooLongError); ok {
		return newTooLong(data, tl.NeededBits, o, maxV, level, f, h)
	}
	if err != nil {
		return err
	}
	if o.BoostLevel {
		level = boostLevel(need, v, level)
	}
	// Codewords (§7.4.9–§7.6), then modules (§7.7–§7.9); nothing fails
	// from here on.
	e.writeStream(data, qrspec.QR, v, level, h, f)
	e.addErrorCorrection(qrspec.QR, v, level)
	p := planFor(v)
	e.place(p)
	mask := o.Mask.Pattern()
	if mask < 0 {
		mask = e.chooseMask(p, level)
	}
	e.finish(dst, p, level, mask)
	return nil
}

// chooseModes returns the modes the segmenter may use and the header the
// data needs: an ECI 26 designator (UTF-8) before the data (§7.4.2), FNC1
// for GS1 or AIM data (§7.4.8).
//
// Kanji segments (Options.Kanji) are used only when every non-ASCII
// character of data has a kanji mode code, and then byte mode takes ASCII
// only and no ECI is written: the whole text is Shift JIS, which kanji mode
// is by definition (§7.4.6) and which ASCII reads the same as in the default
// ISO/IEC 8859-1. Readers turn kanji segments into Shift JIS bytes and then
// read the whole payload in the charset of the ECI in force (zbarimg and
// ZXingReader both do), so kanji segments beside UTF-8 bytes, or under ECI
// 26, come out as garbage: other text is encoded as if Kanji were off.
func chooseModes(data []byte, o *Options) (f segmentFlags, h header) {
	h.fnc1, h.appIndicator = o.fnc1()
	f.fnc1 = h.fnc1 != fnc1None
	ascii := isASCII(data)
	shiftJIS := o.Kanji && o.Mode == ModeAuto && !ascii && o.ECI != ECIUTF8 && kanjiCovers(data)
	f.kanji = shiftJIS || o.Mode == ModeKanji
	f.byteASCII = shiftJIS
	if o.Mode != ModeAuto {
		f.forced = true
		f.forcedMode = int(o.Mode) - int(ModeNumeric)
	}
	switch o.ECI {
	case ECIUTF8:
		h.eci = true
	case ECIAuto:
		h.eci = !ascii && !f.kanji
	}
	return f, h
}

// fitVersion returns the smallest version in minV..maxV that holds data at
// level l (Table 7), and the length in bits of data's encoding
// there. It tries the count ranges of Table 3 in order, since count fields
// grow with them.
func (e *Encoder) fitVersion(data []byte, minV, maxV Version, l Level, f segmentFlags, h *header) (Version, int, error) {
	need := 0
	if !f.forced {
		need = lowerBound(data, f) + h.bits(qrspec.QR, minV)
	}
	for lo := minV; lo <= maxV; {
		_, last := qrspec.QR.CountRange(int(lo))
		hi := min(Version(last), maxV)
		// Encodings only grow with the count fields, so the length in the
		// previous range is a lower bound here: skip a range whose largest
		// version cannot hold it (the last range is always costed, for
		// the error).
		if hi < maxV && need > capacity(hi, l) {
			lo = hi + 1
			continue
		}
		n, err := e.encodedBits(data, qrspec.QR, lo, f)
		if err != nil {
			return 0, 0, err
		}
		need = n + h.bits(qrspec.QR, lo)
		for v := lo; v <= hi; v++ {
			if need <= capacity(v, l) {
				return v, need, nil
			}
		}
		lo = hi + 1
	}
	return 0, 0, &TooLongError{NeededBits: need, AvailableBits: capacity(maxV, l)}
}

// encodedBits returns the length in bits of data's segments, without ECI,
// in the versions of v's count range of fam: one segment of the forced
// mode, or the optimal segmentation (recorded in e.seg).
func (e *Encoder) encodedBits(data []byte, fam qrspec.Family, v Version, f segmentFlags) (int, error) {
	if f.forced {
		n, ok := singleMode(data, f.forcedMode, fam, v, f.fnc1)
		if !ok {
			return 0, fmt.Errorf("encode: %w: data does not suit mode %v", ErrInvalidOption, segMode[f.forcedMode])
		}
		return n, nil
	}
	n := e.seg.optimal(data, fam, v, f)
	if n < 0 {
		return 0, fmt.Errorf("encode: %w: no mode can hold the data", ErrInvalidOption)
	}
	return n, nil
}

// boostLevel returns the highest level above l at which version v still
// holds need bits, or l.
func boostLevel(need int, v Version, l Level) Level {
	boosted := l
	for up := l + 1; up <= H; up++ {
		if need <= capacity(v, up) {
			boosted = up
		}
	}
	return boosted
}

// finish writes the symbol into dst: the format information of level l and
// the mask (§7.9.1), the mask applied to the data modules (§7.8.2).
func (e *Encoder) finish(dst *Symbol, p *plan, l Level, mask int) {
	dst.format, dst.version, dst.level, dst.mask = QR, p.version, l, int8(mask)
	dst.width, dst.height = uint8(p.size), uint8(p.size)
	drawFormat(&e.work, p, qrspec.QRFormatInfo(l.spec(), mask))
	applyMask(dst.resize(p.size), &e.work, &maskPatterns().rows[mask], &p.data)
}

// lowerBound returns a length in bits that no segmentation of data goes
// below: every byte at the cost of the cheapest mode that can take it,
// without headers. Kanji mode takes 13 bits for at least 2 bytes.
func lowerBound(data []byte, f segmentFlags) int {
	var sixths int
	alnum := f.alnumTable()
	for _, c := range data {
		switch {
		case isDigit(c):
			sixths += int(unitCost[segNumeric])
		case alnum[c] > 0:
			sixths += int(unitCost[segAlnum])
		case f.kanji && c >= 0x80:
			sixths += int(unitCost[segKanji]) / 3
		default:
			sixths += int(unitCost[segByte])
		}
	}
	return sixths / 6
}

func isASCII(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// kanjiCovers reports whether every non-ASCII byte of data belongs to a
// character kanji mode can hold.
func kanjiCovers(data []byte) bool {
	for i := 0; i < len(data); {
		if data[i] < 0x80 {
			i++
			continue
		}
		_, size := kanjiAt(data, i)
		if size == 0 {
			return false
		}
		i += size
	}
	return true
}

// writeStream fills e.stream with the data codewords of version v of fam
// at level l: the header (structured append, ECI, FNC1), the segments, the
// terminator (§7.4.9) and the padding (§7.4.10). The caller has checked
// that they fit. Micro QR's 4-bit last data codeword (M1, M3) is the high
// nibble of its byte.
func (e *Encoder) writeStream(data []byte, fam qrspec.Family, v Version, l Level, h *header, f segmentFlags) {
	dc := fam.DataCodewords(int(v), l.spec())
	dataBits := fam.DataBits(int(v), l.spec())
	var b bits.Buffer
	b.Reset(e.stream[:dc])
	h.write(&b, fam, v)
	if f.forced {
		writeSegment(&b, data, f.forcedMode, fam, v, f.fnc1)
	} else {
		e.seg.writeSegments(&b, data, fam, v, f.fnc1)
	}
	// Terminator: the family's zero bits, fewer if the symbol is full;
	// then 0 bits to the byte boundary. The buffer is already zeroed.
	b.Write(0, min(fam.TerminatorBits(int(v)), dataBits-b.Len()))
	b.Write(0, (8-b.Len()%8)%8)
	// Pad codewords 11101100 and 00010001 alternate to the end (§7.4.10);
	// a 4-bit last codeword is padded with 0000, as it already is.
	for i, k := b.Len()/8, 0; i < dataBits/8; i, k = i+1, k+1 {
		e.stream[i] = [2]byte{0xEC, 0x11}[k&1]
	}
}

// addErrorCorrection splits the data codewords of version v of fam at
// level l into blocks (Table 9),
// computes each block's error correction codewords (§7.5.2) and writes all
// codewords interleaved into e.final (§7.6): the first codeword of every
// block, then the second, and so on, the longer blocks' last data codewords
// after the rest; then the error correction codewords likewise.
func (e *Encoder) addErrorCorrection(fam qrspec.Family, v Version, l Level) {
	bl := fam.Blocks(int(v), l.spec())
	nb, short, shortLen := bl.Count, bl.Short, bl.ShortData
	dc := nb*shortLen + nb - short
	ecc := e.ecc[:bl.ECPerBlock]
	off := 0
	for b := 0; b < nb; b++ {
		n := shortLen
		if b >= short {
			n++
		}
		block := e.stream[off : off+n]
		for i, c := range block[:shortLen] {
			e.final[i*nb+b] = c
		}
		if n > shortLen {
			e.final[shortLen*nb+b-short] = block[shortLen]
		}
		rs.Remainder(ecc, block)
		for i, c := range ecc {
			e.final[dc+i*nb+b] = c
		}
		off += n
	}
}

// place copies the function patterns of p into e.work and sets the dark
// data modules, codeword bits most significant first in placement order
// (§7.7.3). Remainder bits (Table 1) stay light.
func (e *Encoder) place(p *plan) {
	n := p.size
	copy(e.work[:n], p.base[:n])
	placeBits(&e.work, p.steps, e.final[:qrspec.QR.TotalCodewords(int(p.version))])
}

// placeBits sets in work the dark modules of the bit stream final, most
// significant bit first, in the order of steps (see placementSteps).
// Modules past the end of final stay light: they are remainder bits
// (Table 1).
func placeBits(work *matrix, steps []uint32, final []byte) {
	// acc holds the next bits of the codeword stream, most significant
	// first; have says how many are valid. Past the codewords come the
	// remainder bits, all 0.
	var acc uint64
	have, next := uint(0), 0
	for _, o := range steps {
		if have < 8 {
			for have <= 56 {
				if next < len(final) {
					acc |= uint64(final[next]) << (56 - have)
				}
				next++
				have += 8
			}
		}
		y, w, s := int(o>>8&0xFF), o>>6&3, o&63
		switch {
		case o&stepQuad != 0:
			// The next byte, its bits swapped in pairs so that each pair
			// has its first bit low, for the right module (bit s).
			b := acc >> 56
			b = b>>1&0x55 | b&0x55<<1
			d := 1
			if o&stepUp != 0 {
				d = -1
			}
			work[y][w] |= b >> 6 << s
			work[y+d][w] |= b >> 4 & 3 << s
			work[y+2*d][w] |= b >> 2 & 3 << s
			work[y+3*d][w] |= b & 3 << s
			acc <<= 8
			have -= 8
		case o&stepPair != 0:
			work[y][w] |= (acc>>63 | acc>>61&2) << s
			acc <<= 2
			have -= 2
		default:
			work[y][w] |= acc >> 63 << s
			acc <<= 1
			have--
		}
	}
}

// chooseMask returns the mask pattern with the lowest penalty (§7.8.3),
// the lowest-numbered pattern on ties, evaluating each candidate with its
// format information in place as the finished symbol has it.
func (e *Encoder) chooseMask(p *plan, l Level) int {
	n := p.size
	masks := maskPatterns()
	best, bestPenalty := 0, math.MaxInt
	for m := 0; m < 8; m++ {
		drawFormat(&e.work, p, qrspec.QRFormatInfo(l.spec(), m))
		e.masked.fill(&e.work, &masks.rows[m], &p.data, n)
		if penalty := e.masked.penalty(n); penalty < bestPenalty {
			best, bestPenalty = m, penalty
		}
	}
	return best
}

// applyMask writes into dst the first len(dst) rows of src with the mask
// pattern flipped in the data region (§7.8.2).
func applyMask(dst []line, src, pattern, data *matrix) {
	for y := range dst {
		for w := 0; w < wordsPerRow; w++ {
			dst[y][w] = src[y][w] ^ pattern[y][w]&data[y][w]
		}
	}
}

// drawFormat writes the 15-bit format information fb in both of its
// copies (§7.9.1) into m. Each word is read and written once: writing
// module by module made a chain of loads waiting on stores along row 8.
func drawFormat(m *matrix, p *plan, fb uint32) {
	both := uint64(fb | fb<<15) // bit 15c+i is bit i of copy c
	for k := range p.formatWords {
		fw := &p.formatWords[k]
		word := m[fw.y][fw.w] &^ fw.modules
		for _, b := range fw.bits {
			word |= b.mask & -(both >> b.shift & 1) // all ones if the bit is set
		}
		m[fw.y][fw.w] = word
	}
}
