package decode

import (
	"flag"
	"math/rand/v2"
	"testing"

	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/encode"
	"github.com/qrworks/qrworks/internal/qrspec"
)

// TestQRAcceptanceOfRandomModules measures QR's acceptance rule on
// garbage: symbols whose function patterns, format and version information
// are exact (the best case for garbage: every check but the data's
// passes) and whose data modules are random, read by decodeQR as printed
// and mirrored. It counts the readings that Reed–Solomon corrects and the
// payload parser accepts, which is what the first passes keep, and those
// that also clear the chance bounds of the fallback passes and of the
// perspective search (margin.go). -robust.full reads about seventy times more.
func TestQRAcceptanceOfRandomModules(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes some ten thousand random symbols")
	}
	n := 300
	if f := flag.Lookup("robust.full"); f != nil && f.Value.String() == "true" {
		n = 20000
	}
	rng := rand.New(rand.NewPCG(17, 43))
	total, totalDecoded := 0, 0
	for _, v := range []int{1, 2, 3, 5, 7, 10} {
		for _, level := range []encode.Level{encode.L, encode.M, encode.Q, encode.H} {
			decoded, fallback, persp := randomReadings(t, v, level, n, rng)
			total += n
			totalDecoded += decoded
			t.Logf("v%d-%v: %d of %d random symbols decode; %d clear the fallback bound 10^%d, %d the perspective bound 10^%d",
				v, level, decoded, n, fallback, fallbackMaxChanceLog10, persp, maxChanceLog10)
			// Version 1-L, the weakest (7 EC codewords correcting 3), decodes
			// random codewords with a chance near 10^-6 per reading.
			if decoded > 2+n/10000 || fallback > 0 || persp > 0 {
				t.Errorf("v%d-%v: garbage accepted: %d decoded, %d within the fallback bound, %d within the perspective bound", v, level, decoded, fallback, persp)
			}
		}
	}
	t.Logf("%d of %d random symbols accepted by the first passes' rule", totalDecoded, total)
}

// randomReadings decodes n symbols of version v and level with random data
// modules and counts the readings accepted: by any pass, by the fallback
// bound, by the perspective bound.
func randomReadings(t *testing.T, v int, level encode.Level, n int, rng *rand.Rand) (decoded, fallback, persp int) {
	var e encode.Encoder
	var sym encode.Symbol
	if err := e.EncodeTo(&sym, []byte("garbage"), &encode.Options{Level: level, MinVersion: encode.Version(v)}); err != nil {
		t.Fatal(err)
	}
	dim := sym.Size()
	bits, err := gozxing.NewBitMatrix(dim, dim)
	if err != nil {
		t.Fatal(err)
	}
	data := encode.DataModules(encode.Version(v))
	for range n {
		bits.Clear()
		for y := range dim {
			for x := range dim {
				if sym.Module(x, y) {
					bits.Set(x, y)
				}
			}
		}
		for _, p := range data {
			x, y := int(p&0xFF), int(p>>8)
			if rng.IntN(2) == 0 {
				bits.Flip(x, y)
			}
		}
		r, ok := decodeQR(bits)
		if !ok {
			continue
		}
		decoded++
		if r.chance <= fallbackMaxChanceLog10 {
			fallback++
		}
		if r.chance <= maxChanceLog10 {
			persp++
		}
	}
	return decoded, fallback, persp
}

// TestBlankSymbolRefused reads symbols whose data modules are the data
// mask itself: unmasked, every codeword is zero, a valid Reed–Solomon
// codeword that a checkerboard or hatching in a photo reads as. decodeQR
// must refuse them (blank), in both orientations.
func TestBlankSymbolRefused(t *testing.T) {
	for _, v := range []int{1, 3, 7} {
		for mask := range 8 {
			var e encode.Encoder
			var sym encode.Symbol
			opts := encode.Options{Level: encode.H, MinVersion: encode.Version(v), Mask: encode.MaskPattern(mask)}
			if err := e.EncodeTo(&sym, []byte("blank"), &opts); err != nil {
				t.Fatal(err)
			}
			dim := sym.Size()
			bits, err := gozxing.NewBitMatrix(dim, dim)
			if err != nil {
				t.Fatal(err)
			}
			for y := range dim {
				for x := range dim {
					if sym.Module(x, y) {
						bits.Set(x, y)
					}
				}
			}
			for _, p := range encode.DataModules(encode.Version(v)) {
				x, y := int(p&0xFF), int(p>>8)
				if bits.Get(x, y) != qrspec.MaskDark(mask, y, x) {
					bits.Flip(x, y)
				}
			}
			c, ok := readCodewords(copyBits(bits), false)
			if !ok || !c.exact() || !blank(c.dataCodewords()) {
				t.Fatalf("v%d mask %d: the test symbol does not read as zero codewords", v, mask)
			}
			if r, ok := decodeQR(bits); ok {
				t.Errorf("v%d mask %d: blank symbol read as %q", v, mask, r.payload.text)
			}
		}
	}
}
