package qr

import (
	"image"
	"image/color"

	"github.com/qrworks/qrworks/encode"
)

// Image returns c as an image.PalettedImage with palette {light, dark}:
// ColorIndexAt is 1 for dark modules and 0 for light modules and the quiet
// zone. The image has no pixel buffer: At and ColorIndexAt read a copy of
// the module matrix (4 KiB), so it costs the same at any scale and composes
// with image/draw, image/png, image/jpeg or golang.org/x/image/draw. Later
// re-encoding of c does not change it, and it is safe for concurrent use.
//
// Options Scale, QuietZone and Colors apply. Image has no error result, so
// an invalid option is ignored (its default stays in force), and if the
// image would exceed MaxImageSide pixels a side, the default scale and
// quiet zone are used. Image of an empty Code is all quiet zone.
func (c *Code) Image(opts ...Option) image.PalettedImage {
	var cfg config
	cfg.reset(opts)
	n := c.Size()
	if !sideFits(n, cfg.quiet, cfg.scale) {
		cfg.scale, cfg.quiet = DefaultScale, DefaultQuietZone
	}
	return &codeImage{
		sym:     c.sym,
		quiet:   cfg.quiet,
		scale:   cfg.scale,
		side:    (n + 2*cfg.quiet) * cfg.scale,
		palette: color.Palette{cfg.light, cfg.dark},
	}
}

// codeImage is the image.PalettedImage returned by Code.Image.
type codeImage struct {
	sym          encode.Symbol
	quiet, scale int
	side         int
	palette      color.Palette
}

// ColorModel returns the palette {light, dark}.
func (m *codeImage) ColorModel() color.Model { return m.palette }

// Bounds returns the square of the symbol and its quiet zone, origin (0, 0).
func (m *codeImage) Bounds() image.Rectangle { return image.Rect(0, 0, m.side, m.side) }

// At returns the palette colour of the pixel at (x, y).
func (m *codeImage) At(x, y int) color.Color { return m.palette[m.ColorIndexAt(x, y)] }

// ColorIndexAt returns 1 for a dark module, 0 elsewhere, outside the
// bounds included.
func (m *codeImage) ColorIndexAt(x, y int) uint8 {
	if x < 0 || y < 0 || x >= m.side || y >= m.side {
		return 0
	}
	if m.sym.Module(x/m.scale-m.quiet, y/m.scale-m.quiet) {
		return 1
	}
	return 0
}
