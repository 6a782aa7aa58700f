package imagein

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"reflect"
	"testing"
)

// pngChunk appends one chunk with its CRC (PNG spec §5.3).
func pngChunk(out []byte, typ string, body []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(body)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

// filterLine applies filter f (PNG spec §9.2, one byte per pixel) to line
// given the previous raw line.
func filterLine(f byte, line, prev []byte) []byte {
	out := make([]byte, len(line))
	for i := range line {
		var a, b, c byte
		if i > 0 {
			a, c = line[i-1], prev[i-1]
		}
		b = prev[i]
		switch f {
		case 0:
			out[i] = line[i]
		case 1:
			out[i] = line[i] - a
		case 2:
			out[i] = line[i] - b
		case 3:
			out[i] = line[i] - byte((int(a)+int(b))/2)
		case 4:
			out[i] = line[i] - paeth(a, b, c)
		}
	}
	return out
}

// buildPNG writes a non-interlaced PNG of the given colour type and depth
// from random packed lines, with a random filter per line and the image
// data split into random IDAT chunks.
func buildPNG(rng *rand.Rand, w, h int, depth, colour byte, palette []color.RGBA) []byte {
	out := []byte("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, depth, colour, 0, 0, 0)
	out = pngChunk(out, "IHDR", ihdr)
	if rng.IntN(2) == 0 {
		out = pngChunk(out, "tEXt", []byte("Comment\x00random"))
	}
	if colour == 3 {
		var plte []byte
		for _, c := range palette {
			plte = append(plte, c.R, c.G, c.B)
		}
		out = pngChunk(out, "PLTE", plte)
		if rng.IntN(3) == 0 {
			// Palette alpha, possibly longer than the palette.
			trns := make([]byte, rng.IntN(257))
			for i := range trns {
				trns[i] = byte(rng.IntN(256))
			}
			out = pngChunk(out, "tRNS", trns)
		}
	}
	rowBytes := (w*int(depth) + 7) / 8
	var raw bytes.Buffer
	zw := zlib.NewWriter(&raw)
	prev := make([]byte, rowBytes)
	for range h {
		line := make([]byte, rowBytes)
		for i := range line {
			line[i] = byte(rng.IntN(256))
		}
		if colour == 3 && len(palette) < 1<<depth && rng.IntN(4) != 0 {
			// Mostly in range, sometimes not (image/png shows black).
			per := 8 / int(depth)
			if depth == 8 {
				per = 1
			}
			for i := range line {
				var b byte
				for range per {
					b = b<<depth | byte(rng.IntN(len(palette)))
				}
				line[i] = b
			}
		}
		f := byte(rng.IntN(5))
		zw.Write([]byte{f})
		zw.Write(filterLine(f, line, prev))
		prev = line
	}
	zw.Close()
	z := raw.Bytes()
	for len(z) > 0 {
		n := min(len(z), 1+rng.IntN(len(z)))
		out = pngChunk(out, "IDAT", z[:n])
		z = z[n:]
	}
	return pngChunk(out, "IEND", nil)
}

// checkSame asserts that the fast path either declines data or yields an
// image identical to image/png's, and the same luminance.
func checkSame(t *testing.T, data []byte) (fast bool) {
	t.Helper()
	img, pix, ok := fastPNG(data)
	if !ok {
		return false
	}
	defer putBytes(pix)
	want, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("fast path decoded what image/png rejects (%v)", err)
	}
	if p, ok := img.(*Packed); ok {
		checkPacked(t, p, want)
		img = p.image()
	}
	switch g := img.(type) {
	case *image.Gray:
		w, ok := want.(*image.Gray)
		if !ok || w.Rect != g.Rect || !bytes.Equal(w.Pix, g.Pix) {
			t.Fatalf("gray image differs from image/png's %T", want)
		}
	case *image.Paletted:
		w, ok := want.(*image.Paletted)
		if !ok || w.Rect != g.Rect || !bytes.Equal(w.Pix, g.Pix) || !reflect.DeepEqual(w.Palette, g.Palette) {
			t.Fatalf("paletted image differs from image/png's %T", want)
		}
	default:
		t.Fatalf("fast path returned %T", img)
	}
	a, b := LuminanceOf(img), LuminanceOf(want)
	defer a.Release()
	defer b.Release()
	if !sameLuminance(a, b) {
		t.Fatal("luminance differs")
	}
	return true
}

// sameLuminance reports whether two planes have the same size and pixels.
func sameLuminance(a, b *Luminance) bool {
	if a.W != b.W || a.H != b.H {
		return false
	}
	for y := 0; y < a.H; y++ {
		if !bytes.Equal(a.Row(y), b.Row(y)) {
			return false
		}
	}
	return true
}

func TestFastPNGHandBuilt(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 400
	if testing.Short() {
		n = 80
	}
	for i := range n {
		depth := []byte{1, 2, 4, 8}[i%4]
		colour := []byte{0, 3}[i/4%2]
		w, h := 1+rng.IntN(70), 1+rng.IntN(40)
		var pal []color.RGBA
		if colour == 3 {
			pal = make([]color.RGBA, 1+rng.IntN(1<<depth))
			for j := range pal {
				pal[j] = color.RGBA{byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256)), 0xff}
			}
		}
		data := buildPNG(rng, w, h, depth, colour, pal)
		if !checkSame(t, data) {
			t.Fatalf("case %d (%d×%d depth %d colour %d): fast path declined", i, w, h, depth, colour)
		}
	}
}

