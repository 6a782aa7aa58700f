package qrspec

import (
	"fmt"
	"math/bits"
	"slices"
	"testing"
)

// rmqrTable8 restates Table 8 as the standard prints it: per version name,
// the total codewords, then for M and for H the error correction
// codewords per block and the (count, data codewords) of each block group.
var rmqrTable8 = []struct {
	name  string
	total int
	m, h  string
}{
	{"R7x43", 13, "7:1×6", "10:1×3"},
	{"R7x59", 21, "9:1×12", "14:1×7"},
	{"R7x77", 32, "12:1×20", "22:1×10"},
	{"R7x99", 44, "16:1×28", "30:1×14"},
	{"R7x139", 68, "24:1×44", "22:2×12"},
	{"R9x43", 21, "9:1×12", "14:1×7"},
	{"R9x59", 33, "12:1×21", "22:1×11"},
	{"R9x77", 49, "18:1×31", "16:1×8+1×9"},
	{"R9x99", 66, "24:1×42", "22:2×11"},
	{"R9x139", 99, "18:1×31+1×32", "22:3×11"},
	{"R11x27", 15, "8:1×7", "10:1×5"},
	{"R11x43", 31, "12:1×19", "20:1×11"},
	{"R11x59", 47, "16:1×31", "16:1×7+1×8"},
	{"R11x77", 67, "24:1×43", "22:1×11+1×12"},
	{"R11x99", 89, "16:1×28+1×29", "30:1×14+1×15"},
	{"R11x139", 132, "24:2×42", "30:3×14"},
	{"R13x27", 21, "9:1×12", "14:1×7"},
	{"R13x43", 41, "14:1×27", "28:1×13"},
	{"R13x59", 60, "22:1×38", "20:2×10"},
	{"R13x77", 85, "16:1×26+1×27", "28:1×14+1×15"},
	{"R13x99", 113, "20:1×36+1×37", "26:1×11+2×12"},
	{"R13x139", 166, "20:2×35+1×36", "28:2×13+2×14"},
	{"R15x43", 51, "18:1×33", "18:1×7+1×8"},
	{"R15x59", 74, "26:1×48", "24:2×13"},
	{"R15x77", 103, "18:1×33+1×34", "24:2×10+1×11"},
	{"R15x99", 136, "24:2×44", "22:4×12"},
	{"R15x139", 199, "24:2×42+1×43", "26:1×13+4×14"},
	{"R17x43", 61, "22:1×39", "20:1×10+1×11"},
	{"R17x59", 88, "16:2×28", "30:2×14"},
	{"R17x77", 122, "22:2×39", "28:1×12+2×13"},
	{"R17x99", 160, "20:2×33+1×34", "26:4×14"},
	{"R17x139", 232, "20:4×38", "26:2×12+4×13"},
}

// blockString writes a block layout as Table 8 does.
func blockString(b BlockLayout) string {
	s := fmt.Sprintf("%d:%d×%d", b.ECPerBlock, b.Short, b.ShortData)
	if b.Count > b.Short {
		s += fmt.Sprintf("+%d×%d", b.Count-b.Short, b.ShortData+1)
	}
	return s
}

// TestRMQRTables checks sizes, codeword totals and blocks against Table 1
// and Table 8, and that every version's codewords fill its data modules
// with fewer than 8 left over.
func TestRMQRTables(t *testing.T) {
	if first, last := RMQR.Versions(); first != 1 || last != 32 || len(rmqrTable8) != 32 {
		t.Fatalf("rMQR versions %d..%d", first, last)
	}
	for i, c := range rmqrTable8 {
		v := i + 1
		w, h := RMQR.Size(v)
		if name := fmt.Sprintf("R%dx%d", h, w); name != c.name {
			t.Errorf("version %d is %s, want %s", v, name, c.name)
		}
		if got, ok := RMQRVersionOf(h, w); !ok || got != v {
			t.Errorf("RMQRVersionOf(%d, %d) = %d, %v", h, w, got, ok)
		}
		if RMQR.TotalCodewords(v) != c.total {
			t.Errorf("%s: %d codewords, want %d", c.name, RMQR.TotalCodewords(v), c.total)
		}
		if raw := RMQR.RawDataModules(v); raw/8 != c.total {
			t.Errorf("%s: %d data modules for %d codewords", c.name, raw, c.total)
		}
		for l, want := range map[Level]string{M: c.m, H: c.h} {
			b := RMQR.Blocks(v, l)
			if got := blockString(b); got != want {
				t.Errorf("%s-%v: blocks %s, want %s", c.name, l, got, want)
			}
			data := b.Count*b.ShortData + b.Count - b.Short
			if !RMQR.HasLevel(v, l) || data != RMQR.DataCodewords(v, l) || data+b.Count*b.ECPerBlock != c.total || RMQR.DataBits(v, l) != 8*data {
				t.Errorf("%s-%v: %d data codewords, blocks %+v", c.name, l, RMQR.DataCodewords(v, l), b)
			}
		}
		if RMQR.HasLevel(v, L) || RMQR.HasLevel(v, Q) {
			t.Errorf("%s has level L or Q", c.name)
		}
	}
	if _, ok := RMQRVersionOf(7, 27); ok {
		t.Error("RMQRVersionOf(7, 27) found a version")
	}
	for v := range rmqrBlocks {
		for _, r := range rmqrBlocks[v] {
			if r.n2 != 0 && r.d2 != r.d1+1 {
				t.Errorf("version %d: block groups of %d and %d data codewords", v, r.d1, r.d2)
			}
		}
	}
}

