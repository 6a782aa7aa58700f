package qr

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotScannable is the sentinel of a styled rendering that fails its
// check (see Code.Check): the renderers return it instead of the image, and
// Encode when no level up to H passes. The error is a *NotScannableError,
// which carries the Report that says why.
var ErrNotScannable = errors.New("qr: styled code is not reliably scannable")

// NotScannableError is the error of a refused styled rendering. It matches
// ErrNotScannable, and ErrInvalidOption too when the colours fail (Contrast
// or LumaRatio: a choice of the caller that no level can repair).
type NotScannableError struct {
	Report Report
}

// Error lists the measures that failed.
func (e *NotScannableError) Error() string {
	return "qr: styled code is not reliably scannable: " + strings.Join(e.Report.Problems(), "; ")
}

// Unwrap returns ErrNotScannable, and ErrInvalidOption when the colours
// fail.
func (e *NotScannableError) Unwrap() []error {
	if !e.Report.coloursOK() {
		return []error{ErrNotScannable, ErrInvalidOption}
	}
	return []error{ErrNotScannable}
}

// Grade is a quality grade in the manner of ISO/IEC 15415: A (best), B, C,
// D, or F (fail). Grades order as their quality: GradeA > GradeF.
type Grade uint8

// The grades.
const (
	GradeF Grade = iota
	GradeD
	GradeC
	GradeB
	GradeA
)

// String returns "A", "B", "C", "D" or "F".
func (g Grade) String() string {
	if g > GradeA {
		return fmt.Sprintf("Grade(%d)", uint8(g))
	}
	return "FDCBA"[g : g+1]
}

// gradeOf grades v against the lower bounds of A, B, C and D.
func gradeOf(v float64, bounds [4]float64) Grade {
	for i, b := range bounds {
		if v >= b {
			return GradeA - Grade(i)
		}
	}
	return GradeF
}

// The grade bounds of ISO/IEC 15415 for the two measures that have more
// than pass and fail: symbol contrast (see MinContrast) and unused error
// correction, A to D.
var (
	contrastGrades = [4]float64{0.70, 0.55, 0.40, 0.20}
	spareECGrades  = [4]float64{0.62, 0.50, 0.37, 0.25}
)

// MinSpareEC is the least spare error correction (Report.SpareEC) a styled
// image must keep in every Reed–Solomon block: the lower bound of ISO/IEC
// 15415's grade D for unused error correction. A quarter of each block's
// correction capacity is then left, after the styling's own damage, for
// what a camera adds: glare, blur, a crease, a bad angle.
const MinSpareEC = 0.25

// Report is the outcome of Code.Check: how reliably an image of a code
// scans, measured on the image itself.
//
// Every module is sampled at its centre and on a 3×3 grid over its middle
// half, as a scanner sees it at a low resolution, against a threshold
// halfway between the light colour and the dark colour at that module, and
// read right only if both the centre and the grid's mean are on the right
// side. Wrong data modules make their codewords wrong, and so do the
// modules under a logo, whatever the logo shows there: a phone reader does
// not know where the logo is, so they are errors, not erasures. The light
// margin around the logo is read as drawn.
type Report struct {
	// Grade is the lowest grade of the measures below, as ISO/IEC 15415
	// grades a symbol: those with a graded scale (SpareECGrade,
	// ContrastGrade) grade as they are, the others (LumaRatio too, which
	// ISO/IEC 15415 does not have) A when they pass and F when they do not.
	Grade Grade

	// Version and Level are those of the symbol checked.
	Version int
	Level   Level

	// SpareEC is the least unused error correction over the Reed–Solomon
	// blocks, ISO/IEC 15415's 1 − (e + 2t)/(d − p) with no erasures (e = 0),
	// t the wrong codewords of a block, d its error correction codewords
	// and p its misdecode protection codewords (ISO/IEC 18004:2015 Table
	// 9); 1 is an intact symbol, 0 a block at or past its limit (never
	// below 0).
	SpareEC      float64
	SpareECGrade Grade
	// WorstBlock is the block with the least spare error correction
	// (0-based, in the order of Table 9), WrongCodewords its wrong
	// codewords and Correctable the errors it can correct, (d − p)/2.
	WorstBlock, WrongCodewords, Correctable int
	// LogoCodewords counts the codewords, over all blocks, with a module
	// under the logo.
	LogoCodewords int

	// Contrast is the least symbol contrast (see Contrast) between the
	// light colour and a dark colour used, gradients sampled along their
	// length; negative when a dark colour is lighter than the light one.
	Contrast      float64
	ContrastGrade Grade
	// LumaRatio is the greatest luma ratio (see LumaRatio) of a dark
	// colour used to the light colour; above MaxLumaRatio, readers of the
	// ZXing family take large dark areas for light.
	LumaRatio float64

	// PatternDamage counts the function modules read wrong: finder
	// patterns and separators, timing and alignment patterns, format and
	// version information. Of shaped finders (Rounded, Dots) only the
	// modules on the lines through the centre are checked, where readers
	// measure the 1:1:3:1:1 proportions. A sound image has none.
	PatternDamage int
	// QuietZone reports that every quiet zone module reads light.
	QuietZone bool

	// Decoded reports that this package's decoder read the exact payload
	// from the image; DecodedSmall, from a copy reduced to three pixels
	// a module and lightly blurred. They are tried only when every other
	// measure passes, and are false otherwise.
	Decoded, DecodedSmall bool
}

