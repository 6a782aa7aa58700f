package decode_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/imagein"
	"github.com/qrworks/qrworks/internal/testenv"
	"github.com/qrworks/qrworks/qr"
)

// encodings returns img encoded in every format the standard library and
// x/image can write.
func encodings(t testing.TB, img image.Image) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, enc := range map[string]func(*bytes.Buffer) error{
		"PNG":  func(b *bytes.Buffer) error { return png.Encode(b, img) },
		"JPEG": func(b *bytes.Buffer) error { return jpeg.Encode(b, img, &jpeg.Options{Quality: 90}) },
		"GIF":  func(b *bytes.Buffer) error { return gif.Encode(b, img, nil) },
		"BMP":  func(b *bytes.Buffer) error { return bmp.Encode(b, img) },
		"TIFF": func(b *bytes.Buffer) error { return tiff.Encode(b, img, &tiff.Options{Compression: tiff.Deflate}) },
	} {
		var b bytes.Buffer
		if err := enc(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = b.Bytes()
	}
	return out
}

func TestFormats(t *testing.T) {
	img := render(refSymbol(t, w1, "Q"), 4, 4)
	for name, data := range encodings(t, img) {
		res, err := decode.Bytes(data)
		if err != nil || len(res) != 1 || res[0].Text != w1 {
			t.Errorf("Bytes(%s): %v %v", name, res, err)
		}
		res, err = decode.Reader(bytes.NewReader(data))
		if err != nil || len(res) != 1 || res[0].Text != w1 {
			t.Errorf("Reader(%s): %v %v", name, res, err)
		}
	}
}

// TestWebP reads the WebP photographs of the corpus (Go has no WebP
// encoder to make one here).
func TestWebP(t *testing.T) {
	dir := filepath.Join(testenv.Corpus(t), "zxing", "qrcode-1")
	data, err := os.ReadFile(filepath.Join(dir, "1.webp"))
	if err != nil {
		testenv.Missing(t, "corpus image qrcode-1/1.webp", "../shared/corpus")
	}
	want, _ := os.ReadFile(filepath.Join(dir, "1.txt"))
	res, err := decode.Bytes(data)
	wantTexts(t, res, err, string(want))
}

// pngHeader returns a PNG signature and IHDR chunk declaring w×h pixels of
// 8-bit grey, followed by an IDAT chunk of junk.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8] = 8 // bit depth; colour type 0 (grey), no interlace
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x01, 0x02, 0x03})
	return b.Bytes()
}

func TestInputErrors(t *testing.T) {
	img := render(refSymbol(t, w1, "M"), 3, 4)
	enc := encodings(t, img)
	cases := []struct {
		name string
		data []byte
		opts []decode.Option
		want error
	}{
		{"empty", nil, nil, decode.ErrUnsupportedFormat},
		{"text", []byte("hello, this is not an image"), nil, decode.ErrUnsupportedFormat},
		{"PNG signature only", []byte("\x89PNG\r\n\x1a\n"), nil, decode.ErrCorrupt},
		{"zero-size PNG", pngHeader(0, 0), nil, decode.ErrCorrupt},
		{"PNG over MaxBytes", enc["PNG"], []decode.Option{decode.MaxBytes(100)}, decode.ErrInputTooLarge},
		{"PNG over MaxPixels", enc["PNG"], []decode.Option{decode.MaxPixels(100)}, decode.ErrImageTooLarge},
		{"huge PNG header", pngHeader(100000, 100000), nil, decode.ErrImageTooLarge},
		{"huge BMP header", bmpHeader(60000, 60000), nil, decode.ErrImageTooLarge},
	}
	for name, data := range enc {
		cuts := []int{len(data) / 3, len(data) / 2, len(data) - 20}
		if name == "TIFF" {
			cuts = cuts[:2] // its tail holds unused IFD values
		}
		for _, cut := range cuts {
			cases = append(cases, struct {
				name string
				data []byte
				opts []decode.Option
				want error
			}{name + " truncated", data[:cut], nil, decode.ErrCorrupt})
		}
	}
	for _, c := range cases {
		_, err := decode.Bytes(c.data, c.opts...)
		if !errors.Is(err, c.want) {
			t.Errorf("Bytes(%s): %v, want %v", c.name, err, c.want)
		}
		_, err = decode.Reader(bytes.NewReader(c.data), c.opts...)
		if !errors.Is(err, c.want) {
			t.Errorf("Reader(%s): %v, want %v", c.name, err, c.want)
		}
	}
	// The codec's own error is wrapped too, under the package's prefix.
	_, err := decode.Bytes(enc["PNG"][:len(enc["PNG"])/2])
	var codecErr interface{ Unwrap() []error }
	if !errors.As(err, &codecErr) || len(codecErr.Unwrap()) != 2 {
		t.Errorf("corrupt PNG error %v does not wrap the codec's error", err)
	}
	var formatErr png.FormatError
	if !errors.As(err, &formatErr) || !strings.HasPrefix(err.Error(), "decode: corrupt PNG: ") {
		t.Errorf("corrupt PNG error %q does not wrap image/png's FormatError", err)
	}
	// The reader's own I/O error is wrapped as it is, under no sentinel.
	_, err = decode.Reader(iotest.ErrReader(errReset))
	if !errors.Is(err, errReset) || errors.Is(err, decode.ErrCorrupt) || errors.Is(err, decode.ErrNotFound) {
		t.Errorf("reader error: %v", err)
	}
}

