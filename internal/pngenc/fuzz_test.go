package pngenc

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzAppend writes arbitrary grids, square or not, at arbitrary scales,
// quiet zones and colours, and checks the file with image/png pixel for
// pixel; invalid options must give ErrInvalid, never a panic.
func FuzzAppend(f *testing.F) {
	f.Add(uint8(43), uint8(7), uint8(10), uint8(4), uint8(0), []byte{0x5a, 0xa5, 0xff})
	f.Add(uint8(1), uint8(1), uint8(2), uint8(0), uint8(1), []byte{0})
	f.Add(uint8(0), uint8(3), uint8(1), uint8(1), uint8(2), []byte{1})
	f.Add(uint8(177), uint8(139), uint8(3), uint8(1), uint8(3), bytes.Repeat([]byte{0xff, 0}, 200))
	f.Fuzz(func(t *testing.T, width, height, scale, quiet, colour uint8, bits []byte) {
		w, h := int(width), int(height)
		s, q := int(scale)%14-1, int(quiet)%7-1 // -1 is invalid
		c := colourSets[int(colour)%len(colourSets)]
		g := newGrid(max(w, 1), max(h, 1))
		for y := 0; y < h && len(bits) > 0; y++ {
			for x := 0; x < w; x++ {
				if k := (y*w + x) % (8 * len(bits)); bits[k/8]>>(k%8)&1 != 0 {
					g.set(x, y)
				}
			}
		}
		var e Encoder
		file, err := e.Append(nil, g, Options{Width: w, Height: h, Scale: s, Quiet: q, Dark: c.dark, Light: c.light})
		if w < 1 || h < 1 || s < 1 || q < 0 {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("%d×%d scale %d quiet %d: err = %v, want ErrInvalid", w, h, s, q, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkPixels(t, file, g, s, q, c)
	})
}
