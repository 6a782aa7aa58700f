package bench

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"sync"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

// ErrMismatch marks a cell whose output is not what the workload asks for:
// another level or version, a symbol or file that does not decode to the
// workload's text. Such a cell is reported, not timed.
var ErrMismatch = errors.New("output does not match the workload")

// Check is what the harness found about one cell before timing it.
type Check struct {
	Library  string
	Workload string
	// Err is nil when the cell may be timed; otherwise it wraps
	// ErrUnsupported, ErrNotAvailable or ErrMismatch, or is the library's
	// own error.
	Err error
	// The symbol the library produced for the workload's text.
	Version int
	Level   Level
	Mask    int
	// For PNG workloads, the library's own file: its size in bytes, its
	// width in pixels (it is square) and its pixel format.
	PNGBytes  int
	PNGWidth  int
	PNGFormat string
}

// Timed reports whether the cell passed the check and is timed.
func (c Check) Timed() bool { return c.Err == nil }

var checks sync.Map // "lib/workload" → Check

// Verified returns the check of lib on w, running it on first use; the result
// is kept for the life of the process, so the benchmarks run it once.
func Verified(lib *Library, w Workload) Check {
	key := lib.Name + "/" + w.ID
	if c, ok := checks.Load(key); ok {
		return c.(Check)
	}
	c, _ := checks.LoadOrStore(key, CheckCell(lib, w))
	return c.(Check)
}

// CheckCell checks lib on w: the operation can be prepared and runs without
// error; the library's symbol for w.Text has the workload's level (and
// version, if fixed), readable format information, and decodes to w.Text
// with gozxing; for a PNG workload, the operation's own PNG file decodes to
// w.Text as well.
func CheckCell(lib *Library, w Workload) Check {
	c := Check{Library: lib.Name, Workload: w.ID, Mask: -1}
	c.Err = guard(func() error { return checkCell(lib, w, &c) })
	return c
}

// guard runs f and turns a panic in the library under test into an error, so
// that one broken cell is reported instead of ending the whole run.
func guard(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: panicked: %v", ErrMismatch, p)
		}
	}()
	return f()
}

func checkCell(lib *Library, w Workload, c *Check) error {
	op, err := lib.Prepare(w)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := op(&out); err != nil {
		return fmt.Errorf("%s: %w", lib.Name, err)
	}

	m, err := lib.Symbol(w)
	if err != nil {
		return fmt.Errorf("%s: %w", lib.Name, err)
	}
	c.Version = m.Version()
	level, mask, ok := m.FormatInfo()
	if c.Version == 0 || !ok {
		return fmt.Errorf("%w: %d×%d modules with no valid format information", ErrMismatch, m.Size, m.Size)
	}
	c.Level, c.Mask = level, mask
	if level != w.Level {
		return fmt.Errorf("%w: level %v, not %v", ErrMismatch, level, w.Level)
	}
	if w.Version != 0 && c.Version != w.Version {
		return fmt.Errorf("%w: version %d, not %d", ErrMismatch, c.Version, w.Version)
	}
	// The referee reads the bare matrix drawn at 4 pixels per module (enough
	// for gozxing's finder scan) inside the 4-module quiet zone of ISO/IEC
	// 18004:2015 §6.3.8, so the check does not depend on the library's own
	// rendering.
	text, err := Scan(Render(m, 4, 4))
	if err != nil {
		return fmt.Errorf("%w: symbol does not decode: %v", ErrMismatch, err)
	}
	if text != w.Text {
		return fmt.Errorf("%w: symbol decodes to %.40q…", ErrMismatch, text)
	}

	if !w.PNG {
		return nil
	}
	file := out.Bytes()
	c.PNGBytes = len(file)
	c.PNGFormat = pngFormat(file)
	img, err := png.Decode(bytes.NewReader(file))
	if err != nil {
		return fmt.Errorf("%w: PNG does not decode: %v", ErrMismatch, err)
	}
	c.PNGWidth = img.Bounds().Dx()
	text, err = Scan(img)
	if err != nil {
		return fmt.Errorf("%w: PNG does not scan: %v", ErrMismatch, err)
	}
	if text != w.Text {
		return fmt.Errorf("%w: PNG decodes to %.40q…", ErrMismatch, text)
	}
	return nil
}

// Render draws m with a quiet zone of quiet modules at scale pixels per
// module, black on white.
func Render(m *Matrix, scale, quiet int) *image.Gray {
	side := (m.Size + 2*quiet) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			if m.Dark(x/scale-quiet, y/scale-quiet) {
				img.SetGray(x, y, color.Gray{})
			}
		}
	}
	return img
}

// Scan decodes one QR Code in img with gozxing's reader, trying harder; it
// is the harness's referee, independent of every encoder under test except
// gozxing's own.
func Scan(img image.Image) (string, error) {
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

// pngFormat describes a PNG's pixel format from its IHDR chunk (bit depth at
// byte 24, colour type at byte 25 of the file; PNG specification §11.2.2).
func pngFormat(file []byte) string {
	if len(file) < 26 {
		return "?"
	}
	depth := fmt.Sprintf("%d-bit", file[24])
	switch file[25] {
	case 0:
		return depth + " grey"
	case 2:
		return depth + " RGB"
	case 3:
		return depth + " palette"
	case 4:
		return depth + " grey+alpha"
	case 6:
		return depth + " RGBA"
	}
	return depth + " ?"
}
