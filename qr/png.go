package qr

import (
	"bytes"
	"image/color"
	"io"
	"sync"

	"github.com/qrworks/qrworks/internal/pngenc"
)

// PNG output is written by internal/pngenc: a 1-bit image (greyscale for
// black on white, else a two-entry palette with tRNS when a colour is not
// opaque), compressed by a parse that knows where a QR image repeats
// itself. This file holds the rendering API and the options it reads.

// An image that config.imageSize accepts is one pngenc accepts too:
// MaxImageSide is within pngenc.MaxSide. This constant would overflow,
// failing the build, if MaxImageSide grew past it.
const _ = uint(pngenc.MaxSide - MaxImageSide)

// pngState is the scratch space of one PNG encoding, pooled so that a server
// writing PNGs does not allocate. It holds its own config because passing a
// *config to the option functions makes it escape.
type pngState struct {
	cfg config
	enc pngenc.Encoder
	out []byte // the PNG file
}

var pngStates = sync.Pool{New: func() any { return new(pngState) }}

// maxPooledPNG bounds the file buffer a pooled pngState may keep: a rare
// huge image should not pin its memory for the life of the process. (The
// encoder's own scratch is bounded whatever the image; see pngenc.Encoder.)
const maxPooledPNG = 1 << 20

func putPNGState(st *pngState) {
	if cap(st.out) > maxPooledPNG {
		return
	}
	pngStates.Put(st)
}

// WritePNG writes c as a PNG image to w. Options Scale, QuietZone, Colors
// and the styling options apply, over the render defaults c was encoded
// with; others are ignored. The image is exactly (Width()+2·quiet)·scale
// pixels wide and (Height()+2·quiet)·scale high. Invalid options, or an image side
// over MaxImageSide, give an error wrapping ErrInvalidOption before anything
// is written, as does a nil w. The file is written with a single w.Write
// call, whose error is returned wrapped; with options built ahead of the
// call, WritePNG does not allocate.
//
// With styling options (see the package documentation) the image is
// checked (Code.Check) and a failure returned as ErrNotScannable; a Code's
// own styled render defaults were checked by Encode and are drawn as they
// passed. Styled PNGs are written by image/png: a palette without a logo,
// RGBA with one.
func (c *Code) WritePNG(w io.Writer, opts ...Option) error {
	st := pngStates.Get().(*pngState)
	defer putPNGState(st)
	st.cfg.resetFor(c, opts)
	if st.cfg.style.styled() {
		out, err := c.styledPNG(st.out[:0], &st.cfg, len(opts) == 0)
		st.out = out[:0]
		if err != nil {
			return err
		}
		return write(w, out, "PNG")
	}
	out, err := st.encode(&c.sym)
	if err != nil {
		return err
	}
	return write(w, out, "PNG")
}

// PNG returns c as a PNG file; see WritePNG.
func (c *Code) PNG(opts ...Option) ([]byte, error) {
	st := pngStates.Get().(*pngState)
	defer putPNGState(st)
	st.cfg.resetFor(c, opts)
	if st.cfg.style.styled() {
		return c.styledPNG(nil, &st.cfg, len(opts) == 0)
	}
	out, err := st.encode(&c.sym)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(out), nil
}

// encode writes the PNG file of m, as st.cfg says, into st.out and returns
// it.
func (st *pngState) encode(m moduleRows) ([]byte, error) {
	w, h := m.Width(), m.Height()
	if _, _, err := st.cfg.imageSize(w, h); err != nil {
		return nil, err
	}
	opts := pngenc.Options{
		Width: w, Height: h,
		Scale: st.cfg.scale, Quiet: st.cfg.quiet,
		Dark: nrgbaOf(st.cfg.dark), Light: nrgbaOf(st.cfg.light),
	}
	out, err := st.enc.Append(st.out[:0], m, opts)
	st.out = out
	return out, err
}

// nrgbaOf returns c as a color.NRGBA (see nrgba).
func nrgbaOf(c color.Color) color.NRGBA {
	r, g, b, a := nrgba(c)
	return color.NRGBA{r, g, b, a}
}
