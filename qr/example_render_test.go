package qr_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"log/slog"
	"strings"

	"github.com/qrworks/qrworks/qr"
)

func ExampleCode_PNG() {
	code, err := qr.Encode("hello", qr.M)
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	// Navy on a transparent background: a 2-entry palette with tRNS.
	b, err := code.PNG(qr.Scale(4), qr.Colors(color.RGBA{0, 0, 0x80, 0xff}, color.Transparent))
	if err != nil {
		slog.Error("png", "err", err)
		return
	}
	fmt.Println(bytes.Contains(b, []byte("PLTE")), bytes.Contains(b, []byte("tRNS")))
	// Output: true true
}

func ExampleCode_Text() {
	code, err := qr.Encode("hi", qr.L)
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	// For a terminal with a dark background: light modules and the quiet
	// zone are printed. Invert() suits light backgrounds.
	fmt.Print(code.Text(qr.QuietZone(1)))
	// Output:
	// █▀▀▀▀▀▀▀██▀██▀█▀▀▀▀▀▀▀█
	// █ █▀▀▀█ █▄▀█▄██ █▀▀▀█ █
	// █ █   █ █▄█▀ ▀█ █   █ █
	// █ ▀▀▀▀▀ █ ▄ █ █ ▀▀▀▀▀ █
	// █▀▀▀▀▀█▀▀▀▀▄▄ ▀█▀█▀█▀██
	// █▄▀▄██ ▀▀██ ▀▄▀█▄▀▀▀▀▄█
	// █ ▄ ▄▀ ▀▄█▀█▀█▀█▄ █ █▀█
	// █▀▀▀▀▀▀▀█ █▄▄ ▄ ▀█▄█▀▄█
	// █ █▀▀▀█ █▀▄ ▄ ▄▄▀█▄▀█▄█
	// █ █   █ █ ▄█▀▄▀█▄▀▀ ███
	// █ ▀▀▀▀▀ █  ▀▀█▀█▄ ▀ ▀██
	// ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀
}

func ExampleCode_WriteSVG() {
	code, err := qr.Encode("hello", qr.Q)
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	var sb strings.Builder
	if err := code.WriteSVG(&sb, qr.Scale(5)); err != nil {
		slog.Error("svg", "err", err)
		return
	}
	fmt.Println(strings.SplitN(sb.String(), "\n", 2)[0])
	// Output: <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="145" height="145" viewBox="0 0 29 29" shape-rendering="crispEdges">
}

func ExampleCode_Image() {
	code, err := qr.Encode("hello", qr.H)
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	// The image reads the matrix: no pixel buffer, whatever the scale.
	img := code.Image(qr.Scale(3))
	canvas := image.NewRGBA(image.Rect(0, 0, 200, 200))
	draw.Draw(canvas, canvas.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(canvas, img.Bounds().Add(image.Pt(20, 20)), img, image.Point{}, draw.Over)
	fmt.Println(img.Bounds(), img.ColorIndexAt(12, 12), img.ColorIndexAt(0, 0))
	// Output: (0,0)-(87,87) 1 0
}
