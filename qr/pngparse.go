package qr

import (
	"encoding/binary"
	"math"
	"math/bits"

	"github.com/qrworks/qrworks/internal/deflate"
)

// The choice of deflate tokens for the PNG writer.
//
// Only the first scanline of each module row is parsed; its scale-1 repeats
// are one copy at distance stride (the scanline length). The first
// scanline is parsed optimally for a cost model: cost[i], the cheapest
// coding of its first i bytes, is relaxed forward by a literal and by every
// candidate copy — a run of the previous byte (distance 1), the row above
// (distance stride) and the matcher's matches in earlier rows. A copy from
// the row above that continues the previous row's repeat copy, or runs into
// this row's repeats, merges with it and costs nothing: so a line's filter
// byte and quiet zone, and rows equal to the one above, go free.
//
// The costs are estimated before parsing, from the image itself: a literal
// costs what its frequency among the scanlines' bytes says, plus 1.5 bits
// because literals end up coding the rarer bytes; a copy costs about 4 bits
// of length code and 5 of distance code plus their extra bits (RFC 1951
// §3.2.5), the distance of the row above 2. These constants were tuned on
// the W4 image: greedy parsing with the same candidates gives 740 bytes,
// this 690, and image/png at best compression 713.

// parser is the scratch space of the optimal parse, kept in pngState.
type parser struct {
	litCost  [256]int32 // 1/16 bits
	lenCost  [deflate.MaxMatch + 1]int32
	distCost [30]int32 // by distance code, without extra bits
	cost     []int32   // cost[i]: cheapest coding of cur[:i]
	tokLen   []int32   // the last token of that coding: length,
	tokDist  []int32   // and distance (0 for a literal)
	stack    []int32
}

// estimateCosts fills the cost model from the byte histogram of the
// distinct scanlines (see the file comment).
func (st *pngState) estimateCosts(m moduleRows, n, quiet, scale, stride int) {
	p := &st.p
	var hist [256]int32
	line := st.lz.line() // scratch until the first real line is built
	total := 0
	for y := 0; y < n; y++ {
		expandRow(line, m.Row(y), n, quiet, scale)
		for _, b := range line {
			hist[b]++
		}
		total += stride
	}
	for b, h := range hist {
		if h == 0 {
			p.litCost[b] = 16 * 12
			continue
		}
		p.litCost[b] = int32(16 * (math.Log2(float64(total)/float64(h)) + 1.5))
	}
	for l := deflate.MinMatch; l <= deflate.MaxMatch; l++ {
		p.lenCost[l] = int32(16 * (4 + deflate.LengthExtraBits(l)))
	}
	p.lenCost[deflate.MaxMatch] = 16 * 3 // the repeats make it the commonest
	for c := range p.distCost {
		p.distCost[c] = 16 * 5
	}
	up, _ := deflate.DistanceCode(stride)
	p.distCost[up] = 16 * 2
	p.distCost[0] = 16 * 4 // distance 1: runs
}

func (p *parser) distCostOf(d int) int32 {
	c, x := deflate.DistanceCode(d)
	return p.distCost[c] + int32(x)*16
}

// deflateRows writes the image data, row by row, into st.z and returns the
// Adler-32 of the uncompressed data.
func (st *pngState) deflateRows(m moduleRows, n, quiet, scale, stride int) uint32 {
	st.lz.reset(stride, scale)
	st.estimateCosts(m, n, quiet, scale, stride)
	var a adler
	for my := -quiet; my < n+quiet; my++ {
		var row []uint64
		if my >= 0 && my < n {
			row = m.Row(my)
		}
		cur := st.lz.line()
		expandRow(cur, row, n, quiet, scale)
		a.addRepeated(cur, scale)
		st.parseLine(cur)
		if scale > 1 {
			st.z.Copy((scale-1)*stride, stride)
		}
		st.z.EndBlock()
		st.lz.next()
	}
	return a.sum()
}

// candidate is a possible copy: its length, distance and distance cost.
type candidate struct {
	n, d     int32
	cost     int32
	fullOnly bool // relax only the full length
}

