package encode

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	zxenc "github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/qrworks/qrworks/internal/qrspec"
)

// oracleContent returns content of the given mode that fills about frac of
// version v at level l, so that blocks and interleaving are exercised.
func oracleContent(rng *rand.Rand, mode Mode, v Version, l Level, frac float64) string {
	bitsAvail := float64(capacity(v, l)-4-qrspec.QR.CountBits(int(v), segMode[mode-ModeNumeric])) * frac
	var alphabet string
	var n int
	switch mode {
	case ModeNumeric:
		alphabet, n = "0123456789", int(bitsAvail*3/10)
	case ModeAlphanumeric:
		alphabet, n = qrspec.AlphanumericChars, int(bitsAvail*2/11)
	case ModeByte:
		alphabet, n = "abcdefghijklmnopqrstuvwxyz{|}~!#&'()", int(bitsAvail/8)
	case ModeKanji:
		var b strings.Builder
		kanji := []rune("漢字日本語東京駅前のテストアイウエオ")
		for i := int(bitsAvail / 13); i > 0; i-- {
			b.WriteRune(kanji[rng.Intn(len(kanji))])
		}
		return b.String()
	}
	b := make([]byte, max(n, 1))
	for i := range b {
		b[i] = alphabet[rng.Intn(len(alphabet))]
	}
	// gozxing picks the mode from the content: make sure it sees a
	// character of the mode we force (a letter for alphanumeric, a lower
	// case one for byte).
	switch mode {
	case ModeAlphanumeric:
		b[0] = 'A'
	case ModeByte:
		b[0] = 'a'
	}
	return string(b)
}

// TestOracleByteExact compares our matrix with gozxing's for every version,
// level and mask in numeric, alphanumeric and byte mode, with version, mask
// and (through the content) mode forced. In -short mode it samples the
// versions.
func TestOracleByteExact(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	var e Encoder
	var s Symbol
	n := 0
	for v := MinVersion; v <= MaxVersion; v++ {
		if testing.Short() && v%6 != 1 && v != MaxVersion {
			continue
		}
		for l := L; l <= H; l++ {
			for _, mode := range []Mode{ModeNumeric, ModeAlphanumeric, ModeByte} {
				content := oracleContent(rng, mode, v, l, 0.3+0.7*rng.Float64())
				for m := 0; m < 8; m++ {
					o := Options{Level: l, MinVersion: v, MaxVersion: v, Mask: MaskPattern(m), Mode: mode}
					if err := e.EncodeTo(&s, []byte(content), &o); err != nil {
						t.Fatalf("%d-%v %v mask %d: %v", v, l, mode, m, err)
					}
					code := zxingEncode(t, content, l, v, m, "")
					if code.GetMode() != zxingMode(mode) {
						t.Fatalf("gozxing chose mode %v for %v content", code.GetMode(), mode)
					}
					if x, y, ok := sameMatrix(&s, code); !ok {
						t.Fatalf("%d-%v %v mask %d: module (%d,%d) differs from gozxing", v, l, mode, m, x, y)
					}
					n++
				}
			}
		}
	}
	t.Logf("%d symbols identical to gozxing's", n)
}

func zxingMode(m Mode) *decoder.Mode {
	switch m {
	case ModeNumeric:
		return decoder.Mode_NUMERIC
	case ModeAlphanumeric:
		return decoder.Mode_ALPHANUMERIC
	case ModeKanji:
		return decoder.Mode_KANJI
	}
	return decoder.Mode_BYTE
}

// TestOracleAutoMask checks that our penalty evaluation (§7.8.3) picks the
// same mask as gozxing's for every version and level.
func TestOracleAutoMask(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	var e Encoder
	var s Symbol
	for v := MinVersion; v <= MaxVersion; v++ {
		for l := L; l <= H; l++ {
			content := oracleContent(rng, ModeByte, v, l, rng.Float64())
			o := Options{Level: l, MinVersion: v, MaxVersion: v, Mode: ModeByte}
			if err := e.EncodeTo(&s, []byte(content), &o); err != nil {
				t.Fatal(err)
			}
			code := zxingEncode(t, content, l, v, -1, "")
			if code.GetMaskPattern() != s.Mask() {
				t.Fatalf("%d-%v: chose mask %d, gozxing %d", v, l, s.Mask(), code.GetMaskPattern())
			}
			if _, _, ok := sameMatrix(&s, code); !ok {
				t.Fatalf("%d-%v: matrix differs from gozxing", v, l)
			}
		}
	}
}

