package pngenc

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image/color"

	"github.com/qrworks/qrworks/internal/deflate"
)

// Modules is a grid of modules in packed rows: module x of row y is dark
// when bit 63-x%64 of Row(y)[x/64] is set, the layout of encode.Symbol.Row.
// For a grid of Options.Width×Options.Height modules, Row(y) must return at
// least ⌈Width/64⌉ words for every 0 ≤ y < Height; bits beyond Width are
// ignored.
type Modules interface {
	Row(y int) []uint64
}

// Options describes the image of a grid.
type Options struct {
	Width, Height int // the grid, in modules: at least 1 each
	Scale         int // pixels per module: at least 1
	Quiet         int // modules of light border on every side: at least 0

	// Dark and Light are the colours of dark and light modules. Black on
	// opaque white gives a greyscale image, any other pair a palette.
	Dark, Light color.NRGBA
}

// MaxSide bounds the width and the height of an image in pixels,
// (modules + 2·quiet)·scale. It keeps an image under 2^28 pixels (32 MiB of
// 1-bit scanlines) and a scanline, at most 2049 bytes, well inside the
// DEFLATE window and the 16-bit lengths of the parse.
const MaxSide = 1 << 14

// ErrInvalid is wrapped by the errors of Append for options that describe
// no image or too large a one.
var ErrInvalid = errors.New("pngenc: invalid image options")

// Encoder writes PNG files. The zero Encoder is ready to use; it keeps its
// scratch space between calls (about 1 MiB at most, whatever the image
// within MaxSide), so that a reused Encoder does not allocate. The
// output of Append does not depend on what an Encoder wrote before. An
// Encoder is not safe for concurrent use: give each goroutine its own, or
// take them from a sync.Pool.
type Encoder struct {
	z      deflate.Writer
	spread []byte // the spreadTable of the last scale that had one
	lz     lineMatcher
	costs  costModel
	parse  parser
}

// Append appends the PNG file of the grid m, as o describes it, to dst and
// returns the extended slice. Options that describe no image (a dimension
// below its minimum) or one over MaxSide pixels a side give an error
// wrapping ErrInvalid, and dst unchanged.
func (e *Encoder) Append(dst []byte, m Modules, o Options) ([]byte, error) {
	l, err := newLayout(&o)
	if err != nil {
		return dst, err
	}
	out := append(dst, signature[:]...)
	out = appendHeader(out, &l, o.Dark, o.Light)
	out = e.appendData(out, m, &l)
	start := startChunk(&out, "IEND")
	endChunk(&out, start)
	return out, nil
}

// newLayout checks o and returns the geometry of its image.
func newLayout(o *Options) (layout, error) {
	switch {
	case o.Width < 1 || o.Height < 1:
		return layout{}, fmt.Errorf("%w: grid of %d×%d modules", ErrInvalid, o.Width, o.Height)
	case o.Scale < 1:
		return layout{}, fmt.Errorf("%w: scale %d", ErrInvalid, o.Scale)
	case o.Quiet < 0:
		return layout{}, fmt.Errorf("%w: quiet zone %d", ErrInvalid, o.Quiet)
	case !sideFits(o.Width, o.Quiet, o.Scale) || !sideFits(o.Height, o.Quiet, o.Scale):
		return layout{}, fmt.Errorf("%w: image of (%d×%d + 2·%d)·%d pixels exceeds %d a side",
			ErrInvalid, o.Width, o.Height, o.Quiet, o.Scale, MaxSide)
	}
	l := layout{width: o.Width, height: o.Height, quiet: o.Quiet, scale: o.Scale}
	l.stride = 1 + (l.pixelWidth()+7)/8 // filter byte + packed pixels
	return l, nil
}

