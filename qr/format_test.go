package qr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"strconv"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/testenv"
)

// TestFormats checks what Encode gives for each format: version, level
// defaults, sizes and the quiet zone default.
func TestFormats(t *testing.T) {
	for _, c := range []struct {
		name   string
		text   string
		level  Level
		opts   []Option
		format Format
		v      int
		l      Level
		w, h   int
		quiet  int
	}{
		{"qr", "12345", 0, nil, QR, 1, H, 21, 21, DefaultQuietZone},
		{"micro default level", "12345", 0, []Option{As(MicroQR)}, MicroQR, 2, M, 13, 13, DefaultMicroQuietZone},
		{"micro M1", "12345", L, []Option{As(MicroQR)}, MicroQR, 1, L, 11, 11, DefaultMicroQuietZone},
		{"micro Q", "hello", Q, []Option{As(MicroQR)}, MicroQR, 4, Q, 17, 17, DefaultMicroQuietZone},
		{"micro quiet zone given", "1", L, []Option{As(MicroQR), QuietZone(4)}, MicroQR, 1, L, 11, 11, 4},
		{"micro UTF-8 without ECI", "é", L, []Option{As(MicroQR)}, MicroQR, 3, L, 15, 15, DefaultMicroQuietZone},
		{"rmqr default level", "1", 0, []Option{As(RMQR)}, RMQR, 11, H, 27, 11, DefaultMicroQuietZone},
		{"rmqr max height", "https://example.com", M, []Option{As(RMQR), MaxHeight(7)}, RMQR, 3, M, 77, 7, DefaultMicroQuietZone},
		{"rmqr versions", "1", M, []Option{As(RMQR), MinVersion(32)}, RMQR, 32, M, 139, 17, DefaultMicroQuietZone},
		{"as qr", "12345", 0, []Option{As(RMQR), As(QR)}, QR, 1, H, 21, 21, DefaultQuietZone},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, err := Encode(c.text, c.level, c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if code.Format() != c.format || code.Version() != c.v || code.Level() != c.l || code.Width() != c.w || code.Height() != c.h || code.Size() != c.w {
				t.Fatalf("%v %d-%v %d×%d, want %v %d-%v %d×%d", code.Format(), code.Version(), code.Level(), code.Width(), code.Height(), c.format, c.v, c.l, c.w, c.h)
			}
			if r := code.renderDefaults(); r.quiet != c.quiet {
				t.Fatalf("quiet zone %d, want %d", r.quiet, c.quiet)
			}
		})
	}
}

// TestFormatErrors checks the options each format refuses: all wrap
// ErrInvalidOption, and the message about a level names the levels that
// exist.
func TestFormatErrors(t *testing.T) {
	for _, c := range []struct {
		name    string
		level   Level
		opts    []Option
		message string
	}{
		{"micro H", H, []Option{As(MicroQR)}, "its levels are L"},
		{"rmqr L", L, []Option{As(RMQR)}, "its levels are M and H"},
		{"rmqr Q", Q, []Option{As(RMQR)}, "its levels are M and H"},
		{"format", 0, []Option{As(Format(7))}, "format 7"},
		{"micro version 5", 0, []Option{As(MicroQR), MinVersion(5)}, "outside Micro QR's 1..4"},
		{"rmqr version 33", 0, []Option{As(RMQR), MaxVersion(33)}, "outside rMQR's 1..32"},
		{"micro mask 4", 0, []Option{As(MicroQR), Mask(4)}, "MaskPattern(0..3)"},
		{"rmqr mask 1", 0, []Option{As(RMQR), Mask(1)}, "MaskPattern(0..0)"},
		{"micro eci", 0, []Option{As(MicroQR), UTF8ECI()}, "no ECI"},
		{"max height for qr", 0, []Option{MaxHeight(9)}, "only rMQR"},
		{"max height 6", 0, []Option{As(RMQR), MaxHeight(6)}, "below 7"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Encode("1", c.level, c.opts...)
			if !errors.Is(err, ErrInvalidOption) || !strings.Contains(err.Error(), c.message) {
				t.Fatalf("err = %v, want ErrInvalidOption saying %q", err, c.message)
			}
		})
	}
}

// rectCodes returns a code of each format, rMQR the widest and the
// narrowest.
func rectCodes(t *testing.T) []*Code {
	t.Helper()
	var codes []*Code
	for _, opts := range [][]Option{
		{As(MicroQR)},
		{As(RMQR), MaxHeight(7)},
		{As(RMQR), MinVersion(32)},
		{As(RMQR), MinVersion(11), MaxVersion(11)},
	} {
		c, err := Encode("HELLO 42", M, opts...)
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, c)
	}
	return codes
}

