package decode

import (
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	multidetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// The boundary with gozxing. Every call into gozxing's algorithms — finder
// search and detection, perspective transforms and grid sampling, format
// and version reading, codeword extraction, the charsets that turn bytes
// into text — is made by a function of this file, and each of
// them turns a panic inside gozxing into the failure of that one call
// (nothing found, not decodable, a point mapped nowhere): gozxing was not
// written for hostile input, and one of its bugs must cost one candidate,
// not the whole search.
//
// Nothing else recovers. gozxing's data types (BitMatrix, ResultPoint,
// FinderPattern) are used directly elsewhere, with our own indices, and
// our sampler, Reed–Solomon decoding (internal/rs), payload parser, chance
// bound and pure reading never run inside these functions: a panic in our code reaches the tests
// and the fuzzers.

// recovered is deferred by every function of this file that calls into
// gozxing: it turns a panic there into *ok = false, the function's other
// results being whatever they held (nil or zero unless documented).
func recovered(ok *bool) {
	if recover() != nil {
		*ok = false
	}
}

// Hints given to gozxing's finder search: the normal search, and the
// exhaustive one (TRY_HARDER: every row scanned, more candidates kept).
// Maps that are only read are safe to share.
var (
	hintsNormal    map[gozxing.DecodeHintType]any
	hintsTryHarder = map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
)

// detectMulti returns the symbols gozxing's multi-symbol detector finds in
// m.
func detectMulti(m *gozxing.BitMatrix, hints map[gozxing.DecodeHintType]any) (drs []*common.DetectorResult, ok bool) {
	defer recovered(&ok)
	drs, err := multidetector.NewMultiDetector(m).DetectMulti(hints)
	return drs, err == nil
}

// detectOne returns the symbol gozxing's single-symbol detector finds in m.
func detectOne(m *gozxing.BitMatrix, hints map[gozxing.DecodeHintType]any) (dr *common.DetectorResult, ok bool) {
	defer recovered(&ok)
	dr, err := detector.NewDetector(m).Detect(hints)
	return dr, err == nil
}

// finderTriples returns the finder-pattern triples of gozxing's
// exhaustive multi-symbol finder in m.
func finderTriples(m *gozxing.BitMatrix) (triples []*detector.FinderPatternInfo, ok bool) {
	defer recovered(&ok)
	triples, err := multidetector.NewMultiFinderPatternFinder(m, nil).FindMulti(hintsTryHarder)
	return triples, err == nil
}

// finderTriple returns the triple of gozxing's exhaustive single-symbol
// finder in m (nil if it found none) and the candidate finder centres it
// kept on the way, which exist even when it found no triple.
func finderTriple(m *gozxing.BitMatrix) (triple *detector.FinderPatternInfo, centres []*detector.FinderPattern, ok bool) {
	defer recovered(&ok)
	finder := detector.NewFinderPatternFinder(m, nil)
	if info, err := finder.Find(hintsTryHarder); err == nil {
		triple = info
	}
	return triple, finder.GetPossibleCenters(), true
}

// transform is a perspective map from module coordinates to the plane, as
// gozxing's detector builds and applies it.
type transform struct{ t *common.PerspectiveTransform }

// symbolTransform returns the map gozxing's detector uses for a symbol of
// dimension dim: the finder centres tl, tr, bl 3.5 modules in from their
// corners (clause 6.3.3) and the fourth point the alignment pattern ap,
// 6.5 modules in from the bottom-right corner (clause 6.3.6), or without
// it the corner of the parallelogram.
func symbolTransform(tl, tr, bl gozxing.ResultPoint, ap *detector.AlignmentPattern, dim int) (t transform, ok bool) {
	defer recovered(&ok)
	return transform{detector.Detector_createTransform(tl, tr, bl, ap, dim)}, true
}

// quadTransform returns the map taking the quadrilateral src to dst, each
// four points (x0, y0, …, x3, y3).
func quadTransform(src, dst [8]float64) (t transform, ok bool) {
	defer recovered(&ok)
	return transform{common.PerspectiveTransform_QuadrilateralToQuadrilateral(
		src[0], src[1], src[2], src[3], src[4], src[5], src[6], src[7],
		dst[0], dst[1], dst[2], dst[3], dst[4], dst[5], dst[6], dst[7])}, true
}

// apply maps the points (x0, y0, x1, y1, …) of pts in place. Should
// gozxing fail, every point becomes NaN: off the image, matching nothing.
func (t transform) apply(pts []float64) {
	if !t.tryApply(pts) {
		for i := range pts {
			pts[i] = math.NaN()
		}
	}
}

func (t transform) tryApply(pts []float64) (ok bool) {
	defer recovered(&ok)
	t.t.TransformPoints(pts)
	return true
}

// at maps one point.
func (t transform) at(x, y float64) (float64, float64) {
	p := [2]float64{x, y}
	t.apply(p[:])
	return p[0], p[1]
}

// sampleGrid samples the dim×dim modules of a symbol from m through t, one
// pixel at each module centre.
func sampleGrid(m *gozxing.BitMatrix, t transform, dim int) (bits *gozxing.BitMatrix, ok bool) {
	defer recovered(&ok)
	bits, err := detector.Detector_sampleGrid(m, t.t, dim)
	return bits, err == nil
}

// readCodewords reads the version, format information and codewords of the
// sampled QR symbol bits, in their mirror image if mirrored (as gozxing's
// decoder reads a mirrored symbol), and splits the codewords into their
// blocks (ISO/IEC 18004:2015 clause 7.6), with no error correction. It
// unmasks bits in place.
func readCodewords(bits *gozxing.BitMatrix, mirrored bool) (c symbolCodewords, ok bool) {
	defer recovered(&ok)
	parser, err := decoder.NewBitMatrixParser(bits)
	if err != nil {
		return c, false
	}
	if mirrored {
		// The same steps as the decoder's mirrored reading.
		parser.SetMirror(true)
		if _, err := parser.ReadVersion(); err != nil {
			return c, false
		}
		if _, err := parser.ReadFormatInformation(); err != nil {
			return c, false
		}
		parser.Mirror()
	}
	version, err := parser.ReadVersion()
	if err != nil {
		return c, false
	}
	format, err := parser.ReadFormatInformation()
	if err != nil {
		return c, false
	}
	raw, err := parser.ReadCodewords()
	if err != nil {
		return c, false
	}
	level := format.GetErrorCorrectionLevel()
	blocks, err := decoder.DataBlock_GetDataBlocks(raw, version, level)
	if err != nil {
		return c, false
	}
	c = symbolCodewords{family: qrspec.QR, version: version.GetVersionNumber(), mask: int(format.GetDataMask())}
	c.level = qrLevels[level.String()]
	c.blocks = make([]block, 0, len(blocks))
	for _, b := range blocks {
		c.blocks = append(c.blocks, block{codewords: b.GetCodewords(), data: b.GetNumDataCodewords()})
		c.dataBits += 8 * b.GetNumDataCodewords()
	}
	return c, true
}

// qrLevels maps gozxing's names of the error correction levels to ours.
var qrLevels = map[string]qrspec.Level{"L": qrspec.L, "M": qrspec.M, "Q": qrspec.Q, "H": qrspec.H}

// charset says how the bytes of a segment become text: an ECI assignment
// number (0 and up), or one of the charsets named below.
type charset int

const (
	// charsetGuess is gozxing's guess of the charset of a byte segment
	// without ECI (UTF-8, Shift JIS or ISO-8859-1, from the bytes).
	charsetGuess charset = -1 - iota
	// charsetShiftJIS is Shift JIS, the charset of kanji segments
	// (ISO/IEC 18004:2015 §7.4.6).
	charsetShiftJIS
	// charsetGB2312 is GB 2312, the charset of hanzi segments (GB/T
	// 18284-2000), decoded as its superset GB 18030.
	charsetGB2312
)

// appendDecoded appends src, converted to UTF-8 from charset cs, to dst.
// An ECI that names no charset gozxing knows is read as a segment without
// ECI (its charset guessed). ok is false when the conversion fails.
func appendDecoded(dst, src []byte, cs charset) (out []byte, ok bool) {
	if asciiCompatible(cs) && isASCII(src) {
		return append(dst, src...), true
	}
	return appendConverted(dst, src, cs)
}

// asciiCompatible reports whether charset cs reads every byte below 0x80
// as that ASCII character: the guess (which, for such bytes, is UTF-8 or
// ISO-8859-1), ISO-8859-1 (ECI 1 and 3), UTF-8 (ECI 26) and ASCII (ECI 27
// and 170; ISO/IEC 18004:2015 Table 4 and AIM ECI).
func asciiCompatible(cs charset) bool {
	switch cs {
	case charsetGuess, 1, 3, 26, 27, 170:
		return true
	}
	return false
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// appendConverted is appendDecoded through gozxing's charsets.
func appendConverted(dst, src []byte, cs charset) (out []byte, ok bool) {
	defer recovered(&ok)
	var text []byte
	var err error
	switch cs {
	case charsetShiftJIS:
		text, err = common.StringUtils_SHIFT_JIS_CHARSET.NewDecoder().Bytes(src)
	case charsetGB2312:
		text, err = common.StringUtils_GB2312_CHARSET.NewDecoder().Bytes(src)
	default:
		if eci, e := common.GetCharacterSetECIByValue(int(cs)); cs >= 0 && e == nil && eci != nil {
			text, err = eci.GetCharset().NewDecoder().Bytes(src)
			break
		}
		guess, e := common.StringUtils_guessCharset(src, nil)
		if e != nil {
			return dst, false
		}
		text, err = guess.NewDecoder().Bytes(src)
	}
	if err != nil {
		return dst, false
	}
	return append(dst, text...), true
}

// charsetName names the character set of an ECI assignment number, or is
// empty when gozxing knows none.
func charsetName(eci int) (name string, ok bool) {
	defer recovered(&ok)
	if cs, err := common.GetCharacterSetECIByValue(eci); err == nil && cs != nil {
		return cs.Name(), true
	}
	return "", true
}