// parseLine emits the tokens of cur, the matcher's current line.
func (st *pngState) parseLine(cur []byte) {
	z, lz, p := &st.z, &st.lz, &st.p
	stride := len(cur)
	if cap(p.cost) < stride+1 {
		p.cost = make([]int32, stride+1)
		p.tokLen = make([]int32, stride+1)
		p.tokDist = make([]int32, stride+1)
	}
	prev := lz.prevLine()
	if prev != nil && commonPrefix(cur, prev) == stride {
		// Quiet-zone rows and rows equal to the one above: one copy,
		// merged with the repeats around it.
		z.Copy(stride, stride)
		lz.insertAll(cur)
		return
	}
	cost, tl, td := p.cost[:stride+1], p.tokLen[:stride+1], p.tokDist[:stride+1]
	for i := range cost {
		cost[i] = math.MaxInt32
	}
	cost[0] = 0
	merging := z.PendingDistance() == stride
	repeats := st.cfg.scale > 1
	upCost, runCost := p.distCostOf(stride), p.distCostOf(1)
	var cands [2 + maxChain]candidate
	upEnd, runEnd := -1, -1
	for i := 0; i < stride; i++ {
		ci := cost[i]
		if c := ci + p.litCost[cur[i]]; c < cost[i+1] {
			cost[i+1], tl[i+1], td[i+1] = c, 1, 0
		}
		nc, longest := 0, 0
		if prev != nil {
			n := commonPrefix(cur[i:], prev[i:])
			if n > 0 && (i == 0 && merging || i+n == stride && repeats) && ci < cost[i+n] {
				cost[i+n], tl[i+n], td[i+n] = ci, int32(n), int32(stride)
			}
			// A copy that ends where the one from the byte before
			// ended is only tried at full length: its shorter forms
			// were tried one byte earlier, for one literal less.
			cands[nc] = candidate{int32(n), int32(stride), upCost, i+n == upEnd}
			nc++
			upEnd, longest = i+n, n
		}
		var run int
		if i > 0 {
			run = runLength(cur[i:], cur[i-1])
		} else if prev != nil {
			run = runLength(cur, prev[stride-1])
		}
		cands[nc] = candidate{int32(run), 1, runCost, i+run == runEnd}
		nc++
		runEnd, longest = i+run, max(longest, run)
		if longest < skipFind {
			nc = lz.find(cur, i, cands[:], nc, p)
		}
		for _, cd := range cands[:nc] {
			n := min(cd.n, deflate.MaxMatch)
			if n < deflate.MinMatch {
				continue
			}
			l := int32(deflate.MinMatch)
			if cd.fullOnly {
				l = n
			}
			// Every length up to maxRelax, then only the longest.
			for ; l <= n; l++ {
				if l > maxRelax && l < n {
					l = n
				}
				if c := ci + cd.cost + p.lenCost[l]; c < cost[i+int(l)] {
					cost[i+int(l)], tl[i+int(l)], td[i+int(l)] = c, l, cd.d
				}
			}
		}
		lz.insert(cur, i)
	}
	// Walk back from the end to find the tokens, then emit them in order.
	stack := p.stack[:0]
	for k := stride; k > 0; k -= int(tl[k]) {
		stack = append(stack, int32(k))
	}
	p.stack = stack
	i := 0
	for t := len(stack) - 1; t >= 0; t-- {
		l, d := int(tl[stack[t]]), int(td[stack[t]])
		if d == 0 {
			z.Literal(cur[i])
		} else {
			z.Copy(l, d)
		}
		i += l
	}
}

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
	head          [1 << matchHashBits]int32
	chain         []int32 // by ring index: the previous position+1 with the same hash
}

const (
	matchHashBits = 12
	// matchHashLen is the number of bytes hashed, and the shortest match
	// the chain finds: shorter far copies do not pay for their distance.
	matchHashLen = 6
	// maxChain bounds the candidates tried per position. Measured on W4:
	// 4 gives 690 bytes, 24 gives 685 at twice the time.
	maxChain = 4
)

// skipFind: where the row above or a run already gives a copy this long,
// the chain is not searched; it would rarely do better.
const skipFind = 8

// maxRelax: copies are tried at every length up to this, then only at
// their full length. Measured on W4: 8 gives 697 bytes, 16 gives 692 for
// 15% more time, 4 gives 701.
const maxRelax = 8

// reset prepares m for an image with the given scanline length and scale.
func (m *lineMatcher) reset(stride, scale int) {
	m.stride, m.scale, m.seq = stride, scale, 0
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
func (m *lineMatcher) next() { m.seq++ }

func matchHash(p []byte) uint32 {
	const mul = 0x9E3779B97F4A7C15 // 2^64/φ: Fibonacci hashing
	return uint32(binary.LittleEndian.Uint64(p) << (64 - 8*matchHashLen) * mul >> (64 - matchHashBits))
}

// insert records the string at offset i of the current line.
func (m *lineMatcher) insert(cur []byte, i int) {
	if i+8 > len(cur) {
		return
	}
	h := matchHash(cur[i:])
	pos := m.seq<<m.shift | i
	m.chain[pos&(len(m.chain)-1)] = m.head[h]
	m.head[h] = int32(pos + 1)
}

// insertAll records every string of the current line.
func (m *lineMatcher) insertAll(cur []byte) {
	for i := range cur {
		m.insert(cur, i)
	}
}

// find appends to cands, from index nc, the chain's matches for offset i of
// cur that are longer than any before them, and returns the new count.
func (m *lineMatcher) find(cur []byte, i int, cands []candidate, nc int, p *parser) int {
	if i+8 > len(cur) {
		return nc
	}
	oldest := max(m.seq-m.nLines+1, 0) << m.shift
	mask := 1<<m.shift - 1
	pos := int(m.head[matchHash(cur[i:])]) - 1
	best := 0
	for tries := 0; pos >= oldest && tries < maxChain; tries++ {
		r, j := pos>>m.shift, pos&mask
		var d int
		if r == m.seq {
			d = i - j
		} else {
			d = (m.seq-r-1)*m.scale*m.stride + m.stride + i - j
		}
		if d > deflate.MaxDistance {
			break
		}
		s := pos & (len(m.ring) - 1) &^ mask
		k := min(m.stride-j, m.stride-i)
		if n := commonPrefix(cur[i:i+k], m.ring[s+j:s+j+k]); n > best {
			best = n
			cands[nc] = candidate{int32(n), int32(d), p.distCostOf(d), false}
			nc++
		}
		pos = int(m.chain[pos&(len(m.chain)-1)]) - 1
	}
	return nc
}
