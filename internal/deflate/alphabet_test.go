package deflate

import "testing"

func TestCodes(t *testing.T) {
	// Every length and distance must fall within its code's range.
	for n := MinMatch; n <= MaxMatch; n++ {
		c := lengthCode(n)
		nb, base := lengthExtra(c)
		if n < base || n-base >= 1<<nb && !(nb == 0 && n == base) {
			t.Errorf("length %d: code %d covers %d+%d bits", n, 257+c, base, nb)
		}
	}
	for d := 1; d <= MaxDistance; d++ {
		c := distCode(d)
		nb, base := distExtra(c)
		if d < base || d-base >= 1<<nb && !(nb == 0 && d == base) {
			t.Errorf("distance %d: code %d covers %d+%d bits", d, c, base, nb)
		}
	}
}

// TestExportedCodes checks LengthCode and DistanceCode at the edges of the
// rows of the tables of RFC 1951 §3.2.5.
func TestExportedCodes(t *testing.T) {
	lengths := []struct{ n, symbol, extra int }{
		{3, 257, 0}, {10, 264, 0}, {11, 265, 1}, {12, 265, 1}, {13, 266, 1},
		{19, 269, 2}, {35, 273, 3}, {67, 277, 4}, {131, 281, 5}, {227, 284, 5},
		{257, 284, 5}, {258, 285, 0},
	}
	for _, l := range lengths {
		if s, x := LengthCode(l.n); s != l.symbol || x != l.extra {
			t.Errorf("LengthCode(%d) = %d, %d; want %d, %d", l.n, s, x, l.symbol, l.extra)
		}
	}
	distances := []struct{ d, symbol, extra int }{
		{1, 0, 0}, {4, 3, 0}, {5, 4, 1}, {7, 5, 1}, {9, 6, 2}, {257, 16, 7},
		{385, 17, 7}, {24576, 28, 13}, {24577, 29, 13}, {32768, 29, 13},
	}
	for _, d := range distances {
		if s, x := DistanceCode(d.d); s != d.symbol || x != d.extra {
			t.Errorf("DistanceCode(%d) = %d, %d; want %d, %d", d.d, s, x, d.symbol, d.extra)
		}
	}
}
