package qr

import (
	"errors"
	"image"
	"image/color"
	"math"
	"testing"
)

func TestStyleOptions(t *testing.T) {
	logo := flatLogo(40, 20)
	tall := flatLogo(10, 40)
	red := color.RGBA{0xc6, 0x28, 0x28, 0xff}
	tests := []struct {
		name   string
		opts   []Option
		ok     bool
		styled bool
	}{
		{"none", nil, true, false},
		{"square modules", []Option{Modules(Square), Finders(Square)}, true, false},
		{"dots", []Option{Modules(Dots)}, true, true},
		{"rounded finders", []Option{Finders(Rounded)}, true, true},
		{"bad module shape", []Option{Modules(Shape(7))}, false, false},
		{"bad finder shape", []Option{Finders(numShapes)}, false, false},
		{"gradient", []Option{Gradient(red, color.Black, 30)}, true, true},
		{"gradient removed", []Option{Gradient(red, color.Black, 30), Gradient(nil, nil, 0)}, true, false},
		{"gradient nil colour", []Option{Gradient(nil, color.Black, 0)}, false, false},
		{"gradient NaN angle", []Option{Gradient(red, color.Black, math.NaN())}, false, false},
		{"gradient infinite angle", []Option{Gradient(red, color.Black, math.Inf(1))}, false, false},
		{"radial", []Option{RadialGradient(red, color.Black)}, true, true},
		{"radial removed", []Option{RadialGradient(red, color.Black), RadialGradient(nil, nil)}, true, false},
		{"radial nil colour", []Option{RadialGradient(red, nil)}, false, false},
		{"logo", []Option{Logo(logo, 0.2)}, true, true},
		{"logo largest", []Option{Logo(logo, MaxLogoRatio)}, true, true},
		{"logo removed", []Option{Logo(logo, 0.2), Logo(nil, 0)}, true, false},
		{"logo too large", []Option{Logo(logo, 0.51)}, false, false},
		{"logo zero ratio", []Option{Logo(logo, 0)}, false, false},
		{"logo NaN ratio", []Option{Logo(logo, math.NaN())}, false, false},
		{"logo too tall", []Option{Logo(tall, 0.2)}, false, false},
		{"tall logo small enough", []Option{Logo(tall, 0.1)}, true, true},
		{"logo nil image", []Option{Logo(nil, 0.2)}, false, false},
		{"logo empty image", []Option{Logo(image.NewRGBA(image.Rectangle{}), 0.2)}, false, false},
		{"logo without bounds", []Option{Logo(image.NewUniform(color.Black), 0.2)}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c config
			c.reset(tt.opts)
			if (c.err == nil) != tt.ok {
				t.Fatalf("error %v, want ok %v", c.err, tt.ok)
			}
			if c.err != nil && !errors.Is(c.err, ErrInvalidOption) {
				t.Errorf("error %v does not wrap ErrInvalidOption", c.err)
			}
			if c.style.styled() != tt.styled {
				t.Errorf("styled = %v, want %v", c.style.styled(), tt.styled)
			}
		})
	}
}

func TestShapeNames(t *testing.T) {
	for s := Square; s < numShapes; s++ {
		got, ok := ParseShape(s.String())
		if !ok || got != s {
			t.Errorf("ParseShape(%q) = %v, %v", s.String(), got, ok)
		}
	}
	if _, ok := ParseShape("star"); ok {
		t.Error(`ParseShape("star") succeeded`)
	}
	if got := Shape(9).String(); got != "Shape(9)" {
		t.Errorf("Shape(9).String() = %q", got)
	}
}

// TestOutlineAreas rasterises each outline at a large scale and compares
// its coverage with the area the geometry gives: a square, a dot of
// dotDiameter, a rounded module with one and with four round corners, and
// the finder eyes.
func TestOutlineAreas(t *testing.T) {
	const s = 64
	quarter := (1 - math.Pi/4) * 0.25 // area a 0.5-radius round corner takes off
	eye := func(outer, hole, centre float64) float64 {
		rr := func(side, r float64) float64 { return side*side - (4-math.Pi)*r*r }
		return rr(7, outer) - rr(5, hole) + rr(3, centre)
	}
	tests := []struct {
		name  string
		w     int
		trace func(pen)
		area  float64 // in modules
	}{
		{"square", s, func(p pen) { moduleOutline(p, Square, 0, 0, 0) }, 1},
		{"dot", s, func(p pen) { moduleOutline(p, Dots, 0, 0, 0) }, math.Pi * dotDiameter * dotDiameter / 4},
		{"rounded alone", s, func(p pen) { moduleOutline(p, Rounded, 0, 0, 0) }, math.Pi / 4},
		{"rounded with a neighbour up", s, func(p pen) { moduleOutline(p, Rounded, 0, 0, darkUp) }, 1 - 2*quarter},
		{"rounded in a row", s, func(p pen) { moduleOutline(p, Rounded, 0, 0, darkLeft|darkRight) }, 1},
		{"square eye", 7 * s, func(p pen) { eyeOutline(p, Square, 0, 0) }, 49 - 25 + 9},
		{"rounded eye", 7 * s, func(p pen) { eyeOutline(p, Rounded, 0, 0) }, eye(2, 1, 1)},
		{"circular eye", 7 * s, func(p pen) { eyeOutline(p, Dots, 0, 0) }, eye(2.5, 1.5, 0) - 9 + math.Pi*1.5*1.5},
	}
	for _, tt := range tests {
		tile := rasterTile(tt.w, tt.w, s, tt.trace)
		var sum float64
		for _, a := range tile.a {
			sum += float64(a) / 255
		}
		got := sum / (s * s)
		// The rasteriser flattens curves into chords, which cut a little
		// off each round part: under 1% at this size.
		if math.Abs(got-tt.area) > 0.01*tt.area {
			t.Errorf("%s: area %.4f modules, want %.4f", tt.name, got, tt.area)
		}
	}
}

// TestEyeProportions reads the lines through the centre of each eye shape
// and checks the 1:1:3:1:1 proportions readers look for.
func TestEyeProportions(t *testing.T) {
	const s = 20
	for sh := Square; sh < numShapes; sh++ {
		tile := rasterTile(7*s, 7*s, s, func(p pen) { eyeOutline(p, sh, 0, 0) })
		mid := 7 * s / 2
		for i := 0; i < 7; i++ {
			want := i != 1 && i != 5 // dark, light, dark ×3, light, dark
			c := i*s + s/2
			for _, px := range [2]uint8{tile.a[mid*7*s+c], tile.a[c*7*s+mid]} {
				if (px > 127) != want {
					t.Errorf("%v eye: module %d of the centre line reads %d", sh, i, px)
				}
			}
		}
	}
}
