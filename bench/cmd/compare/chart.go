package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
)

// ChartBar is one library's bar in a group. NS is the time per op in
// nanoseconds; 0 means the cell was not timed, and Note says why.
type ChartBar struct {
	Series string
	NS     float64
	Note   string
}

// ChartGroup is one workload's bars.
type ChartGroup struct {
	Label string
	Bars  []ChartBar
}

// Chart geometry, in SVG user units (pixels).
const (
	chartWidth  = 1000
	chartHeight = 480
	plotLeft    = 72
	plotRight   = chartWidth - 16
	plotTop     = 78
	plotBottom  = chartHeight - 58
	// labelRoom keeps the top decade below the plot's top edge, so that the
	// time written above the tallest bar stays inside the plot.
	labelRoom    = 40
	barWidth     = 16
	barGap       = 3
	groupGap     = 26
	labelFont    = 9
	legendColumn = 118
)

// seriesColours gives each library a fixed colour; qrworks stands out.
var seriesColours = map[string]string{
	"qrworks":   "#e4572e",
	"skip2":     "#4c78a8",
	"yeqown":    "#72b7b2",
	"boombuler": "#54a24b",
	"rsc":       "#b279a2",
	"piglig":    "#9d755d",
	"gozxing":   "#8c8c8c",
}

func colour(series string) string {
	if c, ok := seriesColours[series]; ok {
		return c
	}
	return "#333333"
}

// WriteChart draws a grouped bar chart of time per op on a logarithmic axis,
// one group per workload, as a self-contained SVG document.
func WriteChart(w io.Writer, title, subtitle string, series []string, groups []ChartGroup) error {
	lo, hi := math.Inf(1), 0.0
	slots := 0
	for _, g := range groups {
		slots += len(g.Bars)
		for _, b := range g.Bars {
			if b.NS > 0 {
				lo, hi = math.Min(lo, b.NS), math.Max(hi, b.NS)
			}
		}
	}
	if hi == 0 {
		return fmt.Errorf("chart: no timed cells")
	}
	// The axis spans whole decades around the data.
	minDec := math.Floor(math.Log10(lo))
	maxDec := math.Ceil(math.Log10(hi))
	if maxDec == minDec {
		maxDec++
	}
	y := func(ns float64) float64 {
		f := (math.Log10(ns) - minDec) / (maxDec - minDec)
		return plotBottom - f*(plotBottom-plotTop-labelRoom)
	}

	// Spread the groups over the plot width.
	need := float64(slots*(barWidth+barGap) + (len(groups)-1)*groupGap)
	scale := math.Min(1, float64(plotRight-plotLeft-20)/need)
	bw, gap, ggap := barWidth*scale, barGap*scale, groupGap*scale

	var buf bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&buf, format, args...) }
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif">`+"\n",
		chartWidth, chartHeight, chartWidth, chartHeight)
	p(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")
	p(`<text x="%d" y="22" font-size="15" font-weight="bold">%s</text>`+"\n", plotLeft, esc(title))
	p(`<text x="%d" y="40" font-size="11" fill="#555555">%s</text>`+"\n", plotLeft, esc(subtitle))

	// Legend.
	for i, s := range series {
		lx := plotLeft + i*legendColumn
		p(`<rect x="%d" y="50" width="11" height="11" fill="%s"/>`, lx, colour(s))
		p(`<text x="%d" y="60" font-size="11">%s</text>`+"\n", lx+15, esc(s))
	}

	// Decade grid lines and labels.
	for d := minDec; d <= maxDec; d++ {
		gy := y(math.Pow(10, d))
		p(`<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#dddddd"/>`, plotLeft, gy, plotRight, gy)
		p(`<text x="%d" y="%.1f" font-size="11" text-anchor="end" fill="#555555">%s</text>`+"\n",
			plotLeft-6, gy+4, esc(formatDecade(d)))
	}
	p(`<text transform="translate(16 %d) rotate(-90)" font-size="11" text-anchor="middle" fill="#555555">time per op (log scale, lower is faster)</text>`+"\n",
		(plotTop+plotBottom)/2)

	// Bars.
	x := float64(plotLeft) + 10
	for _, g := range groups {
		start := x
		for _, b := range g.Bars {
			cx := x + bw/2
			if b.NS > 0 {
				top := y(b.NS)
				p(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`,
					x, top, bw, plotBottom-top, colour(b.Series), esc(g.Label+" "+b.Series+": "+formatNS(b.NS)))
				p(`<text transform="translate(%.1f %.1f) rotate(-90)" font-size="%d">%s</text>`+"\n",
					cx+3, top-3, labelFont, esc(formatNS(b.NS)))
			} else {
				p(`<text x="%.1f" y="%d" font-size="%d" text-anchor="middle" fill="#999999">×<title>%s</title></text>`+"\n",
					cx, plotBottom-3, labelFont+2, esc(g.Label+" "+b.Series+": "+b.Note))
			}
			x += bw + gap
		}
		mid := (start + x - gap) / 2
		p(`<text x="%.1f" y="%d" font-size="12" text-anchor="middle">%s</text>`+"\n", mid, plotBottom+18, esc(g.Label))
		x += ggap
	}
	p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333333"/>`+"\n", plotLeft, plotBottom, plotRight, plotBottom)
	p(`<text x="%d" y="%d" font-size="10" fill="#777777">× = not timed (see the table). Bars start at %s.</text>`+"\n",
		plotLeft, chartHeight-12, esc(formatDecade(minDec)))
	p("</svg>\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// esc escapes text for SVG character data and attribute values.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// formatNS formats a duration in nanoseconds with three significant digits
// and a unit that keeps the number between 1 and 1000.
func formatNS(ns float64) string {
	units := []struct {
		size float64
		name string
	}{{1e9, "s"}, {1e6, "ms"}, {1e3, "µs"}, {1, "ns"}}
	for _, u := range units {
		if ns >= u.size || u.size == 1 {
			return sig3(ns/u.size) + " " + u.name
		}
	}
	return ""
}

// formatDecade formats 10^d nanoseconds without decimals: "1 µs", "100 ms".
func formatDecade(d float64) string {
	names := []string{"ns", "µs", "ms", "s"}
	i := min(int(d)/3, len(names)-1)
	return fmt.Sprintf("%.0f %s", math.Pow(10, d-float64(3*i)), names[i])
}

// sig3 formats v with three significant digits (at least the integer part).
func sig3(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}
