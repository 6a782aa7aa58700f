package qr

import (
	"errors"
	"fmt"
	"image/color"
	"io"
)

// ErrEmptyCode is returned by the renderers for a Code that holds no symbol:
// the zero Code before any Encode.
var ErrEmptyCode = errors.New("qr: empty Code: nothing has been encoded")

// Limits of the renderers.
const (
	// MaxImageSide bounds the side of rendered images in pixels,
	// (size + 2·quiet)·scale, so that an image never exceeds 2^28 pixels
	// (16384 × 16384: 32 MiB at one bit per pixel, as the PNG holds them,
	// and 1 GiB if a caller draws Image into an RGBA).
	MaxImageSide = 1 << 14
	// MaxTextSide bounds the side of terminal text in modules, size +
	// 2·quiet: about 1.5 MB of text, far more than any terminal shows.
	MaxTextSide = 1 << 10
)

// moduleRows is what the renderers read: an encode.Symbol, or in tests any
// matrix in the same packed layout (module x of row y is bit 63-(x%64) of
// word x/64 of Row(y)).
type moduleRows interface {
	Size() int
	Row(y int) []uint64
}

// darkAt reports whether module x of a packed row (see moduleRows) is dark.
func darkAt(row []uint64, x int) bool { return row[x>>6]>>(63-uint(x&63))&1 != 0 }

// imageSide checks the rendering options of cfg for a symbol of n modules
// and returns the image side in pixels.
func (cfg *config) imageSide(n int) (int, error) {
	if cfg.err != nil {
		return 0, cfg.err
	}
	if n == 0 {
		return 0, ErrEmptyCode
	}
	if !sideFits(n, cfg.quiet, cfg.scale) {
		return 0, fmt.Errorf("qr: %w: image of (%d+2·%d)·%d pixels a side exceeds %d",
			ErrInvalidOption, n, cfg.quiet, cfg.scale, MaxImageSide)
	}
	return (n + 2*cfg.quiet) * cfg.scale, nil
}

// sideFits reports whether an image of n modules plus quiet zone, at scale
// pixels per module, is at most MaxImageSide pixels a side. Each factor is
// checked before multiplying so that nothing overflows.
func sideFits(n, quiet, scale int) bool {
	return quiet <= MaxImageSide && scale <= MaxImageSide && (n+2*quiet)*scale <= MaxImageSide
}

// write hands the rendered bytes p to w, the one write of every renderer,
// so that w sees either the whole output or nothing from us. A nil w is the
// caller's mistake and gets an error, not a panic; an error of w is wrapped
// with what was being written.
func write(w io.Writer, p []byte, what string) error {
	if w == nil {
		return errNilWriter
	}
	if _, err := w.Write(p); err != nil {
		return fmt.Errorf("qr: writing %s: %w", what, err)
	}
	return nil
}

// errNilWriter is what the renderers return for a nil io.Writer.
var errNilWriter = fmt.Errorf("qr: %w: nil io.Writer", ErrInvalidOption)

// nrgba returns c as non-premultiplied 8-bit components, as PNG and SVG
// want them. It calls RGBA directly rather than color.NRGBAModel, whose
// interface result would allocate.
func nrgba(c color.Color) (r, g, b, a uint8) {
	r32, g32, b32, a32 := c.RGBA()
	if a32 == 0 {
		return 0, 0, 0, 0
	}
	if a32 == 0xffff {
		return uint8(r32 >> 8), uint8(g32 >> 8), uint8(b32 >> 8), 0xff
	}
	return uint8(r32 * 0xffff / a32 >> 8), uint8(g32 * 0xffff / a32 >> 8), uint8(b32 * 0xffff / a32 >> 8), uint8(a32 >> 8)
}
