package qr

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// pngOf renders any moduleRows as the PNG writer does for a Code.
func pngOf(m moduleRows, opts ...Option) ([]byte, error) {
	var st pngState
	st.cfg.reset(opts)
	out, err := st.encode(m)
	return bytes.Clone(out), err
}

type colourPair struct {
	name        string
	dark, light color.Color
}

var colourPairs = []colourPair{
	{"black on white", color.Black, color.White},
	{"navy on cream", color.RGBA{0, 0, 0x80, 0xff}, color.NRGBA{0xff, 0xfd, 0xd0, 0xff}},
	{"transparent light", color.Black, color.Transparent},
	{"half-transparent dark", color.NRGBA{0x20, 0x40, 0x60, 0x80}, color.White},
	{"white on black", color.White, color.Black},
	{"grey16", color.Gray16{0x1234}, color.Gray16{0xfedc}},
}

// checkPixels decodes file with image/png and compares every pixel with the
// matrix: dark modules dark, light modules and the quiet zone light.
func checkPixels(t *testing.T, file []byte, m interface {
	Width() int
	Height() int
	Module(x, y int) bool
}, scale, quiet int, dark, light color.Color) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(file))
	if err != nil {
		t.Fatalf("image/png cannot decode our PNG: %v", err)
	}
	pw, ph := (m.Width()+2*quiet)*scale, (m.Height()+2*quiet)*scale
	if got := img.Bounds(); got != image.Rect(0, 0, pw, ph) {
		t.Fatalf("bounds %v, want %dx%d", got, pw, ph)
	}
	var want [2][4]uint8
	want[0][0], want[0][1], want[0][2], want[0][3] = nrgba(light)
	want[1][0], want[1][1], want[1][2], want[1][3] = nrgba(dark)
	for y := 0; y < ph; y++ {
		for x := 0; x < pw; x++ {
			d := 0
			if m.Module(x/scale-quiet, y/scale-quiet) {
				d = 1
			}
			var got [4]uint8
			got[0], got[1], got[2], got[3] = nrgba(img.At(x, y))
			if got != want[d] {
				t.Fatalf("pixel (%d,%d) = %v, want %v (dark=%d)", x, y, got, want[d], d)
			}
		}
	}
}

func TestPNGPixelsRandomMatrices(t *testing.T) {
	scales := []int{1, 2, 3, 8, 10}
	if testing.Short() {
		scales = []int{1, 10}
	}
	for i, m := range testMatrices(t) {
		if testing.Short() && i%4 != 0 {
			continue
		}
		for _, scale := range scales {
			for _, quiet := range []int{0, 1, 4} {
				cp := colourPairs[(m.w+m.h+scale+quiet)%len(colourPairs)]
				file, err := pngOf(m, Scale(scale), QuietZone(quiet), Colors(cp.dark, cp.light))
				if err != nil {
					t.Fatalf("size %d×%d scale %d quiet %d: %v", m.w, m.h, scale, quiet, err)
				}
				checkPixels(t, file, m, scale, quiet, cp.dark, cp.light)
			}
		}
	}
}

func TestPNGColours(t *testing.T) {
	m := randomMatrix(rand.New(rand.NewPCG(1, 1)), 25)
	for _, cp := range colourPairs {
		t.Run(cp.name, func(t *testing.T) {
			file, err := pngOf(m, Scale(3), Colors(cp.dark, cp.light))
			if err != nil {
				t.Fatal(err)
			}
			checkPixels(t, file, m, 3, DefaultQuietZone, cp.dark, cp.light)
			img, _ := png.Decode(bytes.NewReader(file))
			_, isGrey := img.(*image.Gray)
			if wantGrey := cp.name == "black on white"; isGrey != wantGrey {
				t.Errorf("decoded as %T; want greyscale only for black on white", img)
			}
		})
	}
}

