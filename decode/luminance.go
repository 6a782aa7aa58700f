package decode

import (
	"errors"
	"image"
	"image/color"
	"math/bits"
	"sync"

	"github.com/makiuchi-d/gozxing"
)

// luminance is an 8-bit luminance plane (0 black … 255 white), row-major
// with a stride, so that it can point into an *image.Gray's Pix or an
// *image.YCbCr's Y plane without a copy. It implements
// gozxing.LuminanceSource.
//
// A luminance is used by one decoding call at a time; buf, when set, is
// pooled storage that release returns.
type luminance struct {
	pix    []byte
	stride int
	w, h   int
	buf    *[]byte
}

var _ gozxing.LuminanceSource = (*luminance)(nil)

// bytePools hold byte buffers for luminance planes, by size class: pool c
// holds buffers of capacity at least 1<<c, so any buffer taken from the
// class of a request fits it.
var bytePools [48]sync.Pool

func getBytes(n int) *[]byte {
	c := bits.Len(uint(max(n, 1) - 1)) // smallest c with 1<<c >= n
	if p, ok := bytePools[c].Get().(*[]byte); ok {
		*p = (*p)[:n]
		return p
	}
	b := make([]byte, n, 1<<c)
	return &b
}

func putBytes(p *[]byte) {
	if p != nil && cap(*p) > 0 {
		bytePools[bits.Len(uint(cap(*p)))-1].Put(p)
	}
}

// newPlane returns a w×h luminance backed by a pooled buffer.
func newPlane(w, h int) *luminance {
	p := getBytes(w * h)
	return &luminance{pix: *p, stride: w, w: w, h: h, buf: p}
}

func (l *luminance) release() {
	if l != nil && l.buf != nil {
		putBytes(l.buf)
		l.buf, l.pix = nil, nil
	}
}

func (l *luminance) row(y int) []byte { return l.pix[y*l.stride : y*l.stride+l.w] }

// GetRow copies row y into row (or a new slice if row is too small).
func (l *luminance) GetRow(y int, row []byte) ([]byte, error) {
	if y < 0 || y >= l.h {
		return nil, errors.New("decode: luminance row out of range")
	}
	if len(row) < l.w {
		row = make([]byte, l.w)
	}
	copy(row, l.row(y))
	return row, nil
}

// GetMatrix returns the plane as w*h contiguous bytes; it copies only when
// the plane has padding between rows.
func (l *luminance) GetMatrix() []byte {
	if l.stride == l.w {
		return l.pix[:l.w*l.h]
	}
	m := make([]byte, l.w*l.h)
	for y := 0; y < l.h; y++ {
		copy(m[y*l.w:], l.row(y))
	}
	return m
}

func (l *luminance) GetWidth() int         { return l.w }
func (l *luminance) GetHeight() int        { return l.h }
func (l *luminance) IsCropSupported() bool { return true }

// Crop returns a view of a rectangle of l, sharing its pixels.
func (l *luminance) Crop(left, top, width, height int) (gozxing.LuminanceSource, error) {
	if left < 0 || top < 0 || width < 1 || height < 1 || left+width > l.w || top+height > l.h {
		return nil, errors.New("decode: crop rectangle outside the image")
	}
	return &luminance{pix: l.pix[top*l.stride+left:], stride: l.stride, w: width, h: height}, nil
}

func (l *luminance) IsRotateSupported() bool { return true }

// RotateCounterClockwise returns a copy of l turned by 90° counterclockwise.
func (l *luminance) RotateCounterClockwise() (gozxing.LuminanceSource, error) {
	return l.rotate90(), nil
}

// RotateCounterClockwise45 is not supported: rotations by other angles go
// through rotate, which resamples.
func (l *luminance) RotateCounterClockwise45() (gozxing.LuminanceSource, error) {
	return nil, errors.New("decode: 45° rotation of a luminance source is not supported")
}

// Invert returns a view of l with black and white swapped.
func (l *luminance) Invert() gozxing.LuminanceSource { return gozxing.NewInvertedLuminanceSource(l) }

func (l *luminance) String() string { return gozxing.LuminanceSourceString(l) }

// rotate90 returns a pooled copy turned 90° counterclockwise: source pixel
// (x, y) lands at (y, w-1-x).
func (l *luminance) rotate90() *luminance {
	r := newPlane(l.h, l.w)
	for y := 0; y < l.h; y++ {
		src := l.row(y)
		for x, v := range src {
			r.pix[(l.w-1-x)*r.stride+y] = v
		}
	}
	return r
}

