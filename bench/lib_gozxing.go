package bench

import (
	"bytes"
	"image/png"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

// gozxingWriter is the encoder of github.com/makiuchi-d/gozxing/qrcode, a port
// of ZXing's: one mode for the whole text, mask chosen by the penalty rules.
// Its writer takes the image size in pixels, not a scale, and centres the
// largest whole multiple of the symbol (with EncodeHintType_MARGIN modules of
// quiet zone) in it; the PNG workload asks for exactly (size + 2·quiet) ×
// scale pixels, the size found by one encode in Prepare. The BitMatrix it
// returns is an image.Image, which image/png encodes.
var gozxingWriter = &Library{
	Name:   "gozxing",
	Module: "github.com/makiuchi-d/gozxing",
	Notes:  "ZXing's encoder: one mode for the whole text (W1 needs version 6), masks scored by the penalty rules. Takes an image size in pixels, not a scale: W4 asks for 490 × 490. PNG: its `BitMatrix` through `image/png`.",
	Prepare: func(w Workload) (Op, error) {
		writer := zxqr.NewQRCodeWriter()
		hints := map[gozxing.EncodeHintType]any{
			gozxing.EncodeHintType_ERROR_CORRECTION: w.Level.String(),
		}
		if w.PNG {
			hints[gozxing.EncodeHintType_MARGIN] = w.Quiet
			natural, err := writer.Encode(w.Text, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
			if err != nil {
				return nil, err
			}
			side := natural.GetWidth() * w.Scale
			return func(dst *bytes.Buffer) error {
				bm, err := writer.Encode(w.Text, gozxing.BarcodeFormat_QR_CODE, side, side, hints)
				if err != nil {
					return err
				}
				dst.Reset()
				return png.Encode(dst, bm)
			}, nil
		}
		return func(*bytes.Buffer) error {
			_, err := writer.Encode(w.Text, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
			return err
		}, nil
	},
	Symbol: func(w Workload) (*Matrix, error) {
		hints := map[gozxing.EncodeHintType]any{
			gozxing.EncodeHintType_ERROR_CORRECTION: w.Level.String(),
			gozxing.EncodeHintType_MARGIN:           0,
		}
		bm, err := zxqr.NewQRCodeWriter().Encode(w.Text, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
		if err != nil {
			return nil, err
		}
		m := NewMatrix(bm.GetWidth())
		for y := 0; y < m.Size; y++ {
			for x := 0; x < m.Size; x++ {
				m.Set(x, y, bm.Get(x, y))
			}
		}
		return m, nil
	},
}
