package qr_test

import (
	"bytes"
	"errors"
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

// Options given to Encode become the Code's render defaults: PNG, SVG,
// Raster and the rest draw with them, and options given to a render call
// override them one by one.
func ExampleEncode_renderDefaults() {
	navy := color.RGBA{0, 0, 0x80, 0xff}
	code, err := qr.Encode("hello", qr.H, qr.Scale(20), qr.Colors(navy, color.White))
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	img, err := code.Raster() // 20 pixels per module, navy on white
	if err != nil {
		slog.Error("raster", "err", err)
		return
	}
	fmt.Println(img.Bounds().Dx(), img.At(90, 90) == color.Color(navy))

	img, err = code.Raster(qr.QuietZone(0)) // still 20 pixels per module and navy
	if err != nil {
		slog.Error("raster", "err", err)
		return
	}
	fmt.Println(img.Bounds().Dx(), img.At(10, 10) == color.Color(navy))
	// Output:
	// 580 true
	// 420 true
}

// Raster reports what Image cannot: here a scale whose image would exceed
// MaxImageSide.
func ExampleCode_Raster() {
	code, err := qr.Encode("hello", qr.H)
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	_, err = code.Raster(qr.Scale(1000))
	fmt.Println(errors.Is(err, qr.ErrInvalidOption))

	img, err := code.Raster(qr.Scale(2), qr.QuietZone(1))
	if err != nil {
		slog.Error("raster", "err", err)
		return
	}
	fmt.Println(img.Bounds())
	// Output:
	// true
	// (0,0)-(46,46)
}

// AppendText is the error-returning form of Text, and appends into a buffer
// the caller keeps.
func ExampleCode_AppendText() {
	code, err := qr.Encode("hi", qr.L, qr.QuietZone(1))
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	buf, err := code.AppendText(nil)
	if err != nil {
		slog.Error("text", "err", err)
		return
	}
	fmt.Print(string(buf[:bytes.IndexByte(buf, '\n')+1]))

	var empty qr.Code
	_, err = empty.AppendText(buf[:0])
	fmt.Println(errors.Is(err, qr.ErrEmptyCode))
	// Output:
	// █▀▀▀▀▀▀▀██▀██▀█▀▀▀▀▀▀▀█
	// true
}
