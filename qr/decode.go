package qr

import (
	"io"

	"github.com/qrworks/qrworks/decode"
)

// Decode reads an image — PNG, JPEG, GIF, BMP, TIFF or WebP, recognised from
// its content — from r and returns every QR code in it. It is a thin front
// door to decode.Reader: options such as decode.Fast(), decode.Pure(),
// decode.MaxPixels(n) and decode.MaxBytes(n) pass through, and errors wrap
// decode.ErrNotFound, decode.ErrImageTooLarge, decode.ErrInputTooLarge,
// decode.ErrUnsupportedFormat, decode.ErrCorrupt, or decode.ErrInvalidInput
// for a nil r. Safe for concurrent use.
//
// The options are decode's own, not qr.Option: they tune reading, which
// shares nothing with encoding and rendering.
func Decode(r io.Reader, opts ...decode.Option) ([]decode.Result, error) {
	return decode.Reader(r, opts...)
}