// TestRMQRModes checks Table 2's indicators, the count widths of Table 3
// at the ends of each row, and that CountRange only groups versions with
// equal widths.
func TestRMQRModes(t *testing.T) {
	table2 := map[Mode]uint32{Terminator: 0, Numeric: 1, Alphanumeric: 2, Byte: 3, Kanji: 4, FNC1First: 5, FNC1Second: 6, ECI: 7}
	for v := 1; v <= 32; v++ {
		if RMQR.ModeBits(v) != 3 || RMQR.TerminatorBits(v) != 3 {
			t.Errorf("version %d: %d-bit indicators, %d-bit terminator", v, RMQR.ModeBits(v), RMQR.TerminatorBits(v))
		}
		for m := range numModes {
			got, ok := RMQR.ModeIndicator(v, m)
			want, has := table2[m]
			if ok != has || ok && got != want {
				t.Errorf("version %d %v: indicator %03b, %v", v, m, got, ok)
			}
			if back, ok2 := RMQR.ModeOf(v, want); has && (!ok2 || back != m) {
				t.Errorf("version %d: ModeOf(%03b) = %v", v, want, back)
			}
		}
		first, last := RMQR.CountRange(v)
		for u := first; u <= last; u++ {
			for m := Numeric; m <= Kanji; m++ {
				if RMQR.CountBits(u, m) != RMQR.CountBits(v, m) {
					t.Errorf("versions %d and %d share a count range, not %v widths", u, v, m)
				}
			}
		}
	}
	for _, c := range []struct {
		v                         int
		numeric, alnum, byt, kanj int
	}{
		{1, 4, 3, 3, 2}, {5, 7, 6, 6, 5}, {6, 5, 5, 4, 3}, {11, 4, 4, 3, 2}, {16, 8, 7, 7, 6},
		{17, 5, 5, 4, 3}, {22, 8, 8, 7, 7}, {23, 7, 6, 6, 5}, {27, 9, 8, 7, 7}, {28, 7, 6, 6, 5}, {32, 9, 8, 8, 7},
	} {
		got := [4]int{RMQR.CountBits(c.v, Numeric), RMQR.CountBits(c.v, Alphanumeric), RMQR.CountBits(c.v, Byte), RMQR.CountBits(c.v, Kanji)}
		if got != [4]int{c.numeric, c.alnum, c.byt, c.kanj} {
			t.Errorf("version %d: count widths %v", c.v, got)
		}
	}
}

// TestRMQRAlignment checks Table D.1 by width.
func TestRMQRAlignment(t *testing.T) {
	for v, want := range map[int][]int{1: {21}, 2: {19, 39}, 3: {25, 51}, 4: {23, 49, 75}, 5: {27, 55, 83, 111}, 11: {}, 17: {}, 32: {27, 55, 83, 111}} {
		var buf [4]int
		if got := RMQRAlignment(&buf, v); !slices.Equal(got, want) {
			t.Errorf("RMQRAlignment(%d) = %v, want %v", v, got, want)
		}
	}
}

