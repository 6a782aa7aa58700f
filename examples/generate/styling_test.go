package main

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
)

// writeLogo writes a small orange square logo as a PNG file in dir.
func writeLogo(t *testing.T, dir string) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 0xef, 0x6c, 0x00, 0xff
	}
	name := filepath.Join(dir, "logo.png")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestStylingFlags writes styled codes with the example flags and
// reads them back; the log line gives the grade.
func TestStylingFlags(t *testing.T) {
	dir := t.TempDir()
	logo := writeLogo(t, dir)
	const text = "https://example.com/menu?table=12"
	for _, tc := range []struct {
		name, file string
		args       []string
	}{
		{"issue example", "code.png", []string{"-logo", logo, "-logo-size", "0.2", "-modules", "dots", "-finders", "rounded", "-gradient", "#1a237e,#6a1b9a,45"}},
		{"radial", "code.svg", []string{"-modules", "rounded", "-gradient", "radial,#b71c1c,#000000"}},
		{"level raised", "code.png", []string{"-level", "L", "-logo", logo, "-logo-size", "0.3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.file)
			r := generate(t, nil, append(tc.args, "-o", out, text)...)
			if r.Status != 0 {
				t.Fatalf("exit status %d, stderr:\n%s", r.Status, r.Stderr)
			}
			if !strings.Contains(r.Stderr, "grade=") {
				t.Errorf("no grade in the log line: %s", r.Stderr)
			}
			if filepath.Ext(out) == ".svg" {
				return // TestSVGRoundTrip reads SVGs through librsvg
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			res, err := decode.Bytes(data)
			if err != nil || len(res) != 1 || res[0].Text != text {
				t.Fatalf("decoded %v, %v", res, err)
			}
			if tc.name == "level raised" && res[0].Level == "L" {
				t.Error("a 0.3 logo stayed at level L")
			}
		})
	}
}

func TestStylingFlagErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"bad shape", []string{"-modules", "star"}, 2, "star"},
		{"bad gradient", []string{"-gradient", "#000000"}, 2, "-gradient"},
		{"bad angle", []string{"-gradient", "#000000,#222222,up"}, 2, "angle"},
		{"missing logo", []string{"-logo", filepath.Join(dir, "none.png")}, 2, "-logo"},
		{"logo too large", []string{"-logo", writeLogo(t, dir), "-logo-size", "0.6"}, 2, "logo ratio"},
		{"light gradient", []string{"-gradient", "#ffeb3b,#fff59d,90"}, 2, "contrast"},
		{"logo no level carries", []string{"-logo", writeLogo(t, dir), "-logo-size", "0.5"}, 1, "spare error correction"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := generate(t, nil, append(tc.args, "-o", filepath.Join(dir, "x.png"), "text")...)
			if r.Status != tc.status || !strings.Contains(r.Stderr, tc.stderr) {
				t.Errorf("exit status %d, want %d; stderr (want %q):\n%s", r.Status, tc.status, tc.stderr, r.Stderr)
			}
		})
	}
}
