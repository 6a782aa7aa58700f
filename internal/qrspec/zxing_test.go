package qrspec

import (
	"fmt"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
)

// TestZXingLayout compares the function patterns of every Micro QR and
// rMQR version with symbols made by zxing-cpp's writer, an independent
// implementation: every function module outside the format information
// has the colour we draw, and the format information read at our
// positions decodes, with no error, to the version and level asked for.
func TestZXingLayout(t *testing.T) {
	z := testenv.StartZXing(t)
	for v := 1; v <= 4; v++ {
		l := L
		s, err := z.Write("1", "MicroQRCode", fmt.Sprintf("ecLevel=L,version=%d", v))
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("M%d", v)
		format := compareFunction(t, name, s, func(m Mark) { MicroFunctionPatterns(v, m) }, func(k int) (int, int) { return MicroFormatPosition(k) }, 15)
		if gv, gl, _, d := DecodeMicroFormatInfo(uint32(format)); gv != v || gl != l || d != 0 {
			t.Errorf("%s: format %015b reads as M%d-%v at distance %d", name, format, gv, gl, d)
		}
	}
	for v := 1; v <= 32; v++ {
		for _, l := range []Level{M, H} {
			s, err := z.Write("1", "RMQRCode", fmt.Sprintf("ecLevel=%v,version=%d", l, v))
			if err != nil {
				t.Fatal(err)
			}
			w, h := RMQR.Size(v)
			name := fmt.Sprintf("R%dx%d-%v", h, w, l)
			// Both copies, as one 36-bit word: the finder side's 18 bits
			// in the low half.
			pos := func(k int) (int, int) { return RMQRFormatPosition(RMQRSide(k/18), k%18, w, h) }
			format := compareFunction(t, name, s, func(m Mark) { RMQRFunctionPatterns(v, m) }, pos, 36)
			for side := RMQRFinderSide; side <= RMQRSubFinderSide; side++ {
				word := uint32(format >> (18 * side) & (1<<18 - 1))
				if gv, gl, d := DecodeRMQRFormatInfo(side, word); gv != v || gl != l || d != 0 {
					t.Errorf("%s: format %018b on side %d reads as %d-%v at distance %d", name, word, side, gv, gl, d)
				}
			}
		}
	}
}

// compareFunction checks the function modules that draw reports against
// zxing's symbol s, except the format modules, and returns the n-bit
// format word read at pos, bit n−1 first.
func compareFunction(t *testing.T, name string, s *testenv.ZXingSymbol, draw func(Mark), pos func(k int) (x, y int), n int) uint64 {
	t.Helper()
	var word uint64
	format := map[[2]int]bool{}
	for k := n - 1; k >= 0; k-- {
		x, y := pos(k)
		format[[2]int{x, y}] = true
		word <<= 1
		if s.Dark(x, y) {
			word |= 1
		}
	}
	bad := 0
	draw(func(x, y int, dark bool) {
		if !format[[2]int{x, y}] && s.Dark(x, y) != dark && bad < 5 {
			bad++
			t.Errorf("%s: function module (%d, %d) dark %v in zxing's symbol", name, x, y, s.Dark(x, y))
		}
	})
	return word
}
