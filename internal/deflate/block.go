package deflate

import "math/bits"

// fixed is the fixed Huffman code of §3.2.6. It is built over all 288
// literal/length and 32 distance symbols although the last two of each never
// occur in a stream, because the canonical code assignment (§3.2.2) counts
// them: without 286 and 287 among the 8-bit codes, the 9-bit codes of
// literals 144..255 would come out different.
var fixed = func() (f struct {
	litLen   [288]uint8
	litCode  [288]uint16
	distLen  [32]uint8
	distCode [32]uint16
}) {
	for s := range f.litLen {
		f.litLen[s] = fixedLitLen(s)
	}
	for s := range f.distLen {
		f.distLen[s] = 5
	}
	canonical(f.litLen[:], f.litCode[:])
	canonical(f.distLen[:], f.distCode[:])
	return f
}()

// writeBits appends the n low bits of v, LSB first.
func (w *Writer) writeBits(v uint64, n uint) {
	w.bits |= v << w.nbits
	w.nbits += n
	if w.nbits >= 32 {
		w.out = append(w.out, byte(w.bits), byte(w.bits>>8), byte(w.bits>>16), byte(w.bits>>24))
		w.bits >>= 32
		w.nbits -= 32
	}
}

// writeBlock writes the buffered tokens as one block, dynamic or fixed,
// whichever is shorter, and empties the buffer.
func (w *Writer) writeBlock(final bool) {
	w.litFreq[endOfBlock]++
	var bfinal uint64
	if final {
		bfinal = 1
	}

	// Extra bits cost the same under both codes.
	var extra int
	for c := 0; c < 29; c++ {
		n, _ := lengthExtra(c)
		extra += int(w.litFreq[257+c]) * int(n)
	}
	for c := 0; c < numDist; c++ {
		n, _ := distExtra(c)
		extra += int(w.distFreq[c]) * int(n)
	}

	fixedBits := 3 + extra
	for s, f := range w.litFreq {
		fixedBits += int(f) * int(fixedLitLen(s))
	}
	for _, f := range w.distFreq {
		fixedBits += int(f) * 5
	}

	w.h.lengths(w.litFreq[:], 15, w.litLen[:])
	w.h.lengths(w.distFreq[:], 15, w.distLen[:])
	hdr := w.dynamicHeader()
	dynBits := 3 + extra + hdr.bits
	for s, f := range w.litFreq {
		dynBits += int(f) * int(w.litLen[s])
	}
	for s, f := range w.distFreq {
		dynBits += int(f) * int(w.distLen[s])
	}

	if fixedBits <= dynBits {
		w.writeBits(bfinal|1<<1, 3) // BTYPE 01
		copy(w.litLen[:], fixed.litLen[:])
		copy(w.litCode[:], fixed.litCode[:])
		copy(w.distLen[:], fixed.distLen[:])
		copy(w.distCode[:], fixed.distCode[:])
	} else {
		w.writeBits(bfinal|2<<1, 3) // BTYPE 10
		canonical(w.litLen[:], w.litCode[:])
		canonical(w.distLen[:], w.distCode[:])
		w.writeDynamicHeader(&hdr)
	}
	w.writeTokens()
	w.tokens = w.tokens[:0]
	w.litFreq = [numLitLen]uint32{}
	w.distFreq = [numDist]uint32{}
}

func (w *Writer) writeTokens() {
	for _, t := range w.tokens {
		if t&matchFlag == 0 {
			w.writeBits(uint64(w.litCode[t]), uint(w.litLen[t]))
			continue
		}
		n, d := int(t>>16&0x1FF), int(t&0xFFFF)
		lc := lengthCode(n)
		w.writeBits(uint64(w.litCode[257+lc]), uint(w.litLen[257+lc]))
		if nb, base := lengthExtra(lc); nb > 0 {
			w.writeBits(uint64(n-base), nb)
		}
		dc := distCode(d)
		w.writeBits(uint64(w.distCode[dc]), uint(w.distLen[dc]))
		if nb, base := distExtra(dc); nb > 0 {
			w.writeBits(uint64(d-base), nb)
		}
	}
	w.writeBits(uint64(w.litCode[endOfBlock]), uint(w.litLen[endOfBlock]))
}

