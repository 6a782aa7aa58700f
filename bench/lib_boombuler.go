package bench

import (
	"bytes"
	"image/png"

	"github.com/boombuler/barcode"
	bbqr "github.com/boombuler/barcode/qr"
)

// boombuler is github.com/boombuler/barcode/qr. Encode with qr.Auto picks one
// mode for the whole text; it renders all eight masks and keeps the best.
// It cannot force a version, and its image has no quiet zone: the README's
// path (barcode.Scale, then image/png) gives a PNG without one, which the
// harness times as it is and flags in the table. (Scale centres the code in
// a larger image, but at the largest whole factor that fits, so scale 10
// with a 4-module margin cannot be asked for.) Omitting the quiet zone makes
// its file and its time smaller, never larger.
var boombuler = &Library{
	Name:   "boombuler",
	Module: "github.com/boombuler/barcode",
	Notes:  "One mode for the whole text (W1 needs version 6); cannot force a version. No quiet-zone option: `barcode.Scale` always takes the largest whole factor that fits (asking for 490 px gives scale 11, not 10 + a 4-module margin), so its W4 PNG, scaled by 10, has no quiet zone: 410 px wide, not 490, timed as it is (which favours it). PNG: `barcode.Scale`, then `image/png` (16-bit grey).",
	Prepare: func(w Workload) (Op, error) {
		level := boombulerLevel(w.Level)
		if w.PNG {
			return func(dst *bytes.Buffer) error {
				code, err := bbqr.Encode(w.Text, level, bbqr.Auto)
				if err != nil {
					return err
				}
				side := code.Bounds().Dx() * w.Scale
				scaled, err := barcode.Scale(code, side, side)
				if err != nil {
					return err
				}
				dst.Reset()
				return png.Encode(dst, scaled)
			}, nil
		}
		return func(*bytes.Buffer) error {
			_, err := bbqr.Encode(w.Text, level, bbqr.Auto)
			return err
		}, nil
	},
	Symbol: func(w Workload) (*Matrix, error) {
		code, err := bbqr.Encode(w.Text, boombulerLevel(w.Level), bbqr.Auto)
		if err != nil {
			return nil, err
		}
		b := code.Bounds()
		m := NewMatrix(b.Dx())
		for y := 0; y < m.Size; y++ {
			for x := 0; x < m.Size; x++ {
				r, _, _, _ := code.At(b.Min.X+x, b.Min.Y+y).RGBA()
				m.Set(x, y, r < 0x8000)
			}
		}
		return m, nil
	},
}

func boombulerLevel(l Level) bbqr.ErrorCorrectionLevel {
	return [...]bbqr.ErrorCorrectionLevel{L: bbqr.L, M: bbqr.M, Q: bbqr.Q, H: bbqr.H}[l]
}
