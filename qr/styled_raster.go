package qr

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"

	"github.com/qrworks/qrworks/encode"
	"github.com/qrworks/qrworks/internal/qrspec"
)

// MaxStyledSide bounds the side of styled images in pixels. They are drawn
// in full colour, four bytes a pixel, with a byte of coverage beside it:
// 4096 pixels a side is 80 MiB, against 2 MiB for a plain image of
// MaxImageSide at one bit a pixel. Version 40 fits at 22 pixels a module
// with the standard quiet zone.
const MaxStyledSide = 1 << 12

// moduleSet is a set of modules of one symbol, a bit per module, laid out
// like the rows of encode.Symbol.
type moduleSet [qrspec.MaxSide][(qrspec.MaxSide + 63) / 64]uint64

func (m *moduleSet) add(x, y int)      { m[y][x>>6] |= 1 << (63 - uint(x&63)) }
func (m *moduleSet) has(x, y int) bool { return m[y][x>>6]>>(63-uint(x&63))&1 != 0 }

// canvas is one styled rendering of a symbol: which modules hold data,
// where the logo goes and which modules it clears, and, once drawn, how
// much of each pixel the dark paint covers. The raster renderer composes
// the image from it, and the check reads the same geometry.
type canvas struct {
	sym  *encode.Symbol // nil for a layout alone (newLayout)
	v    encode.Version
	r    *rendering
	n    int // modules a side, quiet zone excluded
	q, s int // quiet zone in modules, pixels per module
	side int // pixels a side

	data    moduleSet       // data and error correction modules; the rest are function modules
	cleared moduleSet       // data modules left light under the logo and its margin
	covered moduleSet       // the cleared modules that the logo itself overlaps
	logo    image.Rectangle // the logo in pixels; empty without one

	cov []uint8 // side×side: coverage of each pixel by the dark paint, 0 to 255
}

// newCanvas lays out sym drawn with r, which must be valid for it (see
// styledSide).
func newCanvas(sym *encode.Symbol, r *rendering) *canvas {
	cv := newLayout(sym.Version(), r)
	cv.sym = sym
	return cv
}

// newLayout lays out a symbol of version v drawn with r, with no symbol to
// draw: what does not depend on the data.
func newLayout(v encode.Version, r *rendering) *canvas {
	cv := &canvas{v: v, r: r, n: v.Size(), q: r.quiet, s: r.scale}
	cv.side = (cv.n + 2*cv.q) * cv.s
	for _, m := range encode.DataModules(v) {
		cv.data.add(int(m&0xFF), int(m>>8))
	}
	if r.style.logo != nil {
		cv.placeLogo()
	}
	return cv
}

// styledSide checks that sym can be drawn styled with r: a QR Code symbol
// (the check knows the layout of QR Code only), not empty, its image
// within MaxStyledSide; and returns the image's side.
func (r *rendering) styledSide(sym *encode.Symbol) (int, error) {
	if sym.Size() > 0 && sym.Format() != encode.QR {
		return 0, errStyledFormat(Format(sym.Format()))
	}
	side, _, err := r.imageSize(sym.Width(), sym.Height())
	if err == nil && side > MaxStyledSide {
		err = fmt.Errorf("qr: %w: styled image of %d pixels a side exceeds %d", ErrInvalidOption, side, MaxStyledSide)
	}
	return side, err
}

// errStyledFormat is the error of styling a symbol of format f, which is
// not QR Code.
func errStyledFormat(f Format) error {
	return fmt.Errorf("qr: %w: styling (Modules, Finders, Gradient, Logo) applies to QR Code, not %v", ErrInvalidOption, f)
}

// placeLogo centres the logo, rounded to whole pixels, and clears the data
// modules that any part of it or of a one-module margin around it touches.
func (cv *canvas) placeLogo() {
	l := cv.r.style.logo
	n, q, s := float64(cv.n), float64(cv.q), float64(cv.s)
	w := l.ratio * n
	h := w * l.aspect()
	px := func(m float64) int { return int(math.Round(m * s)) }
	cv.logo = image.Rect(px(q+(n-w)/2), px(q+(n-h)/2), px(q+(n+w)/2), px(q+(n+h)/2))
	if cv.logo.Empty() {
		return
	}
	x0, y0, x1, y1 := cv.logoModules()
	for y := 0; y < cv.n; y++ {
		for x := 0; x < cv.n; x++ {
			if !cv.data.has(x, y) {
				continue
			}
			if overlaps(x, y, x0-1, y0-1, x1+1, y1+1) {
				cv.cleared.add(x, y)
			}
			if overlaps(x, y, x0, y0, x1, y1) {
				cv.covered.add(x, y)
			}
		}
	}
}

// logoModules returns the logo's rectangle in module coordinates.
func (cv *canvas) logoModules() (x0, y0, x1, y1 float64) {
	s, q := float64(cv.s), float64(cv.q)
	return float64(cv.logo.Min.X)/s - q, float64(cv.logo.Min.Y)/s - q,
		float64(cv.logo.Max.X)/s - q, float64(cv.logo.Max.Y)/s - q
}