// luminanceOf returns the luminance of img. Gray and YCbCr images are used in
// place; other types are converted into a pooled buffer. Transparent pixels
// are composited over white, as a viewer would show them.
func luminanceOf(img image.Image) *luminance {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	switch m := img.(type) {
	case *image.Gray:
		return &luminance{pix: m.Pix[m.PixOffset(r.Min.X, r.Min.Y):], stride: m.Stride, w: w, h: h}
	case *image.YCbCr:
		// JPEG's Y channel is the luminance itself (JFIF full range).
		return &luminance{pix: m.Y[m.YOffset(r.Min.X, r.Min.Y):], stride: m.YStride, w: w, h: h}
	case *packedImage:
		return m.luminance()
	}
	l := newPlane(w, h)
	switch m := img.(type) {
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			src := m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):][: 4*w : 4*w]
			dst := l.row(y)
			for x := range dst {
				p := src[4*x : 4*x+4 : 4*x+4]
				v := (uint32(p[0]) + 2*uint32(p[1]) + uint32(p[2])) >> 2
				if a := uint32(p[3]); a != 0xff {
					v = (v*a + 0xff*(0xff-a)) / 0xff
				}
				dst[x] = byte(v)
			}
		}
	case *image.RGBA:
		for y := 0; y < h; y++ {
			src := m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):][: 4*w : 4*w]
			dst := l.row(y)
			for x := range dst {
				p := src[4*x : 4*x+4 : 4*x+4]
				// Premultiplied: the white background shows through by 255-a.
				v := (uint32(p[0])+2*uint32(p[1])+uint32(p[2]))>>2 + 0xff - uint32(p[3])
				dst[x] = byte(min(v, 0xff))
			}
		}
	case *image.Paletted:
		var table [256]byte
		for i, c := range m.Palette {
			table[i] = grayOf(c.RGBA())
		}
		for y := 0; y < h; y++ {
			src := m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):][:w:w]
			dst := l.row(y)
			for x, i := range src {
				dst[x] = table[i]
			}
		}
	case *image.CMYK:
		for y := 0; y < h; y++ {
			src := m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):][: 4*w : 4*w]
			dst := l.row(y)
			for x := range dst {
				p := src[4*x : 4*x+4 : 4*x+4]
				k := 0xff - uint32(p[3])
				cr := (0xff - uint32(p[0])) * k / 0xff
				cg := (0xff - uint32(p[1])) * k / 0xff
				cb := (0xff - uint32(p[2])) * k / 0xff
				dst[x] = byte((cr + 2*cg + cb) >> 2)
			}
		}
	case image.PalettedImage:
		// Lazily drawn paletted images (a renderer's view of a symbol):
		// one method call per pixel, but no colour conversion.
		pal, ok := m.ColorModel().(color.Palette)
		if !ok {
			genericLuminance(img, l)
			break
		}
		var table [256]byte
		for i, c := range pal {
			table[i] = grayOf(c.RGBA())
		}
		for y := 0; y < h; y++ {
			dst := l.row(y)
			for x := range dst {
				dst[x] = table[m.ColorIndexAt(r.Min.X+x, r.Min.Y+y)]
			}
		}
	case *image.Gray16:
		for y := 0; y < h; y++ {
			src := m.Pix[m.PixOffset(r.Min.X, r.Min.Y+y):][: 2*w : 2*w]
			dst := l.row(y)
			for x := range dst {
				dst[x] = src[2*x] // high byte, big-endian
			}
		}
	default:
		genericLuminance(img, l)
	}
	return l
}

// genericLuminance fills l from img through At, for types without a fast
// path.
func genericLuminance(img image.Image, l *luminance) {
	r := img.Bounds()
	for y := 0; y < l.h; y++ {
		dst := l.row(y)
		for x := range dst {
			dst[x] = grayOf(img.At(r.Min.X+x, r.Min.Y+y).RGBA())
		}
	}
}

// grayOf converts 16-bit premultiplied RGBA to 8-bit luminance over white.
func grayOf(r, g, b, a uint32) byte {
	v := (r+2*g+b)>>2 + 0xffff - a
	return byte(min(v, 0xffff) >> 8)
}
