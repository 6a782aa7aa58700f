package qrspec

import (
	"math/bits"
	"testing"
)

// TestMicroCodewords checks Micro QR's codeword counts against Table 7 and
// Table 9 as the standard lists them, and the module count of each version
// against its codewords: 36, 80, 132 and 192 data modules, the 4-bit last
// data codeword of M1 and M3 included.
func TestMicroCodewords(t *testing.T) {
	for _, c := range []struct {
		v, total, modules int
		data              [levels]int // L, M, Q, H
		dataBits          [levels]int
	}{
		{1, 5, 36, [levels]int{3, 0, 0, 0}, [levels]int{20, 0, 0, 0}},
		{2, 10, 80, [levels]int{5, 4, 0, 0}, [levels]int{40, 32, 0, 0}},
		{3, 17, 132, [levels]int{11, 9, 0, 0}, [levels]int{84, 68, 0, 0}},
		{4, 24, 192, [levels]int{16, 14, 10, 0}, [levels]int{128, 112, 80, 0}},
	} {
		if w, h := MicroQR.Size(c.v); w != 9+2*c.v || h != w {
			t.Errorf("M%d: %d×%d modules", c.v, w, h)
		}
		if got := MicroQR.TotalCodewords(c.v); got != c.total {
			t.Errorf("M%d: %d codewords, want %d", c.v, got, c.total)
		}
		if got := MicroQR.RawDataModules(c.v); got != c.modules {
			t.Errorf("M%d: %d data modules, want %d", c.v, got, c.modules)
		}
		for l := L; l <= H; l++ {
			if MicroQR.DataCodewords(c.v, l) != c.data[l] || MicroQR.DataBits(c.v, l) != c.dataBits[l] || MicroQR.HasLevel(c.v, l) != (c.data[l] > 0) {
				t.Errorf("M%d-%v: %d data codewords, %d bits; want %d, %d", c.v, l, MicroQR.DataCodewords(c.v, l), MicroQR.DataBits(c.v, l), c.data[l], c.dataBits[l])
			}
			if c.data[l] == 0 {
				continue
			}
			b := MicroQR.Blocks(c.v, l)
			if b.Count != 1 || b.Short != 1 || b.ShortData != c.data[l] || b.ECPerBlock != c.total-c.data[l] {
				t.Errorf("M%d-%v: blocks %+v", c.v, l, b)
			}
			// The data bits and 8 per error correction codeword fill the
			// data modules exactly: Micro QR has no remainder bits.
			if c.dataBits[l]+8*b.ECPerBlock != c.modules {
				t.Errorf("M%d-%v: %d data bits and %d EC codewords in %d modules", c.v, l, c.dataBits[l], b.ECPerBlock, c.modules)
			}
		}
	}
	if first, last := MicroQR.Versions(); first != 1 || last != 4 {
		t.Errorf("Micro QR versions %d..%d", first, last)
	}
}

// TestMicroModes checks Table 2's and Table 3's Micro QR columns: the
// indicator widths and values, the count widths, the terminators, and that
// ModeOf inverts ModeIndicator.
func TestMicroModes(t *testing.T) {
	type mode struct {
		indicator uint32
		count     int
	}
	want := [5]map[Mode]mode{
		1: {Numeric: {0, 3}},
		2: {Numeric: {0, 4}, Alphanumeric: {1, 3}},
		3: {Numeric: {0b00, 5}, Alphanumeric: {0b01, 4}, Byte: {0b10, 4}, Kanji: {0b11, 3}},
		4: {Numeric: {0b000, 6}, Alphanumeric: {0b001, 5}, Byte: {0b010, 5}, Kanji: {0b011, 4}},
	}
	for v := 1; v <= 4; v++ {
		if MicroQR.ModeBits(v) != v-1 || MicroQR.TerminatorBits(v) != 2*v+1 {
			t.Errorf("M%d: %d-bit indicators, %d-bit terminator", v, MicroQR.ModeBits(v), MicroQR.TerminatorBits(v))
		}
		if first, last := MicroQR.CountRange(v); first != v || last != v {
			t.Errorf("M%d: count range %d..%d", v, first, last)
		}
		for m := range numModes {
			got, ok := MicroQR.ModeIndicator(v, m)
			w, has := want[v][m]
			if ok != has || ok && got != w.indicator || MicroQR.CountBits(v, m) != w.count {
				t.Errorf("M%d %v: indicator %b, %v; count %d bits; want %+v, %v", v, m, got, ok, MicroQR.CountBits(v, m), w, has)
			}
			if ok {
				if back, ok := MicroQR.ModeOf(v, got); !ok || back != m {
					t.Errorf("M%d: ModeOf(%b) = %v, %v; want %v", v, got, back, ok, m)
				}
			}
		}
		for ind := uint32(len(want[v])); ind < 16; ind++ {
			if m, ok := MicroQR.ModeOf(v, ind); ok {
				t.Errorf("M%d: ModeOf(%b) = %v", v, ind, m)
			}
		}
	}
}

