package decode

import (
	"bytes"
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"

	"github.com/qrworks/qrworks/internal/rs"
)

// Error-correction margin. A search that samples the same finder triple
// through hundreds of candidate geometries gives Reed–Solomon hundreds of
// chances to "correct" garbage into a valid-looking codeword sequence. The
// chance that a random word of n codewords, e of them for error correction,
// lies within k errors of some codeword is about C(n,k)·255^k / 256^e (a
// block of e EC codewords corrects e/2 errors, ISO/IEC 18004:2015 clause
// 7.5.2). It is tiny for large blocks even at full use, and not small for
// version 1-L's 7 EC codewords at 3 errors (6·10⁻⁷ per trial). Results of
// such searches are kept only if the product of these chances over the
// blocks is below maxChance, far below one over the number of trials.

// Bounds on log10 of the chance of a random acceptance: for the perspective
// search (thousands of candidate geometries per image) and for the fallback
// passes after the first three (some hundred symbols sampled from finder
// triples, most of them spurious in a cluttered photo). The first passes,
// which are gozxing's own, keep its behaviour.
const (
	maxChanceLog10         = -12
	fallbackMaxChanceLog10 = -8
)

// copyBits returns a copy of m.
func copyBits(m *gozxing.BitMatrix) *gozxing.BitMatrix {
	c, _ := gozxing.NewBitMatrix(m.GetWidth(), m.GetHeight())
	for y := 0; y < m.GetHeight(); y++ {
		for x := 0; x < m.GetWidth(); x++ {
			if m.Get(x, y) {
				c.Set(x, y)
			}
		}
	}
	return c
}

// chanceLog10 reads the codewords of the sampled symbol bits (as they were
// before decoding; mirrored as the decoder found it), corrects each block
// and returns log10 of the chance that random codewords would have been
// accepted with as many corrections; 0 if the blocks do not decode. Like
// gozxing's parser, it unmasks bits in place.
func chanceLog10(bits *gozxing.BitMatrix, mirrored bool) float64 {
	c, ok := readCodewords(bits, mirrored)
	if !ok {
		return 0
	}
	total := 0.0
	for _, b := range c.blocks {
		cw := b.GetCodewords()
		ec := len(cw) - b.GetNumDataCodewords()
		ints := make([]int, len(cw))
		for i, c := range cw {
			ints[i] = int(c)
		}
		if !correctBlock(ints, ec) {
			return 0
		}
		k := 0
		for i, c := range cw {
			if ints[i] != int(c) {
				k++
			}
		}
		lgC, _ := math.Lgamma(float64(len(cw) + 1))
		lgK, _ := math.Lgamma(float64(k + 1))
		lgNK, _ := math.Lgamma(float64(len(cw) - k + 1))
		total += (lgC-lgK-lgNK)/math.Ln10 + float64(k)*math.Log10(255) - float64(ec)*math.Log10(256)
	}
	return min(total, 0)
}

// exactBlocks reports whether every block is a codeword as sampled: its
// error correction codewords are those its data codewords give (ISO/IEC
// 18004:2015 clause 7.5.2), so the reading needs no correction at all.
func exactBlocks(blocks []*decoder.DataBlock) bool {
	var ecc [rs.MaxDegree]byte
	for _, b := range blocks {
		cw := b.GetCodewords()
		n := b.GetNumDataCodewords()
		e := len(cw) - n
		if e < 1 || e > len(ecc) {
			return false
		}
		rs.Remainder(ecc[:e], cw[:n])
		if !bytes.Equal(ecc[:e], cw[n:]) {
			return false
		}
	}
	return true
}
