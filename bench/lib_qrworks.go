package bench

import (
	"bytes"

	"github.com/qrworks/qrworks/qr"
)

// qrworks is this project, through its front door: the one-shot qr.Encode
// that users call (a new Code per call; the encoder's scratch comes from a
// pool), and for the PNG workload Code.WritePNG with the options built once.
var qrworks = &Library{
	Name:   "qrworks",
	Module: "github.com/qrworks/qrworks",
	Notes:  "Optimal segmentation (W1 fits version 5 and W2 version 35, where single-mode encoders need 6 and 36), all eight masks scored by the penalty rules; one-shot `qr.Encode`, a new `Code` per call.",
	Prepare: func(w Workload) (Op, error) {
		level := qrworksLevel(w.Level)
		if w.PNG {
			opts := []qr.Option{qr.Scale(w.Scale), qr.QuietZone(w.Quiet)}
			return func(dst *bytes.Buffer) error {
				c, err := qr.Encode(w.Text, level)
				if err != nil {
					return err
				}
				dst.Reset()
				return c.WritePNG(dst, opts...)
			}, nil
		}
		return func(*bytes.Buffer) error {
			_, err := qr.Encode(w.Text, level)
			return err
		}, nil
	},
	Symbol: func(w Workload) (*Matrix, error) {
		c, err := qr.Encode(w.Text, qrworksLevel(w.Level))
		if err != nil {
			return nil, err
		}
		m := NewMatrix(c.Size())
		for y := 0; y < m.Size; y++ {
			for x := 0; x < m.Size; x++ {
				m.Set(x, y, c.Module(x, y))
			}
		}
		return m, nil
	},
}

func qrworksLevel(l Level) qr.Level {
	return [...]qr.Level{L: qr.L, M: qr.M, Q: qr.Q, H: qr.H}[l]
}
