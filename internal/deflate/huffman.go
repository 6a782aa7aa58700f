package deflate

// huffScratch is the working space of lengths, kept in the Writer so that
// building a code does not allocate.
type huffScratch struct {
	sym    [numLitLen]uint16 // used symbols, sorted by frequency
	weight [2 * numLitLen]uint64
	parent [2 * numLitLen]int16
	depth  [2 * numLitLen]uint8
}

// lengths sets lens to the code lengths of a Huffman code for freq whose
// codes are at most maxBits long. Symbols of frequency 0 get no code, except
// that at least two symbols always get one: a code of one symbol is not
// complete, and some decoders reject it.
//
// Lengths come from the textbook two-queue Huffman construction; when the
// longest code is too long, frequencies are halved (keeping them non-zero)
// and the code rebuilt, which flattens the tree until it fits. That is not
// the optimal length-limited code (package-merge is), but the limit is only
// reached by pathological inputs, never by QR images.
func (h *huffScratch) lengths(freq []uint32, maxBits int, lens []uint8) {
	n := 0
	for s, f := range freq {
		lens[s] = 0
		if f > 0 {
			h.sym[n] = uint16(s)
			h.weight[n] = uint64(f)
			n++
		}
	}
	for s := 0; n < 2; s++ {
		if freq[s] == 0 {
			h.sym[n] = uint16(s)
			h.weight[n] = 1
			n++
		}
	}
	// Insertion sort by weight, ties by symbol: n is at most 286.
	for i := 1; i < n; i++ {
		s, w := h.sym[i], h.weight[i]
		j := i
		for ; j > 0 && h.weight[j-1] > w; j-- {
			h.sym[j], h.weight[j] = h.sym[j-1], h.weight[j-1]
		}
		h.sym[j], h.weight[j] = s, w
	}
	for {
		if h.build(n, lens, maxBits) {
			return
		}
		for i := 0; i < n; i++ {
			h.weight[i] = h.weight[i]>>1 | 1
		}
	}
}

// build constructs the tree over the n sorted leaves with two queues
// (leaves, then internal nodes in the order they are made, which is also
// by weight) and writes the depths into lens. It reports false, writing
// nothing, if a depth exceeds maxBits.
func (h *huffScratch) build(n int, lens []uint8, maxBits int) bool {
	leaf, node, next := 0, n, n // next internal node index
	pick := func() int {
		if leaf < n && (node >= next || h.weight[leaf] <= h.weight[node]) {
			leaf++
			return leaf - 1
		}
		node++
		return node - 1
	}
	for next < 2*n-1 {
		a := pick()
		b := pick()
		h.weight[next] = h.weight[a] + h.weight[b]
		h.parent[a], h.parent[b] = int16(next), int16(next)
		next++
	}
	root := 2*n - 2
	h.depth[root] = 0
	for i := root - 1; i >= 0; i-- {
		d := h.depth[h.parent[i]] + 1
		if i < n && int(d) > maxBits {
			return false
		}
		h.depth[i] = d
	}
	for i := 0; i < n; i++ {
		lens[h.sym[i]] = h.depth[i]
	}
	return true
}