// overlaps reports whether module (x, y) shares area with the open
// rectangle (x0, x1) × (y0, y1), in module coordinates.
func overlaps(x, y int, x0, y0, x1, y1 float64) bool {
	return float64(x+1) > x0 && float64(x) < x1 && float64(y+1) > y0 && float64(y) < y1
}

// inFinder reports whether module (x, y) of a symbol of n modules belongs
// to one of the three 7×7 finder patterns.
func inFinder(x, y, n int) bool {
	const f = finderSide
	return (x < f || x >= n-f) && y < f || x < f && y >= n-f
}

// drawn reports whether module (x, y) is drawn as a module shape: dark,
// not cleared for the logo, and not part of a finder pattern, which is
// drawn whole.
func (cv *canvas) drawn(x, y int) bool {
	return cv.sym.Module(x, y) && !cv.cleared.has(x, y) && !inFinder(x, y, cv.n)
}

// neighbours returns which neighbours of module (x, y) are drawn.
func (cv *canvas) neighbours(x, y int) neighbours {
	var nb neighbours
	if y > 0 && cv.drawn(x, y-1) {
		nb |= darkUp
	}
	if cv.drawn(x+1, y) { // Module reports false outside the symbol
		nb |= darkRight
	}
	if cv.drawn(x, y+1) {
		nb |= darkDown
	}
	if x > 0 && cv.drawn(x-1, y) {
		nb |= darkLeft
	}
	return nb
}

// drawCoverage fills cv.cov: every drawn module in the module shape, every
// finder pattern in the finder shape. Each distinct outline is rasterised
// once into a tile and copied into place.
func (cv *canvas) drawCoverage() {
	cv.cov = make([]uint8, cv.side*cv.side)
	st := &cv.r.style
	var tiles [16]*tile // by neighbours; only Rounded needs more than one
	for y := 0; y < cv.n; y++ {
		for x := 0; x < cv.n; x++ {
			if !cv.drawn(x, y) {
				continue
			}
			var nb neighbours
			if st.modules == Rounded {
				nb = cv.neighbours(x, y)
			}
			if tiles[nb] == nil {
				tiles[nb] = rasterTile(cv.s, cv.s, cv.s, func(p pen) { moduleOutline(p, st.modules, 0, 0, nb) })
			}
			cv.blit(tiles[nb], x, y)
		}
	}
	eye := rasterTile(finderSide*cv.s, finderSide*cv.s, cv.s, func(p pen) { eyeOutline(p, st.finders, 0, 0) })
	for _, c := range cv.finderCorners() {
		cv.blit(eye, c.X, c.Y)
	}
}

// finderCorners returns the top-left modules of the three finder patterns.
func (cv *canvas) finderCorners() [3]image.Point {
	f := cv.n - finderSide
	return [3]image.Point{{0, 0}, {f, 0}, {0, f}}
}

// tile is the coverage of one outline, w×h pixels.
type tile struct {
	w, h int
	a    []uint8
}

// rasterTile rasterises the outlines that trace draws, in module units, at
// scale pixels per module: w×h pixels of anti-aliased coverage.
func rasterTile(w, h, scale int, trace func(pen)) *tile {
	var z vector.Rasterizer
	z.Reset(w, h)
	z.DrawOp = draw.Src
	trace(&rasterPen{z: &z, scale: float32(scale)})
	dst := image.NewAlpha(image.Rect(0, 0, w, h))
	z.Draw(dst, dst.Bounds(), image.Opaque, image.Point{})
	return &tile{w: w, h: h, a: dst.Pix}
}

// blit copies t into cv.cov with its top-left corner at module (x, y),
// keeping the larger coverage where outlines touch.
func (cv *canvas) blit(t *tile, x, y int) {
	px, py := (cv.q+x)*cv.s, (cv.q+y)*cv.s
	for j := 0; j < t.h; j++ {
		row := cv.cov[(py+j)*cv.side+px:][:t.w]
		for i, a := range t.a[j*t.w : (j+1)*t.w] {
			row[i] = max(row[i], a)
		}
	}
}

// rasterPen feeds outlines, scaled from modules to pixels, to a rasteriser.
type rasterPen struct {
	z     *vector.Rasterizer
	scale float32
}

func (p *rasterPen) moveTo(x, y float64) { p.z.MoveTo(float32(x)*p.scale, float32(y)*p.scale) }
func (p *rasterPen) lineTo(x, y float64) { p.z.LineTo(float32(x)*p.scale, float32(y)*p.scale) }
func (p *rasterPen) cubeTo(x1, y1, x2, y2, x, y float64) {
	k := p.scale
	p.z.CubeTo(float32(x1)*k, float32(y1)*k, float32(x2)*k, float32(y2)*k, float32(x)*k, float32(y)*k)
}
func (p *rasterPen) closePath() { p.z.ClosePath() }

// compose returns the finished image: a palette image without a logo,
// else an RGBA image (a logo brings colours of its own). drawCoverage must
// have run.
func (cv *canvas) compose() image.Image {
	if cv.logo.Empty() {
		return cv.paletted()
	}
	return cv.rgba()
}

