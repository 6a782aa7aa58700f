package imagein

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"io"
	"sync"
)

// The built-in PNG reader decodes the PNGs uploads usually are —
// non-interlaced greyscale or palette images of bit depth 1, 2, 4 or 8,
// palette alpha allowed — into an image whose pixels live in a pooled
// buffer: a *Packed for bit depth 1, an *image.Gray or *image.Paletted
// otherwise.
//
// image/png sets sub-byte pixels one method call at a time; this reader
// handles whole bytes, and leaves 1-bit rows packed. Its images have the
// same colours, pixel for pixel, as image/png's (and for depths 2 to 8 the
// same type and palette length), so everything downstream behaves the
// same. It declines anything else and anything unusual or broken (other
// colour types, interlacing, greyscale tRNS, chunk order, checksums, short
// or excess data): Decode then runs image/png, whose result or error
// stands.

const pngSignature = "\x89PNG\r\n\x1a\n"

// Colour types of IHDR (PNG spec §11.2.2) the reader handles.
const (
	colourGrey    = 0
	colourPalette = 3
)

// inflateBatch is about how many bytes of scanlines are inflated per call:
// a call into the inflater per line costs as much as the inflating itself
// when lines are short.
const inflateBatch = 16 << 10

// fastPNG decodes data, returning the image and the pooled buffer behind
// its pixels, or ok=false when it declines (see above). It must only be
// called after the header's size has passed the pixel budget.
func fastPNG(data []byte) (img image.Image, pix *[]byte, ok bool) {
	rest, ok := bytes.CutPrefix(data, []byte(pngSignature))
	if !ok {
		return nil, nil, false
	}
	var (
		c    pngChunks
		idat [][]byte // the IDAT payloads in order
	)
	for {
		typ, body, next, ok := readChunk(rest)
		if !ok {
			return nil, nil, false
		}
		rest = next
		switch string(typ) {
		case "IEND":
			if c.seen != seenIDAT || len(body) != 0 {
				return nil, nil, false
			}
			return c.hdr.pixels(idat, c.palette)
		case "IDAT":
			if !c.takeData() {
				return nil, nil, false
			}
			idat = append(idat, body)
		default:
			if !c.take(typ, body) {
				return nil, nil, false
			}
		}
	}
}

// readChunk splits the chunk at the start of b (PNG spec §5.3) into its
// type and body, checking its CRC as image/png does, and returns what
// follows it.
func readChunk(b []byte) (typ, body, rest []byte, ok bool) {
	if len(b) < 12 {
		return nil, nil, nil, false
	}
	n := binary.BigEndian.Uint32(b)
	if n > 0x7fffffff || uint64(n) > uint64(len(b)-12) { // §5.3: lengths below 2³¹
		return nil, nil, nil, false
	}
	if crc32.ChecksumIEEE(b[4:8+n]) != binary.BigEndian.Uint32(b[8+n:]) {
		return nil, nil, nil, false
	}
	return b[4:8], b[8 : 8+n], b[12+n:], true
}

// The chunks seen so far, in the order PNG requires (PNG spec §5.6).
const (
	seenNothing = iota
	seenIHDR
	seenPLTE
	seenIDAT
)

// pngChunks is what the reader keeps of the chunks before IEND, the image
// data aside.
type pngChunks struct {
	hdr       pngHeader
	palette   color.Palette
	seen      int
	trns      bool
	dataEnded bool // a chunk followed the IDATs, so no IDAT may come
}

// takeData records an IDAT chunk: the IDATs come after IHDR, and after PLTE
// for a palette image, one after the other (PNG spec §5.6).
func (c *pngChunks) takeData() bool {
	switch {
	case c.dataEnded, c.seen == seenNothing, c.seen == seenIHDR && c.hdr.colour == colourPalette:
		return false
	}
	c.seen = seenIDAT
	return true
}

// take records one chunk other than IDAT and IEND, reporting false for
// what the reader declines.
func (c *pngChunks) take(typ, body []byte) bool {
	switch string(typ) {
	case "IHDR":
		if c.seen != seenNothing || !c.hdr.parse(body) {
			return false
		}
		c.seen = seenIHDR
		return true
	case "PLTE":
		return c.takePalette(body)
	case "tRNS":
		return c.takeAlpha(body)
	}
	// Ancillary chunks are skipped, but may not come first, and they end
	// the IDATs.
	if c.seen == seenNothing {
		return false
	}
	if c.seen == seenIDAT {
		c.dataEnded = true
	}
	return true
}

