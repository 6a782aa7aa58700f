package qr_test

import (
	"encoding/xml"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/qr"
)

// dirNames lists the names in dir, to check that a call left nothing behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFilePNG(t *testing.T) {
	const text = "https://example.com/product/0123456789?batch=42"
	for _, tc := range []struct {
		name         string
		scale, quiet int
	}{
		{"code.png", 8, 4},
		{"UPPER.PNG", 3, 0},
		{"odd.png", 5, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.name)
			opts := []qr.Option{qr.Scale(tc.scale), qr.QuietZone(tc.quiet)}
			if err := qr.WriteFile(path, text, qr.H, opts...); err != nil {
				t.Fatal(err)
			}
			want, err := qr.Encode(text, qr.H)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatalf("the file is not a PNG: %v", err)
			}
			side := (want.Size() + 2*tc.quiet) * tc.scale
			if b := img.Bounds(); b.Dx() != side || b.Dy() != side {
				t.Fatalf("image is %v, want %d×%d", b, side, side)
			}
			// The centre pixel of every module, quiet zone included.
			for my := -tc.quiet; my < want.Size()+tc.quiet; my++ {
				for mx := -tc.quiet; mx < want.Size()+tc.quiet; mx++ {
					px := (mx+tc.quiet)*tc.scale + tc.scale/2
					py := (my+tc.quiet)*tc.scale + tc.scale/2
					r, _, _, _ := img.At(px, py).RGBA()
					if dark := r < 0x8000; dark != want.Module(mx, my) {
						t.Fatalf("module (%d,%d) dark=%v, want %v", mx, my, dark, want.Module(mx, my))
					}
				}
			}
			if got := dirNames(t, dir); !slices.Equal(got, []string{tc.name}) {
				t.Errorf("directory holds %q, want only %q", got, tc.name)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
				t.Errorf("file mode %v (err %v), want 0644", fi.Mode(), err)
			}
		})
	}
}

func TestWriteFileSVG(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "code.svg")
	if err := qr.WriteFile(path, "hello", qr.M, qr.Scale(4)); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var root struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
	}
	if err := xml.Unmarshal(data, &root); err != nil {
		t.Fatalf("the file is not XML: %v", err)
	}
	if root.XMLName.Local != "svg" {
		t.Errorf("root element %q, want svg", root.XMLName.Local)
	}
	code, err := qr.Encode("hello", qr.M)
	if err != nil {
		t.Fatal(err)
	}
	side := (code.Size() + 2*qr.DefaultQuietZone) * 4
	if w := strings.TrimSuffix(root.Width, "px"); w != strconv.Itoa(side) {
		t.Errorf("width %q, want %d", root.Width, side)
	}
}

// TestWriteFileErrors checks that every failure returns the right error and
// leaves the directory as it was: no file, no temporary file.
func TestWriteFileErrors(t *testing.T) {
	long := strings.Repeat("x", 3000) // over the 1273 bytes of version 40-H
	for _, tc := range []struct {
		name   string
		file   string
		text   string
		opts   []qr.Option
		target error // nil: any error
	}{
		{"gif extension", "code.gif", "hi", nil, qr.ErrInvalidOption},
		{"no extension", "code", "hi", nil, qr.ErrInvalidOption},
		{"too long", "code.png", long, nil, qr.ErrTooLong},
		{"bad scale", "code.png", "hi", []qr.Option{qr.Scale(0)}, qr.ErrInvalidOption},
		{"bad quiet zone svg", "code.svg", "hi", []qr.Option{qr.QuietZone(-1)}, qr.ErrInvalidOption},
		{"missing directory", filepath.Join("no", "such", "dir", "code.png"), "hi", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			err := qr.WriteFile(filepath.Join(dir, tc.file), tc.text, qr.H, tc.opts...)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.target != nil && !errors.Is(err, tc.target) {
				t.Errorf("error %v, want %v", err, tc.target)
			}
			if got := dirNames(t, dir); len(got) != 0 {
				t.Errorf("directory holds %q after the error, want nothing", got)
			}
		})
	}
}

// TestWriteFileReplace checks that an existing file is replaced whole, and
// that a failed rename (onto a non-empty directory) leaves everything as it
// was and no temporary file behind.
func TestWriteFileReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "code.png")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := qr.WriteFile(path, "new", qr.L); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "\x89PNG\r\n\x1a\n") {
		t.Errorf("file starts %q, want the PNG signature", data[:min(len(data), 8)])
	}

	blocked := filepath.Join(dir, "dir.png")
	if err := os.MkdirAll(filepath.Join(blocked, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := qr.WriteFile(blocked, "x", qr.L); err == nil {
		t.Fatal("writing over a non-empty directory succeeded")
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"code.png", "dir.png"}) {
		t.Errorf("directory holds %q, want code.png and dir.png only", got)
	}
}
