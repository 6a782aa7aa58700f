package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/testenv"
)

// galleryCells are the codes of docs/styling-gallery.png, left to right,
// top to bottom; docs/styling.md lists the same options under the image.
func galleryCells(t *testing.T) [][]Option {
	navy, purple := color.RGBA{0x1a, 0x23, 0x7e, 0xff}, color.RGBA{0x6a, 0x1b, 0x9a, 0xff}
	teal := color.RGBA{0x00, 0x4d, 0x40, 0xff}
	cream := color.RGBA{0xff, 0xf8, 0xe1, 0xff}
	return [][]Option{
		{Modules(Dots), Finders(Dots)},
		{Modules(Rounded), Finders(Rounded), Gradient(navy, purple, 45)},
		{RadialGradient(color.RGBA{0xb7, 0x1c, 0x1c, 0xff}, color.Black), Logo(flatLogo(120, 80), 0.2)},
		{Modules(Dots), Finders(Rounded), Gradient(teal, navy, -45), Logo(flatLogo(100, 100), 0.25)},
		{Modules(Rounded), Finders(Dots), Logo(photoLogo(t, "video-001.jpeg"), 0.3)},
		{Modules(Dots), Finders(Rounded), Colors(color.Black, cream),
			Gradient(color.RGBA{0xd8, 0x43, 0x15, 0xff}, color.RGBA{0x00, 0x89, 0x7b, 0xff}, 135)},
	}
}

// gallery renders the gallery: the cells' codes of one text, each encoded
// at level M with its options (so each level is the one Encode chose), in
// a grid of three columns.
func gallery(t *testing.T) *image.RGBA {
	const cols, cell, gap = 3, 300, 12
	cells := galleryCells(t)
	rows := (len(cells) + cols - 1) / cols
	img := image.NewRGBA(image.Rect(0, 0, cols*cell+(cols+1)*gap, rows*cell+(rows+1)*gap))
	draw.Draw(img, img.Rect, image.NewUniform(color.RGBA{0xec, 0xef, 0xf1, 0xff}), image.Point{}, draw.Src)
	for i, opts := range cells {
		code, err := Encode("https://github.com/qrworks/qrworks", M, opts...)
		if err != nil {
			t.Fatalf("gallery cell %d: %v", i, err)
		}
		scale := cell / (code.Size() + 2*DefaultQuietZone)
		m, err := code.Raster(Scale(scale))
		if err != nil {
			t.Fatalf("gallery cell %d: %v", i, err)
		}
		x, y := gap+(i%cols)*(cell+gap), gap+(i/cols)*(cell+gap)
		off := (cell - m.Bounds().Dx()) / 2
		draw.Draw(img, m.Bounds().Add(image.Pt(x+off, y+off)), m, image.Point{}, draw.Over)
	}
	return img
}

// TestGallery renders the gallery of docs/styling.md and compares it,
// pixel by pixel, with docs/styling-gallery.png (-update rewrites the
// file), then has the decoder find every code in it.
func TestGallery(t *testing.T) {
	img := gallery(t)
	path := filepath.Join(testenv.RepoRoot(t), "docs", "styling-gallery.png")
	if *update {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (go test ./qr -run TestGallery -update writes it)", err)
	}
	defer f.Close()
	golden, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if golden.Bounds() != img.Bounds() {
		t.Fatalf("the gallery is %v, %s is %v", img.Bounds(), path, golden.Bounds())
	}
	for y := 0; y < img.Rect.Dy(); y++ {
		for x := 0; x < img.Rect.Dx(); x++ {
			if premultiplied(golden.At(x, y)) != img.RGBAAt(x, y) {
				t.Fatalf("pixel (%d, %d) differs from %s: rerun with -update if the change is meant", x, y, path)
			}
		}
	}
	res, err := decode.Image(img)
	if err != nil || len(res) != len(galleryCells(t)) {
		t.Fatalf("decoded %d codes from the gallery (%v), want %d", len(res), err, len(galleryCells(t)))
	}
}
