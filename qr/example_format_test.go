package qr_test

import (
	"bytes"
	"fmt"
	"image"
	"log/slog"

	"github.com/qrworks/qrworks/qr"
)

// A Micro QR Code for a short serial number: the zero level means M for
// Micro QR, and the quiet zone is 2 modules unless QuietZone says
// otherwise.
func ExampleAs_microQR() {
	code, err := qr.Encode("12345", 0, qr.As(qr.MicroQR))
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	fmt.Printf("%v M%d-%v, %d×%d modules\n", code.Format(), code.Version(), code.Level(), code.Width(), code.Height())
	fmt.Print(code.Text(qr.QuietZone(1)))
	// Output:
	// Micro QR M2-M, 13×13 modules
	// █▀▀▀▀▀▀▀█▀█▀█▀█
	// █ █▀▀▀█ █ ▀▀█▀█
	// █ █   █ ██▀▀ ▄█
	// █ ▀▀▀▀▀ █▄█▀█ █
	// █▀▀▀██▀▀▀▀▄█▄▄█
	// █▀  ▄▄██▄█  ▀██
	// █▀ ▀▀ ▀▀█ █▄▀ █
	// ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀
}

// A rectangular Micro QR Code for a narrow label, at most 9 modules high:
// the encoder picks the symbol of smallest area among those low enough.
// Every renderer draws the rectangle.
func ExampleMaxHeight() {
	code, err := qr.Encode("LOT 2026-0042 EXP 12/27", qr.M, qr.As(qr.RMQR), qr.MaxHeight(9))
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	fmt.Printf("%v version %d-%v, %d×%d modules\n", code.Format(), code.Version(), code.Level(), code.Width(), code.Height())
	png, err := code.PNG(qr.Scale(4))
	if err != nil {
		slog.Error("render", "err", err)
		return
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(png))
	if err != nil {
		slog.Error("read back", "err", err)
		return
	}
	fmt.Printf("PNG %d×%d pixels\n", cfg.Width, cfg.Height)
	// Output:
	// rMQR version 7-M, 59×9 modules
	// PNG 252×52 pixels
}
