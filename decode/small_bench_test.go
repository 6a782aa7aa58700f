package decode_test

import (
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
	"github.com/qrworks/qrworks/qr"
)

// BenchmarkSmallSearchCost measures what reading Micro QR and rMQR by
// default costs: 12-megapixel cluttered photographs without a code, with
// a QR Code and with a Micro QR symbol, each decoded with every format
// (the default) and with Formats(QR), which skips the Micro QR and rMQR
// search.
func BenchmarkSmallSearchCost(b *testing.B) {
	qrCode, err := qr.Encode("https://example.com/product/0123456789?batch=42", qr.H)
	if err != nil {
		b.Fatal(err)
	}
	micro, err := qr.Encode("SN 2026-0042", qr.L, qr.As(qr.MicroQR))
	if err != nil {
		b.Fatal(err)
	}
	photo := func(c *qr.Code, module float64) synth.Scene {
		sc := synth.Scene{Width: 4000, Height: 3000, Seed: 1, Background: 180, Clutter: 60, Noise: 17}
		if c != nil {
			sc.Symbols = []synth.Symbol{{Grid: codeGrid(c), Quiet: 4, Module: module, Rotate: 12, Center: synth.Point{X: 2200, Y: 1400}}}
		}
		return sc
	}
	for _, c := range []struct {
		name  string
		scene synth.Scene
		found bool
	}{
		{"12MP-nocode", photo(nil, 0), false},
		{"12MP-qr", photo(qrCode, 20), true},
		{"12MP-micro", photo(micro, 30), true},
	} {
		ph, err := c.scene.Render()
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range []struct {
			name string
			opts []decode.Option
		}{{"all", nil}, {"qr-only", []decode.Option{decode.Formats(decode.QR)}}} {
			if c.name == "12MP-micro" && f.name == "qr-only" {
				continue
			}
			b.Run(c.name+"/"+f.name, func(b *testing.B) {
				for b.Loop() {
					res, _ := decode.Image(ph.Image, f.opts...)
					if (len(res) > 0) != c.found {
						b.Fatalf("%d results", len(res))
					}
				}
			})
		}
	}
}
