package pngenc

import "github.com/qrworks/qrworks/internal/deflate"

// The choice of DEFLATE tokens (LZ77 literals and copies) for one scanline.
//
// Only the first scanline of each module row is parsed; its scale-1 repeats
// are one copy at distance stride (the scanline length). The first
// scanline is parsed lazily, as zlib does but by cost: at each position
// the copy that saves the most over literals, priced by the cost model
// (cost.go), is chosen among three kinds of candidate — the row above
// (distance stride), a run of the previous byte (distance 1) and the
// matcher's matches in earlier rows and earlier in the line (match.go) —
// and it is taken unless a literal followed by the best copy one byte
// later saves more.
//
// Copies at distance stride at either end of a line cost nothing: at its
// start, a copy from the row above merges with the repeats of the line
// above, a copy at the same distance still pending in the deflate.Writer;
// at its end, with the line's own repeats that follow. So the quiet zone
// on both sides of a line, and rows equal to the one above, go free at
// scale 2 and above.
//
// The lazy parse replaced an optimal one (a shortest path over every byte
// of the line, for the same candidates and costs): on the W4 image it
// gives 11 bytes more, 671 instead of 660, in less than half the time;
// the measurements are in docs/performance.md.

// skipFind: where the row above or a run already gives a copy this long,
// the matcher's chain is not searched. Measured on the W4 image: 6 gives
// 673 bytes and 5 gives 679 in the same time; searching everywhere gives
// the same 671 bytes.
const skipFind = 8

// choice is a candidate copy: its length and distance, and what it saves
// over coding the same bytes as literals, in cost units. A free copy
// merges with the repeats of a line and may be shorter than MinMatch.
type choice struct {
	n, d int
	save int32
	free bool
}

// parser is the scratch space of the parse, kept across lines and images.
type parser struct {
	// litSum[k] is the cost of the line's first k bytes as literals, so
	// that a copy's saving is two loads.
	litSum []int32
	// inserted is the offset of the line up to which the matcher has
	// recorded the strings: the chain may only see earlier ones.
	inserted int
	cands    [maxChain]candidate
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
		// Its strings are left out of the matcher: the same ones, one line
		// further back, are in it already.
		e.z.Copy(stride, stride)
		return
	}
	e.parse.start(cur, &e.costs)
	var next choice
	haveNext := false
	for i := 0; i < stride; {
		m := next
		if !haveNext {
			m = e.bestCopy(cur, prev, i, repeats)
		}
		haveNext = false
		if m.n == 0 {
			e.z.Literal(cur[i])
			i++
			continue
		}
		if !m.free && i+1 < stride {
			// Lazy: a literal, then the best copy at the next byte?
			next, haveNext = e.bestCopy(cur, prev, i+1, repeats), true
			if next.save-e.parse.literal(i) > m.save {
				e.z.Literal(cur[i])
				i++
				continue
			}
			haveNext = false
		}
		e.z.Copy(m.n, m.d)
		i += m.n
	}
	e.parse.insertTo(&e.lz, cur, stride)
}

// start prepares the parse of cur: the literal costs, and the matcher's
// position at the start of the line.
func (p *parser) start(cur []byte, c *costModel) {
	if cap(p.litSum) < len(cur)+1 {
		p.litSum = make([]int32, len(cur)+1)
	}
	sum := p.litSum[:len(cur)+1]
	s := int32(0)
	for k, b := range cur {
		sum[k] = s
		s += c.lit[b]
	}
	sum[len(cur)] = s
	p.inserted = 0
}

// literal returns the cost of byte i of the line as a literal.
func (p *parser) literal(i int) int32 { return p.litSum[i+1] - p.litSum[i] }

// insertTo records in the matcher the strings of cur that start before
// offset end.
func (p *parser) insertTo(lz *lineMatcher, cur []byte, end int) {
	end = min(end, len(cur)-hashRead+1)
	for ; p.inserted < end; p.inserted++ {
		lz.insert(p.inserted, matchHash(cur[p.inserted:]))
	}
}

// bestCopy returns the copy at offset i of cur that saves the most, or a
// choice of length 0 if no copy saves anything.
func (e *Encoder) bestCopy(cur, prev []byte, i int, repeats bool) choice {
	stride := len(cur)
	c := &e.costs
	sum := e.parse.litSum
	var best choice
	longest := 0
	if prev != nil && cur[i] == prev[i] {
		// The copy from the row above.
		n := commonPrefix(cur[i:], prev[i:])
		if repeats && (i == 0 || i+n == stride) {
			// Merged with the repeats before or after it: free.
			return choice{n: n, d: stride, save: sum[i+n] - sum[i], free: true}
		}
		best.consider(sum, c, i, n, stride, c.distance(stride))
		longest = n
	}
	// The run (distance 1); a line's first byte continues the line above's
	// last.
	run := 0
	switch {
	case i > 0:
		run = runLength(cur[i:], cur[i-1])
	case prev != nil:
		run = runLength(cur, prev[stride-1])
	}
	best.consider(sum, c, i, run, 1, c.distance(1))
	longest = max(longest, run)
	if longest < skipFind && i+hashRead <= stride {
		e.parse.insertTo(&e.lz, cur, i)
		k := e.lz.find(cur, i, matchHash(cur[i:]), &e.parse.cands, c)
		for _, cd := range e.parse.cands[:k] {
			best.consider(sum, c, i, int(cd.n), int(cd.d), cd.cost)
		}
	}
	return best
}

// consider replaces b by a copy of n bytes at offset i, at distance d whose
// cost is dcost, if that saves more; sum holds the line's literal costs.
func (b *choice) consider(sum []int32, c *costModel, i, n, d int, dcost int32) {
	n = min(n, deflate.MaxMatch)
	if n < deflate.MinMatch {
		return
	}
	if save := sum[i+n] - sum[i] - dcost - c.length[n]; save > b.save {
		*b = choice{n: n, d: d, save: save}
	}
}
