package decode

import (
	"errors"
	"fmt"
	"io"

	"github.com/qrworks/qrworks/internal/imagein"
)

// Bytes decodes the encoded image in data (PNG, JPEG, GIF, BMP, TIFF or
// WebP, recognised from its first bytes) and returns every symbol in it.
// The header is checked against the limits before any pixels are decoded.
func Bytes(data []byte, opts ...Option) ([]Result, error) {
	cfg := newConfig(opts)
	in, err := imagein.Decode(data, cfg.limits)
	if err != nil {
		return nil, inputError(err)
	}
	defer in.Release()
	return scanImage(in.Image, &cfg)
}

// Reader reads an encoded image from r (at most the MaxBytes budget plus one
// byte) and decodes it as Bytes does.
func Reader(r io.Reader, opts ...Option) ([]Result, error) {
	cfg := newConfig(opts)
	in, err := imagein.Read(r, cfg.limits)
	if err != nil {
		return nil, inputError(err)
	}
	defer in.Release()
	return scanImage(in.Image, &cfg)
}

// inputSentinels pairs the image input's sentinel errors with this
// package's.
var inputSentinels = [...]struct{ in, out error }{
	{imagein.ErrInputTooLarge, ErrInputTooLarge},
	{imagein.ErrImageTooLarge, ErrImageTooLarge},
	{imagein.ErrUnsupportedFormat, ErrUnsupportedFormat},
	{imagein.ErrCorrupt, ErrCorrupt},
}

// inputError returns an error of the image input as this package reports
// it: with the same message, wrapping this package's sentinel for it
// together with the input's error (and so the codec's). The I/O errors of
// Reader's reader match no sentinel and are wrapped as they are.
func inputError(err error) error {
	for _, s := range inputSentinels {
		if errors.Is(err, s.in) {
			return &mappedError{sentinel: s.out, err: err}
		}
	}
	return fmt.Errorf("decode: %w", err)
}

// mappedError wraps both one of this package's sentinels and the error it
// stands for.
type mappedError struct{ sentinel, err error }

func (e *mappedError) Error() string   { return "decode: " + e.err.Error() }
func (e *mappedError) Unwrap() []error { return []error{e.sentinel, e.err} }
