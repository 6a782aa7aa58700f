package encode

import (
	"github.com/qrworks/qrworks/internal/bits"
	"github.com/qrworks/qrworks/internal/qrspec"
)

func isDigit(c byte) bool { return c-'0' <= 9 }

// The segmenter's modes, as indices into its cost arrays.
const (
	segNumeric = iota
	segAlnum
	segByte
	segKanji
	segModes
	segStart = segModes // the state before the first segment
)

// segMode maps the segmenter's modes to the standard's.
var segMode = [segModes]qrspec.Mode{qrspec.Numeric, qrspec.Alphanumeric, qrspec.Byte, qrspec.Kanji}

// unitCost is the cost of one more character in each mode, in sixths of a
// bit so that all are whole: numeric packs 3 digits in 10 bits (§7.4.3),
// alphanumeric 2 characters in 11 bits (§7.4.4), byte 8 bits per byte
// (§7.4.5), kanji 13 bits per character (§7.4.6). A segment of k characters
// costs exactly ⌈k·unitCost/6⌉ bits: 10·⌊k/3⌋ + (0, 4, 7) for numeric and
// 11·⌊k/2⌋ + (0, 6) for alphanumeric are those ceilings.
var unitCost = [segModes]int32{20, 33, 48, 78}

const inf = int32(1 << 30)

// unavailable is the header cost of a mode the version lacks: so large
// that any encoding using it costs at least unavailable, while every real
// encoding costs less (at most maxInput characters, each in a segment of
// its own: under 150 sixths apiece, below 2^28), and small enough that
// adding it to any cost the search holds (at most about inf) stays within
// int32. The search needs no test for missing modes: their costs lose.
const unavailable = inf / 2

func ceil6(c int32) int32 { return (c + 5) / 6 * 6 }

// maxTrace is the longest input whose segmentation the Encoder records:
// 7089 digits, the most any symbol holds (40-L, Table 7). Longer input
// cannot fit, and only its length in bits is computed.
const maxTrace = 7089

// segmenter holds the scratch space of optimal segmentation.
type segmenter struct {
	// trace[i][m] says how the cheapest encoding of data[:i] whose last
	// segment has mode m got there: the mode before (segStart for none) in
	// the low 3 bits, the byte length of the last character above.
	trace [maxTrace + 1][segModes]uint8
	// modeAt[i] is the mode of byte i in the chosen segmentation.
	modeAt [maxTrace]uint8
}

// segmentFlags say which modes the segmenter may use.
type segmentFlags struct {
	kanji      bool // kanji mode allowed
	byteASCII  bool // byte mode may only take bytes below 0x80 (kanji mode must hold the rest)
	forced     bool // one segment of mode forcedMode (EncodeTo does not call optimal then)
	forcedMode int  // segNumeric..segKanji
	fnc1       bool // FNC1 mode: alphanumeric segments write GS as '%' and '%' as "%%" (§7.4.8)
}

// alnumChars[fnc1][c] is the number of alphanumeric characters that byte c
// takes (Table 5), 0 if alphanumeric mode cannot hold it. In FNC1 mode
// (§7.4.8.2) '%' stands for FNC1, the GS separator (0x1D) of the data, and a
// literal '%' is written twice.
var alnumChars = func() (t [2][256]uint8) {
	for c := range 256 {
		if qrspec.AlphanumericValue(byte(c)) >= 0 {
			t[0][c], t[1][c] = 1, 1
		}
	}
	t[1]['%'] = 2
	t[1][groupSeparator] = 1
	return t
}()

// groupSeparator is GS, ASCII 29: the FNC1 separator in the data of FNC1
// symbols, which byte segments hold as it is (§7.4.8.2).
const groupSeparator = 0x1D

// alnumTable returns the row of alnumChars for the flags.
func (f segmentFlags) alnumTable() *[256]uint8 {
	if f.fnc1 {
		return &alnumChars[1]
	}
	return &alnumChars[0]
}