// dynHeader is the code-length part of a dynamic block header (§3.2.7).
type dynHeader struct {
	hlit, hdist, hclen int
	rle                [numLitLen + numDist]uint8 // code-length symbols
	rleExtra           [numLitLen + numDist]uint8 // their extra bits
	nrle               int
	clLen              [numCodeLen]uint8
	clCode             [numCodeLen]uint16
	bits               int // size of the header after BTYPE
}

// dynamicHeader run-length codes the code lengths and sizes the header.
func (w *Writer) dynamicHeader() dynHeader {
	var h dynHeader
	h.hlit = numLitLen
	for h.hlit > 257 && w.litLen[h.hlit-1] == 0 {
		h.hlit--
	}
	h.hdist = numDist
	for h.hdist > 1 && w.distLen[h.hdist-1] == 0 {
		h.hdist--
	}
	var seq [numLitLen + numDist]uint8
	n := copy(seq[:], w.litLen[:h.hlit])
	n += copy(seq[n:], w.distLen[:h.hdist])

	var clFreq [numCodeLen]uint32
	emit := func(sym, extra uint8) {
		h.rle[h.nrle], h.rleExtra[h.nrle] = sym, extra
		h.nrle++
		clFreq[sym]++
	}
	for i := 0; i < n; {
		l := seq[i]
		run := 1
		for i+run < n && seq[i+run] == l {
			run++
		}
		i += run
		if l == 0 {
			for run >= 11 { // code 18: 11..138 zeros, 7 extra bits
				k := min(run, 138)
				emit(18, uint8(k-11))
				run -= k
			}
			if run >= 3 { // code 17: 3..10 zeros, 3 extra bits
				emit(17, uint8(run-3))
				run = 0
			}
		} else {
			emit(l, 0)
			run--
			for run >= 3 { // code 16: repeat previous 3..6 times, 2 extra bits
				k := min(run, 6)
				emit(16, uint8(k-3))
				run -= k
			}
		}
		for ; run > 0; run-- {
			emit(l, 0)
		}
	}

	w.h.lengths(clFreq[:], 7, h.clLen[:])
	canonical(h.clLen[:], h.clCode[:])
	h.hclen = numCodeLen
	for h.hclen > 4 && h.clLen[codeLenOrder[h.hclen-1]] == 0 {
		h.hclen--
	}
	h.bits = 5 + 5 + 4 + 3*h.hclen
	for s, f := range clFreq {
		h.bits += int(f) * int(h.clLen[s])
	}
	h.bits += 2*int(clFreq[16]) + 3*int(clFreq[17]) + 7*int(clFreq[18])
	return h
}

func (w *Writer) writeDynamicHeader(h *dynHeader) {
	w.writeBits(uint64(h.hlit-257), 5)
	w.writeBits(uint64(h.hdist-1), 5)
	w.writeBits(uint64(h.hclen-4), 4)
	for _, s := range codeLenOrder[:h.hclen] {
		w.writeBits(uint64(h.clLen[s]), 3)
	}
	for i := 0; i < h.nrle; i++ {
		s := h.rle[i]
		w.writeBits(uint64(h.clCode[s]), uint(h.clLen[s]))
		switch s {
		case 16:
			w.writeBits(uint64(h.rleExtra[i]), 2)
		case 17:
			w.writeBits(uint64(h.rleExtra[i]), 3)
		case 18:
			w.writeBits(uint64(h.rleExtra[i]), 7)
		}
	}
}

// canonical assigns the canonical Huffman codes of §3.2.2 to the code
// lengths, bit-reversed because Huffman codes are sent MSB first into an
// LSB-first stream.
func canonical(lens []uint8, codes []uint16) {
	var count [16]uint16
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	var next [16]uint16
	code := uint16(0)
	for b := 1; b < 16; b++ {
		code = (code + count[b-1]) << 1
		next[b] = code
	}
	for s, l := range lens {
		if l == 0 {
			codes[s] = 0
			continue
		}
		codes[s] = bits.Reverse16(next[l]) >> (16 - l)
		next[l]++
	}
}
