package encode

// This file holds the per-version constants of ISO/IEC 18004:2015 that
// cannot be computed, laid out like the standard's tables, and the formulas
// for everything else.

// levelIndex maps a resolved Level (L, M, Q, H) to the row of the tables
// below, which follow the standard's order L, M, Q, H.
func levelIndex(l Level) int { return int(l.Resolve()) - 1 }

// eccPerBlock[level][version] is the number of error correction codewords in
// each block, Table 9 column "number of error correction codewords" divided
// by the number of blocks (every block of a version and level has the same
// count). Index 0 is unused.
var eccPerBlock = [4][41]uint8{
	//   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19  20  21  22  23  24  25  26  27  28  29  30  31  32  33  34  35  36  37  38  39  40
	{0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},  // L
	{0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28}, // M
	{0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30}, // Q
	{0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30}, // H
}

// numBlocks[level][version] is the number of error correction blocks, the
// sum of the two block counts of Table 9. Index 0 is unused.
var numBlocks = [4][41]uint8{
	//   1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40
	{0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},              // L
	{0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},     // M
	{0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},  // Q
	{0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81}, // H
}

// numAlignment returns how many alignment pattern centre coordinates version
// v has per axis (Annex E): none for version 1, then v/7+2.
func numAlignment(v Version) int {
	if v == 1 {
		return 0
	}
	return int(v)/7 + 2
}

// alignmentPositions writes the alignment pattern centre coordinates of
// version v (the row/column coordinates of Annex E, Table E.1) into dst and
// returns them. The first is always 6 and the last size−7; the ones between
// are evenly spaced by an even step, with any slack put in the first gap.
// This formula reproduces Table E.1 for all 40 versions: TestOracleTables
// compares every version with gozxing's copy of the table, and
// TestAlignmentPositions checks the uneven rows against the standard.
func alignmentPositions(dst *[7]int, v Version) []int {
	n := numAlignment(v)
	if n == 0 {
		return dst[:0]
	}
	size := v.Size()
	step := (int(v)*8 + n*3 + 5) / (n*4 - 4) * 2
	dst[0] = 6
	for i := n - 1; i >= 1; i-- {
		dst[i] = size - 7 - (n-1-i)*step
	}
	return dst[:n]
}

// rawDataModules returns the number of modules of version v left for data
// and error correction codewords (and remainder bits) once the function
// patterns are placed (§6.3): the symbol's area minus finders with
// separators and format information, timing patterns, alignment patterns
// and version information. Range: 208 (version 1) to 29648 (version 40).
func rawDataModules(v Version) int {
	n := int(v)
	r := (16*n+128)*n + 64 // area minus finders, separators, format info and timing
	if n >= 2 {
		a := n/7 + 2
		r -= (25*a-10)*a - 55 // alignment patterns, less their overlap with timing
		if n >= 7 {
			r -= 36 // two version information blocks of 18 modules
		}
	}
	return r
}

// totalCodewords returns the number of codewords of version v, Table 9's
// "total number of codewords": 26 to 3706. The rawDataModules%8 modules
// left over are remainder bits (Table 1).
func totalCodewords(v Version) int { return rawDataModules(v) / 8 }

// dataCodewords returns the number of data codewords of version v at level
// l (Table 7's "number of data codewords"): 9 (1-H) to 2956 (40-L).
func dataCodewords(v Version, l Level) int {
	li := levelIndex(l)
	return totalCodewords(v) - int(eccPerBlock[li][v])*int(numBlocks[li][v])
}

// countBits returns the length of the character count indicator of mode m
// in version v, Table 3.
func countBits(m Mode, v Version) int {
	g := versionGroup(v)
	switch m {
	case ModeNumeric:
		return [3]int{10, 12, 14}[g]
	case ModeAlphanumeric:
		return [3]int{9, 11, 13}[g]
	case ModeByte:
		return [3]int{8, 16, 16}[g]
	case ModeKanji:
		return [3]int{8, 10, 12}[g]
	}
	return 0
}

// versionGroup returns which of Table 3's three version ranges v is in:
// 0 for 1–9, 1 for 10–26, 2 for 27–40.
func versionGroup(v Version) int {
	switch {
	case v <= 9:
		return 0
	case v <= 26:
		return 1
	}
	return 2
}

// groupRange returns the first and last version of Table 3's range g.
func groupRange(g int) (Version, Version) {
	return [3]Version{1, 10, 27}[g], [3]Version{9, 26, 40}[g]
}

// modeIndicator returns the 4-bit mode indicator of Table 2.
func modeIndicator(m Mode) uint32 {
	switch m {
	case ModeNumeric:
		return 0b0001
	case ModeAlphanumeric:
		return 0b0010
	case ModeByte:
		return 0b0100
	case ModeKanji:
		return 0b1000
	}
	return 0
}

// Mode indicator of an ECI designator (Table 2) and the ECI assignment
// number of UTF-8 (§7.4.2.2; the AIM ECI register assigns 000026). Values
// below 128 take one byte, 0bbbbbbb (Table 4), so the ECI costs 4+8 bits.
const (
	eciIndicator = 0b0111
	eciUTF8      = 26
	eciBits      = 4 + 8
)

// formatLevelBits returns the two error correction level bits of the format
// information, Table 12: L 01, M 00, Q 11, H 10.
func formatLevelBits(l Level) uint32 {
	return [4]uint32{0b01, 0b00, 0b11, 0b10}[levelIndex(l)]
}
