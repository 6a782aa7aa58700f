package decode

import (
	"bytes"
	"image"
	"slices"
)

// Sequence places a symbol in a structured append sequence: up to 16
// symbols whose data, joined in order, is one message (ISO/IEC 18004:2015
// clause 8).
type Sequence struct {
	Index  int  // the symbol's position, from 0
	Total  int  // the number of symbols, 2 to 16; 0 for a symbol outside any sequence
	Parity byte // the XOR of every byte of the whole message
}

// Part is one symbol of a merged sequence.
type Part struct {
	// Index is the symbol's position in the sequence, from 0.
	Index int
	// Version and Level are the symbol's, as in Result.
	Version int
	Level   string
	// Corners are the symbol's corners in its image, as in Result.
	Corners [4]image.Point
	// Input is the position, in the slice given to Merge, of the Result
	// this part was; −1 for a sequence merged within one image.
	Input int
}

// Merge joins the symbols of structured append sequences read from
// several images — a label shot in parts, the frames of a camera — as the
// decoder does within one image. Results of one sequence are grouped by
// their total and parity (and GS1 or AIM marking); a group whose every
// position 0…Total−1 is present, the same symbol read twice counting once,
// and whose joined bytes have the announced parity, becomes one Result:
// Text and Bytes of the whole message, Parts listing its symbols, the
// other fields those of the first symbol, Sequence its total and parity.
// Everything else — symbols outside any sequence, incomplete sequences,
// wrong parity, two different symbols claiming one position — is returned
// as given. A merged Result takes the place of its first part in the input;
// which results merge does not depend on their order.
//
// Merge does not modify results. It is safe for concurrent use.
func Merge(results []Result) []Result {
	return merge(results, true)
}

// scanImage reads every symbol in img and merges the structured append
// sequences complete in it.
func scanImage(img image.Image, cfg *config) ([]Result, error) {
	results, err := scanSymbols(img, cfg)
	if err != nil {
		return nil, err
	}
	return merge(results, false), nil
}

// seqKey groups the parts of one sequence. Two sequences with the same
// total and parity (one chance in 256 for sequences of the same length)
// share a key; they then claim positions twice and stay unmerged.
type seqKey struct {
	total  int
	parity byte
	gs1    bool
	aim    string
}

// merge is Merge; with inputs, Part.Input is the part's position in
// results, else −1.
func merge(results []Result, inputs bool) []Result {
	if !slices.ContainsFunc(results, isPart) {
		return results
	}
	groups := map[seqKey][]int{}
	var keys []seqKey // in order of first appearance
	for i := range results {
		r := &results[i]
		if !isPart(*r) {
			continue
		}
		k := seqKey{r.Sequence.Total, r.Sequence.Parity, r.GS1, r.AIM}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	if len(groups) == 0 {
		return results
	}
	merged := map[int]Result{} // by the position of the group's first part
	taken := map[int]bool{}    // positions folded into a merged result
	for _, k := range keys {
		idx := groups[k]
		if m, ok := joinSequence(results, idx, k.total, inputs); ok {
			merged[idx[0]] = m
			for _, i := range idx {
				taken[i] = true
			}
		}
	}
	if len(merged) == 0 {
		return results
	}
	out := make([]Result, 0, len(results))
	for i := range results {
		if m, ok := merged[i]; ok {
			out = append(out, m)
		} else if !taken[i] {
			out = append(out, results[i])
		}
	}
	return out
}

// isPart reports whether r is a symbol of a sequence, not yet merged.
func isPart(r Result) bool { return r.Sequence.Total != 0 && r.Parts == nil }

// joinSequence merges the results at positions idx, the parts of one
// sequence of total symbols, if every position is there exactly once (up
// to identical repeats) and the joined bytes have the parity.
func joinSequence(results []Result, idx []int, total int, inputs bool) (Result, bool) {
	byIndex := make([]int, total) // position in results of each part, −1 until seen
	for i := range byIndex {
		byIndex[i] = -1
	}
	for _, i := range idx {
		r := &results[i]
		at := r.Sequence.Index
		if at < 0 || at >= total {
			return Result{}, false
		}
		if j := byIndex[at]; j >= 0 {
			if !bytes.Equal(results[j].Bytes, r.Bytes) {
				return Result{}, false // two symbols claim one position
			}
			continue // the same symbol read again
		}
		byIndex[at] = i
	}
	if slices.Contains(byIndex, -1) {
		return Result{}, false
	}
	var data []byte
	var parity byte
	for _, i := range byIndex {
		data = append(data, results[i].Bytes...)
	}
	for _, c := range data {
		parity ^= c
	}
	first := &results[byIndex[0]]
	if parity != first.Sequence.Parity {
		return Result{}, false
	}
	m := *first
	m.Bytes = data
	m.Text = messageText(first, data)
	m.Sequence = Sequence{Total: total, Parity: parity}
	m.Parts = make([]Part, total)
	for k, i := range byIndex {
		r := &results[i]
		m.Parts[k] = Part{Index: k, Version: r.Version, Level: r.Level, Corners: r.Corners, Input: -1}
		if inputs {
			m.Parts[k].Input = i
		}
	}
	return m, true
}
