package qr

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math/bits"
	"sync"

	"github.com/qrworks/qrworks/internal/deflate"
)

// The PNG writer (PNG specification, third edition, W3C 2025).
//
// A QR image is a 1-bit image: 1 bit per pixel greyscale for black on
// white, or a two-entry palette (with a tRNS chunk when a colour is not
// opaque) for other colours. Pixel value 1 is a light module in both, so one
// scanline builder serves both. Filter type 0 (None) throughout: on these
// images Sub, Up, Average and Paeth all raise the entropy of the bytes.
//
// The image is highly redundant, and the writer knows where:
//
//   - Each module row becomes scale identical scanlines. Only the first is
//     parsed; the other scale-1 are one back-reference at distance =
//     scanline length (three tokens at scale 10).
//   - The first scanline is parsed optimally (pngparse.go) over three kinds
//     of copy: from the row above, runs of equal bytes, and strings of
//     earlier rows found by a small hash-chain matcher that only looks at
//     the distinct scanlines (2.6 kB at W4, not 26 kB). Quiet-zone rows
//     and rows equal to the one above are a single copy.
//   - Everything is coded with a Huffman table fitted to the image's own
//     symbol counts (a dynamic block), or the fixed table when that is
//     smaller, by internal/deflate.
//
// The speed/size trade-off, measured on W4 (version 5, scale 10, 450×450
// pixels, black on white) on a shared 2-core machine, WritePNG alone, best
// of three runs of BenchmarkWritePNG (peers: same period, separate module):
//
//	parse                                        bytes   time/PNG
//	stored blocks (reference only)              ~26 200        —
//	copies from the row above and runs only         829     55 µs
//	+ hash-chain matches, greedy parse              740        —
//	+ optimal parse, chain 2                        707     75 µs
//	+ optimal parse, chain 4                        694     83 µs
//	+ optimal parse, chain 24                       693    101 µs
//	chain 4, carried chain matches (this writer)    699  0.78× the above
//	image/png BestCompression, same pixels          706   2600 µs
//	image/png DefaultCompression, same pixels       704   2000 µs
//	skip2/go-qrcode, scale 10 (its own matrix)      706   3900 µs (with encoding)
//	rsc.io/qr (scale 8, 41×41 modules)             2536    195 µs (with encoding)
//
// The literals are what costs: at scale 10 a byte straddles module edges,
// so there are eight byte values at fixed phases and a literal costs about
// 2.5 bits where the module it encodes carries 1; copies of earlier rows
// are what gets under image/png's size. Searching more (a longer chain,
// all copy lengths) buys a byte or two at a high price; searching less (no
// matcher) loses 135 bytes to save a third of the time.
//
// The last row (November 2026) skips the chain search inside a long chain
// match found at an earlier byte (carryFind in pngparse.go), builds
// scanlines 64 pixels at a time, extends Adler-32 over the repeats in
// closed form and keeps the copy-cost tables across images of the same
// width. Measured against the writer of the row above in the same run
// (benchstat, -count 8, a loaded machine, so read the ratios rather than
// the absolute times): WritePNG 89 → 69 µs (−22%), W4 end to end with a
// reused Code and buffer 103 → 77 µs (−25%), for 5 more bytes. The goal
// of 35 µs (2.4×) was not reached: searching less costs size quickly
// (carryFind 6 gives 717 bytes, 4 gives 746; maxChain 3 gives 705), so a
// much faster writer needs a different matcher, not a tuned one.
//
// Adler-32 (zlib's checksum of the uncompressed data) is computed per
// distinct scanline and extended algebraically over its repeats, so the
// ~26 kB of pixels at scale 10 are never summed byte by byte.

// pngState is the scratch space of one PNG encoding, pooled so that a server
// writing PNGs does not allocate. It holds its own config because passing a
// *config to the option functions makes it escape.
type pngState struct {
	cfg config
	z   deflate.Writer
	lz  lineMatcher

	p   parser
	out []byte // the PNG file
}

var pngStates = sync.Pool{New: func() any { return new(pngState) }}

// maxPooledPNG bounds the buffers a pooled pngState may keep: a rare huge
// image should not pin its memory for the life of the process.
const maxPooledPNG = 1 << 20

func putPNGState(st *pngState) {
	if cap(st.out) > maxPooledPNG || cap(st.lz.ring) > maxPooledPNG {
		return
	}
	pngStates.Put(st)
}

