// Package gf256 implements arithmetic in GF(2^8), the finite field of 256
// elements over which QR Code's Reed–Solomon codes are defined (ISO/IEC
// 18004:2015 §7.5.2). Elements are bytes; the field is built from the
// primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), with α = 2 as
// generator.
//
// Everything here is a pure function of immutable tables and is safe for
// concurrent use.
package gf256

// Poly is the field's primitive polynomial x^8+x^4+x^3+x^2+1, §7.5.2.
const Poly = 0x11D

// tables holds exp and log: exp[i] = α^i for i in 0..509 (doubled so that
// exp[log a + log b] needs no reduction mod 255), log[a] for a ≠ 0.
type tables struct {
	exp [510]byte
	log [256]uint8
}

var t = build()

func build() *tables {
	var t tables
	x := 1
	for i := 0; i < 255; i++ {
		t.exp[i] = byte(x)
		t.exp[i+255] = byte(x)
		t.log[x] = uint8(i)
		x <<= 1
		if x&0x100 != 0 {
			x ^= Poly
		}
	}
	return &t
}

// Exp returns α^i for i ≥ 0.
func Exp(i int) byte { return t.exp[i%255] }

// Log returns log_α(a), 0..254. Log(0) is undefined and returns 0.
func Log(a byte) int { return int(t.log[a]) }

// Mul returns the product a·b.
func Mul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return t.exp[int(t.log[a])+int(t.log[b])]
}

// ExpTable returns the doubled exponent table: ExpTable()[i] = α^i for i in
// 0..509, so that ExpTable()[Log(a)+Log(b)] = a·b for nonzero a and b
// without a reduction. The array must not be modified.
func ExpTable() *[510]byte { return &t.exp }
