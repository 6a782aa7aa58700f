package decode

import (
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/common/reedsolomon"
	multidetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// The boundary with gozxing. Every call into gozxing's algorithms — finder
// search and detection, perspective transforms and grid sampling, format
// and version reading, codeword extraction, Reed–Solomon correction and
// bit-stream decoding — is made by a function of this file, and each of
// them turns a panic inside gozxing into the failure of that one call
// (nothing found, not decodable, a point mapped nowhere): gozxing was not
// written for hostile input, and one of its bugs must cost one candidate,
// not the whole search.
//
// Nothing else recovers. gozxing's data types (BitMatrix, ResultPoint,
// FinderPattern, DataBlock) are used directly elsewhere, with our own
// indices, and our sampler, payload parser, chance bound and pure reading
// never run inside these functions: a panic in our code reaches the tests
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

// qrDecoder and rsDecoder are stateless after construction and safe to
// share.
var (
	qrDecoder = decoder.NewDecoder()
	rsDecoder = reedsolomon.NewReedSolomonDecoder(reedsolomon.GenericGF_QR_CODE_FIELD_256)
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

// zxingReading is gozxing's decoding of one sampled symbol.
type zxingReading struct {
	dr       *common.DecoderResult
	format   *decoder.FormatInformation // nil if unreadable
	mirrored bool                       // read from its mirror image
}

// decodeSymbol decodes the sampled symbol bits with gozxing's decoder,
// error correction included. The format information is read first, both
// ways: the decoder unmasks (and, for a mirrored reading, transposes) bits
// in place. points are the detector's (bottom-left, top-left, top-right
// finder centres, …); a mirrored reading reorders them to match.
func decodeSymbol(bits *gozxing.BitMatrix, points []gozxing.ResultPoint) (r zxingReading, ok bool) {
	defer recovered(&ok)
	parser, err := decoder.NewBitMatrixParser(bits)
	if err != nil {
		return r, false
	}
	r.format, _ = parser.ReadFormatInformation()
	parser.SetMirror(true)
	mirroredFormat, _ := parser.ReadFormatInformation()
	if r.dr, err = qrDecoder.Decode(bits, nil); err != nil {
		return r, false
	}
	if md, isMeta := r.dr.GetOther().(*decoder.QRCodeDecoderMetaData); isMeta && md.IsMirrored() {
		r.mirrored, r.format = true, mirroredFormat
		md.ApplyMirroredCorrection(points)
	}
	return r, true
}

// symbolCodewords is what the parser reads from sampled symbol bits.
type symbolCodewords struct {
	version *decoder.Version
	format  *decoder.FormatInformation
	blocks  []*decoder.DataBlock
}

// readCodewords reads the version, format information and codewords of the
// sampled symbol bits, mirrored as the decoder found it, and splits the
// codewords into their blocks (ISO/IEC 18004:2015 clause 7.6), with no
// error correction. It unmasks bits in place.
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
	if c.version, err = parser.ReadVersion(); err != nil {
		return c, false
	}
	if c.format, err = parser.ReadFormatInformation(); err != nil {
		return c, false
	}
	raw, err := parser.ReadCodewords()
	if err != nil {
		return c, false
	}
	c.blocks, err = decoder.DataBlock_GetDataBlocks(raw, c.version, c.format.GetErrorCorrectionLevel())
	return c, err == nil
}

// correctBlock corrects the codewords of one block in place, ec of them
// for error correction, with gozxing's Reed–Solomon decoder.
func correctBlock(codewords []int, ec int) (ok bool) {
	defer recovered(&ok)
	return rsDecoder.Decode(codewords, ec) == nil
}

// decodeData decodes the data codewords of a symbol read by readCodewords
// into its content (ISO/IEC 18004:2015 clause 7.4).
func decodeData(data []byte, c symbolCodewords) (dr *common.DecoderResult, ok bool) {
	defer recovered(&ok)
	dr, err := decoder.DecodedBitStreamParser_Decode(data, c.version, c.format.GetErrorCorrectionLevel(), nil)
	return dr, err == nil
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

// mirrorPoints reorders the detector's points for a symbol read from its
// mirror image, as gozxing's decoder does after a mirrored reading.
func mirrorPoints(points []gozxing.ResultPoint) (ok bool) {
	defer recovered(&ok)
	decoder.NewQRCodeDecoderMetaData(true).ApplyMirroredCorrection(points)
	return true
}

// newDecoderResult wraps data codewords that this package's parser reads
// (aim.go) as gozxing's decoder result, without text.
func newDecoderResult(data []byte, c symbolCodewords) (dr *common.DecoderResult, ok bool) {
	defer recovered(&ok)
	return common.NewDecoderResult(data, "", nil, c.format.GetErrorCorrectionLevel().String()), true
}

// charsetText converts data to UTF-8 from the character set of ECI
// assignment number eci, or with eci < 0 from the one gozxing guesses; ok
// is false when there is no such charset or the conversion fails.
func charsetText(data []byte, eci int) (text string, ok bool) {
	defer recovered(&ok)
	if eci >= 0 {
		c, err := common.GetCharacterSetECIByValue(eci)
		if err != nil || c == nil {
			return "", false
		}
		out, err := c.GetCharset().NewDecoder().Bytes(data)
		return string(out), err == nil
	}
	c, err := common.StringUtils_guessCharset(data, nil)
	if err != nil || c == nil {
		return "", false
	}
	out, err := c.NewDecoder().Bytes(data)
	return string(out), err == nil
}