// WritePNG writes c as a PNG image to w. Options Scale, QuietZone and Colors
// apply; others are ignored. The image is exactly
// (Size()+2·quiet)·scale pixels square. Invalid options, or an image side
// over MaxImageSide, give an error wrapping ErrInvalidOption before anything
// is written, as does a nil w. The file is written with a single w.Write
// call, whose error is returned wrapped; with options built ahead of the
// call, WritePNG does not allocate.
func (c *Code) WritePNG(w io.Writer, opts ...Option) error {
	st := pngStates.Get().(*pngState)
	defer putPNGState(st)
	st.cfg.resetFor(c, opts)
	out, err := st.encode(&c.sym)
	if err != nil {
		return err
	}
	return write(w, out, "PNG")
}

// PNG returns c as a PNG file; see WritePNG.
func (c *Code) PNG(opts ...Option) ([]byte, error) {
	st := pngStates.Get().(*pngState)
	defer putPNGState(st)
	st.cfg.resetFor(c, opts)
	out, err := st.encode(&c.sym)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(out), nil
}

// pngSignature is the 8-byte PNG signature (PNG spec §5.2).
var pngSignature = [8]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}

// encode writes the whole file into st.out and returns it.
func (st *pngState) encode(m moduleRows) ([]byte, error) {
	n := m.Size()
	side, err := st.cfg.imageSide(n)
	if err != nil {
		return nil, err
	}
	scale, quiet := st.cfg.scale, st.cfg.quiet
	stride := 1 + (side+7)/8 // filter byte + packed pixels
	out := append(st.out[:0], pngSignature[:]...)

	// IHDR (§11.2.2): width, height, bit depth 1, colour type 0 (greyscale)
	// or 3 (palette), deflate, adaptive filtering, no interlace.
	dr, dg, db, da := nrgba(st.cfg.dark)
	lr, lg, lb, la := nrgba(st.cfg.light)
	grey := dr == 0 && dg == 0 && db == 0 && da == 0xff && lr == 0xff && lg == 0xff && lb == 0xff && la == 0xff
	colourType := byte(3)
	if grey {
		colourType = 0
	}
	start := startChunk(&out, "IHDR")
	out = binary.BigEndian.AppendUint32(out, uint32(side))
	out = binary.BigEndian.AppendUint32(out, uint32(side))
	out = append(out, 1, colourType, 0, 0, 0)
	endChunk(&out, start)
	if !grey {
		// PLTE (§11.2.3): index 0 dark, index 1 light, matching pixel bits.
		start = startChunk(&out, "PLTE")
		out = append(out, dr, dg, db, lr, lg, lb)
		endChunk(&out, start)
		if da != 0xff || la != 0xff {
			// tRNS (§11.3.1.1): one alpha per palette entry.
			start = startChunk(&out, "tRNS")
			out = append(out, da, la)
			endChunk(&out, start)
		}
	}

	// IDAT: one zlib stream (RFC 1950): CMF 0x78 (deflate, 32 KiB
	// window), FLG 0x9C (default level, check bits making 0x789C a
	// multiple of 31), the deflate data, then Adler-32.
	start = startChunk(&out, "IDAT")
	out = append(out, 0x78, 0x9c)
	st.z.Reset(out)
	a := st.deflateRows(m, n, quiet, scale, stride)
	out = st.z.Close()
	out = binary.BigEndian.AppendUint32(out, a)
	endChunk(&out, start)

	start = startChunk(&out, "IEND")
	endChunk(&out, start)
	st.out = out
	return out, nil
}

// commonPrefix returns the length of the common prefix of a and b, which
// have the same length, comparing eight bytes at a time.
func commonPrefix(a, b []byte) int {
	n := 0
	for len(a)-n >= 8 {
		x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:])
		if x != 0 {
			return n + trailingZeroBytes(x)
		}
		n += 8
	}
	for n < len(a) && a[n] == b[n] {
		n++
	}
	return n
}

// runLength returns how many bytes at the start of a equal c.
func runLength(a []byte, c byte) int {
	n := 0
	rep := uint64(c) * 0x0101010101010101
	for len(a)-n >= 8 {
		x := binary.LittleEndian.Uint64(a[n:]) ^ rep
		if x != 0 {
			return n + trailingZeroBytes(x)
		}
		n += 8
	}
	for n < len(a) && a[n] == c {
		n++
	}
	return n
}

// expandRow writes one scanline of module row row (nil for a quiet-zone
// row) into dst: filter type 0 (None), then each module as scale bits,
// light = 1, the quiet zone on both sides, and the last byte padded with
// light bits (padding is ignored by decoders, and light padding continues
// the quiet zone's run of 0xFF bytes).
func expandRow(dst []byte, row []uint64, n, quiet, scale int) {
	dst[0] = 0
	lb := lineBits{dst: dst, i: 1}
	if row == nil {
		lb.put(true, (n+2*quiet)*scale)
	} else {
		lb.put(true, quiet*scale)
		for x := 0; x < n; {
			dark := darkAt(row, x)
			end := runEnd(row, x, n, dark)
			lb.put(!dark, (end-x)*scale)
			x = end
		}
		lb.put(true, quiet*scale)
	}
	lb.finish()
}

