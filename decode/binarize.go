package decode

import (
	"encoding/binary"
	"image"
	"image/color"
	"math/bits"
	"sync"

	"github.com/makiuchi-d/gozxing"

	"github.com/qrworks/qrworks/internal/imagein"
)

// Binarization turns luminance into the black/white matrix that gozxing's
// detector reads. Two methods, because each fails where the other works:
//
//   - local (hybrid) thresholding, ZXing's default: the image is cut into
//     blocks, each block's threshold is the mean of the block averages in a
//     5×5 neighbourhood. It copes with shadows and uneven light.
//   - one global threshold chosen by Otsu's method over the whole histogram.
//     It copes with large modules and blur, where a 5×5-block window sees no
//     edge and local thresholding turns flat areas into noise.

const (
	// minDynamicRange is the spread of luminance below which a block is
	// taken to be flat (all light or all dark), as in ZXing.
	minDynamicRange = 24
	// minLocalBlocks is the number of blocks each way the local method needs
	// for its 5×5 window; smaller images are thresholded globally.
	minLocalBlocks = 5
	// localBlockPower is the log2 of the local method's block side: 8×8
	// pixels, as in ZXing.
	localBlockPower = 3
)

// scratch is the per-call pooled state of binarization: the output matrix,
// one row of bits and the per-block statistics.
type scratch struct {
	matrix *gozxing.BitMatrix
	row    *gozxing.BitArray
	points []int32 // block black points, subW*subH
	thresh []int32 // block thresholds, subW*subH

	// The rows of matrix ORed together as setRow stores them, and the
	// first and last row with a set bit (-1 if none): what darkBox needs,
	// gathered while the words pass by anyway.
	cols              []uint32
	firstRow, lastRow int

	// src is the luminance matrix was thresholded from (nil when it came
	// from a bilevel image), inverted whether invert flipped it since: what
	// grey sampling reads.
	src      *imagein.Luminance
	inverted bool

	// gen counts the changes of matrix (a new binarization, an
	// inversion); evidenceGen is the gen evidenceOK was found for.
	gen, evidenceGen uint64
	evidenceOK       bool
}

