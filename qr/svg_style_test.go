package qr

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
)

// svgStyles are stylings whose SVG and raster are compared.
var svgStyles = []struct {
	name string
	opts []Option
}{
	{"dots", []Option{Modules(Dots), Finders(Dots)}},
	{"rounded linear", []Option{Modules(Rounded), Finders(Rounded), Gradient(color.RGBA{0x1a, 0x23, 0x7e, 0xff}, color.RGBA{0x6a, 0x1b, 0x9a, 0xff}, 45)}},
	{"square radial logo", []Option{RadialGradient(color.RGBA{0xb7, 0x1c, 0x1c, 0xff}, color.Black), Logo(flatLogo(90, 60), 0.25)}},
	{"dots on cream, steep gradient", []Option{Modules(Dots), Finders(Rounded), Colors(color.Black, color.RGBA{0xff, 0xf8, 0xe1, 0xff}),
		Gradient(color.RGBA{0x00, 0x4d, 0x40, 0xff}, color.RGBA{0x1a, 0x23, 0x7e, 0xff}, -120)}},
}

// TestStyledSVGMatchesRaster renders each styled SVG with librsvg at the
// raster's size and compares the two pixel by pixel: the outlines, the
// gradient and the logo are placed alike, up to anti-aliasing and the
// raster's quantised gradient.
func TestStyledSVGMatchesRaster(t *testing.T) {
	rsvg := testenv.Tool(t, "rsvg-convert", "librsvg2-bin")
	dir := t.TempDir()
	for _, st := range svgStyles {
		code, err := Encode("https://example.com/svg-and-raster", H, st.opts...)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		raster, err := code.Raster()
		if err != nil {
			t.Fatal(err)
		}
		var svg bytes.Buffer
		if err := code.WriteSVG(&svg); err != nil {
			t.Fatal(err)
		}
		in, out := filepath.Join(dir, "s.svg"), filepath.Join(dir, "s.png")
		if err := os.WriteFile(in, svg.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command(rsvg, "-o", out, in).CombinedOutput(); err != nil {
			t.Fatalf("rsvg-convert: %v\n%s", err, b)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		drawn, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if drawn.Bounds() != raster.Bounds() {
			t.Fatalf("%s: librsvg drew %v, the raster is %v", st.name, drawn.Bounds(), raster.Bounds())
		}
		a, b := luminancePlane(raster), luminancePlane(drawn)
		var sum float64
		for j := range a {
			sum += math.Abs(float64(a[j] - b[j]))
		}
		// Edges anti-aliased differently and the raster's quantised
		// gradient cost under 1% of the luminance range on average.
		if mean := sum / float64(len(a)); mean > 0.015 {
			t.Errorf("%s: mean luminance difference %.4f between the SVG and the raster", st.name, mean)
		}
		// Every module centre that the raster shows clearly dark or light,
		// quiet zone included, is on the same side in the SVG: a misplaced
		// module, eye or logo shows here. (Round outlines leave some
		// centres on an edge.)
		side, s := raster.Bounds().Dx(), 8
		for y := s / 2; y < side; y += s {
			for x := s / 2; x < side; x += s {
				ra, sv := a[y*side+x], b[y*side+x]
				if (ra < 0.2 || ra > 0.8) && (ra < 0.5) != (sv < 0.5) {
					t.Fatalf("%s: module at pixel (%d, %d): luminance %.2f in the raster, %.2f in the SVG", st.name, x, y, a[y*side+x], b[y*side+x])
				}
			}
		}
	}
}

// TestStyledSVGDocument parses the styled SVG: well-formed XML, the
// gradient defined and used, the logo a PNG data URI of the logo's size in
// pixels.
func TestStyledSVGDocument(t *testing.T) {
	code, err := Encode("https://example.com/svg", H, svgStyles[2].opts...)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := code.WriteSVG(&b, Scale(5)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Width int `xml:"width,attr"`
		Defs  struct {
			Radial struct {
				ID    string `xml:"id,attr"`
				Stops []struct {
					Offset string `xml:"offset,attr"`
					Color  string `xml:"stop-color,attr"`
				} `xml:"stop"`
			} `xml:"radialGradient"`
		} `xml:"defs"`
		Image struct {
			Width float64 `xml:"width,attr"`
			Href  string  `xml:"href,attr"`
		} `xml:"image"`
		Path struct {
			Fill string `xml:"fill,attr"`
		} `xml:"path"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if doc.Width != (code.Size()+8)*5 {
		t.Errorf("width %d", doc.Width)
	}
	if doc.Defs.Radial.ID != svgGradientID || len(doc.Defs.Radial.Stops) != 2 || doc.Defs.Radial.Stops[0].Color != "#b71c1c" || doc.Path.Fill != "url(#"+svgGradientID+")" {
		t.Errorf("gradient %+v, fill %q", doc.Defs.Radial, doc.Path.Fill)
	}
	data, ok := strings.CutPrefix(doc.Image.Href, "data:image/png;base64,")
	if !ok {
		t.Fatalf("logo href %.40q", doc.Image.Href)
	}
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	logo, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if want := int(math.Round(doc.Image.Width * 5)); logo.Width != want {
		t.Errorf("logo PNG %d pixels wide, the image element %d", logo.Width, want)
	}
}