// sideFits reports whether n modules plus the quiet zone on both sides, at
// scale pixels per module, are at most MaxSide pixels. Each factor is
// checked before multiplying so that nothing overflows.
func sideFits(n, quiet, scale int) bool {
	return n <= MaxSide && quiet <= MaxSide && scale <= MaxSide && (n+2*quiet)*scale <= MaxSide
}

// Colour types of IHDR (PNG spec §11.2.2).
const (
	colourGrey    = 0
	colourPalette = 3
)

var (
	opaqueBlack = color.NRGBA{0, 0, 0, 0xff}
	opaqueWhite = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// appendHeader appends IHDR and, unless the colours are black on opaque
// white, the palette: PLTE, and tRNS when a colour is not opaque.
func appendHeader(out []byte, l *layout, dark, light color.NRGBA) []byte {
	grey := dark == opaqueBlack && light == opaqueWhite
	colourType := byte(colourPalette)
	if grey {
		colourType = colourGrey
	}
	// IHDR (§11.2.2): width, height, bit depth 1, colour type, compression
	// method 0 (deflate), filter method 0 (adaptive), no interlace.
	start := startChunk(&out, "IHDR")
	out = binary.BigEndian.AppendUint32(out, uint32(l.pixelWidth()))
	out = binary.BigEndian.AppendUint32(out, uint32(l.pixelHeight()))
	out = append(out, 1, colourType, 0, 0, 0)
	endChunk(&out, start)
	if grey {
		return out
	}
	// PLTE (§11.2.3): index 0 dark, index 1 light, matching the pixel bits.
	start = startChunk(&out, "PLTE")
	out = append(out, dark.R, dark.G, dark.B, light.R, light.G, light.B)
	endChunk(&out, start)
	if dark.A != 0xff || light.A != 0xff {
		// tRNS (§11.3.1.1): one alpha per palette entry.
		start = startChunk(&out, "tRNS")
		out = append(out, dark.A, light.A)
		endChunk(&out, start)
	}
	return out
}

// The zlib header (RFC 1950 §2.2): CMF 0x78 is deflate with a 32 KiB
// window; FLG 0x9C says default compression level, with the check bits
// that make 0x789C a multiple of 31.
const (
	zlibCMF = 0x78
	zlibFLG = 0x9c
)

// appendData appends the IDAT chunk: the whole image as one zlib stream.
func (e *Encoder) appendData(out []byte, m Modules, l *layout) []byte {
	start := startChunk(&out, "IDAT")
	out = append(out, zlibCMF, zlibFLG)
	e.z.Reset(out)
	sum := e.compressRows(m, l)
	out = e.z.Close()
	out = binary.BigEndian.AppendUint32(out, sum)
	endChunk(&out, start)
	return out
}

// compressRows writes the scanlines, quiet zone included, into e.z and
// returns the Adler-32 of the uncompressed data. Each module row's first
// scanline is parsed; its scale-1 repeats are one copy of the line above.
func (e *Encoder) compressRows(m Modules, l *layout) uint32 {
	e.lz.reset(l.stride, l.scale)
	l.useSpread(&e.spread)
	e.costs.estimate(m, l, e.lz.line()) // the line is scratch until filled
	repeats := (l.scale - 1) * l.stride // bytes of each line's repeats
	var a adler
	for y := -l.quiet; y < l.height+l.quiet; y++ {
		var row []uint64 // nil: a quiet-zone row
		if y >= 0 && y < l.height {
			row = m.Row(y)
		}
		cur := e.lz.line()
		l.expandRow(cur, row)
		a.addRepeated(cur, l.scale)
		e.parseLine(cur, repeats >= deflate.MinMatch)
		switch {
		case repeats >= deflate.MinMatch:
			e.z.Copy(repeats, l.stride)
		case repeats > 0:
			// Scale 2 and lines of two bytes (eight pixels or fewer): one
			// repeat, too short for a copy.
			for _, b := range cur {
				e.z.Literal(b)
			}
		}
		e.z.EndBlock()
		e.lz.next()
	}
	return a.sum()
}
