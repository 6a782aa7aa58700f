package qrspec

import "testing"

// TestQRMisdecodeProtection checks p against Table 9's error correction
// capacities: a block of d error correction codewords corrects (d−p)/2
// errors, and the table lists that capacity for every version and level.
func TestQRMisdecodeProtection(t *testing.T) {
	// Table 9's "error correction capacity" r of one block, (c, k, r), for
	// the entries with misdecode protection and a few neighbours without.
	capacity := []struct {
		v int
		l Level
		r int
	}{
		{1, L, 2}, {1, M, 4}, {1, Q, 6}, {1, H, 8},
		{2, L, 4}, {2, M, 8}, {2, Q, 11}, {2, H, 14},
		{3, L, 7}, {3, M, 13}, {4, L, 10}, {40, H, 15},
	}
	for _, c := range capacity {
		d := QR.Blocks(c.v, c.l).ECPerBlock
		if got := (d - QRMisdecodeProtection(c.v, c.l)) / 2; got != c.r {
			t.Errorf("%d-%v: (d−p)/2 = %d, Table 9 says %d", c.v, c.l, got, c.r)
		}
	}
	protected := 0
	for v := 1; v <= 40; v++ {
		for l := L; l <= H; l++ {
			if QRMisdecodeProtection(v, l) > 0 {
				protected++
			}
		}
	}
	if protected != 6 {
		t.Errorf("%d version-levels with misdecode protection, Table 9 footnotes 6", protected)
	}
}
