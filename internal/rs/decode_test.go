package rs

import (
	"bytes"
	"errors"
	"math/rand"
	"testing"

	"github.com/makiuchi-d/gozxing/common/reedsolomon"
)

// annexIBlock is the codeword block of ISO/IEC 18004:2015 Annex I,
// "01234567" in version 1-M: 16 data codewords, then 10 error correction
// codewords.
var annexIBlock = []byte{
	0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
	0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55,
}

// TestDecodeAnnexI damages the Annex I block in chosen places, data and
// error correction codewords, up to the 5 errors its 10 check codewords
// correct.
func TestDecodeAnnexI(t *testing.T) {
	for _, c := range []struct {
		name   string
		errors map[int]byte // position → XOR pattern
	}{
		{"clean", nil},
		{"first data codeword", map[int]byte{0: 0xFF}},
		{"last check codeword", map[int]byte{25: 0x01}},
		{"two", map[int]byte{3: 0x5A, 17: 0x80}},
		{"five spread", map[int]byte{0: 1, 6: 2, 12: 3, 18: 4, 24: 5}},
		{"five adjacent", map[int]byte{10: 0xFF, 11: 0xFF, 12: 0xFF, 13: 0xFF, 14: 0xFF}},
	} {
		t.Run(c.name, func(t *testing.T) {
			word := append([]byte(nil), annexIBlock...)
			for i, e := range c.errors {
				word[i] ^= e
			}
			n, err := Decode(word, 10)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if n != len(c.errors) {
				t.Errorf("corrected %d codewords, want %d", n, len(c.errors))
			}
			if !bytes.Equal(word, annexIBlock) {
				t.Errorf("got % X\nwant % X", word, annexIBlock)
			}
		})
	}
}

// TestDecodeAnnexISixErrors puts six errors into the Annex I block, one
// more than it corrects: Decode must refuse, leaving the block as it was,
// or land on another codeword and say how many codewords it changed.
func TestDecodeAnnexISixErrors(t *testing.T) {
	word := append([]byte(nil), annexIBlock...)
	for _, i := range []int{1, 4, 9, 15, 20, 23} {
		word[i] ^= 0x33
	}
	received := append([]byte(nil), word...)
	n, err := Decode(word, 10)
	checkBeyondCapacity(t, received, word, 10, n, err)
}

// checkBeyondCapacity checks Decode's answer for a block damaged beyond
// its capacity: an error wrapping ErrUncorrectable with word untouched, or
// a codeword within ecc/2 of the received block, n being exactly its
// distance.
func checkBeyondCapacity(t *testing.T, received, word []byte, ecc, n int, err error) (miscorrected bool) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrUncorrectable) {
			t.Fatalf("error %v does not wrap ErrUncorrectable", err)
		}
		if !bytes.Equal(word, received) {
			t.Fatalf("a failed Decode changed the block")
		}
		return false
	}
	if !isCodeword(word, ecc) {
		t.Fatalf("Decode returned a block that is no codeword")
	}
	if d := distance(word, received); n != d || n == 0 || 2*n > ecc {
		t.Fatalf("Decode reports %d corrections, changed %d codewords (capacity %d)", n, d, ecc/2)
	}
	return true
}

func isCodeword(word []byte, ecc int) bool {
	var s [MaxDegree]byte
	syndromes(s[:ecc], word)
	for _, v := range s[:ecc] {
		if v != 0 {
			return false
		}
	}
	return true
}

func distance(a, b []byte) int {
	d := 0
	for i := range a {
		if a[i] != b[i] {
			d++
		}
	}
	return d
}

// randomCodeword returns a random codeword of n codewords, ecc of them for
// error correction.
func randomCodeword(rng *rand.Rand, n, ecc int) []byte {
	word := make([]byte, n)
	rng.Read(word[:n-ecc])
	Remainder(word[n-ecc:], word[:n-ecc])
	return word
}

// damage XORs nonzero values into k distinct random positions of word.
func damage(rng *rand.Rand, word []byte, k int) {
	for _, i := range rng.Perm(len(word))[:k] {
		word[i] ^= byte(1 + rng.Intn(255))
	}
}

// blockShapes are (codewords, error correction codewords) pairs: every
// error correction length of QR Code, Micro QR and rMQR (2 to 30), and the
// longest blocks a code over GF(2^8) has.
var blockShapes = [][2]int{
	{5, 2}, {10, 5}, {10, 6}, {17, 6}, {17, 8}, {24, 8}, {24, 10}, {24, 14},
	{26, 7}, {26, 10}, {26, 13}, {26, 17}, {44, 16}, {70, 18}, {100, 26}, {134, 30},
	{13, 7}, {21, 9}, {68, 24}, {255, 30}, {255, 68}, {69, 68},
}

