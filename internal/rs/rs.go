// Package rs computes Reed–Solomon error correction codewords as QR Code
// uses them (ISO/IEC 18004:2015 §7.5.2): the codewords of a block are the
// remainder of data(x)·x^n divided by the generator polynomial
// g(x) = (x−α^0)(x−α^1)…(x−α^(n−1)) over GF(2^8).
//
// Generators are built once per degree, on first use, and shared; every
// function is safe for concurrent use.
package rs

import (
	"sync"

	"github.com/qrworks/qrworks/internal/gf256"
)

// MaxDegree is the largest number of error correction codewords per block
// this package supports. QR Code needs 7 to 30 (Table 9); 68 covers the
// generator polynomials tabulated in Annex A.
const MaxDegree = 68

// generator is the table for one degree n: mul[f][i] = f·g_i, where g_i is
// the coefficient of x^(n−1−i) of g(x) (the leading 1 is implicit). One
// row per possible feedback byte turns each step of the division into n
// table loads and XORs.
type generator struct {
	once sync.Once
	mul  [][]byte // 256 rows of n bytes, in one backing array
	// wide holds the same rows packed big-endian into four words, for
	// degrees up to 32 (QR Code's blocks have at most 30): row f, byte i
	// is byte 7−i%8 of wide[f][i/8].
	wide *[256][4]uint64
}

var generators [MaxDegree + 1]generator

func (g *generator) build(n int) {
	// coef[i] is the coefficient of x^(n-1-i) of the monic generator.
	coef := make([]byte, n)
	poly := []byte{1} // coefficients, highest power first
	for i := 0; i < n; i++ {
		// poly *= (x - α^i); subtraction is XOR in GF(2^8).
		next := make([]byte, len(poly)+1)
		r := gf256.Exp(i)
		for j, c := range poly {
			next[j] ^= c
			next[j+1] ^= gf256.Mul(c, r)
		}
		poly = next
	}
	copy(coef, poly[1:])
	back := make([]byte, 256*n)
	g.mul = make([][]byte, 256)
	for f := 0; f < 256; f++ {
		row := back[f*n : (f+1)*n : (f+1)*n]
		for i, c := range coef {
			row[i] = gf256.Mul(byte(f), c)
		}
		g.mul[f] = row
	}
	if n <= 32 {
		g.wide = new([256][4]uint64)
		for f := 0; f < 256; f++ {
			for i, c := range g.mul[f] {
				g.wide[f][i/8] |= uint64(c) << (56 - 8*uint(i%8))
			}
		}
	}
}

// Generator returns the coefficients of the monic generator polynomial of
// degree n, highest power first and without the leading 1, as in Annex A of
// ISO/IEC 18004:2015 (which lists them as exponents of α). It panics if n is
// outside 1..MaxDegree.
func Generator(n int) []byte {
	return append([]byte(nil), table(n)[1]...)
}

func table(n int) [][]byte { return gen(n).mul }

func gen(n int) *generator {
	if n < 1 || n > MaxDegree {
		panic("rs: degree out of range")
	}
	g := &generators[n]
	g.once.Do(func() { g.build(n) })
	return g
}

// Remainder writes into ecc the len(ecc) error correction codewords of
// data: the remainder of data(x)·x^n / g(x) with n = len(ecc). It does not
// allocate once the generator of that degree exists. It panics if len(ecc)
// is outside 1..MaxDegree, which is a bug of the caller.
func Remainder(ecc, data []byte) {
	n := len(ecc)
	g := gen(n)
	if g.wide != nil {
		remainderWide(ecc, data, g.wide)
		return
	}
	mul := g.mul
	clear(ecc)
	// Division by an LFSR: the register holds the running remainder, the
	// feedback byte is the next data byte plus the register's head.
	for _, d := range data {
		f := d ^ ecc[0]
		copy(ecc, ecc[1:])
		ecc[n-1] = 0
		if f != 0 {
			row := mul[f][:n]
			for i := range ecc {
				ecc[i] ^= row[i]
			}
		}
	}
}

// remainderWide is Remainder for degrees up to 32 with the register in
// four words: each data byte costs a 32-byte shift and XOR instead of a
// loop over the codewords.
func remainderWide(ecc, data []byte, wide *[256][4]uint64) {
	var r0, r1, r2, r3 uint64 // register bytes 0..31, big-endian
	for _, d := range data {
		row := &wide[d^byte(r0>>56)]
		r0 = (r0<<8 | r1>>56) ^ row[0]
		r1 = (r1<<8 | r2>>56) ^ row[1]
		r2 = (r2<<8 | r3>>56) ^ row[2]
		r3 = r3<<8 ^ row[3]
	}
	reg := [4]uint64{r0, r1, r2, r3}
	for i := range ecc {
		ecc[i] = byte(reg[i/8] >> (56 - 8*uint(i%8)))
	}
}
