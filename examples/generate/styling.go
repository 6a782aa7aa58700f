package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	_ "image/gif" // logos in any of the common formats
	_ "image/jpeg"
	_ "image/png"
	"os"
	"strconv"
	"strings"

	"github.com/qrworks/qrworks/qr"
)

// styling is what the styling flags say: shapes, a gradient and a logo.
type styling struct {
	modules, finders string
	gradient         string
	logo             string
	logoSize         float64
}

// register adds the styling flags to fs.
func (s *styling) register(fs *flag.FlagSet) {
	fs.StringVar(&s.modules, "modules", "square", "module `shape` in images: square, rounded or dots")
	fs.StringVar(&s.finders, "finders", "square", "finder pattern `shape` in images: square, rounded or dots (circular eyes)")
	fs.StringVar(&s.gradient, "gradient", "", "dark modules as a `gradient`: from,to[,angle] (#rrggbb, degrees counter-clockwise from left-to-right) or radial,inner,outer")
	fs.StringVar(&s.logo, "logo", "", "PNG, JPEG or GIF `file` to place in the middle of the code")
	fs.Float64Var(&s.logoSize, "logo-size", 0.2, "logo width as a `fraction` of the code's width, up to 0.5")
}

// options returns the qr options of the styling flags.
func (s *styling) options() ([]qr.Option, error) {
	var opts []qr.Option
	for _, f := range []struct{ flag, value string }{{"-modules", s.modules}, {"-finders", s.finders}} {
		shape, ok := qr.ParseShape(f.value)
		if !ok {
			return nil, fmt.Errorf("%s %q is not square, rounded or dots", f.flag, f.value)
		}
		if f.flag == "-modules" {
			opts = append(opts, qr.Modules(shape))
		} else {
			opts = append(opts, qr.Finders(shape))
		}
	}
	if s.gradient != "" {
		g, err := parseGradient(s.gradient)
		if err != nil {
			return nil, fmt.Errorf("-gradient: %w", err)
		}
		opts = append(opts, g)
	}
	if s.logo != "" {
		img, err := readLogo(s.logo)
		if err != nil {
			return nil, fmt.Errorf("-logo: %w", err)
		}
		opts = append(opts, qr.Logo(img, s.logoSize))
	}
	return opts, nil
}

// parseGradient reads "from,to[,angle]" or "radial,inner,outer".
func parseGradient(s string) (qr.Option, error) {
	parts := strings.Split(s, ",")
	if len(parts) == 3 && parts[0] == "radial" {
		inner, err1 := parseColor(parts[1])
		outer, err2 := parseColor(parts[2])
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		return qr.RadialGradient(inner, outer), nil
	}
	if len(parts) != 2 && len(parts) != 3 {
		return nil, fmt.Errorf("%q is not from,to[,angle] or radial,inner,outer", s)
	}
	from, err1 := parseColor(parts[0])
	to, err2 := parseColor(parts[1])
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	angle := 0.0
	if len(parts) == 3 {
		var err error
		if angle, err = strconv.ParseFloat(parts[2], 64); err != nil {
			return nil, fmt.Errorf("angle %q is not a number", parts[2])
		}
	}
	return qr.Gradient(from, to, angle), nil
}

// readLogo decodes the logo file, checking its dimensions against
// qr.MaxLogoPixels before decoding the pixels.
func readLogo(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > qr.MaxLogoPixels {
		return nil, fmt.Errorf("%s: %d×%d pixels, more than %d", path, cfg.Width, cfg.Height, qr.MaxLogoPixels)
	}
	if _, err := f.Seek(0, 0); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

// gradeAttrs returns the log attributes of a styled code's check: its
// grade, level and version; nil for a plain code, whose grade is not news.
func gradeAttrs(text string, level qr.Level, opts []qr.Option) []any {
	code, err := qr.Encode(text, level, opts...)
	if err != nil {
		return nil
	}
	rep, ok := code.Report()
	if !ok {
		return nil
	}
	return []any{"grade", rep.Grade.String(), "level", code.Level().String(), "version", code.Version(),
		"spare_ec", fmt.Sprintf("%.2f", rep.SpareEC)}
}
