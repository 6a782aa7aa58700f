package imagein

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

// testLimits are the decoder's default limits.
var testLimits = Limits{MaxBytes: 32 << 20, MaxPixels: 40_000_000}

// testImage is a 37×29 greyscale picture with every level of a gradient
// and a few pure black and white pixels.
func testImage() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 37, 29))
	for y := 0; y < 29; y++ {
		for x := 0; x < 37; x++ {
			g.SetGray(x, y, color.Gray{Y: byte(7*x + 3*y)})
		}
	}
	g.SetGray(0, 0, color.Gray{})
	g.SetGray(36, 28, color.Gray{Y: 0xff})
	return g
}

// encodings returns img encoded in every format the standard library and
// x/image can write.
func encodings(t testing.TB, img image.Image) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, enc := range map[string]func(*bytes.Buffer) error{
		"PNG":  func(b *bytes.Buffer) error { return png.Encode(b, img) },
		"JPEG": func(b *bytes.Buffer) error { return jpeg.Encode(b, img, &jpeg.Options{Quality: 90}) },
		"GIF":  func(b *bytes.Buffer) error { return gif.Encode(b, img, nil) },
		"BMP":  func(b *bytes.Buffer) error { return bmp.Encode(b, img) },
		"TIFF": func(b *bytes.Buffer) error { return tiff.Encode(b, img, &tiff.Options{Compression: tiff.Deflate}) },
	} {
		var b bytes.Buffer
		if err := enc(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = b.Bytes()
	}
	return out
}

// TestDecodeFormats decodes every format, by Decode and by Read, to the
// luminance of the picture encoded (exactly for the lossless formats,
// within JPEG's and GIF's error otherwise).
func TestDecodeFormats(t *testing.T) {
	src := testImage()
	for name, data := range encodings(t, src) {
		for how, decode := range map[string]func() (Decoded, error){
			"Decode": func() (Decoded, error) { return Decode(data, testLimits) },
			"Read":   func() (Decoded, error) { return Read(bytes.NewReader(data), testLimits) },
		} {
			d, err := decode()
			if err != nil {
				t.Fatalf("%s %s: %v", how, name, err)
			}
			l := LuminanceOf(d.Image)
			tolerance := 0
			if name == "JPEG" || name == "GIF" {
				tolerance = 24
			}
			if l.W != 37 || l.H != 29 {
				t.Fatalf("%s %s: %d×%d", how, name, l.W, l.H)
			}
			for y := 0; y < l.H; y++ {
				for x := 0; x < l.W; x++ {
					if got, want := int(l.Row(y)[x]), int(src.GrayAt(x, y).Y); abs(got-want) > tolerance {
						t.Fatalf("%s %s (%d, %d): luminance %d, want %d", how, name, x, y, got, want)
					}
				}
			}
			l.Release()
			d.Release()
		}
	}
}

// declaredPNG returns a PNG signature and IHDR chunk declaring w×h pixels of
// 8-bit grey, followed by an IDAT chunk of junk.
func declaredPNG(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8] = 8 // bit depth; colour type 0 (grey), no interlace
	out := pngChunk([]byte(pngSignature), "IHDR", ihdr)
	return pngChunk(out, "IDAT", []byte{0x78, 0x9c, 0x01, 0x02, 0x03})
}

// bmpHeader returns a BMP file and info header declaring w×h 24-bit pixels.
func bmpHeader(w, h int32) []byte {
	b := make([]byte, 54)
	copy(b, "BM")
	binary.LittleEndian.PutUint32(b[2:], 54)
	binary.LittleEndian.PutUint32(b[10:], 54)
	binary.LittleEndian.PutUint32(b[14:], 40)
	binary.LittleEndian.PutUint32(b[18:], uint32(w))
	binary.LittleEndian.PutUint32(b[22:], uint32(h))
	binary.LittleEndian.PutUint16(b[26:], 1)
	binary.LittleEndian.PutUint16(b[28:], 24)
	return b
}

// TestHugeHeader: a PNG declaring 100000×100000 pixels is refused from its
// header, quickly and with almost no allocation.
func TestHugeHeader(t *testing.T) {
	data := declaredPNG(100000, 100000)
	if _, err := Decode(data, testLimits); !errors.Is(err, ErrImageTooLarge) {
		t.Fatalf("got %v, want ErrImageTooLarge", err)
	}
	const runs = 50
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	for i := 0; i < runs; i++ {
		Decode(data, testLimits)
	}
	elapsed := time.Since(start) / runs
	runtime.ReadMemStats(&after)
	perCall := (after.TotalAlloc - before.TotalAlloc) / runs
	t.Logf("huge header refused in %v, %d B allocated per call", elapsed, perCall)
	if perCall >= 1<<20 {
		t.Errorf("refusing the header allocated %d bytes per call, want under 1 MiB", perCall)
	}
	if allocs := testing.AllocsPerRun(runs, func() { Decode(data, testLimits) }); allocs > 40 {
		t.Errorf("%v allocations per call, want a handful", allocs)
	}
	if elapsed > 5*time.Millisecond {
		t.Errorf("took %v per call, want microseconds", elapsed)
	}
}

