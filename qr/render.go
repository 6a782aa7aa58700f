package qr

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"sync"
)

// ErrEmptyCode is returned by the renderers for a Code that holds no symbol:
// the zero Code before any Encode.
var ErrEmptyCode = errors.New("qr: empty Code: nothing has been encoded")

// Limits of the renderers.
const (
	// MaxImageSide bounds each side of rendered images in pixels,
	// (modules + 2·quiet)·scale, so that an image never exceeds 2^28 pixels
	// (16384 × 16384: 32 MiB at one bit per pixel, as the PNG holds them,
	// and 1 GiB if a caller draws Image into an RGBA).
	MaxImageSide = 1 << 14
	// MaxTextSide bounds each side of terminal text in modules, modules +
	// 2·quiet: about 1.5 MB of text, far more than any terminal shows.
	MaxTextSide = 1 << 10
)

// moduleRows is what the renderers read: an encode.Symbol, or in tests any
// matrix in the same packed layout (module x of row y is bit 63-(x%64) of
// word x/64 of Row(y)), Width() modules wide and Height() high.
type moduleRows interface {
	Width() int
	Height() int
	Row(y int) []uint64
}

// darkAt reports whether module x of a packed row (see moduleRows) is dark.
func darkAt(row []uint64, x int) bool { return row[x>>6]>>(63-uint(x&63))&1 != 0 }

// configs holds the configs of render calls between calls: options receive
// a *config through a function value, which makes it escape, so a config
// declared in each call would cost an allocation.
var configs = sync.Pool{New: func() any { return new(config) }}

// settings returns the render settings of a call on c with opts: c's render
// defaults, each overridden by the options that set it. The error is that of
// the first invalid option, which is skipped; the settings are returned
// with it, for Image.
func (c *Code) settings(opts []Option) (rendering, error) {
	cfg := configs.Get().(*config)
	defer configs.Put(cfg)
	cfg.resetFor(c, opts)
	return cfg.rendering, cfg.err
}

// imageSize checks the options of cfg for a plain symbol of w×h modules
// (the colours among them, see Colors) and returns the image's width and
// height in pixels.
func (cfg *config) imageSize(w, h int) (int, int, error) {
	if cfg.err != nil {
		return 0, 0, cfg.err
	}
	if err := cfg.plainColours(); err != nil {
		return 0, 0, err
	}
	return cfg.rendering.imageSize(w, h)
}

// imageSize checks that an image of a symbol of w×h modules, drawn with r,
// is not empty and fits MaxImageSide, and returns its width and height in
// pixels.
func (r *rendering) imageSize(w, h int) (int, int, error) {
	if w == 0 || h == 0 {
		return 0, 0, ErrEmptyCode
	}
	if n := max(w, h); !sideFits(n, r.quiet, r.scale) {
		return 0, 0, fmt.Errorf("qr: %w: image of (%d+2·%d)·%d pixels a side exceeds %d",
			ErrInvalidOption, n, r.quiet, r.scale, MaxImageSide)
	}
	return (w + 2*r.quiet) * r.scale, (h + 2*r.quiet) * r.scale, nil
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
