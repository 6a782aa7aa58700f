package qr

import (
	"bytes"
	"fmt"
	"image/png"
)

// The styled renderers: WritePNG, PNG, WriteSVG and Raster hand a
// rendering with any styling option here. Each draws the canvas, checks it
// (check.go) and returns the image only when the check passes.

// styledPNG appends the PNG file of c drawn with cfg to dst; defaults says
// that cfg holds c's render defaults only (see renderStyled). Styled images
// go through image/png rather than internal/pngenc, whose parse models the
// runs of a two-colour module grid: a palette of coverage levels when the
// dark colour is solid and there is no logo, else RGBA.
func (c *Code) styledPNG(dst []byte, cfg *config, defaults bool) ([]byte, error) {
	if cfg.err != nil {
		return nil, cfg.err
	}
	img, _, err := c.renderStyled(&cfg.rendering, defaults)
	if err != nil {
		return nil, err
	}
	b := bytes.NewBuffer(dst)
	if err := styledPNGEncoder.Encode(b, img); err != nil {
		return nil, fmt.Errorf("qr: writing PNG: %w", err)
	}
	return b.Bytes(), nil
}

// styledPNGEncoder writes styled PNGs.
var styledPNGEncoder = png.Encoder{CompressionLevel: png.DefaultCompression}
