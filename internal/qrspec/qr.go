package qrspec

// This file holds the per-version tables of QR Code (ISO/IEC 18004:2015)
// that cannot be computed, laid out like the standard's tables, and the
// formulas for everything else.

// qrVersions is the number of QR Code versions, 1 to 40 (§5.3.1).
const qrVersions = 40

// qrIndicators are QR's 4-bit mode indicators, Table 2 (Hanzi from GB/T
// 18284-2000).
var qrIndicators = [numModes]int8{
	Numeric:          0b0001,
	Alphanumeric:     0b0010,
	Byte:             0b0100,
	Kanji:            0b1000,
	Hanzi:            0b1101,
	ECI:              0b0111,
	FNC1First:        0b0101,
	FNC1Second:       0b1001,
	StructuredAppend: 0b0011,
	Terminator:       0b0000,
}

// qrCountBits[mode][r] is the width of the character count indicator,
// Table 3, for versions in range r of qrCountRanges. Hanzi's widths (GB/T
// 18284-2000) equal kanji's.
var qrCountBits = [dataModes][3]uint8{
	//             1–9  10–26  27–40
	Numeric:      {10, 12, 14},
	Alphanumeric: {9, 11, 13},
	Byte:         {8, 16, 16},
	Kanji:        {8, 10, 12},
	Hanzi:        {8, 10, 12},
}

// qrCountRanges are the first and last versions of Table 3's columns.
var qrCountRanges = [3][2]uint8{{1, 9}, {10, 26}, {27, 40}}

// qrECPerBlock[level][version] is the number of error correction codewords
// in each block, Table 9's "number of error correction codewords" divided
// by the number of blocks (every block of a version and level has the same
// count). Index 0 is unused.
var qrECPerBlock = [levels][qrVersions + 1]uint8{
	//   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19  20  21  22  23  24  25  26  27  28  29  30  31  32  33  34  35  36  37  38  39  40
	{0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},  // L
	{0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28}, // M
	{0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30}, // Q
	{0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30}, // H
}

// qrBlocks[level][version] is the number of error correction blocks, the
// sum of the two block counts of Table 9. Index 0 is unused.
var qrBlocks = [levels][qrVersions + 1]uint8{
	//   1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40
	{0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},              // L
	{0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},     // M
	{0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},  // Q
	{0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81}, // H
}

// qrSize returns the number of modules per side of version v, 17 + 4·v
// (§5.3.1): 21 to 177.
func qrSize(v int) int { return 17 + 4*v }

// qrRawDataModules returns the number of modules of version v left for data
// and error correction codewords (and remainder bits) once the function
// patterns are placed (§6.3): the symbol's area minus finders with
// separators and format information, timing patterns, alignment patterns
// and version information. Range: 208 (version 1) to 29648 (version 40).
func qrRawDataModules(v int) int {
	r := (16*v+128)*v + 64 // area minus finders, separators, format info and timing
	if v >= 2 {
		a := v/7 + 2
		r -= (25*a-10)*a - 55 // alignment patterns, less their overlap with timing
		if v >= 7 {
			r -= 36 // two version information blocks of 18 modules
		}
	}
	return r
}

// qrFacts expands QR's tables and formulas into per-version facts.
func qrFacts() facts {
	t := facts{first: 1, last: qrVersions}
	for v := 1; v <= qrVersions; v++ {
		n := qrSize(v)
		t.size[v] = [2]uint8{uint8(n), uint8(n)}
		raw := qrRawDataModules(v)
		total := raw / 8 // the raw%8 modules left over are remainder bits (Table 1)
		t.rawModules[v], t.total[v] = uint16(raw), uint16(total)
		for l := L; l < levels; l++ {
			nb, ec := qrBlocks[l][v], qrECPerBlock[l][v]
			data := total - int(nb)*int(ec)
			t.data[v][l], t.dataBits[v][l] = uint16(data), uint16(8*data)
			t.blocks[v][l], t.ecPerBlock[v][l] = nb, ec
		}
		t.modeBits[v], t.terminator[v] = 4, 4
		t.setModes(v, &qrIndicators)
		for r, span := range qrCountRanges {
			if v >= int(span[0]) && v <= int(span[1]) {
				t.countRange[v] = span
				for m := range dataModes {
					t.countBits[v][m] = qrCountBits[m][r]
				}
			}
		}
	}
	return t
}

// QRAlignment writes the alignment pattern centre coordinates of QR version
// v (the row and column coordinates of Annex E, Table E.1) into dst and
// returns them: none for version 1, then v/7 + 2 of them. The first is
// always 6 and the last size−7; the ones between are evenly spaced by an
// even step, with any slack put in the first gap. This formula reproduces
// Table E.1 for all 40 versions: TestOracleTables compares every version
// with gozxing's copy of the table, and TestQRAlignment checks the uneven
// rows against the standard.
func QRAlignment(dst *[7]int, v int) []int {
	if v < 2 {
		return dst[:0]
	}
	n := v/7 + 2
	step := (v*8 + n*3 + 5) / (n*4 - 4) * 2
	dst[0] = 6
	for i := n - 1; i >= 1; i-- {
		dst[i] = qrSize(v) - 7 - (n-1-i)*step
	}
	return dst[:n]
}
