package decode_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"log/slog"
	"os"
	"time"

	"github.com/qrworks/qrworks/decode"
)

// Decode a file: the format is recognised from its content.
func ExampleBytes() {
	data, err := os.ReadFile("testdata/w1-qrencode.png")
	if err != nil {
		slog.Error("read", "err", err)
		return
	}
	results, err := decode.Bytes(data)
	if err != nil {
		slog.Error("decode", "err", err)
		return
	}
	for _, r := range results {
		fmt.Println(r.Text)
		fmt.Println("version", r.Version, "level", r.Level, "corners", r.Corners)
	}
	// Output:
	// https://example.com/product/0123456789?batch=42
	// version 6 level H corners [(40,40) (450,40) (450,450) (40,450)]
}

// Decode an upload with tighter limits than the defaults, telling the
// client's mistakes apart from an image without a code.
func ExampleReader() {
	upload := bytes.NewReader([]byte("\x89PNG\r\n\x1a\n, or so it claims"))
	_, err := decode.Reader(upload, decode.MaxBytes(4<<20), decode.MaxPixels(12_000_000))
	switch {
	case errors.Is(err, decode.ErrNotFound):
		fmt.Println("no code in the image")
	case errors.Is(err, decode.ErrCorrupt), errors.Is(err, decode.ErrUnsupportedFormat):
		fmt.Println("not a readable image")
	case errors.Is(err, decode.ErrImageTooLarge), errors.Is(err, decode.ErrInputTooLarge):
		fmt.Println("too large")
	}
	// Output: not a readable image
}

// Decode an image already in memory, such as a camera frame, with only
// the cheap first pass.
func ExampleImage() {
	frame := image.NewGray(image.Rect(0, 0, 640, 480)) // a blank frame
	_, err := decode.Image(frame, decode.Fast())
	fmt.Println(errors.Is(err, decode.ErrNotFound))
	// Output: true
}

// Bound the time an upload may cost: the cheap first pass always runs,
// the harder passes stop after the timeout (decode.Context does the same
// with a request's context).
func ExampleTimeout() {
	photo := image.NewGray(image.Rect(0, 0, 1600, 1200)) // no code in it
	_, err := decode.Image(photo, decode.Timeout(time.Nanosecond))
	fmt.Println(errors.Is(err, decode.ErrNotFound), errors.Is(err, context.DeadlineExceeded))
	// Output: true true
}
