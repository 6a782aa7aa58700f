package qr

import (
	"image/color"
	"math"
)

// gradientSteps is the number of colours a gradient is drawn with: one per
// 8-bit step, finer than any channel can show.
const gradientSteps = 256

// at returns the gradient's colour at t, 0 (from) to 1 (to): each sRGB
// channel and the alpha interpolated linearly, as SVG and CSS gradients do
// by default, so that the SVG and the raster agree.
func (g *gradient) at(t float64) color.NRGBA {
	r0, g0, b0, a0 := nrgba(g.from)
	r1, g1, b1, a1 := nrgba(g.to)
	mix := func(u, v uint8) uint8 { return uint8(math.Round(float64(u) + t*(float64(v)-float64(u)))) }
	return color.NRGBA{mix(r0, r1), mix(g0, g1), mix(b0, b1), mix(a0, a1)}
}

// geometry returns where the gradient runs over a symbol of n modules
// whose top-left module is at (q, q), in module units: for a linear
// gradient, the points where t is 0 and 1 (the projections of the
// symbol's extreme corners on its direction, as CSS places them); for a
// radial one, the centre twice and the radius in x2 − x1.
func (g *gradient) geometry(n, q float64) (x1, y1, x2, y2 float64) {
	c := q + n/2
	if g.kind == radialGradient {
		return c, c, c + n/math.Sqrt2, c
	}
	rad := g.angle * math.Pi / 180
	// Screen y runs downwards: counter-clockwise on screen is −sin.
	ux, uy := math.Cos(rad), -math.Sin(rad)
	half := n / 2 * (math.Abs(ux) + math.Abs(uy))
	return c - half*ux, c - half*uy, c + half*ux, c + half*uy
}

// paint is the dark paint of a canvas: a solid colour, or a gradient's
// colours looked up by position.
type paint struct {
	solid color.RGBA // premultiplied; used without a gradient
	kind  gradientKind
	lut   [gradientSteps]color.RGBA // premultiplied colours at t = i/(gradientSteps−1)
	// In pixels: the start of the gradient and its direction scaled so
	// that t = ((x−x0)·dx + (y−y0)·dy); for a radial gradient, the centre
	// and 1/radius in dx.
	x0, y0, dx, dy float64
}

// newPaint returns the dark paint of cv.
func newPaint(cv *canvas) *paint {
	g := &cv.r.style.grad
	p := &paint{solid: premultiplied(cv.r.dark), kind: g.kind}
	if g.kind == noGradient {
		return p
	}
	for i := range p.lut {
		p.lut[i] = premultiplied(g.at(float64(i) / (gradientSteps - 1)))
	}
	s := float64(cv.s)
	x1, y1, x2, y2 := g.geometry(float64(cv.n), float64(cv.q))
	p.x0, p.y0 = x1*s, y1*s
	if g.kind == radialGradient {
		p.dx = 1 / ((x2 - x1) * s)
		return p
	}
	// t is the projection on the direction, over the length squared.
	ex, ey := (x2-x1)*s, (y2-y1)*s
	l2 := ex*ex + ey*ey
	p.dx, p.dy = ex/l2, ey/l2
	return p
}

// t returns the gradient position of the point (x, y) in pixels, 0 to 1.
func (p *paint) t(x, y float64) float64 {
	var t float64
	if p.kind == radialGradient {
		t = math.Hypot(x-p.x0, y-p.y0) * p.dx
	} else {
		t = (x-p.x0)*p.dx + (y-p.y0)*p.dy
	}
	return min(max(t, 0), 1)
}

// at returns the paint of the pixel (x, y), taken at its centre.
func (p *paint) at(x, y int) color.RGBA {
	if p.kind == noGradient {
		return p.solid
	}
	t := p.t(float64(x)+0.5, float64(y)+0.5)
	return p.lut[int(t*(gradientSteps-1)+0.5)]
}
