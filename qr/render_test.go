package qr

import (
	"bytes"
	"errors"
	"image/color"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// matrix is a test symbol in the packed layout of encode.Symbol, so the
// renderers can be checked on any pattern, independently of the encoder:
// w modules wide, h high.
type matrix struct {
	w, h int
	rows [][3]uint64
}

func (m *matrix) Width() int         { return m.w }
func (m *matrix) Height() int        { return m.h }
func (m *matrix) Row(y int) []uint64 { return m.rows[y][:(m.w+63)/64] }

func (m *matrix) Module(x, y int) bool {
	if x < 0 || y < 0 || x >= m.w || y >= m.h {
		return false
	}
	return m.rows[y][x/64]>>(63-x%64)&1 != 0
}

func (m *matrix) set(x, y int) { m.rows[y][x/64] |= 1 << (63 - x%64) }

// randomMatrix returns an n×n matrix with each module dark with
// probability 1/2.
func randomMatrix(rng *rand.Rand, n int) *matrix { return randomRect(rng, n, n) }

// randomRect returns a w×h matrix with each module dark with probability
// 1/2.
func randomRect(rng *rand.Rand, w, h int) *matrix {
	m := &matrix{w: w, h: h, rows: make([][3]uint64, h)}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if rng.IntN(2) == 0 {
				m.set(x, y)
			}
		}
	}
	return m
}

// testMatrices returns random matrices of every QR size, 21..177, every
// Micro QR size, 11..17, and the rMQR sizes of the extreme widths and
// heights (ISO/IEC 23941 Table 1).
func testMatrices(t testing.TB) []*matrix {
	t.Helper()
	rng := rand.New(rand.NewPCG(4, 4))
	var ms []*matrix
	for v := 1; v <= 40; v++ {
		ms = append(ms, randomMatrix(rng, 17+4*v))
	}
	for v := 1; v <= 4; v++ {
		ms = append(ms, randomMatrix(rng, 9+2*v))
	}
	for _, wh := range [][2]int{{43, 7}, {139, 7}, {27, 11}, {77, 13}, {43, 17}, {139, 17}} {
		ms = append(ms, randomRect(rng, wh[0], wh[1]))
	}
	return ms
}

// failingWriter accepts nothing and says why.
type failingWriter struct{ err error }

func (f failingWriter) Write(p []byte) (int, error) { return 0, f.err }

// TestRenderWriterErrors: a nil writer is an invalid argument, not a panic,
// and a writer's error comes back wrapped so that errors.Is finds it.
func TestRenderWriterErrors(t *testing.T) {
	c, err := Encode(w1, H)
	if err != nil {
		t.Fatal(err)
	}
	diskFull := errors.New("disk full")
	renderers := []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"PNG", func(w io.Writer) error { return c.WritePNG(w) }},
		{"SVG", func(w io.Writer) error { return c.WriteSVG(w) }},
		{"Text", func(w io.Writer) error { return c.WriteText(w) }},
	}
	for _, r := range renderers {
		t.Run(r.name, func(t *testing.T) {
			if err := r.write(nil); !errors.Is(err, ErrInvalidOption) {
				t.Errorf("nil writer: err = %v, want ErrInvalidOption", err)
			}
			err := r.write(failingWriter{diskFull})
			if !errors.Is(err, diskFull) || !strings.HasPrefix(err.Error(), "qr: ") {
				t.Errorf("failing writer: err = %v, want a qr: error wrapping %v", err, diskFull)
			}
		})
	}
}

