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
// this 699 (694 without carryFind's shortcut), and image/png at best
// compression 706 (see png.go).

// parser is the scratch space of the optimal parse, kept in pngState.
type parser struct {
	litCost  [256]int32 // 1/16 bits
	lenCost  [deflate.MaxMatch + 1]int32
	distCost [30]int32  // by distance code, without extra bits
	nearCost [257]int32 // by distance, extra bits included
	farCost  [256]int32 // by (distance-1)>>7, for distances over 256
	// costStride is the stride the copy costs above were filled for (0:
	// none yet); they are kept across images of the same width.
	costStride int
	node       []uint64 // see parseLine
	stack      []uint64
}

// estimateCosts fills the cost model from the byte histogram of the
// distinct scanlines (see the file comment).
func (st *pngState) estimateCosts(m moduleRows, n, quiet, scale, stride int) {
	p := &st.p
	var hist [256]int32
	line := st.lz.line() // scratch until the first real line is built
	total := 0
	// A sample of rows is enough for a histogram: 13 rows, spread over
	// the symbol (all of them for versions 1 and below).
	step := max(1, n/13)
	for y := step / 2; y < n; y += step {
		expandRow(line, m.Row(y), n, quiet, scale)
		for _, b := range line {
			hist[b]++
		}
		total += stride
	}
	for b, h := range hist {
		if h == 0 {
			// Absent from the sample: priced about as a byte seen once
			// in it would be (the sample is 13 scanlines, a few hundred
			// to a few thousand bytes: 10 to 13 bits with the 1.5).
			p.litCost[b] = 16 * 12
			continue
		}
		p.litCost[b] = int32(16 * (math.Log2(float64(total)/float64(h)) + 1.5))
	}
	if p.costStride == stride {
		return // the copy costs depend on nothing else
	}
	p.costStride = stride
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
	p.fillDistCosts()
}

// distCostOf returns the cost of distance d, from tables built by
// fillDistCosts: distances up to 256 each, longer ones by 128s, which is
// the granularity of their codes (RFC 1951 §3.2.5).
func (p *parser) distCostOf(d int) int32 {
	if d <= 256 {
		return p.nearCost[d]
	}
	return p.farCost[(d-1)>>7]
}

func (p *parser) fillDistCosts() {
	cost := func(d int) int32 {
		c, x := deflate.DistanceCode(d)
		return p.distCost[c] + int32(x)*16
	}
	for d := 1; d <= 256; d++ {
		p.nearCost[d] = cost(d)
	}
	for k := 2; k < len(p.farCost); k++ {
		p.farCost[k] = cost(k<<7 + 1)
	}
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
	n, d int32
	cost int32 // of the distance
}

