package qr

import (
	"fmt"
	"image/color"

	"github.com/qrworks/qrworks/encode"
)

// Option configures encoding or rendering. One Option type serves Encode,
// EncodeBytes, the renderers (WritePNG, PNG, WriteSVG, Raster, Image,
// WriteText, AppendText, Text) and WriteFile; each option's documentation
// says where it applies.
//
// Render options (Scale, QuietZone, Colors, Invert) given to Encode or
// EncodeBytes become the Code's render defaults; given to a render call they
// override those defaults one by one for that call. Encoding options given
// to a render call are checked and otherwise ignored, so one option slice
// can still be passed to both Encode and WritePNG.
//
// An invalid option argument (for example Scale(0)) makes the call it is
// passed to return an error wrapping ErrInvalidOption.
type Option func(*config)

// config collects the effect of a list of Options. The zero value is not the
// default: call reset or resetFor. Options receive a *config through a
// function value, which makes it escape; hot paths therefore keep their
// config in pooled scratch and reset it, rather than building a new one per
// call.
type config struct {
	enc      encode.Options
	noECI    bool // NoECI was given
	utf8ECI  bool // UTF8ECI was given
	quietSet bool // QuietZone was given: Encode keeps it whatever the format

	rendering // scale, quiet zone, colours, invert

	err error // the first invalid option, wrapped around ErrInvalidOption
}

// rendering holds the render options: what a Code keeps as its render
// defaults and what a render call starts from. Copying it does not allocate:
// the colours are interface values boxed by the caller once.
type rendering struct {
	scale  int
	quiet  int
	dark   color.Color // never nil once set by an Option or defaultRendering
	light  color.Color
	invert bool
	style  style // shapes, gradient and logo (style.go); zero for a plain code
}

// Rendering defaults: those of a Code encoded without render options, and of
// the zero Code.
const (
	DefaultScale     = 8 // pixels per module
	DefaultQuietZone = 4 // modules of light border: the minimum of ISO/IEC 18004:2015 §6.3.8
)

// defaultRendering is the package's render defaults, those of a Code encoded
// without render options. Its colours are held in interface values once:
// assigning color.White to an interface field boxes it, which would cost an
// allocation on every reset.
var defaultRendering = rendering{
	scale: DefaultScale,
	quiet: DefaultQuietZone,
	dark:  color.Color(color.Black),
	light: color.Color(color.White),
}

// reset sets c to the package defaults and then applies opts in order: what
// Encode starts from.
func (c *config) reset(opts []Option) { c.start(&defaultRendering, opts) }

// resetFor sets c to the render defaults of code and then applies opts in
// order: what every render call starts from, so that each option given to
// the call overrides one default of code.
func (c *config) resetFor(code *Code, opts []Option) { c.start(code.renderDefaults(), opts) }

// start sets c to the render settings r and no encoding option, then applies
// opts in order. An invalid option records the error and leaves its fields
// as they were.
func (c *config) start(r *rendering, opts []Option) {
	*c = config{rendering: *r}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
}

func (c *config) fail(format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf("qr: %w: "+format, append([]any{ErrInvalidOption}, args...)...)
	}
}

// MinVersion sets the smallest version the encoder may choose, 1..40 for
// QR (1..4 for Micro QR, 1..32 for rMQR: see As). It applies to Encode and
// EncodeBytes.
func MinVersion(v int) Option {
	return func(c *config) {
		if v < 1 || v > 40 {
			c.fail("min version %d outside 1..40", v)
			return
		}
		c.enc.MinVersion = encode.Version(v)
	}
}

// MaxVersion sets the largest version the encoder may choose, 1..40 for
// QR (1..4 for Micro QR, 1..32 for rMQR: see As). It applies to Encode and
// EncodeBytes.
func MaxVersion(v int) Option {
	return func(c *config) {
		if v < 1 || v > 40 {
			c.fail("max version %d outside 1..40", v)
			return
		}
		c.enc.MaxVersion = encode.Version(v)
	}
}

// Mask forces data mask pattern m, 0..7 (ISO/IEC 18004:2015 §7.8.2), instead
// of the pattern with the lowest penalty; Micro QR has patterns 0..3 of its
// own, rMQR only its fixed pattern, 0. It applies to Encode and
// EncodeBytes.
func Mask(m int) Option {
	return func(c *config) {
		if m < 0 || m > 7 {
			c.fail("mask %d outside 0..7", m)
			return
		}
		c.enc.Mask = encode.MaskPattern(m)
	}
}

// Kanji lets the encoder use kanji mode (Shift JIS, §7.4.6), 13 bits a
// character instead of 24 for UTF-8, when every non-ASCII character of the
// text has a kanji mode code: the symbol is then Shift JIS throughout and
// carries no ECI. Text with any other non-ASCII character (é, half-width
// katakana, emoji), or with UTF8ECI, is encoded as without Kanji (UTF-8
// under ECI 26): readers turn kanji segments into Shift JIS bytes and read
// them in the charset of the ECI, so the two cannot share a symbol. It is
// never automatic: decoders return kanji segments as Shift JIS bytes, not
// UTF-8. It applies to Encode and EncodeBytes.
func Kanji() Option { return func(c *config) { c.enc.Kanji = true } }

