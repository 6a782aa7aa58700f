package qr

import (
	"image"
	"image/color"
	_ "image/jpeg" // the photographs
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The logos of the styling tests: flat artwork, noise and photographs.

// flatLogo returns a w×h flat logo: a rounded orange badge with a dark
// bar and a transparent surround, the kind of artwork brands use.
func flatLogo(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	orange, ink := color.NRGBA{0xef, 0x6c, 0x00, 0xff}, color.NRGBA{0x26, 0x32, 0x38, 0xff}
	r := float64(min(w, h)) / 5
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			// Distance outside the rounded rectangle inset by r.
			dx := max(r-float64(x), float64(x)-float64(w-1)+r, 0)
			dy := max(r-float64(y), float64(y)-float64(h-1)+r, 0)
			if dx*dx+dy*dy > r*r {
				continue
			}
			img.SetNRGBA(x, y, orange)
			if y > h*2/5 && y < h*3/5 && x > w/5 && x < w*4/5 {
				img.SetNRGBA(x, y, ink)
			}
		}
	}
	return img
}

// noiseLogo returns a w×h image of uniform random colours from seed: the
// worst a logo can look to a binariser.
func noiseLogo(w, h int, seed uint64) image.Image {
	rng := rand.New(rand.NewPCG(seed, 15))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.UintN(256))
		if i%4 == 3 {
			img.Pix[i] = 0xff
		}
	}
	return img
}

// photoLogo returns a photograph from Go's own test images (a video frame
// of a person in a room, 150×103), found through "go env GOROOT".
func photoLogo(t testing.TB, name string) image.Image {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "src", "image", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return img
}
