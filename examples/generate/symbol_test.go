package main

import (
	"path/filepath"
	"testing"

	"github.com/qrworks/qrworks/qr"
)

// TestSymbols checks -symbol and -max-height against the library: the
// terminal text and the PNG file are those of qr.Encode with the same
// options, the symbol's default level and quiet zone where the flags are
// left out.
func TestSymbols(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		args  []string
		text  string
		level qr.Level
		opts  []qr.Option
		quiet int
	}{
		{"micro", []string{"-symbol", "micro", "12345"}, "12345", qr.M, []qr.Option{qr.As(qr.MicroQR)}, 2},
		{"micro level and quiet", []string{"-symbol", "Micro", "-level", "L", "-quiet", "3", "123"}, "123", qr.L, []qr.Option{qr.As(qr.MicroQR), qr.QuietZone(3)}, 3},
		{"rmqr", []string{"-symbol", "rmqr", "LOT 42"}, "LOT 42", qr.H, []qr.Option{qr.As(qr.RMQR)}, 2},
		{"rmqr max height", []string{"-symbol", "rmqr", "-max-height", "7", "-level", "M", "LOT 2026-0042"}, "LOT 2026-0042", qr.M, []qr.Option{qr.As(qr.RMQR), qr.MaxHeight(7)}, 2},
		{"qr", []string{"-symbol", "qr", "LOT 42"}, "LOT 42", qr.H, nil, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, err := qr.Encode(tc.text, tc.level, tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			r := generate(t, nil, tc.args...)
			if want := code.Text(); r.Status != 0 || r.Stdout != want {
				t.Fatalf("exit status %d, stdout:\n%s\nwant:\n%s\nstderr:\n%s", r.Status, r.Stdout, want, r.Stderr)
			}
			path := filepath.Join(dir, tc.name+".png")
			if r := generate(t, nil, append([]string{"-o", path, "-scale", "2"}, tc.args...)...); r.Status != 0 {
				t.Fatalf("-o: exit status %d, stderr:\n%s", r.Status, r.Stderr)
			}
			img := readPNG(t, path)
			const scale = 2
			q := tc.quiet
			if b := img.Bounds(); b.Dx() != (code.Width()+2*q)*scale || b.Dy() != (code.Height()+2*q)*scale {
				t.Fatalf("%s is %v for a %d×%d code with quiet zone %d", path, b, code.Width(), code.Height(), q)
			}
			for y := -q; y < code.Height()+q; y++ {
				for x := -q; x < code.Width()+q; x++ {
					r, _, _, _ := img.At((x+q)*scale, (y+q)*scale).RGBA()
					if dark := r < 0x8000; dark != code.Module(x, y) {
						t.Fatalf("%s: module (%d,%d) dark=%v", path, x, y, dark)
					}
				}
			}
		})
	}
}

// TestSymbolBadUsage: a bad symbol name, -max-height without rmqr or below
// 7, and a level the symbol lacks exit with status 2.
func TestSymbolBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-symbol", "aztec", "hi"},
		{"-max-height", "9", "hi"},
		{"-symbol", "rmqr", "-max-height", "5", "hi"},
		{"-symbol", "micro", "-level", "H", "1"},
		{"-symbol", "rmqr", "-level", "L", "1"},
	} {
		if r := generate(t, nil, args...); r.Status != 2 {
			t.Errorf("%q: exit status %d, want 2; stderr:\n%s", args, r.Status, r.Stderr)
		}
	}
}
