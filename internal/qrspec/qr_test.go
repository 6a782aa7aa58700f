package qrspec

import (
	"slices"
	"testing"
)

// TestCodewordCounts checks the formulas against Table 9's totals, Table
// 7's data codeword counts and Table 1's remainder bits at a few points,
// and the ordering of all versions and levels.
func TestCodewordCounts(t *testing.T) {
	for _, c := range []struct {
		v          int
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
		if got := QR.TotalCodewords(c.v); got != c.total {
			t.Errorf("TotalCodewords(%d) = %d, want %d", c.v, got, c.total)
		}
		if got := QR.DataCodewords(c.v, L); got != c.dataL {
			t.Errorf("DataCodewords(%d, L) = %d, want %d", c.v, got, c.dataL)
		}
		if got := QR.DataCodewords(c.v, H); got != c.dataH {
			t.Errorf("DataCodewords(%d, H) = %d, want %d", c.v, got, c.dataH)
		}
		if got := QR.RawDataModules(c.v) % 8; got != c.remainderB {
			t.Errorf("remainder bits of %d = %d, want %d", c.v, got, c.remainderB)
		}
	}
	first, last := QR.Versions()
	if first != 1 || last != 40 {
		t.Fatalf("QR versions %d..%d, want 1..40", first, last)
	}
	for v := first; v <= last; v++ {
		for l := L; l <= H; l++ {
			if !QR.HasLevel(v, l) {
				t.Errorf("%d-%v: level missing", v, l)
			}
			// Levels are ordered: more redundancy, fewer data codewords.
			if l > L && QR.DataCodewords(v, l) >= QR.DataCodewords(v, l-1) {
				t.Errorf("%d-%v holds no less than %d-%v", v, l, v, l-1)
			}
			if QR.DataBits(v, l) != 8*QR.DataCodewords(v, l) {
				t.Errorf("%d-%v: %d data bits in %d codewords", v, l, QR.DataBits(v, l), QR.DataCodewords(v, l))
			}
		}
		if v > 1 && QR.TotalCodewords(v) <= QR.TotalCodewords(v-1) {
			t.Errorf("version %d is not larger than %d", v, v-1)
		}
		if w, h := QR.Size(v); w != 17+4*v || h != w {
			t.Errorf("version %d: %d×%d modules", v, w, h)
		}
		if QR.TotalCodewords(v) != QR.RawDataModules(v)/8 {
			t.Errorf("version %d: %d codewords in %d modules", v, QR.TotalCodewords(v), QR.RawDataModules(v))
		}
	}
}

// TestBounds checks the package-wide bounds against the families' facts.
func TestBounds(t *testing.T) {
	for f := range numFamilies {
		first, last := f.Versions()
		for v := first; v <= last; v++ {
			w, h := f.Size(v)
			if w > MaxSide || h > MaxSide || f.TotalCodewords(v) > MaxCodewords {
				t.Errorf("%v version %d: %d×%d modules, %d codewords: beyond MaxSide or MaxCodewords", f, v, w, h, f.TotalCodewords(v))
			}
		}
	}
	if w, _ := QR.Size(40); w != MaxSide || QR.TotalCodewords(40) != MaxCodewords {
		t.Error("QR version 40 does not reach MaxSide and MaxCodewords")
	}
}

// TestBlocks checks block layouts against rows of Table 9, written out as
// the standard gives them: (count, data codewords) per group, and the
// error correction codewords per block.
func TestBlocks(t *testing.T) {
	type group struct{ count, data int }
	for _, c := range []struct {
		v      int
		l      Level
		ec     int
		groups []group
	}{
		{1, L, 7, []group{{1, 19}}},
		{1, H, 17, []group{{1, 9}}},
		{5, Q, 18, []group{{2, 15}, {2, 16}}},
		{5, H, 22, []group{{2, 11}, {2, 12}}},
		{6, M, 16, []group{{4, 27}}},
		{10, L, 18, []group{{2, 68}, {2, 69}}},
		{15, L, 22, []group{{5, 87}, {1, 88}}},
		{40, L, 30, []group{{19, 118}, {6, 119}}},
		{40, H, 30, []group{{20, 15}, {61, 16}}},
	} {
		b := QR.Blocks(c.v, c.l)
		var got []group
		if b.Short > 0 {
			got = append(got, group{b.Short, b.ShortData})
		}
		if b.Count > b.Short {
			got = append(got, group{b.Count - b.Short, b.ShortData + 1})
		}
		if b.ECPerBlock != c.ec || !slices.Equal(got, c.groups) {
			t.Errorf("%d-%v: %d EC codewords per block in %v, want %d in %v", c.v, c.l, b.ECPerBlock, got, c.ec, c.groups)
		}
	}
	for v := 1; v <= 40; v++ {
		for l := L; l <= H; l++ {
			b := QR.Blocks(v, l)
			data := b.Count*b.ShortData + b.Count - b.Short
			if data != QR.DataCodewords(v, l) || data+b.Count*b.ECPerBlock != QR.TotalCodewords(v) {
				t.Errorf("%d-%v: blocks %+v hold %d data codewords", v, l, b, data)
			}
			if b.Short < 1 || b.Short > b.Count {
				t.Errorf("%d-%v: %d short blocks of %d", v, l, b.Short, b.Count)
			}
		}
	}
}

