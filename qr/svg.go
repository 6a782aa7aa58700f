package qr

import (
	"image/color"
	"io"
	"strconv"
	"sync"
)

// svgBuffers holds the output buffers of WriteSVG between calls.
var svgBuffers = sync.Pool{New: func() any { return new([]byte) }}

// WriteSVG writes c as an SVG image to w: a background rectangle in the
// light colour (left out when it is fully transparent) and one <path> of
// the dark modules, each horizontal run of dark modules one rectangle. The
// viewBox is in modules, quiet zone included, so the image scales freely;
// width and height are the pixel size a PNG of the same options would have
// (rMQR symbols are wider than high),
// and shape-rendering="crispEdges" keeps module edges sharp. Options Scale,
// QuietZone and Colors apply, over c's render defaults. Invalid ones, an
// image over MaxImageSide, or a nil w give an error wrapping
// ErrInvalidOption, and an empty Code gives ErrEmptyCode, before anything is
// written. The document is
// written with a single w.Write call, whose error is returned wrapped.
//
// With styling options the image is checked as a raster of the same
// outlines, as WritePNG checks it; the outlines are written as path data,
// a gradient as an SVG gradient and a logo as an embedded PNG.
func (c *Code) WriteSVG(w io.Writer, opts ...Option) error {
	r, err := c.settings(opts)
	if err != nil {
		return err
	}
	if r.style.styled() {
		return c.writeStyledSVG(w, r, len(opts) == 0)
	}
	if err := r.plainColours(); err != nil {
		return err
	}
	pw, ph, err := r.imageSize(c.Width(), c.Height())
	if err != nil {
		return err
	}
	bp := svgBuffers.Get().(*[]byte)
	defer svgBuffers.Put(bp)
	*bp = appendSVG((*bp)[:0], &c.sym, &r, pw, ph)
	return write(w, *bp, "SVG")
}

// appendSVG appends the SVG document of m drawn with r, pw×ph pixels.
func appendSVG(b []byte, m moduleRows, r *rendering, pw, ph int) []byte {
	w, h, q := m.Width(), m.Height(), r.quiet
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="`...)
	b = strconv.AppendInt(b, int64(pw), 10)
	b = append(b, `" height="`...)
	b = strconv.AppendInt(b, int64(ph), 10)
	b = append(b, `" viewBox="0 0 `...)
	b = strconv.AppendInt(b, int64(w+2*q), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(h+2*q), 10)
	b = append(b, `" shape-rendering="crispEdges">`+"\n"...)
	if _, _, _, a := nrgba(r.light); a != 0 {
		b = append(b, `<rect width="100%" height="100%"`...)
		b = appendFill(b, r.light)
		b = append(b, "/>\n"...)
	}
	b = append(b, `<path`...)
	b = appendFill(b, r.dark)
	b = append(b, ` d="`...)
	for y := 0; y < h; y++ {
		row := m.Row(y)
		for x := 0; x < w; {
			if !darkAt(row, x) {
				x++
				continue
			}
			end := x + 1
			for end < w && darkAt(row, end) {
				end++
			}
			// M x y h run v1 h -run z: one rectangle per run.
			b = append(b, 'M')
			b = strconv.AppendInt(b, int64(x+q), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(y+q), 10)
			b = append(b, 'h')
			b = strconv.AppendInt(b, int64(end-x), 10)
			b = append(b, "v1h-"...)
			b = strconv.AppendInt(b, int64(end-x), 10)
			b = append(b, 'z')
			x = end
		}
	}
	b = append(b, "\"/>\n</svg>\n"...)
	return b
}

// opacityDigits is the number of decimals of fill-opacity: steps of 1/1000
// tell all 256 alpha values apart (they are 1/255 apart).
const opacityDigits = 3

// appendFill appends fill="#rrggbb", and fill-opacity when the colour is
// not opaque.
func appendFill(b []byte, c color.Color) []byte {
	r, g, bl, a := nrgba(c)
	const hex = "0123456789abcdef"
	b = append(b, ` fill="#`...)
	for _, v := range [3]uint8{r, g, bl} {
		b = append(b, hex[v>>4], hex[v&15])
	}
	b = append(b, '"')
	if a != 0xff {
		b = append(b, ` fill-opacity="`...)
		b = strconv.AppendFloat(b, float64(a)/255, 'f', opacityDigits, 64)
		b = append(b, '"')
	}
	return b
}