// parseLine emits the tokens of cur, the matcher's current line.
func (st *pngState) parseLine(cur []byte) {
	z, lz, p := &st.z, &st.lz, &st.p
	stride := len(cur)
	prev := lz.prevLine()
	if prev != nil && commonPrefix(cur, prev) == stride {
		// Quiet-zone rows and rows equal to the one above: one copy,
		// merged with the repeats around it.
		z.Copy(stride, stride)
		lz.insertAll(cur)
		return
	}
	if cap(p.node) < stride+1 {
		p.node = make([]uint64, stride+1)
	}
	// node[i] is the cheapest coding of cur[:i], packed so that one
	// comparison orders by cost: cost<<32 | length<<16 | distance of its
	// last token (distance 0 for a literal).
	node := p.node[:stride+1]
	for i := range node {
		node[i] = math.MaxUint64
	}
	node[0] = 0
	relax := func(k int, cost uint64, l, d int32) {
		if v := cost<<32 | uint64(l)<<16 | uint64(d); v < node[k] {
			node[k] = v
		}
	}
	merging := z.PendingDistance() == stride
	repeats := st.cfg.scale > 1
	upCost, runCost := p.distCostOf(stride), p.distCostOf(1)
	var cands [maxChain]candidate
	nc := 0
	// relaxCopy tries a copy of distance d and cost base from i at the
	// lengths from..n: every length up to maxRelax, then only the longest.
	relaxCopy := func(i int, base uint64, from, n, d int32) {
		n = min(n, deflate.MaxMatch)
		for l := max(from, deflate.MinMatch); l <= n; l++ {
			if l > maxRelax && l < n {
				l = n
			}
			relax(i+int(l), base+uint64(p.lenCost[l]), l, d)
		}
	}
	// A copy from the row above, or a run, that ends where the one from
	// the byte before ended is only tried at full length: its shorter
	// forms were tried one byte earlier, for one literal less.
	from := func(n, end, prevEnd int) int32 {
		if end == prevEnd {
			return int32(n)
		}
		return deflate.MinMatch
	}
	upEnd, runEnd := -1, -1
	for i := 0; i < stride; i++ {
		ci := node[i] >> 32
		relax(i+1, ci+uint64(p.litCost[cur[i]]), 1, 0)
		longest := 0
		if prev != nil {
			// Within the previous match the length is known: it ends
			// where that one ended.
			n := upEnd - i
			if n <= 0 {
				n = 0
				if cur[i] == prev[i] {
					n = commonPrefix(cur[i:], prev[i:])
				}
			}
			if n > 0 && (i == 0 && merging || i+n == stride && repeats) {
				relax(i+n, ci, int32(n), int32(stride))
			}
			if n >= deflate.MinMatch {
				relaxCopy(i, ci+uint64(upCost), from(n, i+n, upEnd), int32(n), int32(stride))
			}
			upEnd, longest = i+n, n
		}
		run := runEnd - i
		switch {
		case run > 0:
		case i > 0 && cur[i] == cur[i-1]:
			run = runLength(cur[i:], cur[i-1])
		case i == 0 && prev != nil:
			run = runLength(cur, prev[stride-1])
		default:
			run = 0
		}
		if run >= deflate.MinMatch {
			relaxCopy(i, ci+uint64(runCost), from(run, i+run, runEnd), int32(run), 1)
		}
		runEnd, longest = i+run, max(longest, run)
		if i+8 > stride {
			continue
		}
		// The chain's matches found at an earlier byte run on here, one
		// byte shorter, to the same end.
		k, carried := 0, 0
		for _, cd := range cands[:nc] { // usually none
			if cd.n--; cd.n > 0 {
				cands[k] = cd
				k++
				carried = max(carried, int(cd.n))
			}
		}
		nc = k
		h := matchHash(cur[i:])
		switch {
		case longest < skipFind && carried < carryFind:
			// Chain matches are at least matchHashLen long; shorter
			// forms of them rarely beat literals.
			nc = lz.find(cur, i, h, cands[:], 0, p)
			for _, cd := range cands[:nc] {
				relaxCopy(i, ci+uint64(cd.cost), min(cd.n, matchHashLen), cd.n, cd.d)
			}
		case carried >= carryFind:
			// Inside a long match: its shorter forms were tried one
			// byte earlier, for one literal less; only its full length
			// is new, and searching again would find it again.
			for _, cd := range cands[:nc] {
				if n := min(cd.n, deflate.MaxMatch); n >= deflate.MinMatch {
					relax(i+int(n), ci+uint64(cd.cost+p.lenCost[n]), n, cd.d)
				}
			}
		}
		lz.insert(i, h)
	}
	// Walk back from the end to find the tokens, then emit them in order.
	stack := p.stack[:0]
	for k := stride; k > 0; k -= int(node[k] >> 16 & 0xffff) {
		stack = append(stack, node[k])
	}
	p.stack = stack
	i := 0
	for t := len(stack) - 1; t >= 0; t-- {
		l, d := int(stack[t]>>16&0xffff), int(stack[t]&0xffff)
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
	oldest        int // position of the oldest line still in the ring
	head          [1 << matchHashBits]int32
	chain         []int32 // by ring index: the previous position+1 with the same hash
}

const (
	matchHashBits = 12
	// matchHashLen is the number of bytes hashed, and the shortest match
	// the chain finds: shorter far copies do not pay for their distance.
	matchHashLen = 6
	// maxChain bounds the candidates tried per position. Measured on W4
	// (see png.go): 0 gives 829 bytes in 55 µs, 2 gives 707 in 75 µs, 4
	// gives 694 in 83 µs, 24 gives 693 in 101 µs.
	maxChain = 4
)

// skipFind: where the row above or a run already gives a copy this long,
// the chain is not searched; it would rarely do better. Measured on W4: 4
// gives 701 bytes 10% faster, 8 gives 695 10% slower.
const skipFind = 6

// carryFind: inside a match of the chain this long or longer, found at an
// earlier byte, the chain is not searched again: it would mostly find the
// same match, one byte shorter. Measured on W4 with maxChain 4 and
// skipFind 6: 8 gives 699 bytes (694 without the shortcut) for 15-20%
// less time; 6 gives 717 and 4 gives 746.
const carryFind = 8

// maxRelax: copies are tried at every length up to this, then only at
// their full length. Measured on W4: 8 gives 694 bytes, 5 gives 701 and
// 16 about 690 for 15% more time.
const maxRelax = 8

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

// insertAll records every string of the current line.
func (m *lineMatcher) insertAll(cur []byte) {
	for i := 0; i+8 <= len(cur); i++ {
		m.insert(i, matchHash(cur[i:]))
	}
}

// find appends to cands, from index nc, the chain's matches for offset i of
// cur (i+8 ≤ len(cur)), whose hash is h, that are longer than any before
// them, and returns the new count.
func (m *lineMatcher) find(cur []byte, i int, h uint32, cands []candidate, nc int, p *parser) int {
	mask := 1<<m.shift - 1
	ringMask := len(m.ring) - 1
	pos := int(m.head[h]) - 1
	best := 0
	for tries := 0; pos >= m.oldest && tries < maxChain; tries++ {
		j := pos & mask
		s := pos & ringMask &^ mask
		k := min(m.stride-j, m.stride-i)
		src := m.ring[s+j : s+j+k]
		// Only a match longer than the best so far is of use: check the
		// byte that would make it longer before comparing the rest.
		if best < k && src[best] == cur[i+best] {
			if n := commonPrefix(cur[i:i+k], src); n > best {
				var d int
				if r := pos >> m.shift; r == m.seq {
					d = i - j
				} else {
					d = (m.seq-r-1)*m.scale*m.stride + m.stride + i - j
				}
				if d > deflate.MaxDistance {
					break // the chain only gets older
				}
				best = n
				cands[nc] = candidate{int32(n), int32(d), p.distCostOf(d)}
				nc++
			}
		}
		pos = int(m.chain[pos&ringMask]) - 1
	}
	return nc
}
