package pngenc

import (
	"math/rand/v2"
	"testing"

	"github.com/qrworks/qrworks/internal/deflate"
)

func TestCommonPrefixAndRunLength(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 6))
	for n := 0; n < 40; n++ {
		for trial := 0; trial < 50; trial++ {
			a := make([]byte, n)
			for i := range a {
				a[i] = byte(rng.IntN(2)) * 0xff // long equal stretches
			}
			b := append([]byte(nil), a...)
			want := n
			if n > 0 && rng.IntN(2) == 0 {
				want = rng.IntN(n)
				b[want] ^= 1
			}
			if got := commonPrefix(a, b); got != want {
				t.Fatalf("commonPrefix(%x, %x) = %d, want %d", a, b, got, want)
			}
			if n == 0 {
				continue
			}
			run := 0
			for run < n && a[run] == a[0] {
				run++
			}
			if got := runLength(a, a[0]); got != run {
				t.Fatalf("runLength(%x, %#x) = %d, want %d", a, a[0], got, run)
			}
		}
	}
}

// TestFindCopiesAreTrue feeds the matcher lines as the encoder does — each
// line followed by scale-1 repeats in the uncompressed stream — and checks
// every match it returns against that stream: the bytes at the distance
// are the same, the distance is within the window, and each candidate is
// longer than the one before.
func TestFindCopiesAreTrue(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 7))
	for _, tc := range []struct{ stride, scale, lines int }{
		{58, 10, 60}, {11, 1, 4000}, {300, 3, 100}, {2049, 1, 40}, {9, 2, 3000},
	} {
		var m lineMatcher
		var c costModel
		c.estimateCopies(tc.stride)
		m.reset(tc.stride, tc.scale)
		var stream []byte
		found := 0
		for r := 0; r < tc.lines; r++ {
			cur := m.line()
			for i := range cur {
				cur[i] = byte(rng.IntN(3)) // a small alphabet, for many matches
			}
			base := len(stream) // position of cur in the stream
			for k := 0; k < tc.scale; k++ {
				stream = append(stream, cur...)
			}
			var cands [maxChain]candidate
			for i := 0; i+hashRead <= len(cur); i++ {
				h := matchHash(cur[i:])
				nc := m.find(cur, i, h, &cands, &c)
				prevLen := int32(0)
				for _, cd := range cands[:nc] {
					pos, n, d := base+i, int(cd.n), int(cd.d)
					if cd.n <= prevLen || d < 1 || d > deflate.MaxDistance || d > pos || i+n > len(cur) {
						t.Fatalf("stride %d line %d offset %d: bad candidate %+v", tc.stride, r, i, cd)
					}
					for k := 0; k < n; k++ {
						if stream[pos+k] != stream[pos+k-d] {
							t.Fatalf("stride %d line %d offset %d: copy of %d at distance %d differs at byte %d", tc.stride, r, i, n, d, k)
						}
					}
					if cd.cost != c.distance(d) {
						t.Fatalf("candidate %+v: cost %d, want %d", cd, cd.cost, c.distance(d))
					}
					prevLen = cd.n
					found++
				}
				m.insert(i, h)
			}
			m.next()
		}
		if found == 0 {
			t.Errorf("stride %d: the matcher found nothing", tc.stride)
		}
	}
}
