package qr_test

import (
	"bytes"
	"fmt"
	"log/slog"

	"github.com/qrworks/qrworks/qr"
)

func ExampleDecode() {
	code, err := qr.Encode("https://example.com/product/0123456789?batch=42", qr.H)
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	png, err := code.PNG()
	if err != nil {
		slog.Error("render PNG", "err", err)
		return
	}
	results, err := qr.Decode(bytes.NewReader(png))
	if err != nil {
		slog.Error("decode", "err", err)
		return
	}
	for _, r := range results {
		fmt.Printf("%s (version %d, level %s)\n", r.Text, r.Version, r.Level)
	}
	// Output: https://example.com/product/0123456789?batch=42 (version 5, level H)
}
