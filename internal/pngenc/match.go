package pngenc

import (
	"encoding/binary"
	"math/bits"

	"github.com/qrworks/qrworks/internal/deflate"
)

// lineMatcher finds copies for the first scanline of each module row in the
// first scanlines of earlier module rows (the other scanlines are copies of
// those, so searching them would find nothing new) and in the current line
// before the current byte. It is a hash-chain matcher, like zlib's, over a
// few kilobytes of distinct scanlines instead of the whole image.
//
// The nearest copy of module row r's scanline, seen from offset i of row
// R's first scanline, is row r's last repeat, so offset j of row r lies at
// distance (R-r-1)·scale·stride + stride + i - j, and at i - j within row R.
//
// Lines live in a ring of nLines slots of 2^shift bytes, both powers of two,
// so that a position seq<<shift | j maps to its slot and offset without
// division: the matcher runs for every byte, and divisions dominated it.
type lineMatcher struct {
	stride, scale int
	shift         uint // slot size is 1<<shift ≥ stride
	nLines        int  // ring size in lines, a power of two
	ring          []byte
	seq           int // index of the current line
	oldest        int // position of the oldest line still in the ring
	head          [1 << matchHashBits]int32
	chain         []int32 // by ring index: the previous position+1 with the same hash
}

const (
	// matchHashBits sizes the hash table: 4096 heads for a few thousand
	// distinct scanline bytes.
	matchHashBits = 12
	// matchHashLen is the number of bytes hashed, and the shortest match
	// the chain finds: shorter far copies do not pay for their distance.
	matchHashLen = 6
	// hashRead is the number of bytes matchHash loads (one word, of which
	// it keeps matchHashLen): the matcher only hashes where that many
	// bytes remain in the line.
	hashRead = 8
	// maxChain bounds the candidates tried per position. Measured on the
	// W4 image: 0 gives 829 bytes, 2 gives 707, 4 gives 694 and 24 gives
	// 693, for ever more time (docs/performance.md).
	maxChain = 4
)

// reset prepares m for an image with the given scanline length and scale.
func (m *lineMatcher) reset(stride, scale int) {
	m.stride, m.scale, m.seq, m.oldest = stride, scale, 0, 0
	m.shift = uint(bits.Len(uint(stride - 1)))
	// Lines further back than the deflate window are useless: row R-1-k
	// is at distance at least k·scale·stride + 1.
	need := 2 + (deflate.MaxDistance-1)/(scale*stride)
	m.nLines = 1 << bits.Len(uint(need-1))
	size := m.nLines << m.shift
	if cap(m.ring) < size {
		m.ring = make([]byte, size)
		m.chain = make([]int32, size)
	}
	m.ring = m.ring[:size]
	m.chain = m.chain[:size]
	m.head = [1 << matchHashBits]int32{}
}

// line returns the current line's slot, for the caller to fill.
func (m *lineMatcher) line() []byte {
	s := (m.seq & (m.nLines - 1)) << m.shift
	return m.ring[s : s+m.stride]
}

// prevLine returns the previous line, or nil before the second line.
func (m *lineMatcher) prevLine() []byte {
	if m.seq == 0 {
		return nil
	}
	s := ((m.seq - 1) & (m.nLines - 1)) << m.shift
	return m.ring[s : s+m.stride]
}

// next moves on to the following line.
func (m *lineMatcher) next() {
	m.seq++
	m.oldest = max(m.seq-m.nLines+1, 0) << m.shift
}

// matchHash hashes the first matchHashLen bytes of p, which has at least
// hashRead.
func matchHash(p []byte) uint32 {
	const mul = 0x9E3779B97F4A7C15 // 2^64/φ: Fibonacci hashing
	return uint32(binary.LittleEndian.Uint64(p) << (64 - 8*matchHashLen) * mul >> (64 - matchHashBits))
}

// insert records the string at offset i of the current line, whose hash
// is h.
func (m *lineMatcher) insert(i int, h uint32) {
	pos := m.seq<<m.shift | i
	m.chain[pos&(len(m.chain)-1)] = m.head[h]
	m.head[h] = int32(pos + 1)
}

// candidate is a possible copy: its length, distance and distance cost.
type candidate struct {
	n, d int32
	cost int32 // of the distance
}

// find stores in cands the chain's matches for offset i of cur (i+hashRead
// ≤ len(cur)), whose hash is h, each longer than those before it, priced by
// c, and returns their number.
func (m *lineMatcher) find(cur []byte, i int, h uint32, cands *[maxChain]candidate, c *costModel) int {
	mask := 1<<m.shift - 1
	ringMask := len(m.ring) - 1
	pos := int(m.head[h]) - 1
	best, nc := 0, 0
	for tries := 0; pos >= m.oldest && tries < maxChain; tries++ {
		j := pos & mask
		s := pos & ringMask &^ mask
		k := min(m.stride-j, m.stride-i)
		src := m.ring[s+j : s+j+k]
		// Only a match longer than the best so far is of use: check the
		// byte that would make it longer before comparing the rest.
		if best < k && src[best] == cur[i+best] {
			if n := commonPrefix(cur[i:i+k], src); n > best {
				d := m.distance(pos>>m.shift, i, j)
				if d > deflate.MaxDistance {
					break // the chain only gets older
				}
				best = n
				cands[nc] = candidate{int32(n), int32(d), c.distance(d)}
				nc++
			}
		}
		pos = int(m.chain[pos&ringMask]) - 1
	}
	return nc
}

// distance returns the distance from offset i of the current line back to
// offset j of line r (see the type's comment).
func (m *lineMatcher) distance(r, i, j int) int {
	if r == m.seq {
		return i - j
	}
	return (m.seq-r-1)*m.scale*m.stride + m.stride + i - j
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
	rep := uint64(c) * 0x0101010101010101 // c in every byte
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

// trailingZeroBytes returns the number of low-order zero bytes of x ≠ 0:
// the index of the first differing byte of two little-endian words.
func trailingZeroBytes(x uint64) int { return bits.TrailingZeros64(x) >> 3 }