// setRow stores s.row as row y of s.matrix, noting its set bits.
func (s *scratch) setRow(y int) {
	set := uint32(0)
	for j, w := range s.row.GetBitArray()[:len(s.cols)] {
		s.cols[j] |= w
		set |= w
	}
	if set != 0 {
		if s.firstRow < 0 {
			s.firstRow = y
		}
		s.lastRow = y
	}
	s.matrix.SetRow(y, s.row)
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// bitMatrix returns a w×h matrix for the caller to fill completely, row by
// row in order, with setRow.
func (s *scratch) bitMatrix(w, h int) *gozxing.BitMatrix {
	if s.matrix == nil || s.matrix.GetWidth() != w || s.matrix.GetHeight() != h {
		s.matrix, _ = gozxing.NewBitMatrix(w, h)
		s.row = gozxing.NewBitArray(w)
	}
	n := s.matrix.GetRowSize()
	if cap(s.cols) < n {
		s.cols = make([]uint32, n)
	}
	s.cols = s.cols[:n]
	clear(s.cols)
	s.firstRow, s.lastRow = -1, -1
	s.src, s.inverted = nil, false
	s.gen++
	return s.matrix
}

// darkBox returns the bounding box of the set bits of s's matrix as its
// builder stored them, inclusive, or ok=false if none is set.
func (s *scratch) darkBox() (left, top, right, bottom int, ok bool) {
	if s.firstRow < 0 {
		return 0, 0, 0, 0, false
	}
	first, last := -1, -1
	for j, w := range s.cols {
		if w != 0 {
			if first < 0 {
				first = j
			}
			last = j
		}
	}
	left = 32*first + bits.TrailingZeros32(s.cols[first])
	right = 32*last + 31 - bits.LeadingZeros32(s.cols[last])
	return left, s.firstRow, right, s.lastRow, true
}

func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// binarizeLocal thresholds l block by block into s's matrix.
func binarizeLocal(l *imagein.Luminance, s *scratch) *gozxing.BitMatrix {
	const blockPower = localBlockPower
	block := 1 << blockPower
	if l.W < block*minLocalBlocks || l.H < block*minLocalBlocks {
		return binarizeGlobal(l, s)
	}
	subW := (l.W + block - 1) >> blockPower
	subH := (l.H + block - 1) >> blockPower
	s.points = grow(s.points, subW*subH)
	s.thresh = grow(s.thresh, subW*subH)
	shift := 2 * blockPower // divide a block sum by its pixel count

	// Black point per block.
	for by := 0; by < subH; by++ {
		y0 := min(by<<blockPower, l.H-block)
		for bx := 0; bx < subW; bx++ {
			x0 := min(bx<<blockPower, l.W-block)
			sum, lo, hi := blockStats(l, x0, y0, block)
			avg := sum >> shift
			if hi-lo <= minDynamicRange {
				// A flat block: assume it is background (light) unless its
				// neighbours, already computed, say the region is darker.
				avg = lo / 2
				if by > 0 && bx > 0 {
					nb := (int(s.points[(by-1)*subW+bx]) + 2*int(s.points[by*subW+bx-1]) + int(s.points[(by-1)*subW+bx-1])) / 4
					if lo < nb {
						avg = nb
					}
				}
			}
			s.points[by*subW+bx] = int32(avg)
		}
	}
	// Threshold per block: mean of the 5×5 neighbourhood, clamped at edges.
	for by := 0; by < subH; by++ {
		top := min(max(by, 2), subH-3)
		for bx := 0; bx < subW; bx++ {
			left := min(max(bx, 2), subW-3)
			sum := int32(0)
			for y := top - 2; y <= top+2; y++ {
				r := s.points[y*subW+left-2 : y*subW+left+3]
				sum += r[0] + r[1] + r[2] + r[3] + r[4]
			}
			s.thresh[by*subW+bx] = sum / 25
		}
	}
	return thresholdBlocks(l, s, subW)
}

// thresholdBlocks fills s's matrix from l, a pixel dark when it is at or
// below the threshold of its block of 1<<localBlockPower pixels, s.thresh
// holding subW thresholds a row of blocks.
func thresholdBlocks(l *imagein.Luminance, s *scratch, subW int) *gozxing.BitMatrix {
	const blockPower = localBlockPower
	m := s.bitMatrix(l.W, l.H)
	s.src = l
	for y := 0; y < l.H; y++ {
		th := s.thresh[(y>>blockPower)*subW:][:subW]
		words := s.row.GetBitArray()
		row := l.Row(y)
		for i := range words {
			// 32 pixels per word; bit x%32 is set when pixel x is at or
			// below its block's threshold (branch-free: the sign of t-v).
			x0 := i << 5
			n := min(32, len(row)-x0)
			var word uint32
			for k, v := range row[x0 : x0+n] {
				t := th[(x0+k)>>blockPower]
				word |= (^uint32(t-int32(v)) >> 31) << k
			}
			words[i] = word
		}
		s.setRow(y)
	}
	return m
}

// blockStats returns the sum, minimum and maximum of a block×block square.
func blockStats(l *imagein.Luminance, x0, y0, block int) (sum, lo, hi int) {
	lo = 255
	if block == 8 {
		for y := y0; y < y0+8; y++ {
			p := (*[8]byte)(l.Pix[y*l.Stride+x0:])
			for _, v := range p {
				sum += int(v)
				lo = min(lo, int(v))
				hi = max(hi, int(v))
			}
		}
		return sum, lo, hi
	}
	for y := y0; y < y0+block; y++ {
		for _, v := range l.Pix[y*l.Stride+x0 : y*l.Stride+x0+block] {
			sum += int(v)
			lo = min(lo, int(v))
			hi = max(hi, int(v))
		}
	}
	return sum, lo, hi
}

// binarizeGlobal thresholds l at the level found by Otsu's method.
func binarizeGlobal(l *imagein.Luminance, s *scratch) *gozxing.BitMatrix {
	t := otsu(l)
	m := s.bitMatrix(l.W, l.H)
	s.src = l
	for y := 0; y < l.H; y++ {
		words := s.row.GetBitArray()
		clear(words)
		for x, v := range l.Row(y) {
			if int(v) < t {
				words[x>>5] |= 1 << (x & 31)
			}
		}
		s.setRow(y)
	}
	return m
}

// otsu returns the threshold that maximises the between-class variance of
// l's histogram; pixels below it are dark.
func otsu(l *imagein.Luminance) int {
	var hist [256]int
	for y := 0; y < l.H; y++ {
		for _, v := range l.Row(y) {
			hist[v]++
		}
	}
	total := l.W * l.H
	sumAll := 0
	for i, n := range hist {
		sumAll += i * n
	}
	best, bestVar := 128, -1.0
	wB, sumB := 0, 0
	for t := 0; t < 256; t++ {
		wB += hist[t]
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += t * hist[t]
		mB := float64(sumB) / float64(wB)
		mF := float64(sumAll-sumB) / float64(wF)
		v := float64(wB) * float64(wF) * (mB - mF) * (mB - mF)
		if v > bestVar {
			bestVar, best = v, t+1
		}
	}
	return best
}

// invert flips every bit of m, s's matrix, in place (light-on-dark codes).
func (s *scratch) invert(m *gozxing.BitMatrix) {
	m.FlipAll()
	if m != s.matrix {
		return
	}
	s.inverted = !s.inverted
	s.gen++
	// Every row of the complement has a set bit unless a row was all set
	// before; rare enough to count every row and column as set.
	s.firstRow, s.lastRow = 0, s.matrix.GetHeight()-1
	for j := range s.cols {
		s.cols[j] = ^uint32(0)
	}
}

// paletteLevels returns the luminance of indices 0 and 1 of a palette of
// one or two colours, as imagein.LuminanceOf gives it (a missing second
// colour repeats the first).
func paletteLevels(pal color.Palette) (lum [2]byte) {
	for i := range lum {
		lum[i] = imagein.ColorLuminance(pal[min(i, len(pal)-1)])
	}
	return lum
}

// darkIndex returns which of two levels is the dark one, or ok=false when
// they are too close for either to be called dark.
func darkIndex(lum [2]byte) (dark byte, ok bool) {
	if abs(int(lum[0])-int(lum[1])) <= minDynamicRange {
		return 0, false
	}
	if lum[1] < lum[0] {
		return 1, true
	}
	return 0, true
}

// binarizeBilevel builds the matrix straight from a two-colour paletted
// image (what encoders and 1-bit PNGs produce), where thresholding is
// already done: a pixel is black when its palette entry is the darker one.
// It reports false when img is not such an image.
func binarizeBilevel(img *image.Paletted, s *scratch) (*gozxing.BitMatrix, bool) {
	if len(img.Palette) == 0 || len(img.Palette) > 2 {
		return nil, false
	}
	dark, ok := darkIndex(paletteLevels(img.Palette))
	if !ok {
		return nil, false
	}
	// flip turns the light index into 0 and the dark one into 1 in every
	// byte of a little-endian 8-pixel load.
	flip := uint64(0)
	if dark == 0 {
		flip = 0x0101010101010101
	}
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	m := s.bitMatrix(w, h)
	for y := 0; y < h; y++ {
		row := img.Pix[img.PixOffset(r.Min.X, r.Min.Y+y):][:w:w]
		words := s.row.GetBitArray()
		clear(words)
		x := 0
		for ; x+8 <= w; x += 8 {
			v := (binary.LittleEndian.Uint64(row[x:]) ^ flip) & 0x0101010101010101
			// Gather the low bit of each byte into one byte, pixel x in
			// bit 0: the products of distinct bytes never collide.
			bits := (v * 0x0102040810204080) >> 56
			words[x>>5] |= uint32(bits) << (x & 31)
		}
		for ; x < w; x++ {
			if (uint64(row[x])^flip)&1 == 1 {
				words[x>>5] |= 1 << (x & 31)
			}
		}
		s.setRow(y)
	}
	return m, true
}

func abs(x int) int { return max(x, -x) }

// twoTone reports whether l looks like a clean two-level picture (a
// rendered code, a 1-bit scan): a sample of every fourth row holds exactly
// two luminance values, further apart than minDynamicRange. It returns the
// threshold halfway between them.
func twoTone(l *imagein.Luminance) (int, bool) {
	var seen [256]bool
	lo, hi, n := 256, -1, 0
	for y := 0; y < l.H; y += 4 {
		for _, v := range l.Row(y) {
			if !seen[v] {
				if n++; n > 2 {
					return 0, false
				}
				seen[v] = true
				lo, hi = min(lo, int(v)), max(hi, int(v))
			}
		}
	}
	if n != 2 || hi-lo <= minDynamicRange {
		return 0, false
	}
	return (lo + hi + 1) / 2, true
}

// binarizeAt thresholds l at t: a pixel is black when its value is below t.
// Eight pixels at a time compare their top seven bits, which is exact for
// the two far-apart levels twoTone admits.
func binarizeAt(l *imagein.Luminance, t int, s *scratch) *gozxing.BitMatrix {
	const (
		high  = 0x8080808080808080
		low7  = 0x7F7F7F7F7F7F7F7F
		ones  = 0x0101010101010101
		gathr = 0x0102040810204080 // collects the low bit of each byte
	)
	t7 := uint64(t>>1) * ones
	m := s.bitMatrix(l.W, l.H)
	s.src = l
	for y := 0; y < l.H; y++ {
		row := l.Row(y)
		words := s.row.GetBitArray()
		clear(words)
		x := 0
		for ; x+8 <= len(row); x += 8 {
			v7 := (binary.LittleEndian.Uint64(row[x:]) >> 1) & low7
			// A lane's high bit survives the subtraction iff v7 >= t7
			// (light); lanes never borrow from each other.
			dark := ^((v7 | high) - t7) & high
			words[x>>5] |= uint32(((dark>>7)*gathr)>>56) << (x & 31)
		}
		for ; x < len(row); x++ {
			if int(row[x]>>1) < t>>1 {
				words[x>>5] |= 1 << (x & 31)
			}
		}
		s.setRow(y)
	}
	return m
}
