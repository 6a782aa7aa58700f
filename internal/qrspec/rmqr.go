package qrspec

// This file holds the tables of rectangular Micro QR Code (rMQR, ISO/IEC
// 23941:2022) that cannot be computed, laid out like the standard's
// tables. Versions are numbered 1 to 32 in the order of Table 1, R7x43 to
// R17x139: by height, then by width.

// rmqrVersions is the number of rMQR versions (Table 1).
const rmqrVersions = 32

// The largest rMQR symbol, R17x139 (Table 1).
const (
	rmqrMaxHeight = 17
	rmqrMaxWidth  = 139
)

// rmqrSizes[version] is the height and width of each version, Table 1.
var rmqrSizes = [rmqrVersions + 1][2]uint8{
	{},
	{7, 43}, {7, 59}, {7, 77}, {7, 99}, {7, 139},
	{9, 43}, {9, 59}, {9, 77}, {9, 99}, {9, 139},
	{11, 27}, {11, 43}, {11, 59}, {11, 77}, {11, 99}, {11, 139},
	{13, 27}, {13, 43}, {13, 59}, {13, 77}, {13, 99}, {13, 139},
	{15, 43}, {15, 59}, {15, 77}, {15, 99}, {15, 139},
	{17, 43}, {17, 59}, {17, 77}, {17, 99}, {17, 139},
}

// rmqrBlockRow is one row of Table 8 for one level: the error correction
// codewords per block, then the number of blocks and their data codewords
// in each of the two groups (the second group empty where n2 is 0).
type rmqrBlockRow struct{ ec, n1, d1, n2, d2 uint8 }

// rmqrBlocks[version] is Table 8, the error correction characteristics:
// level M, then level H. rMQR has no levels L and Q.
var rmqrBlocks = [rmqrVersions + 1][2]rmqrBlockRow{
	//            M: ec  n1  d1 n2  d2     H: ec  n1  d1 n2  d2
	1:  {{7, 1, 6, 0, 0}, {10, 1, 3, 0, 0}},      // R7x43
	2:  {{9, 1, 12, 0, 0}, {14, 1, 7, 0, 0}},     // R7x59
	3:  {{12, 1, 20, 0, 0}, {22, 1, 10, 0, 0}},   // R7x77
	4:  {{16, 1, 28, 0, 0}, {30, 1, 14, 0, 0}},   // R7x99
	5:  {{24, 1, 44, 0, 0}, {22, 2, 12, 0, 0}},   // R7x139
	6:  {{9, 1, 12, 0, 0}, {14, 1, 7, 0, 0}},     // R9x43
	7:  {{12, 1, 21, 0, 0}, {22, 1, 11, 0, 0}},   // R9x59
	8:  {{18, 1, 31, 0, 0}, {16, 1, 8, 1, 9}},    // R9x77
	9:  {{24, 1, 42, 0, 0}, {22, 2, 11, 0, 0}},   // R9x99
	10: {{18, 1, 31, 1, 32}, {22, 3, 11, 0, 0}},  // R9x139
	11: {{8, 1, 7, 0, 0}, {10, 1, 5, 0, 0}},      // R11x27
	12: {{12, 1, 19, 0, 0}, {20, 1, 11, 0, 0}},   // R11x43
	13: {{16, 1, 31, 0, 0}, {16, 1, 7, 1, 8}},    // R11x59
	14: {{24, 1, 43, 0, 0}, {22, 1, 11, 1, 12}},  // R11x77
	15: {{16, 1, 28, 1, 29}, {30, 1, 14, 1, 15}}, // R11x99
	16: {{24, 2, 42, 0, 0}, {30, 3, 14, 0, 0}},   // R11x139
	17: {{9, 1, 12, 0, 0}, {14, 1, 7, 0, 0}},     // R13x27
	18: {{14, 1, 27, 0, 0}, {28, 1, 13, 0, 0}},   // R13x43
	19: {{22, 1, 38, 0, 0}, {20, 2, 10, 0, 0}},   // R13x59
	20: {{16, 1, 26, 1, 27}, {28, 1, 14, 1, 15}}, // R13x77
	21: {{20, 1, 36, 1, 37}, {26, 1, 11, 2, 12}}, // R13x99
	22: {{20, 2, 35, 1, 36}, {28, 2, 13, 2, 14}}, // R13x139
	23: {{18, 1, 33, 0, 0}, {18, 1, 7, 1, 8}},    // R15x43
	24: {{26, 1, 48, 0, 0}, {24, 2, 13, 0, 0}},   // R15x59
	25: {{18, 1, 33, 1, 34}, {24, 2, 10, 1, 11}}, // R15x77
	26: {{24, 2, 44, 0, 0}, {22, 4, 12, 0, 0}},   // R15x99
	27: {{24, 2, 42, 1, 43}, {26, 1, 13, 4, 14}}, // R15x139
	28: {{22, 1, 39, 0, 0}, {20, 1, 10, 1, 11}},  // R17x43
	29: {{16, 2, 28, 0, 0}, {30, 2, 14, 0, 0}},   // R17x59
	30: {{22, 2, 39, 0, 0}, {28, 1, 12, 2, 13}},  // R17x77
	31: {{20, 2, 33, 1, 34}, {26, 4, 14, 0, 0}},  // R17x99
	32: {{20, 4, 38, 0, 0}, {26, 2, 12, 4, 13}},  // R17x139
}

