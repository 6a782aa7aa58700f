package qr

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qrworks/qrworks/decode"
)

var styleMeasure = flag.Bool("stylemeasure", false, "print the measurements of docs/styling.md")

// TestStyleLogoCapacity measures, for every version and level, the largest
// logo (in hundredths of the symbol's width) whose damage alone leaves
// MinSpareEC in every block: every smaller logo passes too. It prints the
// table of docs/styling.md under -stylemeasure, and checks at a few
// versions that level H carries more than level L.
func TestStyleLogoCapacity(t *testing.T) {
	versions := []int{2, 10, 25}
	if *styleMeasure {
		versions = nil
		for v := 1; v <= 40; v++ {
			versions = append(versions, v)
		}
	}
	logo := flatLogo(100, 100)
	capacity := map[Level][]float64{}
	for _, v := range versions {
		for _, level := range levels {
			c, _ := encodeVersion(t, v, level)
			capacity[level] = append(capacity[level], logoCapacity(c, logo))
		}
		// The levels need not order version by version (the codewords a
		// logo cuts fall on the blocks unevenly), but H carries more than L.
		if i := len(capacity[H]) - 1; capacity[H][i] <= capacity[L][i] {
			t.Errorf("version %d: level H carries a logo of %.2f, L one of %.2f", v, capacity[H][i], capacity[L][i])
		}
	}
	if !*styleMeasure {
		return
	}
	var b strings.Builder
	b.WriteString("| level | versions 1–40: least | median | most |\n|---|---|---|---|\n")
	for _, level := range levels {
		c := slices.Clone(capacity[level])
		slices.Sort(c)
		fmt.Fprintf(&b, "| %v | %.2f | %.2f | %.2f |\n", level, c[0], c[len(c)/2], c[len(c)-1])
	}
	b.WriteString("\nby version (L M Q H):")
	for i, v := range versions {
		fmt.Fprintf(&b, "\n%2d:", v)
		for _, level := range levels {
			fmt.Fprintf(&b, " %.2f", capacity[level][i])
		}
	}
	t.Log("\n" + b.String())
}

// logoCapacity returns the largest ratio, in hundredths, such that logos of
// every ratio up to it leave MinSpareEC in c's blocks, drawn at 4 pixels a
// module.
func logoCapacity(c *Code, logo image.Image) float64 {
	best := 0.0
	for r := 1; r <= 50; r++ {
		ratio := float64(r) / 100
		rend, err := c.settings([]Option{Logo(logo, ratio), Scale(4)})
		if err != nil {
			panic(err)
		}
		if newCanvas(&c.sym, &rend).logoSpare() < MinSpareEC {
			break
		}
		best = ratio
	}
	return best
}

// TestStylePNGSizes prints, under -stylemeasure, the PNG sizes behind the
// colour types of styled PNGs (docs/styling.md): each styled canvas
// written as the palette image the renderers use and as RGBA.
func TestStylePNGSizes(t *testing.T) {
	if !*styleMeasure {
		t.Skip("a measurement: -stylemeasure")
	}
	navy, purple := color.RGBA{0x1a, 0x23, 0x7e, 0xff}, color.RGBA{0x6a, 0x1b, 0x9a, 0xff}
	var b strings.Builder
	b.WriteString("| symbol | styling | plain PNG | palette PNG | RGBA PNG |\n|---|---|---|---|---|\n")
	for _, text := range []string{menuURL, strings.Repeat("https://example.com/", 6)} {
		code, err := Encode(text, H)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []struct {
			name string
			opts []Option
		}{
			{"dots", []Option{Modules(Dots), Finders(Dots)}},
			{"rounded", []Option{Modules(Rounded), Finders(Rounded)}},
			{"linear gradient", []Option{Gradient(navy, purple, 45)}},
			{"dots, gradient", []Option{Modules(Dots), Gradient(navy, purple, 45)}},
		} {
			r, _ := code.settings(st.opts)
			_, cv, err := code.draw(&r)
			if err != nil {
				t.Fatal(err)
			}
			plain, _ := code.PNG()
			pal, _ := stdPNG(cv.paletted())
			rgba, _ := stdPNG(cv.rgba())
			fmt.Fprintf(&b, "| %d-H, %d px | %s | %d | %d | %d |\n", code.Version(), cv.side, st.name, len(plain), len(pal), len(rgba))
		}
	}
	t.Log("\n" + b.String())
}

// TestStyleSmallReading prints, under -stylemeasure, which plain and
// shaped codes of versions 1 to 40 (every third) the decoder reads at 2
// and 3 pixels a module, lightly blurred as the check does, with its first
// pass alone and with its whole search, and the time the whole search
// takes at most: the measurement behind smallReadScale.
func TestStyleSmallReading(t *testing.T) {
	if !*styleMeasure {
		t.Skip("a measurement: -stylemeasure")
	}
	var b strings.Builder
	b.WriteString("| modules, finders | px/module | first pass misses | whole search misses | slowest whole search |\n|---|---|---|---|---|\n")
	for _, sh := range [][2]Shape{{Square, Square}, {Rounded, Rounded}, {Dots, Dots}} {
		for _, ppm := range []int{2, 3} {
			var fast, full []string
			var slowest time.Duration
			for v := 1; v <= 40; v += 3 {
				code, _ := encodeVersion(t, v, M)
				r, _ := code.settings([]Option{Modules(sh[0]), Finders(sh[1]), Scale(10)})
				img, cv, err := code.draw(&r)
				if err != nil {
					t.Fatal(err)
				}
				side := (cv.n + 2*cv.q) * ppm
				g := grayImage(blur(boxResample(luminancePlane(img), cv.side, side), side), side)
				if _, err := decode.Image(g, decode.Fast()); err != nil {
					fast = append(fast, fmt.Sprint(v))
				}
				start := time.Now()
				if _, err := decode.Image(g); err != nil {
					full = append(full, fmt.Sprint(v))
				}
				slowest = max(slowest, time.Since(start))
			}
			fmt.Fprintf(&b, "| %v, %v | %d | %s | %s | %v |\n", sh[0], sh[1], ppm, strings.Join(fast, " "), strings.Join(full, " "), slowest.Round(time.Millisecond))
		}
	}
	t.Log("\n" + b.String())
}
