package pngenc

// adler is a running Adler-32 checksum (RFC 1950 §8.2), the checksum of the
// zlib stream's uncompressed data. The zero value is the checksum of
// nothing.
type adler struct {
	s1, s2 uint32
	init   bool
}

// adlerMod is the largest prime below 2^16 (RFC 1950 §8.2).
const adlerMod = 65521

// addRepeated extends the checksum by times copies of p. For a block p of
// length L, with S = Σ p[k] and T = Σ (L-k)·p[k], appending p takes s1 to
// s1+S and s2 to s2 + L·s1 + T, so only one copy is ever summed; and n
// copies take s1 to s1 + n·S and s2 to s2 + n·(L·s1 + T) + L·S·n(n-1)/2
// (the k-th copy sees s1 + k·S), so the repeats cost no loop either.
func (a *adler) addRepeated(p []byte, times int) {
	if !a.init {
		a.s1, a.s2, a.init = 1, 0, true
	}
	var s, t uint64
	for _, c := range p {
		s += uint64(c)
		t += s
	}
	s %= adlerMod
	t %= adlerMod
	l := uint64(len(p)) % adlerMod
	s1, s2 := uint64(a.s1), uint64(a.s2)
	n := uint64(times) % adlerMod
	pairs := uint64(times) * uint64(times-1) / 2 % adlerMod
	// Every product below is of two factors under 2^16.
	s2 = (s2 + n*((l*s1+t)%adlerMod) + (l*s%adlerMod)*pairs) % adlerMod
	s1 = (s1 + n*s) % adlerMod
	a.s1, a.s2 = uint32(s1), uint32(s2)
}

// sum returns the checksum: s2 in the high 16 bits, s1 in the low.
func (a *adler) sum() uint32 {
	if !a.init {
		return 1
	}
	return a.s2<<16 | a.s1
}
