package decode_test

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
	"github.com/qrworks/qrworks/qr"
)

// photo12MP is a 12-megapixel cluttered JPEG (4000×3000, quality 90), with
// one code of 22-pixel modules, turned and tilted a little, or without it:
// otherwise the same photo, so that the two differ by the code alone.
func photo12MP(b *testing.B, withCode bool) []byte {
	sc := synth.Scene{Width: 4000, Height: 3000, Seed: 7, Background: 170, Clutter: 300, Noise: 3, JPEG: 90, Blur: 0.05}
	if withCode {
		s := ourSymbol(b, w1, qr.M)
		sc.Symbols = []synth.Symbol{{Grid: s, Quiet: 4, Module: 22, Center: synth.Point{X: 2300, Y: 1400}, Rotate: 8, TiltX: 15}}
	}
	ph, err := sc.Render()
	if err != nil {
		b.Fatal(err)
	}
	return ph.JPEG
}

// BenchmarkPhoto12MP measures what a photo without a code costs beside
// the same photo with one (issue 17: at most twice), and both beside
// decoding the JPEG alone (image.Decode), with the default options and
// with Fast.
func BenchmarkPhoto12MP(b *testing.B) {
	with, without := photo12MP(b, true), photo12MP(b, false)
	b.Run("jpeg", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := image.Decode(bytes.NewReader(with)); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, c := range []struct {
		name string
		file []byte
		opts []decode.Option
	}{
		{"code/default", with, nil},
		{"nocode/default", without, nil},
		{"code/Fast", with, []decode.Option{decode.Fast()}},
		{"nocode/Fast", without, []decode.Option{decode.Fast()}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				res, err := decode.Bytes(c.file, c.opts...)
				if c.file == nil || (&c.file[0] == &with[0]) != (len(res) == 1) {
					b.Fatalf("%d results, %v", len(res), err)
				}
				if len(res) == 0 && !errors.Is(err, decode.ErrNotFound) {
					b.Fatal(err)
				}
			}
		})
	}
}
