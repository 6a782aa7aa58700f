package qr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
)

var styleGrid = flag.Bool("stylegrid", false,
	"run the whole styling grid through zbarimg, ZXingReader and rsvg-convert (minutes; .ci/steps/45-style.sh runs it)")

// styleCase is one styled code of the grid.
type styleCase struct {
	text             string
	level            Level
	modules, finders Shape
	grad             int // index into styleGradients
	ratio            float64
	logo             int // index into the logos of the run
	scale            int
}

func (c styleCase) String() string {
	return fmt.Sprintf("%.12q %v %v/%v %s logo %.2f #%d scale %d", c.text, c.level, c.modules, c.finders,
		styleGradients[c.grad].name, c.ratio, c.logo, c.scale)
}

// styleGradients are the colourings of the grid: plain black, two dark
// gradients and a light one (deep orange to teal on cream, as light as
// MaxLumaRatio allows), all dark on light.
var styleGradients = []struct {
	name string
	opts []Option
}{
	{"black", nil},
	{"navy-purple", []Option{Gradient(color.RGBA{0x1a, 0x23, 0x7e, 0xff}, color.RGBA{0x6a, 0x1b, 0x9a, 0xff}, 45)}},
	{"radial-red", []Option{RadialGradient(color.RGBA{0xb7, 0x1c, 0x1c, 0xff}, color.Black)}},
	{"light", []Option{Gradient(color.RGBA{0xd8, 0x43, 0x15, 0xff}, color.RGBA{0x00, 0x89, 0x7b, 0xff}, 135),
		Colors(color.Black, color.RGBA{0xff, 0xf8, 0xe1, 0xff})}},
}

// styleGridCases lists the whole grid: texts × levels × shapes × colourings
// × logo ratios from 0 to 0.4. The logo image turns over from one run of
// ratios to the next, and the scale from one run of three to the next, so
// that every ratio meets every logo and every scale.
func styleGridCases() []styleCase {
	texts := []string{
		"https://example.com/menu?table=12",
		"WIFI:T:WPA;S:Cafe Lumiere;P:croissant-2024;;",
		"https://shop.example.com/products/organic-coffee-beans?size=1kg&grind=espresso&ref=qr-label",
	}
	shapes := [][2]Shape{{Square, Square}, {Rounded, Rounded}, {Dots, Dots}, {Dots, Rounded}}
	var cases []styleCase
	for _, text := range texts {
		for _, level := range levels {
			for _, sh := range shapes {
				for g := range styleGradients {
					for r := 0; r <= 8; r++ {
						n := len(cases)
						cases = append(cases, styleCase{text: text, level: level, modules: sh[0], finders: sh[1],
							grad: g, ratio: float64(r) * 0.05, logo: (n / 9) % 3, scale: 4 + 2*((n/27)%3)})
					}
				}
			}
		}
	}
	return cases
}

// quickCases is the subset of the grid that always runs: 16 cases that
// meet every pair of shape and colouring, every logo ratio, level, text
// and logo image.
func quickCases(all []styleCase) []styleCase {
	var q []styleCase
	for k := 0; k < 16; k++ {
		text, level, shape, grad, ratio := k%3, (k/2)%4, k%4, k/4, (5*k)%9
		q = append(q, all[(((text*4+level)*4+shape)*len(styleGradients)+grad)*9+ratio])
	}
	return q
}

// styleResult is what the library returned for one case.
type styleResult struct {
	c        styleCase
	png, svg string // files written; empty when refused
	err      error
}

// TestStyledInterop renders styled codes over a grid of texts, levels,
// shapes, colourings, logo sizes and logo images, and has zbarimg and
// ZXingReader read every PNG and zbarimg every SVG rendered by librsvg:
// each must give the exact text. Refusals must carry a report saying why,
// and never happen for logos up to 0.35 with these dark-on-light colours;
// over the whole grid (-stylegrid) at most 15% of the cases may be
// refused.
func TestStyledInterop(t *testing.T) {
	zbar := testenv.Tool(t, "zbarimg", "zbar-tools")
	zxing := testenv.Tool(t, "ZXingReader", "zxing-cpp-tools")
	rsvg := testenv.Tool(t, "rsvg-convert", "librsvg2-bin")
	logos := []image.Image{flatLogo(120, 80), noiseLogo(64, 64, 1), photoLogo(t, "video-001.jpeg")}
	cases := styleGridCases()
	if !*styleGrid {
		cases = quickCases(cases)
	}
	dir := t.TempDir()
	results := renderStyleCases(t, cases, logos, dir)
	refused := 0
	var pngs, svgs []string
	want := map[string]string{}
	for _, r := range results {
		if r.err != nil {
			refused++
			checkRefusal(t, r)
			continue
		}
		pngs, svgs = append(pngs, r.png), append(svgs, r.svg)
		want[r.png], want[r.svg] = r.c.text, r.c.text
	}
	rasterised := rasteriseSVGs(t, rsvg, svgs)
	for name, got := range zbarRead(t, zbar, append(pngs, rasterised...)) {
		checkRead(t, "zbarimg", strings.TrimSuffix(name, ".rsvg.png"), got, want)
	}
	for name, got := range zxingRead(t, zxing, pngs) {
		checkRead(t, "ZXingReader", name, got, want)
	}
	t.Logf("%d cases, %d refused (%.1f%%)", len(results), refused, 100*float64(refused)/float64(len(results)))
	if *styleGrid && float64(refused) > 0.15*float64(len(results)) {
		t.Errorf("%d of %d cases refused, over 15%%", refused, len(results))
	}
}

