package encode

// Encoder holds the scratch space of one encoding: bit stream, codewords,
// error correction blocks. The zero value is ready to use. An Encoder is not
// safe for concurrent use: give each goroutine its own, or keep them in a
// sync.Pool.
type Encoder struct {
}

// EncodeTo encodes data into dst according to opts (nil means the zero
// Options). After warm-up it does not allocate. On error dst is left
// unchanged... TEMPORARY SKELETON: the encoder helper replaces this file.
func (e *Encoder) EncodeTo(dst *Symbol, data []byte, opts *Options) error {
	return ErrInvalidOption
}
