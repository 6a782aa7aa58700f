package decode

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

// fastPNG decodes the PNGs uploads usually are — non-interlaced greyscale
// or palette images of bit depth 1, 2, 4 or 8, palette alpha allowed — into
// an image whose pixels live in a pooled buffer, returned as pix for the
// caller to release once the image is no longer used: a *packedImage for
// bit depth 1, an *image.Gray or *image.Paletted otherwise.
//
// image/png sets sub-byte pixels one method call at a time; this reader
// handles whole bytes, and leaves 1-bit rows packed. Its images have the
// same colours, pixel for pixel, as image/png's (and for depths 2 to 8 the
// same type and palette length), so everything downstream behaves the
// same. It reports ok=false for anything else and for anything unusual or
// broken (other colour types, interlacing, greyscale tRNS, chunk order,
// checksums, short or excess data): the caller then runs image/png, whose
// result or error stands. It must only be called after the header's size
// has passed the pixel budget.
func fastPNG(data []byte) (img image.Image, pix *[]byte, ok bool) {
	const sig = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(data, []byte(sig)) {
		return nil, nil, false
	}
	rest := data[len(sig):]
	var (
		hdr     pngHeader
		palette color.Palette
		idat    [][]byte // consecutive IDAT payloads, in order
		seen    int      // 0 start, 1 IHDR, 2 PLTE, 3 IDAT
		trns    bool
	)
	// Walk the chunks (PNG spec §5.3) up to IEND, checking every CRC as
	// image/png does.
	for {
		if len(rest) < 12 {
			return nil, nil, false
		}
		n := binary.BigEndian.Uint32(rest)
		if n > 0x7fffffff || uint64(n) > uint64(len(rest)-12) {
			return nil, nil, false
		}
		typ, body := string(rest[4:8]), rest[8:8+n]
		if crc32.ChecksumIEEE(rest[4:8+n]) != binary.BigEndian.Uint32(rest[8+n:]) {
			return nil, nil, false
		}
		rest = rest[12+n:]
		switch typ {
		case "IHDR":
			if seen != 0 || !hdr.parse(body) {
				return nil, nil, false
			}
			seen = 1
		case "PLTE":
			if seen != 1 || hdr.colour != 3 || len(body)%3 != 0 || len(body) == 0 || len(body)/3 > 1<<hdr.depth {
				return nil, nil, false
			}
			seen = 2
			palette = make(color.Palette, len(body)/3, 256)
			for i := range palette {
				palette[i] = color.RGBA{body[3*i], body[3*i+1], body[3*i+2], 0xff}
			}
		case "IDAT":
			switch {
			case seen == 3 && len(idat) > 0 && idat[len(idat)-1] == nil:
				return nil, nil, false // IDATs not consecutive
			case seen == 1 && hdr.colour == 3, seen == 0:
				return nil, nil, false
			}
			seen = 3
			idat = append(idat, body)
		case "IEND":
			if seen != 3 || n != 0 {
				return nil, nil, false
			}
			img, pix, ok = hdr.pixels(idat, palette)
			return img, pix, ok
		case "tRNS":
			// Palette alpha (§11.3.2.1) changes only the palette, into
			// the colour types image/png gives it (qrencode writes an
			// opaque one). Greyscale transparency yields an NRGBA image
			// in image/png: left to it.
			if seen != 2 || trns || len(body) > 256 {
				return nil, nil, false
			}
			trns = true
			for len(palette) < len(body) {
				palette = append(palette, color.RGBA{0, 0, 0, 0xff})
			}
			for i, a := range body {
				c := palette[i].(color.RGBA)
				palette[i] = color.NRGBA{c.R, c.G, c.B, a}
			}
		default:
			if seen == 0 {
				return nil, nil, false
			}
			if seen == 3 && len(idat) > 0 && idat[len(idat)-1] != nil {
				idat = append(idat, nil) // end of the IDAT run
			}
		}
	}
}

// pngHeader is the part of IHDR (PNG spec §11.2.2) the fast path handles.
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
	if h.colour != 0 && h.colour != 3 {
		return false
	}
	switch h.depth {
	case 1, 2, 4, 8:
		return true
	}
	return false
}

var zlibPool sync.Pool // of io.ReadCloser that are zlib.Resetter

