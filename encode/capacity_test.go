package encode

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestCapacity checks data capacities against Table 7 of ISO/IEC
// 18004:2015 for versions 1 and 40: the largest number of characters of one
// mode that fits, and that one more does not.
func TestCapacity(t *testing.T) {
	type caps struct{ numeric, alnum, byte, kanji int }
	for _, c := range []struct {
		v    Version
		l    Level
		want caps
	}{
		{1, L, caps{41, 25, 17, 10}},
		{1, M, caps{34, 20, 14, 8}},
		{1, Q, caps{27, 16, 11, 7}},
		{1, H, caps{17, 10, 7, 4}},
		{40, L, caps{7089, 4296, 2953, 1817}},
		{40, M, caps{5596, 3391, 2331, 1435}},
		{40, Q, caps{3993, 2420, 1663, 1024}},
		{40, H, caps{3057, 1852, 1273, 784}},
	} {
		for _, m := range []struct {
			mode Mode
			char string
			n    int
		}{
			{ModeNumeric, "7", c.want.numeric},
			{ModeAlphanumeric, "Z", c.want.alnum},
			{ModeByte, "z", c.want.byte},
			{ModeKanji, "漢", c.want.kanji},
		} {
			var e Encoder
			var s Symbol
			o := Options{Level: c.l, MinVersion: c.v, MaxVersion: c.v, Mode: m.mode}
			if err := e.EncodeTo(&s, []byte(strings.Repeat(m.char, m.n)), &o); err != nil {
				t.Errorf("%d-%v %v: %d characters: %v", c.v, c.l, m.mode, m.n, err)
			}
			err := e.EncodeTo(&s, []byte(strings.Repeat(m.char, m.n+1)), &o)
			if !errors.Is(err, ErrTooLong) {
				t.Errorf("%d-%v %v: %d characters: err %v, want ErrTooLong", c.v, c.l, m.mode, m.n+1, err)
			}
		}
	}
}

// TestCodewordCounts checks the formulas against Table 9's totals, Table
// 7's data codeword counts and Table 1's remainder bits at a few points,
// and the ordering of all versions and levels.
func TestCodewordCounts(t *testing.T) {
	for _, c := range []struct {
		v          Version
		total      int
		dataL      int
		dataH      int
		remainderB int // remainder bits, Table 1
	}{
		{1, 26, 19, 9, 0},
		{2, 44, 34, 16, 7},
		{7, 196, 156, 66, 0},
		{14, 581, 461, 197, 3},
		{21, 1156, 932, 406, 4},
		{40, 3706, 2956, 1276, 0},
	} {
		if got := totalCodewords(c.v); got != c.total {
			t.Errorf("totalCodewords(%d) = %d, want %d", c.v, got, c.total)
		}
		if got := dataCodewords(c.v, L); got != c.dataL {
			t.Errorf("dataCodewords(%d, L) = %d, want %d", c.v, got, c.dataL)
		}
		if got := dataCodewords(c.v, H); got != c.dataH {
			t.Errorf("dataCodewords(%d, H) = %d, want %d", c.v, got, c.dataH)
		}
		if got := rawDataModules(c.v) % 8; got != c.remainderB {
			t.Errorf("remainder bits of %d = %d, want %d", c.v, got, c.remainderB)
		}
	}
	for v := MinVersion; v <= MaxVersion; v++ {
		for l := L; l <= H; l++ {
			// Levels are ordered: more redundancy, fewer data codewords.
			if l > L && dataCodewords(v, l) >= dataCodewords(v, l-1) {
				t.Errorf("%d-%v holds no less than %d-%v", v, l, v, l-1)
			}
		}
		if v > 1 && totalCodewords(v) <= totalCodewords(v-1) {
			t.Errorf("version %d is not larger than %d", v, v-1)
		}
	}
}

// TestAlignmentPositions checks the formula against Table E.1 at points
// where the spacing is uneven.
func TestAlignmentPositions(t *testing.T) {
	for v, want := range map[Version][]int{
		1:  {},
		2:  {6, 18},
		7:  {6, 22, 38},
		15: {6, 26, 48, 70},
		16: {6, 26, 50, 74},
		32: {6, 34, 60, 86, 112, 138},
		36: {6, 24, 50, 76, 102, 128, 154},
		39: {6, 26, 54, 82, 110, 138, 166},
		40: {6, 30, 58, 86, 114, 142, 170},
	} {
		var buf [7]int
		got := alignmentPositions(&buf, v)
		if !bytes.Equal(ints(got), ints(want)) {
			t.Errorf("alignmentPositions(%d) = %v, want %v", v, got, want)
		}
	}
}

func ints(a []int) []byte {
	b := make([]byte, len(a))
	for i, x := range a {
		b[i] = byte(x)
	}
	return b
}
