package bench

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"github.com/qrworks/qrworks/qr"
)

// Styled codes (issue 15): qrworks alone, since the peers do not check
// what they draw. Each styling is timed three ways on W1's text at level H:
// encoded with the styling and written with the render defaults (Encode
// checked them once, so the PNG is not checked again), the styling given
// to WritePNG (checked on every call), and Check alone. Plain is W1's PNG
// for scale. The names have no underscore, so cmd/compare's tables leave
// them out; compare them with benchstat.

// styleLogo is a 120×80 flat logo: an orange rounded badge.
func styleLogo() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 120, 80))
	for y := 8; y < 72; y++ {
		for x := 8; x < 112; x++ {
			img.SetNRGBA(x, y, color.NRGBA{0xef, 0x6c, 0x00, 0xff})
		}
	}
	return img
}

func BenchmarkStyled(b *testing.B) {
	const text = "https://example.com/product/0123456789?batch=42"
	navy, purple := color.RGBA{0x1a, 0x23, 0x7e, 0xff}, color.RGBA{0x6a, 0x1b, 0x9a, 0xff}
	styles := []struct {
		name string
		opts []qr.Option
	}{
		{"Dots", []qr.Option{qr.Modules(qr.Dots), qr.Finders(qr.Dots)}},
		{"Gradient", []qr.Option{qr.Modules(qr.Rounded), qr.Gradient(navy, purple, 45)}},
		{"Logo", []qr.Option{qr.Logo(styleLogo(), 0.2)}},
	}
	plain, err := qr.Encode(text, qr.H)
	if err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, op func(*bytes.Buffer) error) {
		var buf bytes.Buffer
		if err := op(&buf); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			buf.Reset()
			if err := op(&buf); err != nil {
				b.Fatal(err)
			}
		}
		if buf.Len() > 0 {
			b.ReportMetric(float64(buf.Len()), "png-bytes")
		}
	}
	b.Run("Plain", func(b *testing.B) { run(b, func(w *bytes.Buffer) error { return plain.WritePNG(w) }) })
	for _, st := range styles {
		styled, err := qr.Encode(text, qr.H, st.opts...)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(st.name+"/Defaults", func(b *testing.B) { run(b, func(w *bytes.Buffer) error { return styled.WritePNG(w) }) })
		b.Run(st.name+"/Checked", func(b *testing.B) { run(b, func(w *bytes.Buffer) error { return plain.WritePNG(w, st.opts...) }) })
		b.Run(st.name+"/Check", func(b *testing.B) {
			run(b, func(*bytes.Buffer) error { _, err := plain.Check(st.opts...); return err })
		})
		b.Run(st.name+"/Encode", func(b *testing.B) {
			run(b, func(*bytes.Buffer) error { _, err := qr.Encode(text, qr.M, st.opts...); return err })
		})
	}
}
