package encode

import (
	"math/rand"
	"testing"
)

// naivePenalty evaluates the four rules of §7.8.3 (Table 11) module by
// module, the way the standard states them (rule 3 as ZXing reads it: a
// 1011101 core with four light modules before or after, outside counting
// as light).
func naivePenalty(m *matrix, n int) (rules [4]int) {
	at := func(x, y int, transposed bool) bool {
		if transposed {
			x, y = y, x
		}
		if x < 0 || y < 0 || x >= n || y >= n {
			return false
		}
		return m.get(x, y)
	}
	for _, tr := range []bool{false, true} {
		for y := 0; y < n; y++ {
			run := 1
			for x := 1; x <= n; x++ {
				if x < n && at(x, y, tr) == at(x-1, y, tr) {
					run++
					continue
				}
				if run >= 5 {
					rules[0] += penaltyN1 + run - 5
				}
				run = 1
			}
			for x := 0; x+6 < n; x++ {
				core := true
				for i, c := range "1011101" {
					core = core && at(x+i, y, tr) == (c == '1')
				}
				if !core {
					continue
				}
				before, after := true, true
				for i := 1; i <= 4; i++ {
					before = before && !at(x-i, y, tr)
					after = after && !at(x+6+i, y, tr)
				}
				if before || after {
					rules[2] += penaltyN3
				}
			}
		}
	}
	dark := 0
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if at(x, y, false) {
				dark++
			}
			if x+1 < n && y+1 < n {
				c := at(x, y, false)
				if at(x+1, y, false) == c && at(x, y+1, false) == c && at(x+1, y+1, false) == c {
					rules[1] += penaltyN2
				}
			}
		}
	}
	d := 2*dark - n*n
	if d < 0 {
		d = -d
	}
	rules[3] = penaltyN4 * (d * 10 / (n * n))
	return rules
}

// TestPenaltyWords compares the word-parallel penalty with naivePenalty on
// random matrices of every size, and on ones rich in finder-like patterns.
func TestPenaltyWords(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for v := MinVersion; v <= MaxVersion; v++ {
		n := v.Size()
		for trial := 0; trial < 6; trial++ {
			var m, mt matrix
			for y := 0; y < n; y++ {
				for x := 0; x < n; x++ {
					var dark bool
					switch trial % 3 {
					case 0:
						dark = rng.Intn(2) == 0
					case 1: // long runs
						dark = (x/(1+y%9)+y/7)%2 == 0 != (rng.Intn(20) == 0)
					case 2: // 1011101 cores with light margins
						dark = "000010111010000"[(x+y*3)%15] == '1' != (rng.Intn(30) == 0)
					}
					if dark {
						m.set(x, y)
					}
				}
			}
			transpose(&mt, &m, n)
			want := naivePenalty(&m, n)
			var none matrix // no mask
			if got := linePenalty(&m, &none, &none, n) + linePenalty(&mt, &none, &none, n); got != want[0]+want[2] {
				t.Fatalf("size %d trial %d: rules 1+3 = %d, want %d+%d", n, trial, got, want[0], want[2])
			}
			if got := blockPenalty(&m, &none, &none, n); got != want[1]+want[3] {
				t.Fatalf("size %d trial %d: rules 2+4 = %d, want %d+%d", n, trial, got, want[1], want[3])
			}
		}
	}
}

// TestPenaltyMasked checks that penalties computed with the mask applied on
// the fly equal those of the masked matrix.
func TestPenaltyMasked(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	masks := maskPatterns()
	var none matrix
	for _, v := range []Version{1, 11, 12, 27, 40} {
		p := planFor(v)
		n := p.size
		var m, masked, mt, maskedT matrix
		for y := 0; y < n; y++ {
			for x := 0; x < n; x++ {
				if rng.Intn(2) == 0 {
					m.set(x, y)
				}
			}
		}
		transpose(&mt, &m, n)
		for k := 0; k < 8; k++ {
			applyMask(&masked, &m, &masks.rows[k], &p.data, n)
			transpose(&maskedT, &masked, n)
			if a, b := linePenalty(&m, &masks.rows[k], &p.data, n), linePenalty(&masked, &none, &none, n); a != b {
				t.Fatalf("version %d mask %d: rows %d, masked rows %d", v, k, a, b)
			}
			if a, b := linePenalty(&mt, &masks.cols[k], &p.dataT, n), linePenalty(&maskedT, &none, &none, n); a != b {
				t.Fatalf("version %d mask %d: columns %d, masked columns %d", v, k, a, b)
			}
			if a, b := blockPenalty(&m, &masks.rows[k], &p.data, n), blockPenalty(&masked, &none, &none, n); a != b {
				t.Fatalf("version %d mask %d: blocks %d, masked blocks %d", v, k, a, b)
			}
		}
	}
}
