package bench

import (
	"bytes"

	goqr "github.com/piglig/go-qr"
)

// piglig is github.com/piglig/go-qr. EncodeText picks one mode for the whole
// text and, by default, raises the level while the data still fits the
// chosen version ("boost"); the check reports the level it produced. Its PNG
// is a 32-bit RGBA image written by image/png.
var piglig = &Library{
	Name:   "piglig",
	Module: "github.com/piglig/go-qr",
	Notes:  "`EncodeText` picks one mode for the whole text (W1 needs version 6; its optimal segmenter is opt-in) and raises the level when the version has room (no workload here has any). PNG: an RGBA image through `image/png`.",
	Prepare: func(w Workload) (Op, error) {
		ecc := pigligLevel(w.Level)
		if w.PNG {
			config := goqr.NewQrCodeImgConfig(w.Scale, w.Quiet)
			return func(dst *bytes.Buffer) error {
				q, err := goqr.EncodeText(w.Text, ecc)
				if err != nil {
					return err
				}
				dst.Reset()
				return q.WriteAsPNG(config, dst)
			}, nil
		}
		return func(*bytes.Buffer) error {
			_, err := goqr.EncodeText(w.Text, ecc)
			return err
		}, nil
	},
	Symbol: func(w Workload) (*Matrix, error) {
		q, err := goqr.EncodeText(w.Text, pigligLevel(w.Level))
		if err != nil {
			return nil, err
		}
		m := NewMatrix(q.Size())
		for y := 0; y < m.Size; y++ {
			for x := 0; x < m.Size; x++ {
				m.Set(x, y, q.Module(x, y))
			}
		}
		return m, nil
	},
}

func pigligLevel(l Level) goqr.Ecc {
	return [...]goqr.Ecc{L: goqr.Low, M: goqr.Medium, Q: goqr.Quartile, H: goqr.High}[l]
}
