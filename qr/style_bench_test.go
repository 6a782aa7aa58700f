package qr

import (
	"bytes"
	"image/color"
	"testing"
)

// The styling benchmarks: one code (the menu URL at level H, version 4, 8
// pixels a module), its plain PNG, its styled PNG with and without the
// check, the check alone, and a styled Encode with its level search.

// benchStyles are the stylings measured.
var benchStyles = []struct {
	name string
	opts []Option
}{
	{"Dots", []Option{Modules(Dots), Finders(Dots)}},
	{"Gradient", []Option{Modules(Rounded), Gradient(color.RGBA{0x1a, 0x23, 0x7e, 0xff}, color.RGBA{0x6a, 0x1b, 0x9a, 0xff}, 45)}},
	{"Logo", []Option{Logo(flatLogo(120, 80), 0.2)}},
}

func BenchmarkStyledPNG(b *testing.B) {
	plain, err := Encode(menuURL, H)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.Run("Plain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf.Reset()
			if err := plain.WritePNG(&buf); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	})
	for _, st := range benchStyles {
		styled, err := Encode(menuURL, H, st.opts...)
		if err != nil {
			b.Fatal(err)
		}
		// The render defaults passed Encode's check: rendered unchecked.
		b.Run(st.name+"/Unchecked", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := styled.WritePNG(&buf); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes")
		})
		// The same styling given to the render call: checked each time.
		b.Run(st.name+"/Checked", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := plain.WritePNG(&buf, st.opts...); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(st.name+"/Check", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := plain.Check(st.opts...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStyledEncode measures Encode with styling, the level and
// version search included, from level M.
func BenchmarkStyledEncode(b *testing.B) {
	for _, st := range benchStyles {
		b.Run(st.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Encode(menuURL, M, st.opts...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
