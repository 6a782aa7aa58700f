package decode_test

import (
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/testenv"
	"github.com/qrworks/qrworks/qr"
)

// D1 is the W1 code as a clean PNG made by another encoder:
//
//	qrencode -l H -s 10 -m 4 -o testdata/w1-qrencode.png 'https://example.com/product/0123456789?batch=42'
func loadD1(b testing.TB) image.Image {
	data, err := os.ReadFile(filepath.Join("testdata", "w1-qrencode.png"))
	if err != nil {
		b.Fatal(err)
	}
	img, err := decodeFile(data)
	if err != nil {
		b.Fatal(err)
	}
	return img
}

// d2Photo is the corpus photograph of benchmark D2, one that gozxing reads
// at its first pass.
const d2Photo = "zxing/qrcode-2/18.webp"

func loadD2(b testing.TB) image.Image {
	data, err := os.ReadFile(filepath.Join(testenv.Corpus(b), d2Photo))
	if err != nil {
		testenv.Missing(b, d2Photo, "../shared/corpus")
	}
	img, err := decodeFile(data)
	if err != nil {
		b.Fatal(err)
	}
	return img
}

func benchDecode(b *testing.B, img image.Image) {
	b.ReportAllocs()
	for b.Loop() {
		if res, err := decode.Image(img); err != nil || len(res) == 0 {
			b.Fatal(err)
		}
	}
}

// benchGozxing is gozxing used directly, as its README shows.
func benchGozxing(b *testing.B, img image.Image) {
	b.ReportAllocs()
	for b.Loop() {
		bmp, err := gozxing.NewBinaryBitmapFromImage(img)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := qrcode.NewQRCodeReader().Decode(bmp, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkD1(b *testing.B)        { benchDecode(b, loadD1(b)) }
func BenchmarkD1Gozxing(b *testing.B) { benchGozxing(b, loadD1(b)) }
func BenchmarkD2(b *testing.B)        { benchDecode(b, loadD2(b)) }
func BenchmarkD2Gozxing(b *testing.B) { benchGozxing(b, loadD2(b)) }

// BenchmarkBytesPNG is decode.Bytes on PNG uploads: qrencode's 1-bit
// palette file of W1 (D1), and W4 (our writer's 1-bit greyscale PNG of W1
// at scale 10).
func BenchmarkBytesPNG(b *testing.B) {
	d1, err := os.ReadFile(filepath.Join("testdata", "w1-qrencode.png"))
	if err != nil {
		b.Fatal(err)
	}
	code, err := qr.Encode("https://example.com/product/0123456789?batch=42", qr.H)
	if err != nil {
		b.Fatal(err)
	}
	w4, err := code.PNG(qr.Scale(10))
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		data []byte
	}{{"qrencode", d1}, {"qr-scale10", w4}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decode.Bytes(bc.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
