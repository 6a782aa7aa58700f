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
// width and height are the pixel size a PNG of the same options would have,
// and shape-rendering="crispEdges" keeps module edges sharp. Options Scale,
// QuietZone and Colors apply; invalid ones, or a nil w, give an error
// wrapping ErrInvalidOption before anything is written. The document is
// written with a single w.Write call, whose error is returned wrapped.
func (c *Code) WriteSVG(w io.Writer, opts ...Option) error {
	var cfg config
	cfg.reset(opts)
	side, err := cfg.imageSide(c.Size())
	if err != nil {
		return err
	}
	bp := svgBuffers.Get().(*[]byte)
	defer svgBuffers.Put(bp)
	*bp = appendSVG((*bp)[:0], &c.sym, &cfg, side)
	return write(w, *bp, "SVG")
}

func appendSVG(b []byte, m moduleRows, cfg *config, side int) []byte {
	n, q := m.Size(), cfg.quiet
	total := n + 2*q
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="`...)
	b = strconv.AppendInt(b, int64(side), 10)
	b = append(b, `" height="`...)
	b = strconv.AppendInt(b, int64(side), 10)
	b = append(b, `" viewBox="0 0 `...)
	b = strconv.AppendInt(b, int64(total), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(total), 10)
	b = append(b, `" shape-rendering="crispEdges">`+"\n"...)
	if _, _, _, a := nrgba(cfg.light); a != 0 {
		b = append(b, `<rect width="100%" height="100%"`...)
		b = appendFill(b, cfg.light)
		b = append(b, "/>\n"...)
	}
	b = append(b, `<path`...)
	b = appendFill(b, cfg.dark)
	b = append(b, ` d="`...)
	for y := 0; y < n; y++ {
		row := m.Row(y)
		for x := 0; x < n; {
			if !darkAt(row, x) {
				x++
				continue
			}
			end := x + 1
			for end < n && darkAt(row, end) {
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
		b = strconv.AppendFloat(b, float64(a)/255, 'f', 3, 64)
		b = append(b, '"')
	}
	return b
}
