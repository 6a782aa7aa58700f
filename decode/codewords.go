package decode

import (
	"github.com/qrworks/qrworks/internal/qrspec"
	"github.com/qrworks/qrworks/internal/rs"
)

// block is one error correction block of a symbol as read: its data
// codewords followed by its error correction codewords (ISO/IEC
// 18004:2015 §7.5.2).
type block struct {
	codewords []byte
	data      int // the number of data codewords
}

// symbolCodewords is what one symbol's modules hold, read in either
// family's way: the version and level from the format (and version)
// information, the data mask, and the codewords split into their blocks,
// not yet corrected.
type symbolCodewords struct {
	family  qrspec.Family
	version int
	level   qrspec.Level
	mask    int
	blocks  []block
	// dataBits is the length of the data bit stream: the data codewords'
	// bits, less 4 in Micro QR's M1 and M3 (their last data codeword has
	// 4 bits, kept in the high half of its byte).
	dataBits int
}

// correct corrects every block in place with Reed–Solomon decoding and
// returns the data codewords in order, the number of codewords corrected,
// and log10 of the chance that random codewords would be accepted with as
// many corrections (see chanceLog10); false if a block cannot be
// corrected.
func (c *symbolCodewords) correct() (data []byte, corrected int, chance float64, ok bool) {
	n := 0
	for _, b := range c.blocks {
		n += b.data
	}
	data = make([]byte, 0, n)
	for _, b := range c.blocks {
		ec := len(b.codewords) - b.data
		k, err := rs.Decode(b.codewords, ec)
		if err != nil {
			return nil, 0, 0, false
		}
		corrected += k
		chance += chanceLog10(len(b.codewords), ec, k)
		data = append(data, b.codewords[:b.data]...)
	}
	return data, corrected, min(chance, 0), true
}

// exact reports whether every block is a codeword as read: its error
// correction codewords are those its data codewords give (§7.5.2), so the
// reading needs no correction at all.
func (c *symbolCodewords) exact() bool {
	var ecc [rs.MaxDegree]byte
	for _, b := range c.blocks {
		e := len(b.codewords) - b.data
		if e < 1 || e > len(ecc) {
			return false
		}
		rs.Remainder(ecc[:e], b.codewords[:b.data])
		if string(ecc[:e]) != string(b.codewords[b.data:]) {
			return false
		}
	}
	return true
}

// dataCodewords returns the data codewords of every block, in order,
// uncorrected.
func (c *symbolCodewords) dataCodewords() []byte {
	data := make([]byte, 0, c.dataBits/8+1)
	for _, b := range c.blocks {
		data = append(data, b.codewords[:b.data]...)
	}
	return data
}
