package main

import (
	"encoding/hex"
	"fmt"
	"image/color"
	"strings"

	"github.com/qrworks/qrworks/qr"
)

// style is what the command-line flags say about the code and its image.
type style struct {
	level  qr.Level
	scale  int
	quiet  int
	fg, bg string // "" keeps the library's black on white
	eci    bool
	kanji  bool
	invert bool
}

// options turns the style into the one qr.Option list that serves both
// encoding and rendering (each call ignores the options it has no use for).
func (s style) options() ([]qr.Option, error) {
	opts := []qr.Option{qr.Scale(s.scale), qr.QuietZone(s.quiet)}
	if s.fg != "" || s.bg != "" {
		dark, light := color.Color(color.Black), color.Color(color.White)
		var err error
		if s.fg != "" {
			if dark, err = parseColor(s.fg); err != nil {
				return nil, fmt.Errorf("-fg: %w", err)
			}
		}
		if s.bg != "" {
			if light, err = parseColor(s.bg); err != nil {
				return nil, fmt.Errorf("-bg: %w", err)
			}
		}
		opts = append(opts, qr.Colors(dark, light))
	}
	if !s.eci {
		opts = append(opts, qr.NoECI())
	}
	if s.kanji {
		opts = append(opts, qr.Kanji())
	}
	if s.invert {
		opts = append(opts, qr.Invert())
	}
	return opts, nil
}

// parseLevel reads an error correction level name: L, M, Q or H.
func parseLevel(s string) (qr.Level, error) {
	switch strings.ToUpper(s) {
	case "L":
		return qr.L, nil
	case "M":
		return qr.M, nil
	case "Q":
		return qr.Q, nil
	case "H":
		return qr.H, nil
	}
	return 0, fmt.Errorf("level %q is not one of L, M, Q, H", s)
}

// parseColor reads #rgb, #rrggbb or #rrggbbaa, as the HTTP service does
// (#f00 is #ff0000); the # may be left out, which saves quoting it in a
// shell. The alpha is not premultiplied, so #ffffff00 is a fully
// transparent white.
func parseColor(s string) (color.NRGBA, error) {
	h := strings.TrimPrefix(s, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 && len(h) != 8 {
		return color.NRGBA{}, fmt.Errorf("colour %q is not #rgb, #rrggbb or #rrggbbaa", s)
	}
	b, err := hex.DecodeString(h)
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("colour %q is not #rgb, #rrggbb or #rrggbbaa", s)
	}
	c := color.NRGBA{R: b[0], G: b[1], B: b[2], A: 0xff}
	if len(b) == 4 {
		c.A = b[3]
	}
	return c, nil
}