// takePalette records PLTE (PNG spec §11.2.3).
func (c *pngChunks) takePalette(body []byte) bool {
	if c.seen != seenIHDR || c.hdr.colour != colourPalette || len(body)%3 != 0 || len(body) == 0 || len(body)/3 > 1<<c.hdr.depth {
		return false
	}
	c.seen = seenPLTE
	c.palette = make(color.Palette, len(body)/3, 256)
	for i := range c.palette {
		c.palette[i] = color.RGBA{body[3*i], body[3*i+1], body[3*i+2], 0xff}
	}
	return true
}

// takeAlpha records palette alpha (PNG spec §11.3.2.1), which changes only
// the palette, into the colour types image/png gives it (qrencode writes
// an opaque one). Greyscale transparency yields an NRGBA image in
// image/png: it is declined.
func (c *pngChunks) takeAlpha(body []byte) bool {
	if c.seen != seenPLTE || c.trns || len(body) > 256 {
		return false
	}
	c.trns = true
	for len(c.palette) < len(body) {
		c.palette = append(c.palette, color.RGBA{0, 0, 0, 0xff})
	}
	for i, a := range body {
		p := c.palette[i].(color.RGBA)
		c.palette[i] = color.NRGBA{p.R, p.G, p.B, a}
	}
	return true
}

// pngHeader is the part of IHDR (PNG spec §11.2.2) the reader handles.
type pngHeader struct {
	w, h          int
	depth, colour byte
}

func (h *pngHeader) parse(b []byte) bool {
	if len(b) != 13 {
		return false
	}
	w, hh := binary.BigEndian.Uint32(b[0:]), binary.BigEndian.Uint32(b[4:])
	if w == 0 || hh == 0 || w > 0x7fffffff || hh > 0x7fffffff {
		return false
	}
	h.w, h.h, h.depth, h.colour = int(w), int(hh), b[8], b[9]
	if b[10] != 0 || b[11] != 0 || b[12] != 0 { // compression, filter, interlace
		return false
	}
	if h.colour != colourGrey && h.colour != colourPalette {
		return false
	}
	switch h.depth {
	case 1, 2, 4, 8:
		return true
	}
	return false
}

// rowBytes is the length of an unfiltered scanline.
func (h *pngHeader) rowBytes() int { return (h.w*int(h.depth) + 7) / 8 }

var zlibPool sync.Pool // of io.ReadCloser that are zlib.Resetter

// inflater returns a pooled zlib reader of src.
func inflater(src io.Reader) (io.ReadCloser, bool) {
	if z, ok := zlibPool.Get().(io.ReadCloser); ok {
		return z, z.(zlib.Resetter).Reset(src, nil) == nil
	}
	z, err := zlib.NewReader(src)
	return z, err == nil
}

// pixels inflates and unfilters the image data into a pooled buffer and
// returns the image over it.
func (h *pngHeader) pixels(idat [][]byte, palette color.Palette) (image.Image, *[]byte, bool) {
	if h.colour == colourPalette && palette == nil {
		return nil, nil, false
	}
	var src bytes.Reader
	src.Reset(joinIDAT(idat))
	zr, ok := inflater(&src)
	if !ok {
		return nil, nil, false
	}
	defer zlibPool.Put(zr)
	// Bit depth 1 stays packed (see Packed); deeper samples are expanded
	// to a byte each.
	size := h.w * h.h
	if h.depth == 1 {
		size = h.rowBytes() * h.h
	}
	pix := getBytes(size)
	maxIndex, ok := h.readRows(zr, *pix, len(palette))
	if !ok || !streamEnds(zr, &src) {
		putBytes(pix)
		return nil, nil, false
	}
	return h.image(*pix, palette, maxIndex), pix, true
}

// joinIDAT returns the image data of the IDAT chunks as one slice, without
// a copy when there is one chunk.
func joinIDAT(idat [][]byte) []byte {
	if len(idat) == 1 {
		return idat[0]
	}
	var data []byte
	for _, d := range idat {
		data = append(data, d...)
	}
	return data
}

// readRows inflates the scanlines from zr into pix, unfiltering each in
// place against the one before it, and returns the largest palette index
// the pixels hold (0 for greyscale). Lines are inflated several at a time
// into a batch; the last line of a batch is kept for the next.
func (h *pngHeader) readRows(zr io.Reader, pix []byte, paletteLen int) (maxIndex int, ok bool) {
	line := h.rowBytes() + 1 // the filter type byte first (PNG spec §9.2)
	perBatch := max(1, min(h.h, inflateBatch/line))
	buf := getBytes((perBatch + 1) * line)
	defer putBytes(buf)
	prev, batch := (*buf)[:line], (*buf)[line:]
	clear(prev)
	for y0 := 0; y0 < h.h; y0 += perBatch {
		n := min(perBatch, h.h-y0)
		if _, err := io.ReadFull(zr, batch[:n*line]); err != nil {
			return 0, false
		}
		above := prev
		for i := range n {
			cur := batch[i*line : (i+1)*line]
			if !unfilter(cur[0], cur[1:], above[1:]) {
				return 0, false
			}
			above = cur
			// A 1-bit row can only add index 1, worth looking for while
			// the palette is too short for it.
			scan := maxIndex == 0 && paletteLen < 2
			maxIndex = max(maxIndex, h.storeRow(pix, y0+i, cur[1:], scan))
		}
		copy(prev, above)
	}
	return maxIndex, true
}

