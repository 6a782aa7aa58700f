package decode_test

import (
	"bytes"
	"errors"
	"image"
	"io"
	"testing"

	"github.com/qrworks/qrworks/decode"
)

// TestInvalidInput checks that nil readers and images, typed nil pointers
// included, give an error wrapping ErrInvalidInput instead of a panic or
// "not found".
func TestInvalidInput(t *testing.T) {
	for _, c := range []struct {
		name string
		call func() ([]decode.Result, error)
	}{
		{"Reader(nil)", func() ([]decode.Result, error) { return decode.Reader(nil) }},
		{"Reader(typed nil)", func() ([]decode.Result, error) { return decode.Reader((*bytes.Reader)(nil)) }},
		{"Reader(typed nil interface)", func() ([]decode.Result, error) { var r io.Reader = (*bytes.Buffer)(nil); return decode.Reader(r) }},
		{"Image(nil)", func() ([]decode.Result, error) { return decode.Image(nil) }},
		{"Image(typed nil)", func() ([]decode.Result, error) { return decode.Image((*image.Gray)(nil)) }},
	} {
		res, err := c.call()
		if !errors.Is(err, decode.ErrInvalidInput) || res != nil {
			t.Errorf("%s = %v, %v; want an error wrapping ErrInvalidInput", c.name, res, err)
		}
	}
}
