package qr

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
)

var levels = []Level{L, M, Q, H}

// encodeVersion encodes a text of v·v/2 characters or so, which fits
// version v at every level, forced into version v.
func encodeVersion(t testing.TB, v int, level Level) (*Code, string) {
	t.Helper()
	text := fmt.Sprintf("V%d %s ", v, level) + strings.Repeat("QRWORKS-", v*v/16+1)[:max(0, v*v/2-5)]
	c, err := Encode(text, level, MinVersion(v), MaxVersion(v))
	if err != nil {
		t.Fatalf("version %d level %s: %v", v, level, err)
	}
	if c.Version() != v {
		t.Fatalf("got version %d, want %d", c.Version(), v)
	}
	return c, text
}

// TestPNGPixelsRealCodes compares every pixel of our PNG, decoded by
// image/png, with the matrix, for every version, several scales, quiet
// zones and colour pairs.
func TestPNGPixelsRealCodes(t *testing.T) {
	scales := []int{1, 3, 10}
	if testing.Short() {
		scales = []int{3}
	}
	for v := 1; v <= 40; v++ {
		if testing.Short() && v%3 != 1 {
			continue
		}
		c, _ := encodeVersion(t, v, levels[v%4])
		for _, scale := range scales {
			for _, quiet := range []int{0, 4} {
				cp := colourPairs[(v+scale+quiet)%len(colourPairs)]
				file, err := c.PNG(Scale(scale), QuietZone(quiet), Colors(cp.dark, cp.light))
				if err != nil {
					t.Fatalf("version %d scale %d: %v", v, scale, err)
				}
				checkPixels(t, file, c, scale, quiet, cp.dark, cp.light)
			}
		}
	}
}

// TestPNGCheck runs pngcheck, an independent PNG validator, over PNGs of
// every colour type, sizes from version 1 to 40 and scales 1 to 10.
func TestPNGCheck(t *testing.T) {
	tool := testenv.Tool(t, "pngcheck", "pngcheck")
	dir := t.TempDir()
	var files []string
	for v := 1; v <= 40; v += 3 {
		c, _ := encodeVersion(t, v, levels[v%4])
		for i, cp := range colourPairs {
			scale := 1 + (v+i)%10
			quiet := (v + i) % 5
			file, err := c.PNG(Scale(scale), QuietZone(quiet), Colors(cp.dark, cp.light))
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, fmt.Sprintf("v%d-%d.png", v, i))
			if err := os.WriteFile(name, file, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, name)
		}
	}
	out, err := exec.Command(tool, append([]string{"-q"}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("pngcheck rejects our PNGs: %v\n%s", err, out)
	}
}

// TestSVGRenderedByRSVG renders our SVG with librsvg and reads it back with
// zbarimg: a real SVG renderer and an independent decoder.
func TestSVGRenderedByRSVG(t *testing.T) {
	rsvg := testenv.Tool(t, "rsvg-convert", "librsvg2-bin")
	zbar := testenv.Tool(t, "zbarimg", "zbar-tools")
	dir := t.TempDir()
	for _, v := range []int{1, 5, 10, 20, 40} {
		c, text := encodeVersion(t, v, levels[v%4])
		var svg bytes.Buffer
		if err := c.WriteSVG(&svg, Scale(4)); err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, fmt.Sprintf("v%d.svg", v))
		out := filepath.Join(dir, fmt.Sprintf("v%d.png", v))
		if err := os.WriteFile(in, svg.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command(rsvg, "-o", out, in).CombinedOutput(); err != nil {
			t.Fatalf("rsvg-convert: %v\n%s", err, b)
		}
		b, err := exec.Command(zbar, "--quiet", "--raw", "-Sqrcode.enable", out).Output()
		if err != nil {
			t.Fatalf("version %d: zbarimg cannot read the rendered SVG: %v", v, err)
		}
		if got := strings.TrimSuffix(string(b), "\n"); got != text {
			t.Fatalf("version %d: zbarimg read %q, want %q", v, got, text)
		}
	}
}

// TestPNGZbar reads our PNG with zbarimg as well.
func TestPNGZbar(t *testing.T) {
	zbar := testenv.Tool(t, "zbarimg", "zbar-tools")
	c, text := encodeVersion(t, 5, H)
	file, err := c.PNG(Scale(10))
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "w.png")
	if err := os.WriteFile(name, file, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(zbar, "--quiet", "--raw", "-Sqrcode.enable", name).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	if got := strings.TrimSuffix(string(b), "\n"); got != text {
		t.Fatalf("zbarimg read %q, want %q", got, text)
	}
}

// TestRenderAllocs: a server reusing its Code and buffer goes from text to
// PNG without allocating.
func TestRenderAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts differ under coverage and the race detector")
	}
	var c Code
	var buf bytes.Buffer
	opts := []Option{Scale(10), QuietZone(4)}
	if err := c.Encode(w1, H, opts...); err != nil {
		t.Fatal(err)
	}
	buf.Grow(4096)
	if n := testing.AllocsPerRun(100, func() {
		buf.Reset()
		if err := c.WritePNG(&buf, opts...); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("WritePNG allocates %v times per call, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		if err := c.Encode(w1, H, opts...); err != nil {
			t.Fatal(err)
		}
		buf.Reset()
		if err := c.WritePNG(&buf, opts...); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Encode + WritePNG allocates %v times per call, want 0", n)
	}
}

// TestRenderConcurrent renders one Code from many goroutines at once, for
// the race detector.
func TestRenderConcurrent(t *testing.T) {
	c, _ := encodeVersion(t, 9, Q)
	want, err := c.PNG(Scale(2))
	if err != nil {
		t.Fatal(err)
	}
	wantText := c.Text()
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func() {
			var buf bytes.Buffer
			for i := 0; i < 20; i++ {
				buf.Reset()
				if err := c.WritePNG(&buf, Scale(2)); err != nil || !bytes.Equal(buf.Bytes(), want) {
					done <- fmt.Errorf("PNG differs under concurrency (%v)", err)
					return
				}
				if c.Text() != wantText {
					done <- fmt.Errorf("text differs under concurrency")
					return
				}
				buf.Reset()
				if err := c.WriteSVG(&buf); err != nil {
					done <- err
					return
				}
				_ = c.Image().(interface{ ColorIndexAt(x, y int) uint8 }).ColorIndexAt(40, 40)
			}
			done <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// TestPNGLarge checks a large image (version 40 at scale 20, 3700 pixels a
// side, several deflate blocks) row by row.
func TestPNGLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large image")
	}
	c, _ := encodeVersion(t, 40, L)
	file, err := c.PNG(Scale(20))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	g := img.(*image.Gray)
	for y := 0; y < g.Rect.Dy(); y += 7 {
		for x := 0; x < g.Rect.Dx(); x++ {
			dark := c.Module(x/20-4, y/20-4)
			if (g.GrayAt(x, y).Y == 0) != dark {
				t.Fatalf("pixel (%d,%d) wrong", x, y)
			}
		}
	}
}