// TestRectangularRenderers draws Micro QR and rMQR codes with every
// renderer and checks every pixel, cell or rectangle against the modules.
func TestRectangularRenderers(t *testing.T) {
	for _, c := range rectCodes(t) {
		name := c.Format().String() + " " + strconv.Itoa(c.Version())
		q := DefaultMicroQuietZone
		file, err := c.PNG(Scale(3))
		if err != nil {
			t.Fatal(err)
		}
		checkPixels(t, file, c, 3, q, c.renderDefaults().dark, c.renderDefaults().light)
		img, err := c.Raster(Scale(2))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b != image.Rect(0, 0, (c.Width()+2*q)*2, (c.Height()+2*q)*2) {
			t.Errorf("%s: Raster bounds %v", name, b)
		}
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < img.Bounds().Dx(); x++ {
				if dark := img.(image.PalettedImage).ColorIndexAt(x, y) == 1; dark != c.Module(x/2-q, y/2-q) {
					t.Fatalf("%s: Raster pixel (%d, %d) dark %v", name, x, y, dark)
				}
			}
		}
		checkRectSVG(t, name, c)
		checkRectText(t, name, c)
	}
}

// checkRectSVG checks the SVG of c: its size, viewBox and every module.
func checkRectSVG(t *testing.T, name string, c *Code) {
	t.Helper()
	var buf bytes.Buffer
	if err := c.WriteSVG(&buf, Scale(5)); err != nil {
		t.Fatal(err)
	}
	var doc svgDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	q := DefaultMicroQuietZone
	tw, th := c.Width()+2*q, c.Height()+2*q
	if doc.Width != strconv.Itoa(5*tw) || doc.Height != strconv.Itoa(5*th) || doc.ViewBox != "0 0 "+strconv.Itoa(tw)+" "+strconv.Itoa(th) {
		t.Errorf("%s: SVG %s×%s, viewBox %q", name, doc.Width, doc.Height, doc.ViewBox)
	}
	grid := rasterizePath(t, doc.Paths[0].D, tw, th)
	for y := range th {
		for x := range tw {
			if grid[y][x] != c.Module(x-q, y-q) {
				t.Fatalf("%s: SVG module (%d, %d) drawn %v", name, x, y, grid[y][x])
			}
		}
	}
}

// checkRectText checks the terminal text of c: one line per two rows, one
// cell per column, the half blocks matching the modules.
func checkRectText(t *testing.T, name string, c *Code) {
	t.Helper()
	q := DefaultMicroQuietZone
	lines := strings.Split(strings.TrimSuffix(c.Text(Invert()), "\n"), "\n")
	if want := (c.Height() + 2*q + 1) / 2; len(lines) != want {
		t.Fatalf("%s: %d lines, want %d", name, len(lines), want)
	}
	for i, line := range lines {
		cells := []rune(line)
		if len(cells) != c.Width()+2*q {
			t.Fatalf("%s: line %d has %d cells", name, i, len(cells))
		}
		for x, r := range cells {
			top, bottom := c.Module(x-q, 2*i-q), c.Module(x-q, 2*i+1-q)
			if want := []rune(halfBlocks[map[bool]int{true: 2}[top]|map[bool]int{true: 1}[bottom]])[0]; r != want {
				t.Fatalf("%s: line %d cell %d is %q, want %q", name, i, x, r, want)
			}
		}
	}
}

// TestFormatAllocs checks the allocation-free path for Micro QR and rMQR:
// re-encoding a Code and writing its PNG into a reused buffer.
func TestFormatAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts differ under coverage and the race detector")
	}
	for _, opts := range [][]Option{{As(MicroQR), Scale(6)}, {As(RMQR), Scale(6)}, {As(RMQR), MaxHeight(9), QuietZone(3)}} {
		var c Code
		var buf bytes.Buffer
		if err := c.Encode("PN 4711-B", M, opts...); err != nil {
			t.Fatal(err)
		}
		buf.Grow(4096)
		if n := testing.AllocsPerRun(50, func() {
			if err := c.Encode("PN 4711-B", M, opts...); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%v: Code.Encode allocates %v times per call, want 0", c.Format(), n)
		}
		if n := testing.AllocsPerRun(50, func() {
			buf.Reset()
			if err := c.WritePNG(&buf); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%v: WritePNG allocates %v times per call, want 0", c.Format(), n)
		}
	}
}

// TestFormatsZXing reads the PNG of every Micro QR and rMQR version and
// level with zxing-cpp 3.1 (zxing-wasm in node), rendered with the default
// options: the format, version and text come back.
func TestFormatsZXing(t *testing.T) {
	z := testenv.StartZXing(t)
	names := map[Format]string{MicroQR: "MicroQRCode", RMQR: "RMQRCode"}
	for _, f := range []Format{MicroQR, RMQR} {
		last := map[Format]int{MicroQR: 4, RMQR: 32}[f]
		for v := 1; v <= last; v++ {
			for _, l := range []Level{L, M, Q, H} {
				const text = "12345" // fits every version at every level
				c, err := Encode(text, l, As(f), MinVersion(v), MaxVersion(v))
				if errors.Is(err, ErrInvalidOption) {
					continue // the version lacks the level
				}
				if err != nil {
					t.Fatalf("%v %d-%v: %v", f, v, l, err)
				}
				file, err := c.PNG(Scale(4))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := png.Decode(bytes.NewReader(file)); err != nil {
					t.Fatal(err)
				}
				res, err := z.Read(file, testenv.ZXingRead{Formats: []string{names[f]}})
				if err != nil {
					t.Fatal(err)
				}
				if len(res) != 1 || res[0].Text != text || res[0].Format != names[f] {
					t.Errorf("%v %d-%v: zxing-cpp reads %+v, want %q", f, v, l, res, text)
				}
			}
		}
	}
}
