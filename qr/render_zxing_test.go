package qr

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

// decodeZXing decodes img with gozxing's QR reader.
func decodeZXing(t *testing.T, img image.Image) (string, error) {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

// TestPNGRoundTripZXing decodes our PNGs with an independent decoder and
// gets the text back, for every version and level.
func TestPNGRoundTripZXing(t *testing.T) {
	for v := 1; v <= 40; v++ {
		for _, level := range levels {
			if testing.Short() && (v%5 != 1 || level == M) {
				continue
			}
			c, text := encodeVersion(t, v, level)
			file, err := c.PNG(Scale(3), QuietZone(4))
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeZXing(t, img)
			if err != nil {
				t.Fatalf("version %d level %s: gozxing: %v", v, level, err)
			}
			if got != text {
				t.Fatalf("version %d level %s: decoded %q, want %q", v, level, got, text)
			}
		}
	}
}

// TestImageRoundTripZXing decodes Code.Image directly.
func TestImageRoundTripZXing(t *testing.T) {
	for _, v := range []int{1, 7, 25, 40} {
		c, text := encodeVersion(t, v, Q)
		got, err := decodeZXing(t, c.Image(Scale(3)))
		if err != nil || got != text {
			t.Fatalf("version %d: decoded %q, %v; want %q", v, got, err, text)
		}
	}
}
