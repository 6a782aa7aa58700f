package bench

import "testing"

// TestFormatCode checks the worked example of ISO/IEC 18004:2015 §7.9.1:
// level M (00), mask 101 gives 100000011001110 after the XOR mask.
func TestFormatCode(t *testing.T) {
	if got, want := formatCode(M, 5), 0b100000011001110; got != want {
		t.Fatalf("formatCode(M, 5) = %015b, want %015b", got, want)
	}
	seen := map[int]bool{}
	for l := L; l <= H; l++ {
		for k := 0; k < 8; k++ {
			c := formatCode(l, k)
			if seen[c] {
				t.Fatalf("formatCode(%v, %d) = %015b repeats", l, k, c)
			}
			seen[c] = true
		}
	}
}

// TestFormatInfoRoundTrip writes every format code where §7.9.1 puts the
// first copy and reads it back.
func TestFormatInfoRoundTrip(t *testing.T) {
	for l := L; l <= H; l++ {
		for k := 0; k < 8; k++ {
			m := NewMatrix(21)
			code := formatCode(l, k)
			bit := 14
			put := func(x, y int) {
				m.Set(x, y, code&(1<<bit) != 0)
				bit--
			}
			for x := 0; x <= 5; x++ {
				put(x, 8)
			}
			put(7, 8)
			put(8, 8)
			put(8, 7)
			for y := 5; y >= 0; y-- {
				put(8, y)
			}
			gotL, gotK, ok := m.FormatInfo()
			if !ok || gotL != l || gotK != k {
				t.Errorf("level %v mask %d: read %v %d ok=%v", l, k, gotL, gotK, ok)
			}
		}
	}
	if _, _, ok := NewMatrix(21).FormatInfo(); ok {
		t.Error("an all-light matrix has valid format information")
	}
}

func TestMatrixVersion(t *testing.T) {
	for _, tc := range []struct{ size, want int }{{21, 1}, {37, 5}, {177, 40}, {20, 0}, {22, 0}, {181, 0}} {
		if got := NewMatrix(tc.size).Version(); got != tc.want {
			t.Errorf("size %d: version %d, want %d", tc.size, got, tc.want)
		}
	}
}