// optimal returns the length in bits of the shortest encoding of data as a
// sequence of segments for the versions of v's count range in family fam
// (Table 3; header bits included, ECI excluded), or −1 if the flags and
// the modes the version has leave no encoding. If
// the data is short enough to fit a symbol (maxTrace bytes), it also fills
// s.modeAt with the mode of every byte; longer data only gets its length,
// for the TooLongError.
func (s *segmenter) optimal(data []byte, fam qrspec.Family, v Version, f segmentFlags) int {
	if len(data) == 0 {
		return 0
	}
	trace := len(data) <= maxTrace
	header := headerCosts(fam, v)
	// Shortcuts with the same result as the search: digits alone are best
	// as one numeric segment (the cheapest mode per character, and a
	// switch only adds a header); data that neither numeric nor
	// alphanumeric mode can take any byte of is one byte segment, unless
	// kanji mode may take some of it.
	if m, ok := s.single(data, f); ok && header[m] < unavailable {
		bits, _ := singleMode(data, m, fam, v, f.fnc1)
		if trace {
			for i := range data {
				s.modeAt[i] = uint8(m)
			}
		}
		return bits
	}
	total, last := s.search(data, header, f, trace)
	if total >= unavailable {
		return -1
	}
	if trace {
		s.traceBack(len(data), last)
	}
	return int(total / 6)
}

// headerCosts returns the length of a segment header of each mode in
// version v of fam, in sixths of a bit: the mode indicator (Table 2) and
// the character count indicator (Table 3); unavailable for a mode the
// version lacks (Micro QR's M1 to M3).
func headerCosts(fam qrspec.Family, v Version) (h [segModes]int32) {
	for m := range segModes {
		h[m] = unavailable
		if _, ok := fam.ModeIndicator(int(v), segMode[m]); ok {
			h[m] = int32(fam.ModeBits(int(v))+fam.CountBits(int(v), segMode[m])) * 6
		}
	}
	return h
}

// search is optimal's dynamic programme over byte positions. It returns
// the cheapest encoding of data, in sixths of a bit, and the mode of its
// last segment; with trace, it records in s.trace how each cheapest
// encoding got there.
//
// cost[i][m] is the cheapest encoding of data[:i] whose last, still open,
// segment has mode m, with the open segment's characters not yet rounded
// up. Opening a segment of mode m' after one of mode m costs ⌈cost[i][m]⌉
// (closing the segment) plus m's header. Taking the minimum per (position,
// mode) loses nothing: rounding up is monotone and later costs do not
// depend on the path.
func (s *segmenter) search(data []byte, header [segModes]int32, f segmentFlags, trace bool) (int32, int) {
	// cost is a ring of the four positions i..i+3 that a step can reach
	// (a kanji character is at most 3 bytes of UTF-8).
	infs := [segModes]int32{inf, inf, inf, inf}
	cost := [4][segModes]int32{infs, infs, infs, infs}
	// closed returns the cheapest encoding of data[:i] with its last
	// segment closed (rounded up to whole bits), and that segment's mode.
	closed := func(i int) (int32, int) {
		if i == 0 {
			return 0, segStart
		}
		c := &cost[i&3]
		b, bm := ceil6(c[segNumeric]), segNumeric
		if x := ceil6(c[segAlnum]); x < b {
			b, bm = x, segAlnum
		}
		if x := ceil6(c[segByte]); x < b {
			b, bm = x, segByte
		}
		if x := ceil6(c[segKanji]); x < b {
			b, bm = x, segKanji
		}
		return b, bm
	}
	// extend relaxes mode m over the character data[i:j], which costs
	// step in m, and whose encoding so far costs cur: continue m's open
	// segment, or open one after the cheapest closed encoding (done,
	// ending in mode doneMode).
	extend := func(m, i, j int, step int32, cur *[segModes]int32, done int32, doneMode int) {
		from, prev := cur[m], m
		if o := done + header[m]; o < from {
			from, prev = o, doneMode
		}
		if x := from + step; x < cost[j&3][m] {
			cost[j&3][m] = x
			if trace {
				s.trace[j][m] = uint8(prev) | uint8(j-i)<<3
			}
		}
	}
	byteLimit := byte(0xFF)
	if f.byteASCII {
		byteLimit = 0x7F
	}
	alnum := f.alnumTable()
	for i, c := range data {
		done, doneMode := closed(i)
		cur := &cost[i&3]
		// Each mode that can take c continues its open segment or opens
		// a new one after the cheapest closed encoding. Opening never
		// beats continuing the same mode: ⌈c⌉ + header > c.
		if isDigit(c) {
			extend(segNumeric, i, i+1, unitCost[segNumeric], cur, done, doneMode)
		}
		if n := alnum[c]; n > 0 {
			extend(segAlnum, i, i+1, int32(n)*unitCost[segAlnum], cur, done, doneMode)
		}
		if c <= byteLimit {
			extend(segByte, i, i+1, unitCost[segByte], cur, done, doneMode)
		}
		if f.kanji && c >= 0x80 {
			if _, size := kanjiAt(data, i); size > 0 {
				extend(segKanji, i, i+size, unitCost[segKanji], cur, done, doneMode)
			}
		}
		// The slot of position i is reused for position i+4.
		*cur = infs
	}
	return closed(len(data))
}

