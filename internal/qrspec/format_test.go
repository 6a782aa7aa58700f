package qrspec

import (
	"math/bits"
	"math/rand/v2"
	"testing"
)

// TestQRFormatInfo compares all 32 format information words with Table C.1
// of ISO/IEC 18004:2015 Annex C (level, mask pattern → 15 bits after
// masking).
func TestQRFormatInfo(t *testing.T) {
	want := map[Level][8]string{
		L: {"111011111000100", "111001011110011", "111110110101010", "111100010011101", "110011000101111", "110001100011000", "110110001000001", "110100101110110"},
		M: {"101010000010010", "101000100100101", "101111001111100", "101101101001011", "100010111111001", "100000011001110", "100111110010111", "100101010100000"},
		Q: {"011010101011111", "011000001101000", "011111100110001", "011101000000110", "010010010110100", "010000110000011", "010111011011010", "010101111101101"},
		H: {"001011010001001", "001001110111110", "001110011100111", "001100111010000", "000011101100010", "000001001010101", "000110100001100", "000100000111011"},
	}
	for l, words := range want {
		for m, w := range words {
			if got := QRFormatInfo(l, m); bin(got, 15) != w {
				t.Errorf("QRFormatInfo(%v, %d) = %s, want %s", l, m, bin(got, 15), w)
			}
		}
	}
}

// TestQRVersionInfo compares version information words with Table D.1 of
// Annex D.
func TestQRVersionInfo(t *testing.T) {
	for v, want := range map[int]uint32{
		7: 0x07C94, 8: 0x085BC, 9: 0x09A99, 10: 0x0A4D3, 20: 0x149A6, 30: 0x1ED75, 40: 0x28C69,
	} {
		if got := QRVersionInfo(v); got != want {
			t.Errorf("QRVersionInfo(%d) = %#05x, want %#05x", v, got, want)
		}
	}
}

// TestFormatDistance checks the property the BCH codes are chosen for:
// any two format words differ in at least 7 bits and any two version words
// in at least 8, so up to 3 bit errors are corrected (§7.9.1, §7.10).
func TestFormatDistance(t *testing.T) {
	check := func(name string, words []uint32, min int) {
		for i := range words {
			for j := i + 1; j < len(words); j++ {
				if d := bits.OnesCount32(words[i] ^ words[j]); d < min {
					t.Errorf("%s words %d and %d differ in %d bits, want at least %d", name, i, j, d, min)
				}
			}
		}
	}
	check("format", formatWords(), 7)
	var version []uint32
	for v := 7; v <= 40; v++ {
		version = append(version, QRVersionInfo(v))
	}
	check("version", version, 8)
}

// TestDecodeQRFormatInfo flips every combination of up to three bits of
// every format word: each decodes back to its level and mask with the
// number of flipped bits as distance. Random words decode to a word no
// other is nearer than.
func TestDecodeQRFormatInfo(t *testing.T) {
	for l := L; l <= H; l++ {
		for m := range 8 {
			w := QRFormatInfo(l, m)
			forErrors(15, 3, func(e uint32) {
				gl, gm, d := DecodeQRFormatInfo(w ^ e)
				if gl != l || gm != m || d != bits.OnesCount32(e) {
					t.Fatalf("%v/%d with errors %015b: decoded %v/%d at distance %d", l, m, e, gl, gm, d)
				}
			})
		}
	}
	all := formatWords()
	for word := uint32(0); word < 1<<15; word++ {
		l, m, d := DecodeQRFormatInfo(word)
		if bits.OnesCount32(word^QRFormatInfo(l, m)) != d {
			t.Fatalf("%015b: distance %d to %v/%d is wrong", word, d, l, m)
		}
		for _, o := range all {
			if bits.OnesCount32(word^o) < d {
				t.Fatalf("%015b: %015b is nearer than %v/%d", word, o, l, m)
			}
		}
	}
}

// TestDecodeQRVersionInfo flips every combination of up to three bits of
// every version word, and checks random words against a search over the
// 34 words.
func TestDecodeQRVersionInfo(t *testing.T) {
	for v := 7; v <= 40; v++ {
		w := QRVersionInfo(v)
		forErrors(18, 3, func(e uint32) {
			if gv, d := DecodeQRVersionInfo(w ^ e); gv != v || d != bits.OnesCount32(e) {
				t.Fatalf("version %d with errors %018b: decoded %d at distance %d", v, e, gv, d)
			}
		})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		word := rng.Uint32() & (1<<18 - 1)
		gv, d := DecodeQRVersionInfo(word)
		if gv < 7 || gv > 40 || bits.OnesCount32(word^QRVersionInfo(gv)) != d {
			t.Fatalf("%018b: decoded %d at distance %d", word, gv, d)
		}
		for v := 7; v <= 40; v++ {
			if bits.OnesCount32(word^QRVersionInfo(v)) < d {
				t.Fatalf("%018b: version %d is nearer than %d", word, v, gv)
			}
		}
	}
}

// forErrors calls f with every n-bit pattern of at most k set bits.
func forErrors(n, k int, f func(e uint32)) {
	for e := uint32(0); e < 1<<n; e++ {
		if bits.OnesCount32(e) <= k {
			f(e)
		}
	}
}

func formatWords() []uint32 {
	var words []uint32
	for l := L; l <= H; l++ {
		for m := range 8 {
			words = append(words, QRFormatInfo(l, m))
		}
	}
	return words
}

func bin(v uint32, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0' + byte(v>>uint(n-1-i)&1)
	}
	return string(b)
}
