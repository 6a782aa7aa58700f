package encode

import (
	"fmt"
	"math"

	"github.com/qrworks/qrworks/internal/bits"
	"github.com/qrworks/qrworks/internal/rs"
)

// maxCodewords is the number of codewords of version 40 (Table 9).
const maxCodewords = 3706

// maxInput bounds the input the segmenter costs exactly. Longer input can
// never fit (the most any symbol holds is 7089 digits) and is reported too
// long with NeededBits a lower bound: 10 bits per 3 bytes, the densest mode.
const maxInput = 1 << 20

// Encoder holds the scratch space of one encoding: segmentation, bit
// stream, codewords, error correction and the module matrix (about 50 KiB).
// The zero value is ready to use. An Encoder is not safe for concurrent
// use: give each goroutine its own, or keep them in a sync.Pool. The
// tables it shares with other Encoders (per-version layouts, mask patterns,
// Reed–Solomon generators) are built once, on first use, and read-only.
type Encoder struct {
	seg    segmenter
	stream [maxCodewords]byte // data codewords, §7.4.10
	final  [maxCodewords]byte // data and error correction codewords interleaved, §7.6
	ecc    [rs.MaxDegree]byte
	work   matrix // function patterns and unmasked data
	workT  matrix // work transposed, for the column penalties
}

// EncodeTo encodes data into dst according to opts (nil means the zero
// Options: level H, smallest version, best mask, optimal segmentation, ECI 26
// if data is not ASCII). After warm-up it does not allocate.
//
// It returns an error wrapping ErrInvalidOption for options out of range or
// a forced Mode that cannot hold data (or a nil dst), and a *TooLongError
// (which matches ErrTooLong) when data does not fit the largest allowed
// version. On error dst is unchanged.
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
	minV, maxV := o.MinVersion, o.MaxVersion
	if minV == 0 {
		minV = MinVersion
	}
	if maxV == 0 {
		maxV = MaxVersion
	}
	level := o.Level.Resolve()
	if len(data) > maxInput {
		return &TooLongError{NeededBits: len(data) / 3 * 10, AvailableBits: 8 * dataCodewords(maxV, level)}
	}

	// Choose ECI and the modes the segmenter may use (§7.4.2).
	f := segmentFlags{kanji: o.Kanji || o.Mode == ModeKanji}
	if o.Mode != ModeAuto {
		f.forced = true
		f.forcedMode = int(o.Mode) - int(ModeNumeric)
	}
	eci := false
	switch o.ECI {
	case ECIUTF8:
		eci = true
	case ECIAuto:
		if !isASCII(data) {
			// Kanji segments are Shift JIS by definition; an ECI is only
			// needed if some non-ASCII byte is left for byte mode.
			if f.kanji && kanjiCovers(data) {
				f.byteASCII = true
			} else {
				eci = true
			}
		}
	}

	// Find the smallest version that fits (§7.4.11, Table 7), trying
	// Table 3's version ranges in order since count fields grow with them.
	var v Version
	need := 0
	if !f.forced {
		need = lowerBound(data, f.kanji)
		if eci {
			need += eciBits
		}
	}
	last := versionGroup(maxV)
	for g := versionGroup(minV); g <= last && v == 0; g++ {
		lo, hi := groupRange(g)
		lo, hi = max(lo, minV), min(hi, maxV)
		// Encodings only grow with the count fields, so the length in the
		// previous range is a lower bound here: skip a range whose largest
		// version cannot hold it (the last range is always costed, for
		// the error).
		if g < last && need > 8*dataCodewords(hi, level) {
			continue
		}
		if f.forced {
			n, ok := singleMode(data, f.forcedMode, g)
			if !ok {
				return fmt.Errorf("encode: %w: data does not suit mode %v", ErrInvalidOption, o.Mode)
			}
			need = n
		} else {
			need = e.seg.optimal(data, g, f)
			if need < 0 {
				return fmt.Errorf("encode: %w: no mode can hold the data", ErrInvalidOption)
			}
		}
		if eci {
			need += eciBits
		}
		for c := lo; c <= hi; c++ {
			if need <= 8*dataCodewords(c, level) {
				v = c
				break
			}
		}
	}
	if v == 0 {
		return &TooLongError{NeededBits: need, AvailableBits: 8 * dataCodewords(maxV, level)}
	}
	if o.BoostLevel {
		for l := level + 1; l <= H; l++ {
			if need <= 8*dataCodewords(v, l) {
				level = l
			}
		}
	}

	e.writeStream(data, v, level, eci, f)
	e.addErrorCorrection(v, level)
	p := planFor(v)
	e.place(p)
	mask := o.Mask.Pattern()
	if mask < 0 {
		mask = e.chooseMask(p, level)
	}

	dst.version, dst.level, dst.mask = v, level, int8(mask)
	drawFormat(&e.work, p, formatBits(level, mask), false)
	out := (*matrix)(&dst.rows)
	applyMask(out, &e.work, &maskPatterns().rows[mask], &p.data, p.size)
	for y := p.size; y < len(out); y++ {
		out[y] = line{}
	}
	return nil
}

