package synth

import (
	"image"
	"math/rand/v2"
)

// Clutter: shapes a camera meets around a code — blocks of colour, round
// things, edges, printed text, stripes and checks. The text rows and
// checkerboards are the hard part for a reader: dark-light-dark runs
// everywhere, some with the 1:1:3:1:1 rhythm of a finder pattern by chance.

// shapeKinds is the number of kinds drawShape chooses from.
const shapeKinds = 6

// drawBackground fills img with grey bg and draws n random shapes on it.
func drawBackground(img *image.Gray, bg uint8, n int, rng *rand.Rand) {
	for i := range img.Pix {
		img.Pix[i] = bg
	}
	for range n {
		drawShape(img, rng)
	}
}

// drawShape draws one shape of a random kind, size and grey. Sizes scale
// with the canvas's shorter side, so a shape count means the same
// busyness at any resolution.
func drawShape(img *image.Gray, rng *rand.Rand) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	side := max(min(w, h), 8)
	x, y := rng.IntN(w), rng.IntN(h)
	grey := uint8(rng.IntN(256))
	switch rng.IntN(shapeKinds) {
	case 0: // a block
		fillRect(img, image.Rect(x, y, x+1+rng.IntN(side/5), y+1+rng.IntN(side/5)), grey)
	case 1: // a disc
		fillDisc(img, x, y, 1+rng.IntN(side/10), grey)
	case 2: // a straight edge or wire
		drawLine(img, x, y, x+rng.IntN(side/2)-side/4, y+rng.IntN(side/2)-side/4, 1+rng.IntN(max(side/150, 1)+2), grey)
	case 3: // a paragraph of text
		drawText(img, x, y, side, rng)
	case 4: // stripes
		drawStripes(img, image.Rect(x, y, x+1+rng.IntN(side/6), y+1+rng.IntN(side/6)), 2+rng.IntN(max(side/100, 1)+6), rng.IntN(2) == 0, grey)
	default: // a checkerboard
		drawChecks(img, image.Rect(x, y, x+1+rng.IntN(side/6), y+1+rng.IntN(side/6)), 2+rng.IntN(max(side/100, 1)+6), grey)
	}
}

func fillRect(img *image.Gray, r image.Rectangle, grey uint8) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[y*img.Stride+r.Min.X : y*img.Stride+r.Max.X]
		for i := range row {
			row[i] = grey
		}
	}
}

func fillDisc(img *image.Gray, cx, cy, r int, grey uint8) {
	for dy := -r; dy <= r; dy++ {
		y := cy + dy
		if y < 0 || y >= img.Rect.Max.Y {
			continue
		}
		dx := isqrt(r*r - dy*dy)
		fillRect(img, image.Rect(cx-dx, y, cx+dx+1, y+1), grey)
	}
}

// isqrt returns ⌊√n⌋ for n ≥ 0, in integers (deterministic everywhere).
func isqrt(n int) int {
	if n <= 0 {
		return 0
	}
	x := n
	for y := (x + 1) / 2; y < x; y = (x + n/x) / 2 {
		x = y
	}
	return x
}

// drawLine draws a thick segment from (x0, y0) to (x1, y1) as squares
// stepped along it (Bresenham's walk).
func drawLine(img *image.Gray, x0, y0, x1, y1, thick int, grey uint8) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	for {
		fillRect(img, image.Rect(x0, y0, x0+thick, y0+thick), grey)
		if x0 == x1 && y0 == y1 {
			return
		}
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			x0 += sx
		}
		if e2 <= dx {
			e += dx
			y0 += sy
		}
	}
}

// drawText draws a few rows of words: glyphs of two to four strokes in a
// dark ink on a light box, like a printed paragraph seen from afar.
func drawText(img *image.Gray, x, y, side int, rng *rand.Rand) {
	size := 6 + rng.IntN(max(side/60, 1)+10) // glyph height, pixels
	rows, width := 1+rng.IntN(6), size*(6+rng.IntN(30))
	ink, paper := uint8(rng.IntN(90)), uint8(170+rng.IntN(86))
	fillRect(img, image.Rect(x-size, y-size, x+width+size, y+rows*size*2), paper)
	stroke := max(size/6, 1)
	for r := 0; r < rows; r++ {
		top := y + r*size*2
		for gx := x; gx < x+width; {
			word := 2 + rng.IntN(8)
			for range word {
				gw := size/2 + rng.IntN(size/3+1)
				drawGlyph(img, image.Rect(gx, top, gx+gw, top+size), stroke, ink, rng)
				gx += gw + stroke
			}
			gx += size
		}
	}
}

// drawGlyph draws two to four random strokes (bars along an edge or
// through the middle) in box.
func drawGlyph(img *image.Gray, box image.Rectangle, stroke int, ink uint8, rng *rand.Rand) {
	for range 2 + rng.IntN(3) {
		switch rng.IntN(5) {
		case 0: // left stem
			fillRect(img, image.Rect(box.Min.X, box.Min.Y, box.Min.X+stroke, box.Max.Y), ink)
		case 1: // right stem
			fillRect(img, image.Rect(box.Max.X-stroke, box.Min.Y, box.Max.X, box.Max.Y), ink)
		case 2: // top bar
			fillRect(img, image.Rect(box.Min.X, box.Min.Y, box.Max.X, box.Min.Y+stroke), ink)
		case 3: // bottom bar
			fillRect(img, image.Rect(box.Min.X, box.Max.Y-stroke, box.Max.X, box.Max.Y), ink)
		default: // cross bar
			mid := (box.Min.Y + box.Max.Y) / 2
			fillRect(img, image.Rect(box.Min.X, mid, box.Max.X, mid+stroke), ink)
		}
	}
}

// drawStripes draws bars of width period/2 every period pixels across r,
// vertical or horizontal.
func drawStripes(img *image.Gray, r image.Rectangle, period int, vertical bool, grey uint8) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			k := y - r.Min.Y
			if vertical {
				k = x - r.Min.X
			}
			if k%period < period/2 {
				img.Pix[y*img.Stride+x] = grey
			}
		}
	}
}

// drawChecks draws a checkerboard of squares of side period/2 over r.
func drawChecks(img *image.Gray, r image.Rectangle, period int, grey uint8) {
	r = r.Intersect(img.Rect)
	half := max(period/2, 1)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if ((x-r.Min.X)/half+(y-r.Min.Y)/half)%2 == 0 {
				img.Pix[y*img.Stride+x] = grey
			}
		}
	}
}

func abs(x int) int { return max(x, -x) }

func sign(x int) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}
