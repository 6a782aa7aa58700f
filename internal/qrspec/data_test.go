package qrspec

import "testing"

// TestAlphanumeric checks Table 5: the 45 characters and their values, and
// that no other byte has one.
func TestAlphanumeric(t *testing.T) {
	want := map[byte]int{'0': 0, '9': 9, 'A': 10, 'Z': 35, ' ': 36, '$': 37, '%': 38, '*': 39, '+': 40, '-': 41, '.': 42, '/': 43, ':': 44}
	n := 0
	for c := range 256 {
		v := AlphanumericValue(byte(c))
		if w, ok := want[byte(c)]; ok && v != w {
			t.Errorf("AlphanumericValue(%q) = %d, want %d", c, v, w)
		}
		if v >= 0 {
			n++
			if AlphanumericChars[v] != byte(c) {
				t.Errorf("AlphanumericValue(%q) = %d, but character %d is %q", c, v, v, AlphanumericChars[v])
			}
		}
	}
	if n != 45 || len(AlphanumericChars) != 45 {
		t.Errorf("%d bytes have values, %d characters; want 45", n, len(AlphanumericChars))
	}
	for _, c := range []byte("abz#&?_\x00\xff") {
		if AlphanumericValue(c) != -1 {
			t.Errorf("AlphanumericValue(%q) = %d, want -1", c, AlphanumericValue(c))
		}
	}
}

// TestECIDesignator checks Table 4's three forms at their bounds, and that
// reading a designator back gives the number.
func TestECIDesignator(t *testing.T) {
	for _, c := range []struct {
		n     int
		bits  string // the designator as the standard writes it
		valid bool
	}{
		{0, "00000000", true},
		{26, "00011010", true},
		{127, "01111111", true},
		{128, "1000000010000000", true},
		{16383, "1011111111111111", true},
		{16384, "110000000100000000000000", true},
		{999999, "110011110100001000111111", true},
		{1000000, "", false},
		{-1, "", false},
	} {
		d, width, ok := ECIDesignator(c.n)
		if ok != c.valid {
			t.Errorf("ECIDesignator(%d): ok %v", c.n, ok)
			continue
		}
		if !ok {
			continue
		}
		if bin(d, width) != c.bits {
			t.Errorf("ECIDesignator(%d) = %s, want %s", c.n, bin(d, width), c.bits)
		}
		n := ECIDesignatorLen(byte(d >> (width - 8)))
		if 8*n != width || ECIAssignment(d, n) != c.n {
			t.Errorf("designator %s reads as %d bytes, number %d", c.bits, n, ECIAssignment(d, n))
		}
	}
	for first, want := range map[byte]int{0x00: 1, 0x7F: 1, 0x80: 2, 0xBF: 2, 0xC0: 3, 0xDF: 3, 0xE0: 0, 0xFF: 0} {
		if got := ECIDesignatorLen(first); got != want {
			t.Errorf("ECIDesignatorLen(%#02x) = %d, want %d", first, got, want)
		}
	}
}

// TestKanji checks §7.4.6's two worked examples, the range ends, and that
// UnpackKanji inverts PackKanji over both Shift JIS ranges.
func TestKanji(t *testing.T) {
	// §7.4.6: 点 (0x935F) → 0xD9F, 茗 (0xE4AA) → 0x1AAA.
	for c, want := range map[uint16]uint32{0x935F: 0xD9F, 0xE4AA: 0x1AAA, 0x8140: 0, 0xEBBF: 0x1FFF} {
		if got, ok := PackKanji(c); !ok || got != want {
			t.Errorf("PackKanji(%#04x) = %#x, %v; want %#x", c, got, ok, want)
		}
	}
	for _, c := range []uint16{0x813F, 0x9FFD, 0xA000, 0xE03F, 0xEBC0, 0x0041} {
		if _, ok := PackKanji(c); ok {
			t.Errorf("PackKanji(%#04x) accepted a code outside kanji mode", c)
		}
	}
	for _, r := range [][2]uint16{{0x8140, 0x9FFC}, {0xE040, 0xEBBF}} {
		for c := r[0]; c <= r[1]; c++ {
			if lo := c & 0xFF; lo < 0x40 || lo > 0xFC {
				continue // not a Shift JIS trail byte
			}
			v, ok := PackKanji(c)
			if !ok || v >= 1<<DoubleByteBits || UnpackKanji(v) != c {
				t.Fatalf("%#04x packs to %#x, %v, unpacks to %#04x", c, v, ok, UnpackKanji(v))
			}
		}
	}
}

// TestUnpackHanzi checks GB/T 18284's mapping at the ends of GB 2312's two
// ranges, values computed by hand from the packing rule.
func TestUnpackHanzi(t *testing.T) {
	for v, want := range map[uint32]uint16{
		0x0000: 0xA1A1, // first symbol
		0x03BD: 0xAAFE, // (0xAAFE−0xA1A1) = 0x095D → 0x09·0x60 + 0x5D
		0x03C0: 0xB0A1, // (0xB0A1−0xA6A1) = 0x0A00 → 0x0A·0x60 + 0
		0x1FDD: 0xFAFE, // (0xFAFE−0xA6A1) = 0x545D → 0x54·0x60 + 0x5D
	} {
		if got := UnpackHanzi(v); got != want {
			t.Errorf("UnpackHanzi(%#x) = %#04x, want %#04x", v, got, want)
		}
	}
}
