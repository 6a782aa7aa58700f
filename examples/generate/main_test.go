package main

import (
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/examples/internal/cmdtest"
	"github.com/qrworks/qrworks/qr"
)

func TestMain(m *testing.M) {
	code := m.Run()
	cmdtest.Cleanup()
	os.Exit(code)
}

// generate runs the command, built from this package, with args and stdin
// (nil: /dev/null).
func generate(t *testing.T, stdin *string, args ...string) cmdtest.Result {
	t.Helper()
	var in io.Reader
	if stdin != nil {
		in = strings.NewReader(*stdin)
	}
	return cmdtest.Run(t, cmdtest.Build(t, "."), in, args...)
}

func ptr(s string) *string { return &s }

// TestText checks the terminal output against the library's own rendering,
// for each way the text can arrive.
func TestText(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stdin *string
		args  []string
		text  string
		opts  []qr.Option
		level qr.Level
	}{
		{"argument", nil, []string{"https://example.com"}, "https://example.com", nil, qr.H},
		{"arguments joined", nil, []string{"hello", "world"}, "hello world", nil, qr.H},
		{"stdin", ptr("piped text\n"), nil, "piped text", nil, qr.H},
		{"stdin crlf", ptr("piped text\r\n"), nil, "piped text", nil, qr.H},
		// /dev/null is a character device like a terminal: nothing is
		// piped in, so the sample is shown.
		{"sample", nil, nil, sampleText, nil, qr.H},
		{"flags", nil, []string{"-level", "l", "-quiet", "1", "-invert", "hi"}, "hi",
			[]qr.Option{qr.QuietZone(1), qr.Invert()}, qr.L},
		{"kanji", nil, []string{"-kanji", "点茗点茗点茗"}, "点茗点茗点茗", []qr.Option{qr.Kanji()}, qr.H},
		{"no eci", nil, []string{"-eci=false", "Grüße"}, "Grüße", []qr.Option{qr.NoECI()}, qr.H},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := generate(t, tc.stdin, tc.args...)
			if r.Status != 0 {
				t.Fatalf("exit status %d, stderr:\n%s", r.Status, r.Stderr)
			}
			code, err := qr.Encode(tc.text, tc.level, tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if want := code.Text(tc.opts...); r.Stdout != want {
				t.Errorf("stdout:\n%s\nwant the code of %q:\n%s", r.Stdout, tc.text, want)
			}
			// Standard error says which text the code holds (the sample's
			// above all), quoted by slog when it has spaces.
			if !strings.Contains(r.Stderr, "msg=encoded text="+tc.text) && !strings.Contains(r.Stderr, "msg=encoded text="+strconv.Quote(tc.text)) {
				t.Errorf("stderr does not name the text %q:\n%s", tc.text, r.Stderr)
			}
		})
	}
}

// TestTextOptionsMatter makes sure the "kanji" and "no eci" rows of
// TestText can fail: each option changes the code of its text.
func TestTextOptionsMatter(t *testing.T) {
	for text, opt := range map[string]qr.Option{"点茗点茗点茗": qr.Kanji(), "Grüße": qr.NoECI()} {
		with, err := qr.Encode(text, qr.H, opt)
		if err != nil {
			t.Fatal(err)
		}
		without, err := qr.Encode(text, qr.H)
		if err != nil {
			t.Fatal(err)
		}
		if with.Text() == without.Text() {
			t.Errorf("%q: the option does not change the code", text)
		}
	}
}

// checkPNG checks that the PNG file at path shows the code of text at the
// given level, drawn with the default scale and quiet zone or the ones in
// opts: the image size, and the centre pixel of every module. (The decoder
// round trip through these files is in ../decode's tests.)
func checkPNG(t *testing.T, path, text string, level qr.Level, scale, quiet int) {
	t.Helper()
	code, err := qr.Encode(text, level)
	if err != nil {
		t.Fatal(err)
	}
	img := readPNG(t, path)
	side := (code.Size() + 2*quiet) * scale
	if b := img.Bounds(); b.Dx() != side || b.Dy() != side {
		t.Fatalf("%s is %v, want %d×%d", path, b, side, side)
	}
	for y := -quiet; y < code.Size()+quiet; y++ {
		for x := -quiet; x < code.Size()+quiet; x++ {
			r, _, _, _ := img.At((x+quiet)*scale+scale/2, (y+quiet)*scale+scale/2).RGBA()
			if dark := r < 0x8000; dark != code.Module(x, y) {
				t.Fatalf("%s: module (%d,%d) dark=%v, want the code of %q at level %v", path, x, y, dark, text, level)
			}
		}
	}
}