// rmqrIndicators are rMQR's 3-bit mode indicators, Table 2. rMQR has no
// structured append (and no Hanzi).
var rmqrIndicators = [numModes]int8{
	Terminator:       0b000,
	Numeric:          0b001,
	Alphanumeric:     0b010,
	Byte:             0b011,
	Kanji:            0b100,
	FNC1First:        0b101,
	FNC1Second:       0b110,
	ECI:              0b111,
	Hanzi:            -1,
	StructuredAppend: -1,
}

// rmqrCountBits[mode][version] is the width of the character count
// indicator, Table 3. Index 0 is unused.
var rmqrCountBits = [Kanji + 1][rmqrVersions + 1]uint8{
	//            R7: x43 x59 x77 x99 x139  R9: x43 … x139  R11: x27 … x139  R13: x27 … x139  R15: x43 … x139  R17: x43 … x139
	Numeric:      {0, 4, 5, 6, 7, 7, 5, 6, 7, 7, 8, 4, 6, 7, 7, 8, 8, 5, 6, 7, 7, 8, 8, 7, 7, 8, 8, 9, 7, 8, 8, 8, 9},
	Alphanumeric: {0, 3, 5, 5, 6, 6, 5, 5, 6, 6, 7, 4, 5, 6, 6, 7, 7, 5, 6, 6, 7, 7, 8, 6, 7, 7, 7, 8, 6, 7, 7, 8, 8},
	Byte:         {0, 3, 4, 5, 5, 6, 4, 5, 5, 6, 6, 3, 5, 5, 6, 6, 7, 4, 5, 6, 6, 7, 7, 6, 6, 7, 7, 7, 6, 6, 7, 7, 8},
	Kanji:        {0, 2, 3, 4, 5, 5, 3, 4, 5, 5, 6, 2, 4, 5, 5, 6, 6, 3, 5, 5, 6, 6, 7, 5, 5, 6, 6, 7, 5, 6, 6, 6, 7},
}

// rmqrAlignmentColumns[width] are the centre columns of the alignment
// patterns of symbols of that width, Annex D Table D.1; the narrowest,
// 27, has none.
var rmqrAlignmentColumns = map[int][]int{
	27:  nil,
	43:  {21},
	59:  {19, 39},
	77:  {25, 51},
	99:  {23, 49, 75},
	139: {27, 55, 83, 111},
}

// rmqrLevels are the levels rMQR has, in the order of Table 8's columns and
// of the level bit of the format information (0 for M, 1 for H).
var rmqrLevels = [2]Level{M, H}

// rmqrFacts expands rMQR's tables into per-version facts.
func rmqrFacts() facts {
	t := facts{first: 1, last: rmqrVersions}
	for v := 1; v <= rmqrVersions; v++ {
		h, w := int(rmqrSizes[v][0]), int(rmqrSizes[v][1])
		t.size[v] = [2]uint8{uint8(w), uint8(h)}
		for i, l := range rmqrLevels {
			r := rmqrBlocks[v][i]
			data := int(r.n1)*int(r.d1) + int(r.n2)*int(r.d2)
			t.data[v][l], t.dataBits[v][l] = uint16(data), uint16(8*data)
			t.blocks[v][l], t.ecPerBlock[v][l] = r.n1+r.n2, r.ec
			t.total[v] = uint16(data + int(r.n1+r.n2)*int(r.ec))
		}
		t.modeBits[v], t.terminator[v] = 3, 3
		t.setModes(v, &rmqrIndicators)
		for m := Numeric; m <= Kanji; m++ {
			t.countBits[v][m] = rmqrCountBits[m][v]
		}
		t.rawModules[v] = uint16(rmqrLayout(v, w, h).dataModules(w, h))
	}
	t.fillCountRanges()
	return t
}

// RMQRAlignment writes the centre columns of the alignment patterns of
// rMQR version v (Annex D, Table D.1) into dst and returns them: none for
// the 27-module-wide versions, up to four for the 139-module-wide ones.
func RMQRAlignment(dst *[4]int, v int) []int {
	return dst[:copy(dst[:], rmqrAlignmentColumns[int(rmqrSizes[v][1])])]
}

// RMQRVersionOf returns the version of the rMQR symbol of h×w modules
// (Table 1), and false if there is none of that size.
func RMQRVersionOf(h, w int) (int, bool) {
	for v := 1; v <= rmqrVersions; v++ {
		if int(rmqrSizes[v][0]) == h && int(rmqrSizes[v][1]) == w {
			return v, true
		}
	}
	return 0, false
}
