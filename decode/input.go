package decode

import (
	"errors"
	"fmt"
	"io"
	"reflect"

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
// byte) and decodes it as Bytes does. A nil r gives an error wrapping
// ErrInvalidInput.
func Reader(r io.Reader, opts ...Option) ([]Result, error) {
	if isNil(r) {
		return nil, fmt.Errorf("%w: nil io.Reader", ErrInvalidInput)
	}
	cfg := newConfig(opts)
	in, err := imagein.Read(r, cfg.limits)
	if err != nil {
		return nil, inputError(err)
	}
	defer in.Release()
	return scanImage(in.Image, &cfg)
}

// isNil reports whether v is nil or holds a nil pointer, map, slice,
// channel or function: an interface that calling a method on would panic.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Interface:
		return rv.IsNil()
	}
	return false
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