// TestFileRoundTrip writes files with -o and reads them back: PNG through
// the decoder, SVG through an XML parser.
func TestFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	text := "https://example.com/product/0123456789?batch=42"

	pngPath := filepath.Join(dir, "out.png")
	r := generate(t, nil, "-o", pngPath, "-level", "Q", "-scale", "3", "-quiet", "2", text)
	if r.Status != 0 || r.Stdout != "" {
		t.Fatalf("exit status %d, stdout %q, stderr:\n%s", r.Status, r.Stdout, r.Stderr)
	}
	checkPNG(t, pngPath, text, qr.Q, 3, 2)

	svgPath := filepath.Join(dir, "out.svg")
	if r := generate(t, nil, "-o", svgPath, text); r.Status != 0 {
		t.Fatalf("exit status %d, stderr:\n%s", r.Status, r.Stderr)
	}
	data, err := os.ReadFile(svgPath)
	if err != nil {
		t.Fatal(err)
	}
	var root struct{ XMLName xml.Name }
	if err := xml.Unmarshal(data, &root); err != nil || root.XMLName.Local != "svg" {
		t.Errorf("out.svg is not an SVG document (root %q, err %v)", root.XMLName.Local, err)
	}
}

// readPNG decodes the PNG file at path.
func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// TestColours checks that -fg and -bg reach the image, alpha included.
func TestColours(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.png")
	if r := generate(t, nil, "-o", path, "-fg", "#123456", "-bg", "#ffeedd80", "-quiet", "1", "-scale", "2", "x"); r.Status != 0 {
		t.Fatalf("exit status %d, stderr:\n%s", r.Status, r.Stderr)
	}
	img := readPNG(t, path)
	nrgba := func(x, y int) color.NRGBA { return color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) }
	if got, want := nrgba(0, 0), (color.NRGBA{0xff, 0xee, 0xdd, 0x80}); got != want {
		t.Errorf("quiet zone pixel %v, want %v", got, want)
	}
	// Module (0,0) is the corner of a finder pattern, always dark.
	if got, want := nrgba(2, 2), (color.NRGBA{0x12, 0x34, 0x56, 0xff}); got != want {
		t.Errorf("dark module pixel %v, want %v", got, want)
	}
}

// TestLowContrast checks that colours a scanner cannot tell apart are
// refused before anything is written, naming both colours, and that a
// transparent background is accepted.
func TestLowContrast(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ fg, bg, names string }{
		{"#ffffff", "#ffffff", "#ffffff (dark) and #ffffff (light)"},
		{"#000", "#000", "#000000 (dark) and #000000 (light)"},
		{"#777777", "#888888", "#777777 (dark) and #888888 (light)"},
	} {
		path := filepath.Join(dir, "c.png")
		r := generate(t, nil, "-o", path, "-fg", c.fg, "-bg", c.bg, "hi")
		if r.Status != 2 || !strings.Contains(r.Stderr, c.names) {
			t.Errorf("-fg %s -bg %s: exit status %d, want 2 and an error naming %s; stderr:\n%s", c.fg, c.bg, r.Status, c.names, r.Stderr)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("-fg %s -bg %s: the file was written", c.fg, c.bg)
		}
	}
	if r := generate(t, nil, "-o", filepath.Join(dir, "t.png"), "-bg", "#ffffff00", "hi"); r.Status != 0 {
		t.Errorf("transparent background: exit status %d; stderr:\n%s", r.Status, r.Stderr)
	}
}

// TestTooLongMessage checks that a text no code holds is refused in the
// text's terms, with what the level holds and the level that fits, for the
// terminal and for a file, and that nothing is written.
func TestTooLongMessage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "long.png")
	const want = "2000 bytes; level H holds at most 1273 bytes; it fits at level M"
	for _, args := range [][]string{{strings.Repeat("z", 2000)}, {"-o", path, strings.Repeat("z", 2000)}} {
		r := generate(t, nil, args...)
		if r.Status != 1 || !strings.Contains(r.Stderr, want) || strings.Contains(r.Stderr, "bits") {
			t.Errorf("%.10q: exit status %d, want 1 and %q without bit counts; stderr:\n%s", args, r.Status, want, r.Stderr)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("%s was written", path)
	}
}

