package rs

import (
	"bytes"
	"math/rand"
	"testing"

	"github.com/qrworks/qrworks/internal/gf256"
)

// TestAnnexI checks the error correction codewords of the worked example of
// ISO/IEC 18004:2015 Annex I: "01234567" in version 1-M, 16 data codewords
// and 10 error correction codewords.
func TestAnnexI(t *testing.T) {
	data := []byte{0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11}
	want := []byte{0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55}
	got := make([]byte, 10)
	Remainder(got, data)
	if !bytes.Equal(got, want) {
		t.Fatalf("Remainder = % X, want % X", got, want)
	}
}

// TestGeneratorAnnexA compares generator polynomials with Annex A, which
// lists their coefficients as exponents of α.
func TestGeneratorAnnexA(t *testing.T) {
	for _, c := range []struct {
		n   int
		exp []int // α exponents of the coefficients after the leading x^n
	}{
		{7, []int{87, 229, 146, 149, 238, 102, 21}},
		{10, []int{251, 67, 46, 61, 118, 70, 64, 94, 32, 45}},
		{13, []int{74, 152, 176, 100, 86, 100, 106, 104, 130, 218, 206, 140, 78}},
	} {
		g := Generator(c.n)
		for i, e := range c.exp {
			if g[i] != gf256.Exp(e) {
				t.Errorf("degree %d coefficient %d = %#x, want α^%d = %#x", c.n, i, g[i], e, gf256.Exp(e))
			}
		}
	}
}

// TestCodewordRoots checks the defining property for every block size QR
// Code uses: data followed by its remainder is a multiple of g(x), so it
// vanishes at α^0 … α^(n−1).
func TestCodewordRoots(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := 1; n <= MaxDegree; n++ {
		data := make([]byte, 1+rng.Intn(150))
		rng.Read(data)
		ecc := make([]byte, n)
		Remainder(ecc, data)
		word := append(append([]byte(nil), data...), ecc...)
		for i := 0; i < n; i++ {
			x := gf256.Exp(i)
			var y byte // Horner's rule, highest power first
			for _, c := range word {
				y = gf256.Mul(y, x) ^ c
			}
			if y != 0 {
				t.Fatalf("degree %d: codeword(α^%d) = %#x, want 0", n, i, y)
			}
		}
	}
}

func TestRemainderAllocs(t *testing.T) {
	data := make([]byte, 100)
	ecc := make([]byte, 30)
	Remainder(ecc, data)
	if a := testing.AllocsPerRun(100, func() { Remainder(ecc, data) }); a != 0 {
		t.Fatalf("Remainder allocates %v times", a)
	}
}

func BenchmarkRemainder30(b *testing.B) {
	data := make([]byte, 118)
	ecc := make([]byte, 30)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Remainder(ecc, data)
	}
}