// NoECI leaves out the ECI 26 (UTF-8) designator that Encode writes before
// text that is not pure ASCII, for old scanners that mishandle ECI. It
// applies to Encode and EncodeBytes.
func NoECI() Option { return func(c *config) { c.noECI, c.utf8ECI = true, false } }

// UTF8ECI writes the ECI 26 (UTF-8) designator even where the defaults would
// not: EncodeBytes writes none unless asked. It applies to Encode and
// EncodeBytes.
func UTF8ECI() Option { return func(c *config) { c.utf8ECI, c.noECI = true, false } }

// BoostLevel raises the error correction level as far as the chosen version
// allows without growing it. It applies to Encode and EncodeBytes.
func BoostLevel() Option { return func(c *config) { c.enc.BoostLevel = true } }

// Scale sets the pixels per module of rendered images (default 8). It
// applies to WritePNG, PNG, WriteSVG, Raster, Image and WriteFile, and given
// to Encode it becomes the Code's default.
func Scale(px int) Option {
	return func(c *config) {
		if px < 1 {
			c.fail("scale %d is not positive", px)
			return
		}
		c.scale = px
	}
}

// QuietZone sets the width of the light border in modules (default 4 for
// QR and 2 for Micro QR and rMQR, the minimum their standards ask for; 0
// is allowed). It applies to every renderer and WriteFile, and given to
// Encode it becomes the Code's default.
func QuietZone(modules int) Option {
	return func(c *config) {
		if modules < 0 {
			c.fail("quiet zone %d is negative", modules)
			return
		}
		c.quiet, c.quietSet = modules, true
	}
}

// Colors sets the colours of dark and light modules (default black on
// white). It applies to WritePNG, PNG, WriteSVG, Raster, Image and
// WriteFile, and given to Encode it becomes the Code's default.
//
// The two colours of a plain code must differ in luminance by at least
// MinContrast (see Contrast): Encode and the renderers refuse a pair that a
// scanner sees as one grey, such as black on black or yellow on white, as
// an invalid option naming both colours, not an image nobody can read
// (Image, which cannot fail, keeps the Code's colours instead). A styled
// code's colours are judged by its check, which also weighs luma
// (ErrNotScannable, see Check). The light colour may be transparent: the
// page behind it is not known, so the pair passes if it reads over a white
// or a black background. Many readers (zbarimg and ZXingReader among them)
// take a transparent pixel for black, so such an image must be flattened
// onto a background that contrasts with the dark colour (white, for a dark
// one) before it is scanned. A nil colour is an invalid option.
func Colors(dark, light color.Color) Option {
	return func(c *config) {
		if dark == nil || light == nil {
			c.fail("nil colour")
			return
		}
		c.dark, c.light = dark, light
	}
}

// plainColours returns an error wrapping ErrInvalidOption if the colours
// of r, drawn as a plain code, are too close in luminance to be read (see
// Colors).
func (r *rendering) plainColours() error {
	if d, ok := r.dark.(color.Gray16); ok && d == color.Black {
		if l, ok := r.light.(color.Gray16); ok && l == color.White {
			return nil // the defaults: nothing to compute
		}
	}
	if sc := colorsContrast(r.dark, r.light); sc < MinContrast {
		return fmt.Errorf("qr: %w: colours %s (dark) and %s (light) differ by %.2f in luminance, under the %.2f a scanner needs (ISO/IEC 15415 grade C)",
			ErrInvalidOption, hexColor(r.dark), hexColor(r.light), sc, MinContrast)
	}
	return nil
}

// colorsContrast is the Contrast of dark and light as the image will be
// seen: over white, and, when light is not opaque, over black if that is
// better, since whatever is behind a transparent background shows through.
func colorsContrast(dark, light color.Color) float64 {
	sc := Contrast(dark, light)
	if _, _, _, a := light.RGBA(); a < 0xffff {
		sc = max(sc, Contrast(overBlack(dark), overBlack(light)))
	}
	return sc
}

// overBlack returns c drawn over black: its premultiplied components,
// opaque.
func overBlack(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.RGBA64{uint16(r), uint16(g), uint16(b), 0xffff}
}

// hexColor writes c as #rrggbb, or #rrggbbaa when it is not opaque.
func hexColor(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	if n.A == 0xff {
		return fmt.Sprintf("#%02x%02x%02x", n.R, n.G, n.B)
	}
	return fmt.Sprintf("#%02x%02x%02x%02x", n.R, n.G, n.B, n.A)
}

// Invert swaps the printed and blank cells of terminal text, for terminals
// with a light background. It applies to Text, WriteText and AppendText, and
// given to Encode it becomes the Code's default, which a render call cannot
// turn off: encode without it and give it to the calls that want it.
func Invert() Option { return func(c *config) { c.invert = true } }
