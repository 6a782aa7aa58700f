package imagein

import (
	"image"
	"image/color"
)

// Luminance is an 8-bit luminance plane (0 black … 255 white), row-major
// with a stride, so that it can point into an *image.Gray's Pix or an
// *image.YCbCr's Y plane without a copy.
//
// A Luminance is used by one goroutine at a time. One from NewLuminance or
// LuminanceOf may hold pooled storage: Release returns it, after which the
// plane must not be used.
type Luminance struct {
	// Pix holds the rows: pixel (x, y) is Pix[y*Stride+x].
	Pix    []byte
	Stride int
	// W and H are the plane's width and height in pixels.
	W, H int
	buf  *[]byte // pooled storage behind Pix, or nil
}

// NewLuminance returns a W×H plane backed by a pooled buffer, its pixels
// unset.
func NewLuminance(w, h int) *Luminance {
	p := getBytes(w * h)
	return &Luminance{Pix: *p, Stride: w, W: w, H: h, buf: p}
}

// Release returns l's pooled storage, if any. It is safe on nil and on a
// plane released already.
func (l *Luminance) Release() {
	if l != nil && l.buf != nil {
		putBytes(l.buf)
		l.buf, l.Pix = nil, nil
	}
}

// Row returns row y, W bytes.
func (l *Luminance) Row(y int) []byte { return l.Pix[y*l.Stride : y*l.Stride+l.W] }

// LuminanceOf returns the luminance of img, its bounds' minimum at (0, 0).
// Gray and YCbCr images are used in place (JPEG's Y channel is the
// luminance itself, JFIF full range); other types are converted into a
// pooled buffer, the common ones in tight loops over their pixels, the
// rest through At. Transparent pixels are composited over white, as a
// viewer would show them.
func LuminanceOf(img image.Image) *Luminance {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	switch m := img.(type) {
	case *image.Gray:
		return &Luminance{Pix: m.Pix[m.PixOffset(r.Min.X, r.Min.Y):], Stride: m.Stride, W: w, H: h}
	case *image.YCbCr:
		return &Luminance{Pix: m.Y[m.YOffset(r.Min.X, r.Min.Y):], Stride: m.YStride, W: w, H: h}
	case *Packed:
		return m.luminance()
	}
	l := NewLuminance(w, h)
	switch m := img.(type) {
	case *image.NRGBA:
		l.fromNRGBA(m)
	case *image.RGBA:
		l.fromRGBA(m)
	case *image.Paletted:
		l.fromPaletted(m)
	case *image.CMYK:
		l.fromCMYK(m)
	case image.PalettedImage:
		l.fromPalettedImage(m)
	case *image.Gray16:
		l.fromGray16(m)
	default:
		l.fromAt(img)
	}
	return l
}

// ColorLuminance returns the luminance LuminanceOf gives a pixel of colour
// c: (R + 2G + B)/4 over a white background.
func ColorLuminance(c color.Color) byte { return grayOf(c.RGBA()) }

// grayOf converts 16-bit premultiplied RGBA to 8-bit luminance over white.
func grayOf(r, g, b, a uint32) byte {
	v := (r+2*g+b)>>2 + 0xffff - a
	return byte(min(v, 0xffff) >> 8)
}

// fromNRGBA fills l from non-premultiplied RGBA pixels.
func (l *Luminance) fromNRGBA(m *image.NRGBA) {
	r := m.Rect
	for y := 0; y < l.H; y++ {
		src := m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):][: 4*l.W : 4*l.W]
		dst := l.Row(y)
		for x := range dst {
			p := src[4*x : 4*x+4 : 4*x+4]
			v := (uint32(p[0]) + 2*uint32(p[1]) + uint32(p[2])) >> 2
			if a := uint32(p[3]); a != 0xff {
				v = (v*a + 0xff*(0xff-a)) / 0xff
			}
			dst[x] = byte(v)
		}
	}
}

// fromRGBA fills l from premultiplied RGBA pixels: the white background
// shows through by 255 - alpha.
func (l *Luminance) fromRGBA(m *image.RGBA) {
	r := m.Rect
	for y := 0; y < l.H; y++ {
		src := m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):][: 4*l.W : 4*l.W]
		dst := l.Row(y)
		for x := range dst {
			p := src[4*x : 4*x+4 : 4*x+4]
			v := (uint32(p[0])+2*uint32(p[1])+uint32(p[2]))>>2 + 0xff - uint32(p[3])
			dst[x] = byte(min(v, 0xff))
		}
	}
}

// fromPaletted fills l through a table of the palette's luminance.
func (l *Luminance) fromPaletted(m *image.Paletted) {
	var table [256]byte
	for i, c := range m.Palette {
		table[i] = ColorLuminance(c)
	}
	r := m.Rect
	for y := 0; y < l.H; y++ {
		src := m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):][:l.W:l.W]
		dst := l.Row(y)
		for x, i := range src {
			dst[x] = table[i]
		}
	}
}

// fromCMYK fills l from CMYK pixels, converted as color.CMYK does.
func (l *Luminance) fromCMYK(m *image.CMYK) {
	r := m.Rect
	for y := 0; y < l.H; y++ {
		src := m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):][: 4*l.W : 4*l.W]
		dst := l.Row(y)
		for x := range dst {
			p := src[4*x : 4*x+4 : 4*x+4]
			k := 0xff - uint32(p[3])
			cr := (0xff - uint32(p[0])) * k / 0xff
			cg := (0xff - uint32(p[1])) * k / 0xff
			cb := (0xff - uint32(p[2])) * k / 0xff
			dst[x] = byte((cr + 2*cg + cb) >> 2)
		}
	}
}

// fromPalettedImage fills l from a lazily drawn paletted image (a
// renderer's view of a symbol): one method call per pixel, but no colour
// conversion. A colour model that is not a palette goes through At.
func (l *Luminance) fromPalettedImage(m image.PalettedImage) {
	pal, ok := m.ColorModel().(color.Palette)
	if !ok {
		l.fromAt(m)
		return
	}
	var table [256]byte
	for i, c := range pal {
		table[i] = ColorLuminance(c)
	}
	r := m.Bounds()
	for y := 0; y < l.H; y++ {
		dst := l.Row(y)
		for x := range dst {
			dst[x] = table[m.ColorIndexAt(r.Min.X+x, r.Min.Y+y)]
		}
	}
}

// fromGray16 fills l with the high byte of each big-endian sample.
func (l *Luminance) fromGray16(m *image.Gray16) {
	r := m.Rect
	for y := 0; y < l.H; y++ {
		src := m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):][: 2*l.W : 2*l.W]
		dst := l.Row(y)
		for x := range dst {
			dst[x] = src[2*x]
		}
	}
}

// fromAt fills l from img through At, for types without a fast path.
func (l *Luminance) fromAt(img image.Image) {
	r := img.Bounds()
	for y := 0; y < l.H; y++ {
		dst := l.Row(y)
		for x := range dst {
			dst[x] = grayOf(img.At(r.Min.X+x, r.Min.Y+y).RGBA())
		}
	}
}