func (o *Options) validate() error {
	switch {
	case !o.Level.Valid():
		return fmt.Errorf("encode: %w: level %d", ErrInvalidOption, o.Level)
	case o.MinVersion != 0 && !o.MinVersion.Valid():
		return fmt.Errorf("encode: %w: minimum version %d outside 1..40", ErrInvalidOption, o.MinVersion)
	case o.MaxVersion != 0 && !o.MaxVersion.Valid():
		return fmt.Errorf("encode: %w: maximum version %d outside 1..40", ErrInvalidOption, o.MaxVersion)
	case o.MinVersion != 0 && o.MaxVersion != 0 && o.MinVersion > o.MaxVersion:
		return fmt.Errorf("encode: %w: minimum version %d above maximum %d", ErrInvalidOption, o.MinVersion, o.MaxVersion)
	case !o.Mask.Valid():
		// Report the raw value: MaskPattern(n) maps every n outside 0..7 to
		// the same invalid Mask, so the caller's n is not recoverable.
		return fmt.Errorf("encode: %w: mask value %d is neither MaskAuto nor MaskPattern(0..7)", ErrInvalidOption, uint8(o.Mask))
	case o.ECI > ECIUTF8:
		return fmt.Errorf("encode: %w: ECI policy %d", ErrInvalidOption, o.ECI)
	case o.Mode > ModeKanji:
		return fmt.Errorf("encode: %w: mode %d", ErrInvalidOption, o.Mode)
	}
	return nil
}

