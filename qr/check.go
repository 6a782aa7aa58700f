package qr

import (
	"image"
	"image/color"
	"math"
	"sync"

	"github.com/qrworks/qrworks/encode"
	"github.com/qrworks/qrworks/internal/qrspec"
)

// Check renders c with opts over its render defaults, exactly as WritePNG,
// PNG, WriteSVG and Raster would, and measures how reliably the image
// scans: the spare error correction of every Reed–Solomon block, the
// contrast of its colours, the function patterns and quiet zone, and two
// readings by this package's decoder (see Report for how each is taken).
//
// Every styled rendering runs this check and is refused with the Report's
// error when it fails; Check lets a caller see the measures of any
// rendering, styled or plain. It returns the Report and, when the
// rendering fails its thresholds, a *NotScannableError carrying the same
// Report (errors.Is(err, ErrNotScannable)). Invalid options, an image over
// MaxStyledSide, or a Micro QR or rMQR symbol (the check and the styling
// know QR Code's layout only) give an error wrapping ErrInvalidOption, and
// an empty Code ErrEmptyCode, with a zero Report.
//
// Check is safe for concurrent use. It costs about as much as decoding the
// image twice.
func (c *Code) Check(opts ...Option) (Report, error) {
	r, err := c.settings(opts)
	if err != nil {
		return Report{}, err
	}
	_, _, rep, err := c.renderChecked(&r)
	return rep, err
}

// Report returns the report of the check that Encode ran on c's styled
// render defaults, the one that passed; ok is false for a Code encoded
// without styling. Check measures any rendering.
func (c *Code) Report() (rep Report, ok bool) {
	if c.checked == nil {
		return Report{}, false
	}
	return *c.checked, true
}

// renderChecked draws c with r on a canvas, checks the image and returns
// it with its canvas, or the Report's error when it fails.
func (c *Code) renderChecked(r *rendering) (image.Image, *canvas, Report, error) {
	img, cv, err := c.draw(r)
	if err != nil {
		return nil, nil, Report{}, err
	}
	rep := cv.measure(img, c.payload)
	if !rep.OK() {
		return nil, nil, rep, &NotScannableError{Report: rep}
	}
	return img, cv, rep, nil
}

// renderStyled returns the checked image of c drawn with r, and its canvas.
// defaults says that r is c's render defaults, with no option of the call
// over them: if Encode checked those already, the same drawing is not
// checked again.
func (c *Code) renderStyled(r *rendering, defaults bool) (image.Image, *canvas, error) {
	if defaults && c.checked != nil {
		return c.draw(r)
	}
	img, cv, _, err := c.renderChecked(r)
	return img, cv, err
}

// draw draws c with r on a canvas and composes the image.
func (c *Code) draw(r *rendering) (image.Image, *canvas, error) {
	if _, err := r.styledSide(&c.sym); err != nil {
		return nil, nil, err
	}
	cv := newCanvas(&c.sym, r)
	cv.drawCoverage()
	return cv.compose(), cv, nil
}

// subgrid are the offsets, in modules from a module's centre, of the 3×3
// grid sampled over its middle half.
var subgrid = [3]float64{-0.25, 0, 0.25}

// measure checks img, drawn from cv, against cv's symbol and fills a
// Report; payload is the hash of the Code's data (see payloadHash).
func (cv *canvas) measure(img image.Image, payload uint64) Report {
	rep := Report{Version: int(cv.sym.Version()), Level: Level(cv.sym.Level())}
	rep.Contrast, rep.LumaRatio = cv.r.colours()
	sm := newSampler(cv, img)
	rep.QuietZone = sm.quietZoneClear()
	rep.PatternDamage = sm.patternDamage()
	sm.spareEC(&rep)
	if rep.measuresOK() {
		rep.Decoded, rep.DecodedSmall = decodes(sm.lum, cv, payload)
	}
	rep.grade()
	return rep
}

// colours returns the least luminance difference between r's light colour
// and the dark colours it uses, and the greatest luma ratio of a dark
// colour to the light one (see Report.Contrast and Report.LumaRatio).
func (r *rendering) colours() (contrast, lumaRatio float64) {
	light, lightLuma := luminance(r.light), luma(r.light)
	g := &r.style.grad
	if g.kind == noGradient {
		return light - luminance(r.dark), luma(r.dark) / lightLuma
	}
	// Luminance along a gradient need not be monotonic (red to green
	// dips), so it is sampled: 1/32 steps find any dip wider than a
	// thirty-second of the symbol.
	const steps = 32
	contrast = math.Inf(1)
	for i := 0; i <= steps; i++ {
		c := g.at(float64(i) / steps)
		contrast = min(contrast, light-luminance(c))
		lumaRatio = max(lumaRatio, luma(c)/lightLuma)
	}
	return contrast, lumaRatio
}

