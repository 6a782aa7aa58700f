package decode_test

// This file draws the test scenes through internal/synth: reference
// symbols (from gozxing's encoder) rendered, turned, tilted, blurred,
// stained and placed in clutter.

import (
	"bytes"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"github.com/qrworks/qrworks/internal/synth"
)

// decodeFile decodes an encoded image with the standard registry (the tests'
// reference path, independent of the package's own sniffing).
func decodeFile(data []byte) (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	return img, err
}

// symbol is a code to draw: its modules and what a decoder should report.
type symbol struct {
	content string
	size    int
	dark    func(x, y int) bool
	version int
	level   string
	mask    int
}

// refSymbol encodes text with gozxing's own encoder, an encoder independent
// of this repository's (round trips through ours live in roundtrip_test.go).
func refSymbol(t testing.TB, text, level string) symbol {
	t.Helper()
	lv := map[string]decoder.ErrorCorrectionLevel{
		"L": decoder.ErrorCorrectionLevel_L, "M": decoder.ErrorCorrectionLevel_M,
		"Q": decoder.ErrorCorrectionLevel_Q, "H": decoder.ErrorCorrectionLevel_H,
	}[level]
	q, err := encoder.Encoder_encodeWithoutHint(text, lv)
	if err != nil {
		t.Fatal(err)
	}
	m := q.GetMatrix()
	return symbol{
		content: text,
		size:    m.GetWidth(),
		dark:    func(x, y int) bool { return m.Get(x, y) == 1 },
		version: q.GetVersion().GetVersionNumber(),
		level:   level,
		mask:    q.GetMaskPattern(),
	}
}

// Width, Height and Dark make a symbol a synth.Grid.
func (s symbol) Width() int         { return s.size }
func (s symbol) Height() int        { return s.size }
func (s symbol) Dark(x, y int) bool { return s.dark(x, y) }

func (s symbol) text(testing.TB) string { return s.content }

// shoot renders a scene. Scenes here are fixed by the tests, so an invalid
// one is a bug in the test: it panics.
func shoot(sc synth.Scene) *image.Gray {
	ph, err := sc.Render()
	if err != nil {
		panic(err)
	}
	return ph.Image
}

// side is the width in pixels of s drawn at scale with a quiet zone.
func side(s symbol, scale, quiet int) int { return (s.size + 2*quiet) * scale }

// render draws s at scale pixels per module with a quiet zone of quiet
// modules, dark on light, on a canvas it fills.
func render(s symbol, scale, quiet int) *image.Gray {
	n := side(s, scale, quiet)
	return shoot(synth.Scene{Width: n, Height: n, Background: 255, Symbols: []synth.Symbol{{Grid: s, Quiet: quiet, Module: float64(scale)}}})
}

// rotated draws s at scale with a quiet zone of 4 modules, turned by deg
// degrees about its centre, on a white canvas of its size plus margin on
// each side.
func rotated(s symbol, scale int, deg float64, margin int) *image.Gray {
	n := side(s, scale, 4) + 2*margin
	return shoot(synth.Scene{Width: n, Height: n, Background: 255, Symbols: []synth.Symbol{
		{Grid: s, Quiet: 4, Module: float64(scale), Rotate: deg}}})
}

// at returns a synth symbol for s at scale whose sheet (quiet zone of 4
// modules included) has its top-left corner at the pixel p.
func at(s symbol, scale int, p image.Point) synth.Symbol {
	half := float64(side(s, scale, 4)) / 2
	return synth.Symbol{Grid: s, Quiet: 4, Module: float64(scale), Center: synth.Point{X: float64(p.X) + half, Y: float64(p.Y) + half}}
}

// quad lists four points x0, y0, …, x3, y3.
func quad(c ...float64) [4]synth.Point {
	var q [4]synth.Point
	for i := range q {
		q[i] = synth.Point{X: c[2*i], Y: c[2*i+1]}
	}
	return q
}