// renderStyleCases encodes and renders the cases on two workers, writing
// each PNG and SVG into dir.
func renderStyleCases(t *testing.T, cases []styleCase, logos []image.Image, dir string) []styleResult {
	results := make([]styleResult, len(cases))
	logoOpts := make([][]Option, len(logos)) // one Option per logo and ratio, so the scaled copies are cached
	for i, l := range logos {
		for r := 0; r <= 8; r++ {
			logoOpts[i] = append(logoOpts[i], Logo(l, float64(r)*0.05))
		}
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c := cases[i]
				opts := []Option{Modules(c.modules), Finders(c.finders), Scale(c.scale)}
				opts = append(opts, styleGradients[c.grad].opts...)
				if r := int(c.ratio/0.05 + 0.5); r > 0 {
					opts = append(opts, logoOpts[c.logo][r])
				}
				results[i] = renderStyleCase(c, opts, filepath.Join(dir, fmt.Sprintf("c%04d", i)))
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// renderStyleCase encodes one case and writes its PNG and SVG as
// base.png and base.svg.
func renderStyleCase(c styleCase, opts []Option, base string) styleResult {
	res := styleResult{c: c}
	code, err := Encode(c.text, c.level, opts...)
	if err != nil {
		res.err = err
		return res
	}
	png, err := code.PNG()
	if err != nil {
		res.err = fmt.Errorf("PNG of an encoded code: %w", err)
		return res
	}
	var svg bytes.Buffer
	if err := code.WriteSVG(&svg); err != nil {
		res.err = fmt.Errorf("SVG of an encoded code: %w", err)
		return res
	}
	res.png, res.svg = base+".png", base+".svg"
	if err := os.WriteFile(res.png, png, 0o644); err != nil {
		res.err = err
	} else if err := os.WriteFile(res.svg, svg.Bytes(), 0o644); err != nil {
		res.err = err
	}
	return res
}

// checkRefusal checks that a refused case was refused by the check, with
// a report that says why, and not where the styling is modest.
func checkRefusal(t *testing.T, r styleResult) {
	t.Helper()
	var ns *NotScannableError
	if !errors.As(r.err, &ns) {
		t.Errorf("%v: %v", r.c, r.err)
		return
	}
	if ns.Report.OK() || len(ns.Report.Problems()) == 0 {
		t.Errorf("%v: refused with a report that passes: %v", r.c, ns.Report)
	}
	if r.c.ratio <= 0.35+1e-9 {
		t.Errorf("%v: a logo up to 0.35, dark on light, refused: %v", r.c, r.err)
	}
}

// checkRead compares what a reader got from file name with its text.
func checkRead(t *testing.T, reader, name, got string, want map[string]string) {
	t.Helper()
	if w, ok := want[name]; ok && got != w {
		t.Errorf("%s read %q from %s, want %q", reader, got, filepath.Base(name), w)
	}
}

// rasteriseSVGs renders each SVG with rsvg-convert into name.rsvg.png.
func rasteriseSVGs(t *testing.T, rsvg string, svgs []string) []string {
	out := make([]string, len(svgs))
	var wg sync.WaitGroup
	errs := make(chan error, len(svgs))
	sem := make(chan struct{}, 2)
	for i, svg := range svgs {
		out[i] = svg + ".rsvg.png"
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if b, err := exec.Command(rsvg, "-o", out[i], svg).CombinedOutput(); err != nil {
				errs <- fmt.Errorf("rsvg-convert %s: %v\n%s", svg, err, b)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	return out
}

// toolBatch is how many files one reader process is given.
const toolBatch = 200

// zbarRead reads files with zbarimg and returns the text read from each,
// "" for none.
func zbarRead(t *testing.T, zbar string, files []string) map[string]string {
	got := map[string]string{}
	for len(files) > 0 {
		batch := files[:min(toolBatch, len(files))]
		files = files[len(batch):]
		// zbarimg exits 4 when a file holds no code; its XML still lists it.
		out, _ := exec.Command(zbar, append([]string{"--xml", "--quiet", "-Sqrcode.enable"}, batch...)...).Output()
		var doc struct {
			Sources []struct {
				Href string   `xml:"href,attr"`
				Data []string `xml:"index>symbol>data"`
			} `xml:"source"`
		}
		if err := xml.Unmarshal(out, &doc); err != nil {
			t.Fatalf("zbarimg output: %v\n%s", err, out)
		}
		for _, s := range doc.Sources {
			got[s.Href] = strings.Join(s.Data, "|")
		}
		for _, f := range batch {
			if _, ok := got[f]; !ok {
				got[f] = ""
			}
		}
	}
	return got
}

// zxingRead reads files with ZXingReader and returns the text read from
// each, "" for none. The texts of the grid are ASCII: ZXingReader's
// one-line output escapes nothing else.
func zxingRead(t *testing.T, zxing string, files []string) map[string]string {
	got := map[string]string{}
	for len(files) > 0 {
		batch := files[:min(toolBatch, len(files))]
		files = files[len(batch):]
		out, err := exec.Command(zxing, append([]string{"-1", "-format", "QRCode"}, batch...)...).Output()
		if err != nil {
			t.Fatalf("ZXingReader: %v", err)
		}
		for _, f := range batch {
			got[f] = ""
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			name, rest, ok := strings.Cut(line, ` QRCode "`)
			if ok && strings.HasSuffix(rest, `"`) {
				got[name] = strings.TrimSuffix(rest, `"`)
			}
		}
	}
	return got
}
