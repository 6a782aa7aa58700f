package pngenc

import (
	"math"

	"github.com/qrworks/qrworks/internal/deflate"
)

// The choice of DEFLATE tokens (LZ77 literals and copies) for one scanline.
//
// Only the first scanline of each module row is parsed; its scale-1 repeats
// are one copy at distance stride (the scanline length). The first
// scanline is parsed optimally for the cost model (cost.go): node[i], the
// cheapest coding of its first i bytes, is relaxed forward by a literal and
// by every candidate copy — a run of the previous byte (distance 1), the
// row above (distance stride) and the matcher's matches in earlier rows
// (match.go). A copy from the row above that runs to the end of the line
// merges with the line's repeats that follow (a copy at the same distance)
// and costs nothing: so the right quiet zone of a line, and rows equal to
// the one above, go free at scale 2 and above.

// Limits of the search, each measured on the W4 image (docs/performance.md).
const (
	// skipFind: where the row above or a run already gives a copy this
	// long, the chain is not searched; it would rarely do better. 4 gives
	// 701 bytes 10% faster, 8 gives 695 10% slower.
	skipFind = 6
	// carryFind: inside a match of the chain this long or longer, found at
	// an earlier byte, the chain is not searched again: it would mostly
	// find the same match, one byte shorter. 8 gives 699 bytes (694
	// without the shortcut) for 15-20% less time; 6 gives 717 and 4 gives
	// 746.
	carryFind = 8
	// maxRelax: copies are tried at every length up to this, then only at
	// their full length. 8 gives 694 bytes, 5 gives 701 and 16 about 690
	// for 15% more time.
	maxRelax = 8
)

// A node is the cheapest coding found so far of a prefix of the line,
// packed so that one comparison orders by cost, then length, then distance:
// cost<<32 | length<<16 | distance of its last token (distance 0 for a
// literal). Lengths and distances fit 16 bits because a scanline has at
// most 2049 bytes (MaxSide), and costs 32 because a byte costs far less
// than 2^32 / (2049·costUnit) bits.
const (
	nodeCostShift = 32
	nodeLenShift  = 16
	nodeFieldMask = 0xffff
)

func nodeLen(v uint64) int  { return int(v >> nodeLenShift & nodeFieldMask) }
func nodeDist(v uint64) int { return int(v & nodeFieldMask) }

// parser is the scratch space of the parse, kept across lines and images.
type parser struct {
	node  []uint64 // node[i] codes the line's first i bytes; see the constants above
	stack []uint64 // the chosen nodes, last first
}

// parseLine emits the tokens of cur, the matcher's current line; repeats
// says whether a copy of the line's repeats follows it (scale > 1).
//
// The loop runs for every distinct byte of the image, so it keeps its
// state in locals and the copies from the row above and the runs inline:
// as methods over a struct they made the writer 5-10% slower. The chain
// search, a call anyway, is its own step.
func (e *Encoder) parseLine(cur []byte, repeats bool) {
	stride := len(cur)
	prev := e.lz.prevLine()
	if prev != nil && (repeats || stride >= deflate.MinMatch) && commonPrefix(cur, prev) == stride {
		// Quiet-zone rows and rows equal to the one above: one copy,
		// merged with the repeats that follow. (A line of two bytes,
		// eight pixels or fewer, without repeats is too short for a copy.)
		e.z.Copy(stride, stride)
		e.lz.insertAll(cur)
		return
	}
	c := &e.costs
	node := e.parse.start(stride)
	upCost, runCost := uint64(c.distance(stride)), uint64(c.distance(1))
	upEnd, runEnd := -1, -1 // where the copy from above and the run found at the byte before end
	var chain chainMatches
	for i := 0; i < stride; i++ {
		ci := node[i] >> nodeCostShift
		relax(node, i+1, ci+uint64(c.lit[cur[i]]), 1, 0)
		longest := 0
		if prev != nil {
			// The copy from the row above: within the one found at the
			// byte before, its length is known.
			n := upEnd - i
			if n <= 0 {
				n = 0
				if cur[i] == prev[i] {
					n = commonPrefix(cur[i:], prev[i:])
				}
			}
			if n > 0 && i+n == stride && repeats {
				relax(node, i+n, ci, int32(n), int32(stride)) // merged with the repeats: free
			}
			if n >= deflate.MinMatch {
				relaxCopy(node, &c.length, i, ci+upCost, shortest(n, i+n, upEnd), int32(n), int32(stride))
			}
			upEnd, longest = i+n, n
		}
		// The run (distance 1): known within the one found at the byte
		// before; a line's first byte continues the line above's last.
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
			relaxCopy(node, &c.length, i, ci+runCost, shortest(run, i+run, runEnd), int32(run), 1)
		}
		runEnd, longest = i+run, max(longest, run)
		if i+hashRead <= stride {
			chain.relaxAt(node, &e.lz, c, cur, i, ci, longest)
		}
	}
	e.parse.emit(&e.z, cur)
}

