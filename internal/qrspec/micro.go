package qrspec

// This file holds the tables of Micro QR Code (ISO/IEC 18004:2015) that
// cannot be computed, laid out like the standard's tables, and the
// formulas for everything else. Micro QR versions M1 to M4 are numbered 1
// to 4.

// microVersions is the number of Micro QR versions, M1 to M4 (§5.3.1).
const microVersions = 4

// microCodewords[version] is Table 7's codeword count of each Micro QR
// version: the total, then the data codewords at levels L, M and Q (0
// where the version lacks the level; M1 has error detection only, filed
// under L). M1 and M3 end their data in a 4-bit codeword, counted here as
// one codeword (Table 7 note). Every Micro QR symbol is one block (Table
// 9): the error correction codewords are the total less the data.
var microCodewords = [microVersions + 1]struct{ total, l, m, q uint8 }{
	//       total  L   M   Q
	1: {5, 3, 0, 0},
	2: {10, 5, 4, 0},
	3: {17, 11, 9, 0},
	4: {24, 16, 14, 10},
}

// microHalfCodeword reports whether the last data codeword of version v is
// 4 bits long (Table 7 note: M1 and M3).
func microHalfCodeword(v int) bool { return v == 1 || v == 3 }

// microIndicators[version] are the mode indicators of Table 2's Micro QR
// columns, −1 for modes the version lacks. M1 has no indicator (it holds
// numeric data only), M2 one bit, M3 two, M4 three. Micro QR has no ECI,
// FNC1 or structured append, and its terminator is not a mode indicator
// but TerminatorBits zero bits.
var microIndicators = [microVersions + 1][numModes]int8{
	1: {Numeric: 0, Alphanumeric: -1, Byte: -1, Kanji: -1, Hanzi: -1, ECI: -1, FNC1First: -1, FNC1Second: -1, StructuredAppend: -1, Terminator: -1},
	2: {Numeric: 0, Alphanumeric: 1, Byte: -1, Kanji: -1, Hanzi: -1, ECI: -1, FNC1First: -1, FNC1Second: -1, StructuredAppend: -1, Terminator: -1},
	3: {Numeric: 0, Alphanumeric: 1, Byte: 2, Kanji: 3, Hanzi: -1, ECI: -1, FNC1First: -1, FNC1Second: -1, StructuredAppend: -1, Terminator: -1},
	4: {Numeric: 0, Alphanumeric: 1, Byte: 2, Kanji: 3, Hanzi: -1, ECI: -1, FNC1First: -1, FNC1Second: -1, StructuredAppend: -1, Terminator: -1},
}

// microCountBits[mode][version] is the width of the character count
// indicator, Table 3's Micro QR columns; 0 where the version lacks the
// mode. Index 0 is unused.
var microCountBits = [dataModes][microVersions + 1]uint8{
	//             M1 M2 M3 M4
	Numeric:      {0, 3, 4, 5, 6},
	Alphanumeric: {0, 0, 3, 4, 5},
	Byte:         {0, 0, 0, 4, 5},
	Kanji:        {0, 0, 0, 3, 4},
}

// microSize returns the number of modules per side of version v, 9 + 2·v
// (§5.3.1): 11 to 17.
func microSize(v int) int { return 9 + 2*v }

// microFacts expands Micro QR's tables and formulas into per-version facts.
func microFacts() facts {
	t := facts{first: 1, last: microVersions}
	for v := 1; v <= microVersions; v++ {
		n := microSize(v)
		t.size[v] = [2]uint8{uint8(n), uint8(n)}
		var g grid
		MicroFunctionPatterns(v, g.mark)
		t.rawModules[v] = uint16(g.dataModules(n, n))
		c := microCodewords[v]
		t.total[v] = uint16(c.total)
		for l, data := range [levels]uint8{L: c.l, M: c.m, Q: c.q} {
			if data == 0 {
				continue
			}
			t.data[v][l], t.dataBits[v][l] = uint16(data), uint16(8*int(data))
			if microHalfCodeword(v) {
				t.dataBits[v][l] -= 4
			}
			t.blocks[v][l], t.ecPerBlock[v][l] = 1, c.total-data
		}
		t.modeBits[v] = uint8(v - 1) // 0 to 3 bits, Table 2
		t.terminator[v] = uint8(2*v + 1)
		t.setModes(v, &microIndicators[v])
		for m := range dataModes {
			t.countBits[v][m] = microCountBits[m][v]
		}
	}
	t.fillCountRanges() // every version has its own widths
	return t
}

// MicroSymbolNumber returns the symbol number of version v at level l,
// the three high bits of Micro QR's format information (§7.9.2, Table
// 13): 0 for M1, 1–2 for M2-L and M2-M, 3–4 for M3-L and M3-M, 5–7 for
// M4-L, M4-M and M4-Q. It returns false for a level the version lacks.
func MicroSymbolNumber(v int, l Level) (int, bool) {
	if v < 1 || v > microVersions || !MicroQR.HasLevel(v, l) {
		return 0, false
	}
	return microFirstSymbol[v] + int(l), true
}

// microFirstSymbol[version] is the symbol number of the version at level
// L (Table 13).
var microFirstSymbol = [microVersions + 1]int{1: 0, 2: 1, 3: 3, 4: 5}

// MicroVersionOf returns the version and level of symbol number n, 0 to 7
// (Table 13); it inverts MicroSymbolNumber.
func MicroVersionOf(n int) (v int, l Level) {
	for v = microVersions; v > 1 && microFirstSymbol[v] > n; v-- {
	}
	return v, Level(n - microFirstSymbol[v])
}