// lowerBound returns a length in bits that no segmentation of data goes
// below: every byte at the cost of the cheapest mode that can take it,
// without headers. Kanji mode takes 13 bits for at least 2 bytes.
func lowerBound(data []byte, kanji bool) int {
	var sixths int
	for _, c := range data {
		switch {
		case isDigit(c):
			sixths += int(unitCost[segNumeric])
		case alnumValue[c] >= 0:
			sixths += int(unitCost[segAlnum])
		case kanji && c >= 0x80:
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

// writeStream fills e.stream with the data codewords of version v at level
// l: the ECI designator if any (§7.4.2), the segments, the terminator
// (§7.4.9) and the padding (§7.4.10). The caller has checked that they fit.
func (e *Encoder) writeStream(data []byte, v Version, l Level, eci bool, f segmentFlags) {
	dc := dataCodewords(v, l)
	var b bits.Buffer
	b.Reset(e.stream[:dc])
	if eci {
		b.Write(eciIndicator, 4)
		b.Write(eciUTF8, 8)
	}
	if f.forced {
		writeSegment(&b, data, f.forcedMode, v)
	} else {
		e.seg.writeSegments(&b, data, v)
	}
	// Terminator: up to four 0 bits, fewer if the symbol is full; then 0
	// bits to the byte boundary. The buffer is already zeroed.
	b.Write(0, min(4, b.Cap()-b.Len()))
	b.Write(0, (8-b.Len()%8)%8)
	// Pad codewords 11101100 and 00010001 alternate to the end (§7.4.10).
	for i, k := b.Len()/8, 0; i < dc; i, k = i+1, k+1 {
		e.stream[i] = [2]byte{0xEC, 0x11}[k&1]
	}
}

// addErrorCorrection splits the data codewords into blocks (Table 9),
// computes each block's error correction codewords (§7.5.2) and writes all
// codewords interleaved into e.final (§7.6): the first codeword of every
// block, then the second, and so on, the longer blocks' last data codewords
// after the rest; then the error correction codewords likewise.
func (e *Encoder) addErrorCorrection(v Version, l Level) {
	li := levelIndex(l)
	nb, ec := int(numBlocks[li][v]), int(eccPerBlock[li][v])
	dc := totalCodewords(v) - nb*ec
	short, shortLen := nb-dc%nb, dc/nb // Table 9's first group; the rest hold one more
	ecc := e.ecc[:ec]
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
	total := totalCodewords(p.version)
	final := e.final[:total]
	// acc holds the next bits of the codeword stream, most significant
	// first; have says how many are valid. Past the codewords come the
	// remainder bits, all 0.
	var acc uint64
	have, next := uint(0), 0
	for _, o := range p.pairs {
		if have < 2 {
			for have <= 56 {
				if next < len(final) {
					acc |= uint64(final[next]) << (56 - have)
				}
				next++
				have += 8
			}
		}
		y, w, s := o>>8&0xFF, o>>6&3, o&63
		if o&pairBoth != 0 {
			// The right module (bit s) takes the first of the two bits.
			e.work[y][w] |= (acc>>63 | acc>>61&2) << s
			acc <<= 2
			have -= 2
		} else {
			e.work[y][w] |= acc >> 63 << s
			acc <<= 1
			have--
		}
	}
}

// chooseMask returns the mask pattern with the lowest penalty (§7.8.3),
// the lowest-numbered pattern on ties, evaluating each candidate with its
// format information in place as the finished symbol has it. The masked
// candidates are never stored: the penalty functions mask each line as they
// read it.
func (e *Encoder) chooseMask(p *plan, l Level) int {
	n := p.size
	masks := maskPatterns()
	transpose(&e.workT, &e.work, n)
	best, bestPenalty := 0, math.MaxInt
	for m := 0; m < 8; m++ {
		fb := formatBits(l, m)
		drawFormat(&e.work, p, fb, false)
		drawFormat(&e.workT, p, fb, true)
		penalty := linePenalty(&e.work, &masks.rows[m], &p.data, n) +
			linePenalty(&e.workT, &masks.cols[m], &p.dataT, n) +
			blockPenalty(&e.work, &masks.rows[m], &p.data, n)
		if penalty < bestPenalty {
			best, bestPenalty = m, penalty
		}
	}
	return best
}

// applyMask writes into dst the first n rows of src with the mask pattern
// flipped in the data region (§7.8.2).
func applyMask(dst, src, pattern, data *matrix, n int) {
	for y := 0; y < n; y++ {
		for w := 0; w < wordsPerRow; w++ {
			dst[y][w] = src[y][w] ^ pattern[y][w]&data[y][w]
		}
	}
}

// drawFormat writes the 15-bit format information fb in both of its
// copies (§7.9.1) into m or, if transposed, into m's transpose.
func drawFormat(m *matrix, p *plan, fb uint32, transposed bool) {
	t := 0
	if transposed {
		t = 1
	}
	cells := &p.formatCells[t]
	both := fb | fb<<15 // bit k of both is the bit of cells[k]
	for k := range cells {
		c := &cells[k]
		on := -uint64(both >> uint(k) & 1) // all ones if the bit is set
		m[c.y][c.w] = m[c.y][c.w]&^c.mask | c.mask&on
	}
}
