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
// The sizes go down, so that each fill follows a larger symbol's.
func TestPenaltyWords(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	var r maskedRows // reused: rows of larger symbols stay behind
	for v := MaxVersion; v >= MinVersion; v-- {
		n := v.Size()
		for trial := 0; trial < 8; trial++ {
			var m matrix
			for y := 0; y < n; y++ {
				for x := 0; x < n; x++ {
					var dark bool
					switch trial % 4 {
					case 0:
						dark = rng.Intn(2) == 0
					case 1: // long runs
						dark = (x/(1+y%9)+y/7)%2 == 0 != (rng.Intn(20) == 0)
					case 2: // 1011101 cores with light margins along rows
						dark = "000010111010000"[(x+y*3)%15] == '1' != (rng.Intn(30) == 0)
					case 3: // and along columns
						dark = "000010111010000"[(y+x*3)%15] == '1' != (rng.Intn(30) == 0)
					}
					if dark {
						m.set(x, y)
					}
				}
			}
			want := naivePenalty(&m, n)
			var none matrix // no mask
			r.fill(&m, &none, &none, n)
			if got, sum := r.penalty(n), want[0]+want[1]+want[2]+want[3]; got != sum {
				t.Fatalf("size %d trial %d: penalty %d, want %d (rules %v)", n, trial, got, sum, want)
			}
		}
	}
}

// TestPenaltyMasked checks that the penalty of a symbol masked by fill
// equals naivePenalty of the same symbol masked by applyMask, for every
// pattern.
func TestPenaltyMasked(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	masks := maskPatterns()
	var r maskedRows
	for _, v := range []Version{40, 27, 12, 11, 1} {
		p := planFor(v)
		n := p.size
		var m, masked matrix
		for y := 0; y < n; y++ {
			for x := 0; x < n; x++ {
				if rng.Intn(2) == 0 {
					m.set(x, y)
				}
			}
		}
		for k := 0; k < 8; k++ {
			applyMask(masked[:n], &m, &masks.rows[k], &p.data)
			want := naivePenalty(&masked, n)
			r.fill(&m, &masks.rows[k], &p.data, n)
			if got, sum := r.penalty(n), want[0]+want[1]+want[2]+want[3]; got != sum {
				t.Fatalf("version %d mask %d: penalty %d, want %d", v, k, got, sum)
			}
		}
	}
}