// sampler reads the modules of a canvas's image.
type sampler struct {
	cv    *canvas
	lum   []float32 // linear luminance of every pixel, over white
	light float64   // luminance of the light colour
	paint *paint
}

func newSampler(cv *canvas, img image.Image) *sampler {
	return &sampler{cv: cv, lum: luminancePlane(img), light: luminance(cv.r.light), paint: newPaint(cv)}
}

// reads reports whether module (x, y) reads dark (or light, as dark says);
// coordinates from −q to n+q−1 reach into the quiet zone.
func (sm *sampler) reads(x, y int, dark bool) bool {
	cv := sm.cv
	s := float64(cv.s)
	cx, cy := (float64(cv.q+x)+0.5)*s, (float64(cv.q+y)+0.5)*s
	at := func(px, py float64) float64 { return float64(sm.lum[int(py)*cv.side+int(px)]) }
	var mean float64
	for _, dy := range subgrid {
		for _, dx := range subgrid {
			mean += at(cx+dx*s, cy+dy*s)
		}
	}
	mean /= float64(len(subgrid) * len(subgrid))
	centre := at(cx, cy)
	thr := (sm.light + lumRGBA(sm.paint.at(int(cx), int(cy)))) / 2
	if dark {
		return centre < thr && mean < thr
	}
	return centre >= thr && mean >= thr
}

// quietZoneClear reports whether every quiet zone module reads light.
func (sm *sampler) quietZoneClear() bool {
	n, q := sm.cv.n, sm.cv.q
	for y := -q; y < n+q; y++ {
		for x := -q; x < n+q; x++ {
			inside := x >= 0 && y >= 0 && x < n && y < n
			if !inside && !sm.reads(x, y, false) {
				return false
			}
		}
	}
	return true
}

// patternDamage counts the function modules that read wrong. Shaped
// finders are checked on their centre lines only (see Report).
func (sm *sampler) patternDamage() int {
	cv := sm.cv
	n := cv.n
	damage := 0
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if cv.data.has(x, y) || !sm.checked(x, y) {
				continue
			}
			if !sm.reads(x, y, cv.sym.Module(x, y)) {
				damage++
			}
		}
	}
	return damage
}

// checked reports whether function module (x, y) is checked: all are but
// the modules of shaped finder patterns and their separators off the lines
// through the finder's centre.
func (sm *sampler) checked(x, y int) bool {
	cv := sm.cv
	if cv.r.style.finders == Square {
		return true
	}
	for _, c := range cv.finderCorners() {
		if x >= c.X-1 && y >= c.Y-1 && x <= c.X+finderSide && y <= c.Y+finderSide {
			return x == c.X+finderSide/2 || y == c.Y+finderSide/2
		}
	}
	return true
}

// spareEC reads every data module, marks the codewords with a module read
// wrong or under the logo, and fills the block measures of rep. The margin
// around the logo is read like any module: it is light, as drawn.
func (sm *sampler) spareEC(rep *Report) {
	cv := sm.cv
	wrong, logo := cv.logoCodewords()
	for k, m := range encode.DataModules(cv.v)[:len(wrong)*8] {
		if x, y := int(m&0xFF), int(m>>8); !wrong[k/8] && !sm.reads(x, y, cv.sym.Module(x, y)) {
			wrong[k/8] = true
		}
	}
	for _, l := range logo {
		if l {
			rep.LogoCodewords++
		}
	}
	rep.SpareEC, rep.WorstBlock, rep.WrongCodewords, rep.Correctable = blockSpare(wrong, int(cv.v), specLevel(cv.sym.Level()))
}

// logoCodewords returns, for each codeword of the symbol, whether a module
// of it is under the logo, twice: one slice for spareEC to add the misread
// codewords to, one to keep.
func (cv *canvas) logoCodewords() (wrong, logo []bool) {
	total := qrspec.QR.TotalCodewords(int(cv.v))
	wrong, logo = make([]bool, total), make([]bool, total)
	for k, m := range encode.DataModules(cv.v)[:8*total] {
		if cv.covered.has(int(m&0xFF), int(m>>8)) {
			wrong[k/8], logo[k/8] = true, true
		}
	}
	return wrong, logo
}