var errReset = errors.New("connection reset")

// bmpHeader returns a BMP file and info header declaring w×h 24-bit pixels.
func bmpHeader(w, h int32) []byte {
	b := make([]byte, 54)
	copy(b, "BM")
	binary.LittleEndian.PutUint32(b[2:], 54)
	binary.LittleEndian.PutUint32(b[10:], 54)
	binary.LittleEndian.PutUint32(b[14:], 40)
	binary.LittleEndian.PutUint32(b[18:], uint32(w))
	binary.LittleEndian.PutUint32(b[22:], uint32(h))
	binary.LittleEndian.PutUint16(b[26:], 1)
	binary.LittleEndian.PutUint16(b[28:], 24)
	return b
}

// FuzzDecodeBytes: whatever the bytes, Bytes returns results or one of the
// package's errors, never a panic.
func FuzzDecodeBytes(f *testing.F) {
	img := render(refSymbol(f, "fuzz", "L"), 2, 2)
	for _, data := range encodings(f, img) {
		f.Add(data)
		f.Add(data[:min(len(data), 64)]) // header only
	}
	f.Add(pngHeader(100000, 100000))
	f.Add(bmpHeader(16, 16))
	// A WebP container header (RIFF, size, WEBP, a VP8L chunk of a 1×1 image).
	f.Add([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"))
	f.Add([]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
	f.Add([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := decode.Bytes(data, decode.MaxPixels(1<<16))
		switch {
		case err == nil:
			if len(res) == 0 {
				t.Fatal("nil error without results")
			}
		case errors.Is(err, decode.ErrNotFound), errors.Is(err, decode.ErrCorrupt),
			errors.Is(err, decode.ErrUnsupportedFormat), errors.Is(err, decode.ErrImageTooLarge),
			errors.Is(err, decode.ErrInputTooLarge):
		default:
			t.Fatalf("error %v wraps none of the package's sentinels", err)
		}
	})
}

// TestBytesPNGFastPath reads 1-bit PNGs, which the image input keeps packed
// (our writer's greyscale and palette output, qrencode's palette file), and
// checks the results against the image/png route.
func TestBytesPNGFastPath(t *testing.T) {
	code, err := qr.Encode("https://example.com/product/0123456789?batch=42", qr.H)
	if err != nil {
		t.Fatal(err)
	}
	d1, err := os.ReadFile(filepath.Join("testdata", "w1-qrencode.png"))
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{"w1-qrencode.png": d1}
	for _, tc := range []struct {
		name string
		opts []qr.Option
	}{
		{"scale 10", []qr.Option{qr.Scale(10)}},
		{"scale 3 odd width", []qr.Option{qr.Scale(3), qr.QuietZone(3)}},
		{"palette colours", []qr.Option{qr.Scale(5), qr.Colors(color.RGBA{0x20, 0x30, 0x90, 0xff}, color.RGBA{0xff, 0xf0, 0xc0, 0xff})}},
	} {
		b, err := code.PNG(tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		inputs[tc.name] = b
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			in, err := imagein.Decode(data, imagein.Limits{MaxBytes: decode.DefaultMaxBytes, MaxPixels: decode.DefaultMaxPixels})
			if err != nil {
				t.Fatal(err)
			}
			if _, packed := in.Image.(*imagein.Packed); !packed {
				t.Fatalf("decoded as %T, not packed by the fast PNG path", in.Image)
			}
			in.Release()
			got, err := decode.Bytes(data)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			want, err := decode.Image(img)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || !reflect.DeepEqual(got, want) || got[0].Text != "https://example.com/product/0123456789?batch=42" {
				t.Fatalf("got %+v, want %+v", got, want)
			}
		})
	}
}
