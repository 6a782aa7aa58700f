package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
)

func testGroups() []ChartGroup {
	return []ChartGroup{
		{Label: "W1 url", Bars: []ChartBar{{Series: "qrworks", NS: 2e3}, {Series: "skip2", NS: 2e5}, {Series: "rsc", Note: "not timed: <reason> & more"}}},
		{Label: "D1 decode", Bars: []ChartBar{{Series: "qrworks", NS: 5e5}, {Series: "gozxing", NS: 2e6}}},
	}
}

// TestChartIsXML parses the chart and checks its bars: one rect per timed
// cell, taller for slower cells, with text escaped.
func TestChartIsXML(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteChart(&buf, "t", "s", []string{"qrworks", "skip2", "rsc", "gozxing"}, testGroups()); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&buf)
	heights := map[string][]float64{} // fill → bar heights in order
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "rect" {
			continue
		}
		var h float64
		var fill string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "height":
				h, _ = strconv.ParseFloat(a.Value, 64)
			case "fill":
				fill = a.Value
			}
		}
		if se.Attr[0].Name.Local == "x" && h > 11 { // bars, not legend swatches
			heights[fill] = append(heights[fill], h)
		}
	}
	q, s, g := heights[colour("qrworks")], heights[colour("skip2")], heights[colour("gozxing")]
	if len(q) != 2 || len(s) != 1 || len(g) != 1 {
		t.Fatalf("bars: %v", heights)
	}
	// Log scale: the axis runs from 1 µs to 10 ms (four decades), so each
	// decade is a quarter of the plot: skip2 (100× qrworks' W1 time) is two
	// decades taller, gozxing 4× qrworks' D1 time is log10(4) decades taller.
	decade := (s[0] - q[0]) / 2
	if decade <= 0 {
		t.Fatalf("skip2 bar %.1f not taller than qrworks %.1f", s[0], q[0])
	}
	if d := (g[0] - q[1]) / decade; d < 0.59 || d > 0.61 {
		t.Errorf("gozxing is %.3f decades above qrworks on D1, want log10(4) = 0.602", d)
	}
	if len(heights[colour("rsc")]) != 0 {
		t.Error("an untimed cell has a bar")
	}
}

func TestChartEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteChart(&buf, "a < b", "s", []string{"qrworks"}, testGroups()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<reason>") || !strings.Contains(buf.String(), "a &lt; b") {
		t.Error("text not escaped")
	}
}

func TestChartNoData(t *testing.T) {
	err := WriteChart(io.Discard, "t", "s", nil, []ChartGroup{{Label: "W1", Bars: []ChartBar{{Series: "x"}}}})
	if err == nil {
		t.Error("no error for a chart without timed cells")
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{formatNS(31300), "31.3 µs"},
		{formatNS(1.69e6), "1.69 ms"},
		{formatNS(268e6), "268 ms"},
		{formatNS(950), "950 ns"},
		{formatDecade(4), "10 µs"},
		{formatDecade(8), "100 ms"},
		{formatDecade(9), "1 s"},
		{formatBytes(4880), "4.77 KiB"},
		{formatBytes(17650856), "16.8 MiB"},
		{formatBytes(0), "0 B"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
