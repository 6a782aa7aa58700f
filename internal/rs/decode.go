package rs

import (
	"errors"

	"github.com/qrworks/qrworks/internal/gf256"
)

// Decoding. A received block r(x) of n codewords, data followed by e error
// correction codewords as Remainder writes them (word[0] the coefficient of
// x^(n−1)), is a codeword when it vanishes at the generator's roots α^0 …
// α^(e−1). Otherwise Decode finds the errors in the textbook steps
// (ISO/IEC 18004:2015 §7.5.2 gives the code; the steps are those of any
// Reed–Solomon decoder):
//
//  1. the syndromes S_j = r(α^j), j = 0 … e−1;
//  2. the error locator Λ(x) = Π (1 − X_k·x) by Berlekamp–Massey, where
//     X_k = α^p for an error at the coefficient of x^p;
//  3. its roots by Chien search: Λ(α^−p) = 0 for each error position p;
//  4. the error values by Forney's formula: with the evaluator
//     Ω(x) = S(x)·Λ(x) mod x^e, the error at X_k is
//     X_k·Ω(X_k^−1) / Λ'(X_k^−1) (the first root is α^0).
//
// A block with at most e/2 errors is always corrected. One with more is
// either reported uncorrectable or, when it lies within e/2 of another
// codeword, "corrected" into that codeword: no decoder can tell. Decode
// then returns the number of codewords it changed, never 0, so that the
// caller can weigh the chance of such a miscorrection (a reading that
// needed all of its block's correction is less certain than one that
// needed none).

// ErrUncorrectable means a block has more errors than its error correction
// codewords can locate: no codeword lies within e/2 of it.
var ErrUncorrectable = errors.New("rs: too many errors to correct")

// maxBlock is the longest block a code over GF(2^8) has: 255 codewords, one
// per nonzero element of the field as a position.
const maxBlock = 255

// Decode corrects the block word in place, its last ecc codewords being the
// error correction codewords, and returns the number of codewords it
// changed (0 when word was a codeword). If it cannot correct the block it
// returns an error wrapping ErrUncorrectable and leaves word as it was.
//
// ecc must be 1 to MaxDegree and less than len(word), and len(word) at most
// 255; anything else is a bug of the caller and panics. Decode does not
// allocate.
func Decode(word []byte, ecc int) (corrected int, err error) {
	n := len(word)
	if ecc < 1 || ecc > MaxDegree || ecc >= n || n > maxBlock {
		panic("rs: block shape out of range")
	}
	// A codeword's check bytes are the remainder of its data: the common
	// case costs one division.
	var check [MaxDegree]byte
	Remainder(check[:ecc], word[:n-ecc])
	if string(check[:ecc]) == string(word[n-ecc:]) {
		return 0, nil
	}
	// The syndromes are those of r(x) mod g(x), since g vanishes at the
	// same points: the remainder of the data XOR the received check
	// codewords, a polynomial of degree below ecc, so each costs ecc
	// steps rather than n.
	for i, c := range word[n-ecc:] {
		check[i] ^= c
	}
	var synd [MaxDegree]byte
	syndromes(synd[:ecc], check[:ecc])
	var lambda [MaxDegree + 1]byte
	degree := berlekampMassey(synd[:ecc], &lambda)
	if 2*degree > ecc {
		return 0, ErrUncorrectable
	}
	var positions [MaxDegree / 2]int // indices into word
	if chien(lambda[:degree+1], n, positions[:degree]) != degree {
		return 0, ErrUncorrectable
	}
	var values [MaxDegree / 2]byte
	if !forney(synd[:ecc], lambda[:degree+1], n, positions[:degree], values[:degree]) {
		return 0, ErrUncorrectable
	}
	for k, i := range positions[:degree] {
		word[i] ^= values[k]
	}
	return degree, nil
}