// runEnd returns the end of the run of modules equal to dark (module x's
// colour) that starts at module x of row, at most n: a word at a time, by
// counting the leading bits equal to the first.
func runEnd(row []uint64, x, n int, dark bool) int {
	for {
		off := x & 63
		w := row[x>>6] << off // the bits shifted in are 0: light
		if dark {
			w = ^w
		}
		k := min(bits.LeadingZeros64(w), 64-off)
		x += k
		if x >= n {
			return n
		}
		if k < 64-off {
			return x
		}
	}
}

// lineBits packs pixels MSB first into dst, 64 at a time: a scanline is a
// few dozen runs of equal pixels, and filling words instead of bits keeps
// building it cheap next to parsing it.
type lineBits struct {
	dst []byte
	i   int
	acc uint64 // pending pixels, the oldest in the highest bit
	n   uint   // number of pending pixels, < 64
}

// put appends count pixels, all light or all dark.
func (l *lineBits) put(light bool, count int) {
	var fill uint64
	if light {
		fill = ^uint64(0)
	}
	for count > 0 {
		k := min(uint(count), 64-l.n)
		// k pixels of fill below the l.n pending ones; k ≥ 1.
		l.acc |= fill >> (64 - k) << (64 - l.n - k)
		l.n += k
		count -= int(k)
		if l.n == 64 {
			// 64 real pixels: they lie within the scanline.
			binary.BigEndian.PutUint64(l.dst[l.i:], l.acc)
			l.i += 8
			l.acc, l.n = 0, 0
		}
	}
}

// finish writes the pending pixels, padding the last byte with light bits.
func (l *lineBits) finish() {
	acc := l.acc | ^uint64(0)>>l.n
	for k := uint(0); k < l.n; k += 8 {
		l.dst[l.i] = byte(acc >> 56)
		acc <<= 8
		l.i++
	}
	l.acc, l.n = 0, 0
}

// adler is a running Adler-32 checksum (RFC 1950 §8.2).
type adler struct {
	s1, s2 uint32
	init   bool
}

// adlerMod is the largest prime below 2^16 (RFC 1950 §8.2).
const adlerMod = 65521

// addRepeated extends the checksum by times copies of p. For a block p of
// length L, with S = Σ p[k] and T = Σ (L-k)·p[k], appending p takes s1 to
// s1+S and s2 to s2 + L·s1 + T, so only one copy is ever summed; and n
// copies take s1 to s1 + n·S and s2 to s2 + n·(L·s1 + T) + L·S·n(n-1)/2
// (the k-th copy sees s1 + k·S), so the repeats cost no loop either.
func (a *adler) addRepeated(p []byte, times int) {
	if !a.init {
		a.s1, a.s2, a.init = 1, 0, true
	}
	var s, t uint64
	for _, c := range p {
		s += uint64(c)
		t += s
	}
	s %= adlerMod
	t %= adlerMod
	l := uint64(len(p)) % adlerMod
	s1, s2 := uint64(a.s1), uint64(a.s2)
	n := uint64(times) % adlerMod
	pairs := uint64(times) * uint64(times-1) / 2 % adlerMod
	// Every product below is of two factors under 2^16.
	s2 = (s2 + n*((l*s1+t)%adlerMod) + (l*s%adlerMod)*pairs) % adlerMod
	s1 = (s1 + n*s) % adlerMod
	a.s1, a.s2 = uint32(s1), uint32(s2)
}

func (a *adler) sum() uint32 {
	if !a.init {
		return 1
	}
	return a.s2<<16 | a.s1
}

// startChunk appends a chunk's length placeholder and type and returns the
// chunk's start; endChunk fills in the length and appends the CRC (§5.3).
func startChunk(out *[]byte, typ string) int {
	start := len(*out)
	*out = append(*out, 0, 0, 0, 0)
	*out = append(*out, typ...)
	return start
}

func endChunk(out *[]byte, start int) {
	b := *out
	binary.BigEndian.PutUint32(b[start:], uint32(len(b)-start-8))
	*out = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start+4:]))
}

// trailingZeroBytes returns the number of low-order zero bytes of x ≠ 0:
// the index of the first differing byte of two little-endian words.
func trailingZeroBytes(x uint64) int { return bits.TrailingZeros64(x) >> 3 }
