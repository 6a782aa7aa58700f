package decode_test

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg"
	"testing"
	"time"

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
// the same photo with one (issue 17: at most twice), and the photo with a
// code beside decoding the JPEG alone (image.Decode), with the default
// options and with Fast. Each iteration decodes all three files in turn,
// so that the ratios it reports hold under a load that changes over the
// run; times are per decode.
func BenchmarkPhoto12MP(b *testing.B) {
	with, without := photo12MP(b, true), photo12MP(b, false)
	for _, c := range []struct {
		name string
		opts []decode.Option
	}{{"default", nil}, {"Fast", []decode.Option{decode.Fast()}}} {
		b.Run(c.name, func(b *testing.B) {
			var jpeg, code, nocode time.Duration
			for b.Loop() {
				start := time.Now()
				if _, _, err := image.Decode(bytes.NewReader(with)); err != nil {
					b.Fatal(err)
				}
				jpeg += time.Since(start)
				start = time.Now()
				if res, err := decode.Bytes(with, c.opts...); len(res) != 1 {
					b.Fatalf("with a code: %d results, %v", len(res), err)
				}
				code += time.Since(start)
				start = time.Now()
				if res, err := decode.Bytes(without, c.opts...); len(res) != 0 || !errors.Is(err, decode.ErrNotFound) {
					b.Fatalf("without a code: %d results, %v", len(res), err)
				}
				nocode += time.Since(start)
			}
			n := float64(b.N)
			b.ReportMetric(float64(jpeg.Milliseconds())/n, "jpeg-ms")
			b.ReportMetric(float64(code.Milliseconds())/n, "code-ms")
			b.ReportMetric(float64(nocode.Milliseconds())/n, "nocode-ms")
			b.ReportMetric(float64(nocode)/float64(code), "nocode/code")
			b.ReportMetric(float64(code)/float64(jpeg), "code/jpeg")
		})
	}
}
