package qr_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/png" // for image.DecodeConfig
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/qrworks/qrworks/qr"
)

func ExampleEncode() {
	code, err := qr.Encode("https://example.com/product/0123456789?batch=42", qr.H)
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	fmt.Printf("version %d, level %v, %d×%d modules\n", code.Version(), code.Level(), code.Size(), code.Size())
	// Output: version 5, level H, 37×37 modules
}

// Data that does not fit returns a *TooLongError with the bits it needs and
// the bits the largest allowed version holds.
func ExampleEncode_tooLong() {
	_, err := qr.Encode(strings.Repeat("x", 100), qr.H, qr.MaxVersion(2))
	var tooLong *qr.TooLongError
	if errors.As(err, &tooLong) {
		fmt.Printf("needs %d bits, version 2-H holds %d\n", tooLong.NeededBits, tooLong.AvailableBits)
	}
	fmt.Println(errors.Is(err, qr.ErrTooLong))
	// Output:
	// needs 812 bits, version 2-H holds 128
	// true
}

// The message of a TooLongError is written for the person who typed the
// text: its length, what the level holds, and a lower level that fits.
func ExampleTooLongError_Message() {
	for _, n := range []int{2000, 3000} {
		_, err := qr.Encode(strings.Repeat("z", n), qr.H)
		var tooLong *qr.TooLongError
		if errors.As(err, &tooLong) {
			fmt.Println(tooLong.Message())
		}
	}
	// Output:
	// data too long for a QR code at level H: 2000 bytes; level H holds at most 1273 bytes; it fits at level M
	// data too long for a QR code: 3000 bytes; level H holds at most 1273 bytes, level L 2953
}

// A Code can be re-encoded in place, which lets a loop or a server reuse one
// Code (and one buffer) for every request without allocating.
func ExampleCode_Encode() {
	var code qr.Code
	var buf bytes.Buffer
	for _, text := range []string{"0123456789", "HELLO WORLD", "https://example.com/"} {
		if err := code.Encode(text, qr.M); err != nil {
			slog.Error("encode", "err", err)
			return
		}
		buf.Reset()
		if err := code.WritePNG(&buf); err != nil {
			slog.Error("write PNG", "err", err)
			return
		}
		fmt.Printf("%-20q version %d\n", text, code.Version())
	}
	// Output:
	// "0123456789"         version 1
	// "HELLO WORLD"        version 1
	// "https://example.com/" version 2
}

func ExampleCode_WritePNG() {
	code, err := qr.Encode("https://example.com/product/0123456789?batch=42", qr.H)
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	var buf bytes.Buffer
	if err := code.WritePNG(&buf, qr.Scale(10), qr.QuietZone(4)); err != nil {
		slog.Error("write PNG", "err", err)
		return
	}
	cfg, format, err := image.DecodeConfig(&buf)
	if err != nil {
		slog.Error("read PNG header", "err", err)
		return
	}
	// (37 modules + 2×4 quiet zone) × 10 pixels
	fmt.Printf("%s, %d×%d pixels\n", format, cfg.Width, cfg.Height)
	// Output: png, 450×450 pixels
}

func ExampleWriteFile() {
	dir, err := os.MkdirTemp("", "qrworks-example")
	if err != nil {
		slog.Error("make temporary directory", "err", err)
		return
	}
	defer os.RemoveAll(dir)

	path := filepath.Join(dir, "hello.png") // .svg writes SVG
	if err := qr.WriteFile(path, "Hello, world", qr.H, qr.Scale(4)); err != nil {
		slog.Error("write file", "err", err)
		return
	}

	f, err := os.Open(path)
	if err != nil {
		slog.Error("open", "err", err)
		return
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil {
		slog.Error("read PNG header", "err", err)
		return
	}
	fmt.Printf("%s, %d×%d pixels\n", format, cfg.Width, cfg.Height)
	// Output: png, 132×132 pixels
}
