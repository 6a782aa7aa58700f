package synth

import (
	"image"
	"math"
)

// print is a symbol as a lookup for the sampler: its modules copied once
// out of the Grid, its grey levels and stains resolved.
type print struct {
	w, h       int
	quiet      float64
	dark       []bool // row-major, w×h
	ink, paper uint32
	mirror     bool
	stains     []Stain
}

func newPrint(y *Symbol) *print {
	w, h := y.Grid.Width(), y.Grid.Height()
	pr := &print{w: w, h: h, quiet: float64(y.Quiet), dark: make([]bool, w*h), mirror: y.Mirror, stains: y.Stains}
	for j := 0; j < h; j++ {
		for i := 0; i < w; i++ {
			pr.dark[j*w+i] = y.Grid.Dark(i, j)
		}
	}
	pr.ink, pr.paper = uint32(y.Ink), uint32(y.Paper)
	if y.Ink == y.Paper {
		pr.ink, pr.paper = 0, 255
	}
	if y.Reverse {
		pr.ink, pr.paper = pr.paper, pr.ink
	}
	return pr
}

// miss is the key of a point off the sheet.
const miss = -1

// at returns the grey level of the print at sheet coordinates (s, t) and a
// key naming what is there (a stain, a module or quiet-zone cell), or the
// key miss outside the sheet: points with the same key have the same grey.
func (pr *print) at(s, t float64) (uint32, int) {
	q := pr.quiet
	if s < -q || t < -q || s >= float64(pr.w)+q || t >= float64(pr.h)+q {
		return 0, miss
	}
	if pr.mirror {
		s = float64(pr.w) - s
	}
	for k, st := range pr.stains {
		dx, dy := s-st.X, t-st.Y
		if float64(dx*dx)+float64(dy*dy) <= float64(st.R*st.R) {
			return uint32(st.Grey), -2 - k
		}
	}
	i, j := int(math.Floor(s)), int(math.Floor(t))
	cell := (j+int(q)+1)*(pr.w+2*int(q)+2) + i + int(q) + 1
	if i >= 0 && j >= 0 && i < pr.w && j < pr.h && pr.dark[j*pr.w+i] {
		return pr.ink, cell
	}
	return pr.paper, cell
}

// look traces an image point to the print.
func (pr *print) look(p *placement, x, y float64) (uint32, int) {
	s, t, hit := p.toSheet(x, y)
	if !hit {
		return 0, miss
	}
	return pr.at(s, t)
}

// samplesPerAxis returns the supersampling of a pixel, n×n samples: finer
// for small modules, whose edges cross most pixels, so that a pixel's grey
// level follows the share of ink in it to a few percent.
func samplesPerAxis(module float64) int {
	switch {
	case module < 2:
		return 5
	case module < 4:
		return 4
	default:
		return 3
	}
}

// drawSymbol draws a symbol over img. A pixel whose four corners trace
// back to one cell of the sheet (a module, a quiet-zone cell, a stain, or
// all off the sheet) takes that cell's grey; any other pixel, one an edge
// crosses, is the mean of n×n samples, each traced back to the sheet or,
// where it misses, the pixel already there.
func drawSymbol(img *image.Gray, y *Symbol, p *placement) {
	pr := newPrint(y)
	box := p.bounds(img.Rect)
	if box.Empty() {
		return
	}
	n := samplesPerAxis(y.Module)
	offs := make([]float64, n)
	for i := range offs {
		offs[i] = (float64(i) + 0.5) / float64(n)
	}
	// Keys and greys of the pixel corners along the row's top and bottom
	// edges.
	w := box.Dx() + 1
	topK, botK := make([]int, w), make([]int, w)
	topV, botV := make([]uint32, w), make([]uint32, w)
	corners := func(py int, v []uint32, k []int) {
		for i := range k {
			v[i], k[i] = pr.look(p, float64(box.Min.X+i), float64(py))
		}
	}
	corners(box.Min.Y, topV, topK)
	for py := box.Min.Y; py < box.Max.Y; py++ {
		corners(py+1, botV, botK)
		row := img.Pix[py*img.Stride:]
		for i := 0; i < w-1; i++ {
			px := box.Min.X + i
			k := topK[i]
			switch {
			case k != topK[i+1] || k != botK[i] || k != botK[i+1]:
				row[px] = pr.supersample(p, px, py, offs, uint32(row[px]))
			case k != miss:
				row[px] = uint8(topV[i])
			}
		}
		topK, botK, topV, botV = botK, topK, botV, topV
	}
}

// supersample returns the mean grey of the pixel's samples at offs × offs,
// bg where a sample misses the sheet.
func (pr *print) supersample(p *placement, px, py int, offs []float64, bg uint32) uint8 {
	var sum uint32
	for _, oy := range offs {
		for _, ox := range offs {
			v, k := pr.look(p, float64(px)+ox, float64(py)+oy)
			if k == miss {
				v = bg
			}
			sum += v
		}
	}
	nn := uint32(len(offs) * len(offs))
	return uint8((sum + nn/2) / nn)
}
