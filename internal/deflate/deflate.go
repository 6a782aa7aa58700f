// Package deflate writes DEFLATE streams (RFC 1951) from tokens — literal
// bytes and back-references — chosen by the caller.
//
// It has no match finder of its own: its caller, the PNG writer
// (internal/pngenc), knows where the repetition in a QR image lies (the
// scale identical scanlines of a module row, runs of equal bytes, the row
// above) and says so directly, which is far cheaper than searching for it.
// What this package does is the entropy coding: each block gets the Huffman
// code fitted to its own symbol frequencies (a dynamic block, §3.2.7) or the
// fixed code (§3.2.6), whichever is smaller. A caller that prices tokens
// before choosing them finds the format's length and distance codes in
// LengthCode and DistanceCode.
//
// A Writer is not safe for concurrent use; reuse one through Reset.
package deflate

// Limits of the format (RFC 1951 §3.2.5).
const (
	MinMatch    = 3     // shortest back-reference
	MaxMatch    = 258   // longest back-reference
	MaxDistance = 32768 // window size
)

// token is one literal (value < 256) or one back-reference, packed as
// matchFlag | length<<16 | distance.
type token uint32

const matchFlag token = 1 << 31

// blockTokens bounds the tokens buffered per block, so that memory stays
// bounded whatever the image size; a new block costs a few dozen bytes.
const blockTokens = 1 << 16

// Writer accumulates tokens and emits them as DEFLATE blocks into an
// in-memory buffer. The zero Writer is ready to use, and Reset makes a used
// one write exactly what a new one would (TestResetMatchesNew). A Writer is
// not safe for concurrent use.
type Writer struct {
	out    []byte // the compressed stream so far
	bits   uint64 // bit accumulator, LSB first (§3.1.1)
	nbits  uint   // valid bits in bits, < 32 between calls
	tokens []token
	pos    int // uncompressed bytes so far, to check distances

	// A back-reference not yet turned into tokens, so that adjacent copies
	// at the same distance merge into one run of MaxMatch tokens.
	pendLen, pendDist int

	litFreq  [numLitLen]uint32
	distFreq [numDist]uint32
	h        huffScratch
	litLen   [numLitLen]uint8 // code lengths of the current block
	distLen  [numDist]uint8
	litCode  [numLitLen]uint16 // bit-reversed canonical codes
	distCode [numDist]uint16
}

// Reset empties w, keeping its buffers; out becomes the buffer the stream is
// appended to (it may be nil).
func (w *Writer) Reset(out []byte) {
	w.out = out
	w.bits, w.nbits = 0, 0
	w.tokens = w.tokens[:0]
	w.pos = 0
	w.pendLen, w.pendDist = 0, 0
	w.litFreq = [numLitLen]uint32{}
	w.distFreq = [numDist]uint32{}
}

// Len returns the number of uncompressed bytes written so far.
func (w *Writer) Len() int { return w.pos + w.pendLen }

// Literal appends one literal byte.
func (w *Writer) Literal(b byte) {
	if w.pendLen > 0 {
		w.flushCopy()
	}
	w.add(token(b))
	w.litFreq[b]++
	w.pos++
}

// Copy appends a back-reference: length bytes copied from dist bytes back.
// Copies at the same distance with nothing between them merge into one, so
// any length is allowed as long as each merged copy totals at least
// MinMatch; long copies become several tokens. dist must be in
// 1..MaxDistance and at most Len(). Copy panics otherwise, since that is a
// bug in the caller, not bad input.
func (w *Writer) Copy(length, dist int) {
	if dist < 1 || dist > MaxDistance || dist > w.Len() || length < 1 {
		panic("deflate: invalid back-reference")
	}
	if w.pendLen > 0 && w.pendDist != dist {
		w.flushCopy()
	}
	w.pendLen += length
	w.pendDist = dist
}

// flushCopy turns the pending copy into tokens of at most MaxMatch bytes,
// none shorter than MinMatch.
func (w *Writer) flushCopy() {
	n, d := w.pendLen, w.pendDist
	if n < MinMatch {
		panic("deflate: copy shorter than MinMatch")
	}
	w.pendLen = 0
	w.pos += n
	for n > 0 {
		k := min(n, MaxMatch)
		if r := n - k; r > 0 && r < MinMatch {
			k = n - MinMatch
		}
		w.addCopy(k, d)
		n -= k
	}
}

// addCopy adds one back-reference token, MinMatch ≤ n ≤ MaxMatch.
func (w *Writer) addCopy(n, d int) {
	w.add(matchFlag | token(n)<<16 | token(d))
	w.litFreq[257+lengthCode(n)]++
	w.distFreq[distCode(d)]++
}

func (w *Writer) add(t token) {
	w.tokens = append(w.tokens, t)
}

// EndBlock writes the buffered tokens as one block if they are many, so a
// caller can call it at natural boundaries (a module row) to bound memory.
// A copy still pending stays pending, so that a copy at the same distance
// that follows still merges with it as Copy says: its whole MaxMatch
// tokens are taken out, the same ones flushing it later would give, and
// the rest, under MaxMatch+MinMatch bytes, waits.
func (w *Writer) EndBlock() {
	for w.pendLen >= MaxMatch+MinMatch {
		w.addCopy(MaxMatch, w.pendDist)
		w.pendLen -= MaxMatch
		w.pos += MaxMatch
	}
	if len(w.tokens) >= blockTokens {
		w.writeBlock(false)
	}
}

// Close writes the remaining tokens as the final block, pads to a byte
// boundary and returns the stream (out as given to Reset, extended). The
// stream is then complete: call Reset before writing another.
func (w *Writer) Close() []byte {
	if w.pendLen > 0 {
		w.flushCopy()
	}
	w.writeBlock(true)
	for w.nbits > 0 {
		w.out = append(w.out, byte(w.bits))
		w.bits >>= 8
		w.nbits = uint(max(int(w.nbits)-8, 0))
	}
	w.bits = 0
	return w.out
}
