package encode

import (
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	zxenc "github.com/makiuchi-d/gozxing/qrcode/encoder"
)

// This file connects the tests to gozxing, the independent implementation
// used as an oracle: its decoder reads our symbols back, and its encoder,
// with version, mask and (by the content) mode forced, must produce the
// very same matrix.

// zxingDecode decodes sym's module matrix with gozxing's decoder, which
// works on the matrix directly (no image, no detection). Byte segments
// without ECI are read as ISO-8859-1 so that any bytes come back unchanged.
func zxingDecode(sym *Symbol) (*common.DecoderResult, error) {
	n := sym.Size()
	bm, err := gozxing.NewSquareBitMatrix(n)
	if err != nil {
		return nil, err
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if sym.Module(x, y) {
				bm.Set(x, y)
			}
		}
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_CHARACTER_SET: "ISO-8859-1"}
	return decoder.NewDecoder().Decode(bm, hints)
}

var zxingLevels = map[Level]decoder.ErrorCorrectionLevel{
	L: decoder.ErrorCorrectionLevel_L,
	M: decoder.ErrorCorrectionLevel_M,
	Q: decoder.ErrorCorrectionLevel_Q,
	H: decoder.ErrorCorrectionLevel_H,
}

// zxingEncode encodes content with gozxing's encoder. Version 0 and mask −1
// leave the choice to gozxing. charset, if not empty, is passed as the
// character set hint (gozxing then writes its ECI, or uses kanji mode for
// "Shift_JIS").
func zxingEncode(t testing.TB, content string, l Level, v Version, mask int, charset string) *zxenc.QRCode {
	t.Helper()
	hints := map[gozxing.EncodeHintType]interface{}{}
	if v != 0 {
		hints[gozxing.EncodeHintType_QR_VERSION] = int(v)
	}
	if mask >= 0 {
		hints[gozxing.EncodeHintType_QR_MASK_PATTERN] = mask
	}
	if charset != "" {
		hints[gozxing.EncodeHintType_CHARACTER_SET] = charset
	}
	code, err := zxenc.Encoder_encode(content, zxingLevels[l], hints)
	if err != nil {
		t.Fatalf("gozxing encode %q %v v%d mask %d: %v", content, l, v, mask, err)
	}
	return code
}

// sameMatrix reports the first module where sym and gozxing's code differ.
func sameMatrix(sym *Symbol, code *zxenc.QRCode) (x, y int, ok bool) {
	m := code.GetMatrix()
	n := m.GetWidth()
	if n != sym.Size() {
		return -1, -1, false
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if (m.Get(x, y) == 1) != sym.Module(x, y) {
				return x, y, false
			}
		}
	}
	return 0, 0, true
}
