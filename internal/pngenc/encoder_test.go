package pngenc

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden PNG files in testdata/")

// goldenCases are the files of testdata/: PNGs of the grids in testdata/,
// written by this package's lazy parse (TestGolden decodes each before
// comparing it, and TestPNGCheck has pngcheck read them). W4 is the W4
// benchmark's image.
var goldenCases = []struct {
	grid         string
	scale, quiet int
	colours      colours
	file         string
}{
	{"w4", 10, 4, blackWhite, "w4-s10-q4-grey.png"},
	{"w4", 1, 0, blackWhite, "w4-s1-q0-grey.png"},
	{"v1", 7, 1, colourSets[1], "v1-s7-q1-palette.png"},
	{"v10", 3, 2, colourSets[2], "v10-s3-q2-trns.png"},
	{"v10", 8, 4, blackWhite, "v10-s8-q4-grey.png"},
	{"v40", 2, 4, colourSets[3], "v40-s2-q4-trns.png"},
	{"v40", 13, 4, blackWhite, "v40-s13-q4-grey.png"},
	{"random29", 4, 4, blackWhite, "random29-s4-q4-grey.png"},
	{"random29", 5, 3, colourSets[4], "random29-s5-q3-palette.png"},
}

// TestGolden pins the output byte for byte. Run with -update only after an
// intended change of the output, and say why in the commit.
func TestGolden(t *testing.T) {
	var e Encoder // one Encoder for all: reuse must not change the output
	for _, tc := range goldenCases {
		t.Run(tc.file, func(t *testing.T) {
			g := readGrid(t, tc.grid)
			got, err := e.Append(nil, g, g.options(tc.scale, tc.quiet, tc.colours))
			if err != nil {
				t.Fatal(err)
			}
			checkPixels(t, got, g, tc.scale, tc.quiet, tc.colours)
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%d bytes differ from the golden file's %d", len(got), len(want))
			}
		})
	}
}

// TestW4Size: the W4 image is 671 bytes, smaller than image/png's 706 at
// best compression.
func TestW4Size(t *testing.T) {
	g := readGrid(t, "w4")
	var e Encoder
	out, err := e.Append(nil, g, g.options(10, 4, blackWhite))
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 671 {
		t.Fatalf("W4 is %d bytes, want 671", len(out))
	}
}

// TestPixels checks square and rectangular grids (rMQR symbols are up to
// 139×17 modules, Micro QR 11×11 to 17×17) of every width class: under one
// word, exactly one, across words.
func TestPixels(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 1))
	shapes := [][2]int{
		{1, 1}, {21, 21}, {11, 11}, {43, 7}, {7, 43}, {139, 17}, {27, 13},
		{64, 2}, {65, 3}, {128, 5}, {177, 177}, {3, 100},
	}
	scales := []int{1, 2, 3, 8, 10}
	if testing.Short() {
		scales = []int{1, 3, 10}
	}
	var e Encoder
	for i, s := range shapes {
		g := randomGrid(rng, s[0], s[1])
		for j, scale := range scales {
			for k, quiet := range []int{0, 1, 4} {
				c := colourSets[(i+j+k)%len(colourSets)]
				name := fmt.Sprintf("%dx%d-s%d-q%d-%s", s[0], s[1], scale, quiet, c.name)
				t.Run(name, func(t *testing.T) {
					file, err := e.Append(nil, g, g.options(scale, quiet, c))
					if err != nil {
						t.Fatal(err)
					}
					checkPixels(t, file, g, scale, quiet, c)
				})
			}
		}
	}
}

// TestLargestImages writes images at the size limit, one scanline of
// MaxSide pixels (the longest a copy must span) and one column of MaxSide
// rows.
func TestLargestImages(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 2))
	var e Encoder
	for _, s := range [][3]int{{MaxSide - 8, 1, 1}, {MaxSide/4 - 8, 3, 4}, {1, MaxSide - 8, 1}, {2, MaxSide/8 - 8, 8}} {
		g := randomGrid(rng, s[0], s[1])
		scale, quiet := s[2], 4
		file, err := e.Append(nil, g, g.options(scale, quiet, blackWhite))
		if err != nil {
			t.Fatalf("%v: %v", s, err)
		}
		checkPixels(t, file, g, scale, quiet, blackWhite)
	}
}

