package qr

import (
	"flag"
	"fmt"
	"image"
	"slices"
	"strings"
	"testing"
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