// TestMicroSymbolNumbers checks the symbol numbers of §7.9.2 and that
// MicroVersionOf inverts them.
func TestMicroSymbolNumbers(t *testing.T) {
	want := []struct {
		v int
		l Level
	}{{1, L}, {2, L}, {2, M}, {3, L}, {3, M}, {4, L}, {4, M}, {4, Q}}
	for n, c := range want {
		if got, ok := MicroSymbolNumber(c.v, c.l); !ok || got != n {
			t.Errorf("MicroSymbolNumber(M%d, %v) = %d, %v; want %d", c.v, c.l, got, ok, n)
		}
		if v, l := MicroVersionOf(n); v != c.v || l != c.l {
			t.Errorf("MicroVersionOf(%d) = M%d-%v", n, v, l)
		}
	}
	for _, c := range []struct {
		v int
		l Level
	}{{1, M}, {2, Q}, {3, Q}, {4, H}, {0, L}, {5, L}} {
		if _, ok := MicroSymbolNumber(c.v, c.l); ok {
			t.Errorf("MicroSymbolNumber(%d, %v) accepted", c.v, c.l)
		}
	}
}

// microFormatGolden[symbol number][mask] are the format information words
// read from zxing-cpp 3.1's Micro QR writer (symbols made with ecLevel,
// version and dataMask forced), bit 14 first, at MicroFormatPosition.
var microFormatGolden = [8][4]uint32{
	{0x4445, 0x4172, 0x4e2b, 0x4b1c}, // M1
	{0x55ae, 0x5099, 0x5fc0, 0x5af7}, // M2-L
	{0x6793, 0x62a4, 0x6dfd, 0x68ca}, // M2-M
	{0x7678, 0x734f, 0x7c16, 0x7921}, // M3-L
	{0x06de, 0x03e9, 0x0cb0, 0x0987}, // M3-M
	{0x1735, 0x1202, 0x1d5b, 0x186c}, // M4-L
	{0x2508, 0x203f, 0x2f66, 0x2a51}, // M4-M
	{0x34e3, 0x31d4, 0x3e8d, 0x3bba}, // M4-Q
}

// TestMicroFormatInfo compares all 32 format words with the golden ones,
// and decodes each with up to three bits flipped.
func TestMicroFormatInfo(t *testing.T) {
	for n, words := range microFormatGolden {
		v, l := MicroVersionOf(n)
		for mask, want := range words {
			w := MicroFormatInfo(v, l, mask)
			if w != want {
				t.Errorf("MicroFormatInfo(M%d, %v, %d) = %#04x, want %#04x", v, l, mask, w, want)
			}
			forErrors(15, 3, func(e uint32) {
				gv, gl, gm, d := DecodeMicroFormatInfo(w ^ e)
				if gv != v || gl != l || gm != mask || d != bits.OnesCount32(e) {
					t.Fatalf("M%d-%v mask %d with errors %015b: decoded M%d-%v mask %d at distance %d", v, l, mask, e, gv, gl, gm, d)
				}
			})
		}
	}
	var all []uint32
	for _, words := range microFormatGolden {
		all = append(all, words[:]...)
	}
	checkDistance(t, "Micro QR format", all, 7)
}

// TestMicroLayout checks that the function patterns and the data order
// cover every module once, and the corners of the layout.
func TestMicroLayout(t *testing.T) {
	for v := 1; v <= 4; v++ {
		n := 9 + 2*v
		seen := make([]int, n*n)
		dark := make([]bool, n*n)
		MicroFunctionPatterns(v, func(x, y int, d bool) { seen[y*n+x]++; dark[y*n+x] = d })
		data := 0
		MicroDataOrder(v, func(x, y int) { seen[y*n+x]++; data++ })
		for i, s := range seen {
			if s != 1 {
				t.Fatalf("M%d: module (%d, %d) visited %d times", v, i%n, i/n, s)
			}
		}
		if data != MicroQR.RawDataModules(v) {
			t.Errorf("M%d: %d data modules in order, %d counted", v, data, MicroQR.RawDataModules(v))
		}
		// The finder's corner and centre are dark, its separator and the
		// format modules light, the timing patterns end dark (n−1 is even).
		for _, c := range []struct {
			x, y int
			dark bool
		}{{0, 0, true}, {3, 3, true}, {1, 1, false}, {7, 7, false}, {7, 0, false}, {8, 0, true}, {n - 1, 0, true}, {0, n - 1, true}, {9, 0, false}, {8, 8, false}, {1, 8, false}} {
			if dark[c.y*n+c.x] != c.dark {
				t.Errorf("M%d: module (%d, %d) dark %v", v, c.x, c.y, dark[c.y*n+c.x])
			}
		}
	}
}

// TestMicroDataOrder checks the start of the placement of M2, worked out
// by hand from §7.7.3: the bottom-right module, its left neighbour, then
// upwards.
func TestMicroDataOrder(t *testing.T) {
	var got [][2]int
	MicroDataOrder(2, func(x, y int) {
		if len(got) < 6 {
			got = append(got, [2]int{x, y})
		}
	})
	want := [][2]int{{12, 12}, {11, 12}, {12, 11}, {11, 11}, {12, 10}, {11, 10}}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("M2 placement starts %v, want %v", got, want)
		}
	}
}

// checkDistance fails if two of the words differ in fewer than min bits.
func checkDistance(t *testing.T, name string, words []uint32, min int) {
	t.Helper()
	for i := range words {
		for j := i + 1; j < len(words); j++ {
			if d := bits.OnesCount32(words[i] ^ words[j]); d < min {
				t.Errorf("%s words %d and %d differ in %d bits, want at least %d", name, i, j, d, min)
			}
		}
	}
}