// TestBadUsage checks that mistakes exit with status 2 and write nothing.
func TestBadUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"-level", "X", "hi"},
		{"-scale", "0", "hi"},
		{"-quiet", "-1", "hi"},
		{"-fg", "red", "hi"},
		{"-bg", "#12345", "hi"},
		{"-o", filepath.Join(dir, "out.gif"), "hi"},
		{"-out", dir, "hi"},
		{"-batch", filepath.Join(dir, "x.txt")},
		{"-batch", filepath.Join(dir, "x.txt"), "-out", dir, "-format", "gif"},
		{"-batch", filepath.Join(dir, "x.txt"), "-out", dir, "-j", "0"},
		{"-no-such-flag"},
	} {
		r := generate(t, nil, args...)
		if r.Status != 2 {
			t.Errorf("%q: exit status %d, want 2; stderr:\n%s", args, r.Status, r.Stderr)
		}
	}
	if r := generate(t, nil, strings.Repeat("x", 3000)); r.Status != 1 || !strings.Contains(r.Stderr, "too long") {
		t.Errorf("too long text: exit status %d, want 1; stderr:\n%s", r.Status, r.Stderr)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("bad runs left %q in the directory", names)
	}
}

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

// tooLong is a line no QR Code holds at level H: 3000 bytes against the
// 1273 of version 40-H (ISO/IEC 18004:2015 Table 7).
var tooLong = strings.Repeat("z", 3000)

// writeLines writes lines, newline-terminated, to a new file in dir.
func writeLines(t *testing.T, dir, name string, lines []string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// failedLines returns the line numbers that stderr reports as failed.
func failedLines(stderr string) []int {
	var lines []int
	for _, l := range strings.Split(stderr, "\n") {
		if !strings.Contains(l, "level=ERROR") {
			continue
		}
		for _, f := range strings.Fields(l) {
			if n, ok := strings.CutPrefix(f, "line="); ok {
				if v, err := strconv.Atoi(n); err == nil {
					lines = append(lines, v)
				}
			}
		}
	}
	slices.Sort(lines)
	return lines
}

// TestBatchSmall covers the details of a line batch: blank lines skipped,
// CRLF endings, zero-padded names, a too-long line reported, SVG output.
func TestBatchSmall(t *testing.T) {
	dir := t.TempDir()
	in := writeLines(t, dir, "lines.txt", []string{
		"first", "", "third\r", tooLong, "fifth", "6", "7", "8", "9", "ten",
	})
	for _, format := range []string{"png", "svg"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+format)
			r := generate(t, nil, "-batch", in, "-out", out, "-format", format, "-j", "3")
			if r.Status != 1 {
				t.Errorf("exit status %d, want 1; stderr:\n%s", r.Status, r.Stderr)
			}
			if got := failedLines(r.Stderr); !slices.Equal(got, []int{4}) {
				t.Errorf("failed lines %v, want [4]; stderr:\n%s", got, r.Stderr)
			}
			var want []string
			for _, n := range []int{1, 3, 5, 6, 7, 8, 9, 10} {
				want = append(want, fmt.Sprintf("%02d.%s", n, format))
			}
			if got := dirNames(t, out); !slices.Equal(got, want) {
				t.Errorf("files %q, want %q", got, want)
			}
			if format == "png" {
				checkPNG(t, filepath.Join(out, "03.png"), "third", qr.H, 8, 4)
				checkPNG(t, filepath.Join(out, "10.png"), "ten", qr.H, 8, 4)
			}
			if !strings.Contains(r.Stderr, "written=8 failed=1 blank=1") {
				t.Errorf("no summary on stderr:\n%s", r.Stderr)
			}
			if strings.Contains(r.Stderr, "\r") {
				t.Errorf("a progress bar was drawn on a pipe:\n%q", r.Stderr)
			}
		})
	}
}

