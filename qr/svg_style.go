package qr

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
)

// writeStyledSVG is WriteSVG for a styled rendering r (defaults as for
// renderStyled): the image is checked as a raster of the same outlines at
// r's scale, then written as SVG. r is taken by value so that WriteSVG's
// own copy stays on its stack on the plain path. The document has, in order: the light background, the logo as an
// embedded PNG, and one path of every dark outline filled with the dark
// colour or a gradient.
func (c *Code) writeStyledSVG(w io.Writer, r rendering, defaults bool) error {
	if w == nil {
		return errNilWriter
	}
	_, cv, err := c.renderStyled(&r, defaults)
	if err != nil {
		return err
	}
	b, err := appendStyledSVG(nil, cv)
	if err != nil {
		return err
	}
	return write(w, b, "SVG")
}

// svgGradientID names the gradient of the dark modules. A page that
// inlines several styled SVGs gets the same definition under one name
// more than once, which is harmless only because every reference sits in
// the document that defines it; a unique name per document would make the
// output depend on more than the code and its options.
const svgGradientID = "qrworks-dark"

// appendStyledSVG appends the SVG document of cv to b.
func appendStyledSVG(b []byte, cv *canvas) ([]byte, error) {
	total := cv.n + 2*cv.q
	st := &cv.r.style
	b = fmt.Appendf(b, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%d" height="%d" viewBox="0 0 %d %d"`,
		cv.side, cv.side, total, total)
	if st.modules == Square && st.finders == Square {
		b = append(b, ` shape-rendering="crispEdges"`...)
	}
	b = append(b, ">\n"...)
	if st.grad.kind != noGradient {
		b = appendSVGGradient(b, cv)
	}
	if _, _, _, a := nrgba(cv.r.light); a != 0 {
		b = append(b, `<rect width="100%" height="100%"`...)
		b = appendFill(b, cv.r.light)
		b = append(b, "/>\n"...)
	}
	if !cv.logo.Empty() {
		var err error
		if b, err = appendSVGLogo(b, cv); err != nil {
			return nil, err
		}
	}
	b = append(b, `<path`...)
	if st.grad.kind != noGradient {
		b = append(b, ` fill="url(#`+svgGradientID+`)"`...)
	} else {
		b = appendFill(b, cv.r.dark)
	}
	b = append(b, ` d="`...)
	b = cv.appendOutlines(b)
	return append(b, "\"/>\n</svg>\n"...), nil
}

// appendSVGGradient appends the definition of the dark gradient, placed
// in the viewBox's module units exactly as paint places it in pixels.
func appendSVGGradient(b []byte, cv *canvas) []byte {
	g := &cv.r.style.grad
	x1, y1, x2, y2 := g.geometry(float64(cv.n), float64(cv.q))
	b = append(b, "<defs>"...)
	if g.kind == radialGradient {
		b = append(b, `<radialGradient id="`+svgGradientID+`" gradientUnits="userSpaceOnUse" cx="`...)
		b = appendNum(b, x1)
		b = append(b, `" cy="`...)
		b = appendNum(b, y1)
		b = append(b, `" r="`...)
		b = appendNum(b, x2-x1)
	} else {
		b = append(b, `<linearGradient id="`+svgGradientID+`" gradientUnits="userSpaceOnUse"`...)
		for i, v := range [4]float64{x1, y1, x2, y2} {
			b = append(b, [4]string{` x1="`, `" y1="`, `" x2="`, `" y2="`}[i]...)
			b = appendNum(b, v)
		}
	}
	b = append(b, "\">"...)
	for _, c := range [2]struct {
		offset string
		col    [4]uint8
	}{{"0", nrgbaArray(g.from)}, {"1", nrgbaArray(g.to)}} {
		b = fmt.Appendf(b, `<stop offset="%s" stop-color="#%02x%02x%02x"`, c.offset, c.col[0], c.col[1], c.col[2])
		if c.col[3] != 0xff {
			b = append(b, ` stop-opacity="`...)
			b = strconv.AppendFloat(b, float64(c.col[3])/255, 'f', opacityDigits, 64)
			b = append(b, '"')
		}
		b = append(b, "/>"...)
	}
	if g.kind == radialGradient {
		return append(b, "</radialGradient></defs>\n"...)
	}
	return append(b, "</linearGradient></defs>\n"...)
}