// TestOraclePenalty compares the four penalty rules, computed on packed
// words, with gozxing's module-by-module implementation.
func TestOraclePenalty(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	var e Encoder
	var s Symbol
	for i := 0; i < 120; i++ {
		v := Version(1 + rng.Intn(40))
		o := Options{Level: Level(1 + rng.Intn(4)), MinVersion: v, MaxVersion: v, Mask: MaskPattern(rng.Intn(8))}
		if err := e.EncodeTo(&s, []byte(oracleContent(rng, ModeByte, v, o.Level, rng.Float64())), &o); err != nil {
			t.Fatal(err)
		}
		n := s.Size()
		bm := zxenc.NewByteMatrix(n, n)
		for y := 0; y < n; y++ {
			for x := 0; x < n; x++ {
				if s.Module(x, y) {
					bm.Set(x, y, 1)
				} else {
					bm.Set(x, y, 0)
				}
			}
		}
		want := zxenc.MaskUtil_applyMaskPenaltyRule1(bm) + zxenc.MaskUtil_applyMaskPenaltyRule2(bm) +
			zxenc.MaskUtil_applyMaskPenaltyRule3(bm) + zxenc.MaskUtil_applyMaskPenaltyRule4(bm)
		var none matrix
		var r maskedRows
		var m matrix
		copy(m[:], s.rows)
		r.fill(&m, &none, &none, n)
		if got := r.penalty(n); got != want {
			t.Fatalf("version %d: penalty %d; gozxing %d", v, got, want)
		}
	}
}

// TestOracleKanji compares kanji mode symbols with gozxing's, which uses
// kanji mode for Shift JIS content that is all double-byte characters.
func TestOracleKanji(t *testing.T) {
	rng := rand.New(rand.NewSource(10))
	var e Encoder
	var s Symbol
	for v := MinVersion; v <= MaxVersion; v += 3 {
		for l := L; l <= H; l++ {
			content := oracleContent(rng, ModeKanji, v, l, 0.3+0.7*rng.Float64())
			m := rng.Intn(8)
			o := Options{Level: l, MinVersion: v, MaxVersion: v, Mask: MaskPattern(m), Mode: ModeKanji}
			if err := e.EncodeTo(&s, []byte(content), &o); err != nil {
				t.Fatal(err)
			}
			code := zxingEncode(t, content, l, v, m, "Shift_JIS")
			if code.GetMode() != decoder.Mode_KANJI {
				t.Fatalf("gozxing chose %v", code.GetMode())
			}
			if x, y, ok := sameMatrix(&s, code); !ok {
				t.Fatalf("%d-%v mask %d: module (%d,%d) differs from gozxing", v, l, m, x, y)
			}
		}
	}
}

// TestOracleECI compares byte mode with ECI 26 with gozxing given the
// UTF-8 character set, which writes the same designator.
func TestOracleECI(t *testing.T) {
	var e Encoder
	var s Symbol
	for _, content := range []string{"héllo wörld", "日本語テキスト", "naïve café — ok"} {
		for v := Version(2); v <= 40; v += 13 {
			o := Options{Level: M, MinVersion: v, MaxVersion: v, Mask: MaskPattern(int(v) % 8), Mode: ModeByte}
			if err := e.EncodeTo(&s, []byte(content), &o); err != nil {
				t.Fatal(err)
			}
			code := zxingEncode(t, content, M, v, int(v)%8, "UTF-8")
			if x, y, ok := sameMatrix(&s, code); !ok {
				t.Fatalf("%q %d: module (%d,%d) differs from gozxing", content, v, x, y)
			}
		}
	}
}
