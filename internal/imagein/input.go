package imagein

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

// Limits bound the input Decode and Read accept. Both must be positive.
type Limits struct {
	// MaxBytes is the longest encoded input, in bytes.
	MaxBytes int64
	// MaxPixels is the largest width × height an image may declare.
	MaxPixels int64
}

// Decoded is an image decoded from bytes. Its pixels may live in a pooled
// buffer: call Release, once, when the image (and anything that shares its
// pixels, such as a Luminance of it) is no longer used.
type Decoded struct {
	Image image.Image
	pix   *[]byte // the pooled buffer behind Image's pixels, or nil
}

// Release returns the image's pixel buffer, if pooled, for reuse.
func (d Decoded) Release() { putBytes(d.pix) }

// Decode decodes the encoded image in data: PNG, JPEG, GIF, BMP, TIFF or
// WebP, recognised from its first bytes. The header's dimensions are checked
// against lim before any pixels are decoded. Non-interlaced greyscale and
// palette PNGs of depth 1 to 8 are read by the built-in reader (see png.go),
// 1-bit ones kept packed as a *Packed; everything else by the standard
// codecs.
func Decode(data []byte, lim Limits) (Decoded, error) {
	if int64(len(data)) > lim.MaxBytes {
		return Decoded{}, fmt.Errorf("%w: %d bytes, limit %d", ErrInputTooLarge, len(data), lim.MaxBytes)
	}
	f, ok := sniff(data)
	if !ok {
		return Decoded{}, ErrUnsupportedFormat
	}
	var rd bytes.Reader
	rd.Reset(data)
	ic, err := codecConfig(f, &rd)
	if err != nil {
		return Decoded{}, &corruptError{f.name, err}
	}
	if ic.Width < 0 || ic.Height < 0 {
		return Decoded{}, &corruptError{f.name, fmt.Errorf("negative size %d×%d", ic.Width, ic.Height)}
	}
	if px := int64(ic.Width) * int64(ic.Height); px > lim.MaxPixels {
		return Decoded{}, fmt.Errorf("%w: %s of %d×%d pixels, limit %d", ErrImageTooLarge, f.name, ic.Width, ic.Height, lim.MaxPixels)
	}
	if f == &formatPNG {
		// Common PNGs decode faster here; anything else, image/png.
		if img, pix, ok := fastPNG(data); ok {
			return Decoded{Image: img, pix: pix}, nil
		}
	}
	rd.Reset(data)
	img, err := codecDecode(f, &rd)
	if err != nil {
		return Decoded{}, &corruptError{f.name, err}
	}
	return Decoded{Image: img}, nil
}

// Read reads an encoded image from r, at most lim.MaxBytes plus one byte
// (to tell a longer input), and decodes it as Decode does.
func Read(r io.Reader, lim Limits) (Decoded, error) {
	buf := readPool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledRead {
			buf.Reset()
			readPool.Put(buf)
		}
	}()
	buf.Reset()
	if _, err := buf.ReadFrom(io.LimitReader(r, lim.MaxBytes+1)); err != nil {
		return Decoded{}, fmt.Errorf("reading input: %w", err)
	}
	if int64(buf.Len()) > lim.MaxBytes {
		return Decoded{}, fmt.Errorf("%w: more than %d bytes", ErrInputTooLarge, lim.MaxBytes)
	}
	// No decoded image keeps a reference to the encoded bytes, so the
	// buffer can go back to the pool at once.
	return Decode(buf.Bytes(), lim)
}

// readPool holds Read's input buffers. maxPooledRead keeps the buffers of
// ordinary uploads, not those of the occasional giant.
var readPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledRead = 4 << 20

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

// codecConfig and codecDecode run a standard codec, turning a panic inside
// it into an error: the codecs are third-party code reading hostile bytes,
// and one of their bugs must fail one upload, not the process. These are
// the only recovers in the package; the built-in PNG reader is ours, and
// its bugs must surface in tests and fuzzing.
func codecConfig(f *format, r io.Reader) (c image.Config, err error) {
	defer func() {
		if p := recover(); p != nil {
			c, err = image.Config{}, fmt.Errorf("codec panic: %v", p)
		}
	}()
	return f.decodeConfig(r)
}

func codecDecode(f *format, r io.Reader) (img image.Image, err error) {
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("codec panic: %v", p)
		}
	}()
	return f.decode(r)
}
