package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/testenv"
)

// TestSVGRoundTrip renders an SVG written by -o with a real SVG renderer
// (librsvg's rsvg-convert) and decodes the result.
func TestSVGRoundTrip(t *testing.T) {
	rsvg := testenv.Tool(t, "rsvg-convert", "librsvg2-bin")
	dir := t.TempDir()
	const text = "https://example.com/product/0123456789?batch=42"
	svg := filepath.Join(dir, "code.svg")
	if r := generate(t, nil, "-o", svg, "-scale", "4", "-fg", "#202060", text); r.Status != 0 {
		t.Fatalf("generate: %v", r)
	}
	png := filepath.Join(dir, "code.png")
	if out, err := exec.Command(rsvg, "-o", png, svg).CombinedOutput(); err != nil {
		t.Fatalf("rsvg-convert: %v\n%s", err, out)
	}
	data, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	res, err := decode.Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Text != text || res[0].Level != "H" {
		t.Errorf("the rendered SVG decodes to %+v, want %q at level H", res, text)
	}
}
