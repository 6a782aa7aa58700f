package decode

import (
	"image"
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// Result is one decoded QR code.
type Result struct {
	// Text is the content as UTF-8, converted from the symbol's ECI
	// charset, or from the charset ZXing guesses when there is no ECI.
	Text string
	// Bytes is the payload as encoded, before any charset conversion:
	// byte-mode segments verbatim, digits and alphanumerics as ASCII, Kanji
	// as Shift JIS.
	Bytes []byte
	// Version is the symbol version, 1 to 40.
	Version int
	// Level is the error correction level: "L", "M", "Q" or "H".
	Level string
	// Mask is the data mask pattern, 0 to 7, or -1 if unknown.
	Mask int
	// ECI is the first ECI assignment number in the symbol, or -1 if none.
	ECI int
	// Charset names the ECI's character set ("UTF-8", "ISO-8859-1", …), or is
	// empty when the symbol has no ECI.
	Charset string
	// Mirrored reports a symbol read from its mirror image.
	Mirrored bool
	// Corners are the symbol's outer corners in image coordinates: top-left,
	// top-right, bottom-right, bottom-left, as the symbol is read (the top-left
	// corner is the one between the finder patterns).
	Corners [4]image.Point

	// GS1 reports FNC1 in first position: the data is a GS1 element
	// string. Text is then its human-readable form, "(01)…(17)…", when the
	// data splits into known Application Identifiers (else the data as it
	// is); Bytes keep the transmitted form with its GS (0x1D) separators;
	// Elements returns the (AI, value) pairs.
	GS1 bool
	// AIM is the application indicator of FNC1 in second position (ISO/IEC
	// 18004:2015 §7.4.8.3), two digits or a letter, or empty. Text and
	// Bytes do not include it.
	AIM string
	// SymbologyID is the symbology identifier a scanner transmits before
	// the data (ISO/IEC 15424): "]Q1" plain, "]Q2" with ECI, "]Q3" GS1,
	// "]Q4" GS1 with ECI, "]Q5" AIM, "]Q6" AIM with ECI.
	SymbologyID string
	// Sequence places the symbol in a structured append sequence (clause
	// 8); its Total is 0 for a symbol outside any. A sequence complete in
	// one image (or given to Merge) whose parity matches is returned as one
	// Result holding the whole message, with Parts.
	Sequence Sequence
	// Parts lists the symbols of a merged sequence in order, or is nil for
	// a single symbol.
	Parts []Part
}

// readSymbol decodes the sampled modules of one detected symbol. points are
// the detector's finder centres (bottom-left, top-left, top-right, then the
// alignment pattern if found), in the plane that toImage maps back.
//
// With a bound below 0 (log10 of a chance) it also estimates the chance
// that the corrections it needed would turn random codewords into an
// accepted reading (see chanceLog10), refuses the result above the bound and
// returns that log10 chance.
func readSymbol(bits *gozxing.BitMatrix, points []gozxing.ResultPoint, toImage affine, bound float64) (Result, float64, bool) {
	dim := bits.GetHeight()
	strict := bound < 0
	// The bits as sampled, for the chance bound and for symbols gozxing's
	// parser cannot read (aim.go): decodeSymbol unmasks bits in place.
	original := copyBits(bits)
	r, ok := decodeSymbol(bits, points)
	if !ok {
		return readFNC1Second(original, points, toImage, bound)
	}
	chance := 0.0
	if strict {
		if chance = chanceLog10(original, r.mirrored); chance > bound {
			return Result{}, 0, false
		}
	}
	res := newResult(r.dr, dim, r.format, points, toImage)
	res.Mirrored = r.mirrored
	return res, chance, true
}

// readExact decodes the sampled modules of a symbol, in their normal
// orientation, if they need no error correction at all (exactBlocks):
// the Reed–Solomon decoding is then skipped. points are as for readSymbol.
func readExact(bits *gozxing.BitMatrix, points []gozxing.ResultPoint, toImage affine) (Result, bool) {
	c, ok := readCodewords(bits, false)
	if !ok || !exactBlocks(c.blocks) {
		return Result{}, false
	}
	var data []byte
	for _, b := range c.blocks {
		data = append(data, b.GetCodewords()[:b.GetNumDataCodewords()]...)
	}
	dr, ok := decodeData(data, c)
	if !ok {
		if dr, ok = fnc1SecondData(data, c); !ok {
			return Result{}, false
		}
	}
	return newResult(dr, bits.GetHeight(), c.format, points, toImage), true
}

// newResult is the Result of a decoded symbol of dim modules.
func newResult(dr *common.DecoderResult, dim int, format *decoder.FormatInformation, points []gozxing.ResultPoint, toImage affine) Result {
	res := Result{Text: dr.GetText(), Version: versionOf(dim), Level: dr.GetECLevel(), Mask: -1, ECI: -1}
	if format != nil {
		res.Mask = int(format.GetDataMask())
	}
	stream, err := parseStream(dr.GetRawBytes(), res.Version)
	payload, eci := stream.payload, stream.eci
	if err != nil {
		payload, eci = []byte(res.Text), -1
	}
	if payload == nil {
		payload = []byte{}
	}
	res.Bytes, res.ECI = payload, eci
	res.setData(&stream, err == nil, dr.GetSymbologyModifier())
	if eci >= 0 {
		res.Charset, _ = charsetName(eci)
	}
	res.Corners = corners(points, dim, toImage)
	return res
}

// corners maps the symbol's outer corners to the image. The detector gives
// the finder pattern centres and the bottom-right alignment pattern centre
// when it found one (see symbol.go); without it the bottom-right
// finder-equivalent point completes a parallelogram.
func corners(points []gozxing.ResultPoint, dim int, toImage affine) [4]image.Point {
	var out [4]image.Point
	if len(points) < 3 {
		return out
	}
	bl, tl, tr := points[0], points[1], points[2]
	d := float64(dim)
	near, far := finderCentre, d-finderCentre
	x3, y3 := far, far
	px3 := tr.GetX() - tl.GetX() + bl.GetX()
	py3 := tr.GetY() - tl.GetY() + bl.GetY()
	if len(points) >= 4 && points[3] != nil && dim > minDim {
		x3, y3 = d-alignCentre, d-alignCentre
		px3, py3 = points[3].GetX(), points[3].GetY()
	}
	t, ok := quadTransform(
		[8]float64{near, near, far, near, x3, y3, near, far},
		[8]float64{tl.GetX(), tl.GetY(), tr.GetX(), tr.GetY(), px3, py3, bl.GetX(), bl.GetY()})
	if !ok {
		return out
	}
	pts := [8]float64{0, 0, d, 0, d, d, 0, d}
	t.apply(pts[:])
	for i := range out {
		x, y := toImage.apply(pts[2*i], pts[2*i+1])
		out[i] = image.Pt(int(math.Round(x)), int(math.Round(y)))
	}
	return out
}

// center returns the mean of the corners.
func (r *Result) center() (float64, float64) {
	var x, y float64
	for _, p := range r.Corners {
		x += float64(p.X)
		y += float64(p.Y)
	}
	return x / 4, y / 4
}

// size returns the length of the symbol's top edge in pixels.
func (r *Result) size() float64 {
	return math.Hypot(float64(r.Corners[1].X-r.Corners[0].X), float64(r.Corners[1].Y-r.Corners[0].Y))
}