// TestDecodeUpToCapacity corrects random error patterns of every weight up
// to the capacity, ecc/2, in every block shape.
func TestDecodeUpToCapacity(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	for _, s := range blockShapes {
		n, ecc := s[0], s[1]
		for k := 0; 2*k <= ecc; k++ {
			for range 20 {
				want := randomCodeword(rng, n, ecc)
				word := append([]byte(nil), want...)
				damage(rng, word, k)
				got, err := Decode(word, ecc)
				if err != nil || got != k || !bytes.Equal(word, want) {
					t.Fatalf("(%d,%d) with %d errors: corrected %d, %v; block restored: %v", n, ecc, k, got, err, bytes.Equal(word, want))
				}
			}
		}
	}
}

// TestDecodeBeyondCapacity damages blocks with more errors than they
// correct. Decode must never return a block that is not a codeword, nor
// claim fewer corrections than it made; miscorrections (a codeword within
// ecc/2 of the damage) happen, the more often the fewer check codewords.
func TestDecodeBeyondCapacity(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	for _, s := range blockShapes {
		n, ecc := s[0], s[1]
		tries, wrong := 0, 0
		for k := ecc/2 + 1; k <= min(n, ecc+4); k++ {
			for range 30 {
				word := randomCodeword(rng, n, ecc)
				damage(rng, word, k)
				received := append([]byte(nil), word...)
				got, err := Decode(word, ecc)
				if checkBeyondCapacity(t, received, word, ecc, got, err) {
					wrong++
				}
				tries++
			}
		}
		t.Logf("(%d,%d): %d of %d blocks beyond capacity miscorrected", n, ecc, wrong, tries)
		if ecc >= 10 && wrong > 0 {
			// About C(n, e/2)·255^(e/2)/256^e of random words lie within e/2 of
			// a codeword: below 10⁻³ for e ≥ 10 at these lengths.
			t.Errorf("(%d,%d): %d miscorrections, expected none", n, ecc, wrong)
		}
	}
}

// TestDecodeAgainstZXing compares Decode with gozxing's Reed–Solomon
// decoder, an independent implementation (Euclid's algorithm rather than
// Berlekamp–Massey), on blocks with errors around the capacity: both must
// agree on success and on the corrected block.
func TestDecodeAgainstZXing(t *testing.T) {
	zx := reedsolomon.NewReedSolomonDecoder(reedsolomon.GenericGF_QR_CODE_FIELD_256)
	rng := rand.New(rand.NewSource(19))
	for _, s := range blockShapes {
		n, ecc := s[0], s[1]
		for range 200 {
			word := randomCodeword(rng, n, ecc)
			damage(rng, word, ecc/2-1+rng.Intn(4))
			ints := make([]int, n)
			for i, c := range word {
				ints[i] = int(c)
			}
			zerr := zx.Decode(ints, ecc)
			_, err := Decode(word, ecc)
			if (err == nil) != (zerr == nil) {
				t.Fatalf("(%d,%d): Decode error %v, gozxing error %v", n, ecc, err, zerr)
			}
			for i, c := range word {
				if err == nil && int(c) != ints[i] {
					t.Fatalf("(%d,%d): corrected blocks differ at %d", n, ecc, i)
				}
			}
		}
	}
}

func TestDecodeAllocs(t *testing.T) {
	rng := rand.New(rand.NewSource(23))
	clean := randomCodeword(rng, 100, 30)
	word := make([]byte, len(clean))
	if a := testing.AllocsPerRun(100, func() {
		copy(word, clean)
		word[3] ^= 1
		word[50] ^= 7
		Decode(word, 30)
	}); a != 0 {
		t.Fatalf("Decode allocates %v times", a)
	}
}

func TestDecodePanicsOnBadShape(t *testing.T) {
	for _, c := range []struct{ n, ecc int }{{10, 0}, {10, 10}, {300, 30}, {100, MaxDegree + 1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Decode(%d codewords, ecc %d) did not panic", c.n, c.ecc)
				}
			}()
			Decode(make([]byte, c.n), c.ecc)
		}()
	}
}

func benchmarkDecode(b *testing.B, errs int) {
	rng := rand.New(rand.NewSource(29))
	clean := randomCodeword(rng, 134, 30)
	damaged := append([]byte(nil), clean...)
	damage(rng, damaged, errs)
	word := make([]byte, len(clean))
	b.SetBytes(int64(len(word)))
	for b.Loop() {
		copy(word, damaged)
		Decode(word, 30)
	}
}

func BenchmarkDecodeClean(b *testing.B)   { benchmarkDecode(b, 0) }
func BenchmarkDecode1Error(b *testing.B)  { benchmarkDecode(b, 1) }
func BenchmarkDecode15Error(b *testing.B) { benchmarkDecode(b, 15) }

// BenchmarkZXingDecode15Error is gozxing's decoder on the same block, for
// comparison.
func BenchmarkZXingDecode15Error(b *testing.B) {
	zx := reedsolomon.NewReedSolomonDecoder(reedsolomon.GenericGF_QR_CODE_FIELD_256)
	rng := rand.New(rand.NewSource(29))
	clean := randomCodeword(rng, 134, 30)
	damage(rng, clean, 15)
	ints := make([]int, len(clean))
	for b.Loop() {
		for i, c := range clean {
			ints[i] = int(c)
		}
		zx.Decode(ints, 30)
	}
}
