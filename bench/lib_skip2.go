package bench

import (
	"bytes"

	skip2qr "github.com/skip2/go-qrcode"
)

// skip2 is github.com/skip2/go-qrcode. Its levels are named Low, Medium,
// High (= Q) and Highest (= H). New only plans the symbol: the matrix and the
// mask choice are built on first use (Bitmap, PNG, Write), so the matrix
// workloads call Bitmap. Its border is always 4 modules, and a negative size
// passed to Write is the number of pixels per module.
var skip2 = &Library{
	Name:   "skip2",
	Module: "github.com/skip2/go-qrcode",
	Notes:  "Segments its input, so W1 fits version 5 where single-mode encoders need 6. `New` defers the matrix and the mask search to first use, so the matrix cells call `Bitmap` (which also copies the matrix into a `[][]bool`). Levels are named Low, Medium, High (= Q), Highest (= H). Border fixed at 4 modules.",
	Prepare: func(w Workload) (Op, error) {
		level := skip2Level(w.Level)
		if w.PNG {
			if w.Quiet != 4 {
				return nil, unsupported("the border is always 4 modules")
			}
			return func(dst *bytes.Buffer) error {
				q, err := skip2qr.New(w.Text, level)
				if err != nil {
					return err
				}
				dst.Reset()
				return q.Write(-w.Scale, dst)
			}, nil
		}
		return func(*bytes.Buffer) error {
			q, err := skip2qr.New(w.Text, level)
			if err != nil {
				return err
			}
			q.Bitmap()
			return nil
		}, nil
	},
	Symbol: func(w Workload) (*Matrix, error) {
		q, err := skip2qr.New(w.Text, skip2Level(w.Level))
		if err != nil {
			return nil, err
		}
		q.DisableBorder = true
		bm := q.Bitmap()
		m := NewMatrix(len(bm))
		for y, row := range bm {
			for x, dark := range row {
				m.Set(x, y, dark)
			}
		}
		return m, nil
	},
}

func skip2Level(l Level) skip2qr.RecoveryLevel {
	return [...]skip2qr.RecoveryLevel{L: skip2qr.Low, M: skip2qr.Medium, Q: skip2qr.High, H: skip2qr.Highest}[l]
}