// syndromes writes r(α^j) into s[j] for j = 0 … len(s)−1, by Horner's rule
// with r's highest coefficient first.
func syndromes(s []byte, r []byte) {
	exp := gf256.ExpTable()
	for j := range s {
		var y byte
		for _, c := range r {
			if y != 0 {
				y = exp[gf256.Log(y)+j]
			}
			y ^= c
		}
		s[j] = y
	}
}

// berlekampMassey writes the error locator polynomial of the syndromes s
// into lambda, lowest coefficient first (lambda[0] = 1), and returns its
// degree: the shortest linear recurrence that generates s.
func berlekampMassey(s []byte, lambda *[MaxDegree + 1]byte) int {
	var prev [MaxDegree + 1]byte // B(x): the locator before the last length change
	lambda[0], prev[0] = 1, 1
	degree, shift := 0, 1 // L, and m: steps since the last length change
	lastDelta := byte(1)  // b: the discrepancy at the last length change
	for k := range s {
		// The discrepancy between s[k] and what the locator predicts.
		delta := s[k]
		for i := 1; i <= degree; i++ {
			delta ^= gf256.Mul(lambda[i], s[k-i])
		}
		if delta == 0 {
			shift++
			continue
		}
		coef := div(delta, lastDelta)
		saved := *lambda
		// Λ(x) −= (δ/b)·x^m·B(x); the coefficients beyond len(s) are zero.
		for i := 0; i+shift <= len(s); i++ {
			lambda[i+shift] ^= gf256.Mul(coef, prev[i])
		}
		if 2*degree <= k {
			degree, prev, lastDelta, shift = k+1-degree, saved, delta, 1
		} else {
			shift++
		}
	}
	return degree
}

// chien finds the roots of the locator: position i of a block of n codewords
// is in error when Λ(α^−(n−1−i)) = 0. It writes the positions found, up to
// len(positions), and returns how many roots there are among the block's
// positions; fewer roots than the degree mean the errors lie outside the
// block, or are too many.
func chien(lambda []byte, n int, positions []int) int {
	found := 0
	for i := range n {
		xInv := gf256.Exp(maxBlock - (n-1-i)%maxBlock) // α^−p
		if eval(lambda, xInv) != 0 {
			continue
		}
		if found == len(positions) {
			return found + 1
		}
		positions[found] = i
		found++
	}
	return found
}

// forney writes into values the error value at each of positions, from the
// syndromes s and the locator lambda, for a block of n codewords. It reports
// false if a value comes out zero or undefined, which no consistent set of
// errors gives.
func forney(s, lambda []byte, n int, positions []int, values []byte) bool {
	// Ω(x) = S(x)·Λ(x) mod x^len(s), lowest coefficient first.
	var omega [MaxDegree]byte
	for i, si := range s {
		for j := 0; j < len(lambda) && i+j < len(s); j++ {
			omega[i+j] ^= gf256.Mul(si, lambda[j])
		}
	}
	// Λ'(x): in characteristic 2 only the odd terms survive.
	var deriv [MaxDegree + 1]byte
	for i := 1; i < len(lambda); i += 2 {
		deriv[i-1] = lambda[i]
	}
	for k, i := range positions {
		p := n - 1 - i
		x, xInv := gf256.Exp(p), gf256.Exp(maxBlock-p%maxBlock)
		num := eval(omega[:len(s)], xInv)
		den := eval(deriv[:len(lambda)], xInv)
		if num == 0 || den == 0 {
			return false
		}
		values[k] = gf256.Mul(x, div(num, den))
	}
	return true
}

// eval returns p(x) for p given lowest coefficient first.
func eval(p []byte, x byte) byte {
	var y byte
	for i := len(p) - 1; i >= 0; i-- {
		y = gf256.Mul(y, x) ^ p[i]
	}
	return y
}

// div returns a/b for b ≠ 0.
func div(a, b byte) byte {
	if a == 0 {
		return 0
	}
	return gf256.Exp(gf256.Log(a) + maxBlock - gf256.Log(b))
}