// OK reports whether every measure meets its threshold: SpareEC at least
// MinSpareEC, Contrast at least MinContrast, LumaRatio at most
// MaxLumaRatio, no pattern damage, a clear quiet zone and both decodes.
func (r *Report) OK() bool {
	return r.measuresOK() && r.Decoded && r.DecodedSmall
}

// measuresOK reports whether every measure but the decodes passes.
func (r *Report) measuresOK() bool {
	return r.SpareEC >= MinSpareEC && r.coloursOK() && r.PatternDamage == 0 && r.QuietZone
}

// coloursOK reports whether the colours pass: contrast and luma ratio.
func (r *Report) coloursOK() bool {
	return r.Contrast >= MinContrast && r.LumaRatio <= MaxLumaRatio
}

// grade sets the grades from the measures.
func (r *Report) grade() {
	r.SpareECGrade = gradeOf(r.SpareEC, spareECGrades)
	r.ContrastGrade = gradeOf(r.Contrast, contrastGrades)
	r.Grade = min(r.SpareECGrade, r.ContrastGrade)
	if r.LumaRatio > MaxLumaRatio || r.PatternDamage > 0 || !r.QuietZone || !r.Decoded || !r.DecodedSmall {
		r.Grade = GradeF
	}
}

// Problems lists, in words, the measures that fail their thresholds; it is
// empty when OK is true.
func (r *Report) Problems() []string {
	var p []string
	if r.Contrast < MinContrast {
		p = append(p, fmt.Sprintf("contrast %.2f below %.2f", r.Contrast, MinContrast))
	}
	if !(r.LumaRatio <= MaxLumaRatio) {
		p = append(p, fmt.Sprintf("a dark colour has %.2f of the light colour's luma, above %.2f", r.LumaRatio, MaxLumaRatio))
	}
	if r.SpareEC < MinSpareEC {
		p = append(p, fmt.Sprintf("spare error correction %.2f below %.2f (block %d: %d wrong codewords, %d correctable; %d codewords under the logo)",
			r.SpareEC, MinSpareEC, r.WorstBlock, r.WrongCodewords, r.Correctable, r.LogoCodewords))
	}
	if r.PatternDamage > 0 {
		p = append(p, fmt.Sprintf("%d function pattern modules read wrong", r.PatternDamage))
	}
	if !r.QuietZone {
		p = append(p, "quiet zone not clear")
	}
	switch {
	case !r.measuresOK(): // the decodes were not tried
	case !r.Decoded:
		p = append(p, "not decoded")
	case !r.DecodedSmall:
		p = append(p, "not decoded at 3 pixels a module")
	}
	return p
}

// String summarises r on one line.
func (r Report) String() string {
	verdict := "ok"
	if !r.OK() {
		verdict = strings.Join(r.Problems(), "; ")
	}
	return fmt.Sprintf("grade %v (version %d-%v, spare error correction %.2f, contrast %.2f): %s",
		r.Grade, r.Version, r.Level, r.SpareEC, r.Contrast, verdict)
}
