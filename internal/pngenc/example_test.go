package pngenc_test

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"

	"github.com/qrworks/qrworks/internal/pngenc"
)

// checker is a grid of modules in packed rows: a checkerboard.
type checker struct{ rows [][]uint64 }

func (c checker) Row(y int) []uint64 { return c.rows[y] }

// A 43×7 grid (the shape of the smallest rMQR symbol) at 4 pixels per
// module with a 2-module quiet zone, navy on white: a palette image.
func Example() {
	const w, h = 43, 7
	grid := checker{rows: make([][]uint64, h)}
	for y := range grid.rows {
		grid.rows[y] = []uint64{0xAAAAAAAAAAAAAAAA >> (y % 2)}
	}
	var e pngenc.Encoder // reuse it: a reused Encoder does not allocate
	file, err := e.Append(nil, grid, pngenc.Options{
		Width: w, Height: h, Scale: 4, Quiet: 2,
		Dark:  color.NRGBA{0, 0, 0x80, 0xff},
		Light: color.NRGBA{0xff, 0xff, 0xff, 0xff},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err := png.Decode(bytes.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Bounds().Dx(), "×", img.Bounds().Dy(), "pixels")
	fmt.Println(img.At(8, 8), img.At(12, 8))
	// Output:
	// 188 × 44 pixels
	// {0 0 128 255} {255 255 255 255}
}