func TestFastPNGImagePNGEncoded(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 120 {
		w, h := 1+rng.IntN(90), 1+rng.IntN(50)
		r := image.Rect(0, 0, w, h)
		var img image.Image
		wantFast := true
		switch i % 4 {
		case 0:
			g := image.NewGray(r)
			for j := range g.Pix {
				g.Pix[j] = byte(rng.IntN(256))
			}
			img = g
		case 1, 2:
			// Palettes of 2, 4, 16 and 256 entries give depths 1, 2, 4, 8.
			pal := make(color.Palette, []int{2, 3, 4, 9, 16, 200, 256}[rng.IntN(7)])
			for j := range pal {
				pal[j] = color.RGBA{byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256)), 0xff}
			}
			p := image.NewPaletted(r, pal)
			for j := range p.Pix {
				p.Pix[j] = byte(rng.IntN(len(pal)))
			}
			img = p
		case 3:
			if i%8 == 3 {
				// Palette alpha (tRNS) is handled.
				pal := color.Palette{color.NRGBA{1, 2, 3, 4}, color.White, color.NRGBA{200, 100, 50, 128}}
				p := image.NewPaletted(r, pal)
				for j := range p.Pix {
					p.Pix[j] = byte(rng.IntN(len(pal)))
				}
				img = p
				break
			}
			// True colour stays with image/png.
			img, wantFast = image.NewNRGBA(r), false
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if got := checkSame(t, buf.Bytes()); got != wantFast {
			t.Fatalf("case %d: fast path used %v, want %v", i, got, wantFast)
		}
	}
}

// TestFastPNGDeclines covers inputs the fast path must leave to image/png.
func TestFastPNGDeclines(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	good := buildPNG(rng, 33, 17, 1, 0, nil)
	if !checkSame(t, good) {
		t.Fatal("fast path declined a plain 1-bit PNG")
	}
	mutate := func(f func([]byte) []byte) []byte { return f(bytes.Clone(good)) }
	cases := map[string][]byte{
		"bad CRC":      mutate(func(b []byte) []byte { b[len(b)-30] ^= 1; return b }),
		"truncated":    good[:len(good)-5],
		"no IEND":      good[:len(good)-12],
		"interlaced":   mutate(func(b []byte) []byte { b[28] = 1; fixCRC(b[8:]); return b }),
		"16-bit":       mutate(func(b []byte) []byte { b[24] = 16; fixCRC(b[8:]); return b }),
		"signature":    append([]byte("\x89PNG\r\n\x1a\x0b"), good[8:]...),
		"empty IHDR":   pngChunk([]byte("\x89PNG\r\n\x1a\n"), "IHDR", nil),
		"only sig":     []byte("\x89PNG\r\n\x1a\n"),
		"bad filter 9": buildBadFilter(),
	}
	cases["grey + PLTE"] = insertChunk(good, "PLTE", []byte{0, 0, 0, 255, 255, 255})
	cases["grey tRNS"] = insertChunk(good, "tRNS", []byte{0, 0})
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if checkSame(t, data) {
				t.Error("fast path accepted it")
			}
		})
	}
}

// fixCRC recomputes the CRC of the chunk at the start of b.
func fixCRC(b []byte) {
	n := binary.BigEndian.Uint32(b)
	binary.BigEndian.PutUint32(b[8+n:], crc32.ChecksumIEEE(b[4:8+n]))
}

// insertChunk puts a chunk right after IHDR.
func insertChunk(png []byte, typ string, body []byte) []byte {
	out := bytes.Clone(png[:33])
	out = pngChunk(out, typ, body)
	return append(out, png[33:]...)
}

