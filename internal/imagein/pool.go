package imagein

import (
	"math/bits"
	"sync"
)

// bytePools hold the byte buffers of decoded pixels and luminance planes,
// by size class: pool c holds buffers of capacity at least 1<<c, so any
// buffer taken from the class of a request fits it. A photograph's planes
// are megabytes; reusing them keeps a busy decoder's heap flat.
var bytePools [48]sync.Pool

// getBytes returns a pooled buffer of length n.
func getBytes(n int) *[]byte {
	c := bits.Len(uint(max(n, 1) - 1)) // smallest c with 1<<c >= n
	if p, ok := bytePools[c].Get().(*[]byte); ok {
		*p = (*p)[:n]
		return p
	}
	b := make([]byte, n, 1<<c)
	return &b
}

// putBytes returns a buffer from getBytes to its pool; nil is ignored.
func putBytes(p *[]byte) {
	if p != nil && cap(*p) > 0 {
		bytePools[bits.Len(uint(cap(*p)))-1].Put(p)
	}
}
