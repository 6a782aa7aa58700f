package qr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/color"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

type svgDoc struct {
	XMLName xml.Name `xml:"svg"`
	Width   string   `xml:"width,attr"`
	Height  string   `xml:"height,attr"`
	ViewBox string   `xml:"viewBox,attr"`
	Shape   string   `xml:"shape-rendering,attr"`
	Rects   []struct {
		Fill    string `xml:"fill,attr"`
		Opacity string `xml:"fill-opacity,attr"`
	} `xml:"rect"`
	Paths []struct {
		D       string `xml:"d,attr"`
		Fill    string `xml:"fill,attr"`
		Opacity string `xml:"fill-opacity,attr"`
	} `xml:"path"`
}

// rasterizePath fills a total×total grid from a path made of our
// "Mx yhNv1h-Nz" rectangles, failing on anything else.
func rasterizePath(t *testing.T, d string, totalW, totalH int) [][]bool {
	t.Helper()
	grid := make([][]bool, totalH)
	for i := range grid {
		grid[i] = make([]bool, totalW)
	}
	for _, cmd := range strings.Split(d, "z") {
		if cmd == "" {
			continue
		}
		var x, y, w, w2 int
		if _, err := fmtSscanf(cmd, &x, &y, &w, &w2); err != nil || w != w2 || w < 1 {
			t.Fatalf("unexpected path command %q", cmd)
		}
		for i := x; i < x+w; i++ {
			if grid[y][i] {
				t.Fatalf("module (%d,%d) drawn twice", i, y)
			}
			grid[y][i] = true
		}
	}
	return grid
}

func fmtSscanf(cmd string, x, y, w, w2 *int) (int, error) {
	// "M12 3h4v1h-4"
	f := strings.FieldsFunc(cmd, func(r rune) bool { return r == 'M' || r == ' ' || r == 'h' || r == 'v' })
	if len(f) != 5 || f[3] != "1" {
		return 0, errors.New("shape")
	}
	var err error
	vals := []*int{x, y, w}
	for i, p := range vals {
		if *p, err = strconv.Atoi(f[i]); err != nil {
			return i, err
		}
	}
	*w2, err = strconv.Atoi(strings.TrimPrefix(f[4], "-"))
	if !strings.HasPrefix(f[4], "-") {
		return 3, errors.New("sign")
	}
	return 4, err
}

func TestSVG(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, wh := range [][2]int{{21, 21}, {57, 57}, {177, 177}, {11, 11}, {43, 7}, {139, 17}} {
		m := randomRect(rng, wh[0], wh[1])
		for _, quiet := range []int{0, 4} {
			for _, cp := range colourPairs {
				var cfg config
				cfg.reset([]Option{Scale(3), QuietZone(quiet), Colors(cp.dark, cp.light)})
				pw, ph, err := cfg.imageSize(m.w, m.h)
				if err != nil {
					t.Fatal(err)
				}
				out := appendSVG(nil, m, &cfg.rendering, pw, ph)
				var doc svgDoc
				if err := xml.Unmarshal(out, &doc); err != nil {
					t.Fatalf("encoding/xml rejects our SVG: %v", err)
				}
				totalW, totalH := m.w+2*quiet, m.h+2*quiet
				if doc.Width != strconv.Itoa(pw) || doc.Height != strconv.Itoa(ph) {
					t.Errorf("size %sx%s, want %dx%d", doc.Width, doc.Height, pw, ph)
				}
				if want := "0 0 " + strconv.Itoa(totalW) + " " + strconv.Itoa(totalH); doc.ViewBox != want {
					t.Errorf("viewBox %q, want %q", doc.ViewBox, want)
				}
				if doc.Shape != "crispEdges" {
					t.Errorf("shape-rendering %q", doc.Shape)
				}
				if len(doc.Paths) != 1 {
					t.Fatalf("%d paths, want 1", len(doc.Paths))
				}
				_, _, _, la := nrgba(cp.light)
				if wantRects := map[bool]int{true: 0, false: 1}[la == 0]; len(doc.Rects) != wantRects {
					t.Errorf("%s: %d background rects, want %d", cp.name, len(doc.Rects), wantRects)
				}
				checkFill(t, doc.Paths[0].Fill, doc.Paths[0].Opacity, cp.dark)
				if len(doc.Rects) == 1 {
					checkFill(t, doc.Rects[0].Fill, doc.Rects[0].Opacity, cp.light)
				}
				grid := rasterizePath(t, doc.Paths[0].D, totalW, totalH)
				for y := 0; y < totalH; y++ {
					for x := 0; x < totalW; x++ {
						if grid[y][x] != m.Module(x-quiet, y-quiet) {
							t.Fatalf("module (%d,%d): drawn %v", x, y, grid[y][x])
						}
					}
				}
				// Runs are merged: no rectangle touches the next.
				if strings.Count(doc.Paths[0].D, "M") != countRuns(m) {
					t.Errorf("%d rectangles, want %d runs", strings.Count(doc.Paths[0].D, "M"), countRuns(m))
				}
			}
		}
	}
}

func countRuns(m *matrix) int {
	runs := 0
	for y := 0; y < m.h; y++ {
		for x := 0; x < m.w; x++ {
			if m.Module(x, y) && !m.Module(x-1, y) {
				runs++
			}
		}
	}
	return runs
}

func checkFill(t *testing.T, fill, opacity string, c color.Color) {
	t.Helper()
	r, g, b, a := nrgba(c)
	if want := "#" + hex2(r) + hex2(g) + hex2(b); fill != want {
		t.Errorf("fill %q, want %q", fill, want)
	}
	if a == 0xff {
		if opacity != "" {
			t.Errorf("opaque colour with fill-opacity %q", opacity)
		}
		return
	}
	got, err := strconv.ParseFloat(opacity, 64)
	if err != nil || got < float64(a)/255-0.001 || got > float64(a)/255+0.001 {
		t.Errorf("fill-opacity %q, want %.3f", opacity, float64(a)/255)
	}
}

func hex2(v uint8) string { return strconv.FormatUint(uint64(v)|0x100, 16)[1:] }

func TestSVGErrors(t *testing.T) {
	var empty Code
	var buf bytes.Buffer
	if err := empty.WriteSVG(&buf); !errors.Is(err, ErrEmptyCode) {
		t.Errorf("empty Code: %v", err)
	}
	c, err := Encode("svg", H)
	if err != nil {
		t.Fatal(err)
	}
	for _, opts := range [][]Option{{Scale(0)}, {QuietZone(-1)}, {Colors(nil, nil)}, {Scale(1 << 20)}} {
		buf.Reset()
		if err := c.WriteSVG(&buf, opts...); !errors.Is(err, ErrInvalidOption) || buf.Len() != 0 {
			t.Errorf("err = %v, %d bytes written; want ErrInvalidOption and nothing", err, buf.Len())
		}
	}
}
