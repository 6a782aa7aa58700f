package qrspec_test

import (
	"testing"

	"github.com/qrworks/qrworks/encode"
	"github.com/qrworks/qrworks/internal/qrspec"
)

// TestQRInfoPositions reads the format and version information of symbols
// from the encoder at QRFormatPosition and QRVersionPosition: both copies
// decode, with no bit wrong, to the symbol's level, mask and version.
func TestQRInfoPositions(t *testing.T) {
	for _, v := range []int{1, 6, 7, 21, 40} {
		for _, level := range []encode.Level{encode.L, encode.M, encode.Q, encode.H} {
			var e encode.Encoder
			var sym encode.Symbol
			if err := e.EncodeTo(&sym, []byte("position"), &encode.Options{Level: level, MinVersion: encode.Version(v)}); err != nil {
				t.Fatal(err)
			}
			n := sym.Size()
			for c := range 2 {
				var word uint32
				for k := range 15 {
					if x, y := qrspec.QRFormatPosition(c, k, n); sym.Module(x, y) {
						word |= 1 << k
					}
				}
				l, mask, d := qrspec.DecodeQRFormatInfo(word)
				if d != 0 || l.String() != sym.Level().String() || mask != sym.Mask() {
					t.Errorf("v%d %v copy %d: format %v mask %d at distance %d, want %v mask %d", v, level, c, l, mask, d, sym.Level(), sym.Mask())
				}
				if v < 7 {
					continue
				}
				word = 0
				for k := range 18 {
					if x, y := qrspec.QRVersionPosition(c, k, n); sym.Module(x, y) {
						word |= 1 << k
					}
				}
				if got, d := qrspec.DecodeQRVersionInfo(word); got != v || d != 0 {
					t.Errorf("v%d copy %d: version %d at distance %d", v, c, got, d)
				}
			}
		}
	}
}
