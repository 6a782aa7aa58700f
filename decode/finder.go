package decode

import (
	"math"
	"math/bits"
	"slices"

	"github.com/makiuchi-d/gozxing"
)

// The finder-pattern search of Micro QR and rMQR. Both carry one finder
// pattern like QR's (ISO/IEC 18004:2015 §6.3.3; ISO/IEC 23941:2022 §6.3.2):
// a dark 7×7 square ring, a light 5×5 ring, a dark 3×3 centre, so that any
// line through its centre crosses dark, light, dark, light and dark runs
// in the ratio 1:1:3:1:1. findFinders scans every row of a bit matrix for
// such runs and confirms each along the column through the centre run;
// candidates close to each other merge.

// finderCandidate is a place that looks like a finder pattern.
type finderCandidate struct {
	x, y   float64 // centre, in matrix pixels
	module float64 // estimated module size, in pixels
	hits   int     // row scans that confirmed it
}

// Limits of the search.
const (
	// minFinderRun is the smallest run a finder pattern's module may make:
	// below 1.5 pixels per module the binarized matrix cannot show it.
	minFinderModule = 1.5
	// maxFinderCandidates bounds the candidates kept per matrix, the most
	// confirmed first: a cluttered photo shows hundreds of 1:1:3:1:1
	// accidents, mostly confirmed by one row only.
	maxFinderCandidates = 48
	// finderRowStep is the distance between the rows scanned.
	finderRowStep = 2
	// maxSizeRatio bounds the ratio of a candidate's vertical to
	// horizontal extent: a tilt of 60° halves one of them.
	maxSizeRatio = 2.5
)

// finderScan is the state of one finder search over a matrix.
type finderScan struct {
	m     *gozxing.BitMatrix
	w, h  int
	found []finderCandidate
}

// findFinders returns the finder-pattern candidates of m, the most
// confirmed first, at most maxFinderCandidates.
func findFinders(m *gozxing.BitMatrix) []finderCandidate {
	f := finderScan{m: m, w: m.GetWidth(), h: m.GetHeight()}
	row := gozxing.NewBitArray(f.w)
	var runs []int
	// Every second row: a finder's centre run is three modules high, at
	// least 4.5 pixels at the smallest module searched.
	for y := 0; y < f.h; y += finderRowStep {
		words := m.GetRow(y, row).GetBitArray()
		var firstDark bool
		runs, firstDark = rowRuns(words, f.w, runs[:0])
		// Dark runs alternate with light ones: a finder's five runs end
		// at every dark run i with four runs before it.
		i := 4
		if !firstDark {
			i = 5
		}
		end := 0
		for k := range i + 1 {
			if k < len(runs) {
				end += runs[k]
			}
		}
		for ; i < len(runs); i += 2 {
			// The centre run is the longest of a finder's five: a quick
			// test that rejects most runs before the ratios.
			if c := runs[i-2]; c > runs[i-1] && c > runs[i-3] {
				if r := [5]int(runs[i-4 : i+1]); finderRatios(r) {
					f.confirm(end, y, r)
				}
			}
			if i+2 < len(runs) {
				end += runs[i+1] + runs[i+2]
			}
		}
	}
	slices.SortStableFunc(f.found, func(a, b finderCandidate) int { return b.hits - a.hits })
	return f.found[:min(len(f.found), maxFinderCandidates)]
}

// rowRuns appends to runs the lengths of the runs of equal colour of a
// row of width pixels, packed in words (pixel x is bit x%32 of word x/32),
// and reports whether the first run is dark.
func rowRuns(words []uint32, width int, runs []int) ([]int, bool) {
	if width == 0 {
		return runs, false
	}
	firstDark := words[0]&1 != 0
	dark := firstDark
	for x := 0; x < width; {
		end := nextChange(words, x, width, dark)
		runs = append(runs, end-x)
		x, dark = end, !dark
	}
	return runs, firstDark
}

