package qr

import (
	"image/color"
	"math"
	"testing"
)

func TestContrast(t *testing.T) {
	navy := color.RGBA{0x1a, 0x23, 0x7e, 0xff}
	tests := []struct {
		name string
		a, b color.Color
		want float64
	}{
		{"black on white", color.Black, color.White, 1},
		{"white on black", color.White, color.Black, 1},
		{"same colour", navy, navy, 0},
		{"red and green: luminance, not RGB", color.RGBA{0xff, 0, 0, 0xff}, color.RGBA{0, 0xff, 0, 0xff}, 0.7152 - 0.2126},
		// sRGB 0x80 decodes to ((128/255+0.055)/1.055)^2.4 of linear light.
		{"mid grey on white", color.Gray{0x80}, color.White, 1 - 0.21586050011389923},
		{"navy on white", navy, color.White, 1 - 0.029280337539051206},
		{"16-bit grey", color.Gray16{0x8080}, color.Black, 0.21586050011389923},
		{"transparent is white", color.Black, color.Transparent, 1},
		{"transparent on white", color.Transparent, color.White, 0},
		// Half-transparent black over white: premultiplied (0,0,0,0x8080)
		// shows 0x7f7f of white in each component.
		{"half black over white", color.NRGBA{0, 0, 0, 0x80}, color.White, 1 - 0.21223075741405512},
		{"nil", nil, color.White, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Contrast(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Contrast = %.12f, want %.12f", got, tt.want)
			}
		})
	}
}

// TestMinContrastPairs pins which everyday pairs MinContrast accepts.
func TestMinContrastPairs(t *testing.T) {
	tests := []struct {
		name        string
		dark, light color.Color
		ok          bool
	}{
		{"black on white", color.Black, color.White, true},
		{"indigo on white", color.RGBA{0x1a, 0x23, 0x7e, 0xff}, color.White, true},
		{"orange on white", color.RGBA{0xff, 0x98, 0x00, 0xff}, color.White, true},
		{"black on yellow", color.Black, color.RGBA{0xff, 0xeb, 0x3b, 0xff}, true},
		{"yellow on white", color.RGBA{0xff, 0xeb, 0x3b, 0xff}, color.White, false},
		{"light grey on white", color.Gray{0xd0}, color.White, false},
		{"black on dark grey", color.Black, color.Gray{0x59}, false},
	}
	for _, tt := range tests {
		if got := Contrast(tt.dark, tt.light) >= MinContrast; got != tt.ok {
			t.Errorf("%s: contrast %.3f, accepted %v, want %v", tt.name, Contrast(tt.dark, tt.light), got, tt.ok)
		}
	}
}

func TestContrastAllocs(t *testing.T) {
	var dark, light color.Color = color.RGBA{0x6a, 0x1b, 0x9a, 0xff}, color.White
	if n := testing.AllocsPerRun(100, func() { Contrast(dark, light) }); n != 0 {
		t.Errorf("Contrast allocates %v times", n)
	}
}

func TestLumaRatio(t *testing.T) {
	tests := []struct {
		name        string
		dark, light color.Color
		want        float64
		ok          bool // at most MaxLumaRatio
	}{
		{"black on white", color.Black, color.White, 0, true},
		{"grey 128 on white", color.Gray{128}, color.White, 128.0 / 255, false},
		{"grey 100 on grey 200", color.Gray{100}, color.Gray{200}, 0.5, false},
		{"orange on white", color.RGBA{0xff, 0x6d, 0x00, 0xff}, color.White, (0.299*255 + 0.587*0x6d) / 255, false},
		{"teal on cream", color.RGBA{0x00, 0x89, 0x7b, 0xff}, color.RGBA{0xff, 0xf8, 0xe1, 0xff},
			(0.587*0x89 + 0.114*0x7b) / (0.299*0xff + 0.587*0xf8 + 0.114*0xe1), true},
		{"reversed", color.White, color.Black, math.Inf(1), false},
		{"transparent light is white", color.Gray{51}, color.Transparent, 0.2, true},
	}
	for _, tt := range tests {
		got := LumaRatio(tt.dark, tt.light)
		if math.Abs(got-tt.want) > 1e-9 && !(math.IsInf(got, 1) && math.IsInf(tt.want, 1)) {
			t.Errorf("%s: LumaRatio = %.6f, want %.6f", tt.name, got, tt.want)
		}
		if (got <= MaxLumaRatio) != tt.ok {
			t.Errorf("%s: %.3f accepted %v, want %v", tt.name, got, got <= MaxLumaRatio, tt.ok)
		}
	}
	if !math.IsNaN(LumaRatio(nil, color.White)) {
		t.Error("LumaRatio of a nil colour is not NaN")
	}
}
