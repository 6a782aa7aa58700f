package qr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// renderer is one renderer seen as bytes, so that any two renderings can be
// compared: images are written out with image/png, an encoder independent
// of ours.
type renderer struct {
	name   string
	render func(c *Code, opts ...Option) ([]byte, error)
}

// stdPNG writes img with image/png.
func stdPNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}

var renderers = []renderer{
	{"WritePNG", func(c *Code, opts ...Option) ([]byte, error) {
		var b bytes.Buffer
		err := c.WritePNG(&b, opts...)
		return b.Bytes(), err
	}},
	{"PNG", func(c *Code, opts ...Option) ([]byte, error) { return c.PNG(opts...) }},
	{"WriteSVG", func(c *Code, opts ...Option) ([]byte, error) {
		var b bytes.Buffer
		err := c.WriteSVG(&b, opts...)
		return b.Bytes(), err
	}},
	{"Raster", func(c *Code, opts ...Option) ([]byte, error) {
		img, err := c.Raster(opts...)
		if err != nil {
			return nil, err
		}
		return stdPNG(img)
	}},
	{"Image", func(c *Code, opts ...Option) ([]byte, error) { return stdPNG(c.Image(opts...)) }},
	{"WriteText", func(c *Code, opts ...Option) ([]byte, error) {
		var b bytes.Buffer
		err := c.WriteText(&b, opts...)
		return b.Bytes(), err
	}},
	{"AppendText", func(c *Code, opts ...Option) ([]byte, error) { return c.AppendText(nil, opts...) }},
	{"Text", func(c *Code, opts ...Option) ([]byte, error) { return []byte(c.Text(opts...)), nil }},
}

var (
	navy  = color.RGBA{0, 0, 0x80, 0xff}
	cream = color.NRGBA{0xff, 0xfd, 0xd0, 0xff}
)

// TestRenderDefaults: render options given to Encode act exactly as if they
// were given to each render call, and options given to the call override
// them one by one.
func TestRenderDefaults(t *testing.T) {
	plain, err := Encode(w1, H)
	if err != nil {
		t.Fatal(err)
	}
	encodeOpts := []Option{Scale(3), QuietZone(2), Colors(navy, cream), Invert()}
	styled, err := Encode(w1, H, encodeOpts...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range renderers {
		t.Run(r.name, func(t *testing.T) {
			got, err := r.render(styled)
			if err != nil {
				t.Fatal(err)
			}
			want, err := r.render(plain, encodeOpts...)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Error("rendering with the Code's defaults differs from rendering with the same options given to the call")
			}
			if def, _ := r.render(plain); bytes.Equal(got, def) {
				t.Error("the Code's defaults made no difference")
			}
			// One option given to the call replaces one default.
			got, err = r.render(styled, QuietZone(0))
			if err != nil {
				t.Fatal(err)
			}
			want, _ = r.render(plain, Scale(3), QuietZone(0), Colors(navy, cream), Invert())
			if !bytes.Equal(got, want) {
				t.Error("QuietZone(0) given to the call did not keep the other defaults")
			}
			// A failing option of the call does not touch the Code's defaults.
			_, _ = r.render(styled, Scale(0), QuietZone(-1))
			if again, _ := r.render(styled); !bytes.Equal(again, mustRender(t, r, plain, encodeOpts...)) {
				t.Error("a failed render call changed the Code's defaults")
			}
		})
	}
}

func mustRender(t *testing.T, r renderer, c *Code, opts ...Option) []byte {
	t.Helper()
	b, err := r.render(c, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRenderDefaultsReencode: re-encoding replaces the defaults with those
// of the new call, a failed encoding keeps them, EncodeBytes keeps them like
// Encode, and a copy of a Code has its own.
func TestRenderDefaultsReencode(t *testing.T) {
	png := renderers[1]
	want := func(opts ...Option) []byte {
		c, err := Encode("second", M)
		if err != nil {
			t.Fatal(err)
		}
		return mustRender(t, png, c, opts...)
	}

	var c Code
	if err := c.Encode("first", M, Scale(2), Colors(navy, cream)); err != nil {
		t.Fatal(err)
	}
	if err := c.Encode("second", M, QuietZone(1)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustRender(t, png, &c), want(QuietZone(1))) {
		t.Error("re-encoding kept render defaults the new call did not give")
	}

	if err := c.Encode("second", M, Scale(5)); err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]Option{{Scale(0)}, {Colors(nil, cream)}, {MinVersion(40), Scale(200)}} {
		if err := c.Encode("other", M, bad...); !errors.Is(err, ErrInvalidOption) {
			t.Fatalf("Encode with %d bad options: %v, want ErrInvalidOption", len(bad), err)
		}
	}
	if !bytes.Equal(mustRender(t, png, &c), want(Scale(5))) {
		t.Error("a failed re-encoding changed the Code")
	}

	if err := c.EncodeBytes([]byte("second"), M, UTF8ECI(), Scale(5)); err != nil {
		t.Fatal(err)
	}
	copied := c
	if err := c.EncodeBytes([]byte("second"), M); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustRender(t, png, &c), want()) {
		t.Error("EncodeBytes did not replace the render defaults")
	}
	if got := mustRender(t, png, &copied); bytes.Equal(got, want()) || len(got) == 0 {
		t.Error("re-encoding the original changed the defaults of its copy")
	}
}