// streamEnds reports whether the zlib stream ends here, checksum verified,
// with no input left: image/png rejects extra pixel data.
func streamEnds(zr io.Reader, src *bytes.Reader) bool {
	var one [1]byte
	n, err := zr.Read(one[:])
	return n == 0 && err == io.EOF && src.Len() == 0
}

// storeRow writes unfiltered row y into pix and returns the largest
// palette index in it (0 for greyscale). A 1-bit row is copied as it is,
// its padding bits cleared (their value is unspecified, PNG spec §7.2), and
// looked at for index 1 only when scan is set.
func (h *pngHeader) storeRow(pix []byte, y int, row []byte, scan bool) int {
	if h.depth != 1 {
		return h.expand(pix[y*h.w:(y+1)*h.w], row)
	}
	dst := pix[y*len(row) : (y+1)*len(row)]
	copy(dst, row)
	dst[len(dst)-1] &= LastByteMask(h.w)
	if scan && h.colour == colourPalette {
		for _, b := range dst {
			if b != 0 {
				return 1
			}
		}
	}
	return 0
}

// image returns the decoded image over pix. Out-of-range palette indices
// show as opaque black, and image/png lengthens the palette to cover them.
func (h *pngHeader) image(pix []byte, palette color.Palette, maxIndex int) image.Image {
	if h.colour == colourPalette {
		for len(palette) <= maxIndex {
			palette = append(palette, color.RGBA{0, 0, 0, 0xff})
		}
	}
	if h.depth == 1 {
		return &Packed{W: h.w, H: h.h, Stride: h.rowBytes(), Bits: pix, Palette: palette}
	}
	r := image.Rect(0, 0, h.w, h.h)
	if h.colour == colourGrey {
		return &image.Gray{Pix: pix, Stride: h.w, Rect: r}
	}
	return &image.Paletted{Pix: pix, Stride: h.w, Rect: r, Palette: palette}
}

// unfilter reverses a scanline's filter (PNG spec §9.2) in place; prev is
// the previous unfiltered line (zeros for the first). Every handled format
// has one byte per complete pixel, so the "corresponding byte" a is the
// previous byte of the line.
func unfilter(f byte, cur, prev []byte) bool {
	prev = prev[:len(cur)]
	switch f {
	case 0:
	case 1: // Sub
		for i := 1; i < len(cur); i++ {
			cur[i] += cur[i-1]
		}
	case 2: // Up
		for i := range cur {
			cur[i] += prev[i]
		}
	case 3: // Average
		var a byte
		for i := range cur {
			cur[i] += byte((int(a) + int(prev[i])) / 2)
			a = cur[i]
		}
	case 4: // Paeth
		var a, c byte
		for i := range cur {
			b := prev[i]
			cur[i] += paeth(a, b, c)
			a, c = cur[i], b
		}
	default:
		return false
	}
	return true
}

// paeth is the Paeth predictor (PNG spec §9.4).
func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int { return max(x, -x) }

// expand writes one unfiltered line's samples into dst, greyscale scaled
// to 8 bits as image/png does (PNG spec §13.12), palette indices as they
// are, and returns the largest sample for a palette image.
func (h *pngHeader) expand(dst, line []byte) int {
	w := len(dst)
	d := int(h.depth)
	if d == 8 {
		copy(dst, line[:w])
		if h.colour == colourPalette {
			return int(maxByte(dst))
		}
		return 0
	}
	per := 8 / d // samples a byte, 4 or 2 (depth 1 stays packed)
	mask := byte(1)<<d - 1
	for x := range dst {
		b := line[x/per]
		shift := 8 - d*(x%per+1)
		dst[x] = (b >> shift) & mask
	}
	if h.colour == colourGrey {
		scale := 0xff / (byte(1)<<d - 1) // 0xff, 0x55, 0x11
		for x, v := range dst {
			dst[x] = v * scale
		}
		return 0
	}
	return int(maxByte(dst))
}

func maxByte(b []byte) byte {
	m := byte(0)
	for _, v := range b {
		m = max(m, v)
	}
	return m
}