// nrgbaArray returns nrgba(c) as an array.
func nrgbaArray(c color.Color) [4]uint8 {
	r, g, bl, a := nrgba(c)
	return [4]uint8{r, g, bl, a}
}

// appendSVGLogo appends the logo as an <image> holding a PNG data URI of
// the logo as the raster has it: scaled to its pixels at the rendering's
// scale, the function modules over it knocked out in the light colour.
func appendSVGLogo(b []byte, cv *canvas) ([]byte, error) {
	var img bytes.Buffer
	if err := styledPNGEncoder.Encode(&img, cv.logoImage()); err != nil {
		return nil, fmt.Errorf("qr: encoding the logo: %w", err)
	}
	s := float64(cv.s)
	b = append(b, `<image x="`...)
	b = appendNum(b, float64(cv.logo.Min.X)/s)
	b = append(b, `" y="`...)
	b = appendNum(b, float64(cv.logo.Min.Y)/s)
	b = append(b, `" width="`...)
	b = appendNum(b, float64(cv.logo.Dx())/s)
	b = append(b, `" height="`...)
	b = appendNum(b, float64(cv.logo.Dy())/s)
	b = append(b, `" preserveAspectRatio="none" href="data:image/png;base64,`...)
	b = base64.StdEncoding.AppendEncode(b, img.Bytes())
	return append(b, "\"/>\n"...), nil
}

// appendOutlines appends the path data of every dark outline: the drawn
// modules (square ones merged into horizontal runs) and the finders.
func (cv *canvas) appendOutlines(b []byte) []byte {
	st := &cv.r.style
	p := &svgPen{b: b, dx: float64(cv.q), dy: float64(cv.q)}
	for y := 0; y < cv.n; y++ {
		for x := 0; x < cv.n; x++ {
			if !cv.drawn(x, y) {
				continue
			}
			if st.modules == Square {
				end := x + 1
				for end < cv.n && cv.drawn(end, y) {
					end++
				}
				roundedRect(p, float64(x), float64(y), float64(end), float64(y+1), radii{}, false)
				x = end - 1
				continue
			}
			var nb neighbours
			if st.modules == Rounded {
				nb = cv.neighbours(x, y)
			}
			moduleOutline(p, st.modules, float64(x), float64(y), nb)
		}
	}
	for _, c := range cv.finderCorners() {
		eyeOutline(p, st.finders, float64(c.X), float64(c.Y))
	}
	return p.b
}

// svgPen writes outlines as SVG path data in absolute coordinates, offset
// by the quiet zone.
type svgPen struct {
	b      []byte
	dx, dy float64
}

func (p *svgPen) point(cmd byte, x, y float64) {
	p.b = append(p.b, cmd)
	p.b = appendNum(p.b, x+p.dx)
	p.b = append(p.b, ' ')
	p.b = appendNum(p.b, y+p.dy)
}

func (p *svgPen) moveTo(x, y float64) { p.point('M', x, y) }
func (p *svgPen) lineTo(x, y float64) { p.point('L', x, y) }
func (p *svgPen) cubeTo(x1, y1, x2, y2, x, y float64) {
	p.point('C', x1, y1)
	p.point(' ', x2, y2)
	p.point(' ', x, y)
}
func (p *svgPen) closePath() { p.b = append(p.b, 'Z') }

// svgDigits is the number of decimals of SVG coordinates, in modules: a
// thousandth of a module is under a pixel at any scale up to MaxStyledSide.
const svgDigits = 3

// appendNum appends v with at most svgDigits decimals and no trailing
// zeros.
func appendNum(b []byte, v float64) []byte {
	const k = 1e3 // 10^svgDigits
	v = math.Round(v*k) / k
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}
