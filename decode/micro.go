package decode

import (
	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// Micro QR (ISO/IEC 18004:2015): versions M1 to M4, 11 to 17 modules
// square, one finder pattern at the top-left with a light separator on its
// right and bottom sides, timing patterns along the top row and the left
// column from module 8 to the edge (§6.3.5), 15 bits of format information
// around the finder (§7.9.2).

// microSmallest is the side of M1, the smallest Micro QR symbol: 11 modules,
// its timing patterns running from module 8 to 10.
const microSmallest = 11

// microFamily reads Micro QR.
var microFamily = smallFamily{
	family: qrspec.MicroQR,
	format: MicroQR,
	// The timing patterns of M1, in both directions: a Micro QR symbol
	// looks the same transposed, so the handedness is left to the format
	// information.
	orient: append(timingRow(microSmallest-1, microSmallest-1),
		templateModule{0, 7, false}, templateModule{0, 8, true}, templateModule{0, 9, false}, templateModule{0, 10, true}),
	readFormat:  readMicroFormat,
	formatBits:  microFormatBits,
	formatWords: microFormatWords,
	anchors:     microAnchors,
	maskPattern: qrspec.MicroMaskPattern,
}

// readMicroFormat reads the 15 format bits at their modules
// (qrspec.MicroFormatPosition) through h and decodes the nearest word.
func readMicroFormat(m *gozxing.BitMatrix, h *projective) (v int, l qrspec.Level, mask, distance int) {
	var word uint32
	for k := range microFormatBits {
		x, y := qrspec.MicroFormatPosition(k)
		px, py := h.at(float64(x)+0.5, float64(y)+0.5)
		if darkAt(m, px, py) {
			word |= 1 << k
		}
	}
	return qrspec.DecodeMicroFormatInfo(word)
}

// microAnchors walks the two timing patterns outwards from the finder, a
// step along the top row, then one down the left column, every second
// module, ending at the last module of each (whose template holds the
// quiet zone beyond the edge).
func microAnchors(l *smallLayout) [][2]int {
	var a [][2]int
	for i := finderSide + 2; ; i += 2 {
		i = min(i, l.w-1)
		a = append(a, [2]int{i, 0}, [2]int{0, i})
		if i == l.w-1 {
			return a
		}
	}
}