// TestHugeHeaderFirstCall repeats the check as the very first call of a
// fresh process, so that no lazily built state hides in earlier calls.
func TestHugeHeaderFirstCall(t *testing.T) {
	if os.Getenv("IMAGEIN_FIRST_CALL_CHILD") == "1" {
		data := declaredPNG(100000, 100000)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := Decode(data, testLimits)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrImageTooLarge) {
			t.Fatalf("got %v, want ErrImageTooLarge", err)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n >= 1<<20 {
			t.Fatalf("first call allocated %d bytes, want under 1 MiB", n)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHugeHeaderFirstCall$", "-test.v")
	cmd.Env = append(os.Environ(), "IMAGEIN_FIRST_CALL_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child process: %v\n%s", err, out)
	}
}

// failingReader returns some bytes, then an error.
type failingReader struct{ n int }

var errRead = errors.New("connection reset")

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errRead
	}
	n := min(r.n, len(p))
	r.n -= n
	return n, nil
}

// TestDecodeErrors: every failure wraps its sentinel, a codec's failure
// its error too, and the reader's I/O error is passed on as it is.
func TestDecodeErrors(t *testing.T) {
	enc := encodings(t, testImage())
	type errCase struct {
		name string
		data []byte
		lim  Limits
		want error
	}
	cases := []errCase{
		{"empty", nil, testLimits, ErrUnsupportedFormat},
		{"text", []byte("hello, this is not an image"), testLimits, ErrUnsupportedFormat},
		{"PNG signature only", []byte(pngSignature), testLimits, ErrCorrupt},
		{"zero-size PNG", declaredPNG(0, 0), testLimits, ErrCorrupt},
		{"PNG over MaxBytes", enc["PNG"], Limits{MaxBytes: int64(len(enc["PNG"]) - 1), MaxPixels: testLimits.MaxPixels}, ErrInputTooLarge},
		{"PNG over MaxPixels", enc["PNG"], Limits{MaxBytes: testLimits.MaxBytes, MaxPixels: 100}, ErrImageTooLarge},
		{"huge BMP header", bmpHeader(60000, 60000), testLimits, ErrImageTooLarge},
	}
	for name, data := range enc {
		cuts := []int{len(data) / 3, len(data) / 2, len(data) - 20}
		if name == "TIFF" {
			cuts = cuts[:2] // its tail holds unused IFD values
		}
		for _, cut := range cuts {
			cases = append(cases, errCase{name + " truncated", data[:cut], testLimits, ErrCorrupt})
		}
	}
	for _, c := range cases {
		if _, err := Decode(c.data, c.lim); !errors.Is(err, c.want) {
			t.Errorf("Decode(%s): %v, want %v", c.name, err, c.want)
		}
		if _, err := Read(bytes.NewReader(c.data), c.lim); !errors.Is(err, c.want) {
			t.Errorf("Read(%s): %v, want %v", c.name, err, c.want)
		}
	}
	// The codec's own error is wrapped too: image/png reports the cut.
	_, err := Decode(enc["PNG"][:len(enc["PNG"])/2], testLimits)
	var formatErr png.FormatError
	if !errors.Is(err, ErrCorrupt) || !errors.As(err, &formatErr) || !strings.HasPrefix(err.Error(), "corrupt PNG: ") {
		t.Errorf("corrupt PNG: %v, want ErrCorrupt wrapping image/png's FormatError", err)
	}
	_, err = Read(&failingReader{n: 100}, testLimits)
	for _, s := range []error{ErrInputTooLarge, ErrImageTooLarge, ErrUnsupportedFormat, ErrCorrupt} {
		if errors.Is(err, s) {
			t.Errorf("I/O error %v wraps %v", err, s)
		}
	}
	if !errors.Is(err, errRead) {
		t.Errorf("I/O error %v does not wrap the reader's error", err)
	}
}

// FuzzDecode: whatever the bytes, Decode returns an image within the
// limits or an error wrapping one of the sentinels, never a panic.
func FuzzDecode(f *testing.F) {
	for _, data := range encodings(f, testImage()) {
		f.Add(data)
		f.Add(data[:min(len(data), 64)]) // header only
	}
	f.Add(declaredPNG(100000, 100000))
	f.Add(bmpHeader(16, 16))
	// A WebP container header (RIFF, size, WEBP, a VP8L chunk of a 1×1 image).
	f.Add([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"))
	f.Add([]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
	f.Add([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
	lim := Limits{MaxBytes: 1 << 20, MaxPixels: 1 << 16}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data, lim)
		if err != nil {
			for _, s := range []error{ErrInputTooLarge, ErrImageTooLarge, ErrUnsupportedFormat, ErrCorrupt} {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error %v wraps none of the sentinels", err)
		}
		defer d.Release()
		b := d.Image.Bounds()
		if int64(b.Dx())*int64(b.Dy()) > lim.MaxPixels {
			t.Fatalf("decoded %v, over the pixel limit", b)
		}
		LuminanceOf(d.Image).Release()
	})
}