func TestPNGBadOptions(t *testing.T) {
	m := randomMatrix(rand.New(rand.NewPCG(1, 1)), 177)
	tests := []struct {
		name string
		opts []Option
	}{
		{"scale 0", []Option{Scale(0)}},
		{"scale -3", []Option{Scale(-3)}},
		{"negative quiet zone", []Option{QuietZone(-1)}},
		{"nil dark", []Option{Colors(nil, color.White)}},
		{"nil light", []Option{Colors(color.Black, nil)}},
		{"image over 2^28 pixels", []Option{Scale(MaxImageSide/185 + 1)}},
		{"huge scale", []Option{Scale(1 << 62)}},
		{"huge quiet zone", []Option{QuietZone(1 << 62)}},
		{"huge both", []Option{QuietZone(1 << 40), Scale(1 << 40)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := pngOf(m, tt.opts...); !errors.Is(err, ErrInvalidOption) {
				t.Fatalf("err = %v, want ErrInvalidOption", err)
			}
		})
	}
	// The largest allowed image is fine.
	if _, err := pngOf(m, Scale(MaxImageSide/185)); err != nil {
		t.Fatalf("scale %d: %v", MaxImageSide/185, err)
	}
}

func TestPNGEmptyCode(t *testing.T) {
	var c Code
	if _, err := c.PNG(); !errors.Is(err, ErrEmptyCode) {
		t.Fatalf("err = %v, want ErrEmptyCode", err)
	}
	var buf bytes.Buffer
	if err := c.WritePNG(&buf); !errors.Is(err, ErrEmptyCode) || buf.Len() != 0 {
		t.Fatalf("err = %v, %d bytes written; want ErrEmptyCode and nothing", err, buf.Len())
	}
}

// FuzzPNG renders arbitrary matrices with arbitrary options and checks the
// result with image/png, pixel for pixel; invalid options must give
// ErrInvalidOption, never a panic.
func FuzzPNG(f *testing.F) {
	f.Add(uint8(0), uint8(10), uint8(4), uint8(0), []byte{0x5a, 0xa5, 0xff})
	f.Add(uint8(39), uint8(1), uint8(0), uint8(2), []byte{0})
	f.Add(uint8(4), uint8(3), uint8(1), uint8(3), bytes.Repeat([]byte{0xff, 0}, 200))
	f.Fuzz(func(t *testing.T, version, scale, quiet, colours uint8, bits []byte) {
		// Versions 0..39 are QR's sizes, 40..45 rectangles of rMQR's
		// heights 7..17 and widths growing with them.
		w := 17 + 4*(1+int(version)%46)
		h := w
		if v := int(version) % 46; v >= 40 {
			h, w = 7+2*(v-40), 27+22*(v-40)
		}
		m := &matrix{w: w, h: h, rows: make([][3]uint64, h)}
		for y := 0; y < h && len(bits) > 0; y++ {
			for x := 0; x < w; x++ {
				k := (y*w + x) % (8 * len(bits))
				if bits[k/8]>>(k%8)&1 != 0 {
					m.set(x, y)
				}
			}
		}
		cp := colourPairs[int(colours)%len(colourPairs)]
		s, q := int(scale)%14-1, int(quiet)%7-1 // -1 is invalid
		file, err := pngOf(m, Scale(s), QuietZone(q), Colors(cp.dark, cp.light))
		if s < 1 || q < 0 {
			if !errors.Is(err, ErrInvalidOption) {
				t.Fatalf("scale %d quiet %d: err = %v, want ErrInvalidOption", s, q, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkPixels(t, file, m, s, q, cp.dark, cp.light)
	})
}

// TestPNGStateReuse: a pooled pngState, whatever it rendered before, writes
// the same bytes as a new one.
func TestPNGStateReuse(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	small, large := randomMatrix(rng, 25), randomMatrix(rng, 101)
	want, err := pngOf(small, Scale(5), QuietZone(2))
	if err != nil {
		t.Fatal(err)
	}
	var st pngState
	for _, m := range []*matrix{large, small, large} {
		st.cfg.reset([]Option{Scale(3), Colors(color.White, color.Transparent)})
		if _, err := st.encode(m); err != nil {
			t.Fatal(err)
		}
	}
	st.cfg.reset([]Option{Scale(5), QuietZone(2)})
	got, err := st.encode(small)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("a reused pngState writes different bytes from a new one")
	}
}
