package decode

import (
	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// rMQR (ISO/IEC 23941:2022): 32 sizes from R7x43 to R17x139, one finder
// pattern at the top-left, a finder sub-pattern at the bottom-right, corner
// patterns at the other two corners, timing patterns along all four edges
// and down each alignment column, alignment patterns on the top and bottom
// edges (§6.3), and two copies of 18 bits of format information, one
// beside each finder (§7.9).

// rmqrOrientLast is the last column of the top timing pattern that every
// rMQR version has plain: the first alignment pattern starts at column 18
// (R9x59's, centred on 19; Annex D).
const rmqrOrientLast = 17

// rmqrFamily reads rMQR.
var rmqrFamily = smallFamily{
	family: qrspec.RMQR,
	format: RMQR,
	// The top timing pattern, and the quiet zone above it and left of the
	// finder, down to the finder's bottom row (the lowest symbols are 7
	// modules high, the finder's height).
	orient:      timingRow(rmqrOrientLast, finderSide-1),
	readFormat:  readRMQRFormat,
	formatBits:  rmqrFormatBits,
	formatWords: rmqrFormatWords,
	confirm:     confirmRMQR,
	anchors:     rmqrAnchors,
	maskPattern: func(int) int { return qrspec.RMQRMaskPattern },
}

// readRMQRFormat reads the 18 format bits beside the finder pattern
// (qrspec.RMQRFormatPosition) through h and decodes the nearest word. rMQR
// has one mask, reported as 0.
func readRMQRFormat(m *gozxing.BitMatrix, h *projective) (v int, l qrspec.Level, mask, distance int) {
	word := readRMQRFormatWord(m, h, qrspec.RMQRFinderSide, 0, 0)
	v, l, distance = qrspec.DecodeRMQRFormatInfo(qrspec.RMQRFinderSide, word)
	return v, l, 0, distance
}

// confirmRMQR reads the second copy of the format information, beside the
// finder sub-pattern, through the located map: it must name the version
// and level of the first.
func confirmRMQR(loc *locator, t *orientedTry) (float64, bool) {
	word := readRMQRFormatWord(loc.m, &loc.h, qrspec.RMQRSubFinderSide, loc.l.w, loc.l.h)
	v, l, d := qrspec.DecodeRMQRFormatInfo(qrspec.RMQRSubFinderSide, word)
	if v != t.v || l != t.level || d > maxFormatDistance {
		return 0, false
	}
	return formatChanceLog10(rmqrFormatBits, rmqrFormatWords, d), true
}

// readRMQRFormatWord reads one copy of the format information of a w×h
// symbol through p.
func readRMQRFormatWord(m *gozxing.BitMatrix, p *projective, side qrspec.RMQRSide, w, h int) uint32 {
	var word uint32
	for k := range rmqrFormatBits {
		x, y := qrspec.RMQRFormatPosition(side, k, w, h)
		px, py := p.at(float64(x)+0.5, float64(y)+0.5)
		if darkAt(m, px, py) {
			word |= 1 << k
		}
	}
	return word
}

// rmqrAnchors walks down the left timing pattern (in symbols taller than
// the finder), then along the top and bottom edges every second module to
// the corners, and ends on the finder sub-pattern.
func rmqrAnchors(l *smallLayout) [][2]int {
	var a [][2]int
	for y := finderSide + 1; y < l.h; y += 2 {
		a = append(a, [2]int{0, y})
	}
	for x := finderSide + 2; ; x += 2 {
		x = min(x, l.w-1)
		a = append(a, [2]int{x, 0}, [2]int{x, l.h - 1})
		if x == l.w-1 {
			break
		}
	}
	// The sub-pattern's centre (§6.3.3): its 5×5 square fills the window.
	return append(a, [2]int{l.w - 3, l.h - 3})
}
