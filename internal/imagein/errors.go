package imagein

import "errors"

// Sentinel errors. Every error of Decode and Read wraps one of them (test
// with errors.Is), except the I/O errors of the reader given to Read, which
// are wrapped as they are. Their messages carry no package prefix: the
// decoder reports them under its own.
var (
	// ErrInputTooLarge means the encoded input is longer than
	// Limits.MaxBytes.
	ErrInputTooLarge = errors.New("input too large")
	// ErrImageTooLarge means the header declares more pixels than
	// Limits.MaxPixels; no pixel buffer was allocated.
	ErrImageTooLarge = errors.New("image too large")
	// ErrUnsupportedFormat means the bytes are not PNG, JPEG, GIF, BMP, TIFF
	// or WebP.
	ErrUnsupportedFormat = errors.New("unsupported image format")
	// ErrCorrupt means the input looks like a supported format but its codec
	// failed; the codec's error is wrapped too.
	ErrCorrupt = errors.New("corrupt image")
)

// corruptError wraps both ErrCorrupt and the codec's error, so that
// errors.Is works for either.
type corruptError struct {
	format string
	err    error
}

func (e *corruptError) Error() string { return "corrupt " + e.format + ": " + e.err.Error() }

func (e *corruptError) Unwrap() []error { return []error{ErrCorrupt, e.err} }
