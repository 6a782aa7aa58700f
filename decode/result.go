package decode

import (
	"image"
	"math"

	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// Result is one decoded symbol.
type Result struct {
	// Format is the symbol's format: QR, MicroQR or RMQR.
	Format Format
	// Text is the content as UTF-8, converted from the symbol's ECI
	// charset, or from the charset ZXing guesses when there is no ECI.
	Text string
	// Bytes is the payload as encoded, before any charset conversion:
	// byte-mode segments verbatim, digits and alphanumerics as ASCII, Kanji
	// as Shift JIS.
	Bytes []byte
	// Version is the symbol version within its format: 1 to 40 for QR, 1
	// to 4 for Micro QR's M1 to M4, 1 to 32 for rMQR in the order of
	// ISO/IEC 23941:2022 Table 1 (R7x43 to R17x139).
	Version int
	// Level is the error correction level: "L", "M", "Q" or "H". Micro
	// QR's M1, which detects errors but corrects none, reports "L".
	Level string
	// Mask is the data mask pattern in the format's numbering: 0 to 7 for
	// QR, 0 to 3 for Micro QR, 0 for rMQR's one fixed pattern.
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
	// corner is the one between the finder patterns of a QR Code, the
	// corner of the finder pattern of Micro QR and rMQR).
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

// reading is one decoded symbol, before it is placed in the image.
type reading struct {
	family    qrspec.Family
	version   int
	level     qrspec.Level
	mask      int
	payload   payload
	mirrored  bool    // read from its mirror image
	corrected int     // codewords corrected
	chance    float64 // log10 of the chance of accepting garbage so (chanceLog10)
}

// decode corrects c's blocks and parses their data.
func (c *symbolCodewords) decode() (reading, bool) {
	data, corrected, chance, ok := c.correct()
	if !ok {
		return reading{}, false
	}
	r, ok := c.parse(data, chance)
	r.corrected = corrected
	return r, ok
}

// parse reads the data bit stream of data, c's corrected data codewords.
func (c *symbolCodewords) parse(data []byte, chance float64) (reading, bool) {
	p, err := parsePayload(data, c.dataBits, c.family, c.version)
	if err != nil {
		return reading{}, false
	}
	return reading{family: c.family, version: c.version, level: c.level, mask: c.mask, payload: p, chance: chance}, true
}

// decodeQR decodes sampled QR symbol bits as gozxing's decoder does: as
// they are, then, if that fails, as their mirror image. It unmasks bits in
// place.
func decodeQR(bits *gozxing.BitMatrix) (reading, bool) {
	original := copyBits(bits)
	for _, mirrored := range [2]bool{false, true} {
		m := bits
		if mirrored {
			m = original
		}
		if c, ok := readCodewords(m, mirrored); ok {
			if r, ok := c.decode(); ok {
				r.mirrored = mirrored
				return r, true
			}
		}
	}
	return reading{}, false
}

// readSymbol decodes the sampled modules of one detected symbol. points are
// the detector's finder centres (bottom-left, top-left, top-right, then the
// alignment pattern if found), in the plane that toImage maps back.
//
// With a bound below 0 (log10 of a chance) it refuses a result whose
// corrections would turn random codewords into an accepted reading with a
// chance above the bound (see chanceLog10). It returns that log10 chance.
func readSymbol(bits *gozxing.BitMatrix, points []gozxing.ResultPoint, toImage affine, bound float64) (Result, float64, bool) {
	dim := bits.GetHeight()
	r, ok := decodeQR(bits)
	if !ok || bound < 0 && r.chance > bound {
		return Result{}, 0, false
	}
	if r.mirrored && len(points) >= 3 {
		// Read from the mirror image, the bottom-left and top-right finders
		// trade places.
		points = append([]gozxing.ResultPoint{points[2], points[1], points[0]}, points[3:]...)
	}
	return newResult(r, dim, points, toImage), r.chance, true
}

// readExact decodes the sampled modules of a symbol, in their normal
// orientation, if they need no error correction at all (symbolCodewords.exact):
// the Reed–Solomon decoding is then skipped. points are as for readSymbol.
func readExact(bits *gozxing.BitMatrix, points []gozxing.ResultPoint, toImage affine) (Result, bool) {
	c, ok := readCodewords(bits, false)
	if !ok || !c.exact() {
		return Result{}, false
	}
	r, ok := c.parse(c.dataCodewords(), 0)
	if !ok {
		return Result{}, false
	}
	return newResult(r, bits.GetHeight(), points, toImage), true
}

// newResult is the Result of a QR symbol of dim modules read as r.
func newResult(r reading, dim int, points []gozxing.ResultPoint, toImage affine) Result {
	res := r.result()
	res.Corners = corners(points, dim, toImage)
	return res
}

// result is the Result of r, without its corners.
func (r *reading) result() Result {
	p := &r.payload
	res := Result{
		Format: formatOf[r.family], Text: p.text, Bytes: p.bytes, Version: r.version,
		Level: r.level.String(), Mask: r.mask, ECI: p.eci, Mirrored: r.mirrored,
	}
	if p.eci >= 0 {
		res.Charset, _ = charsetName(p.eci)
	}
	res.setData(p)
	return res
}

// formatOf maps the standards' families to the formats a Result reports.
var formatOf = [...]Format{qrspec.QR: QR, qrspec.MicroQR: MicroQR, qrspec.RMQR: RMQR}

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