// TestRenderDefaultsZeroCode: the zero Code has the package defaults; Image
// shows them, as it renders the empty Code as all quiet zone.
func TestRenderDefaultsZeroCode(t *testing.T) {
	var zero Code
	if *zero.renderDefaults() != defaultRendering {
		t.Fatalf("zero Code defaults %+v, want %+v", *zero.renderDefaults(), defaultRendering)
	}
	img := zero.Image()
	side := 2 * DefaultQuietZone * DefaultScale
	if img.Bounds() != image.Rect(0, 0, side, side) || img.At(0, 0) != color.Color(color.White) {
		t.Fatalf("zero Code image %v, %v; want %d px of white", img.Bounds(), img.At(0, 0), side)
	}
	// Encoding without render options gives the same defaults explicitly.
	c, err := Encode("x", L)
	if err != nil {
		t.Fatal(err)
	}
	if c.render != defaultRendering {
		t.Fatalf("defaults after Encode without render options: %+v", c.render)
	}
}

// TestEncodeImageSide: a scale and quiet zone that cannot draw the symbol
// Encode chose are refused by Encode, whether or not they fit smaller
// versions; the symbol encoded aside for the check is the one a plain
// encoding gives.
func TestEncodeImageSide(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  []Option
		fails bool
	}{
		{"largest scale for version 40", []Option{MinVersion(40), Scale(MaxImageSide / 185)}, false},
		{"one more", []Option{MinVersion(40), Scale(MaxImageSide/185 + 1)}, true},
		{"fits version 1 only", []Option{Scale(MaxImageSide / 29)}, false},
		{"quiet zone too wide", []Option{QuietZone(MaxImageSide)}, true},
		{"huge scale", []Option{Scale(1 << 40)}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Code
			err := c.Encode("x", L, tc.opts...)
			if tc.fails {
				if changed := !reflect.DeepEqual(snapCode(&c), snapCode(&Code{})); !errors.Is(err, ErrInvalidOption) || changed {
					t.Fatalf("err %v, Code changed %v; want ErrInvalidOption and no change", err, changed)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			plain, err := Encode("x", L, tc.opts[:len(tc.opts)-1]...)
			if err != nil {
				t.Fatal(err)
			}
			if !sameSymbol(&c.sym, &plain.sym) {
				t.Fatal("the symbol differs from a plain encoding")
			}
			if _, err := c.PNG(); err != nil {
				t.Fatalf("the Code's defaults do not render: %v", err)
			}
		})
	}
}

// TestWriteFileDefaults: WriteFile draws with the options it encodes with.
func TestWriteFileDefaults(t *testing.T) {
	dir := t.TempDir()
	opts := []Option{Scale(3), QuietZone(1), Colors(navy, cream)}
	plain, err := Encode(w1, Q)
	if err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".png", ".svg"} {
		path := filepath.Join(dir, "code"+ext)
		if err := WriteFile(path, w1, Q, opts...); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want := mustRender(t, renderers[1], plain, opts...)
		if ext == ".svg" {
			want = mustRender(t, renderers[2], plain, opts...)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: file differs from the Code rendered with the options", ext)
		}
	}
}

// TestRenderDefaultsConcurrent renders one Code with defaults from many
// goroutines, each with its own overrides, for the race detector.
func TestRenderDefaultsConcurrent(t *testing.T) {
	c, err := Encode(w1, H, Scale(2), Colors(navy, cream))
	if err != nil {
		t.Fatal(err)
	}
	overrides := [][]Option{nil, {QuietZone(0)}, {Scale(1)}, {Colors(color.Black, color.White)}}
	want := make([][]byte, len(overrides))
	for i, o := range overrides {
		want[i] = mustRender(t, renderers[0], c, o...)
	}
	done := make(chan error)
	for g := range 8 {
		go func() {
			i := g % len(overrides)
			for range 10 {
				got, err := renderers[0].render(c, overrides[i]...)
				if err == nil && !bytes.Equal(got, want[i]) {
					err = fmt.Errorf("override %d renders differently under concurrency", i)
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// TestRenderDefaultsAllocs: keeping render defaults costs no allocation. A
// server that gives its options to Code.Encode alone, then renders with
// none, goes from text to PNG or text without allocating.
func TestRenderDefaultsAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts differ under coverage and the race detector")
	}
	var c Code
	var buf bytes.Buffer
	opts := []Option{Scale(10), QuietZone(2), Colors(navy, cream)}
	if err := c.Encode(w1, H, opts...); err != nil {
		t.Fatal(err)
	}
	buf.Grow(1 << 16)
	text := make([]byte, 0, 1<<16)
	for _, tc := range []struct {
		name string
		run  func() error
	}{
		{"Encode + WritePNG", func() error {
			if err := c.Encode(w1, H, opts...); err != nil {
				return err
			}
			buf.Reset()
			return c.WritePNG(&buf)
		}},
		{"WritePNG overriding", func() error {
			buf.Reset()
			return c.WritePNG(&buf, opts[1])
		}},
		{"WriteText", func() error {
			buf.Reset()
			return c.WriteText(&buf)
		}},
		{"AppendText", func() error {
			var err error
			text, err = c.AppendText(text[:0])
			return err
		}},
		{"WriteSVG", func() error {
			buf.Reset()
			return c.WriteSVG(&buf)
		}},
	} {
		if n := testing.AllocsPerRun(50, func() {
			if err := tc.run(); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s allocates %v times per call, want 0", tc.name, n)
		}
	}
}
