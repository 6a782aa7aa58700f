package qrspec

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// TestOracleTables compares Table 9 and Annex E with gozxing's version
// table, independent of ours, and the encoding and decoding of Annex C and
// D's words with gozxing's.
func TestOracleTables(t *testing.T) {
	lv := [levels]decoder.ErrorCorrectionLevel{decoder.ErrorCorrectionLevel_L, decoder.ErrorCorrectionLevel_M, decoder.ErrorCorrectionLevel_Q, decoder.ErrorCorrectionLevel_H}
	for v := 1; v <= 40; v++ {
		gv, err := decoder.Version_GetVersionForNumber(v)
		if err != nil {
			t.Fatal(err)
		}
		if gv.GetTotalCodewords() != QR.TotalCodewords(v) {
			t.Errorf("version %d: %d codewords, gozxing %d", v, QR.TotalCodewords(v), gv.GetTotalCodewords())
		}
		if w, _ := QR.Size(v); w != gv.GetDimensionForVersion() {
			t.Errorf("version %d: %d modules wide, gozxing %d", v, w, gv.GetDimensionForVersion())
		}
		var buf [7]int
		if a, ga := QRAlignment(&buf, v), gv.GetAlignmentPatternCenters(); !slices.Equal(a, ga) {
			t.Errorf("version %d: alignment %v, gozxing %v", v, a, ga)
		}
		for l := L; l <= H; l++ {
			gb := gv.GetECBlocksForLevel(lv[l])
			b := QR.Blocks(v, l)
			if gb.GetNumBlocks() != b.Count || gb.GetECCodewordsPerBlock() != b.ECPerBlock {
				t.Errorf("%d-%v: %d blocks of %d, gozxing %d of %d", v, l, b.Count, b.ECPerBlock, gb.GetNumBlocks(), gb.GetECCodewordsPerBlock())
			}
			// gozxing lists Table 9's groups, shorter blocks first.
			groups := gb.GetECBlocks()
			if groups[0].GetCount() != b.Short || groups[0].GetDataCodewords() != b.ShortData {
				t.Errorf("%d-%v: first group %d of %d data codewords, gozxing %d of %d", v, l, b.Short, b.ShortData, groups[0].GetCount(), groups[0].GetDataCodewords())
			}
		}
		if v >= 7 {
			if got, err := decoder.Version_decodeVersionInformation(int(QRVersionInfo(v))); err != nil || got.GetVersionNumber() != v {
				t.Errorf("version %d: gozxing reads our version information as %v, %v", v, got, err)
			}
		}
	}
}

// TestOracleDecodeInfo compares the nearest-codeword decoding of format and
// version words with gozxing's on random words: where gozxing accepts a
// word (at most 3 bits from a valid one), both name the same value.
func TestOracleDecodeInfo(t *testing.T) {
	lv := map[decoder.ErrorCorrectionLevel]Level{decoder.ErrorCorrectionLevel_L: L, decoder.ErrorCorrectionLevel_M: M, decoder.ErrorCorrectionLevel_Q: Q, decoder.ErrorCorrectionLevel_H: H}
	rng := rand.New(rand.NewPCG(3, 4))
	accepted := 0
	for range 5000 {
		// Near a valid word half of the time, so that gozxing accepts some.
		word := rng.Uint32() & (1<<15 - 1)
		if rng.IntN(2) == 0 {
			word = QRFormatInfo(Level(rng.IntN(4)), rng.IntN(8)) ^ 1<<rng.IntN(15) ^ 1<<rng.IntN(15)
		}
		l, m, d := DecodeQRFormatInfo(word)
		gf := decoder.FormatInformation_DecodeFormatInformation(uint(word), uint(word))
		if d > 3 && gf != nil {
			// gozxing also tries the word unmasked, for writers that
			// forgot the mask: compare with that reading.
			l, m, d = DecodeQRFormatInfo(word ^ qrFormatCode.mask)
		}
		if (gf != nil) != (d <= 3) {
			t.Fatalf("%015b: distance %d, gozxing accepts: %v", word, d, gf != nil)
		}
		if gf != nil {
			accepted++
			if lv[gf.GetErrorCorrectionLevel()] != l || int(gf.GetDataMask()) != m {
				t.Fatalf("%015b: %v/%d, gozxing %v/%d", word, l, m, gf.GetErrorCorrectionLevel(), gf.GetDataMask())
			}
		}
	}
	for range 5000 {
		word := rng.Uint32() & (1<<18 - 1)
		if rng.IntN(2) == 0 {
			word = QRVersionInfo(7+rng.IntN(34)) ^ 1<<rng.IntN(18) ^ 1<<rng.IntN(18) ^ 1<<rng.IntN(18)
		}
		v, d := DecodeQRVersionInfo(word)
		gv, err := decoder.Version_decodeVersionInformation(int(word))
		if (err == nil) != (d <= 3) || err == nil && gv.GetVersionNumber() != v {
			t.Fatalf("%018b: version %d at distance %d, gozxing %v, %v", word, v, d, gv, err)
		}
	}
	if accepted == 0 {
		t.Fatal("gozxing accepted no format word: the comparison checked nothing")
	}
}
