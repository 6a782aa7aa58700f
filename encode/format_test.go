package encode

import "testing"

// TestFormatBits compares all 32 format information words with Table C.1 of
// ISO/IEC 18004:2015 Annex C (level, mask pattern → 15 bits after masking).
func TestFormatBits(t *testing.T) {
	want := map[Level][8]string{
		L: {"111011111000100", "111001011110011", "111110110101010", "111100010011101", "110011000101111", "110001100011000", "110110001000001", "110100101110110"},
		M: {"101010000010010", "101000100100101", "101111001111100", "101101101001011", "100010111111001", "100000011001110", "100111110010111", "100101010100000"},
		Q: {"011010101011111", "011000001101000", "011111100110001", "011101000000110", "010010010110100", "010000110000011", "010111011011010", "010101111101101"},
		H: {"001011010001001", "001001110111110", "001110011100111", "001100111010000", "000011101100010", "000001001010101", "000110100001100", "000100000111011"},
	}
	for l, words := range want {
		for m, w := range words {
			if got := formatBits(l, m); bin(got, 15) != w {
				t.Errorf("formatBits(%v, %d) = %s, want %s", l, m, bin(got, 15), w)
			}
		}
	}
	if formatBits(LevelDefault, 0) != formatBits(H, 0) {
		t.Error("LevelDefault must format as H")
	}
}

// TestVersionBits compares version information words with Table D.1 of
// Annex D.
func TestVersionBits(t *testing.T) {
	for v, want := range map[Version]uint32{
		7: 0x07C94, 8: 0x085BC, 9: 0x09A99, 10: 0x0A4D3, 20: 0x149A6, 30: 0x1ED75, 40: 0x28C69,
	} {
		if got := versionBits(v); got != want {
			t.Errorf("versionBits(%d) = %#05x, want %#05x", v, got, want)
		}
	}
}

// TestFormatDistance checks the property the BCH code is chosen for: any two
// format words differ in at least 7 bits, so up to 3 bit errors are
// corrected (§7.9.1).
func TestFormatDistance(t *testing.T) {
	var words []uint32
	for l := L; l <= H; l++ {
		for m := 0; m < 8; m++ {
			words = append(words, formatBits(l, m))
		}
	}
	for i := range words {
		for j := i + 1; j < len(words); j++ {
			d := 0
			for x := words[i] ^ words[j]; x != 0; x &= x - 1 {
				d++
			}
			if d < 7 {
				t.Fatalf("format words %d and %d differ in %d bits", i, j, d)
			}
		}
	}
}

func bin(v uint32, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0' + byte(v>>uint(n-1-i)&1)
	}
	return string(b)
}
