package decode

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"sync"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"
)

// Bytes decodes the encoded image in data (PNG, JPEG, GIF, BMP, TIFF or
// WebP, recognised from its first bytes) and returns every QR code in it.
// The header is checked against the limits before any pixels are decoded.
func Bytes(data []byte, opts ...Option) ([]Result, error) {
	cfg := newConfig(opts)
	if int64(len(data)) > cfg.maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrInputTooLarge, len(data), cfg.maxBytes)
	}
	img, pix, err := decodeImage(data, &cfg)
	if err != nil {
		return nil, err
	}
	defer putBytes(pix)
	return scanImage(img, &cfg)
}

// Reader reads an encoded image from r (at most the MaxBytes budget plus one
// byte) and decodes it as Bytes does.
func Reader(r io.Reader, opts ...Option) ([]Result, error) {
	cfg := newConfig(opts)
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 4<<20 { // keep ordinary uploads' buffers, not giants
			buf.Reset()
			bufPool.Put(buf)
		}
	}()
	buf.Reset()
	if _, err := buf.ReadFrom(io.LimitReader(r, cfg.maxBytes+1)); err != nil {
		return nil, fmt.Errorf("decode: reading input: %w", err)
	}
	if int64(buf.Len()) > cfg.maxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrInputTooLarge, cfg.maxBytes)
	}
	img, pix, err := decodeImage(buf.Bytes(), &cfg)
	if err != nil {
		return nil, err
	}
	defer putBytes(pix)
	return scanImage(img, &cfg)
}

// format is one supported codec.
type format struct {
	name         string
	decode       func(io.Reader) (image.Image, error)
	decodeConfig func(io.Reader) (image.Config, error)
}

var (
	formatPNG  = format{"PNG", png.Decode, png.DecodeConfig}
	formatJPEG = format{"JPEG", jpeg.Decode, jpeg.DecodeConfig}
	formatGIF  = format{"GIF", gif.Decode, gif.DecodeConfig}
	formatBMP  = format{"BMP", bmp.Decode, bmp.DecodeConfig}
	formatTIFF = format{"TIFF", tiff.Decode, tiff.DecodeConfig}
	formatWebP = format{"WebP", webp.Decode, webp.DecodeConfig}
)

// sniff recognises a format by its signature.
func sniff(b []byte) (*format, bool) {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return &formatPNG, true
	case bytes.HasPrefix(b, []byte("\xff\xd8")):
		return &formatJPEG, true
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return &formatGIF, true
	case bytes.HasPrefix(b, []byte("BM")):
		return &formatBMP, true
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return &formatTIFF, true
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return &formatWebP, true
	}
	return nil, false
}

// decodeImage sniffs data's format, checks the header's dimensions against
// the pixel budget and only then decodes the pixels. When pix is not nil,
// the image's pixels live in that pooled buffer, which the caller releases
// (putBytes) once it is done with the image.
func decodeImage(data []byte, cfg *config) (img image.Image, pix *[]byte, err error) {
	f, ok := sniff(data)
	if !ok {
		return nil, nil, ErrUnsupportedFormat
	}
	var rd bytes.Reader
	rd.Reset(data)
	ic, err := f.decodeConfig(&rd)
	if err != nil {
		return nil, nil, &corruptError{f.name, err}
	}
	if ic.Width < 0 || ic.Height < 0 {
		return nil, nil, &corruptError{f.name, fmt.Errorf("negative size %d×%d", ic.Width, ic.Height)}
	}
	if px := int64(ic.Width) * int64(ic.Height); px > cfg.maxPixels {
		return nil, nil, fmt.Errorf("%w: %s of %d×%d pixels, limit %d", ErrImageTooLarge, f.name, ic.Width, ic.Height, cfg.maxPixels)
	}
	if f == &formatPNG {
		// Common PNGs decode faster here; anything else, image/png.
		if img, pix, ok := safeFastPNG(data); ok {
			return img, pix, nil
		}
	}
	rd.Reset(data)
	img, err = safeDecode(f, &rd)
	if err != nil {
		return nil, nil, &corruptError{f.name, err}
	}
	return img, nil, nil
}

// safeDecode runs a codec, turning a panic inside it into an error.
func safeDecode(f *format, r io.Reader) (img image.Image, err error) {
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("codec panic: %v", p)
		}
	}()
	return f.decode(r)
}

// safeFastPNG runs fastPNG; should it ever panic, image/png decides.
func safeFastPNG(data []byte) (img image.Image, pix *[]byte, ok bool) {
	defer func() {
		if recover() != nil {
			img, pix, ok = nil, nil, false
		}
	}()
	return fastPNG(data)
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}
