package decode

import (
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// gozxing's parser takes FNC1 in second position for a mode indicator
// alone: it does not read the application indicator that follows
// (ISO/IEC 18004:2015 §7.4.8.3) and fails on the rest of the stream, or
// misreads it. These functions read such symbols instead, with gozxing's
// codeword reading and Reed–Solomon decoding (zxing.go) and this package's
// parser, and only them: any other stream gozxing refuses stays refused.

// readFNC1Second decodes the sampled symbol bits (as sampled, before
// gozxing's decoder unmasked them) if they hold FNC1 in second position,
// in their normal orientation or mirrored, as readSymbol does; with a bound
// below 0 it applies the chance bound too.
func readFNC1Second(original *gozxing.BitMatrix, points []gozxing.ResultPoint, toImage affine, bound float64) (Result, float64, bool) {
	for _, mirrored := range []bool{false, true} {
		dr, format, ok := correctFNC1Second(copyBits(original), mirrored)
		if !ok {
			continue
		}
		chance := 0.0
		if bound < 0 {
			if chance = chanceLog10(copyBits(original), mirrored); chance > bound {
				return Result{}, 0, false
			}
		}
		if mirrored && !mirrorPoints(points) {
			return Result{}, 0, false
		}
		res := newResult(dr, original.GetHeight(), format, points, toImage)
		res.Mirrored = mirrored
		return res, chance, true
	}
	return Result{}, 0, false
}

// correctFNC1Second reads the codewords of bits, corrects every block and
// returns the decoder result of the data codewords if they hold FNC1 in
// second position. It unmasks bits in place.
func correctFNC1Second(bits *gozxing.BitMatrix, mirrored bool) (*common.DecoderResult, *decoder.FormatInformation, bool) {
	c, ok := readCodewords(bits, mirrored)
	if !ok {
		return nil, nil, false
	}
	var data []byte
	for _, b := range c.blocks {
		cw := b.GetCodewords()
		ints := make([]int, len(cw))
		for i, v := range cw {
			ints[i] = int(v)
		}
		if !correctBlock(ints, len(cw)-b.GetNumDataCodewords()) {
			return nil, nil, false
		}
		for _, v := range ints[:b.GetNumDataCodewords()] {
			data = append(data, byte(v))
		}
	}
	dr, ok := fnc1SecondData(data, c)
	return dr, c.format, ok
}

// fnc1SecondData returns a decoder result for the corrected data codewords
// of a symbol read by readCodewords if they parse and hold FNC1 in second
// position; its text is left for newResult to fill.
func fnc1SecondData(data []byte, c symbolCodewords) (*common.DecoderResult, bool) {
	p, err := parseStream(data, c.version.GetVersionNumber())
	if err != nil || !p.fnc1Second {
		return nil, false
	}
	return newDecoderResult(data, c)
}
