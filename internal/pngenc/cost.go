package pngenc

import (
	"math"

	"github.com/qrworks/qrworks/internal/deflate"
)

// The cost model of the parse: what a literal, a length and a distance will
// cost once Huffman-coded, estimated before parsing, from the image itself.
//
// A literal costs what its frequency among the scanlines' bytes says, plus
// literalPenalty because the literals left after the parse are the rarer
// bytes. A copy costs a length symbol and a distance symbol, each priced at
// a typical code length for the few symbols a QR image uses, plus their
// extra bits (RFC 1951 §3.2.5). The constants were fitted on the W4 image
// (version 5-H, scale 10, quiet zone 4), where the lazy parse with this
// model gives 671 bytes and image/png at best compression 706, and checked
// on the other images of testdata/ (docs/performance.md).

// Costs are fixed-point numbers of 1/costUnit bits: fine enough to rank
// tokens, and integers so that the parse compares them in one instruction.
const costUnit = 16

const (
	// histogramRows is how many module rows, spread evenly over the grid,
	// the literal histogram samples (all rows of smaller grids): a scaled
	// grid has few distinct byte values, and a sample finds them all.
	histogramRows = 13
	// literalPenalty is added to every literal's entropy, in bits: copies
	// take the common bytes, so literals end up coding the rarer ones.
	// 0.75 gives W4 its fewest bytes; 0.5 and below give it a few more, and
	// larger symbols at scale 4 to 8 several percent fewer.
	literalPenalty = 0.75
	// unseenLiteralBits prices a byte absent from the sample about as a
	// byte seen once in it would be (the sample is a few hundred to a few
	// thousand bytes: 10 to 13 bits with the penalty).
	unseenLiteralBits = 12

	// lengthBits and distanceBits price a length or distance symbol: a QR
	// image uses a handful of each, so their codes are short.
	lengthBits   = 4
	distanceBits = 6
	// maxLengthBits prices length MaxMatch: every module row's repeats are
	// copies of it, which makes it the commonest length.
	maxLengthBits = 3
	// aboveBits prices the distance of the row above (the scanline length),
	// the commonest distance; runBits prices distance 1, that of runs.
	aboveBits = 2
	runBits   = 4
)

// The distance costs are tabulated: each distance up to nearDistances (its
// own entry), and longer ones by spans of 1<<farShift, the granularity of
// their codes (distance codes 16..29 have 7 or more extra bits, so the code
// of d > 256 depends only on (d-1)>>7; RFC 1951 §3.2.5).
const (
	nearDistances   = 256
	farShift        = 7
	distanceSymbols = 30 // RFC 1951 §3.2.5
)

// costModel holds the costs of one image, in 1/costUnit bits.
type costModel struct {
	lit    [256]int32
	length [deflate.MaxMatch + 1]int32 // by copy length, extra bits included
	dist   [distanceSymbols]int32      // by distance symbol, without extra bits
	near   [nearDistances + 1]int32    // by distance, extra bits included
	far    [(deflate.MaxDistance-1)>>farShift + 1]int32
	// stride is the scanline length the copy costs were filled for (0:
	// none yet); they depend on nothing else, so they are kept across
	// images of the same width.
	stride int
}

// estimate fills the model for the image of m in layout l; line is scratch
// of l.stride bytes.
func (c *costModel) estimate(m Modules, l *layout, line []byte) {
	c.estimateLiterals(m, l, line)
	if c.stride != l.stride {
		c.stride = l.stride
		c.estimateCopies(l.stride)
	}
}

// estimateLiterals prices each byte value by its frequency in a sample of
// the scanlines.
func (c *costModel) estimateLiterals(m Modules, l *layout, line []byte) {
	var hist [256]int32
	total := 0
	step := max(1, l.height/histogramRows)
	for y := step / 2; y < l.height; y += step {
		l.expandRow(line, m.Row(y))
		for _, b := range line {
			hist[b]++
		}
		total += len(line)
	}
	for b, h := range hist {
		if h == 0 {
			c.lit[b] = costUnit * unseenLiteralBits
			continue
		}
		c.lit[b] = int32(costUnit * (math.Log2(float64(total)/float64(h)) + literalPenalty))
	}
}

// estimateCopies prices lengths and distances for scanlines of stride
// bytes.
func (c *costModel) estimateCopies(stride int) {
	for n := deflate.MinMatch; n <= deflate.MaxMatch; n++ {
		_, extra := deflate.LengthCode(n)
		c.length[n] = costUnit * int32(lengthBits+extra)
	}
	c.length[deflate.MaxMatch] = costUnit * maxLengthBits
	for s := range c.dist {
		c.dist[s] = costUnit * distanceBits
	}
	above, _ := deflate.DistanceCode(stride)
	c.dist[above] = costUnit * aboveBits
	c.dist[0] = costUnit * runBits // distance 1; stride ≥ 2, so not above
	for d := 1; d <= nearDistances; d++ {
		c.near[d] = c.distanceWithExtra(d)
	}
	for k := nearDistances >> farShift; k < len(c.far); k++ { // from d = nearDistances+1
		c.far[k] = c.distanceWithExtra(k<<farShift + 1)
	}
}

// distanceWithExtra returns the cost of distance d from its symbol's cost.
func (c *costModel) distanceWithExtra(d int) int32 {
	s, extra := deflate.DistanceCode(d)
	return c.dist[s] + costUnit*int32(extra)
}

// distance returns the cost of distance d, 1 ≤ d ≤ MaxDistance.
func (c *costModel) distance(d int) int32 {
	if d <= nearDistances {
		return c.near[d]
	}
	return c.far[(d-1)>>farShift]
}