func TestInvalidOptions(t *testing.T) {
	ok := Options{Width: 21, Height: 21, Scale: 1, Quiet: 4, Dark: black, Light: white}
	tests := []struct {
		name string
		edit func(*Options)
	}{
		{"zero width", func(o *Options) { o.Width = 0 }},
		{"negative height", func(o *Options) { o.Height = -7 }},
		{"scale 0", func(o *Options) { o.Scale = 0 }},
		{"negative quiet zone", func(o *Options) { o.Quiet = -1 }},
		{"too wide", func(o *Options) { o.Width = MaxSide - 7 }},
		{"too tall", func(o *Options) { o.Height, o.Scale = 3, MaxSide/3 }},
		{"huge width", func(o *Options) { o.Width = 1 << 62 }},
		{"huge scale", func(o *Options) { o.Scale = 1 << 62 }},
		{"huge quiet zone", func(o *Options) { o.Quiet = 1 << 62 }},
		{"huge both", func(o *Options) { o.Quiet, o.Scale = 1<<40, 1<<40 }},
	}
	g := newGrid(21, 21)
	var e Encoder
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := ok
			tt.edit(&o)
			dst := []byte("kept")
			out, err := e.Append(dst, g, o)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if string(out) != "kept" {
				t.Fatalf("dst changed to %q", out)
			}
		})
	}
	if _, err := e.Append(nil, g, ok); err != nil {
		t.Fatalf("valid options: %v", err)
	}
}

// TestAppend: the file is appended after what dst holds.
func TestAppend(t *testing.T) {
	g := readGrid(t, "v1")
	var e Encoder
	alone, err := e.Append(nil, g, g.options(3, 4, blackWhite))
	if err != nil {
		t.Fatal(err)
	}
	out, err := e.Append([]byte("prefix"), g, g.options(3, 4, blackWhite))
	if err != nil {
		t.Fatal(err)
	}
	if string(out[:6]) != "prefix" || !bytes.Equal(out[6:], alone) {
		t.Fatal("Append did not append the same file after dst's contents")
	}
}

// TestReuseMatchesNew: an Encoder that wrote other images, of other widths,
// heights, scales and colours, writes the same bytes as a new one.
func TestReuseMatchesNew(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 3))
	target := randomGrid(rng, 43, 9)
	var fresh Encoder
	want, err := fresh.Append(nil, target, target.options(5, 2, colourSets[1]))
	if err != nil {
		t.Fatal(err)
	}
	var used Encoder
	for _, s := range [][3]int{{177, 177, 1}, {43, 9, 3}, {7, 43, 10}, {43, 9, 5}} {
		g := randomGrid(rng, s[0], s[1])
		if _, err := used.Append(nil, g, g.options(s[2], 4, colourSets[2])); err != nil {
			t.Fatal(err)
		}
	}
	got, err := used.Append(nil, target, target.options(5, 2, colourSets[1]))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("a reused Encoder writes different bytes from a new one")
	}
}

// TestAllocs: a reused Encoder appending into a buffer with room does not
// allocate, for square and rectangular grids and every colour type.
func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts differ under coverage and the race detector")
	}
	w4 := readGrid(t, "w4")
	rmqr := randomGrid(rand.New(rand.NewPCG(12, 4)), 139, 17)
	tests := []struct {
		name string
		g    *grid
		o    Options
	}{
		{"W4", w4, w4.options(10, 4, blackWhite)},
		{"W4 palette", w4, w4.options(10, 4, colourSets[1])},
		{"139x17 tRNS", rmqr, rmqr.options(4, 2, colourSets[2])},
	}
	var e Encoder
	buf := make([]byte, 0, 1<<16)
	for _, tt := range tests {
		if _, err := e.Append(buf, tt.g, tt.o); err != nil { // warm up the scratch
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() {
			if _, err := e.Append(buf[:0], tt.g, tt.o); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: Append allocates %v times per call, want 0", tt.name, n)
		}
	}
}

// maxScratch bounds the scratch of the matcher (ring and chain) and the
// parse (nodes) that an Encoder keeps. The deflate Writer's token buffer
// adds about a block's worth (64 Ki tokens of 4 bytes): about the 1 MiB
// the Encoder's godoc promises.
const maxScratch = 768 << 10

// TestScratchBounded writes the images that need the most scratch — the
// widest scanlines, and the narrowest ones at scale 1, which keep the most
// lines in the window — and checks what the Encoder keeps.
func TestScratchBounded(t *testing.T) {
	for _, s := range [][2]int{{1, 1}, {1, 9}, {9, 1}, {17, 1}, {MaxSide/2 - 8, 1}, {MaxSide, 1}, {MaxSide/2 + 1, 1}} {
		var e Encoder
		g := newGrid(s[0], 3)
		if _, err := e.Append(nil, g, g.options(s[1], 0, blackWhite)); err != nil {
			t.Fatal(err)
		}
		kept := cap(e.lz.ring) + 4*cap(e.lz.chain) + 4*cap(e.parse.litSum)
		if kept > maxScratch {
			t.Errorf("%d modules at scale %d: the Encoder keeps %d bytes, over %d", s[0], s[1], kept, maxScratch)
		}
	}
}
