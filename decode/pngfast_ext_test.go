package decode_test

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
)

// TestBytesPNGFastPath reads PNGs that take the fast path (our writer's
// 1-bit greyscale and palette output, qrencode's 1-bit palette file) and
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
			if !decode.FastPNGTaken(data) {
				t.Fatal("fast PNG path declined it")
			}
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