// nextChange returns the first x' > x (or width) where the row's colour
// differs from dark.
func nextChange(words []uint32, x, width int, dark bool) int {
	x++
	for x < width {
		i := x >> 5
		w := words[i]
		if dark {
			w = ^w
		}
		w >>= uint(x & 31)
		if w != 0 {
			return min(x+bits.TrailingZeros32(w), width)
		}
		x = (i + 1) << 5
	}
	return width
}

// finderRatios reports whether five runs, dark, light, dark, light, dark,
// are in the ratio 1:1:3:1:1 within half a module each (a run of three
// modules within 1.5), the tolerance ZXing's finder search uses. With the
// module m = total/7, |run − k·m| < k·m/2 is |14·run − 2k·total| < k·total,
// in integers.
func finderRatios(r [5]int) bool {
	total := r[0] + r[1] + r[2] + r[3] + r[4]
	if total < finderSide {
		return false
	}
	one := func(run int) bool { return abs(14*run-2*total) < total }
	return abs(14*r[2]-6*total) < 3*total && one(r[0]) && one(r[1]) && one(r[3]) && one(r[4])
}

// confirm checks the runs found in row y, the last ending at end, along
// the column through their centre, then again along the row through the
// centre found there, and records the candidate.
func (f *finderScan) confirm(end, y int, r [5]int) {
	hTotal := r[0] + r[1] + r[2] + r[3] + r[4]
	cx := float64(end-r[4]-r[3]) - float64(r[2])/2
	cy, vTotal, ok := f.crossCheck(int(cx), y, hTotal, false)
	if !ok {
		return
	}
	cx2, hTotal2, ok := f.crossCheck(int(cy), int(cx), hTotal, true)
	if !ok {
		return
	}
	module := float64(hTotal2+vTotal) / 14
	if module < minFinderModule {
		return
	}
	ratio := float64(vTotal) / float64(hTotal2)
	if ratio > maxSizeRatio || ratio < 1/maxSizeRatio {
		return
	}
	f.add(finderCandidate{x: cx2, y: cy, module: module, hits: 1})
}

// crossCheck walks from (at, from) along a column (or, with alongRow,
// from (from, at) along a row) both ways through the dark centre run, the
// light ring and the dark ring, and returns the centre of the dark centre
// run along that line and the pattern's extent, if the five runs are in
// finder ratios and the extent is within maxSizeRatio of expect.
func (f *finderScan) crossCheck(at, from, expect int, alongRow bool) (centre float64, total int, ok bool) {
	limit := int(float64(expect) * maxSizeRatio)
	dark := func(i int) bool {
		if alongRow {
			return i >= 0 && i < f.w && f.m.Get(i, at)
		}
		return i >= 0 && i < f.h && f.m.Get(at, i)
	}
	if !dark(from) {
		return 0, 0, false
	}
	var r [5]int
	// Backwards: centre (its first half), light ring, outer dark ring.
	i := from
	for k, want := range [3]bool{true, false, true} {
		for i >= 0 && dark(i) == want && r[2-k] <= limit {
			r[2-k]++
			i--
		}
	}
	// Forwards: the centre's second half, light ring, outer dark ring.
	j := from + 1
	for k, want := range [3]bool{true, false, true} {
		for dark(j) == want && r[2+k] <= limit && j < from+limit {
			r[2+k]++
			j++
		}
	}
	total = r[0] + r[1] + r[2] + r[3] + r[4]
	if total > limit || total < expect*2/5 || !finderRatios(r) {
		return 0, 0, false
	}
	return float64(j-r[4]-r[3]) - float64(r[2])/2, total, true
}

// add merges c into a candidate within a module of it and of about its
// size, or records it.
func (f *finderScan) add(c finderCandidate) {
	for i := range f.found {
		o := &f.found[i]
		if math.Abs(o.x-c.x) <= o.module && math.Abs(o.y-c.y) <= o.module && math.Abs(o.module-c.module) <= o.module/2 {
			n := float64(o.hits)
			o.x = (o.x*n + c.x) / (n + 1)
			o.y = (o.y*n + c.y) / (n + 1)
			o.module = (o.module*n + c.module) / (n + 1)
			o.hits++
			return
		}
	}
	f.found = append(f.found, c)
}