func buildBadFilter() []byte {
	out := []byte("\x89PNG\r\n\x1a\n")
	out = pngChunk(out, "IHDR", []byte{0, 0, 0, 8, 0, 0, 0, 1, 1, 0, 0, 0, 0})
	var raw bytes.Buffer
	zw := zlib.NewWriter(&raw)
	zw.Write([]byte{9, 0xff})
	zw.Close()
	out = pngChunk(out, "IDAT", raw.Bytes())
	return pngChunk(out, "IEND", nil)
}

// FuzzPNGLuminance feeds arbitrary bytes to the fast PNG path: it must
// decline them or produce exactly image/png's image and luminance.
func FuzzPNGLuminance(f *testing.F) {
	rng := rand.New(rand.NewPCG(7, 8))
	f.Add(buildPNG(rng, 9, 5, 1, 0, nil))
	f.Add(buildPNG(rng, 7, 3, 2, 3, []color.RGBA{{0, 0, 0, 255}, {255, 255, 255, 255}, {9, 9, 9, 255}}))
	f.Add(buildPNG(rng, 5, 4, 4, 0, nil))
	f.Add(buildPNG(rng, 3, 6, 8, 3, []color.RGBA{{1, 2, 3, 255}}))
	f.Add(buildBadFilter())
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		// Keep the fast path behind the pixel budget, as Decode does.
		if c, err := png.DecodeConfig(bytes.NewReader(data)); err != nil || c.Width*c.Height > 1<<20 {
			return
		}
		checkSame(t, data)
	})
}

// TestFastPNGAllocs bounds the fast path's allocations: the pixel plane
// and inflater come from pools, nothing is allocated per row or pixel (a
// 450×450 image with its data split over several IDATs needs about 11: the
// IDAT list and its concatenation, the image header, the reader).
func TestFastPNGAllocs(t *testing.T) {
	data := buildPNG(rand.New(rand.NewPCG(9, 10)), 450, 450, 1, 0, nil)
	allocs := testing.AllocsPerRun(50, func() {
		_, pix, ok := fastPNG(data)
		if !ok {
			t.Fatal("fast path declined")
		}
		putBytes(pix)
	})
	t.Logf("%.0f allocs per decode", allocs)
	if allocs > 16 {
		t.Errorf("%.0f allocs per decode, want at most 16", allocs)
	}
}

// checkPacked asserts that a packed image has image/png's colours at every
// pixel, zero padding bits, and the levels of its colours' luminance.
func checkPacked(t *testing.T, p *Packed, want image.Image) {
	t.Helper()
	if p.Bounds() != want.Bounds() || p.Stride != (p.W+7)/8 || len(p.Bits) != p.Stride*p.H {
		t.Fatalf("bounds %v stride %d, %d bytes; image/png %v", p.Bounds(), p.Stride, len(p.Bits), want.Bounds())
	}
	for y := 0; y < p.H; y++ {
		for x := 0; x < p.W; x++ {
			if a, b := color.NRGBAModel.Convert(p.At(x, y)), color.NRGBAModel.Convert(want.At(x, y)); a != b {
				t.Fatalf("pixel (%d, %d) is %v, image/png %v", x, y, a, b)
			}
		}
		if pad := p.Bits[(y+1)*p.Stride-1] &^ LastByteMask(p.W); pad != 0 {
			t.Fatalf("row %d: padding bits %08b set", y, pad)
		}
	}
	// The levels are the luminance of image/png's pixels of either sample.
	lum := p.Levels()
	l := LuminanceOf(want)
	defer l.Release()
	for y := 0; y < p.H; y++ {
		for x := 0; x < p.W; x++ {
			sample := p.Bits[y*p.Stride+x>>3] >> (7 - x&7) & 1
			if got := l.Row(y)[x]; got != lum[sample] {
				t.Fatalf("pixel (%d, %d), sample %d: luminance %d, levels %v", x, y, sample, got, lum)
			}
		}
	}
}

// image returns p as image/png decodes the same file, an *image.Gray or
// *image.Paletted, built pixel by pixel through At and the packed bits.
func (p *Packed) image() image.Image {
	r := p.Bounds()
	if p.Palette == nil {
		g := image.NewGray(r)
		for y := 0; y < p.H; y++ {
			for x := 0; x < p.W; x++ {
				g.Pix[y*g.Stride+x] = p.At(x, y).(color.Gray).Y
			}
		}
		return g
	}
	m := image.NewPaletted(r, p.Palette)
	for y := 0; y < p.H; y++ {
		for x := 0; x < p.W; x++ {
			m.Pix[y*m.Stride+x] = p.Bits[y*p.Stride+x>>3] >> (7 - x&7) & 1
		}
	}
	return m
}
