package decode

import "errors"

// Sentinel errors. Errors returned by this package wrap one of them (test
// with errors.Is), except the I/O errors of the io.Reader given to Reader,
// which are wrapped as they are.
var (
	// ErrNotFound means the image was read but no QR code could be decoded.
	ErrNotFound = errors.New("decode: no QR code found")
	// ErrImageTooLarge means the image declares more pixels than the budget
	// (MaxPixels, default 40 megapixels). It is returned from the header,
	// before any pixel buffer is allocated.
	ErrImageTooLarge = errors.New("decode: image too large")
	// ErrInputTooLarge means the encoded input is longer than the budget
	// (MaxBytes, default 32 MiB).
	ErrInputTooLarge = errors.New("decode: input too large")
	// ErrUnsupportedFormat means the bytes are not PNG, JPEG, GIF, BMP, TIFF
	// or WebP.
	ErrUnsupportedFormat = errors.New("decode: unsupported image format")
	// ErrCorrupt means the input looks like a supported format but its codec
	// failed; the codec's error is wrapped too.
	ErrCorrupt = errors.New("decode: corrupt image")
	// ErrInvalidInput means there is no input to look at: a nil io.Reader
	// or image.Image, typed nil pointers included.
	ErrInvalidInput = errors.New("decode: invalid input")
)
