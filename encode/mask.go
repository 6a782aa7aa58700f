package encode

import (
	"math/bits"
	"sync"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// maskTables holds the eight mask patterns over the largest symbol, as
// rows. They do not depend on the version: each condition of Table 10 is a
// function of the row and column only. A symbol's mask is pattern AND its
// plan's data region.
type maskTables struct {
	rows [8]matrix
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
					if qrspec.MaskDark(m, y, x) {
						t.rows[m].set(x, y)
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

// line is one row of up to 192 modules, packed like matrix rows.
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

// maskedRows holds one masked candidate symbol for the penalty rules:
// row y of an n-module symbol at index padAbove+y, between rows of light
// modules, so that the rules may read a few rows past either edge (modules
// outside the symbol count as light: they are the quiet zone).
type maskedRows [padAbove + qrspec.MaxSide + padBelow]line

// Rule 3 looks four rows beyond a 1:1:3:1:1 pattern of seven rows, so up to
// four rows above the first and below the last.
const (
	padAbove = 4
	padBelow = 4
)

// fill sets r to the n×n matrix m with the mask pattern flipped where data
// is set (§7.8.2), and the rows below it light.
func (r *maskedRows) fill(m, pattern, data *matrix, n int) {
	rows := r[padAbove:]
	if n <= 64 {
		// Only word 0 is read at these sizes.
		for y := 0; y < n; y++ {
			rows[y][0] = m[y][0] ^ pattern[y][0]&data[y][0]
		}
	} else {
		for y := 0; y < n; y++ {
			for w := 0; w < wordsPerRow; w++ {
				rows[y][w] = m[y][w] ^ pattern[y][w]&data[y][w]
			}
		}
	}
	for y := n; y < n+padBelow; y++ {
		rows[y] = line{}
	}
}

// penalty returns the penalty score of §7.8.3 (Table 11) of the n×n
// symbol in r: rules 1 and 3 along rows and along columns, rules 2 and 4.
func (r *maskedRows) penalty(n int) int {
	if n <= 64 {
		return r.penalty1(n)
	}
	total := r.rowsAndBlocks3(n)
	valid := prefix(n) // the columns of the symbol
	for w := 0; w < (n+63)/64; w++ {
		total += r.columns(w, valid[w], n)
	}
	return total
}

// penalty1 is penalty for rows of one word (n ≤ 64), all four rules in one
// pass down the rows. The rules down the columns read the rows above and
// below from r rather than carrying them in variables from row to row: with
// ten such variables the loop's state spilled from registers, and reading
// them back from r scores the eight candidates of W1 in 9% less time
// (thread CPU, in-process alternation, lower deciles of 31 batches: 2.12 →
// 1.92 µs).
func (r *maskedRows) penalty1(n int) int {
	win5 := ^(^uint64(0) >> uint(n-4)) // windows of five must fit in the row
	w2 := ^(^uint64(0) >> uint(n-1))   // a block's left column is at most n−2
	valid := ^(^uint64(0) >> uint(n))  // the columns of the symbol
	top, last := padAbove, padAbove+n-1
	total, dark := 0, 0
	for y := top; y <= last; y++ {
		a, b := r[y][0], r[y+1][0] // b: light below the symbol
		// Along the row: rules 1 and 3.
		next := a << 1
		eq := ^(a ^ next)
		h2 := eq & (eq << 1)
		win := h2 & (h2 << 2) & win5
		total += bits.OnesCount64(win) + 2*bits.OnesCount64(win&^(eq>>1))
		p := a &^ next
		if core := p & ((a & next) << 2) & (p << 4) & (a << 6); core != 0 {
			u := a | next
			ahead := u | u<<2 // a dark module in x..x+3
			d := a | a>>1
			behind := d | d>>2 // a dark module in x−3..x
			total += penaltyN3 * bits.OnesCount64(core&(^(behind>>1)|^(ahead<<7)))
		}
		dark += bits.OnesCount64(a)
		// Rule 2 and rule 1 down the columns, whose windows end at the row
		// below: none at the last row.
		same := ^(a ^ b) & valid // equal to the module below
		if y < last {
			total += penaltyN2 * bits.OnesCount64(same&(same<<1)&eq&w2)
		}
		if y >= top+3 && y < last {
			// The window of rows y−3..y+1; it starts a run unless row y−4
			// equals row y−3 (a window at the top row always does).
			vwin := same &^ ((r[y-3][0] ^ r[y-2][0]) | (r[y-2][0] ^ r[y-1][0]) | (r[y-1][0] ^ a))
			starts := vwin
			if y >= top+4 {
				starts &= r[y-4][0] ^ r[y-3][0]
			}
			total += bits.OnesCount64(vwin) + 2*bits.OnesCount64(starts)
		}
		if y >= top+6 {
			// Rule 3 down the columns: a core in rows y−6..y, with four
			// light rows above or below it (r's padding is light).
			if core := r[y-6][0] &^ r[y-5][0] & r[y-4][0] & r[y-3][0] & r[y-2][0] &^ r[y-1][0] & a; core != 0 {
				above := r[y-7][0] | r[y-8][0] | r[y-9][0] | r[y-10][0]
				below := b | r[y+2][0] | r[y+3][0] | r[y+4][0]
				total += penaltyN3 * bits.OnesCount64(core&(^above|^below))
			}
		}
	}
	return total + penalty24(0, dark, n)
}

// Rules 1 and 3 along a row, on words.
//
// Rule 1: eq marks modules equal to their right neighbour; a module starts
// a window of five equal modules when eq holds at it and the next three. A
// run of length L ≥ 5 has L−4 windows and costs N1+(L−5) = (L−4)+2 with
// N1 = 3, so the penalty is the number of windows plus two per window that
// starts a run (whose left neighbour differs or is off the edge). The code
// below has N1 folded into that "+2".
//
// Rule 3: a dark-light-dark-dark-dark-light-dark core is "10" at x and
// x+4, "11" at x+2 and dark at x+6; it counts when the four modules before
// it or the four after it are light, modules outside the symbol counting as
// light (they are the quiet zone). Each core counts once even when both
// sides are light, as in ZXing, whose choices this encoder reproduces.

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

// rowsAndBlocks3 returns rules 1 and 3 along the rows, and rules 2 and 4,
// for rows of up to three words (n > 64), written out word by word so that
// the compiler keeps everything in registers.
func (r *maskedRows) rowsAndBlocks3(n int) int {
	w5 := prefix(n - 4) // windows of five must fit in the row
	w50, w51, w52 := w5[0], w5[1], w5[2]
	w2 := prefix(n - 1) // a block's left column is at most n−2
	w20, w21, w22 := w2[0], w2[1], w2[2]
	total, blocks, dark := 0, 0, 0
	for y := padAbove; y < padAbove+n; y++ {
		r0, r1, r2 := r[y][0], r[y][1], r[y][2]
		n0, n1, n2 := shl3(r0, r1, r2, 1)
		eq0, eq1, eq2 := ^(r0 ^ n0), ^(r1 ^ n1), ^(r2 ^ n2)
		dark += ones3(r0, r1, r2)
		if y+1 < padAbove+n {
			// Rule 2, with the row below.
			b0, b1, b2 := r[y+1][0], r[y+1][1], r[y+1][2]
			same0, same1, same2 := ^(r0 ^ b0), ^(r1 ^ b1), ^(r2 ^ b2)
			s0, s1, s2 := shl3(same0, same1, same2, 1)
			blocks += ones3(same0&s0&eq0&w20, same1&s1&eq1&w21, same2&s2&eq2&w22)
		}
		// Rule 1.
		s0, s1, s2 := shl3(eq0, eq1, eq2, 1)
		e0, e1, e2 := eq0&s0, eq1&s1, eq2&s2
		s0, s1, s2 = shl3(e0, e1, e2, 2)
		win0, win1, win2 := e0&s0&w50, e1&s1&w51, e2&s2&w52
		b0, b1, b2 := shr3(eq0, eq1, eq2, 1)
		total += ones3(win0, win1, win2) + 2*ones3(win0&^b0, win1&^b1, win2&^b2)
		// Rule 3.
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
		// right shifts so that modules before the row read light.
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
	return total + penalty24(blocks, dark, n)
}

// columns returns rules 1 and 3 along the 64 columns of word w (valid
// marks those inside the symbol): the same conditions as along a row,
// between each row and the rows below it, for all the columns at once.
func (r *maskedRows) columns(w int, valid uint64, n int) int {
	total := 0
	// e1..e4 mark the columns where row y−k equals the row below it, a1..a6
	// hold rows y−1..y−6 (light above the symbol).
	var e1, e2, e3, e4, a1, a2, a3, a4, a5, a6 uint64
	for y := padAbove; y < padAbove+n; y++ {
		a, b := r[y][w], r[y+1][w] // light below the symbol
		same := ^(a ^ b) & valid
		if y == padAbove+n-1 {
			same = 0 // the row below is outside
		}
		// Rule 1: the window of rows y−3..y+1.
		win := e3 & e2 & e1 & same
		total += bits.OnesCount64(win) + 2*bits.OnesCount64(win&^e4)
		e4, e3, e2, e1 = e3, e2, e1, same
		// Rule 3: a core of rows y−6..y, with four light rows above or
		// below it.
		if core := a6 &^ a5 & a4 & a3 & a2 &^ a1 & a; core != 0 {
			above := r[y-7][w] | r[y-8][w] | r[y-9][w] | r[y-10][w]
			below := b | r[y+2][w] | r[y+3][w] | r[y+4][w]
			total += penaltyN3 * bits.OnesCount64(core&(^above|^below))
		}
		a6, a5, a4, a3, a2, a1 = a5, a4, a3, a2, a1, a
	}
	return total
}

// penalty24 combines the counts of rules 2 and 4: 3 per 2×2 block of one
// colour (counting overlapping blocks, which equals the standard's
// 3·(m−1)·(n−1) per m×n block) and 10 per full 5% step of the dark share
// away from 50%, computed as ZXing does: ⌊|2·dark−total|·10/total⌋.
func penalty24(blocks, dark, n int) int {
	cells := n * n
	d := 2*dark - cells
	if d < 0 {
		d = -d
	}
	return penaltyN2*blocks + penaltyN4*(d*10/cells)
}
