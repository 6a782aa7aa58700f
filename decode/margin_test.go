package decode

import (
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
)

// symbolBits encodes text at level with gozxing's encoder and returns the
// module matrix.
func symbolBits(t *testing.T, text string, level decoder.ErrorCorrectionLevel) *gozxing.BitMatrix {
	t.Helper()
	q, err := encoder.Encoder_encodeWithoutHint(text, level)
	if err != nil {
		t.Fatal(err)
	}
	bm := q.GetMatrix()
	bits, _ := gozxing.NewSquareBitMatrix(bm.GetWidth())
	for y := 0; y < bm.GetHeight(); y++ {
		for x := 0; x < bm.GetWidth(); x++ {
			if bm.Get(x, y) == 1 {
				bits.Set(x, y)
			}
		}
	}
	return bits
}

// TestChance: a clean symbol is accepted; the same version 1-L symbol with
// two codewords damaged still decodes but is refused by the bound, since
// random codewords decode that way with a chance of about 3·10⁻¹⁰.
func TestChance(t *testing.T) {
	clean := symbolBits(t, "HELLO 1", decoder.ErrorCorrectionLevel_L)
	if r, ok := decodeQR(clean); !ok || r.chance > maxChanceLog10 {
		t.Errorf("clean symbol: decoded %v, log10 chance %.1f, want below %d", ok, r.chance, maxChanceLog10)
	}
	damaged := symbolBits(t, "HELLO 1", decoder.ErrorCorrectionLevel_L)
	// Flip the four modules of the data region's bottom-right 2×2 (part of
	// the first codeword, ISO/IEC 18004:2015 clause 7.7.3) and four modules
	// two columns to the left (the same or the next codeword).
	n := damaged.GetWidth()
	for _, p := range [][2]int{{n - 1, n - 1}, {n - 2, n - 1}, {n - 1, n - 5}, {n - 2, n - 5}} {
		damaged.Flip(p[0], p[1])
	}
	if _, err := decoder.NewDecoder().Decode(copyBits(damaged), nil); err != nil {
		t.Fatalf("damaged symbol no longer decodes: %v", err)
	}
	r, ok := decodeQR(damaged)
	if !ok || r.chance <= maxChanceLog10 {
		t.Errorf("damaged symbol: decoded %v, log10 chance %.1f, want decodable but above %d", ok, r.chance, maxChanceLog10)
	}
	if r.payload.text != "HELLO 1" {
		t.Errorf("damaged symbol reads %q", r.payload.text)
	}
}
