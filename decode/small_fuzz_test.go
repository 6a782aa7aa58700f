package decode

import (
	"testing"

	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/encode"
)

// fuzzMatrixSide bounds the matrices the fuzz target builds.
const fuzzMatrixSide = 240

// packMatrix packs a w×h matrix into the fuzz target's input: w and h,
// then the pixels row by row, eight to a byte, least significant first.
func packMatrix(w, h int, dark func(x, y int) bool) []byte {
	out := []byte{byte(w), byte(h)}
	bits := make([]byte, (w*h+7)/8)
	for y := range h {
		for x := range w {
			if dark(x, y) {
				i := y*w + x
				bits[i/8] |= 1 << (i % 8)
			}
		}
	}
	return append(out, bits...)
}

// unpackMatrix is packMatrix's inverse; missing pixels are light.
func unpackMatrix(data []byte) *gozxing.BitMatrix {
	if len(data) < 2 {
		return nil
	}
	w, h := max(int(data[0]), 1), max(int(data[1]), 1)
	m, err := gozxing.NewBitMatrix(w, h)
	if err != nil {
		return nil
	}
	bits := data[2:]
	for i := 0; i < w*h && i/8 < len(bits); i++ {
		if bits[i/8]>>(i%8)&1 != 0 {
			m.Set(i%w, i/w)
		}
	}
	return m
}

// symbolSeed renders a symbol at scale pixels per module with a quiet zone
// of two modules, packed for the fuzz target.
func symbolSeed(t testing.TB, text string, o encode.Options, scale int) []byte {
	var s encode.Symbol
	var e encode.Encoder
	if err := e.EncodeTo(&s, []byte(text), &o); err != nil {
		t.Fatal(err)
	}
	const quiet = 2
	w, h := (s.Width()+2*quiet)*scale, (s.Height()+2*quiet)*scale
	return packMatrix(min(w, fuzzMatrixSide), min(h, fuzzMatrixSide), func(x, y int) bool {
		return s.Module(x/scale-quiet, y/scale-quiet)
	})
}

// FuzzSmallSymbols runs the Micro QR and rMQR search on any bit matrix: it
// must not panic, and what it reads must be a symbol of the family's
// versions and levels with corners. The seeds are symbols of both
// families, which the fuzzer damages.
func FuzzSmallSymbols(f *testing.F) {
	f.Add(symbolSeed(f, "12345", encode.Options{Format: encode.MicroQR, Level: encode.L}, 2))
	f.Add(symbolSeed(f, "HELLO M4", encode.Options{Format: encode.MicroQR, Level: encode.Q}, 3))
	f.Add(symbolSeed(f, "CABLE 4417", encode.Options{Format: encode.RMQR, Level: encode.M, MaxHeight: 7}, 2))
	f.Add(symbolSeed(f, "R13", encode.Options{Format: encode.RMQR, Level: encode.H, MinVersion: 17, MaxVersion: 17}, 3))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := unpackMatrix(data)
		if m == nil {
			return
		}
		s := search{scr: new(scratch), formats: allFormats}
		s.detectSmall(m, identity)
		for _, r := range s.results {
			last := map[Format]int{MicroQR: 4, RMQR: 32}[r.Format]
			if r.Version < 1 || r.Version > last || r.Bytes == nil {
				t.Fatalf("read %+v", r)
			}
		}
	})
}

// TestFuzzSeedsRead checks that the fuzz target's seeds are symbols the
// search reads, so that the fuzzer starts from readings.
func TestFuzzSeedsRead(t *testing.T) {
	for _, seed := range [][]byte{
		symbolSeed(t, "12345", encode.Options{Format: encode.MicroQR, Level: encode.L}, 2),
		symbolSeed(t, "CABLE 4417", encode.Options{Format: encode.RMQR, Level: encode.M, MaxHeight: 7}, 2),
	} {
		s := search{scr: new(scratch), formats: allFormats}
		if s.detectSmall(unpackMatrix(seed), identity); len(s.results) != 1 {
			t.Errorf("seed read as %v", s.results)
		}
	}
}