// TestRenderErrorsAgree: every renderer with an error result reports the
// same sentinel for the same mistake, writes nothing and returns no image.
// Text and Image, which have no error result, do what their documentation
// says instead.
func TestRenderErrorsAgree(t *testing.T) {
	code, err := Encode(w1, H)
	if err != nil {
		t.Fatal(err)
	}
	type call func(c *Code, w io.Writer, opts ...Option) (out int, err error) // out: bytes or pixels produced
	calls := []struct {
		name   string
		text   bool // draws terminal text, which has no scale or colours
		writer bool // takes an io.Writer
		call   call
	}{
		{"WritePNG", false, true, func(c *Code, w io.Writer, opts ...Option) (int, error) { return 0, c.WritePNG(w, opts...) }},
		{"PNG", false, false, func(c *Code, _ io.Writer, opts ...Option) (int, error) {
			b, err := c.PNG(opts...)
			return len(b), err
		}},
		{"WriteSVG", false, true, func(c *Code, w io.Writer, opts ...Option) (int, error) { return 0, c.WriteSVG(w, opts...) }},
		{"Raster", false, false, func(c *Code, _ io.Writer, opts ...Option) (int, error) {
			img, err := c.Raster(opts...)
			if img != nil {
				return img.Bounds().Dx(), err
			}
			return 0, err
		}},
		{"WriteText", true, true, func(c *Code, w io.Writer, opts ...Option) (int, error) { return 0, c.WriteText(w, opts...) }},
		{"AppendText", true, false, func(c *Code, _ io.Writer, opts ...Option) (int, error) {
			b, err := c.AppendText([]byte("kept"), opts...)
			if string(b) != "kept" {
				return len(b), err
			}
			return 0, err
		}},
	}
	var empty Code
	rows := []struct {
		name       string
		code       *Code
		nilWriter  bool
		opts       []Option
		imagesOnly bool // text has no scale or colours to get wrong
		want       error
	}{
		{"scale 0", code, false, []Option{Scale(0)}, false, ErrInvalidOption},
		{"negative quiet zone", code, false, []Option{QuietZone(-1)}, false, ErrInvalidOption},
		{"nil dark colour", code, false, []Option{Colors(nil, color.White)}, false, ErrInvalidOption},
		{"nil light colour", code, false, []Option{Colors(color.Black, nil)}, false, ErrInvalidOption},
		{"bad encoding option", code, false, []Option{MinVersion(0)}, false, ErrInvalidOption},
		{"quiet zone over the side limits", code, false, []Option{QuietZone(MaxImageSide / 2)}, false, ErrInvalidOption},
		{"image over MaxImageSide", code, false, []Option{Scale(MaxImageSide/45 + 1)}, true, ErrInvalidOption},
		{"empty Code", &empty, false, nil, false, ErrEmptyCode},
		{"nil writer", code, true, nil, false, ErrInvalidOption},
	}
	for _, row := range rows {
		for _, r := range calls {
			if row.imagesOnly && r.text || row.nilWriter && !r.writer {
				continue
			}
			t.Run(row.name+"/"+r.name, func(t *testing.T) {
				var buf bytes.Buffer
				var w io.Writer = &buf
				if row.nilWriter {
					w = nil
				}
				out, err := r.call(row.code, w, row.opts...)
				if !errors.Is(err, row.want) || !strings.HasPrefix(err.Error(), "qr: ") {
					t.Fatalf("err = %v, want a qr: error wrapping %v", err, row.want)
				}
				if out != 0 || buf.Len() != 0 {
					t.Fatalf("produced %d bytes or pixels and wrote %d bytes with the error", out, buf.Len())
				}
			})
		}
		if row.nilWriter {
			continue
		}
		t.Run(row.name+"/Text", func(t *testing.T) {
			if s := row.code.Text(row.opts...); s != "" && !row.imagesOnly {
				t.Errorf("Text gave %d bytes, want \"\"", len(s))
			}
		})
		t.Run(row.name+"/Image", func(t *testing.T) {
			img := row.code.Image(row.opts...)
			want := row.code.Image() // the Code's defaults, all quiet zone if empty
			if img.Bounds() != want.Bounds() {
				t.Errorf("Image bounds %v, want the defaults' %v", img.Bounds(), want.Bounds())
			}
			p := img.ColorModel().(color.Palette)
			if p[0] == nil || p[1] == nil {
				t.Error("nil colour in palette")
			}
		})
	}
}
