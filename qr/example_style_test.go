package qr_test

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"log/slog"

	"github.com/qrworks/qrworks/qr"
)

func ExampleContrast() {
	navy := color.RGBA{0x1a, 0x23, 0x7e, 0xff}
	yellow := color.RGBA{0xff, 0xeb, 0x3b, 0xff}
	for _, c := range []color.Color{navy, yellow} {
		sc := qr.Contrast(c, color.White)
		fmt.Printf("%.2f %v\n", sc, sc >= qr.MinContrast)
	}
	// Output:
	// 0.97 true
	// 0.19 false
}

// badge returns a small logo: an orange disc.
func badge() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			if dx, dy := x-32, y-32; dx*dx+dy*dy < 30*30 {
				img.SetNRGBA(x, y, color.NRGBA{0xef, 0x6c, 0x00, 0xff})
			}
		}
	}
	return img
}

// A logo a quarter of the symbol's width, asked at level M: Encode raises
// the level until the logo's damage can be corrected with room to spare.
func ExampleLogo() {
	logo := qr.Logo(badge(), 0.25) // build once: it caches the scaled logo
	code, err := qr.Encode("https://example.com/menu?table=12", qr.M, logo, qr.Modules(qr.Dots))
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	rep, err := code.Check()
	if err != nil {
		slog.Error("check", "err", err)
		return
	}
	fmt.Println("level", code.Level(), "grade", rep.Grade, "decoded", rep.Decoded && rep.DecodedSmall)
	// Every render of the code is checked the same way before it is
	// returned.
	if err := code.WritePNG(io.Discard); err != nil {
		slog.Error("png", "err", err)
	}
	// Output: level H grade D decoded true
}

// A logo that no level can carry is refused with the report of the check.
func ExampleNotScannableError() {
	_, err := qr.Encode("https://example.com/menu?table=12", qr.H, qr.Logo(badge(), 0.5))
	var ns *qr.NotScannableError
	if errors.As(err, &ns) {
		fmt.Println(errors.Is(err, qr.ErrNotScannable), ns.Report.Grade, ns.Report.SpareEC < qr.MinSpareEC)
	}
	// Output: true F true
}

func ExampleCode_Check() {
	code, err := qr.Encode("https://example.com", qr.Q)
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	// The plain code, then with rounded modules and a navy gradient.
	for _, opts := range [][]qr.Option{nil, {qr.Modules(qr.Rounded), qr.Finders(qr.Rounded),
		qr.Gradient(color.RGBA{0x1a, 0x23, 0x7e, 0xff}, color.RGBA{0x6a, 0x1b, 0x9a, 0xff}, 45)}} {
		rep, err := code.Check(opts...)
		if err != nil {
			slog.Error("check", "err", err)
			return
		}
		fmt.Printf("grade %v, spare error correction %.2f, contrast %.2f\n", rep.Grade, rep.SpareEC, rep.Contrast)
	}
	// Output:
	// grade A, spare error correction 1.00, contrast 1.00
	// grade A, spare error correction 1.00, contrast 0.94
}
