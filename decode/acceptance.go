package decode

import (
	"math"
)

// Acceptance of Micro QR and rMQR readings. Their search samples a symbol
// for every finder-like candidate that shows a timing pattern and a valid
// format word nearby, so, as for QR's fallback passes (margin.go), a
// reading is kept only when the chance that random modules would pass the
// same checks is negligible. The chance multiplies three independent
// pieces of evidence:
//
//   - error correction: C(n,k)·255^k / 256^e per block, for k corrections
//     of a block of n codewords, e of them for error correction
//     (chanceLog10);
//   - format information: the share of all words that lie within the
//     distance read of a valid format word (formatChanceLog10), for each
//     copy read;
//   - the filling after the data: 2^−b for the b bits that follow the
//     standard's terminator and padding (payload.fillBits).
//
// Micro QR's M1 has 2 error correction codewords and detects errors but
// corrects none (ISO/IEC 18004:2015 Table 9): a reading of M1 that needs
// any correction is refused, whatever the chance. M2 has 5 or 6, M3 6 or 8:
// a reading that needs their full correction comes out above the bound
// unless its format word and filling vouch for it.

// smallMaxChanceLog10 bounds log10 of the chance of a random acceptance. A
// matrix has at most maxFinderCandidates candidates, each read in at most
// two handednesses per family, and the pass ladder searches a few tens of
// matrices of an image without a code: some thousands of readings, so a
// chance of 10^−7.5 each keeps false results below one image in ten
// thousand before the orientation and anchor checks, which random
// patterns rarely pass, are counted. An exact M1 reading of five digits
// with a perfect format word scores 10^−7.8.
const smallMaxChanceLog10 = -7.5

// formatChanceLog10 returns log10 of the share of the 2^bits possible
// words that lie within distance of one of the words valid words.
func formatChanceLog10(bits, words, distance int) float64 {
	within := 0.0
	c := 1.0 // C(bits, i)
	for i := 0; i <= distance; i++ {
		within += c
		c = c * float64(bits-i) / float64(i+1)
	}
	return math.Log10(float64(words)*within) - float64(bits)*math.Log10(2)
}

// fillChanceLog10 is log10 of 2^−bits.
func fillChanceLog10(bits int) float64 { return -float64(bits) * math.Log10(2) }

// The number of valid format words: Micro QR's 8 symbol numbers times 4
// masks (ISO/IEC 18004:2015 §7.9.2), rMQR's 2 levels times 32 versions
// (ISO/IEC 23941:2022 §7.9).
const (
	microFormatWords = 32
	rmqrFormatWords  = 64
)

// exactOnly reports whether a reading of c must need no correction: Micro
// QR's M1, whose two check codewords only detect errors.
func exactOnly(c *symbolCodewords) bool { return c.family == microFamily.family && c.version == 1 }

// traceStage is a stage of the Micro QR and rMQR search.
type traceStage int

const (
	stageCandidate traceStage = iota // finder candidates outside symbols already read
	stageOriented                    // orientations whose timing and quiet zone matched
	stageFormat                      // of those, format words within maxFormatDistance
	stageLocated                     // of those, symbols whose anchors were found
	stageDecoded                     // of those, readings that corrected and parsed
	traceStages
)

// smallTrace counts the stages the Micro QR and rMQR search reaches, for
// the tests that measure how often garbage comes near the acceptance
// bound. A nil trace counts nothing.
type smallTrace struct {
	counts [traceStages]int
	// best is the lowest log10 chance among the readings decoded.
	best float64
}

func (t *smallTrace) add(s traceStage) {
	if t != nil {
		t.counts[s]++
	}
}

func (t *smallTrace) decodedAt(chance float64) {
	if t != nil {
		t.counts[stageDecoded]++
		t.best = min(t.best, chance)
	}
}