// start returns the nodes for a line of stride bytes: none reached yet but
// the empty prefix.
func (p *parser) start(stride int) []uint64 {
	if cap(p.node) < stride+1 {
		p.node = make([]uint64, stride+1)
	}
	node := p.node[:stride+1]
	for i := range node {
		node[i] = math.MaxUint64
	}
	node[0] = 0
	return node
}

// relax records in node[k] a coding whose last token has length l and
// distance d, if it is cheaper than the best so far.
func relax(node []uint64, k int, cost uint64, l, d int32) {
	if v := cost<<nodeCostShift | uint64(l)<<nodeLenShift | uint64(d); v < node[k] {
		node[k] = v
	}
}

// relaxCopy tries a copy of distance d from offset i, base being the cost
// of the coding before it plus that of its distance, at the lengths
// from..n: every length up to maxRelax, then only the longest.
func relaxCopy(node []uint64, length *[deflate.MaxMatch + 1]int32, i int, base uint64, from, n, d int32) {
	n = min(n, deflate.MaxMatch)
	for l := max(from, deflate.MinMatch); l <= n; l++ {
		if l > maxRelax && l < n {
			l = n
		}
		relax(node, i+int(l), base+uint64(length[l]), l, d)
	}
}

// shortest returns the shortest length worth trying for a copy of n bytes
// ending at end: a copy from the row above, or a run, that ends where the
// one from the byte before ended is only tried at full length, its shorter
// forms having been tried one byte earlier, for one literal less.
func shortest(n, end, prevEnd int) int32 {
	if end == prevEnd {
		return int32(n)
	}
	return deflate.MinMatch
}

// chainMatches are the matcher's matches found at an earlier byte of the
// line that still run at the current one.
type chainMatches struct {
	cands [maxChain]candidate
	n     int
}

// relaxAt relaxes the copies from earlier rows, and from earlier in the
// line, at offset i of cur, whose coding so far costs ci, given the
// longest copy from the row above or run there; then it records offset i
// in the matcher.
func (m *chainMatches) relaxAt(node []uint64, lz *lineMatcher, c *costModel, cur []byte, i int, ci uint64, longest int) {
	// The matches found at an earlier byte run on here, one byte shorter,
	// to the same end.
	k, carried := 0, 0
	for _, cd := range m.cands[:m.n] { // usually none
		if cd.n--; cd.n > 0 {
			m.cands[k] = cd
			k++
			carried = max(carried, int(cd.n))
		}
	}
	m.n = k
	h := matchHash(cur[i:])
	switch {
	case longest < skipFind && carried < carryFind:
		// Chain matches are at least matchHashLen long; shorter forms of
		// them rarely beat literals.
		m.n = lz.find(cur, i, h, &m.cands, c)
		for _, cd := range m.cands[:m.n] {
			relaxCopy(node, &c.length, i, ci+uint64(cd.cost), min(cd.n, matchHashLen), cd.n, cd.d)
		}
	case carried >= carryFind:
		// Inside a long match: its shorter forms were tried one byte
		// earlier, for one literal less; only its full length is new, and
		// searching again would find it again.
		for _, cd := range m.cands[:m.n] {
			if n := min(cd.n, deflate.MaxMatch); n >= deflate.MinMatch {
				relax(node, i+int(n), ci+uint64(cd.cost+c.length[n]), n, cd.d)
			}
		}
	}
	lz.insert(i, h)
}

// emit walks back from the end of the line cur to find the chosen tokens,
// then writes them to z in order.
func (p *parser) emit(z *deflate.Writer, cur []byte) {
	node := p.node[:len(cur)+1]
	stack := p.stack[:0]
	for k := len(cur); k > 0; k -= nodeLen(node[k]) {
		stack = append(stack, node[k])
	}
	p.stack = stack
	i := 0
	for t := len(stack) - 1; t >= 0; t-- {
		l, d := nodeLen(stack[t]), nodeDist(stack[t])
		if d == 0 {
			z.Literal(cur[i])
		} else {
			z.Copy(l, d)
		}
		i += l
	}
}