// TestQRAlignment checks the formula against Table E.1 at points where
// the spacing is uneven.
func TestQRAlignment(t *testing.T) {
	for v, want := range map[int][]int{
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
		if got := QRAlignment(&buf, v); !slices.Equal(got, want) {
			t.Errorf("QRAlignment(%d) = %v, want %v", v, got, want)
		}
	}
}

// TestQRCountBits checks every cell of Table 3 at both ends of its version
// range, and that CountRange gives those ranges.
func TestQRCountBits(t *testing.T) {
	table3 := []struct {
		first, last int
		widths      [dataModes]int // numeric, alphanumeric, byte, kanji, hanzi
	}{
		{1, 9, [dataModes]int{10, 9, 8, 8, 8}},
		{10, 26, [dataModes]int{12, 11, 16, 10, 10}},
		{27, 40, [dataModes]int{14, 13, 16, 12, 12}},
	}
	for _, r := range table3 {
		for v := r.first; v <= r.last; v++ {
			if first, last := QR.CountRange(v); first != r.first || last != r.last {
				t.Errorf("CountRange(%d) = %d..%d, want %d..%d", v, first, last, r.first, r.last)
			}
			for m := range Mode(dataModes) {
				if got := QR.CountBits(v, m); got != r.widths[m] {
					t.Errorf("CountBits(%d, %v) = %d, want %d", v, m, got, r.widths[m])
				}
			}
			for _, m := range []Mode{ECI, FNC1First, FNC1Second, StructuredAppend, Terminator} {
				if got := QR.CountBits(v, m); got != 0 {
					t.Errorf("CountBits(%d, %v) = %d, want 0", v, m, got)
				}
			}
		}
	}
}

// TestQRModeIndicators checks Table 2's indicators in every version and
// that ModeOf inverts them; the other six 4-bit values announce nothing.
func TestQRModeIndicators(t *testing.T) {
	table2 := map[Mode]uint32{
		Numeric: 0b0001, Alphanumeric: 0b0010, Byte: 0b0100, Kanji: 0b1000, Hanzi: 0b1101,
		ECI: 0b0111, FNC1First: 0b0101, FNC1Second: 0b1001, StructuredAppend: 0b0011, Terminator: 0b0000,
	}
	for v := 1; v <= 40; v++ {
		if QR.ModeBits(v) != 4 || QR.TerminatorBits(v) != 4 {
			t.Fatalf("version %d: %d-bit indicators, %d-bit terminator", v, QR.ModeBits(v), QR.TerminatorBits(v))
		}
		for m := range numModes {
			got, ok := QR.ModeIndicator(v, m)
			if want, has := table2[m]; !ok || !has || got != want {
				t.Errorf("ModeIndicator(%d, %v) = %04b, %v; want %04b", v, m, got, ok, want)
			}
		}
		for ind := uint32(0); ind < 32; ind++ {
			m, ok := QR.ModeOf(v, ind)
			want, has := Mode(0), false
			for mm, i := range table2 {
				if i == ind {
					want, has = mm, true
				}
			}
			if ok != has || ok && m != want {
				t.Errorf("ModeOf(%d, %05b) = %v, %v; want %v, %v", v, ind, m, ok, want, has)
			}
		}
	}
}

func TestNumericBits(t *testing.T) {
	for k, want := range map[int]int{1: 4, 2: 7, 3: 10} {
		if got := NumericBits(k); got != want {
			t.Errorf("NumericBits(%d) = %d, want %d", k, got, want)
		}
	}
}
