package qrspec

import (
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// TestMaskDarkOracle compares the eight patterns of Table 10 with
// gozxing's, over the largest symbol: gozxing flips (j, i) of an empty
// matrix where its pattern holds for row i, column j.
func TestMaskDarkOracle(t *testing.T) {
	for p := range MaskPatterns {
		m, _ := gozxing.NewSquareBitMatrix(MaxSide)
		decoder.DataMaskValues[p].UnmaskBitMatrix(m, MaxSide)
		for i := range MaxSide {
			for j := range MaxSide {
				if got, want := MaskDark(p, i, j), m.Get(j, i); got != want {
					t.Fatalf("pattern %d at row %d, column %d: %v, gozxing %v", p, i, j, got, want)
				}
			}
		}
	}
}

// TestMicroMaskPatterns checks Micro QR's four masks and rMQR's against
// their conditions as Table 10 and ISO/IEC 23941 state them.
func TestMicroMaskPatterns(t *testing.T) {
	conditions := [4]func(i, j int) bool{
		func(i, j int) bool { return i%2 == 0 },
		func(i, j int) bool { return (i/2+j/3)%2 == 0 },
		func(i, j int) bool { return (i*j%2+i*j%3)%2 == 0 },
		func(i, j int) bool { return ((i+j)%2+i*j%3)%2 == 0 },
	}
	for m, cond := range conditions {
		for i := range 17 {
			for j := range 17 {
				if MaskDark(MicroMaskPattern(m), i, j) != cond(i, j) {
					t.Fatalf("Micro QR mask %02b at (%d, %d)", m, i, j)
				}
				if m == 1 && MaskDark(RMQRMaskPattern, i, j) != cond(i, j) {
					t.Fatalf("rMQR mask at (%d, %d)", i, j)
				}
			}
		}
	}
}
