package qr

import (
	"errors"
	"image/color"
	"io"
	"strings"
	"testing"
)

// TestColorsContrast checks that Colors refuses a pair a scanner cannot
// tell apart, naming both colours, and accepts a transparent light colour
// when the dark one reads over a white or a black background.
func TestColorsContrast(t *testing.T) {
	grey1, grey2 := color.Gray{0x77}, color.Gray{0x88}
	yellow := color.RGBA{0xff, 0xeb, 0x3b, 0xff}
	navy := color.RGBA{0x1a, 0x23, 0x7e, 0xff}
	for _, c := range []struct {
		name        string
		dark, light color.Color
		names       string // the colours the error must name; "" when accepted
	}{
		{"black on black", color.Black, color.Black, "#000000 (dark) and #000000 (light)"},
		{"white on white", color.White, color.White, "#ffffff (dark) and #ffffff (light)"},
		{"grey on grey", grey1, grey2, "#777777 (dark) and #888888 (light)"},
		{"yellow on white", yellow, color.White, "#ffeb3b (dark) and #ffffff (light)"},
		{"transparent on transparent", color.Transparent, color.Transparent, "#00000000 (dark) and #00000000 (light)"},
		{"black on white", color.Black, color.White, ""},
		{"navy on white", navy, color.White, ""},
		{"inverted", color.White, color.Black, ""},
		{"black on transparent", color.Black, color.Transparent, ""},
		{"white on transparent", color.White, color.Transparent, ""},
		{"navy on half-transparent white", navy, color.NRGBA{0xff, 0xff, 0xff, 0x80}, ""},
	} {
		_, err := Encode("hello", M, Colors(c.dark, c.light))
		switch {
		case c.names == "" && err != nil:
			t.Errorf("%s: %v, want no error", c.name, err)
		case c.names != "" && (!errors.Is(err, ErrInvalidOption) || !strings.Contains(err.Error(), c.names)):
			t.Errorf("%s: error %v, want ErrInvalidOption naming %s", c.name, err, c.names)
		}
	}
}

// TestColorsContrastRenderers checks the refusal on every plain renderer
// given the colours at render time, and that Image, which cannot fail,
// keeps the Code's colours instead.
func TestColorsContrastRenderers(t *testing.T) {
	code, err := Encode("hello", M)
	if err != nil {
		t.Fatal(err)
	}
	grey := Colors(color.Gray{0x77}, color.Gray{0x88})
	if _, err := code.PNG(grey); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("PNG: %v", err)
	}
	if err := code.WriteSVG(io.Discard, grey); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("WriteSVG: %v", err)
	}
	if _, err := code.Raster(grey); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("Raster: %v", err)
	}
	if p := code.Image(grey).ColorModel().(color.Palette); p[0] != color.Color(color.White) || p[1] != color.Color(color.Black) {
		t.Errorf("Image palette %v, want the Code's white and black", p)
	}
}
