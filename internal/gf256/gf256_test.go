package gf256

import "testing"

func TestExpLog(t *testing.T) {
	if Exp(0) != 1 || Exp(1) != 2 || Exp(8) != 0x1D {
		t.Fatalf("α^0, α^1, α^8 = %#x %#x %#x; want 1 2 0x1d (x^8 = x^4+x^3+x^2+1)", Exp(0), Exp(1), Exp(8))
	}
	seen := map[byte]bool{}
	for i := 0; i < 255; i++ {
		a := Exp(i)
		if seen[a] {
			t.Fatalf("α^%d = %#x repeats: α is not primitive", i, a)
		}
		seen[a] = true
		if Log(a) != i {
			t.Fatalf("Log(α^%d) = %d", i, Log(a))
		}
	}
	if Exp(255) != 1 {
		t.Fatalf("α^255 = %#x, want 1", Exp(255))
	}
}

// mulSlow multiplies by shift-and-add with reduction by Poly.
func mulSlow(a, b byte) byte {
	var p int
	x, y := int(a), int(b)
	for y != 0 {
		if y&1 != 0 {
			p ^= x
		}
		y >>= 1
		x <<= 1
		if x&0x100 != 0 {
			x ^= Poly
		}
	}
	return byte(p)
}

func TestMul(t *testing.T) {
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			if got, want := Mul(byte(a), byte(b)), mulSlow(byte(a), byte(b)); got != want {
				t.Fatalf("Mul(%#x, %#x) = %#x, want %#x", a, b, got, want)
			}
		}
	}
	exp := ExpTable()
	for a := 1; a < 256; a++ {
		for b := 1; b < 256; b++ {
			if exp[Log(byte(a))+Log(byte(b))] != Mul(byte(a), byte(b)) {
				t.Fatalf("ExpTable disagrees with Mul at %d·%d", a, b)
			}
		}
	}
}
