package qrspec

import "fmt"

// Family is a symbology of the QR family. The zero value is QR. Its
// methods take a version in the range Versions returns and, where they
// take one, a level the version has (HasLevel); other arguments are a bug
// in the caller and give zeros or panic.
type Family uint8

const (
	// QR is QR Code, ISO/IEC 18004:2015: square symbols of versions 1–40.
	QR Family = iota
	// MicroQR is Micro QR Code, ISO/IEC 18004:2015: square symbols M1–M4,
	// numbered 1–4 here, with one finder pattern.
	MicroQR
	// RMQR is rectangular Micro QR Code, ISO/IEC 23941:2022: 32 sizes from
	// R7x43 to R17x139, numbered 1–32 in the order of its Table 1.
	RMQR
	numFamilies
)

// String returns the family's name.
func (f Family) String() string {
	switch f {
	case QR:
		return "QR"
	case MicroQR:
		return "Micro QR"
	case RMQR:
		return "rMQR"
	}
	return fmt.Sprintf("Family(%d)", uint8(f))
}

// Level is an error correction level, in the order of the standard's
// tables: L, M, Q, H (ISO/IEC 18004:2015 Table 12). Not every family has
// every level in every version: see Family.HasLevel.
type Level uint8

// The error correction levels, in increasing order of redundancy.
const (
	L Level = iota
	M
	Q
	H
	levels
)

// String returns "L", "M", "Q" or "H".
func (l Level) String() string {
	if l < levels {
		return "LMQH"[l : l+1]
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// Versions returns the first and last version number of f: 1 and 40 for
// QR, 1 and 4 for Micro QR (M1–M4), 1 and 32 for rMQR.
func (f Family) Versions() (first, last int) {
	return int(families[f].first), int(families[f].last)
}

// Size returns the width and height of version v in modules, without
// quiet zone. QR symbols are square, 17 + 4·v (ISO/IEC 18004:2015 §5.3.1):
// 21 to 177; Micro QR symbols too, 9 + 2·v: 11 to 17. rMQR symbols are
// 27 to 139 wide and 7 to 17 high (ISO/IEC 23941:2022 Table 1).
func (f Family) Size(v int) (width, height int) {
	s := &families[f].size[v]
	return int(s[0]), int(s[1])
}

// RawDataModules returns the number of modules of version v left for data
// and error correction codewords and remainder bits once the function
// patterns and the format and version information are placed. QR: 208
// (version 1) to 29648 (version 40), see qrRawDataModules. Micro QR and
// rMQR: counted on the layout of MicroFunctionPatterns and
// RMQRFunctionPatterns.
func (f Family) RawDataModules(v int) int { return int(families[f].rawModules[v]) }

// TotalCodewords returns the number of codewords of version v, data and
// error correction. QR: 26 to 3706 (Table 9's "total number of
// codewords"); the RawDataModules(v) % 8 modules left over are remainder
// bits (Table 1). Micro QR: 5 to 24, the 4-bit last data codeword of M1
// and M3 counted as one. rMQR: 13 to 232 (ISO/IEC 23941:2022 Table 8),
// with remainder bits as in QR.
func (f Family) TotalCodewords(v int) int { return int(families[f].total[v]) }

// HasLevel reports whether version v of f has error correction level l.
// QR has all four levels in every version; Micro QR has L (M1's error
// detection only), L and M (M2, M3), L, M and Q (M4); rMQR has M and H.
func (f Family) HasLevel(v int, l Level) bool { return families[f].data[v][l] != 0 }

// DataCodewords returns the number of data codewords of version v at level
// l (ISO/IEC 18004:2015 Table 7, ISO/IEC 23941:2022 Table 8): QR 9 (1-H)
// to 2956 (40-L), Micro QR 3 (M1) to 16 (M4-L), rMQR 3 (R7x43-H) to 152
// (R17x139-M). It is 0 if the version lacks the level.
func (f Family) DataCodewords(v int, l Level) int { return int(families[f].data[v][l]) }

// DataBits returns the number of data bits version v holds at level l, the
// capacity a bit stream is fitted to: 8·DataCodewords, less 4 for Micro
// QR's M1 and M3, whose last data codeword is 4 bits long.
func (f Family) DataBits(v int, l Level) int { return int(families[f].dataBits[v][l]) }

// BlockLayout is how the codewords of one version and level split into
// error correction blocks (ISO/IEC 18004:2015 §7.5.2, Table 9): Count
// blocks, each followed by ECPerBlock error correction codewords; the
// first Short blocks hold ShortData data codewords each, the other
// Count−Short blocks one more.
type BlockLayout struct {
	Count      int
	ECPerBlock int
	Short      int
	ShortData  int
}

// Blocks returns the error correction blocks of version v at level l. The
// data codewords are split as evenly as possible, the longer blocks last:
// that is Table 9's pairs of block groups.
func (f Family) Blocks(v int, l Level) BlockLayout {
	t := &families[f]
	n, data := int(t.blocks[v][l]), int(t.data[v][l])
	return BlockLayout{Count: n, ECPerBlock: int(t.ecPerBlock[v][l]), Short: n - data%n, ShortData: data / n}
}