// rmqrFormatGolden are format information words read from zxing-cpp
// 3.1's rMQR writer (ecLevel and version forced), bit 17 first, at
// RMQRFormatPosition: version, level, finder side, sub-finder side.
var rmqrFormatGolden = []struct {
	v             int
	l             Level
	finder, subFi uint32
}{
	{1, M, 0x1fab2, 0x20a7b}, {1, H, 0x3f367, 0x003ae},
	{5, M, 0x1b86c, 0x248a5}, {5, H, 0x3b1b9, 0x04170},
	{6, M, 0x1a749, 0x25780}, {6, H, 0x3ae9c, 0x05e55},
	{11, M, 0x15e61, 0x2aea8}, {11, H, 0x357b4, 0x0a77d},
	{16, M, 0x1039a, 0x2f353}, {16, H, 0x30a4f, 0x0fa86},
	{17, M, 0x0f1ca, 0x30103}, {17, H, 0x2f81f, 0x108d6},
	{22, M, 0x0ac31, 0x35cf8}, {22, H, 0x2a5e4, 0x1552d},
	{27, M, 0x05519, 0x3a5d0}, {27, H, 0x25ccc, 0x1ac05},
	{32, M, 0x008e2, 0x3f82b}, {32, H, 0x20137, 0x1f1fe},
}

// TestRMQRFormatInfo compares format words with the golden ones, decodes
// every word of both sides with up to three bits flipped, and checks the
// code's distance.
func TestRMQRFormatInfo(t *testing.T) {
	for _, c := range rmqrFormatGolden {
		if got := RMQRFormatInfo(RMQRFinderSide, c.v, c.l); got != c.finder {
			t.Errorf("version %d-%v finder side: %#05x, want %#05x", c.v, c.l, got, c.finder)
		}
		if got := RMQRFormatInfo(RMQRSubFinderSide, c.v, c.l); got != c.subFi {
			t.Errorf("version %d-%v sub-finder side: %#05x, want %#05x", c.v, c.l, got, c.subFi)
		}
	}
	for side := RMQRFinderSide; side <= RMQRSubFinderSide; side++ {
		var all []uint32
		for v := 1; v <= 32; v++ {
			for _, l := range []Level{M, H} {
				w := RMQRFormatInfo(side, v, l)
				all = append(all, w)
				forErrors(18, 3, func(e uint32) {
					gv, gl, d := DecodeRMQRFormatInfo(side, w^e)
					if gv != v || gl != l || d != bits.OnesCount32(e) {
						t.Fatalf("side %d, %d-%v with errors %018b: decoded %d-%v at distance %d", side, v, l, e, gv, gl, d)
					}
				})
			}
		}
		checkDistance(t, "rMQR format", all, 8)
	}
}

// TestRMQRLayout checks that the function patterns and the data order
// cover every module once, that the format positions are function
// modules, and a few modules of the patterns, worked out from §6.3.
func TestRMQRLayout(t *testing.T) {
	for v := 1; v <= 32; v++ {
		w, h := RMQR.Size(v)
		seen := make([]int, w*h)
		dark := make([]bool, w*h)
		RMQRFunctionPatterns(v, func(x, y int, d bool) { seen[y*w+x]++; dark[y*w+x] = d })
		data := 0
		RMQRDataOrder(v, func(x, y int) {
			if seen[y*w+x] != 0 {
				t.Fatalf("version %d: data module (%d, %d) is a function module", v, x, y)
			}
			seen[y*w+x] = 2
			data++
		})
		for i, s := range seen {
			if s == 0 {
				t.Fatalf("version %d: module (%d, %d) neither function nor data", v, i%w, i/w)
			}
		}
		if data != RMQR.RawDataModules(v) {
			t.Errorf("version %d: %d data modules in order, %d counted", v, data, RMQR.RawDataModules(v))
		}
		for _, c := range []struct {
			x, y int
			dark bool
		}{
			{0, 0, true}, {3, 3, true}, {7, 0, false}, {8, 0, true}, // finder, separator, timing
			{w - 2, 0, true}, {w - 2, 1, false}, {w - 1, 1, true}, // top-right corner
			{w - 3, h - 3, true}, {w - 4, h - 3, false}, {w - 5, h - 3, true}, // sub-finder
			{1, h - 1, true}, // bottom-left corner
		} {
			if dark[c.y*w+c.x] != c.dark || seen[c.y*w+c.x] != 1 {
				t.Errorf("version %d: module (%d, %d) dark %v", v, c.x, c.y, dark[c.y*w+c.x])
			}
		}
	}
}