// traceBack fills s.modeAt for the n bytes of data from the choices the
// search recorded, walking back from the last segment, of mode last.
func (s *segmenter) traceBack(n, last int) {
	for j, m := n, last; j > 0; {
		t := s.trace[j][m]
		size := int(t >> 3)
		for k := j - size; k < j; k++ {
			s.modeAt[k] = uint8(m)
		}
		j -= size
		m = int(t & 7)
	}
}

// single reports whether one segment is optimal for data without a search,
// and of which mode (see optimal).
func (s *segmenter) single(data []byte, f segmentFlags) (int, bool) {
	if len(data) == 0 {
		return 0, false
	}
	digits, alnum := 0, 0
	table := f.alnumTable()
	for _, c := range data {
		if isDigit(c) {
			digits++
		} else if table[c] > 0 {
			alnum++
		}
	}
	switch {
	case digits == len(data):
		return segNumeric, true
	case digits == 0 && alnum == 0 && !f.kanji && !f.byteASCII:
		return segByte, true
	}
	return 0, false
}

// writeSegments appends the segments that optimal recorded in s.modeAt for
// data, with count fields sized for version v of fam, in FNC1 mode if
// fnc1.
func (s *segmenter) writeSegments(b *bits.Buffer, data []byte, fam qrspec.Family, v Version, fnc1 bool) {
	for i := 0; i < len(data); {
		m := s.modeAt[i]
		j := i + 1
		for j < len(data) && s.modeAt[j] == m {
			j++
		}
		writeSegment(b, data[i:j], int(m), fam, v, fnc1)
		i = j
	}
}

// writeSegment appends one segment of mode m holding data: the mode
// indicator (Table 2), the character count (Table 3) and the data (§7.4.3
// to §7.4.6), for version v of fam, in FNC1 mode if fnc1 (§7.4.8). The
// caller has checked that every character suits the mode and that the
// version has it.
func writeSegment(b *bits.Buffer, data []byte, m int, fam qrspec.Family, v Version, fnc1 bool) {
	mode := segMode[m]
	count := len(data)
	switch {
	case m == segAlnum && fnc1:
		count = 0
		for _, c := range data {
			count += int(alnumChars[1][c])
		}
	case m == segKanji:
		count = 0
		for i := 0; i < len(data); {
			_, size := kanjiAt(data, i)
			i += size
			count++
		}
	}
	indicator, _ := fam.ModeIndicator(int(v), mode)
	b.Write(indicator, fam.ModeBits(int(v)))
	b.Write(uint32(count), fam.CountBits(int(v), mode))
	switch m {
	case segNumeric:
		writeNumeric(b, data)
	case segAlnum:
		if fnc1 {
			writeAlphanumericFNC1(b, data)
		} else {
			writeAlphanumeric(b, data)
		}
	case segByte:
		b.WriteBytes(data)
	case segKanji:
		for i := 0; i < len(data); {
			val, size := kanjiAt(data, i)
			b.Write(val, qrspec.DoubleByteBits)
			i += size
		}
	}
}

