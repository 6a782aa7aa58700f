package pngenc

import (
	"hash/adler32"
	"math/rand/v2"
	"testing"
)

// TestAdlerRepeated checks the closed form over repeats against
// hash/adler32 summing every byte, with blocks long enough and repeated
// often enough for the sums to wrap the modulus many times.
func TestAdlerRepeated(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	var a adler
	if got := a.sum(); got != adler32.Checksum(nil) {
		t.Fatalf("checksum of nothing = %08x, want %08x", got, adler32.Checksum(nil))
	}
	var all []byte
	for i := 0; i < 50; i++ {
		p := make([]byte, 1+rng.IntN(3000))
		for j := range p {
			p[j] = byte(rng.Uint32())
		}
		times := 1 + rng.IntN(20)
		a.addRepeated(p, times)
		for k := 0; k < times; k++ {
			all = append(all, p...)
		}
		if got, want := a.sum(), adler32.Checksum(all); got != want {
			t.Fatalf("after %d blocks: adler %08x, want %08x", i+1, got, want)
		}
	}
}
