package encode

import (
	"math/bits"
	"sync"
)

// maskBit reports whether data mask pattern m inverts the module in row i,
// column j (ISO/IEC 18004:2015 §7.8.2, Table 10).
func maskBit(m, i, j int) bool {
	switch m {
	case 0:
		return (i+j)%2 == 0
	case 1:
		return i%2 == 0
	case 2:
		return j%3 == 0
	case 3:
		return (i+j)%3 == 0
	case 4:
		return (i/2+j/3)%2 == 0
	case 5:
		return i*j%2+i*j%3 == 0
	case 6:
		return (i*j%2+i*j%3)%2 == 0
	case 7:
		return ((i+j)%2+i*j%3)%2 == 0
	}
	return false
}

// maskTables holds the eight mask patterns over the largest symbol, as rows
// and as columns (pattern[m] transposed). They do not depend on the version:
// each condition of Table 10 is a function of the row and column only. A
// symbol's mask is pattern AND its plan's data region.
type maskTables struct {
	rows [8]matrix
	cols [8]matrix
}

var (
	masksOnce sync.Once
	masks     *maskTables
)

func maskPatterns() *maskTables {
	masksOnce.Do(func() {
		t := new(maskTables)
		n := MaxVersion.Size()
		for m := 0; m < 8; m++ {
			for y := 0; y < n; y++ {
				for x := 0; x < n; x++ {
					if maskBit(m, y, x) {
						t.rows[m].set(x, y)
						t.cols[m].set(y, x)
					}
				}
			}
		}
		masks = t
	})
	return masks
}

// Penalty weights of §7.8.3, Table 11.
const (
	penaltyN1 = 3  // a run of 5 same-colour modules, plus 1 per extra module
	penaltyN2 = 3  // each 2×2 block of one colour
	penaltyN3 = 40 // each finder-like 1:1:3:1:1 pattern with 4 light modules beside it
	penaltyN4 = 10 // each 5% step of the dark share away from 50%
)

// line is one row (or column) of up to 192 modules, packed like matrix rows.
type line = [wordsPerRow]uint64

// prefix returns a line whose first k modules are set (0 ≤ k ≤ 192).
func prefix(k int) line {
	var l line
	for w := 0; w < wordsPerRow; w++ {
		switch b := k - 64*w; {
		case b >= 64:
			l[w] = ^uint64(0)
		case b > 0:
			l[w] = ^(^uint64(0) >> uint(b))
		}
	}
	return l
}

// linePenalty returns the penalties of rules 1 and 3 of §7.8.3 (Table 11)
// for the n modules of each of the first n lines of m with the mask pattern
// flipped where data is set: rows or, for transposed matrices, columns.
// The masked lines are computed on the fly, never stored.
//
// Rule 1 on words: eq marks modules equal to their right neighbour; a
// module starts a window of five equal modules when eq holds at it and the
// next three. A run of length L ≥ 5 has L−4 windows and costs N1+(L−5) =
// (L−4)+2 with N1 = 3, so the penalty is the number of windows plus two per
// window that starts a run (whose left neighbour differs or is off the
// edge). The code below has N1 folded into that "+2".
//
// Rule 3 on words: a dark-light-dark-dark-dark-light-dark core is "10" at x
// and x+4, "11" at x+2 and dark at x+6; it counts when the four modules
// before it or the four after it are light, modules outside the symbol
// counting as light (they are the quiet zone). Each core counts once even
// when both sides are light, as in ZXing, whose choices this encoder
// reproduces.
func linePenalty(m, pattern, data *matrix, n int) int {
	if n <= 64 {
		return linePenalty1(m, pattern, data, n)
	}
	return linePenalty3(m, pattern, data, n)
}

// shl3 returns the 192-bit line (a, b, c) shifted left by k, 0 < k < 64:
// bit x of the result is module x+k, modules past the end reading light.
func shl3(a, b, c uint64, k uint) (uint64, uint64, uint64) {
	return a<<k | b>>(64-k), b<<k | c>>(64-k), c << k
}

// shr3 returns (a, b, c) shifted right by k, 0 < k < 64: bit x of the
// result is module x−k, modules before the start reading light.
func shr3(a, b, c uint64, k uint) (uint64, uint64, uint64) {
	return a >> k, b>>k | a<<(64-k), c>>k | b<<(64-k)
}

func ones3(a, b, c uint64) int {
	return bits.OnesCount64(a) + bits.OnesCount64(b) + bits.OnesCount64(c)
}