// The palette of a styled image without a logo. Anti-aliased edges and
// gradients are quantised so that the palette fits the PNG's palette
// types, which are two to three times smaller than RGBA for the same image
// (measured in docs/styling.md): 16 coverage levels for a solid dark
// colour, a 4-bit palette, whose edges look no different from 256 levels;
// for a gradient, 32 bands of 8 coverage levels, 225 colours, each band a
// step of at most 8 of 255 in any channel.
const (
	solidLevels    = 16
	gradientLevels = 8
	gradientBands  = 32
)

// paletted returns the image as a palette image: index 0 is the light
// colour, then each band's blends of the light and dark colour by
// coverage.
func (cv *canvas) paletted() *image.Paletted {
	light := premultiplied(cv.r.light)
	p := newPaint(cv)
	bands, levels := 1, solidLevels
	if p.kind != noGradient {
		bands, levels = gradientBands, gradientLevels
	}
	pal := make(color.Palette, 1, 1+bands*(levels-1))
	pal[0] = light
	for b := 0; b < bands; b++ {
		dark := p.solid
		if p.kind != noGradient {
			dark = p.lut[b*(gradientSteps-1)/(bands-1)]
		}
		for l := 1; l < levels; l++ {
			pal = append(pal, blend(light, dark, uint8(l*255/(levels-1))))
		}
	}
	img := image.NewPaletted(image.Rect(0, 0, cv.side, cv.side), pal)
	for y := 0; y < cv.side; y++ {
		for x, a := range cv.cov[y*cv.side : (y+1)*cv.side] {
			l := (int(a)*(levels-1) + 127) / 255
			if l == 0 {
				continue
			}
			b := 0
			if p.kind != noGradient {
				b = int(p.t(float64(x)+0.5, float64(y)+0.5)*float64(bands-1) + 0.5)
			}
			img.Pix[y*cv.side+x] = uint8(1 + b*(levels-1) + l - 1)
		}
	}
	return img
}

// rgba draws the light background, the logo, and the dark paint by
// coverage.
func (cv *canvas) rgba() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, cv.side, cv.side))
	draw.Draw(img, img.Bounds(), &image.Uniform{premultiplied(cv.r.light)}, image.Point{}, draw.Src)
	if !cv.logo.Empty() {
		draw.Draw(img, cv.logo, cv.logoImage(), cv.logo.Min, draw.Over)
	}
	p := newPaint(cv)
	for y := 0; y < cv.side; y++ {
		row := img.Pix[y*img.Stride:]
		for x, a := range cv.cov[y*cv.side : (y+1)*cv.side] {
			if a == 0 {
				continue
			}
			c := p.at(x, y)
			px := row[4*x : 4*x+4 : 4*x+4]
			under := color.RGBA{px[0], px[1], px[2], px[3]}
			b := blend(under, c, a)
			px[0], px[1], px[2], px[3] = b.R, b.G, b.B, b.A
		}
	}
	return img
}

// logoImage returns the logo scaled into cv.logo (in canvas pixels), with
// every function module that shares area with it painted in the light
// colour, so that the patterns drawn over the logo read as they should.
func (cv *canvas) logoImage() *image.RGBA {
	img := image.NewRGBA(cv.logo)
	draw.Draw(img, cv.logo, cv.r.style.logo.scaledTo(cv.logo.Dx(), cv.logo.Dy()), image.Point{}, draw.Src)
	x0, y0, x1, y1 := cv.logoModules()
	light := &image.Uniform{premultiplied(cv.r.light)}
	for y := 0; y < cv.n; y++ {
		for x := 0; x < cv.n; x++ {
			if !cv.data.has(x, y) && overlaps(x, y, x0, y0, x1, y1) {
				px, py := (cv.q+x)*cv.s, (cv.q+y)*cv.s
				draw.Draw(img, image.Rect(px, py, px+cv.s, py+cv.s), light, image.Point{}, draw.Src)
			}
		}
	}
	return img
}

// premultiplied returns c as 8-bit alpha-premultiplied components.
func premultiplied(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

// blend returns over drawn on under with coverage a (0 to 255), both
// premultiplied: under·(1−a) + over·a, rounded.
func blend(under, over color.RGBA, a uint8) color.RGBA {
	mix := func(u, o uint8) uint8 { return uint8((uint32(u)*uint32(255-a) + uint32(o)*uint32(a) + 127) / 255) }
	return color.RGBA{mix(under.R, over.R), mix(under.G, over.G), mix(under.B, over.B), mix(under.A, over.A)}
}

// scaledTo returns the logo scaled to w×h pixels, from the cache when the
// last request was for the same size. The result is shared: read only.
func (l *logoSource) scaledTo(w, h int) *image.RGBA {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.scaled != nil && l.scaled.Rect.Dx() == w && l.scaled.Rect.Dy() == h {
		return l.scaled
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	// Catmull-Rom keeps a downscaled photo or flat artwork sharp without
	// the aliasing of bilinear sampling.
	xdraw.CatmullRom.Scale(dst, dst.Rect, l.img, l.img.Bounds(), xdraw.Src, nil)
	l.scaled = dst
	return dst
}
