package qr_test

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
)

// drawCode renders c at scale pixels per module with a 4-module quiet zone.
func drawCode(c *qr.Code, scale int) *image.Gray {
	n := (c.Size() + 8) * scale
	img := image.NewGray(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			mx, my := x/scale-4, y/scale-4
			dark := mx >= 0 && my >= 0 && mx < c.Size() && my < c.Size() && c.Module(mx, my)
			if !dark {
				img.Pix[y*img.Stride+x] = 0xff
			}
		}
	}
	return img
}

// TestDecodeRoundTrip checks that qr.Decode reads back what qr.Encode wrote,
// metadata included.
func TestDecodeRoundTrip(t *testing.T) {
	for _, text := range []string{"https://example.com/product/0123456789?batch=42", "HELLO WORLD", "0123456789", "héllo wörld ✓"} {
		code, err := qr.Encode(text, qr.M)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := png.Encode(&b, drawCode(code, 4)); err != nil {
			t.Fatal(err)
		}
		res, err := qr.Decode(&b)
		if err != nil || len(res) != 1 {
			t.Fatalf("%q: %v %v", text, res, err)
		}
		r := res[0]
		if r.Text != text || r.Version != code.Version() || r.Level != code.Level().String() || r.Mask != code.Mask() {
			t.Errorf("%q: got %q v%d %s mask %d; encoded v%d %s mask %d", text, r.Text, r.Version, r.Level, r.Mask, code.Version(), code.Level(), code.Mask())
		}
	}
}

// TestDecodeErrors checks that qr.Decode passes decode's sentinel errors
// through.
func TestDecodeErrors(t *testing.T) {
	if _, err := qr.Decode(strings.NewReader("not an image")); !errors.Is(err, decode.ErrUnsupportedFormat) {
		t.Errorf("got %v, want ErrUnsupportedFormat", err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 64, 64))); err != nil {
		t.Fatal(err)
	}
	blank := b.Bytes()
	if _, err := qr.Decode(bytes.NewReader(blank)); !errors.Is(err, decode.ErrNotFound) {
		t.Errorf("got %v, want ErrNotFound", err)
	}
	if _, err := qr.Decode(bytes.NewReader(blank), decode.MaxBytes(10)); !errors.Is(err, decode.ErrInputTooLarge) {
		t.Errorf("got %v, want ErrInputTooLarge", err)
	}
}

// TestDecodeKanjiRoundTrip reads a kanji-mode symbol back: the payload is
// Shift JIS (日 = 0x93FA, 本 = 0x967B, JIS X 0208) and the text UTF-8.
func TestDecodeKanjiRoundTrip(t *testing.T) {
	code, err := qr.Encode("日本", qr.M, qr.Kanji())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, drawCode(code, 4)); err != nil {
		t.Fatal(err)
	}
	res, err := qr.Decode(&b)
	if err != nil || len(res) != 1 {
		t.Fatalf("got %v, %v", res, err)
	}
	if want := []byte{0x93, 0xFA, 0x96, 0x7B}; !bytes.Equal(res[0].Bytes, want) || res[0].Text != "日本" {
		t.Errorf("got bytes % X text %q, want % X and %q", res[0].Bytes, res[0].Text, want, "日本")
	}
}

// TestDecodeNil checks that a nil reader is an error wrapping
// decode.ErrInvalidInput, not a panic.
func TestDecodeNil(t *testing.T) {
	if res, err := qr.Decode(nil); !errors.Is(err, decode.ErrInvalidInput) || res != nil {
		t.Errorf("Decode(nil) = %v, %v; want ErrInvalidInput", res, err)
	}
}