// pixels inflates and unfilters the image data into a pooled buffer.
func (h *pngHeader) pixels(idat [][]byte, palette color.Palette) (image.Image, *[]byte, bool) {
	if h.colour == 3 && palette == nil {
		return nil, nil, false
	}
	var src bytes.Reader
	var data []byte
	if len(idat) == 1 || (len(idat) == 2 && idat[1] == nil) {
		data = idat[0]
	} else {
		for _, d := range idat {
			data = append(data, d...)
		}
	}
	src.Reset(data)
	var zr io.ReadCloser
	if z, ok := zlibPool.Get().(io.ReadCloser); ok {
		if z.(zlib.Resetter).Reset(&src, nil) != nil {
			return nil, nil, false
		}
		zr = z
	} else {
		z, err := zlib.NewReader(&src)
		if err != nil {
			return nil, nil, false
		}
		zr = z
	}
	defer zlibPool.Put(zr)

	// Lines are inflated several at a time into batch (a call into the
	// inflater per line costs as much as the inflating itself when lines
	// are short) and unfiltered there in place, each against the line
	// before it; the last line of a batch is kept in prev for the next.
	rowBytes := (h.w*int(h.depth) + 7) / 8
	line := rowBytes + 1 // the filter type byte first (PNG spec §9.2)
	perBatch := max(1, min(h.h, 16<<10/line))
	buf := getBytes((perBatch + 1) * line)
	defer putBytes(buf)
	prev, batch := (*buf)[:line], (*buf)[line:]
	clear(prev)
	// Bit depth 1 stays packed (see packedImage); deeper samples are
	// expanded to a byte each.
	packed := h.depth == 1
	size := h.w * h.h
	if packed {
		size = rowBytes * h.h
	}
	pix := getBytes(size)
	maxIndex := 0
	for y0 := 0; y0 < h.h; y0 += perBatch {
		n := min(perBatch, h.h-y0)
		if _, err := io.ReadFull(zr, batch[:n*line]); err != nil {
			putBytes(pix)
			return nil, nil, false
		}
		above := prev
		for i := range n {
			cur := batch[i*line : (i+1)*line]
			if !unfilter(cur[0], cur[1:], above[1:]) {
				putBytes(pix)
				return nil, nil, false
			}
			above = cur
			y := y0 + i
			if packed {
				dst := (*pix)[y*rowBytes : (y+1)*rowBytes]
				copy(dst, cur[1:])
				// Clear the padding bits after the last pixel (their
				// value is unspecified, PNG spec §7.2).
				dst[rowBytes-1] &= lastByteMask(h.w)
				if maxIndex == 0 && h.colour == 3 && len(palette) < 2 {
					for _, b := range dst {
						if b != 0 {
							maxIndex = 1
							break
						}
					}
				}
			} else if m := h.expand((*pix)[y*h.w:(y+1)*h.w], cur[1:]); m > maxIndex {
				maxIndex = m
			}
		}
		copy(prev, above)
	}
	// The zlib stream must end here, checksum verified, with no input left:
	// image/png rejects extra pixel data.
	var one [1]byte
	if n, err := zr.Read(one[:]); n != 0 || err != io.EOF || src.Len() != 0 {
		putBytes(pix)
		return nil, nil, false
	}
	if h.colour == 3 {
		// Out-of-range indices show as opaque black, and image/png
		// lengthens the palette to cover them.
		for len(palette) <= maxIndex {
			palette = append(palette, color.RGBA{0, 0, 0, 0xff})
		}
	}
	if packed {
		return &packedImage{w: h.w, h: h.h, stride: rowBytes, bits: *pix, palette: palette}, pix, true
	}
	r := image.Rect(0, 0, h.w, h.h)
	if h.colour == 0 {
		return &image.Gray{Pix: *pix, Stride: h.w, Rect: r}, pix, true
	}
	return &image.Paletted{Pix: *pix, Stride: h.w, Rect: r, Palette: palette}, pix, true
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

// expand writes one unfiltered line's samples into dst, greyscale scaled
// to 8 bits as image/png does (PNG spec §13.12), palette indices as they
// are, and returns the largest sample for a palette image.
func (h *pngHeader) expand(dst, line []byte) int {
	w := len(dst)
	d := int(h.depth)
	if d == 8 {
		copy(dst, line[:w])
		if h.colour == 3 {
			m := byte(0)
			for _, v := range dst {
				m = max(m, v)
			}
			return int(m)
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
	if h.colour == 0 {
		scale := 0xff / (byte(1)<<d - 1) // 0xff, 0x55, 0x11
		for x, v := range dst {
			dst[x] = v * scale
		}
		return 0
	}
	m := byte(0)
	for _, v := range dst {
		m = max(m, v)
	}
	return int(m)
}
