package qr

import (
	"image"
	"image/color"

	"github.com/qrworks/qrworks/encode"
)

// Raster returns c as an image, for drawing it into other images or handing
// it to an image encoder. Options Scale, QuietZone and Colors apply, over
// c's render defaults. It fails as WritePNG does: an invalid option or an
// image over MaxImageSide pixels a side gives an error wrapping
// ErrInvalidOption, and an empty Code gives ErrEmptyCode.
//
// The image of a plain code is the image.PalettedImage that Image describes
// (palette {light, dark}, no pixel buffer, a snapshot of c). Callers that
// need the palette should use a type assertion rather than rely on it:
// a styled rendering is checked as WritePNG's is and returned as the
// *image.Paletted or *image.RGBA it was drawn in.
func (c *Code) Raster(opts ...Option) (image.Image, error) {
	r, err := c.settings(opts)
	if err != nil {
		return nil, err
	}
	if r.style.styled() {
		img, _, err := c.renderStyled(&r, len(opts) == 0)
		return img, err
	}
	if err := r.plainColours(); err != nil {
		return nil, err
	}
	w, h, err := r.imageSize(c.Width(), c.Height())
	if err != nil {
		return nil, err
	}
	return newCodeImage(&c.sym, &r, w, h), nil
}

// Image returns c as an image.PalettedImage with palette {light, dark}:
// ColorIndexAt is 1 for dark modules and 0 for light modules and the quiet
// zone. The image has no pixel buffer: At and ColorIndexAt read a copy of
// the module matrix (one bit a module), so it costs the same at any scale
// and composes with image/draw, image/png, image/jpeg or
// golang.org/x/image/draw. Later re-encoding of c does not change it, and
// it is safe for concurrent use.
//
// Options Scale, QuietZone and Colors apply, over c's render defaults.
// Image has no error result (Raster has), so it never fails: an invalid
// option is skipped (c's default for that setting stays in force), as are
// colours too close in luminance to be read (see Colors); if the
// image would exceed MaxImageSide pixels a side, c's default scale and quiet
// zone are used; and the image of an empty Code is all quiet zone.
func (c *Code) Image(opts ...Option) image.PalettedImage {
	r, _ := c.settings(opts) // an invalid option is skipped, as documented
	if r.plainColours() != nil {
		def := c.renderDefaults() // colours no scanner tells apart: skipped too
		r.dark, r.light = def.dark, def.light
	}
	w, h := c.Width(), c.Height()
	if !sideFits(max(w, h), r.quiet, r.scale) {
		// The defaults fit: Encode checks them against the symbol.
		def := c.renderDefaults()
		r.scale, r.quiet = def.scale, def.quiet
	}
	return newCodeImage(&c.sym, &r, (w+2*r.quiet)*r.scale, (h+2*r.quiet)*r.scale)
}

// newCodeImage returns the image of sym drawn with r, width×height pixels.
func newCodeImage(sym *encode.Symbol, r *rendering, width, height int) *codeImage {
	m := &codeImage{
		cols:    sym.Width(),
		quiet:   r.quiet,
		scale:   r.scale,
		width:   width,
		height:  height,
		palette: color.Palette{r.light, r.dark},
	}
	// A copy of the rows: a Symbol shares them, and re-encoding the Code
	// must leave the image as it was.
	words := (sym.Width() + 63) / 64
	flat := make([]uint64, 0, words*sym.Height())
	m.modules = make([][]uint64, sym.Height())
	for y := range m.modules {
		flat = append(flat, sym.Row(y)...)
		m.modules[y] = flat[y*words : (y+1)*words]
	}
	return m
}

// codeImage is the image.PalettedImage returned by Code.Image and Code.Raster.
type codeImage struct {
	modules       [][]uint64 // row y of the symbol as encode.Symbol.Row gives it
	cols          int        // the symbol's width in modules
	quiet, scale  int
	width, height int
	palette       color.Palette
}

// ColorModel returns the palette {light, dark}.
func (m *codeImage) ColorModel() color.Model { return m.palette }

// Bounds returns the rectangle of the symbol and its quiet zone, origin
// (0, 0).
func (m *codeImage) Bounds() image.Rectangle { return image.Rect(0, 0, m.width, m.height) }

// At returns the palette colour of the pixel at (x, y).
func (m *codeImage) At(x, y int) color.Color { return m.palette[m.ColorIndexAt(x, y)] }

// ColorIndexAt returns 1 for a dark module, 0 elsewhere, outside the
// bounds included.
func (m *codeImage) ColorIndexAt(x, y int) uint8 {
	if x < 0 || y < 0 || x >= m.width || y >= m.height {
		return 0
	}
	mx, my := x/m.scale-m.quiet, y/m.scale-m.quiet
	if mx < 0 || my < 0 || mx >= m.cols || my >= len(m.modules) {
		return 0 // the quiet zone
	}
	return uint8(m.modules[my][mx>>6] >> (63 - uint(mx&63)) & 1)
}
