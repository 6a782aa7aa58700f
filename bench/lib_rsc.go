package bench

import (
	"bytes"

	rscqr "rsc.io/qr"
)

// rsc is rsc.io/qr. It encodes the whole text in one mode and always uses
// mask pattern 0 (its source says "TODO: Pick appropriate mask"), so it does
// none of the penalty evaluation the other libraries do. Its PNG writer is
// its own; the quiet zone is always 4 modules and Code.Scale sets the pixels
// per module.
var rsc = &Library{
	Name:   "rsc",
	Module: "rsc.io/qr",
	Notes:  "Never searches masks: always mask 0 (its source: \"TODO: Pick appropriate mask\"), so it skips the penalty scoring every other library does. One mode for the whole text (W1 needs version 6). Its own PNG writer; quiet zone fixed at 4 modules.",
	Prepare: func(w Workload) (Op, error) {
		level := rscLevel(w.Level)
		if w.PNG {
			if w.Quiet != 4 {
				return nil, unsupported("the quiet zone is always 4 modules")
			}
			return func(dst *bytes.Buffer) error {
				c, err := rscqr.Encode(w.Text, level)
				if err != nil {
					return err
				}
				c.Scale = w.Scale
				dst.Reset()
				_, err = dst.Write(c.PNG())
				return err
			}, nil
		}
		return func(*bytes.Buffer) error {
			_, err := rscqr.Encode(w.Text, level)
			return err
		}, nil
	},
	Symbol: func(w Workload) (*Matrix, error) {
		c, err := rscqr.Encode(w.Text, rscLevel(w.Level))
		if err != nil {
			return nil, err
		}
		m := NewMatrix(c.Size)
		for y := 0; y < c.Size; y++ {
			for x := 0; x < c.Size; x++ {
				m.Set(x, y, c.Black(x, y))
			}
		}
		return m, nil
	},
}

func rscLevel(l Level) rscqr.Level {
	return [...]rscqr.Level{L: rscqr.L, M: rscqr.M, Q: rscqr.Q, H: rscqr.H}[l]
}
