package decode

import (
	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/internal/imagein"
	"github.com/qrworks/qrworks/internal/qrspec"
)

// The function information as a filter. The perspective search tries
// hundreds of geometries per finder triple, and in a cluttered photo most
// triples are not symbols at all: decoding each candidate (sampling,
// Reed–Solomon over every block) is what an image without a code costs.
// Before any of that, infoPlausible reads the 15 bits of both copies of
// the format information (ISO/IEC 18004:2015 §7.9.1) and, from version 7,
// the 18 bits of the version information (§7.10) through the candidate
// geometry. Both format copies must decode, within the 3 bits the code
// corrects, to the same level and mask: random modules do so with a
// chance of about 1% (32 words with 576 readings each, squared, summed).
// A version copy must name d's version. The copies lie beside the finder
// patterns, where every candidate geometry of a real symbol is close to
// right.

// maxInfoErrors is the most bits a reading of format or version
// information may differ from a codeword (§7.9.1, §7.10: both codes
// correct 3). evidenceInfoErrors is the stricter limit of the evidence
// check (evidence.go), which tries every triple of a cluttered photo:
// two random format readings then agree on a codeword within 1 bit with
// a chance of 32·(16/32768)², about 10⁻⁵, against 10⁻² within 3.
const (
	maxInfoErrors      = 3
	evidenceInfoErrors = 1
)

// infoPlausible reports whether the format and version information read
// through t agree with a symbol of dimension d (see above), each reading
// within maxErrors bits of a codeword; transposed
// reads module (x, y) where t puts (y, x), as a mirrored symbol appears
// through the triple of its finders. It reads the luminance the matrix m
// came from when known, else m.
func (s *search) infoPlausible(m *gozxing.BitMatrix, t transform, d int, transposed bool, maxErrors int) bool {
	read := func(n int, at func(k int) (int, int)) (uint32, bool) {
		if transposed {
			return s.readWord(m, t, n, func(k int) (int, int) { x, y := at(k); return y, x })
		}
		return s.readWord(m, t, n, at)
	}
	var levels [2]qrspec.Level
	var masks [2]int
	for c := range 2 {
		w, ok := read(15, func(k int) (int, int) { return qrspec.QRFormatPosition(c, k, d) })
		if !ok {
			return false
		}
		l, mask, dist := qrspec.DecodeQRFormatInfo(w)
		if dist > maxErrors {
			return false
		}
		levels[c], masks[c] = l, mask
	}
	if levels[0] != levels[1] || masks[0] != masks[1] {
		return false
	}
	if versionOf(d) < minVersionInfo {
		return true
	}
	for c := range 2 {
		w, ok := read(18, func(k int) (int, int) { return qrspec.QRVersionPosition(c, k, d) })
		if v, dist := qrspec.DecodeQRVersionInfo(w); ok && dist <= maxErrors && v == versionOf(d) {
			return true
		}
	}
	return false
}

// readWord reads n modules (bit k at module at(k)) through t: from the
// luminance, each module dark when below the mean of the 3×3 modules
// around it (as sampleGrey decides); without it, from m.
func (s *search) readWord(m *gozxing.BitMatrix, t transform, n int, at func(k int) (int, int)) (uint32, bool) {
	l := s.scr.src
	per := 1
	if l != nil {
		per = 9
	}
	pts := make([]float64, 0, 2*per*n)
	for k := range n {
		x, y := at(k)
		if l == nil {
			pts = append(pts, float64(x)+0.5, float64(y)+0.5)
			continue
		}
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				pts = append(pts, float64(x+dx)+0.5, float64(y+dy)+0.5)
			}
		}
	}
	t.apply(pts)
	var word uint32
	for k := range n {
		dark, ok := false, true
		if l == nil {
			dark, ok = bitAt(m, pts[2*k], pts[2*k+1])
		} else {
			dark, ok = darkAmong(l, pts[2*per*k:2*per*(k+1)], s.scr.inverted)
		}
		if !ok {
			return 0, false
		}
		if dark {
			word |= 1 << k
		}
	}
	return word, true
}

// bitAt returns m's bit at the image point (x, y).
func bitAt(m *gozxing.BitMatrix, x, y float64) (bool, bool) {
	if !(x >= 0 && y >= 0 && x < float64(m.GetWidth()) && y < float64(m.GetHeight())) {
		return false, false
	}
	return m.Get(int(x), int(y)), true
}

// darkAmong reports whether the centre of nine points (a module and its
// eight neighbours, the centre fifth) is darker than their mean — lighter,
// when the search is inverted.
func darkAmong(l *imagein.Luminance, pts []float64, inverted bool) (bool, bool) {
	var sum, centre int32
	for i := 0; i < len(pts); i += 2 {
		x, y := pts[i], pts[i+1]
		if !(x >= 0 && y >= 0 && x < float64(l.W) && y < float64(l.H)) {
			return false, false
		}
		v := bilinear(l, x, y)
		sum += v
		if i == 8 {
			centre = v
		}
	}
	return (9*centre < sum) != inverted, true
}