// writeNumeric appends digits, §7.4.3: groups of three digits as 10-bit
// numbers; a final group of two digits takes 7 bits, of one digit 4 bits.
func writeNumeric(b *bits.Buffer, data []byte) {
	for i := 0; i < len(data); i += 3 {
		k := min(3, len(data)-i)
		var val uint32
		for _, c := range data[i : i+k] {
			val = val*10 + uint32(c-'0')
		}
		b.Write(val, qrspec.NumericBits(k))
	}
}

// writeAlphanumeric appends characters of Table 5, §7.4.4: pairs as
// 45·first + second in 11 bits, a last single character in 6 bits.
func writeAlphanumeric(b *bits.Buffer, data []byte) {
	for i := 0; i < len(data); i += 2 {
		if i+1 < len(data) {
			b.Write(uint32(qrspec.AlphanumericValue(data[i])*45+qrspec.AlphanumericValue(data[i+1])), qrspec.AlphanumericPairBits)
		} else {
			b.Write(uint32(qrspec.AlphanumericValue(data[i])), qrspec.AlphanumericCharBits)
		}
	}
}

// writeAlphanumericFNC1 appends characters in FNC1 mode (§7.4.8.2): GS,
// the FNC1 separator, as '%', and a literal '%' as "%%"; pairs and a last
// single character as in writeAlphanumeric.
func writeAlphanumericFNC1(b *bits.Buffer, data []byte) {
	percent := qrspec.AlphanumericValue('%')
	first := -1 // the value waiting for its pair, or −1
	put := func(v int) {
		if first < 0 {
			first = v
			return
		}
		b.Write(uint32(first*45+v), qrspec.AlphanumericPairBits)
		first = -1
	}
	for _, c := range data {
		switch c {
		case '%':
			put(percent)
			put(percent)
		case groupSeparator:
			put(percent)
		default:
			put(qrspec.AlphanumericValue(c))
		}
	}
	if first >= 0 {
		b.Write(uint32(first), qrspec.AlphanumericCharBits)
	}
}

// singleMode reports whether version v of fam has mode m and every
// character of data suits it, and returns the length in bits of data as one
// segment of that mode for the versions of v's count range (Table 3), in
// FNC1 mode if fnc1.
func singleMode(data []byte, m int, fam qrspec.Family, v Version, fnc1 bool) (int, bool) {
	if _, ok := fam.ModeIndicator(int(v), segMode[m]); !ok {
		return 0, false
	}
	chars := 0
	alnum := &alnumChars[0]
	if fnc1 {
		alnum = &alnumChars[1]
	}
	for i := 0; i < len(data); {
		size := 1
		switch c := data[i]; m {
		case segNumeric:
			if !isDigit(c) {
				return 0, false
			}
		case segAlnum:
			if alnum[c] == 0 {
				return 0, false
			}
			chars += int(alnum[c]) - 1 // a doubled '%' is two characters
		case segKanji:
			if _, size = kanjiAt(data, i); size == 0 {
				return 0, false
			}
		}
		i += size
		chars++
	}
	header := fam.ModeBits(int(v)) + fam.CountBits(int(v), segMode[m])
	return header + int(ceil6(int32(chars)*unitCost[m])/6), true
}