// TestBatchCSV checks naming from a CSV name column, and that names which
// would leave the directory, hide, or collide are rejected per line.
func TestBatchCSV(t *testing.T) {
	dir := t.TempDir()
	in := writeLines(t, dir, "codes.csv", []string{
		"\ufeffname,text",              // 1: header, with a byte order mark
		"SKU-1,https://example.com/1",  // 2
		"../evil,https://example.com/", // 3: traversal
		`"sub/dir",x`,                  // 4: separator
		".hidden,x",                    // 5: hidden
		"SKU-1,again",                  // 6: duplicate
		"sku 2.png,second",             // 7: keeps its extension
		"toolong," + tooLong,           // 8
		"short",                        // 9: missing text field
		`"café ☕","multi`,              // 10-11: quoted newline
		`line"`,
		"empty,", // 12: no text
	})
	out := filepath.Join(dir, "out")
	r := generate(t, nil, "-batch", in, "-out", out, "-level", "M")
	if r.Status != 1 {
		t.Errorf("exit status %d, want 1; stderr:\n%s", r.Status, r.Stderr)
	}
	if got, want := failedLines(r.Stderr), []int{3, 4, 5, 6, 8, 9, 12}; !slices.Equal(got, want) {
		t.Errorf("failed lines %v, want %v; stderr:\n%s", got, want, r.Stderr)
	}
	if got, want := dirNames(t, out), []string{"SKU-1.png", "café ☕.png", "sku 2.png"}; !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"codes.csv", "out"}) {
		t.Errorf("files beside the output directory: %q", got)
	}
	checkPNG(t, filepath.Join(out, "SKU-1.png"), "https://example.com/1", qr.M, 8, 4)
	checkPNG(t, filepath.Join(out, "café ☕.png"), "multi\nline", qr.M, 8, 4)
}

// TestBatchCSVNoHeader runs the command on a CSV without a header row: it
// must refuse the file, naming line 1 and the expected header, and write
// nothing (it used to take the first row for a header and encode the other
// column of the rest).
func TestBatchCSVNoHeader(t *testing.T) {
	dir := t.TempDir()
	in := writeLines(t, dir, "a.csv", []string{"SKU-1,https://example.com/p/1", "SKU-2,https://example.com/p/2"})
	out := filepath.Join(dir, "out")
	r := generate(t, nil, "-batch", in, "-out", out)
	if r.Status != 1 || !strings.Contains(r.Stderr, "line 1") || !strings.Contains(r.Stderr, "name,text") {
		t.Errorf("exit status %d, want 1 and an error naming line 1 and the header; stderr:\n%s", r.Status, r.Stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("the output directory was created: %q", dirNames(t, out))
	}
}

// TestBatch1000 is the proof: 1000 lines, k of them too long, give
// exactly 1000-k files, k errors with their line numbers, exit status 1.
func TestBatch1000(t *testing.T) {
	if testing.Short() {
		t.Skip("1000 codes through a subprocess: skipped in -short mode")
	}
	dir := t.TempDir()
	bad := []int{1, 99, 500, 777, 1000}
	lines := make([]string, 1000)
	for i := range lines {
		lines[i] = fmt.Sprintf("https://example.com/product/%010d?batch=42", i+1)
	}
	for _, n := range bad {
		lines[n-1] = tooLong
	}
	in := writeLines(t, dir, "lines.txt", lines)
	out := filepath.Join(dir, "out")
	r := generate(t, nil, "-batch", in, "-out", out, "-j", "2")
	if r.Status != 1 {
		t.Errorf("exit status %d, want 1", r.Status)
	}
	if got := failedLines(r.Stderr); !slices.Equal(got, bad) {
		t.Errorf("failed lines %v, want %v", got, bad)
	}
	names := dirNames(t, out)
	if len(names) != 1000-len(bad) {
		t.Fatalf("%d files, want %d", len(names), 1000-len(bad))
	}
	for i, name := range names {
		n, err := strconv.Atoi(strings.TrimSuffix(name, ".png"))
		if err != nil || len(name) != len("0001.png") || slices.Contains(bad, n) {
			t.Fatalf("unexpected file %q", name)
		}
		if i%97 == 0 {
			checkPNG(t, filepath.Join(out, name), lines[n-1], qr.H, 8, 4)
		}
	}
}
