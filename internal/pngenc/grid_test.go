package pngenc

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// grid is a test grid of modules in the packed layout of Modules, so that
// the writer can be checked on any pattern and any shape.
type grid struct {
	w, h int
	rows [][]uint64
}

func newGrid(w, h int) *grid {
	g := &grid{w: w, h: h, rows: make([][]uint64, h)}
	for y := range g.rows {
		g.rows[y] = make([]uint64, (w+63)/64)
	}
	return g
}

func (g *grid) Row(y int) []uint64 { return g.rows[y] }

func (g *grid) set(x, y int) { g.rows[y][x/64] |= 1 << (63 - x%64) }

// dark reports whether module (x, y) is dark; outside the grid, the quiet
// zone, it is light.
func (g *grid) dark(x, y int) bool {
	if x < 0 || y < 0 || x >= g.w || y >= g.h {
		return false
	}
	return g.rows[y][x/64]>>(63-x%64)&1 != 0
}

// options returns the Options of g's image.
func (g *grid) options(scale, quiet int, c colours) Options {
	return Options{Width: g.w, Height: g.h, Scale: scale, Quiet: quiet, Dark: c.dark, Light: c.light}
}

// randomGrid returns a w×h grid whose modules are dark with probability
// 1/2, and whose padding bits beyond w are set, which the writer must
// ignore.
func randomGrid(rng *rand.Rand, w, h int) *grid {
	g := newGrid(w, h)
	for y := range g.rows {
		for x := 0; x < w; x++ {
			if rng.IntN(2) == 0 {
				g.set(x, y)
			}
		}
		if w%64 != 0 {
			g.rows[y][w/64] |= ^uint64(0) >> (w % 64)
		}
	}
	return g
}

// readGrid reads testdata/name.txt: one line per row, '#' dark, '.' light.
func readGrid(t testing.TB, name string) *grid {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	g := newGrid(len(lines[0]), len(lines))
	for y, line := range lines {
		if len(line) != g.w {
			t.Fatalf("%s: row %d has %d modules, want %d", name, y, len(line), g.w)
		}
		for x, c := range []byte(line) {
			if c == '#' {
				g.set(x, y)
			}
		}
	}
	return g
}

// colours is a pair of module colours.
type colours struct {
	name        string
	dark, light color.NRGBA
}

var (
	black      = color.NRGBA{0, 0, 0, 0xff}
	white      = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	blackWhite = colours{"black on white", black, white}
	colourSets = []colours{
		blackWhite,
		{"navy on cream", color.NRGBA{0, 0, 0x80, 0xff}, color.NRGBA{0xff, 0xfd, 0xd0, 0xff}},
		{"transparent light", black, color.NRGBA{}},
		{"half-transparent dark", color.NRGBA{0x20, 0x40, 0x60, 0x80}, white},
		{"white on black", white, black},
	}
)

// checkPixels decodes file with image/png and compares every pixel with
// the grid: dark modules dark, light modules and the quiet zone light. The
// image must be greyscale for black on white and paletted otherwise.
func checkPixels(t *testing.T, file []byte, g *grid, scale, quiet int, c colours) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(file))
	if err != nil {
		t.Fatalf("image/png cannot decode our PNG: %v", err)
	}
	w, h := (g.w+2*quiet)*scale, (g.h+2*quiet)*scale
	if got := img.Bounds(); got != image.Rect(0, 0, w, h) {
		t.Fatalf("bounds %v, want %dx%d", got, w, h)
	}
	switch img.(type) {
	case *image.Gray:
		if c != blackWhite {
			t.Fatalf("%s decoded as greyscale", c.name)
		}
	case *image.Paletted:
		if c == blackWhite {
			t.Fatal("black on white decoded as paletted, want greyscale")
		}
	default:
		t.Fatalf("decoded as %T", img)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			want := c.light
			if g.dark(x/scale-quiet, y/scale-quiet) {
				want = c.dark
			}
			if got := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA); got != want {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, got, want)
			}
		}
	}
}
