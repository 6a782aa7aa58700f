package bench

import (
	"bytes"
	"io"

	yqr "github.com/yeqown/go-qrcode/v2"
	"github.com/yeqown/go-qrcode/writer/standard"
)

// yeqown is github.com/yeqown/go-qrcode/v2, with its PNG writer from the
// separate module github.com/yeqown/go-qrcode/writer/standard. NewWith builds
// the whole symbol, choosing one mode for the whole text and evaluating the
// eight masks on eight goroutines (so its time per op is wall time over all
// cores). The writer draws with github.com/fogleman/gg; its border is given
// in pixels and its encoder defaults to JPEG, so the PNG workload asks for
// PNG explicitly.
var yeqown = &Library{
	Name:   "yeqown",
	Module: "github.com/yeqown/go-qrcode/v2",
	Notes:  "One mode for the whole text (W1 needs version 6). Scores the eight masks on eight goroutines, so its time per op is wall time on both cores. PNG through `writer/standard` v1.2.1 (drawn with fogleman/gg, then `image/png`); border given in pixels.",
	Prepare: func(w Workload) (Op, error) {
		opts := []yqr.EncodeOption{yeqownLevel(w.Level)}
		if w.PNG {
			if w.Scale > 255 {
				return nil, unsupported("the block width is a uint8")
			}
			imgOpts := []standard.ImageOption{
				standard.WithQRWidth(uint8(w.Scale)),
				standard.WithBorderWidth(w.Quiet * w.Scale),
				standard.WithBuiltinImageEncoder(standard.PNG_FORMAT),
			}
			return func(dst *bytes.Buffer) error {
				q, err := yqr.NewWith(w.Text, opts...)
				if err != nil {
					return err
				}
				dst.Reset()
				return q.Save(standard.NewWithWriter(nopCloser{dst}, imgOpts...))
			}, nil
		}
		return func(*bytes.Buffer) error {
			_, err := yqr.NewWith(w.Text, opts...)
			return err
		}, nil
	},
	Symbol: func(w Workload) (*Matrix, error) {
		q, err := yqr.NewWith(w.Text, yeqownLevel(w.Level))
		if err != nil {
			return nil, err
		}
		var mw matrixWriter
		if err := q.Save(&mw); err != nil {
			return nil, err
		}
		return mw.m, nil
	},
}

// yeqownLevel returns the option for l (the library's level type is
// unexported, so the option is the only handle on it).
func yeqownLevel(l Level) yqr.EncodeOption {
	switch l {
	case L:
		return yqr.WithErrorCorrectionLevel(yqr.ErrorCorrectionLow)
	case M:
		return yqr.WithErrorCorrectionLevel(yqr.ErrorCorrectionMedium)
	case Q:
		return yqr.WithErrorCorrectionLevel(yqr.ErrorCorrectionQuart)
	}
	return yqr.WithErrorCorrectionLevel(yqr.ErrorCorrectionHighest)
}

// nopCloser lets a bytes.Buffer stand where the writer wants an
// io.WriteCloser.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// matrixWriter is a yeqown Writer that keeps the module matrix.
type matrixWriter struct{ m *Matrix }

func (mw *matrixWriter) Write(mat yqr.Matrix) error {
	bm := mat.Bitmap()
	mw.m = NewMatrix(len(bm))
	for y, row := range bm {
		for x, dark := range row {
			mw.m.Set(x, y, dark)
		}
	}
	return nil
}

func (mw *matrixWriter) Close() error { return nil }
