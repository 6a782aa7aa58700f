package decode

import (
	"math"

	"github.com/makiuchi-d/gozxing"
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

// copyBits returns a copy of m, XORed word by word into an empty matrix.
func copyBits(m *gozxing.BitMatrix) *gozxing.BitMatrix {
	c, _ := gozxing.NewBitMatrix(m.GetWidth(), m.GetHeight())
	c.Xor(m)
	return c
}

// chanceLog10 returns log10 of the chance that a random block of n
// codewords, ec of them for error correction, decodes with k corrections:
// C(n,k)·255^k / 256^ec.
func chanceLog10(n, ec, k int) float64 {
	lgC, _ := math.Lgamma(float64(n + 1))
	lgK, _ := math.Lgamma(float64(k + 1))
	lgNK, _ := math.Lgamma(float64(n - k + 1))
	return (lgC-lgK-lgNK)/math.Ln10 + float64(k)*math.Log10(255) - float64(ec)*math.Log10(256)
}
