package encode

import "math/bits"

// microMaskPatterns[m] is the pattern of Table 10 that Micro QR's data mask
// m equals (ISO/IEC 18004:2015 §7.8.2, Table 10's Micro QR column): 00 is
// i mod 2 = 0, 01 is ((i div 2) + (j div 3)) mod 2 = 0, 10 is
// ((i·j) mod 2 + (i·j) mod 3) mod 2 = 0, 11 is ((i+j) mod 2 + (i·j) mod 3)
// mod 2 = 0, QR's patterns 1, 4, 6 and 7.
var microMaskPatterns = [4]int{1, 4, 6, 7}

// rmqrMaskPattern is the pattern of Table 10 that rMQR's one fixed data
// mask equals, ((i div 2) + (j div 3)) mod 2 = 0 (ISO/IEC 23941:2022 §7.8).
const rmqrMaskPattern = 4

// microScoreWeight is the weight of the smaller sum in the evaluation of
// §7.8.3.2.
const microScoreWeight = 16

// chooseMicroMask returns the Micro QR data mask with the highest score
// (§7.8.3.2), the lowest-numbered on ties: with SUM1 the dark modules of
// the right edge and SUM2 those of the bottom edge, each without its
// timing module, the score is 16·SUM1 + SUM2 if SUM1 ≤ SUM2, else
// 16·SUM2 + SUM1. Dark edges keep the symbol's outline visible to a
// reader. Micro QR symbols are at most 17 modules wide: one word a row.
func (e *Encoder) chooseMicroMask(l *layout) int {
	n := l.width
	masks := maskPatterns()
	right := uint(63 - (n - 1))                     // bit of the right edge column in a row's word
	bottom := ^(^uint64(0) >> uint(n)) &^ (1 << 63) // columns 1 to n−1
	best, bestScore := 0, -1
	for m, p := range microMaskPatterns {
		pattern := &masks.rows[p]
		sum1 := 0
		for y := 1; y < n; y++ {
			row := e.work[y][0] ^ pattern[y][0]&l.data[y][0]
			sum1 += int(row >> right & 1)
		}
		last := e.work[n-1][0] ^ pattern[n-1][0]&l.data[n-1][0]
		sum2 := bits.OnesCount64(last & bottom)
		score := microScoreWeight*sum1 + sum2
		if sum1 > sum2 {
			score = microScoreWeight*sum2 + sum1
		}
		if score > bestScore {
			best, bestScore = m, score
		}
	}
	return best
}
