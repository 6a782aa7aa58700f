package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"testing"
)

func TestImage(t *testing.T) {
	for _, v := range []int{1, 5, 40} {
		c, _ := encodeVersion(t, v, M)
		for _, scale := range []int{1, 3} {
			for _, quiet := range []int{0, 4} {
				for _, cp := range colourPairs {
					img := c.Image(Scale(scale), QuietZone(quiet), Colors(cp.dark, cp.light))
					side := (c.Size() + 2*quiet) * scale
					if img.Bounds() != image.Rect(0, 0, side, side) {
						t.Fatalf("bounds %v, want side %d", img.Bounds(), side)
					}
					for y := -1; y <= side; y++ {
						for x := -1; x <= side; x++ {
							want := uint8(0)
							if x >= 0 && y >= 0 && c.Module(x/scale-quiet, y/scale-quiet) {
								want = 1
							}
							if got := img.ColorIndexAt(x, y); got != want {
								t.Fatalf("ColorIndexAt(%d,%d) = %d, want %d", x, y, got, want)
							}
							if x >= 0 && y >= 0 && x < side && y < side && img.At(x, y) != img.ColorModel().(color.Palette)[want] {
								t.Fatalf("At(%d,%d) is not the palette colour", x, y)
							}
						}
					}
				}
			}
		}
	}
}

// TestImageComposes draws the image with image/draw and writes it with
// image/png, then compares with our own PNG writer pixel for pixel.
func TestImageComposes(t *testing.T) {
	c, _ := encodeVersion(t, 7, H)
	img := c.Image(Scale(2))
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		t.Fatal(err)
	}
	checkPixels(t, buf.Bytes(), c, 2, DefaultQuietZone, color.Black, color.White)
}

func TestImageInvalidOptions(t *testing.T) {
	c, _ := Encode("image", H)
	def := c.Image().Bounds()
	for _, opts := range [][]Option{{Scale(0)}, {Scale(-1)}, {QuietZone(-4)}, {Scale(1 << 40)}, {QuietZone(1 << 40)}, {Colors(nil, color.White)}} {
		img := c.Image(opts...)
		if img.Bounds() != def {
			t.Errorf("bounds %v, want the defaults' %v", img.Bounds(), def)
		}
		if img.ColorModel().(color.Palette)[0] == nil || img.ColorModel().(color.Palette)[1] == nil {
			t.Error("nil colour in palette")
		}
	}
	var empty Code
	if b := empty.Image().Bounds(); b.Dx() != 2*DefaultQuietZone*DefaultScale {
		t.Errorf("empty Code image %v, want all quiet zone", b)
	}
}

func TestImageIsASnapshot(t *testing.T) {
	var c Code
	if err := c.Encode("first", H); err != nil {
		t.Fatal(err)
	}
	img := c.Image(Scale(1), QuietZone(0))
	before := make([]uint8, 0, c.Size()*c.Size())
	for y := 0; y < c.Size(); y++ {
		for x := 0; x < c.Size(); x++ {
			before = append(before, img.ColorIndexAt(x, y))
		}
	}
	if err := c.Encode("SECOND", H, MinVersion(1), MaxVersion(1)); err != nil {
		t.Fatal(err)
	}
	i := 0
	for y := 0; y < 21; y++ {
		for x := 0; x < 21; x++ {
			if img.ColorIndexAt(x, y) != before[i] {
				t.Fatal("the image changed when its Code was re-encoded")
			}
			i++
		}
	}
}