// linePenalty3 is linePenalty for lines of up to three words, written out
// word by word so that the compiler keeps everything in registers.
func linePenalty3(m, pattern, data *matrix, n int) int {
	w5 := prefix(n - 4) // windows of five must fit in the line
	w50, w51, w52 := w5[0], w5[1], w5[2]
	total := 0
	for y := 0; y < n; y++ {
		r0 := m[y][0] ^ pattern[y][0]&data[y][0]
		r1 := m[y][1] ^ pattern[y][1]&data[y][1]
		r2 := m[y][2] ^ pattern[y][2]&data[y][2]
		n0, n1, n2 := shl3(r0, r1, r2, 1)
		eq0, eq1, eq2 := ^(r0 ^ n0), ^(r1 ^ n1), ^(r2 ^ n2)
		s0, s1, s2 := shl3(eq0, eq1, eq2, 1)
		e0, e1, e2 := eq0&s0, eq1&s1, eq2&s2
		s0, s1, s2 = shl3(e0, e1, e2, 2)
		win0, win1, win2 := e0&s0&w50, e1&s1&w51, e2&s2&w52
		b0, b1, b2 := shr3(eq0, eq1, eq2, 1)
		total += ones3(win0, win1, win2) + 2*ones3(win0&^b0, win1&^b1, win2&^b2)

		p0, p1, p2 := r0&^n0, r1&^n1, r2&^n2
		q0, q1, q2 := shl3(r0&n0, r1&n1, r2&n2, 2)
		c0, c1, c2 := p0&q0, p1&q1, p2&q2
		s0, s1, s2 = shl3(p0, p1, p2, 4)
		c0, c1, c2 = c0&s0, c1&s1, c2&s2
		s0, s1, s2 = shl3(r0, r1, r2, 6)
		c0, c1, c2 = c0&s0, c1&s1, c2&s2
		if c0|c1|c2 == 0 {
			continue
		}
		// ahead: a dark module in x..x+3; behind: in x−3..x, computed with
		// right shifts so that modules before the line read light.
		u0, u1, u2 := r0|n0, r1|n1, r2|n2
		s0, s1, s2 = shl3(u0, u1, u2, 2)
		u0, u1, u2 = u0|s0, u1|s1, u2|s2
		a0, a1, a2 := shl3(u0, u1, u2, 7)
		d0, d1, d2 := shr3(r0, r1, r2, 1)
		d0, d1, d2 = r0|d0, r1|d1, r2|d2
		s0, s1, s2 = shr3(d0, d1, d2, 2)
		d0, d1, d2 = d0|s0, d1|s1, d2|s2
		d0, d1, d2 = shr3(d0, d1, d2, 1)
		total += penaltyN3 * ones3(c0&(^d0|^a0), c1&(^d1|^a1), c2&(^d2|^a2))
	}
	return total
}

// linePenalty1 is linePenalty for lines of one word (n ≤ 64).
func linePenalty1(m, pattern, data *matrix, n int) int {
	win5 := ^(^uint64(0) >> uint(n-4))
	total := 0
	for y := 0; y < n; y++ {
		r := m[y][0] ^ pattern[y][0]&data[y][0]
		next := r << 1
		eq := ^(r ^ next)
		e2 := eq & (eq << 1)
		win := e2 & (e2 << 2) & win5
		start := win &^ (eq >> 1)
		total += bits.OnesCount64(win) + 2*bits.OnesCount64(start)
		p := r &^ next
		core := p & ((r & next) << 2) & (p << 4) & (r << 6)
		if core == 0 {
			continue
		}
		u := r | next
		ahead := u | u<<2 // a dark module in x..x+3
		d := r | r>>1
		behind := d | d>>2 // a dark module in x−3..x
		core &= ^(behind >> 1) | ^(ahead << 7)
		total += penaltyN3 * bits.OnesCount64(core)
	}
	return total
}

// blockPenalty returns the penalties of rules 2 and 4 of §7.8.3 for m
// masked as in linePenalty: 3 per 2×2 block of one colour (counting
// overlapping blocks, which equals the standard's 3·(m−1)·(n−1) per m×n
// block) and 10 per full 5% step of the dark share away from 50%, computed
// as ZXing does: ⌊|2·dark−total|·10/total⌋.
func blockPenalty(m, pattern, data *matrix, n int) int {
	if n <= 64 {
		return blockPenalty1(m, pattern, data, n)
	}
	w2 := prefix(n - 1) // a block's left column is at most n−2
	w20, w21, w22 := w2[0], w2[1], w2[2]
	blocks, dark := 0, 0
	row := func(y int) (uint64, uint64, uint64) {
		return m[y][0] ^ pattern[y][0]&data[y][0], m[y][1] ^ pattern[y][1]&data[y][1], m[y][2] ^ pattern[y][2]&data[y][2]
	}
	r0, r1, r2 := row(0)
	for y := 0; y < n; y++ {
		dark += ones3(r0, r1, r2)
		if y == n-1 {
			break
		}
		b0, b1, b2 := row(y + 1)
		// same: equal to the module below.
		same0, same1, same2 := ^(r0 ^ b0), ^(r1 ^ b1), ^(r2 ^ b2)
		n0, n1, n2 := shl3(r0, r1, r2, 1)
		s0, s1, s2 := shl3(same0, same1, same2, 1)
		blocks += ones3(same0&s0&^(r0^n0)&w20, same1&s1&^(r1^n1)&w21, same2&s2&^(r2^n2)&w22)
		r0, r1, r2 = b0, b1, b2
	}
	return penalty24(blocks, dark, n)
}

// blockPenalty1 is blockPenalty for rows of one word (n ≤ 64).
func blockPenalty1(m, pattern, data *matrix, n int) int {
	w2 := ^(^uint64(0) >> uint(n-1))
	blocks, dark := 0, 0
	r := m[0][0] ^ pattern[0][0]&data[0][0]
	for y := 0; y < n-1; y++ {
		b := m[y+1][0] ^ pattern[y+1][0]&data[y+1][0]
		dark += bits.OnesCount64(r)
		same := ^(r ^ b)
		blocks += bits.OnesCount64(same & (same << 1) &^ (r ^ r<<1) & w2)
		r = b
	}
	dark += bits.OnesCount64(r)
	return penalty24(blocks, dark, n)
}

// penalty24 combines the counts of rules 2 and 4 (see blockPenalty).
func penalty24(blocks, dark, n int) int {
	cells := n * n
	d := 2*dark - cells
	if d < 0 {
		d = -d
	}
	return penaltyN2*blocks + penaltyN4*(d*10/cells)
}