// logoSpare returns the spare error correction that the logo alone
// leaves: the codewords under it and those with a dark module in its
// light margin are wrong. It is what the check would measure if every
// other module read right, so an upper bound of it, found without drawing.
func (cv *canvas) logoSpare() float64 {
	wrong, _ := cv.logoCodewords()
	for k, m := range encode.DataModules(cv.v)[:len(wrong)*8] {
		if x, y := int(m&0xFF), int(m>>8); cv.cleared.has(x, y) && cv.sym.Module(x, y) {
			wrong[k/8] = true
		}
	}
	spare, _, _, _ := blockSpare(wrong, int(cv.v), specLevel(cv.sym.Level()))
	return spare
}

// blockSpare returns the least spare error correction over the blocks of
// version v at level l given the wrong codewords of the interleaved
// sequence (see Report.SpareEC), the block that has it, its wrong
// codewords and the errors a block corrects.
func blockSpare(wrong []bool, v int, l qrspec.Level) (spare float64, worst, t, correctable int) {
	bl := qrspec.QR.Blocks(v, l)
	perBlock := make([]int, bl.Count)
	dataTotal := qrspec.QR.DataCodewords(v, l)
	for i, w := range wrong {
		if w {
			perBlock[blockOf(i, dataTotal, bl)]++
		}
	}
	budget := bl.ECPerBlock - qrspec.QRMisdecodeProtection(v, l) // d − p
	spare = 2                                                    // above any block's
	for b, n := range perBlock {
		if s := max(0, 1-float64(2*n)/float64(budget)); s < spare {
			spare, worst, t = s, b, n
		}
	}
	return spare, worst, t, budget / 2
}

// blockOf returns the block that codeword i of the interleaved sequence
// belongs to (ISO/IEC 18004:2015 §7.6): the data codewords are dealt to
// the blocks in turn, the longer blocks taking one more at the end, then
// the error correction codewords likewise.
func blockOf(i, dataTotal int, bl qrspec.BlockLayout) int {
	if i >= dataTotal {
		return (i - dataTotal) % bl.Count
	}
	if dealt := bl.ShortData * bl.Count; i >= dealt {
		return bl.Short + (i - dealt)
	}
	return i % bl.Count
}

// specLevel converts a symbol's level to the tables' level.
func specLevel(l encode.Level) qrspec.Level { return qrspec.Level(l.Resolve() - encode.L) }

// luminancePlane returns the linear luminance of every pixel of img over
// white (see luminance), row by row.
func luminancePlane(img image.Image) []float32 {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := make([]float32, w*h)
	lum := lum8
	switch m := img.(type) {
	case *image.Paletted:
		var pal [256]float32
		for i, c := range m.Palette {
			p := premultiplied(c)
			pal[i] = lum(p.R, p.G, p.B, p.A)
		}
		for y := 0; y < h; y++ {
			for x, i := range m.Pix[y*m.Stride : y*m.Stride+w] {
				out[y*w+x] = pal[i]
			}
		}
	case *image.RGBA:
		for y := 0; y < h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				p := row[4*x : 4*x+4 : 4*x+4]
				out[y*w+x] = lum(p[0], p[1], p[2], p[3])
			}
		}
	default:
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				p := premultiplied(img.At(b.Min.X+x, b.Min.Y+y))
				out[y*w+x] = lum(p.R, p.G, p.B, p.A)
			}
		}
	}
	return out
}

// lum8 returns the luminance over white of the premultiplied colour
// (r, g, b, a), as luminance does, from a table.
func lum8(r, g, b, a uint8) float32 {
	lin := linearTable()
	// Over white each component gains the white that shows through; a
	// premultiplied component never exceeds its alpha, so this stays a byte.
	return 0.2126*lin[r+(255-a)] + 0.7152*lin[g+(255-a)] + 0.0722*lin[b+(255-a)]
}

// lumRGBA is lum8 of a color.RGBA.
func lumRGBA(c color.RGBA) float64 { return float64(lum8(c.R, c.G, c.B, c.A)) }

// linearTable returns the linear light of each 8-bit sRGB value.
var linearTable = sync.OnceValue(func() *[256]float32 {
	var t [256]float32
	for i := range t {
		t[i] = float32(linear(uint32(i) * 0x101))
	}
	return &t
})
