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

// parser is the scratch space of the parse, and the state of the line
// being parsed.
type parser struct {
	node  []uint64 // node[i] codes cur[:i]; see the constants above
	stack []uint64 // the chosen nodes, last first

	cur, prev []byte // the line and the one above (nil for the first)
	c         *costModel
	repeats   bool  // a copy at distance stride that ends the line merges with the repeats
	upCost    int32 // of distance stride
	runCost   int32 // of distance 1
	// upEnd and runEnd are where the copies from the row above and the
	// run found at the previous byte end (-1: none).
	upEnd, runEnd int
	cands         [maxChain]candidate // the chain's matches still running
	nc            int
}

// parseLine emits the tokens of cur, the matcher's current line; repeats
// says whether a copy of the line's repeats follows it (scale > 1).
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
	p := &e.parse
	p.start(cur, prev, &e.costs, repeats)
	for i := 0; i < stride; i++ {
		ci := p.node[i] >> nodeCostShift
		p.relax(i+1, ci+uint64(p.c.lit[cur[i]]), 1, 0)
		longest := max(p.copyAbove(i, ci), p.copyRun(i, ci))
		if i+hashRead <= stride {
			p.copyEarlier(&e.lz, i, ci, longest)
		}
	}
	p.emit(&e.z)
}

// start prepares p for the line cur: no byte coded yet.
func (p *parser) start(cur, prev []byte, c *costModel, repeats bool) {
	if cap(p.node) < len(cur)+1 {
		p.node = make([]uint64, len(cur)+1)
	}
	p.node = p.node[:len(cur)+1]
	for i := range p.node {
		p.node[i] = math.MaxUint64
	}
	p.node[0] = 0
	p.cur, p.prev, p.c = cur, prev, c
	p.repeats = repeats
	p.upCost, p.runCost = c.distance(len(cur)), c.distance(1)
	p.upEnd, p.runEnd, p.nc = -1, -1, 0
}

// relax records a coding of cur[:k] whose last token has length l and
// distance d, if it is cheaper than the best so far.
func (p *parser) relax(k int, cost uint64, l, d int32) {
	if v := cost<<nodeCostShift | uint64(l)<<nodeLenShift | uint64(d); v < p.node[k] {
		p.node[k] = v
	}
}

// relaxCopy tries a copy of distance d, whose distance costs base on top
// of the coding of cur[:i], at the lengths from..n: every length up to
// maxRelax, then only the longest.
func (p *parser) relaxCopy(i int, base uint64, from, n, d int32) {
	n = min(n, deflate.MaxMatch)
	for l := max(from, deflate.MinMatch); l <= n; l++ {
		if l > maxRelax && l < n {
			l = n
		}
		p.relax(i+int(l), base+uint64(p.c.length[l]), l, d)
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

// copyAbove relaxes the copies from the row above at offset i, whose
// coding so far costs ci, and returns the longest one's length.
func (p *parser) copyAbove(i int, ci uint64) int {
	if p.prev == nil {
		return 0
	}
	stride := len(p.cur)
	// Within the previous copy the length is known: it ends where that
	// one ended.
	n := p.upEnd - i
	if n <= 0 {
		n = 0
		if p.cur[i] == p.prev[i] {
			n = commonPrefix(p.cur[i:], p.prev[i:])
		}
	}
	if n > 0 && i+n == stride && p.repeats {
		p.relax(i+n, ci, int32(n), int32(stride)) // merged with the repeats: free
	}
	if n >= deflate.MinMatch {
		base := ci + uint64(p.upCost)
		p.relaxCopy(i, base, shortest(n, i+n, p.upEnd), int32(n), int32(stride))
	}
	p.upEnd = i + n
	return n
}

// copyRun relaxes the runs (copies at distance 1) at offset i, whose coding
// so far costs ci, and returns the longest one's length. The first byte of
// a line continues the run that ended the line above.
func (p *parser) copyRun(i int, ci uint64) int {
	run := p.runEnd - i
	switch {
	case run > 0:
	case i > 0 && p.cur[i] == p.cur[i-1]:
		run = runLength(p.cur[i:], p.cur[i-1])
	case i == 0 && p.prev != nil:
		run = runLength(p.cur, p.prev[len(p.prev)-1])
	default:
		run = 0
	}
	if run >= deflate.MinMatch {
		base := ci + uint64(p.runCost)
		p.relaxCopy(i, base, shortest(run, i+run, p.runEnd), int32(run), 1)
	}
	p.runEnd = i + run
	return run
}

// copyEarlier relaxes the copies from earlier rows and earlier in this
// line at offset i, whose coding so far costs ci, given the longest copy
// from the row above or a run there, and records offset i in the matcher.
func (p *parser) copyEarlier(lz *lineMatcher, i int, ci uint64, longest int) {
	// The chain's matches found at an earlier byte run on here, one byte
	// shorter, to the same end.
	k, carried := 0, 0
	for _, cd := range p.cands[:p.nc] { // usually none
		if cd.n--; cd.n > 0 {
			p.cands[k] = cd
			k++
			carried = max(carried, int(cd.n))
		}
	}
	p.nc = k
	h := matchHash(p.cur[i:])
	switch {
	case longest < skipFind && carried < carryFind:
		// Chain matches are at least matchHashLen long; shorter forms of
		// them rarely beat literals.
		p.nc = lz.find(p.cur, i, h, &p.cands, p.c)
		for _, cd := range p.cands[:p.nc] {
			p.relaxCopy(i, ci+uint64(cd.cost), min(cd.n, matchHashLen), cd.n, cd.d)
		}
	case carried >= carryFind:
		// Inside a long match: its shorter forms were tried one byte
		// earlier, for one literal less; only its full length is new, and
		// searching again would find it again.
		for _, cd := range p.cands[:p.nc] {
			if n := min(cd.n, deflate.MaxMatch); n >= deflate.MinMatch {
				p.relax(i+int(n), ci+uint64(cd.cost+p.c.length[n]), n, cd.d)
			}
		}
	}
	lz.insert(i, h)
}

// emit walks back from the end of the line to find the chosen tokens, then
// writes them to z in order.
func (p *parser) emit(z *deflate.Writer) {
	stack := p.stack[:0]
	for k := len(p.cur); k > 0; k -= nodeLen(p.node[k]) {
		stack = append(stack, p.node[k])
	}
	p.stack = stack
	i := 0
	for t := len(stack) - 1; t >= 0; t-- {
		l, d := nodeLen(stack[t]), nodeDist(stack[t])
		if d == 0 {
			z.Literal(p.cur[i])
		} else {
			z.Copy(l, d)
		}
		i += l
	}
}
