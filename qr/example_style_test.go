package qr_test

import (
	"fmt"
	"image/color"

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
